"""Exact invalidation: a change drops the cached pages that show it, and every other page stays cached.
(What the HTTP cache in front is sent is in test_frontcache_purge.py; both come from caching.purge.)"""

import pytest
from wagtail.models import Page

from articles.models import AcupointPage
from authors.models import ReviewerPage
from base.models import SiteSettings
from products.models import Offer, Product, ProductReview

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"
USED_POINT = "/points/bl-40/"  # the article's body shows BL-40
UNUSED_POINT = "/points/lu-1/"
AUTHOR, REVIEWER = "/authors/p-sze/", "/reviewers/mai-sogawa/"
LISTS_EVERYTHING = [
    "/search/?q=back+pain", "/search/suggest/?q=wei", "/sitemap.xml", "/sitemap-pages.xml", "/sitemap-products.xml",
    "/feed/",
]  # fmt: skip
EVERY_PAGE = [
    "/", "/articles/", "/articles/?page=1", ARTICLE, "/points/", "/points/?meridian=LU", USED_POINT, UNUSED_POINT,
    AUTHOR, REVIEWER, "/authors/", "/reviewers/", "/products/", PRODUCT, *LISTS_EVERYTHING,
]  # fmt: skip


@pytest.fixture
def warm(client, demo):
    """Every page above rendered once, so each is in the page cache; returns a function that lists the ones
    a change dropped."""
    for url in EVERY_PAGE:
        client.get(url)
    assert all(client.get(url)["X-Page-Cache"] == "hit" for url in EVERY_PAGE)

    def dropped():
        return {url for url in EVERY_PAGE if client.get(url).get("X-Page-Cache") != "hit"}

    return dropped


def test_publishing_an_article_drops_the_pages_that_show_it_and_keeps_the_rest(demo, warm):
    demo.save_revision().publish()
    assert warm() == {
        ARTICLE, "/articles/", "/articles/?page=1", "/",  # the page, its index (any page of it), home
        USED_POINT, AUTHOR, REVIEWER, PRODUCT,  # the pages that list it: its points, people and product
        *LISTS_EVERYTHING,
    }  # fmt: skip


def test_a_point_no_longer_used_by_a_republished_article_still_drops_its_list(demo, warm):
    """The point's page listed the article until now, so it goes too, though the new version no longer
    shows it."""

    def shows_bl40(block):
        return block.block_type == "point_section" and block.value["point"].code == "BL40"

    demo.body = [(block.block_type, block.value) for block in demo.body if not shows_bl40(block)]
    demo.save_revision().publish()
    assert USED_POINT in warm()


def test_saving_a_draft_drops_nothing(demo, warm):
    demo.title = "A draft nobody sees yet"
    demo.save_revision()
    assert warm() == set()


def test_unpublishing_an_article_drops_it_and_its_listings(demo, warm):
    demo.unpublish()
    assert {ARTICLE, "/articles/", "/", USED_POINT, AUTHOR, PRODUCT} <= warm()  # the product lists it
    assert UNUSED_POINT not in warm() and "/products/" not in warm()


def test_republishing_a_point_drops_the_articles_that_show_it_not_other_points(demo, warm):
    AcupointPage.objects.get(code="BL40").save_revision().publish()
    assert warm() == {USED_POINT, "/points/", "/points/?meridian=LU", ARTICLE, "/", *LISTS_EVERYTHING}


def test_republishing_a_reviewer_drops_their_page_and_the_article_they_reviewed(demo, warm):
    ReviewerPage.objects.get(slug="mai-sogawa").save_revision().publish()
    assert warm() == {REVIEWER, "/reviewers/", ARTICLE, *LISTS_EVERYTHING}


def test_a_changed_offer_drops_the_product_the_shop_and_the_article_with_its_card(demo, warm):
    offer = Offer.objects.get(product__slug="facial-gua-sha-tool")
    offer.label = "Buy it on Amazon"
    offer.save()
    assert warm() == {PRODUCT, "/products/", ARTICLE, *LISTS_EVERYTHING}


def test_an_approved_review_drops_the_product_page_but_a_pending_one_drops_nothing(demo, warm):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    review = ProductReview.objects.create(product=product, name="Ana", rating=4, text="Cool and smooth.")
    assert warm() == set()
    review.approved = True
    review.save()
    assert PRODUCT in warm() and UNUSED_POINT not in warm()


def test_moving_a_section_drops_every_page_below_it_at_the_old_address(client, demo, warm):
    demo.move(Page.objects.get(slug="reviewers"), pos="last-child")
    assert {ARTICLE, "/articles/", "/reviewers/"} <= warm()
    assert client.get(ARTICLE).status_code == 301


def test_deleting_an_article_drops_it_and_its_listings(client, demo, warm):
    Page.objects.get(pk=demo.pk).delete()
    assert {ARTICLE, "/articles/", "/", USED_POINT, AUTHOR} <= warm()
    assert client.get(ARTICLE).status_code == 404


def test_site_settings_drop_everything(demo, warm):
    SiteSettings.for_site(demo.get_site()).save()
    assert warm() == set(EVERY_PAGE)
