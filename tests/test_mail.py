"""Reviewers hear about an article waiting for them: one message each when it is submitted. Production
reads its mail server from EMAIL_URL; without one, mail goes to the console instead of a traceback."""

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


def test_production_without_email_url_prints_mail_instead_of_failing():
    assert production_settings()[0] == "django.core.mail.backends.console.EmailBackend"
