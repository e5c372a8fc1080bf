"""A page with a product card cannot go live while the site's affiliate disclosure is empty. The rule is the
article form's own validation: publishing and sending to the medical review are refused with a message on the
card, and the editor's work can still be saved as a draft."""

import pytest
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage
from authors.models import AuthorPage
from base.models import SiteSettings
from products.models import Product

# Shown on the card itself (Wagtail sends stream block errors to the editor as JSON).
REFUSAL = "This product card cannot go live while the site&#x27;s affiliate disclosure is empty. Fill in"


def article_with_card(slug, action="action-publish"):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    data = {
        "title": "Gua sha for the jaw",
        "slug": slug,
        "intro": rich_text("<p>A short routine.</p>"),
        "body": streamfield([("product_card", {"heading": "The tool", "lead": "", "product": product.pk})]),
        "author": AuthorPage.objects.get(slug="p-sze").pk,
        "updates": inline_formset([]),  # the article's update log (editorial)
    }
    if action:
        data[action] = "publish"
    return nested_form_data(data)


def add(client, data):
    return client.post(f"/admin/pages/add/articles/articlepage/{ArticleIndexPage.objects.get().pk}/", data)


@pytest.fixture
def no_disclosure(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.affiliate_disclosure = "  "
    settings.save()


def test_publishing_a_product_card_without_a_disclosure_is_refused_with_a_clear_message(
    client, admin_user, no_disclosure
):
    client.force_login(admin_user)
    response = add(client, article_with_card("jaw"))
    assert response.status_code == 200  # the form again, with everything the editor typed
    html = response.content.decode()
    assert REFUSAL in html and "Settings \\u2192 Site settings" in html
    assert "Gua sha for the jaw" in html
    assert not ArticlePage.objects.filter(slug="jaw", live=True).exists()
    # The same work saved as a draft goes through: nothing is lost.
    assert add(client, article_with_card("jaw", action=None)).status_code == 302
    assert ArticlePage.objects.filter(slug="jaw", live=False).exists()


def test_submitting_a_product_card_to_the_medical_review_without_a_disclosure_is_refused(
    client, admin_user, no_disclosure
):
    """The review's approval publishes, so sending the page to it is refused the same way."""
    client.force_login(admin_user)
    response = add(client, article_with_card("jaw-review", action="action-submit"))
    assert REFUSAL in response.content.decode()
    assert not ArticlePage.objects.filter(slug="jaw-review").exists()


def test_publishing_an_edit_that_adds_a_card_is_refused_too(client, admin_user, no_disclosure):
    client.force_login(admin_user)
    article = ArticlePage.objects.get(slug="lower-back-pain-acupressure-points")
    response = client.post(f"/admin/pages/{article.pk}/edit/", article_with_card(article.slug))
    assert REFUSAL in response.content.decode()
    assert "Gua sha for the jaw" not in client.get(article.url).content.decode()
    # Saved as a draft instead, the edit waits unpublished.
    client.post(f"/admin/pages/{article.pk}/edit/", article_with_card(article.slug, action=None))
    article.refresh_from_db()
    assert article.has_unpublished_changes
    assert "Gua sha for the jaw" not in client.get(article.url).content.decode()


def test_with_a_disclosure_the_page_publishes(client, admin_user, demo):
    client.force_login(admin_user)
    response = add(client, article_with_card("jaw-ok"))
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="jaw-ok")
    assert page.live
    html = client.get(page.url).content.decode()
    assert html.index('class="disclosure"') < html.index('href="/go/')


def test_a_draft_with_a_card_can_still_be_saved_without_a_disclosure(client, admin_user, no_disclosure):
    client.force_login(admin_user)
    add(client, article_with_card("jaw-draft", action=None))
    assert ArticlePage.objects.filter(slug="jaw-draft", live=False).exists()
