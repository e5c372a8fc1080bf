"""What only a browser shows: the search overlay, the phone layout (the routine: test_z_browser_routine.py).
Drives Debian's Chromium (/usr/bin/chromium) through Playwright against the site served by a separate
process on its own SQLite database with the demo content, so these tests never touch the test database."""

import os
import time

import pytest

from demo.browser_site import CHROMIUM, CHROMIUM_ARGS, served_demo

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
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The demo site served by `manage.py runserver` on a free port, from a fresh SQLite database."""
    with served_demo(tmp_path_factory.mktemp("browser-site"), "browser") as (url, _):
        yield url


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
