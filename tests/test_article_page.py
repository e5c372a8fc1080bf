"""The reference article, as a reader sees it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

URL = "/articles/lower-back-pain-acupressure-points/"
CODES = ["BL-40", "GB-41", "BL-23", "BL-25", "PC-8"]


@pytest.fixture
def html(client, article):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_reviewer_line_comes_first_with_approved_badge_bio_and_link(html):
    text = text_of(html)
    assert "Approved" in text
    assert "Reviewed &amp; Fact-Checked By Ms. Mai Sogawa" in text
    assert "Japan Medical School of Judo Acupuncture and Moxibustion International Education College" in text
    assert '<a class="more" href="/reviewers/mai-sogawa/">Find Out More »</a>' in html
    assert html.index("Reviewed &amp; Fact-Checked") < html.index("Relieve Lower Back Pain and Boost Mobility")


def test_the_five_points_come_in_the_seed_order(html):
    headings = re.findall(r'<h2 id="h-[^"]+"><span class="code">([A-Z]+-\d+)</span>: ([^<]+)</h2>', html)
    assert [code for code, _ in headings] == CODES
    assert [title for _, title in headings] == [
        "The Commanding Point of the Lower Back",
        "The Pathway to Better Mobility",
        "Supporting Kidney Energy",
        "The Gate to Back Health",
        "The Relaxation Point",
    ]


def test_each_point_shows_pinyin_other_names_and_links_to_its_page(html):
    for code, pinyin in zip(CODES, ["Weizhong", "Zulinqi", "Shenshu", "Dachangshu", "Laogong"], strict=True):
        assert f'href="/points/{code.lower()}/">{code} · {pinyin}</a>' in html
    assert "Urinary Bladder-40" in html and "Wei Zhong" in html and "Middle of the Crook" in html
    assert "UB-23" in html and "Kidney Transporter" in html


def test_codes_are_shown_in_one_normal_form(html):
    assert "Bl-40" not in html and "Ub-23" not in html


def test_each_point_has_numbered_steps_with_the_seed_durations(html):
    durations = re.findall(r'<span class="duration"[^>]*>([^<]+)</span>', html)
    assert durations == ["1–2 min", "about 1 min", "2–3 min", "1–2 min", "about 2 min on each hand"]
    assert html.count('<ol class="steps">') == 5


def test_tips_product_card_and_author_box_follow_the_points(html):
    order = [
        html.index(marker)
        for marker in ('id="h-pc-8"', "Final Tips for Acupressure", "Best Gua Sha Product", "Author: ")
    ]
    assert order == sorted(order)
    for tip in ("Practice Regularly", "Be Patient", "Complement with Movement"):
        assert tip in html


def test_product_card_shows_badge_name_features_review_and_a_sponsored_button(html):
    assert "Facial Gua Sha Tool For Beginner" in html
    assert "11 specific signs of aging" in html and "7-step routine" in html
    assert "What a reviewer says" in html
    assert (
        '<a class="buy" href="/go/facial-gua-sha-tool-amazon/" rel="sponsored nofollow noopener">Purchase on Amazon</a>'
    ) in html


def test_disclosure_comes_before_the_first_affiliate_link(html):
    assert html.index('class="disclosure"') < html.index('href="/go/')


def test_author_box_shows_bio_and_both_books(html):
    assert "Author: " in html and "P. Sze" in html
    assert "National University of Singapore" not in text_of(html).split("Author:")[0]
    assert "The Beginner&#x27;s Guide to Auricular Therapy: Application of Ear Seeds" in html
    assert "978-1520451398" in html and "978-1980678922" in html


def test_page_furniture_search_overlay_and_scroll_to_top(html):
    assert 'action="/search/"' in html and "Press ESC to close" in html
    assert "Scroll to Top" in html


def test_article_page_query_count_is_small(client, article, settings):
    """Uncached means the page cache is off; renditions, created on the first view, already exist."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(URL)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    assert len(ctx.captured_queries) <= 16, [q["sql"] for q in ctx.captured_queries]


def test_a_cached_article_costs_no_queries(client, article):
    client.get(URL)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"
    assert len(ctx.captured_queries) == 0


def test_article_page_makes_the_same_number_of_queries_with_1_point_or_20(client, article, settings):
    from articles.models import AcupointPage

    settings.PAGE_CACHE_SECONDS = 0
    section = next(b for b in article.body.raw_data if b["type"] == "point_section")
    others = [b for b in article.body.raw_data if b["type"] != "point_section"]

    def count_with(n):
        points = list(AcupointPage.objects.order_by("pk")[:n])
        sections = [{**section, "id": None, "value": {**section["value"], "point": p.pk}} for p in points]
        article.body = sections + others
        article.save_revision().publish()
        client.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    assert count_with(1) == count_with(20)


def test_article_page_makes_the_same_number_of_queries_with_1_review_or_200(client, article, settings):
    from products.models import Product, ProductReview

    settings.PAGE_CACHE_SECONDS = 0
    product = Product.objects.get(slug="facial-gua-sha-tool")

    def count():
        client.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(URL).content.decode()
        return len(ctx.captured_queries), html

    one, _ = count()
    ProductReview.objects.bulk_create(
        ProductReview(product=product, name=f"Reader {i}", rating=4, text="Fine.", approved=True) for i in range(199)
    )
    many, html = count()
    assert one == many
    assert "Linda K." in html  # the best-rated review is still the one quoted
