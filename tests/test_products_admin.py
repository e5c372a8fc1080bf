"""What an editor does with products, offers and reader reviews in the Wagtail admin."""

import pytest

from products.models import Offer, Product, ProductReview


@pytest.fixture
def product(demo):
    return Product.objects.get(slug="facial-gua-sha-tool")


@pytest.fixture
def pending(product):
    return [
        ProductReview.objects.create(product=product, name=f"Reader {i}", rating=4, text=f"Pending review {i}.")
        for i in range(3)
    ]


def test_the_moderation_queue_lists_only_pending_reviews(client, admin_user, pending):
    client.force_login(admin_user)
    ProductReview.objects.create(product=pending[0].product, name="Old Spam", rating=1, text="x", rejected=True)
    html = client.get("/admin/snippets/products/productreview/?status=pending").content.decode()
    assert all(f"Reader {i}" in html for i in range(3))
    assert "Old Spam" not in html and "Linda K." not in html


def test_an_editor_approves_selected_reviews_in_bulk_and_they_appear_at_once(client, admin_user, pending):
    html = client.get("/products/facial-gua-sha-tool/").content.decode()  # now in the page cache
    assert "Pending review 0" not in html
    client.force_login(admin_user)
    ids = "&".join(f"id={r.pk}" for r in pending[:2])
    url = f"/admin/bulk/products/productreview/approve/?{ids}"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Yes, approve" in confirm.content.decode()
    assert client.post(url).status_code == 302
    approved = ProductReview.objects.filter(pk__in=[r.pk for r in pending]).order_by("pk")
    assert [r.approved for r in approved] == [True, True, False]
    client.logout()
    html = client.get("/products/facial-gua-sha-tool/").content.decode()
    assert "Pending review 0" in html and "Pending review 1" in html and "Pending review 2" not in html


def test_an_editor_rejects_selected_reviews_in_bulk(client, admin_user, pending):
    client.force_login(admin_user)
    assert client.post(f"/admin/bulk/products/productreview/reject/?id={pending[0].pk}").status_code == 302
    review = ProductReview.objects.get(pk=pending[0].pk)
    assert review.rejected and not review.approved


def test_the_listing_offers_approve_and_reject_as_bulk_actions(client, admin_user, pending):
    client.force_login(admin_user)
    html = client.get("/admin/snippets/products/productreview/").content.decode()
    assert "/admin/bulk/products/productreview/approve/" in html
    assert "/admin/bulk/products/productreview/reject/" in html


def test_the_dashboard_shows_how_many_reviews_are_waiting(client, admin_user, pending):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "3 reviews waiting for moderation" in html
    assert "/admin/snippets/products/productreview/?status=pending" in html


def test_broken_offers_are_listed_first_in_the_admin(client, admin_user, product):
    client.force_login(admin_user)
    Offer.objects.create(product=product, slug="dead-link", retailer="Gone Shop", label="Buy", url="https://x.test/")
    Offer.objects.filter(slug="dead-link").update(broken=True, consecutive_failures=2)
    response = client.get("/admin/snippets/products/offer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Gone Shop") < html.index("Amazon")
    broken_only = client.get("/admin/snippets/products/offer/?broken=true").content.decode()
    assert "Gone Shop" in broken_only
