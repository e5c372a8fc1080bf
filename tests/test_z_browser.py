"""What only a browser shows: the search overlay, the phone layout (the routine: test_z_browser_routine.py).
Drives Debian's Chromium (/usr/bin/chromium) through Playwright against the site served by a separate
process on its own SQLite database with the demo content, so these tests never touch the test database."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTICLE = "/articles/lower-back-pain-acupressure-points/"

pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("REQUIRE_BROWSER is set but Chromium is not installed (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The demo site served by `manage.py runserver` on a free port, from a fresh SQLite database."""
    folder = tmp_path_factory.mktemp("browser-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tcmtips.settings.dev",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CACHE_URL": "locmemcache://browser",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, timeout=300)
    subprocess.run([*manage, "load_demo", "-v0"], env=env, check=True, timeout=300)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = site_url
    yield page
    context.close()


def wait_until(page, expression, timeout=5.0):
    """Poll with evaluate(): wait_for_function() evals a string, which our CSP rightly forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(50)


def test_escape_closes_the_search_overlay(page):
    page.goto(page.base + ARTICLE)
    overlay = page.locator("#search-overlay")
    assert overlay.is_hidden()
    page.click(".search-open")
    assert overlay.is_visible()
    assert page.evaluate("document.activeElement.id") == "overlay-q"
    page.keyboard.press("Escape")
    assert overlay.is_hidden()


def test_the_overlay_searches_for_a_point(page):
    page.goto(page.base + "/")
    page.click(".search-open")
    page.fill("#overlay-q", "ub 40")
    page.keyboard.press("Enter")
    page.wait_for_url("**/points/bl-40/")
    assert "Weizhong" in page.locator("h1").inner_text()


def test_scroll_to_top_returns_to_the_top(page):
    page.goto(page.base + ARTICLE)
    page.mouse.wheel(0, 4000)
    wait_until(page, "window.scrollY > 1000")
    page.click(".to-top")
    wait_until(page, "window.scrollY === 0")


@pytest.mark.parametrize("url", [ARTICLE, "/points/", "/points/bl-40/", "/products/facial-gua-sha-tool/"])
def test_pages_fit_a_phone_screen_without_sideways_scrolling(browser, site_url, url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    phone.goto(site_url + url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_public_pages_raise_no_csp_violations_or_script_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for url in (ARTICLE, "/points/bl-40/", "/search/?q=back"):
        page.goto(page.base + url)
    assert errors == []
