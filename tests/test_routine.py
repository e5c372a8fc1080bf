"""The guided routine and the printed routine card, as the server renders them.
What a browser does with them is in test_z_browser_routine.py."""

import re

import pytest

from articles.blocks import StepBlock
from articles.models import ArticleIndexPage, ArticlePage

URL = "/articles/lower-back-pain-acupressure-points/"


@pytest.fixture
def html(client, article):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def step(**value):
    block = StepBlock()
    return block.to_python({"text": "Press.", **value})


@pytest.mark.parametrize(
    ("per", "sides"),
    [
        ("on each hand", ["left hand", "right hand"]),
        ("each side", ["left side", "right side"]),
        ("On Each Foot", ["left foot", "right foot"]),
        ("", []),
        ("twice a day", []),
    ],
)
def test_a_step_done_on_each_side_runs_for_both_sides_by_name(per, sides):
    assert step(minutes_min=2, per=per).sides == sides


def test_a_range_times_its_upper_end():
    assert step(minutes_min=1, minutes_max=2).seconds == 120
    assert step(minutes_min=1).seconds == 60


def test_the_sections_carry_what_the_routine_needs(html):
    sections = re.findall(r'<section class="point-section"[^>]*data-code="([^"]+)" data-pinyin="([^"]+)"', html)
    assert sections == [
        ("BL-40", "Weizhong"),
        ("GB-41", "Zulinqi"),
        ("BL-23", "Shenshu"),
        ("BL-25", "Dachangshu"),
        ("PC-8", "Laogong"),
    ]
    timers = re.findall(r'<span class="duration" data-seconds="(\d+)"(?: data-sides="([^"]*)")?>', html)
    assert timers == [("120", ""), ("60", ""), ("180", ""), ("120", ""), ("120", "left hand|right hand")]
    assert 'data-hanzi="委中"' in html


def test_without_javascript_the_routine_stays_out_of_sight(html):
    # The button's block is hidden until site.js shows it; a closed <dialog> is not rendered at all.
    assert '<div class="routine-start" hidden>' in html
    assert re.search(r'<dialog class="routine" id="routine"(?![^>]*\bopen\b)[^>]*>', html)
    assert html.count('aria-live="polite"') == 1


def test_each_point_shows_its_figure_and_the_card_has_its_location_and_the_address(html):
    views = re.findall(r'<figure class="point-figure compact" data-view="(\w+)">', html)
    assert views == ["back", "foot", "back", "back", "hand"]
    assert "<strong>Where:</strong> At the back of the knee, at the midpoint of the popliteal crease." in html
    assert re.search(r'<p class="print-only print-address">TCM Tips · http://[^<]+/articles/lower-back-pain', html)


def test_chinese_names_declare_their_language(html, client):
    assert '<span lang="zh">委中</span>' in html
    point = client.get("/points/bl-40/").content.decode()
    assert '<span lang="zh">委中</span>' in point


def test_an_article_without_point_sections_offers_no_routine(client, article):
    index = ArticleIndexPage.objects.first()
    page = index.add_child(
        instance=ArticlePage(
            title="How to store a gua sha tool",
            slug="storing-gua-sha",
            intro="<p>Keep it dry.</p>",
            body=[("rich_text", "<p>Wash it, dry it, wrap it.</p>")],
        )
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Wash it, dry it" in html
    assert "routine-start" not in html and "<dialog" not in html and "print-address" not in html
    # Printed whole, from its own Print button: the routine card's layout is only for articles with points.
    assert '<article class="wrap article-wrap">' in html
    assert '<button type="button" class="print-button">Print this article</button>' in html


def test_an_article_with_points_offers_to_print_its_routine_card_once_javascript_is_there(html):
    assert '<article class="wrap article-wrap has-card">' in html
    assert '<p class="article-tools" hidden><button type="button" class="print-button">Print the routine card<' in html
