"""A reader sends a review from the product page; nothing shows until an editor approves it."""

import pytest
from django.test import Client

from products.models import Product, ProductReview

PAGE = "/products/facial-gua-sha-tool/"
POST = "/products/facial-gua-sha-tool/reviews/"
ORIGIN = "http://testserver"


@pytest.fixture
def product(demo):
    return Product.objects.get(slug="facial-gua-sha-tool")


def good_review(**overrides):
    return {"name": "Wen", "rating": "5", "text": "Smooth edges and a nice weight.", "email": "", **overrides}


def send(client, data, **headers):
    headers.setdefault("HTTP_ORIGIN", ORIGIN)
    return client.post(POST, data, **headers)


def test_a_review_is_stored_as_pending_and_the_reader_is_thanked(client, product):
    response = send(client, good_review(email="lin@example.com"))
    assert response.status_code == 303
    assert response["Location"] == PAGE + "?review=thanks#review-form"
    review = ProductReview.objects.get(name="Wen")
    assert (review.product, review.rating, review.approved, review.rejected) == (product, 5, False, False)
    page = client.get(response["Location"]).content.decode()
    assert "Thank you" in page
    assert "Smooth edges" not in page  # pending: not shown


def test_an_approved_review_appears_and_its_email_is_never_shown(client, product):
    send(client, good_review(email="lin@example.com"))
    ProductReview.objects.filter(name="Wen").update(approved=True)
    html = client.get(PAGE).content.decode()
    assert "Smooth edges" in html
    assert "lin@example.com" not in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"rating": "9"}, "Choose a rating from 1 to 5"),
        ({"rating": "0"}, "Choose a rating from 1 to 5"),
        ({"rating": "five"}, "Choose a rating from 1 to 5"),
        ({"rating": ""}, "This field is required"),
        ({"text": ""}, "Please write a few words"),
        ({"text": "x" * 20_000}, "at most 2000 characters"),
        ({"name": ""}, "This field is required"),
        ({"name": "   "}, "This field is required"),
        ({"name": "n" * 500}, "at most 80 characters"),
        ({"email": "not an email"}, "valid email"),
        ({"text": "null byte \x00 in the middle"}, "Null characters are not allowed"),
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, product, overrides, message):
    response = send(client, good_review(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProductReview.objects.filter(name__startswith="Wen").exists()


def test_a_review_with_rating_9_is_refused(client, product):
    response = send(client, good_review(rating="9"))
    assert response.status_code == 400
    assert ProductReview.objects.filter(rating=9).count() == 0


def test_a_post_with_no_fields_at_all_is_a_form_error(client, product):
    assert send(client, {}).status_code == 400


def test_a_review_for_an_unknown_product_is_404_and_get_is_refused(client, demo):
    assert client.post("/products/nothing/reviews/", good_review(), HTTP_ORIGIN=ORIGIN).status_code == 404
    assert client.get(POST).status_code == 405


def test_a_bot_that_fills_the_honeypot_is_thanked_but_nothing_is_stored(client, product):
    response = send(client, good_review(website="http://spam.example/"))
    assert response.status_code == 303
    assert not ProductReview.objects.filter(name="Wen").exists()


def test_the_sixth_review_within_an_hour_from_one_client_is_refused_with_429(client, product):
    for i in range(5):
        assert send(client, good_review(name=f"Wen {i}")).status_code == 303
    response = send(client, good_review(name="Wen 6"))
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert ProductReview.objects.filter(name__startswith="Wen").count() == 5
    # Another address is not affected, and changing the User-Agent does not reset the limit.
    assert send(client, good_review(name="Other"), REMOTE_ADDR="10.0.0.9").status_code == 303
    assert send(client, good_review(name="Wen 7"), HTTP_USER_AGENT="Other/1.0").status_code == 429


def test_a_review_posted_from_another_site_is_refused(client, product):
    assert send(client, good_review(), HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(POST, good_review(), HTTP_REFERER="https://evil.example/page").status_code == 403
    assert client.post(POST, good_review()).status_code == 403  # neither Origin nor Referer
    assert send(client, good_review(), HTTP_ORIGIN="null").status_code == 403
    assert not ProductReview.objects.filter(name="Wen").exists()


def test_a_review_posted_from_this_sites_page_with_only_a_referer_is_accepted(client, product):
    assert client.post(POST, good_review(), HTTP_REFERER="http://testserver" + PAGE).status_code == 303


def test_the_form_works_from_a_cached_page_with_csrf_checks_on(product):
    """The page is shared by every visitor through the page cache, so it holds no CSRF token or cookie."""
    browser = Client(enforce_csrf_checks=True)
    browser.get(PAGE)
    cached = browser.get(PAGE)
    assert cached["X-Page-Cache"] == "hit"
    html = cached.content.decode()
    assert 'action="/products/facial-gua-sha-tool/reviews/"' in html
    assert "csrfmiddlewaretoken" not in html and not cached.cookies
    assert send(browser, good_review()).status_code == 303
    assert ProductReview.objects.filter(name="Wen").exists()


def test_the_form_has_a_hidden_honeypot_and_no_inline_styles(client, product):
    html = client.get(PAGE).content.decode()
    assert 'class="honeypot"' in html and 'name="website"' in html and 'tabindex="-1"' in html
    assert "style=" not in html


def test_the_card_quotes_the_featured_review_read_with_the_product_itself(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    product = Product.objects.get(slug="facial-gua-sha-tool")
    chosen = ProductReview.objects.create(product=product, name="Ruth", rating=2, text="Good stone.", approved=True)
    ProductReview.objects.filter(pk=chosen.pk).update(featured=True)
    bare = Product.objects.create(name="Plain roller", slug="plain-roller")
    with CaptureQueriesContext(connection) as captured:
        found = Product.objects.in_bulk([product.pk, bare.pk])
        quoted, nothing = found[product.pk].featured_review, found[bare.pk].featured_review
        picture = found[product.pk].image
    assert picture is not None and len(captured) == 1  # the products, their pictures and their quoted reviews
    assert (quoted.pk, quoted.name, quoted.rating, quoted.text) == (chosen.pk, "Ruth", 2, "Good stone.")
    assert nothing is None
    assert ProductReview.objects.featured_for([product.pk]).get() == chosen
