"""Long listings: a page of them is a slice however long they grow, their count is kept under the listing
page's cache_key, and any change readers can see shows in them at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from authors.models import ReviewerPage
from caching import tokens
from products.models import Product, ProductReview


@pytest.fixture
def page_cache_off(settings, demo):
    settings.PAGE_CACHE_SECONDS = 0


def publish_copy(article, slug, **fields):
    copy = ArticlePage(
        title=fields.pop("title", slug.replace("-", " ").capitalize()),
        slug=slug,
        intro=article.intro,
        body=article.body.raw_data,
        author=article.author,
        **fields,
    )
    article.get_parent().add_child(instance=copy)
    copy.save_revision().publish()
    return copy


def test_a_second_visit_to_a_listing_does_not_count_it_again(client, page_cache_off):
    client.get("/articles/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/articles/?topic=lower-back-pain")
        client.get("/articles/?topic=lower-back-pain")
    assert len([q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]) == 1


def test_a_newly_published_article_that_uses_bl40_is_counted_on_the_point_at_once(client, page_cache_off, demo):
    before = client.get("/points/bl-40/").content.decode()
    assert "Another use of BL-40" not in before
    publish_copy(demo, "another-use-of-bl-40", title="Another use of BL-40")
    after = client.get("/points/bl-40/").content.decode()
    assert "Another use of BL-40" in after


def test_a_reviewers_page_lists_an_article_they_reviewed_as_soon_as_it_is_published(client, page_cache_off, demo):
    reviewer = ReviewerPage.objects.get(pk=demo.reviewer_id)
    assert "A newly reviewed routine" not in client.get(reviewer.url).content.decode()
    publish_copy(
        demo,
        "a-newly-reviewed-routine",
        title="A newly reviewed routine",
        reviewer=reviewer,
        last_reviewed=demo.last_reviewed,
    )
    assert "A newly reviewed routine" in client.get(reviewer.url).content.decode()


def test_an_approved_review_re_sorts_the_shop_by_rating_at_once(client, page_cache_off):
    top = Product.objects.create(name="Aaa Roller", slug="aaa-roller", tagline="A roller.")
    first = ProductReview.objects.create(product=top, name="Ula", rating=1, text="Not for me.", approved=True)
    html = client.get("/products/?sort=rating").content.decode()
    assert html.index("Aaa Roller") > html.index("Facial Gua Sha Tool")
    first.rating = 5
    first.save()
    for n in range(40):
        ProductReview.objects.create(product=top, name=f"Reader {n}", rating=5, text="Lovely.", approved=True)
    html = client.get("/products/?sort=rating").content.decode()
    assert html.index("Aaa Roller") < html.index("Facial Gua Sha Tool")
    assert "5.0 · 41 reviews" in html  # the product's cached card moved with its reviews


def test_a_lost_token_never_brings_back_an_old_listing(client, page_cache_off, demo):
    client.get("/articles/")
    cache.delete(tokens.EVERYTHING)  # evicted, as Redis may under memory pressure
    publish_copy(demo, "after-the-eviction", title="After the eviction")
    assert "After the eviction" in client.get("/articles/").content.decode()


def test_a_new_article_is_in_the_sitemap_at_once_and_moves_its_sections_lastmod(client, page_cache_off, demo):
    index_before = client.get("/sitemap.xml").content.decode()
    assert "after-the-sitemap" not in client.get("/sitemap-pages.xml").content.decode()
    publish_copy(demo, "after-the-sitemap")
    assert "/articles/after-the-sitemap/" in client.get("/sitemap-pages.xml").content.decode()
    assert client.get("/sitemap.xml").content.decode() != index_before  # the pages section's lastmod moved
