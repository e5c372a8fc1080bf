"""What editors see and do for the shop: a product's facts on its admin page, categories, and the review
the product card quotes."""

import datetime

import pytest
from django.utils import timezone

from products.models import Offer, OutboundClick, Product, ProductCategory, ProductReview


@pytest.fixture
def product(demo):
    return Product.objects.get(slug="facial-gua-sha-tool")


def test_the_product_admin_page_shows_clicks_reviews_and_featuring_articles(client, admin_user, product, article):
    offer = Offer.objects.get(product=product)
    for _ in range(3):
        OutboundClick.objects.create(offer=offer, source_path="/articles/x/")
    OutboundClick.objects.create(offer=offer, is_bot=True)
    old = OutboundClick.objects.create(offer=offer)
    OutboundClick.objects.filter(pk=old.pk).update(clicked_at=timezone.now() - datetime.timedelta(days=31))
    ProductReview.objects.create(product=product, name="P", rating=3, text="Waiting here.")
    ProductReview.objects.create(product=product, name="R", rating=1, text="Spam spam.", rejected=True)
    client.force_login(admin_user)
    html = client.get(f"/admin/snippets/products/product/edit/{product.pk}/").content.decode()
    assert "Clicks to retailers, last 30 days:</strong> 3 by readers (plus 1 from bots, kept apart)" in html
    approved = ProductReview.objects.filter(product=product, approved=True).count()
    assert f"{approved} approved</a>" in html and "1 waiting for moderation</a>" in html and "1 rejected</a>" in html
    assert f'href="/admin/pages/{article.pk}/edit/">{article.title}</a>' in html


def test_the_create_form_has_no_facts_panel(client, admin_user, demo):
    client.force_login(admin_user)
    html = client.get("/admin/snippets/products/product/add/").content.decode()
    assert "Clicks to retailers" not in html


def test_editors_keep_categories_as_snippets(client, admin_user, demo):
    client.force_login(admin_user)
    response = client.post(
        "/admin/snippets/products/productcategory/add/",
        {"name": "Cupping sets", "slug": "cupping-sets", "description": "", "sort_order": "4"},
    )
    assert response.status_code == 302
    assert ProductCategory.objects.filter(slug="cupping-sets").exists()


def test_a_featured_review_is_quoted_on_the_card_instead_of_the_automatic_choice(client, product, article):
    ProductReview.objects.filter(product=product).delete()
    ProductReview.objects.create(product=product, name="Top Tess", rating=5, text="Best words here.", approved=True)
    chosen = ProductReview.objects.create(
        product=product, name="Picked Pia", rating=3, text="Balanced words.", approved=True
    )
    assert "Top Tess" in client.get(article.url).content.decode()
    chosen.featured = True
    chosen.save()  # as the snippet editor does; the save also empties the page cache
    html = client.get(article.url).content.decode()
    assert "Picked Pia" in html and "Top Tess" not in html


def test_featuring_a_review_unfeatures_the_products_others(product):
    first = ProductReview.objects.create(
        product=product, name="A", rating=4, text="Words.", approved=True, featured=True
    )
    second = ProductReview.objects.create(
        product=product, name="B", rating=4, text="Words.", approved=True, featured=True
    )
    first.refresh_from_db()
    assert not first.featured and second.featured


def test_a_featured_review_that_is_not_approved_is_never_quoted(client, product, article):
    ProductReview.objects.create(product=product, name="Hidden Hal", rating=5, text="Not approved.", featured=True)
    assert "Hidden Hal" not in client.get(article.url).content.decode()
