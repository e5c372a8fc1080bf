"""The production-like stack, tested through its entry point (make stack, then make test-stack).

Varnish :8080 -> nginx :8081 -> gunicorn :8001 and :8002 -> PostgreSQL tcmtips_stack and Redis db 2.
These tests only run when STACK_TESTS=1 (make test-stack sets it); `make test` skips them."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import namedtuple
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / ".stack"
ENTRY = ("127.0.0.1", 8080)
NGINX = ("127.0.0.1", 8081)
APP_SERVERS = [("127.0.0.1", 8001), ("127.0.0.1", 8002)]
ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"

pytestmark = pytest.mark.skipif(
    os.environ.get("STACK_TESTS") != "1", reason="runs through the stack: `make stack`, then `make test-stack`"
)

Response = namedtuple("Response", "status headers body")


def fetch(path, server=ENTRY, method="GET", headers=None, source=None, body=None):
    conn = http.client.HTTPConnection(*server, timeout=30, source_address=(source, 0) if source else None)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


def unique(path):
    """The same page under a URL no cache has seen yet."""
    return f"{path}{'&' if '?' in path else '?'}t={uuid.uuid4().hex}"


def stack_env():
    env = {}
    for line in (ROOT / "deploy" / "stack.env").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    return env


def manage_shell(code):
    """Python run by `manage.py shell` with deploy/stack.env: the same site the app servers serve."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env={**os.environ, **stack_env()},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module", autouse=True)
def stack_is_up():
    try:
        fetch("/")
    except OSError as exc:
        pytest.fail(f"nothing answers on http://127.0.0.1:8080/ ({exc}); start it with `make stack`")


def test_a_pages_second_fetch_is_a_varnish_hit():
    for path in (ARTICLE, "/points/", "/points/bl-40/", PRODUCT, "/search/?q=lower+back"):
        url = unique(path)
        first, second = fetch(url), fetch(url)
        assert (first.status, first.headers["x-cache"]) == (200, "MISS"), url
        assert (second.status, second.headers["x-cache"]) == (200, "HIT"), url
        assert int(second.headers["age"]) >= 0
        assert first.body == second.body
        # Varnish may keep it; a browser only briefly.
        assert "public" in second.headers["cache-control"] and "s-maxage=600" in second.headers["cache-control"]
        assert "max-age=60" in second.headers["cache-control"]


def test_every_answer_from_the_entry_point_says_hit_or_miss_and_its_age():
    offer = manage_shell("from products.models import Offer; print(Offer.objects.filter(active=True).first().slug)")
    for path in ("/", "/static/css/site.css", "/admin/login/", f"/go/{offer.strip()}/", "/no-such-page/"):
        response = fetch(path)
        assert response.headers.get("x-cache") in ("HIT", "MISS"), path
        assert "age" in response.headers, path


def test_varnish_accepts_purge_only_from_loopback():
    url = unique(ARTICLE)
    fetch(url)
    assert fetch(url).headers["x-cache"] == "HIT"
    # 127.0.0.2 is not the address the app servers purge from: refused, and the page stays cached.
    assert fetch(url, method="PURGE", source="127.0.0.2").status == 405
    assert fetch(url).headers["x-cache"] == "HIT"
    assert fetch(url, method="PURGE", source="127.0.0.1").status == 200
    assert fetch(url).headers["x-cache"] == "MISS"


