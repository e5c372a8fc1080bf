"""What a change purges from the HTTP cache in front of the app servers (Varnish in the stack): the pages
that show it, found through Wagtail's reference index, and nothing while nothing readers see changed."""

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from articles.models import AcupointPage
from products.models import Offer, Product, ProductReview

PURGED = []
ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_frontcache_purge.RecordingBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def paths(urls):
    """Site-relative paths of the purged URLs (http://host/path → /path)."""
    return {"/" + url.split("/", 3)[3] for url in urls}


def test_a_changed_offer_purges_the_product_page_and_the_article_with_its_card(demo, purged):
    offer = Offer.objects.get(product__slug="facial-gua-sha-tool")
    offer.label = "Buy it on Amazon"
    offer.save()
    assert {PRODUCT, ARTICLE} <= paths(purged)


def test_a_republished_point_purges_the_articles_that_use_it(demo, purged):
    point = AcupointPage.objects.get(code="BL40")
    point.save_revision().publish()
    assert {"/points/bl-40/", ARTICLE} <= paths(purged)


def test_a_published_article_purges_its_index_and_the_home_page(demo, purged):
    demo.save_revision().publish()
    assert {ARTICLE, "/articles/", "/"} <= paths(purged)


def test_a_review_waiting_for_moderation_purges_nothing(demo, purged):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    ProductReview.objects.create(product=product, name="Ana", rating=4, text="Smooth and cool on the skin.")
    assert purged == []


def test_without_a_front_cache_nothing_is_sent(demo, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    PURGED.clear()
    demo.save_revision().publish()
    assert PURGED == []


def test_deleting_the_placeholder_root_of_a_fresh_install_still_works(db, purged):
    """load_demo replaces Wagtail's "Welcome" page, the root of the default site, with the home page."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title="Welcome", slug="welcome-placeholder"))
    site = Site.objects.create(hostname="placeholder.example", root_page=welcome)
    site.delete()
    welcome.delete()
    assert not Page.objects.filter(slug="welcome-placeholder").exists()
