"""The guided routine and the printed routine card in a real browser.
Same set-up as test_z_browser.py: Debian's Chromium through Playwright, against the demo site served by a
separate process; page.clock stands in for the minutes a reader would wait."""

import re

import pytest

from tests.test_z_browser import ARTICLE, browser, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base = site_url
    page.clock.install()
    page.goto(site_url + ARTICLE)
    yield page
    context.close()


def text(page, selector):
    return page.locator(selector).inner_text().strip()


def focused(page):
    return page.evaluate("document.activeElement.className")


def start(page):
    page.click(".routine-open")
    assert page.locator("#routine").is_visible()
    assert text(page, ".routine-toggle") == "Start"
    page.click(".routine-toggle")


def test_opening_the_routine_does_not_start_it_until_the_reader_presses_start(page):
    page.click(".routine-open")
    assert text(page, ".routine-progress").startswith("Point 1 of 5")
    assert text(page, ".routine-time") == "2:00"
    assert text(page, ".routine-toggle") == "Start"
    assert text(page, ".routine-state") == ""  # not "(paused)": it has not begun
    assert focused(page) == "routine-toggle"
    page.clock.run_for(10_000)
    assert text(page, ".routine-time") == "2:00"
    page.keyboard.press("Enter")
    assert text(page, ".routine-toggle") == "Pause"
    page.clock.run_for(3_000)
    assert text(page, ".routine-time") == "1:57"


def test_skipping_before_starting_moves_on_without_starting(page):
    page.click(".routine-open")
    page.click(".routine-skip")
    assert text(page, ".routine-progress").startswith("Point 2 of 5")
    page.clock.run_for(5_000)
    assert text(page, ".routine-time") == "1:00"
    assert text(page, ".routine-toggle") == "Start"


def test_start_counts_down_from_the_upper_end_and_pauses_and_resumes(page):
    assert page.locator("#routine").is_hidden()
    start(page)
    assert text(page, ".routine-progress") == "Point 1 of 5: The Commanding Point of the Lower Back"
    assert text(page, ".routine-point").startswith("BL-40 · Weizhong")
    assert page.locator(".routine-point [lang=zh]").inner_text() == "委中"
    assert text(page, ".routine-time") == "2:00"  # “1–2 min” runs the longer end
    assert focused(page) == "routine-toggle"
    page.clock.run_for(5_000)
    assert text(page, ".routine-time") == "1:55"

    page.keyboard.press("Enter")  # the Pause button has focus
    assert text(page, ".routine-toggle") == "Resume"
    assert text(page, ".routine-state") == "(paused)"
    page.clock.run_for(30_000)
    assert text(page, ".routine-time") == "1:55"

    page.keyboard.press("Enter")
    assert text(page, ".routine-toggle") == "Pause"
    page.clock.run_for(3_000)
    assert text(page, ".routine-time") == "1:52"
    assert focused(page) == "routine-toggle"


def test_skip_and_back_move_between_points_from_the_keyboard(page):
    start(page)
    page.keyboard.press("Tab")  # Pause → Skip
    assert focused(page) == "routine-skip"
    page.keyboard.press("Enter")
    assert text(page, ".routine-progress").startswith("Point 2 of 5")
    assert text(page, ".routine-time") == "1:00"  # “about 1 min”
    assert page.locator(".routine-steps li[aria-current=step]").inner_text().startswith("Press firmly")
    assert focused(page) == "routine-skip"
    page.keyboard.press("ArrowRight")
    assert text(page, ".routine-progress").startswith("Point 3 of 5")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "routine-back"
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert text(page, ".routine-progress").startswith("Point 1 of 5")
    assert page.locator(".routine-back").get_attribute("aria-disabled") == "true"
    page.keyboard.press("Enter")  # nothing before the first point, and focus stays put
    assert text(page, ".routine-progress").startswith("Point 1 of 5")
    assert focused(page) == "routine-back"
    page.keyboard.press("/")  # the site's search shortcut stays out of the way
    assert page.locator("#search-overlay").is_hidden()
    assert focused(page) == "routine-back"


WATCH_LIVE = """() => {
  window.__said = [];
  const live = document.querySelector('.routine-live');
  new MutationObserver(() => window.__said.push(live.textContent))
    .observe(live, { childList: true, characterData: true, subtree: true });
}"""


def test_the_live_region_announces_each_step_once_and_never_the_ticking_seconds(page):
    page.evaluate(WATCH_LIVE)
    live = page.locator(".routine-live")
    assert live.get_attribute("aria-live") == "polite"
    # The ticking clock is outside every live region, so a screen reader is not read each second.
    assert page.evaluate("document.querySelector('.routine-time').closest('[aria-live]')") is None
    start(page)
    assert live.inner_text() == "Point 1 of 5: BL-40 Weizhong. 2 minutes."
    page.clock.run_for(60_500)  # 2:00 → 1:00, sixty visible ticks
    assert text(page, ".routine-time") == "1:00"
    page.clock.run_for(61_000)
    assert text(page, ".routine-progress").startswith("Point 2 of 5")
    assert 58 <= int(text(page, ".routine-time").split(":")[1]) <= 59  # already counting
    assert page.evaluate("window.__said") == [
        "Point 1 of 5: BL-40 Weizhong. 2 minutes.",
        "Point 2 of 5: GB-41 Zulinqi. 1 minute.",
    ]


