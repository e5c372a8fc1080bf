"""The stack behind its proxies (make stack, then make test-stack): the app tells readers apart by the address
Varnish and nginx pass on, and keeps the scheme a trusted front reports.

A TLS terminator or CDN in front of Varnish would connect from loopback and send X-Forwarded-For and
X-Forwarded-Proto; these tests play that front from 127.0.0.1, and plain readers from other loopback
addresses (127.0.0.2, 127.0.0.3) that connect to Varnish directly."""

import os
import re
import subprocess
import time
import urllib.parse
import uuid

import pytest

from .test_stack import ARTICLE, ENTRY, ROOT, fetch, manage_shell, unique

pytestmark = pytest.mark.skipif(
    os.environ.get("STACK_TESTS") != "1", reason="runs through the stack: `make stack`, then `make test-stack`"
)

PASSWORD = "stack-proxy-Kq83-vbN2"


@pytest.fixture(scope="module", autouse=True)
def stack_is_up():
    try:
        fetch("/")
    except OSError as exc:
        pytest.fail(f"nothing answers on http://127.0.0.1:8080/ ({exc}); start it with `make stack`")


@pytest.fixture
def editor():
    """A new editor account for each test, so earlier runs' failed logins don't count."""
    username = f"proxy-editor-{uuid.uuid4().hex[:8]}"
    manage_shell(
        "from django.contrib.auth.models import Group, User\n"
        f"user = User.objects.create_user({username!r}, f'{username}@example.com', {PASSWORD!r}, is_active=True)\n"
        "user.groups.add(Group.objects.get(name='Editors'))"
    )
    return username


def log_in(username, password, source=None, forwarded_for=None, proto=None):
    """The admin's login form through Varnish, as a browser would post it: the status of the POST."""
    headers = {}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    if proto:
        headers["X-Forwarded-Proto"] = proto
    form = fetch("/admin/login/", headers=headers, source=source)
    assert form.status == 200, form.status
    cookie = re.search(r"csrftoken=([^;]+)", form.headers["set-cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1).decode()
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
    )
    headers.update({"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"})
    response = fetch("/admin/login/", method="POST", headers=headers, body=body.encode(), source=source)
    signed_in = re.search(r"sessionid=([^;]+)", response.headers.get("set-cookie", ""))
    log_in.session = signed_in.group(1) if signed_in else None
    return response.status


def guess_eleven_times(username, **where):
    statuses = [log_in(username, "wrong-password", **where) for _ in range(11)]
    assert statuses[0] == 200 and statuses[-1] == 429, statuses  # the guesser is stopped
    return statuses


def test_a_guesser_behind_the_tls_front_does_not_lock_out_an_editor_at_another_address(editor):
    # Both come through the front on loopback, which names each reader in X-Forwarded-For.
    guess_eleven_times(editor, forwarded_for="203.0.113.66")
    assert log_in(editor, PASSWORD, forwarded_for="198.51.100.20") == 302
    # The guesser's own address stays locked, even with the right password.
    assert log_in(editor, PASSWORD, forwarded_for="203.0.113.66") == 429


def test_a_guesser_connecting_directly_does_not_lock_out_an_editor_at_another_address(editor):
    # A forged X-Forwarded-For from a client that is not a front changes nothing: it is counted by its own
    # address, so naming the editor's address doesn't lock her out either.
    guess_eleven_times(editor, source="127.0.0.2", forwarded_for="127.0.0.3")
    assert log_in(editor, PASSWORD, source="127.0.0.3") == 302
    assert log_in(editor, PASSWORD, source="127.0.0.2") == 429


def restart_app_servers(**env):
    """Both app servers again, with these extra environment variables (none: as make stack starts them)."""
    clean = {k: v for k, v in os.environ.items() if k != "STACK_SSL_REDIRECT"}
    for name in ("app1", "app2"):
        subprocess.run([str(ROOT / "deploy" / "stack-stop.sh"), name], check=True, timeout=60)
        subprocess.run([str(ROOT / "deploy" / "stack-start.sh"), name], check=True, timeout=120, env={**clean, **env})


@pytest.fixture
def ssl_redirect():
    """The app servers as behind a TLS front: SECURE_SSL_REDIRECT=true."""
    restart_app_servers(STACK_SSL_REDIRECT="true")
    try:
        yield
    finally:
        restart_app_servers()
        deadline = time.time() + 30
        while fetch(unique("/")).status != 200 and time.time() < deadline:
            time.sleep(0.5)


def test_with_ssl_redirect_a_request_the_front_marks_https_is_served_not_redirected(ssl_redirect):
    https = {"X-Forwarded-Proto": "https"}
    for path in (unique(ARTICLE), unique("/"), "/admin/login/"):
        response = fetch(path, headers=https)
        assert response.status == 200, (path, response.status, response.headers.get("location"))
    # Plain HTTP is sent to HTTPS once, and Varnish never hands the HTTPS page to it or the reverse.
    path = unique(ARTICLE)
    assert fetch(path, headers=https).status == 200
    plain = fetch(path)
    assert plain.status == 301 and plain.headers["location"] == f"https://127.0.0.1:{ENTRY[1]}{path}"
    again = fetch(path, headers=https)
    assert (again.status, again.headers["x-cache"]) == (200, "HIT")
    # Only a front may say https: a reader connecting to Varnish directly is plain HTTP whatever it claims.
    assert fetch(unique(ARTICLE), headers=https, source="127.0.0.2").status == 301
    # The editor signs in over the front's HTTPS without a redirect loop.
    assert fetch("/admin/", headers=https).status == 302
    assert fetch("/admin/", headers=https).headers["location"].startswith("/admin/login/")


@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_a_range_header_varnish_cannot_parse_is_ignored_not_a_503(method):
    for value in ("bytes=x", "bytes", "lines=1-2", "bytes=--1"):
        response = fetch(unique("/search/?q=back"), method=method, headers={"Range": value})
        assert response.status < 500, (method, value, response.status)
        if method == "GET":
            assert response.status == 200
    # A well-formed range still gets its part.
    assert fetch("/static/css/site.css", headers={"Range": "bytes=0-9"}).status == 206


def test_a_long_address_is_answered_and_leaves_both_app_servers_serving():
    """The redirect that adds a slash to a 3.6 KB address repeats it in Location: too long a header for nginx's
    default buffer, which counted as a failed app server, so two such requests made every reader's request a
    502 for ten seconds. (gunicorn answers 414 to a request line over 4 KB.)"""
    kanji = "%E6%BC%A2%E5%AD%97" * 200  # 3,600 characters, as a browser sends 漢字 in an address
    for path in (f"/admin/{kanji}", f"/feed/{kanji}", f"/{kanji}", f"/points/lu-1/x?review={kanji}") * 2:
        response = fetch(path)
        assert response.status < 500, (path[:40], response.status)
    for path in ("/", ARTICLE, "/points/", "/search/?q=neck") * 2:
        assert fetch(unique(path)).status == 200, path


def test_a_signed_in_editor_gets_each_edit_form_through_varnish(editor):
    """Room for long headers must not cost the admin: Varnish needs the workspace to hold them."""
    assert log_in(editor, PASSWORD) == 302
    cookie = {"Cookie": f"sessionid={log_in.session}"}
    pages = manage_shell(
        "from wagtail.models import Page; print(*Page.objects.filter(depth__gte=2).values_list('pk', flat=True)[:8])"
    )
    for pk in pages.split():
        response = fetch(f"/admin/pages/{pk}/edit/", headers=cookie)
        assert (response.status, response.headers["x-cache"]) == (200, "MISS"), pk
