"""The product page a shopper sees: data, approved reviews, offers and its structured data."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.models import Product, ProductReview

URL = "/products/facial-gua-sha-tool/"


@pytest.fixture
def product(demo):
    return Product.objects.get(slug="facial-gua-sha-tool")


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_product_page_shows_name_badge_tagline_features_rating_and_every_active_offer(client, product):
    html = client.get(URL).content.decode()
    assert product.name in html and product.badge in html and product.tagline in html
    for feature in product.features.all():
        assert feature.title in html
    for offer in product.offers.filter(active=True):
        assert f'href="/go/{offer.slug}/" rel="sponsored nofollow noopener"' in html
    assert "out of 5 from" in html


def test_the_disclosure_comes_before_the_first_retailer_link(client, product):
    html = client.get(URL).content.decode()
    assert html.index('class="disclosure"') < html.index('href="/go/')


def test_only_approved_reviews_appear_newest_first(client, product):
    ProductReview.objects.create(product=product, name="Pending Pat", rating=5, text="Not yet read by an editor.")
    ProductReview.objects.create(product=product, name="Rejected Ray", rating=1, text="Spam spam spam.", rejected=True)
    ProductReview.objects.create(product=product, name="Newest Nina", rating=4, text="Lovely jade.", approved=True)
    html = client.get(URL).content.decode()
    assert "Pending Pat" not in html and "Rejected Ray" not in html
    first_review = html.index('class="reader-review"')
    assert html.index("Newest Nina", first_review) < html.index("</figure>", first_review)


def test_reviews_are_paginated_and_a_bad_page_number_is_not_an_error(client, product):
    ProductReview.objects.bulk_create(
        ProductReview(product=product, name=f"Reader {i}", rating=5, text="Good tool.", approved=True)
        for i in range(25)
    )
    assert 'rel="next"' in client.get(URL).content.decode()
    for page in ("2", "abc", "99999", "-1"):
        assert client.get(URL, {"page": page}).status_code == 200


def test_an_unknown_product_is_404(client, demo):
    assert client.get("/products/no-such-thing/").status_code == 404


def _queries_for_page(client):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_number_of_queries_with_1_or_200_reviews(client, product):
    ProductReview.objects.filter(product=product).delete()
    ProductReview.objects.create(product=product, name="Only One", rating=5, text="Just me.", approved=True)
    _queries_for_page(client)  # warm the renditions and site caches
    with_one = _queries_for_page(client)
    ProductReview.objects.bulk_create(
        ProductReview(product=product, name=f"Reader {i}", rating=1 + i % 5, text="Words.", approved=True)
        for i in range(199)
    )
    with_200 = _queries_for_page(client)
    assert with_one == with_200
    assert with_200 <= 10


def test_a_cached_product_page_costs_no_queries(client, product):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_structured_data_is_a_product_with_the_sites_own_rating_reviews_and_features(client, product):
    ProductReview.objects.create(product=product, name="Pending Pat", rating=1, text="Not approved.")
    data = json_ld(client.get(URL).content.decode())
    approved = ProductReview.objects.approved().filter(product=product)
    assert data["@type"] == "Product" and data["name"] == product.name
    assert data["aggregateRating"]["reviewCount"] == approved.count()
    assert {r["author"]["name"] for r in data["review"]} == {r.name for r in approved}
    assert "Pending Pat" not in json.dumps(data)
    notes = data["positiveNotes"]
    assert notes["@type"] == "ItemList"
    assert [item["name"] for item in notes["itemListElement"]] == [f.title for f in product.features.all()]
    assert notes["itemListElement"][0] == {"@type": "ListItem", "position": 1, "name": product.features.first().title}
    assert "offers" not in data


def test_review_text_cannot_break_out_of_the_structured_data(client, product):
    ProductReview.objects.create(
        product=product, name="Mallory", rating=5, text="</script><script>alert(1)</script>", approved=True
    )
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert any(r["reviewBody"].startswith("</script>") for r in json_ld(html)["review"])


def test_without_approved_reviews_there_is_no_rating_markup(client, product):
    ProductReview.objects.filter(product=product).update(approved=False)
    data = json_ld(client.get(URL).content.decode())
    assert "aggregateRating" not in data and "review" not in data
