"""The reader's tools that float or print, in a real browser: the scroll-to-top button (only once the reader
is a screen down, and never over Wagtail's user bar for a signed-in editor) and the article's Print button.
Same set-up as test_z_browser.py: Debian's Chromium through Playwright against a served demo site."""

import pytest

from demo.browser_site import served_demo

from .test_z_browser import ARTICLE, browser, wait_until  # noqa: F401  (the shared Chromium fixture)

pytestmark = pytest.mark.browser
PASSWORD = "a-long-browser-test-password"
SETUP = f"""
from django.contrib.auth.models import User
User.objects.create_superuser("editor", "editor@example.com", "{PASSWORD}")
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with served_demo(tmp_path_factory.mktemp("page-tools-site"), "page-tools", setup=SETUP) as (url, _):
        yield url


def new_page(browser, width, height=800):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def scroll_to(page, y):
    page.evaluate(f"window.scrollTo(0, {y})")
    wait_until(page, f"Math.abs(window.scrollY - {y}) < 2")
    page.wait_for_timeout(100)  # one animation frame for the button to follow


@pytest.mark.parametrize("width", [390, 1280])
def test_scroll_to_top_appears_only_once_the_reader_is_a_screen_down(browser, base, width):  # noqa: F811
    context, page = new_page(browser, width)
    page.goto(base + ARTICLE)
    button = page.locator(".to-top")
    assert button.is_hidden()
    scroll_to(page, 400)  # half a screen
    assert button.is_hidden()
    scroll_to(page, 820)  # a screen and a little
    assert button.is_visible()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 800 and box["x"] + box["width"] <= width  # inside the screen
    scroll_to(page, 0)
    assert button.is_hidden()
    context.close()


def test_without_javascript_scroll_to_top_is_a_plain_link_at_the_foot(browser, base):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + ARTICLE)
    link = page.locator(".to-top")
    assert link.get_attribute("href") == "#main"
    assert page.evaluate("getComputedStyle(document.querySelector('.to-top')).position") == "static"
    context.close()


def overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_scroll_to_top_never_covers_the_editors_user_bar(browser, base, width):  # noqa: F811
    context, page = new_page(browser, width)
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    page.goto(base + ARTICLE)
    trigger = page.locator(".w-userbar-trigger")  # inside the user bar's shadow root
    trigger.wait_for()
    assert page.locator(".to-top").is_hidden()
    for y in (900, 2000, 100_000):  # a screen down, further, the very bottom
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(150)
        button = page.locator(".to-top")
        assert button.is_visible(), y
        assert not overlap(button.bounding_box(), trigger.bounding_box()), y
    context.close()


def test_an_article_has_a_visible_print_button_that_prints_the_routine_card(browser, base):  # noqa: F811
    context, page = new_page(browser, 1280)
    context.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(base + ARTICLE)
    button = page.get_by_role("button", name="Print the routine card")
    assert button.is_visible()
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert button.is_hidden()  # not on the card itself
    assert page.locator(".point-section").first.is_visible()
    context.close()


def test_without_javascript_no_print_button_that_could_not_work_is_shown(browser, base):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + ARTICLE)
    assert page.locator(".print-button").is_hidden()
    context.close()
