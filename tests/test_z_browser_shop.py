"""In a real browser: a helpful vote updates its review in place, and the shop and product pages fit a phone
without script or CSP errors. Uses the browser and the demo site of tests/test_z_browser.py."""

import pytest

from tests.test_z_browser import browser, page, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

PRODUCT = "/products/facial-gua-sha-tool/"


def test_a_helpful_vote_updates_the_count_without_leaving_the_page(page):  # noqa: F811
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(page.base + PRODUCT)
    form = page.locator(".helpful-form").first
    form.locator("button").click()
    form.locator(".notice").wait_for()
    assert form.locator(".helpful-count").inner_text() == "1 reader found this helpful."
    assert form.locator(".notice").inner_text() == "Thank you for your vote."
    assert page.url == page.base + PRODUCT
    page.reload()  # the cached page may still show the old count; a second vote is not counted
    form = page.locator(".helpful-form").first
    form.locator("button").click()
    form.locator(".notice").wait_for()
    assert form.locator(".notice").inner_text() == "Your vote on this review was already counted."
    assert form.locator(".helpful-count").inner_text() == "1 reader found this helpful."
    assert errors == []


@pytest.mark.parametrize("url", ["/products/", "/products/category/facial-tools/", PRODUCT])
def test_shop_pages_fit_a_phone_without_errors(browser, site_url, url):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    errors = []
    phone.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    phone.on("pageerror", lambda exc: errors.append(str(exc)))
    assert phone.goto(site_url + url).status == 200
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert errors == []
    context.close()
