"""Nobody can fake a medical review: only administrators make an account a reviewer, only a published
reviewer's approval counts, and a text changed after its review says so until it is approved again."""

import json
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from articles.models import ArticlePage
from articles.review import reviewer_page_for
from authors.models import ReviewerIndexPage, ReviewerPage

from .test_editorial_workflow import approve_as, new_article_form, submit_as_editor


@pytest.fixture
def reviewer_user(demo):
    return User.objects.get(username="mai.sogawa")


def reviewer_form(**extra):
    return nested_form_data(
        {
            "title": "Dr. Made Up",
            "slug": "made-up",
            "honorific": "",
            "role": "",
            "short_bio": "Not a real reviewer.",
            "bio": rich_text(""),
            "credentials": "",
            "links": inline_formset([]),
            **extra,
        }
    )


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def reviewed_by(html):
    return [
        node.get("reviewedBy") for graph in json_ld(html) for node in graph.get("@graph", []) if "reviewedBy" in node
    ]


def test_an_editor_is_not_offered_the_account_link_and_cannot_post_one(client, demo, editor):
    index = ReviewerIndexPage.objects.get()
    client.force_login(editor)
    form = client.get(f"/admin/pages/add/authors/reviewerpage/{index.pk}/").content.decode()
    assert 'name="user"' not in form
    response = client.post(
        f"/admin/pages/add/authors/reviewerpage/{index.pk}/",
        reviewer_form(user=str(editor.pk), **{"action-publish": "1"}),
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    page = ReviewerPage.objects.get(slug="made-up")
    assert page.user is None and page.get_latest_revision_as_object().user is None
    assert reviewer_page_for(editor) is None


def test_an_administrator_links_the_account(client, demo, admin_user, editor):
    index = ReviewerIndexPage.objects.get()
    client.force_login(admin_user)
    assert 'name="user"' in client.get(f"/admin/pages/add/authors/reviewerpage/{index.pk}/").content.decode()
    client.post(
        f"/admin/pages/add/authors/reviewerpage/{index.pk}/",
        reviewer_form(user=str(editor.pk), **{"action-publish": "1"}),
    )
    assert ReviewerPage.objects.get(slug="made-up").user == editor
    assert reviewer_page_for(editor).slug == "made-up"


def test_an_unpublished_reviewer_page_cannot_approve(client, editor, reviewer_user):
    ReviewerPage.objects.get(slug="mai-sogawa").unpublish()
    assert reviewer_page_for(reviewer_user) is None
    article = submit_as_editor(client, editor)
    approve_as(client, reviewer_user, article)
    article.refresh_from_db()
    assert not article.live and article.reviewer is None


def test_the_badge_and_structured_data_name_only_a_published_reviewer(client, article):
    html = client.get(article.url).content.decode()
    assert "Reviewed &amp; Fact-Checked By" in html and reviewed_by(html)
    ReviewerPage.objects.get(slug="mai-sogawa").unpublish()
    html = client.get(article.url).content.decode()
    assert 'aria-label="Medical review"' not in html and "Fact-Checked" not in html
    assert 'href="/reviewers/mai-sogawa/"' not in html
    assert not reviewed_by(html)


def test_a_superusers_direct_publish_of_new_text_says_updated_after_review_until_approved_again(
    client, editor, reviewer_user, admin_user
):
    article = submit_as_editor(client, editor)
    approve_as(client, reviewer_user, article)
    article.refresh_from_db()
    reviewed_on = article.last_reviewed
    html = client.get(article.url).content.decode()
    assert (
        'Reviewed &amp; Fact-Checked By <a class="reviewer-link"' in html
        and "<strong>Ms. Mai Sogawa</strong></a>" in html
        and reviewed_by(html)
    )

    # A superuser publishes the same text again: still the reviewed text, still approved.
    client.force_login(admin_user)
    client.post(f"/admin/pages/{article.pk}/edit/", new_article_form("action-publish"))
    assert "Reviewed &amp; Fact-Checked By" in client.get(article.url).content.decode()

    # A superuser changes the text and publishes directly.
    changed = new_article_form("action-publish")
    changed["intro"] = rich_text("<p>Now also for migraines, at twice the pressure.</p>")
    response = client.post(f"/admin/pages/{article.pk}/edit/", changed)
    assert response.status_code == 302
    client.logout()
    html = client.get(article.url).content.decode()
    assert "twice the pressure" in html
    today = timezone.localdate()
    assert f'Updated after review on <time datetime="{today:%Y-%m-%d}">' in html
    assert f'reviewed an earlier version on <time datetime="{reviewed_on:%Y-%m-%d}">' in html
    assert "Fact-Checked" not in html and ">Approved<" not in html
    assert not reviewed_by(html)

    # The edit goes through the review again; the approval brings the badge back.
    client.force_login(admin_user)
    changed = new_article_form("action-submit")
    changed["intro"] = rich_text("<p>Now also for migraines, at twice the pressure.</p>")
    client.post(f"/admin/pages/{article.pk}/edit/", changed)
    client.logout()
    approve_as(client, reviewer_user, ArticlePage.objects.get(pk=article.pk))
    html = client.get(article.url).content.decode()
    assert (
        'Reviewed &amp; Fact-Checked By <a class="reviewer-link"' in html
        and "<strong>Ms. Mai Sogawa</strong></a>" in html
    )
    assert "Updated after review" not in html and reviewed_by(html)


def test_the_feed_claims_no_medical_review(client, demo):
    """The feed lists every live article, reviewed or not, so the channel's own words say nothing about review
    (an item's description is its article's meta description, in the editor's words)."""
    body = client.get("/feed/").content.decode()
    assert "<item>" in body
    channel = body.split("<item>")[0]
    assert "<description>" in channel and "review" not in channel.lower()
