"""Rich text or StreamField content of the wrong shape, posted to a page's edit form, is a form error:
the page is not changed and the answer is not a 500."""

import pytest

from base.forms import UNREADABLE

BAD = [
    {"intro": "{not json"},
    {"intro": "[1, 2]"},
    {"intro": '{"blocks": 5, "entityMap": {}}'},
    {"body": "{not json"},
    {"body": '[{"type": "nope"}]'},
    {"body-count": "2"},
    {"body-count": "x"},
    {"intro": "[" * 100_000},  # nested too deep for the JSON reader (found by the hostile probe)
]


@pytest.mark.parametrize("bad", BAD)
def test_content_of_the_wrong_shape_on_the_article_edit_form_is_a_form_error(client, article, admin_user, bad):
    client.force_login(admin_user)
    before = article.get_latest_revision().pk if article.get_latest_revision() else None
    response = client.post(f"/admin/pages/{article.pk}/edit/", {"title": article.title, "slug": article.slug, **bad})
    assert response.status_code == 200  # the form again, with its errors
    assert UNREADABLE in response.content.decode()
    latest = article.get_latest_revision()
    assert (latest.pk if latest else None) == before  # nothing was saved


def test_a_block_posted_without_its_value_is_no_500_and_saves_nothing(client, article, admin_user):
    client.force_login(admin_user)
    before = article.get_latest_revision().pk if article.get_latest_revision() else None
    bad = {"body-count": "1", "body-0-deleted": "", "body-0-type": "paragraph"}
    response = client.post(f"/admin/pages/{article.pk}/edit/", {"title": article.title, "slug": article.slug, **bad})
    assert response.status_code in (200, 302)
    latest = article.get_latest_revision()
    assert response.status_code == 302 or (latest.pk if latest else None) == before


def test_an_article_edit_form_as_the_admin_sends_it_still_saves(client, article, admin_user):
    client.force_login(admin_user)
    form = client.get(f"/admin/pages/{article.pk}/edit/").context["form"]
    assert not any(type(field).__name__ == "UnreadableField" for field in form.fields.values())


# What a hostile or broken client may send in place of an id: a chooser (an image, the author, a person's
# photo) or an inline row. Each used to be a 500 (the form failed when shown again with its errors).
NOT_AN_ID = [
    ("article", {"social_image": "2.5"}),
    ("article", {"hero_image": "abc"}),
    ("article", {"author": "x"}),
    ("article", {"updates-TOTAL_FORMS": "1", "updates-INITIAL_FORMS": "1", "updates-0-id": "x"}),
    ("author", {"photo": "x"}),
]


@pytest.mark.parametrize("kind,bad", NOT_AN_ID)
def test_something_that_cannot_be_an_id_is_a_form_error_and_saves_nothing(client, article, admin_user, kind, bad):
    from authors.models import AuthorPage

    client.force_login(admin_user)
    page = article if kind == "article" else AuthorPage.objects.first()
    before = page.get_latest_revision().pk if page.get_latest_revision() else None
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"title": page.title, "slug": page.slug, **bad})
    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
    latest = page.get_latest_revision()
    assert (latest.pk if latest else None) == before


def snippet_edit_url(obj):
    from django.urls import reverse

    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[obj.pk])


# Found by the hostile probe (make probe): snippets' edit forms had the same gaps as pages'.
SNIPPET_POSTS = [
    ("product", {"name": "Tool", "slug": "tool", "image": '{"x": 1'}),
    ("product", {"name": "Tool", "slug": "tool", "features-TOTAL_FORMS": "1", "features-INITIAL_FORMS": "0",
                 "features-0-id": "nasty"}),
    ("product", {"name": "Tool", "slug": "tool", "offers-TOTAL_FORMS": "1", "offers-INITIAL_FORMS": "1"}),
    ("review", {"name": "Reader", "rating": "5", "text": "Fine.", "product": '{"x": 1'}),
]  # fmt: skip


@pytest.mark.parametrize("kind,bad", SNIPPET_POSTS)
def test_a_snippet_form_sent_what_the_admin_never_sends_is_a_form_error(client, demo, admin_user, kind, bad):
    from products.models import Product, ProductReview

    client.force_login(admin_user)
    obj = Product.objects.first() if kind == "product" else ProductReview.objects.first()
    response = client.post(snippet_edit_url(obj), bad)
    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()


def test_a_saved_inline_row_left_out_of_the_post_is_a_form_error(client, article, admin_user):
    client.force_login(admin_user)
    bad = {"updates-TOTAL_FORMS": "1", "updates-INITIAL_FORMS": "1"}  # a saved update, sent without its id
    response = client.post(f"/admin/pages/{article.pk}/edit/", {"title": article.title, "slug": article.slug, **bad})
    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
