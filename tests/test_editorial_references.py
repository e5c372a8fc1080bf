"""Numbered references with in-text links, and the public update log."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from articles.blocks import ReferenceBlock
from articles.models import ArticleUpdate

URL = "/articles/lower-back-pain-acupressure-points/"


@pytest.fixture
def html(client, article):
    return client.get(URL).content.decode()


def test_the_demo_article_lists_three_numbered_checkable_references(html):
    items = re.findall(r'<li id="ref-(\d)">(.*?)</li>', html, re.S)
    assert [n for n, _ in items] == ["1", "2", "3"]
    first, second, third = (text for _, text in items)
    assert "Hsieh LL" in first and "(2006)" in first and "<cite>BMJ</cite> 332(7543):696–700" in first
    assert 'href="https://doi.org/10.1136/bmj.38744.672616.AE"' in first
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/16488895/"' in first
    assert "Yeh CH" in second and 'href="https://doi.org/10.1155/2013/196978"' in second
    assert "WHO Standard Acupuncture Point Locations in the Western Pacific Region" in third
    assert "ISBN 9789290613831" in third


def test_in_text_markers_link_to_their_reference(html):
    for n in (1, 2, 3):
        assert f'<a class="cite" href="#ref-{n}" aria-label="Reference {n}">[{n}]</a>' in html
    assert html.index('href="#ref-1"') < html.index('id="ref-1"')


def test_a_marker_without_a_reference_stays_plain_text(client, article):
    body = article.body.raw_data
    for block in body:
        if block["type"] == "rich_text":
            block["value"] += "<p>See also [7].</p>"
    article.body = body
    article.save_revision().publish()
    html = client.get(URL).content.decode()
    assert "See also [7]." in html and 'href="#ref-7"' not in html


def test_references_are_in_the_json_ld_as_citations(html):
    import json

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    page = next(node for node in data["@graph"] if node["@type"] == "MedicalWebPage")
    citations = page["citation"]
    assert citations[0]["@type"] == "ScholarlyArticle"
    assert citations[0]["url"] == "https://doi.org/10.1136/bmj.38744.672616.AE"
    assert citations[2]["isbn"] == "9789290613831"


@pytest.mark.parametrize(
    "field, value",
    [("doi", "https://doi.org/10.1136/x"), ("pmid", "PMID16488895"), ("isbn", "9789290613830")],
)
def test_a_reference_with_a_malformed_identifier_is_refused(field, value):
    data = {"authors": "A", "title": "T", "source": "S", "year": 2000, field: value}
    with pytest.raises(ValidationError):
        ReferenceBlock().clean(ReferenceBlock().to_python(data))


def test_the_update_log_shows_newest_first_after_the_body(client, article):
    article.updates.all().delete()  # the demo's correction
    ArticleUpdate.objects.create(page=article, date=datetime.date(2026, 3, 1), text="Added a caution for BL-23.")
    ArticleUpdate.objects.create(page=article, date=datetime.date(2026, 9, 9), text="Clarified the BL-25 step.")
    article.save_revision().publish()
    html = client.get(URL).content.decode()
    log = re.search(r'<section class="update-log".*?</section>', html, re.S).group(0)
    lines = re.findall(r'<li class="update">(.*?)</li>', log)
    assert lines == [
        'Updated <time datetime="2026-09-09">9 September 2026</time>: Clarified the BL-25 step.',
        'Updated <time datetime="2026-03-01">1 March 2026</time>: Added a caution for BL-23.',
    ]
    assert html.index('class="update-log"') < html.index("Author: ")


def test_no_update_log_until_there_is_an_update(client, article):
    article.updates.all().delete()  # the demo's correction
    article.save_revision().publish()
    assert "update-log" not in client.get(URL).content.decode()


def test_the_admin_preview_shows_an_unsaved_update_line(client, article, admin_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "intro": rich_text(article.intro),
            "body": streamfield([("rich_text", rich_text("<p>Short.</p>"))]),
            "updates": inline_formset([{"date": "2026-10-01", "text": "Rewrote the tips."}]),
        }
    )
    preview_url = f"/admin/pages/{article.pk}/edit/preview/"
    assert client.post(preview_url, data).json()["is_valid"]
    html = client.get(preview_url).content.decode()
    assert "Rewrote the tips." in html
