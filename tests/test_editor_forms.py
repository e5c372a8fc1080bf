"""The edit forms an editor meets in the guide speak plain English, product slugs follow the name, and a
product previews as its page."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from authors.models import AuthorPage
from products.models import Product, ProductCategory


def test_the_product_form_says_add_a_feature_and_retailer_offer_in_plain_words(client, demo, editor):
    client.force_login(editor)
    html = client.get(reverse(Product.snippet_viewset.get_url_name("add"))).content.decode()
    assert "Add a feature" in html and "Add Features" not in html
    assert "Add a retailer offer" in html
    assert "Retailer offers 1" not in html and "Retailer offer" in html
    assert "Link (URL)" in html and ">Url<" not in html


def test_the_author_form_labels_its_links_plainly(client, demo, editor):
    client.force_login(editor)
    author = AuthorPage.objects.first()
    html = client.get(f"/admin/pages/{author.pk}/edit/").content.decode()
    assert "Add a link" in html and "Add a book" in html and "Link (URL)" in html
    assert "Add Links" not in html and "Add Books" not in html


def test_a_new_products_slug_is_filled_from_its_name_as_a_pages_is(client, demo, editor):
    client.force_login(editor)
    for model in (Product, ProductCategory):
        html = client.get(reverse(model.snippet_viewset.get_url_name("add"))).content.decode()
        # Wagtail's own slug sync, the one page titles use: the name field feeds the slug field.
        assert 'data-controller="w-sync"' in html or "w-sync" in html.split('name="name"')[0][-600:], model
        assert 'data-w-sync-target-value="#id_slug"' in html, model
        assert 'data-controller="w-slug"' in html, model


def product_form(product, **changes):
    offer = product.offers.get()
    data = {
        "name": product.name,
        "slug": product.slug,
        "badge": product.badge,
        "tagline": product.tagline,
        "image": product.image_id,
        "features": inline_formset(
            [{"id": f.pk, "title": f.title, "text": f.text} for f in product.features.all()],
            initial=product.features.count(),
        ),
        "offers": inline_formset(
            [
                {
                    "id": offer.pk,
                    "retailer": offer.retailer,
                    "label": offer.label,
                    "slug": offer.slug,
                    "url": offer.url,
                    "active": "on",
                }
            ],
            initial=1,
        ),
    }
    data.update(changes)
    return nested_form_data(data)


def test_a_product_previews_as_its_page_and_as_its_card(client, demo, editor):
    product = Product.objects.get()
    client.force_login(editor)
    edit_url = reverse(Product.snippet_viewset.get_url_name("edit"), args=[product.pk])
    html = client.get(edit_url).content.decode()
    assert "Product page" in html and "Card in an article" in html
    preview_url = reverse(Product.snippet_viewset.get_url_name("preview_on_edit"), args=[product.pk])
    assert client.post(preview_url, product_form(product, name="Renamed before saving")).json()["is_valid"]
    page = client.get(preview_url).content.decode()
    assert "Renamed before saving" in page
    assert 'class="product-card"' not in page  # the page readers open, not the card
    assert "review" in page.lower()
    card = client.get(preview_url, {"mode": "card"}).content.decode()
    assert "Renamed before saving" in card and 'class="product-card"' in card
    assert Product.objects.get().name != "Renamed before saving"


def test_a_title_held_by_a_forgotten_draft_names_the_draft_and_links_to_it(client, demo, editor):
    from articles.models import ArticleIndexPage, ArticlePage

    from .test_editors import add_article, neck_article

    client.force_login(editor)
    assert add_article(client, neck_article("action-draft")).status_code == 302  # saved, then left
    draft = ArticlePage.objects.get(slug="neck-tension-acupressure-points")
    assert not draft.live and draft.first_published_at is None
    response = add_article(client, neck_article("action-submit"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A draft that was never published already uses this address" in html
    assert f'<a href="/admin/pages/{draft.pk}/edit/">“{draft.title}”</a>' in html
    assert ArticleIndexPage.objects.get().get_children().filter(slug=draft.slug).count() == 1
