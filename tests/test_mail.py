"""Reviewers hear about an article waiting for them: one message each when it is submitted. Production
reads its mail server from EMAIL_URL; without one, mail is dropped with a warning, never logged."""

import os
import subprocess
import sys

from django.contrib.auth.models import Group, User
from django.core import mail

from articles.review import REVIEWERS_GROUP

from .test_editorial_workflow import submit_as_editor


def test_submitting_an_article_mails_each_reviewer_once(client, demo, editor):
    mai = User.objects.get(username="mai.sogawa")
    mai.email = "mai@example.com"
    mai.save()
    second = User.objects.create_user("second.reviewer", "second@example.com", "a-long-test-password")
    second.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    mail.outbox.clear()

    submit_as_editor(client, editor)

    to_reviewers = [m for m in mail.outbox if set(m.to) & {"mai@example.com", "second@example.com"}]
    assert sorted(address for m in to_reviewers for address in m.to) == ["mai@example.com", "second@example.com"]
    assert all("Pressing Hegu for a tension headache" in m.subject for m in to_reviewers)
    # The editor who submitted isn't mailed about her own submission.
    assert not [m for m in mail.outbox if "eddie@example.com" in m.to]


def production_settings(**env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER)"
    )
    base = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "tcmtips.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.com",
        "ALLOW_LOCAL_CACHE": "true",
        "DATABASE_URL": "sqlite:////tmp/tcmtips-mail-settings.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout.split()


def test_production_reads_the_mail_server_from_email_url():
    backend, host, port, tls, user = production_settings(EMAIL_URL="smtp+tls://mailer:secret@smtp.example.com:587")
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, tls, user) == ("smtp.example.com", "587", "True", "mailer")


def test_production_without_email_url_never_writes_mail_to_the_log_but_warns_it_was_dropped():
    assert production_settings()[0] == "security.mail.DiscardWithWarningBackend"


def test_a_password_reset_mail_without_a_mail_server_is_dropped_with_a_warning_that_holds_no_link(
    client, demo, settings, caplog, capsys
):
    from django.contrib.auth.models import User

    settings.EMAIL_BACKEND = "security.mail.DiscardWithWarningBackend"
    User.objects.create_user("resetme", "resetme@example.com", "a-long-test-password")
    response = client.post("/admin/password_reset/", {"email": "resetme@example.com"})
    assert response.status_code == 302
    logged = caplog.text + "".join(capsys.readouterr())
    assert "not sent" in logged and "EMAIL_URL" in logged
    assert "reset" not in logged.lower().replace("password_reset/", "") and "resetme@" not in logged
