"""“Was this helpful?”: one vote per reader per review, no account, only a count stored, limited like the
review form, and a vote never empties the page cache."""

import pytest
from django.core.cache import cache
from django.test import Client

from caching import tokens
from products import helpful
from products.models import Product, ProductReview

PAGE = "/products/facial-gua-sha-tool/"
ORIGIN = "http://testserver"


@pytest.fixture
def review(demo):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    return ProductReview.objects.create(product=product, name="Ada", rating=4, text="Useful words.", approved=True)


def vote(client, review, json=True, address="203.0.113.7", **data):
    headers = {"HTTP_ORIGIN": ORIGIN, "REMOTE_ADDR": address}
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    return client.post(f"/products/reviews/{review.pk}/helpful/", data, **headers)


def count(review):
    review.refresh_from_db()
    return review.helpful_count


def test_each_review_has_a_helpful_button(client, review):
    html = client.get(PAGE).content.decode()
    assert f'action="/products/reviews/{review.pk}/helpful/"' in html
    assert "Was this helpful?" in html


def test_one_vote_per_reader_per_review(client, review):
    first = vote(client, review)
    assert first.status_code == 200 and first.json() == {
        "counted": True,
        "count": 1,
        "message": "Thank you for your vote.",
    }
    again = vote(client, review)
    assert again.status_code == 200 and again.json()["counted"] is False and again.json()["count"] == 1
    assert count(review) == 1
    vote(Client(), review, address="198.51.100.9")  # another reader
    assert count(review) == 2


def test_a_vote_stores_only_a_count(client, review):
    vote(client, review)
    stored = ProductReview.objects.filter(pk=review.pk).values().get()
    assert "203.0.113.7" not in str(stored)
    assert stored["helpful_count"] == 1
    local = getattr(cache, "_cache", None)  # the local-memory cache's dict (Redis keys are hashed the same way)
    assert not any("203.0.113.7" in str(key) for key in (local if isinstance(local, dict) else {}))


def test_votes_past_the_hourly_limit_are_refused(client, review):
    others = ProductReview.objects.bulk_create(
        ProductReview(product=review.product, name=f"R{i}", rating=5, text="Words.", approved=True)
        for i in range(helpful.VOTES_PER_CLIENT_PER_HOUR)
    )
    for other in others:
        assert vote(client, other).status_code == 200
    refused = vote(client, review)
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert count(review) == 0
    assert vote(Client(), review, address="198.51.100.9").status_code == 200  # others are not locked out


def test_a_vote_does_not_empty_the_page_cache(client, review):
    client.get(PAGE)
    content = tokens.token(tokens.CONTENT)
    vote(client, review)
    assert tokens.token(tokens.CONTENT) == content
    assert client.get(PAGE)["X-Page-Cache"] == "hit"


def test_without_javascript_the_reader_returns_to_the_review_in_the_same_order(client, review):
    response = vote(client, review, json=False, sort="lowest", page="2")
    assert response.status_code == 303
    assert response["Location"] == f"{PAGE}?voted={review.pk}&sort=lowest&page=2#review-{review.pk}"
    ignored = vote(Client(), review, json=False, address="198.51.100.9", sort="<script>", page="x")
    assert ignored["Location"] == f"{PAGE}?voted={review.pk}#review-{review.pk}"
    assert "Thank you for your vote." in client.get(f"{PAGE}?voted={review.pk}").content.decode()


@pytest.mark.parametrize(
    "setup, status",
    [
        ("pending", 404),
        ("missing", 404),
        ("no-origin", 403),
        ("other-origin", 403),
        ("get", 405),
    ],
)
def test_bad_votes_get_a_4xx(client, review, setup, status):
    url = f"/products/reviews/{review.pk}/helpful/"
    if setup == "pending":
        ProductReview.objects.filter(pk=review.pk).update(approved=False)
        response = vote(client, review)
    elif setup == "missing":
        response = client.post("/products/reviews/999999/helpful/", HTTP_ORIGIN=ORIGIN)
    elif setup == "no-origin":
        response = client.post(url)
    elif setup == "other-origin":
        response = client.post(url, HTTP_ORIGIN="https://evil.example")
    else:
        response = client.get(url)
    assert response.status_code == status
    assert count(review) == 0


def test_a_reader_cannot_vote_again_after_the_cache_forgets(client, review):
    """Eviction, a restart of Redis or a flush must not let the same reader vote twice."""
    assert vote(client, review).json()["counted"] is True
    cache.clear()
    again = vote(Client(), review)  # the same address, a new browser, an empty cache
    assert again.status_code == 200 and again.json()["counted"] is False
    assert count(review) == 1


def test_the_vote_is_remembered_by_a_keyed_hash_not_the_address(client, review):
    from products.models import HelpfulVote

    vote(client, review)
    stored = list(HelpfulVote.objects.values_list("review_id", "voter"))
    assert len(stored) == 1 and stored[0][0] == review.pk
    assert "203.0.113.7" not in stored[0][1] and len(stored[0][1]) == 64
