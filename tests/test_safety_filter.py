"""The personal safety filter, on the server's side: the cautions are data editors keep (with the reason and
the source), rendered into the page as data attributes; the reader's choice is never part of a request."""

import re

import pytest

from articles.models import AcupointPage, ReaderCaution
from articles.rankings import DEMO_CAUTIONS

ARTICLE = "/articles/lower-back-pain-acupressure-points/"


def caution(title):
    return ReaderCaution.objects.get(title=title)


def item(html, code):
    """The library's list item for a point."""
    return re.search(rf'<li data-code="{code}"[^>]*>', html).group(0)


def test_the_demo_has_the_pregnancy_and_blood_thinner_cautions_with_reasons_and_sources(demo):
    assert {(c["condition"], c["title"]) for c in DEMO_CAUTIONS} == set(
        ReaderCaution.objects.values_list("condition", "title")
    )
    for c in ReaderCaution.objects.all():
        assert c.reason and c.source
    assert "A Manual of Acupuncture" in caution("Points traditionally avoided in pregnancy").source
    assert caution("Gua sha").source_url.startswith("https://www.nhs.uk/")


def test_the_library_marks_each_point_with_the_cautions_that_cover_it(client, demo):
    html = client.get("/points/").content.decode()
    pregnancy = caution("Points traditionally avoided in pregnancy")
    for code in ("LI-4", "SP-6", "BL-60", "BL-67", "GB-21"):
        assert f'data-cautions="{pregnancy.pk}"' in item(html, code), code
    assert "data-cautions" not in item(html, "BL-40")
    entry = re.search(rf'<li data-caution="{pregnancy.pk}"[^>]*>', html).group(0)
    assert 'data-condition="pregnancy"' in entry and "Manual of Acupuncture" in entry and "data-reason=" in entry


def test_an_articles_firm_pressure_step_is_cautioned_for_blood_thinners_and_a_gentle_one_is_not(client, demo):
    html = client.get(ARTICLE).content.decode()
    strong = caution("Strong pressure")
    assert re.search(rf'<li data-cautions="{strong.pk}">Press firmly with your thumb', html)
    assert re.search(r"<li>Press gently in small circles", html)


def test_the_choice_is_not_a_form_so_it_cannot_be_sent(client, demo):
    for url in ("/points/", ARTICLE):
        html = client.get(url).content.decode()
        box = html.split('class="safety-filter"', 1)[1].split("</div>", 1)[0]
        assert 'data-condition="pregnancy"' in box and 'data-condition="blood-thinners"' in box
        assert "<form" not in box and "name=" not in box
        assert 'role="status"' in box


def test_the_page_is_the_same_whatever_the_reader_chose(client, demo):
    """Nothing the browser could send changes the page: there is nothing on the server to read it."""
    plain = client.get("/points/").content
    client.cookies["safety-filter"] = '["pregnancy"]'
    assert client.get("/points/", HTTP_X_SAFETY="pregnancy").content == plain


def test_editors_change_a_caution_and_the_cached_pages_show_it_at_once(client, demo):
    client.get("/points/")
    html = client.get("/points/").content.decode()  # cached now
    strong = caution("Strong pressure")
    assert f'data-cautions="{strong.pk}"' not in item(html, "BL-40")
    strong.points.add(AcupointPage.objects.get(code="BL40"))
    strong.reason = "Bruising comes more easily."
    strong.save()
    html = client.get("/points/").content.decode()
    assert f'data-cautions="{strong.pk}"' in item(html, "BL-40")
    assert "Bruising comes more easily." in html


def test_a_point_flagged_later_is_covered_by_the_pregnancy_caution(client, demo):
    point = AcupointPage.objects.get(code="BL40")
    point.pregnancy_caution = True
    point.save_revision().publish()
    pregnancy = caution("Points traditionally avoided in pregnancy")
    assert f'data-cautions="{pregnancy.pk}"' in item(client.get("/points/").content.decode(), "BL-40")


@pytest.mark.parametrize(
    "words, text, covered", [("firm\ngua sha", "Press FIRMLY", True), ("gua sha", "Press gently", False)]
)
def test_step_words_match_whatever_the_case(words, text, covered):
    assert ReaderCaution(step_words=words).covers_step(text) is covered