def test_each_hand_runs_twice_and_says_which_hand_then_the_routine_ends_with_focus_kept(page):
    start(page)
    for _ in range(4):
        page.click(".routine-skip")
    assert text(page, ".routine-progress").startswith("Point 5 of 5")
    assert text(page, ".routine-side") == "Now the left hand (1 of 2)"
    assert text(page, ".routine-time") == "2:00"
    page.clock.run_for(120_500)
    assert text(page, ".routine-progress").startswith("Point 5 of 5")
    assert text(page, ".routine-side") == "Now the right hand (2 of 2)"
    assert page.locator(".routine-live").inner_text() == "Point 5 of 5: PC-8 Laogong, right hand. 2 minutes."
    page.clock.run_for(120_500)
    assert page.locator(".routine-done").is_visible()
    assert page.locator(".routine-controls").is_hidden()
    assert focused(page) == "routine-again"


def test_a_reload_comes_back_to_the_same_point_and_time_paused(page):
    start(page)
    page.click(".routine-skip")
    page.clock.run_for(10_000)
    assert text(page, ".routine-time") == "0:50"
    page.reload()
    assert page.locator("#routine").is_visible()
    assert text(page, ".routine-progress").startswith("Point 2 of 5")
    assert text(page, ".routine-time") == "0:50"
    assert text(page, ".routine-toggle") == "Resume"
    assert focused(page) == "routine-toggle"
    page.clock.run_for(5_000)
    assert text(page, ".routine-time") == "0:50"


def test_closing_returns_focus_to_the_button_and_forgets_the_place(page):
    start(page)
    page.keyboard.press("Escape")
    assert page.locator("#routine").is_hidden()
    assert focused(page) == "routine-open"
    page.reload()
    assert page.locator("#routine").is_hidden()


def test_the_sound_is_off_until_chosen_and_the_choice_is_remembered(page):
    start(page)
    sound = page.locator(".routine-sound")
    assert not sound.is_checked()
    sound.check()
    page.keyboard.press("Escape")
    page.reload()
    start(page)
    assert page.locator(".routine-sound").is_checked()


def test_without_javascript_the_article_is_just_the_article(browser, site_url):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    assert page.locator(".routine-start").is_hidden()
    assert page.locator("#routine").is_hidden()
    assert page.locator(".point-section").count() == 5
    assert page.locator(".steps").first.is_visible()
    context.close()


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_gives_a_routine_card_of_one_or_two_pages_with_every_point(browser, site_url, paper):  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".to-top", ".product-card", ".routine-start", ".why"):
        assert page.locator(selector).first.is_hidden(), selector
    sections = page.locator(".point-section")
    assert sections.count() == 5
    for n in range(5):
        section = sections.nth(n)
        for part in ("h2", ".point-figure svg", ".location", ".steps", ".duration"):
            assert section.locator(part).first.is_visible(), (n, part)
    assert page.locator(".point-section .caution").first.is_visible()
    assert re.search(r"/articles/lower-back-pain-acupressure-points/$", text(page, ".print-address"))
    assert 1 <= pdf_pages(page.pdf(format=paper)) <= 2
    context.close()


FAKES = """
window.__calls = [];
const lock = { release() { __calls.push('release'); return Promise.resolve(); }, addEventListener() {} };
Object.defineProperty(Navigator.prototype, 'wakeLock', { get() {
  return { request(kind) { __calls.push('wake:' + kind); return Promise.resolve(lock); } };
} });
window.AudioContext = class {
  constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
  createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (n) => n }; }
  createOscillator() {
    __calls.push('sound');
    return { frequency: {}, connect: (n) => n, start() {}, stop() {} };
  }
};
"""


def test_the_screen_stays_on_while_it_runs_and_a_chosen_sound_marks_the_end_of_a_point(browser, site_url):  # noqa: F811
    context = browser.new_context()
    context.add_init_script(FAKES)
    page = context.new_page()
    page.clock.install()
    page.goto(site_url + ARTICLE)
    calls = lambda: page.evaluate("window.__calls")  # noqa: E731
    page.click(".routine-open")
    page.clock.run_for(1_000)
    assert calls() == []  # open, not yet started
    page.click(".routine-toggle")
    page.clock.run_for(1_000)
    assert calls() == ["wake:screen"]
    page.click(".routine-toggle")
    assert calls() == ["wake:screen", "release"]
    page.locator(".routine-sound").check()
    page.click(".routine-toggle")
    page.clock.run_for(120_500)  # BL-40 ends
    assert text(page, ".routine-progress").startswith("Point 2 of 5")
    assert calls() == ["wake:screen", "release", "wake:screen", "sound"]  # the lock is kept into point 2
    context.close()


def test_the_open_routine_has_no_axe_violations_on_a_phone(browser, site_url):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    page.click(".routine-open")
    for _ in range(4):  # PC-8: the side line and every control showing
        page.click(".routine-skip")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