def test_a_signed_in_editor_is_never_served_from_cache():
    session_key = manage_shell(
        """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
user, _ = User.objects.get_or_create(username="stack-editor", defaults={"email": "stack-editor@example.com"})
user.groups.add(Group.objects.get(name="Editors"))
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""
    ).strip()
    url = unique(ARTICLE)
    fetch(url)  # an anonymous reader's copy is now in Varnish
    assert fetch(url).headers["x-cache"] == "HIT"
    for cookie in (f"sessionid={session_key}", f"theme=dark; sessionid={session_key}"):
        for _ in range(2):
            response = fetch(url, headers={"Cookie": cookie})
            assert response.status == 200
            assert response.headers["x-cache"] == "MISS"
            assert "private" in response.headers["cache-control"]
            assert b"wagtail-userbar" in response.body  # her own page, with the editor's toolbar
    assert b"wagtail-userbar" not in fetch(url).body  # and readers never get her copy
    for _ in range(2):
        assert fetch(url, headers={"Cookie": "csrftoken=abc"}).headers["x-cache"] == "MISS"
        assert fetch("/admin/", headers={"Cookie": f"sessionid={session_key}"}).headers["x-cache"] == "MISS"
        assert fetch("/search/?q=lower+back", method="POST", body=b"").headers["x-cache"] == "MISS"


def test_a_rendition_from_the_article_answers_200_from_nginx():
    html = fetch(ARTICLE).body.decode()
    images = sorted(set(re.findall(r"/media/images/[^\"'\s,]+", html)))
    assert images, "the article shows no rendition"
    for path in images:
        through_entry = fetch(path)
        assert through_entry.status == 200, path
        assert through_entry.headers["content-type"].startswith("image/")
        from_nginx = fetch(path, server=NGINX)
        assert from_nginx.status == 200 and from_nginx.headers["server"].startswith("nginx")
        assert "max-age" in from_nginx.headers["cache-control"]
        # The app servers don't serve media in the stack: nginx reads it from the shared MEDIA_ROOT.
        assert fetch(path, server=APP_SERVERS[0]).status == 404


PUBLISH = """
import time
from articles.models import ArticlePage
page = ArticlePage.objects.get(slug="lower-back-pain-acupressure-points")
old = page.title
page.title = {title!r}
page.save_revision(clean=False).publish(skip_permission_checks=True)
print("PUBLISHED", time.time(), old, flush=True)
"""


def test_a_change_published_from_manage_py_shows_everywhere_within_two_seconds():
    servers = [ENTRY, *APP_SERVERS]
    for server in servers:  # every layer holds the current page: Varnish and the app servers' page cache
        fetch(ARTICLE, server=server)
    assert fetch(ARTICLE).headers["x-cache"] == "HIT"
    assert all(fetch(ARTICLE, server=s).headers.get("x-page-cache") == "hit" for s in APP_SERVERS)

    # Publish from manage.py while watching all three: the time from the end of publish() (printed by the
    # publishing process) to the first fetch that shows the change, on each.
    token = f"Stack check {uuid.uuid4().hex[:8]}"
    publisher = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v0", "-c", PUBLISH.format(title=token)],
        cwd=ROOT,
        env={**os.environ, **stack_env()},
        stdout=subprocess.PIPE,
        text=True,
    )
    printed = []
    reader = threading.Thread(target=lambda: printed.extend(publisher.stdout), daemon=True)
    reader.start()
    seen, deadline = {}, time.time() + 120
    try:
        while time.time() < deadline and (len(seen) < len(servers) or not printed):
            for server in servers:
                if server not in seen and token.encode() in fetch(ARTICLE, server=server).body:
                    seen[server] = time.time()
            time.sleep(0.02)
        publisher.wait(timeout=60)
        reader.join(timeout=10)
        _, published_at, old_title = printed[0].strip().split(" ", 2)
        propagation = {f"{h}:{p}": round(max(0.0, at - float(published_at)), 3) for (h, p), at in seen.items()}
        print(f"\npropagation after a manage.py publish (seconds): {propagation}")
        (STACK / "propagation.json").write_text(json.dumps(propagation))
        assert len(propagation) == len(servers), f"not everywhere: {propagation}"
        assert max(propagation.values()) <= 2.0, propagation
    finally:
        publisher.wait(timeout=60)
        if printed:
            manage_shell(PUBLISH.format(title=printed[0].strip().split(" ", 2)[2]))


def test_tracking_tags_share_one_cached_copy_in_varnish():
    path = unique(ARTICLE)
    first = fetch(f"{path}&utm_source=news&utm_campaign=a")
    second = fetch(f"{path}&fbclid=xyz&utm_medium=mail")
    assert first.status == 200 and second.headers["x-cache"] == "HIT"


REPUBLISH_POINT = """
from articles.models import AcupointPage
AcupointPage.objects.get(code="BL40").save_revision(clean=False).publish(skip_permission_checks=True)
"""


def test_a_publish_purges_every_query_string_of_the_pages_that_show_it():
    """Republishing BL-40 purges the article that shows it and /points/ with any filter, and leaves an
    unrelated point cached."""
    shown = [ARTICLE, f"{ARTICLE}?ref=mail", "/points/?meridian=BL", "/points/bl-40/"]
    unrelated = "/points/lu-1/"
    for path in [*shown, unrelated]:
        fetch(path)
        assert fetch(path).headers["x-cache"] == "HIT", path
    manage_shell(REPUBLISH_POINT)
    assert [fetch(path).headers["x-cache"] for path in shown] == ["MISS"] * len(shown)
    assert fetch(unrelated).headers["x-cache"] == "HIT"


def test_a_menu_change_drops_every_page_from_varnish():
    pages = ["/", "/points/lu-1/", PRODUCT]
    for path in pages:
        fetch(path)
        assert fetch(path).headers["x-cache"] == "HIT", path
    manage_shell(
        "from base.models import SiteSettings\nfrom wagtail.models import Site\n"
        "SiteSettings.for_site(Site.objects.get(is_default_site=True)).save()"
    )
    assert [fetch(path).headers["x-cache"] for path in pages] == ["MISS"] * len(pages)


def varnish_counters():
    result = subprocess.run(
        ["varnishstat", "-n", str(STACK / "varnish"), "-1", "-j"], capture_output=True, text=True, timeout=30
    )
    data = json.loads(result.stdout)
    counters = data.get("counters", data)
    return {
        name: counters[f"MAIN.{name}"]["value"]
        for name in ("client_req", "cache_hit", "cache_miss", "cache_hitpass", "cache_hitmiss", "s_pass")
        if f"MAIN.{name}" in counters
    }


def click_count():
    return int(manage_shell("from products.models import OutboundClick; print(OutboundClick.objects.count())"))


def test_a_bounded_load_run_has_no_errors_and_counts_every_click():
    offer = manage_shell("from products.models import Offer; print(Offer.objects.filter(active=True).first().slug)")
    clicks_before, varnish_before = click_count(), varnish_counters()
    result = subprocess.run(
        ["wrk", "-t", "4", "-c", "16", "-d", "30s", "-s", str(Path(__file__).with_name("mix.lua")),
         "http://127.0.0.1:8080", "--", offer.strip(), "27"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout.split("RESULT ", 1)[1])
    clicks_counted = click_count() - clicks_before
    varnish_after = varnish_counters()
    run["clicks_counted"] = clicks_counted
    run["requests_per_second"] = round(run["requests"] / run["seconds"], 1)
    run["varnish"] = {name: varnish_after[name] - varnish_before.get(name, 0) for name in varnish_after}
    (STACK / "load-run.json").write_text(json.dumps(run, indent=2))
    print("\nload run:", json.dumps(run))

    assert run["errors"] == {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    assert run["unexpected_status"] == 0
    assert run["go_sent"] > 0
    assert run["go_redirected"] == run["go_sent"]
    assert clicks_counted == run["go_sent"]


def descendants(pid):
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [int(c) for c in children.read_text().split()] if children.exists() else []
    return found + [d for c in found for d in descendants(c)]


def test_killing_one_app_server_leaves_the_entry_point_answering():
    master = int((STACK / "app2.pid").read_text())
    for pid in [master, *descendants(master)]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                fetch("/", server=APP_SERVERS[1])
            except OSError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the killed app server still answers")
        for path in ("/", ARTICLE, "/points/", "/points/bl-40/", PRODUCT, "/search/?q=headache") * 4:
            response = fetch(unique(path))
            assert (response.status, response.headers["x-cache"]) == (200, "MISS"), path
    finally:
        subprocess.run([str(ROOT / "deploy" / "stack-start.sh"), "app2"], check=True, timeout=120)
    assert fetch("/", server=APP_SERVERS[1]).status == 200
