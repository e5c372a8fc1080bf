"""What drops the whole-page cache and what must not: readers' pending reviews and clicks change nothing
they can see; a page made private, moved or deleted must not stay cached; a forged session cookie is a
reader like any other; a page rendered for https never answers http."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from products.models import Offer, Product, ProductReview

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"


def cached(client, url, **extra):
    client.get(url, **extra)
    return client.get(url, **extra).get("X-Page-Cache")


@pytest.fixture
def product(demo):
    return Product.objects.get(slug="facial-gua-sha-tool")


def test_a_review_waiting_for_moderation_drops_no_page(client, product):
    assert cached(client, PRODUCT) == "hit"
    ProductReview.objects.create(product=product, name="Ana", rating=4, text="Smooth and cool on the skin.")
    assert client.get(PRODUCT)["X-Page-Cache"] == "hit"


def test_approving_a_review_in_the_admin_drops_the_pages(client, product):
    review = ProductReview.objects.create(product=product, name="Ana", rating=4, text="Smooth and cool on the skin.")
    assert cached(client, PRODUCT) == "hit"
    review.approved = True
    review.save()
    response = client.get(PRODUCT)
    assert response["X-Page-Cache"] == "miss" and b"Smooth and cool" in response.content


def test_withdrawing_an_approved_review_drops_the_pages(client, product):
    review = ProductReview.objects.create(
        product=product, name="Ana", rating=4, text="Smooth and cool on the skin.", approved=True
    )
    assert cached(client, PRODUCT) == "hit"
    review.approved, review.rejected = False, True
    review.save()
    response = client.get(PRODUCT)
    assert response["X-Page-Cache"] == "miss" and b"Smooth and cool" not in response.content


def test_a_recorded_click_drops_no_page(client, demo):
    offer = Offer.objects.filter(active=True).first()
    assert cached(client, ARTICLE) == "hit"
    assert client.get(offer.get_go_url(), HTTP_USER_AGENT="Mozilla/5.0").status_code == 302
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"


def test_making_a_page_private_drops_it(client, demo):
    assert cached(client, ARTICLE) == "hit"
    restriction = PageViewRestriction.objects.create(page=demo, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    response = client.get(ARTICLE)
    assert response.status_code == 302 and "X-Page-Cache" not in response  # to the login page, not from cache


def test_moving_a_page_drops_its_old_address(client, demo):
    assert cached(client, ARTICLE) == "hit"
    # Article indexes are one per site, so move it the way a restructure might, under another section.
    demo.move(Page.objects.get(slug="reviewers"), pos="last-child")
    old = client.get(ARTICLE)  # Wagtail leaves a redirect behind, and the cache no longer has the old page
    assert (old.status_code, old["Location"]) == (301, "/reviewers/lower-back-pain-acupressure-points/")
    assert client.get("/reviewers/lower-back-pain-acupressure-points/").status_code == 200


def test_deleting_a_page_drops_it(client, demo):
    assert cached(client, ARTICLE) == "hit"
    Page.objects.get(pk=demo.pk).delete()
    assert client.get(ARTICLE).status_code == 404


def test_a_forged_session_cookie_is_served_from_the_cache_like_any_reader(client, demo):
    assert cached(client, ARTICLE) == "hit"
    client.cookies["sessionid"] = "forgedsessionkeythatnamesnosession0001"
    assert client.get(ARTICLE)["X-Page-Cache"] == "hit"


def test_a_signed_in_editor_is_never_served_from_the_cache(client, demo, editor):
    assert cached(client, ARTICLE) == "hit"
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get(ARTICLE)


def test_http_and_https_share_one_entry_as_nothing_on_a_page_depends_on_the_scheme(client, demo):
    assert cached(client, ARTICLE) == "hit"
    over_https = client.get(ARTICLE, secure=True)
    assert over_https["X-Page-Cache"] == "hit"
    assert "http://testserver" not in over_https.content.decode()  # every address is the site's own
