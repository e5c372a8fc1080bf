"""The personal safety filter in a real browser, on a 390 px phone: the point library and the guided routine
leave out what is cautioned for the reader, say why and on whose authority, and the choice never leaves the
browser. Same set-up as test_z_browser.py."""

import pytest

from tests.test_z_browser import ARTICLE, browser, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.base = site_url
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request))
    yield page
    context.close()


def li4(page):
    return page.locator('.point-list li[data-code="LI-4"]')


def test_a_reader_on_a_phone_turns_on_pregnant_and_li4_is_marked_with_its_reason_and_source(phone):
    phone.goto(phone.base + "/points/")
    assert li4(phone).get_attribute("class") in (None, "")
    box = phone.get_by_label("I'm pregnant")
    assert box.is_visible()
    box.check()
    assert "safety-cautioned" in li4(phone).get_attribute("class")
    note = li4(phone).locator(".safety-note").inner_text()
    assert "Points traditionally avoided in pregnancy" in note
    assert "A Manual of Acupuncture" in note
    assert "Marked for you: " in phone.locator(".safety-status").inner_text()
    assert phone.locator(".safety-status").get_attribute("role") == "status"
    # Points not cautioned stay as they were.
    assert "safety-cautioned" not in (phone.locator('.point-list li[data-code="BL-40"]').get_attribute("class") or "")
    # The page fits the phone: nothing scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path="/tmp/safety-library-390.png", full_page=False)
    li4(phone).scroll_into_view_if_needed()
    phone.screenshot(path="/tmp/safety-library-li4-390.png")


def test_the_choice_is_remembered_on_this_device_only_and_can_be_turned_off(phone):
    phone.goto(phone.base + "/points/")
    phone.get_by_label("I'm pregnant").check()
    phone.goto(phone.base + "/points/?meridian=li")
    assert phone.get_by_label("I'm pregnant").is_checked()
    assert "safety-cautioned" in li4(phone).get_attribute("class")
    phone.get_by_label("I'm pregnant").uncheck()
    assert "safety-cautioned" not in (li4(phone).get_attribute("class") or "")
    assert li4(phone).locator(".safety-note").count() == 0
    assert "everything is shown" in phone.locator(".safety-status").inner_text()


def test_the_routine_skips_the_firm_pressure_steps_for_a_reader_on_blood_thinners(phone):
    phone.clock.install()
    phone.goto(phone.base + ARTICLE)
    phone.get_by_label("I take blood thinners").check()
    firm = phone.locator(".point-section .steps > li", has_text="Press firmly")
    assert "safety-cautioned" in firm.get_attribute("class")
    assert "Strong pressure" in firm.locator(".safety-note").inner_text()
    phone.screenshot(path="/tmp/safety-article-390.png")
    phone.click(".routine-open")
    assert phone.locator(".routine-progress").inner_text().startswith("Point 1 of 5")
    assert phone.locator(".routine-time").inner_text() == "2:00"
    phone.click(".routine-skip")
    # GB-41's only timed step is firm pressure: the routine shows the point without running its timer.
    assert phone.locator(".routine-point").inner_text().startswith("GB-41")
    assert phone.locator(".routine-time").inner_text() == "no timer"
    assert phone.locator(".routine-steps li[aria-current=step]").count() == 0
    phone.screenshot(path="/tmp/safety-routine-390.png")
    phone.click(".routine-skip")
    assert phone.locator(".routine-point").inner_text().startswith("BL-23")  # its firm presses: no timer either
    assert phone.locator(".routine-time").inner_text() == "no timer"
    phone.click(".routine-skip")
    # BL-25 presses gently: its timer runs as before.
    assert phone.locator(".routine-point").inner_text().startswith("BL-25")
    assert phone.locator(".routine-time").inner_text() == "2:00"


def test_no_request_carries_the_choice(phone):
    phone.goto(phone.base + "/points/")
    phone.get_by_label("I'm pregnant").check()
    phone.get_by_label("I take blood thinners").check()
    phone.goto(phone.base + "/points/?complaint=headache")
    phone.goto(phone.base + ARTICLE)
    phone.click(".routine-open")
    assert phone.evaluate("localStorage.getItem('safety-filter')") == '["pregnancy","blood-thinners"]'
    assert phone.context.cookies() == [] or all("pregnan" not in c["value"] for c in phone.context.cookies())
    assert phone.requests_seen
    for request in phone.requests_seen:
        sent = " ".join([request.url, request.post_data or "", *request.all_headers().values()]).lower()
        for word in ("pregnan", "thinner", "blood"):
            assert word not in sent, request.url
