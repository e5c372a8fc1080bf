"""In a real browser, each point page shows its marker on the body figure: a sample from every meridian.
Uses the browser and the demo site of tests/test_z_browser.py (Debian's Chromium through Playwright)."""

import pytest

from articles import meridians
from tests.test_z_browser import browser, page, site_url  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

ACCENT = "rgb(181, 70, 47)"  # --accent in site.css
SAMPLE = [f"{m.slug}-{n}" for m in meridians.MERIDIANS for n in sorted({1, (m.point_count + 1) // 2, m.point_count})]


def test_the_sample_covers_every_meridian_and_figure():
    assert {s.split("-")[0] for s in SAMPLE} == {m.slug for m in meridians.MERIDIANS}
    assert len(SAMPLE) == 42


def test_a_marker_is_visible_for_points_of_every_meridian(page):  # noqa: F811
    views, hidden = set(), []
    for slug in SAMPLE:
        page.goto(f"{page.base}/points/{slug}/")
        figure = page.locator(".point-layout .point-figure")
        marker = figure.locator("circle.marker")
        if not marker.is_visible():
            hidden.append(slug)
            continue
        views.add(figure.get_attribute("data-view"))
        svg_box, box = figure.locator("svg").bounding_box(), marker.bounding_box()
        assert box["width"] >= 8 and box["height"] >= 8, slug  # drawn large enough to see
        assert svg_box["x"] <= box["x"] and box["x"] + box["width"] <= svg_box["x"] + svg_box["width"], slug
        assert svg_box["y"] <= box["y"] and box["y"] + box["height"] <= svg_box["y"] + svg_box["height"], slug
        # Nothing covers it: the element at its centre is the marker itself, in the accent colour.
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).getAttribute('class')", list(centre))
        assert on_top == "marker", (slug, on_top)
        assert marker.evaluate("el => getComputedStyle(el).fill") == ACCENT, slug
        label = figure.locator("svg").get_attribute("aria-label")
        assert label.startswith(slug.upper()) and len(label) > 40, slug
    assert hidden == []
    assert views == {"front", "back", "side", "head", "hand", "foot"}


def test_the_figure_fits_a_phone_screen(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    phone = context.new_page()
    for slug in ("gv-20", "lu-6", "ki-1"):
        phone.goto(f"{site_url}/points/{slug}/")
        assert phone.locator(".point-figure circle.marker").is_visible(), slug
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, slug
    context.close()
