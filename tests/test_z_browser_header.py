"""The header on real screens: a site with eight menu links keeps them on one row at desktop width, folds
them behind a menu button on phones that works from the keyboard, and no page scrolls sideways on a 320 px
or a 390 px phone. Runs the demo site in Debian's Chromium (see test_z_browser.py)."""

import os

import pytest

from demo.browser_site import CHROMIUM, CHROMIUM_ARGS, served_demo

pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("REQUIRE_BROWSER is set but Chromium is not installed (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

# Eight links as an editor might set them, some of them long.
EIGHT_LINKS = """
from wagtail.models import Page, Site
from base.models import SiteSettings
links = [
    ("/articles/", "Articles"),
    ("/points/", "Acupoints"),
    ("/products/", "Shop"),
    ("/authors/", "Authors"),
    ("/reviewers/", "Medical reviewers"),
    ("/articles/lower-back-pain-acupressure-points/", "Lower back pain"),
    ("/points/bl-40/", "Weizhong (BL-40)"),
    ("/points/gb-20/", "Neck tension: Fengchi"),
]
site = Site.objects.get(is_default_site=True)
root = site.root_page.url_path
settings = SiteSettings.for_site(site)
settings.menu_links = [
    ("link", {"page": Page.objects.get(url_path=root + url[1:]), "label": label, "show_in": "header"})
    for url, label in links
]
settings.save()
"""

PAGES = [
    "/",
    "/articles/lower-back-pain-acupressure-points/",
    "/points/bl-40/",
    "/points/",
    "/products/",
    "/products/facial-gua-sha-tool/",
    "/search/?q=back",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    with served_demo(tmp_path_factory.mktemp("header-site"), "header", setup=EIGHT_LINKS) as (url, _):
        yield url


def new_page(browser, site_url, width, javascript=True):
    phone = width < 800
    context = browser.new_context(
        viewport={"width": width, "height": 800 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = site_url
    return page


def link_tops(page):
    return page.evaluate("[...document.querySelectorAll('.main-nav li')].map(li => li.getBoundingClientRect().top)")


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("url", PAGES)
def test_no_page_scrolls_sideways_on_a_phone_with_eight_menu_links(browser, site_url, width, url):
    page = new_page(browser, site_url, width)
    page.goto(site_url + url)
    assert page.locator(".main-nav li").count() == 8
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.evaluate("window.innerWidth"), f"{url} is {wide} px wide on a {width} px phone"
    page.click(".menu-toggle")  # opened, the menu fits as well
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_without_javascript_the_links_show_as_a_list_that_fits(browser, site_url, width):
    page = new_page(browser, site_url, width, javascript=False)
    page.goto(site_url + "/")
    assert page.locator(".menu-toggle").is_hidden()
    assert all(page.locator(".main-nav a").nth(n).is_visible() for n in range(8))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()


def test_on_a_desktop_eight_links_fit_on_one_row(browser, site_url):
    page = new_page(browser, site_url, 1280)
    page.goto(site_url + "/articles/")
    assert page.locator(".menu-toggle").is_hidden()
    tops = link_tops(page)
    assert len(tops) == 8 and len(set(tops)) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.context.close()


def test_the_menu_button_works_from_the_keyboard(browser, site_url):
    page = new_page(browser, site_url, 390)
    page.goto(site_url + "/points/")
    button = page.locator(".menu-toggle")
    menu = page.locator("#" + button.get_attribute("aria-controls"))
    assert button.evaluate("el => el.tagName") == "BUTTON"
    assert button.get_attribute("aria-expanded") == "false" and menu.is_hidden()

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and menu.is_visible()
    page.keyboard.press("Tab")  # into the menu: its first link
    assert page.evaluate("document.activeElement.textContent") == "Articles"
    page.keyboard.press("Escape")  # closes it and gives the focus back to the button
    assert button.get_attribute("aria-expanded") == "false" and menu.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")

    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "true" and menu.is_visible()
    page.keyboard.press("Space")
    assert button.get_attribute("aria-expanded") == "false" and menu.is_hidden()

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # follows the first link
    page.wait_for_url("**/articles/")
    page.context.close()
