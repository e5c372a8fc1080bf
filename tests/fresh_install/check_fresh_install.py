"""A fresh install that never ran load_demo: only `migrate`, then pages made through the admin as an editor
would make them. Run by tests/test_fresh_install.py in a pytest of its own (--noconftest), so the session's
demo content is never loaded into this database."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from wagtail.models import Page, Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage
from authors.models import AuthorIndexPage, AuthorPage, ReviewerIndexPage, ReviewerPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"


def post_ok(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_an_article_on_a_fresh_install_shows_approved_only_after_a_named_reviewer_approves(client):
    assert not HomePage.objects.exists() and not ArticleIndexPage.objects.exists()
    admin = User.objects.create_superuser("admin", "admin@example.com", "a-long-test-password")
    editor = User.objects.create_user("eddie", "eddie@example.com", "a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = User.objects.create_user("rita", "rita@example.com", "a-long-test-password")
    # The group comes from the migrations, not from load_demo.
    reviewer.groups.add(Group.objects.get(name="Medical reviewers"))

    # The site's owner builds the tree in the admin: home page, article index, reviewers' index.
    client.force_login(admin)
    root = Page.get_first_root_node()
    post_ok(
        client,
        add_url(HomePage, root),
        nested_form_data({"title": "TCM Tips", "slug": "tcm", "action-publish": "publish"}),
    )
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    post_ok(
        client,
        f"/admin/sites/edit/{site.pk}/",
        {"hostname": "localhost", "port": "80", "site_name": "TCM Tips", "root_page": home.pk, "is_default_site": "on"},
    )
    post_ok(
        client,
        add_url(ArticleIndexPage, home),
        nested_form_data({"title": "Articles", "slug": "articles", "intro": "", "action-publish": "publish"}),
    )
    index = ArticleIndexPage.objects.get()
    assert index.get_workflow().name == "Medical review"
    call_command("check")  # the medical review check (articles.E001) finds nothing wrong
    post_ok(
        client,
        add_url(ReviewerIndexPage, home),
        nested_form_data({"title": "Reviewers", "slug": "reviewers", "intro": "", "action-publish": "publish"}),
    )
    # An article needs an author before it can go to the review: the owner adds one.
    post_ok(
        client,
        add_url(AuthorIndexPage, home),
        nested_form_data({"title": "Authors", "slug": "authors", "intro": "", "action-publish": "publish"}),
    )
    post_ok(
        client,
        add_url(AuthorPage, AuthorIndexPage.objects.get()),
        nested_form_data(
            {
                "title": "Ann Author",
                "slug": "ann",
                "short_bio": "Writes about self-care.",
                "bio": rich_text(""),
                "links": inline_formset([]),
                "books": inline_formset([]),
                "action-publish": "publish",
            }
        ),
    )
    client.logout()

    # An editor writes an article and submits it: it goes to the medical review, not Wagtail's moderators.
    client.force_login(editor)
    post_ok(
        client,
        add_url(ArticlePage, index),
        nested_form_data(
            {
                "title": "Pressing Hegu for a tension headache",
                "slug": "hegu",
                "intro": rich_text("<p>One point in the web of the hand.</p>"),
                "body": streamfield([("rich_text", rich_text("<p>Press the web of the hand.</p>"))]),
                "author": AuthorPage.objects.get().pk,
                "updates": inline_formset([]),
                "action-submit": "submit",
            }
        ),
    )
    client.logout()
    article = ArticlePage.objects.get(slug="hegu")
    state = WorkflowState.objects.get(object_id=str(article.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Medical review"
    assert not article.live

    approve_url = f"/admin/pages/workflow/action/{article.pk}/approve/{state.current_task_state_id}/"

    # A reviewer without a reviewer page can't approve: nothing is published, nothing says "Approved".
    client.force_login(reviewer)
    assert client.post(approve_url, {"comment": ""}).status_code in (302, 403)
    client.logout()
    article.refresh_from_db()
    assert not article.live and article.reviewer is None
    assert client.get("/articles/hegu/").status_code == 404

    # The owner gives her a reviewer page linked to her account; now her approval publishes the article.
    client.force_login(admin)
    post_ok(
        client,
        add_url(ReviewerPage, ReviewerIndexPage.objects.get()),
        nested_form_data(
            {
                "title": "Rita Reviewer",
                "slug": "rita",
                "honorific": "Dr.",
                "short_bio": "Acupuncturist of twenty years.",
                "bio": rich_text(""),
                "user": reviewer.pk,
                "links": inline_formset([]),
                "action-publish": "publish",
            }
        ),
    )
    client.logout()
    assert ReviewerPage.objects.get(user=reviewer).live

    client.force_login(reviewer)
    assert client.post(approve_url, {"comment": ""}).status_code == 302
    client.logout()
    article.refresh_from_db()
    assert article.live and article.reviewer.slug == "rita"
    html = client.get("/articles/hegu/").content.decode()
    assert "Approved" in html and "Rita Reviewer" in html


def test_an_editor_on_a_fresh_install_opens_the_shop_the_click_report_and_the_site_settings(client):
    """The Editors group's permissions come from the migrations too: no load_demo, no superuser."""
    editor = User.objects.create_user("edna", "edna@example.com", "a-long-test-password")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    site = Site.objects.get(is_default_site=True)
    for url in (
        "/admin/snippets/products/product/",
        "/admin/snippets/products/product/add/",
        "/admin/snippets/products/offer/",
        "/admin/snippets/products/productreview/",
        "/admin/reports/clicks/",
        f"/admin/settings/base/sitesettings/{site.pk}/",
        "/admin/images/",
        "/admin/documents/",
    ):
        assert client.get(url).status_code == 200, url
