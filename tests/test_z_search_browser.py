"""Suggestions as the reader types, in a real browser: typing lists them, the arrow keys move through them,
Enter opens one, ESC closes the list (and only then the overlay), and screen readers hear how many there are.
Uses the demo site served by test_z_browser's fixtures (its own process and SQLite database)."""

import pytest

from tests import test_z_browser as shared

pytestmark = pytest.mark.browser
browser, site_url, wait_until = shared.browser, shared.site_url, shared.wait_until  # the same served demo site


@pytest.fixture
def tab(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.base = site_url
    yield tab
    context.close()


def open_list(tab, field, typed):
    tab.locator(field).press_sequentially(typed, delay=40)
    listbox = tab.locator(f"{field}-suggestions")
    listbox.wait_for(state="visible")
    return listbox


def test_typing_in_the_header_suggests_and_enter_opens_the_chosen_one(tab):
    tab.goto(tab.base + "/points/")
    listbox = open_list(tab, "#header-q", "weizh")
    field = tab.locator("#header-q")
    assert field.get_attribute("role") == "combobox" and field.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert 1 <= options.count() <= 8
    assert "BL-40 Weizhong" in options.first.inner_text()
    wait_until(tab, "document.querySelector('#header-q ~ [role=status]').textContent.includes('suggestion')")

    tab.keyboard.press("ArrowDown")
    first = options.first.get_attribute("id")
    assert field.get_attribute("aria-activedescendant") == first
    assert options.first.get_attribute("aria-selected") == "true"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/points/bl-40/")


def test_arrow_keys_move_through_the_suggestions_and_back(tab):
    tab.goto(tab.base + "/")
    listbox = open_list(tab, "#header-q", "wei")  # Weizhong, Weishu, Weiyang… (the answer for "we" may come first)
    wait_until(tab, "document.querySelectorAll('#header-q-suggestions [role=option]').length >= 2")
    options = listbox.locator("[role=option]")
    field = tab.locator("#header-q")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    tab.keyboard.press("ArrowUp")
    assert field.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
    assert options.nth(1).get_attribute("aria-selected") == "false"
    tab.keyboard.press("ArrowUp")  # back in the field: Enter now searches for what was typed
    assert field.get_attribute("aria-activedescendant") is None
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/search/?q=wei")
    assert "Weishu" in tab.content()


def test_escape_closes_the_suggestions_first_and_then_the_overlay(tab):
    tab.goto(tab.base + "/")
    tab.click(".search-open")
    listbox = open_list(tab, "#overlay-q", "stuffy")
    assert "Blocked sinuses" in listbox.inner_text()
    tab.keyboard.press("Escape")
    assert listbox.is_hidden() and tab.locator("#search-overlay").is_visible()
    tab.keyboard.press("Escape")
    assert tab.locator("#search-overlay").is_hidden()
