"""Medical review: an editor submits, a named reviewer approves, and only then the article says so."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage
from authors.models import AuthorPage, ReviewerPage


@pytest.fixture
def reviewer_user(demo):
    """The demo reviewer's account: in the Medical reviewers group and linked to her reviewer page."""
    user = User.objects.get(username="mai.sogawa")
    assert user.reviewer_page == ReviewerPage.objects.get(slug="mai-sogawa")
    return user


def new_article_form(action, **extra):
    return nested_form_data(
        {
            "title": "Pressing Hegu for a tension headache",
            "slug": "hegu-tension-headache",
            "intro": rich_text("<p>One point in the web of the hand.</p>"),
            "body": streamfield([("rich_text", rich_text("<p>Press the web of the hand.</p>"))]),
            "author": AuthorPage.objects.get(slug="p-sze").pk,  # required to go live
            "updates": inline_formset([]),
            action: action.split("-")[-1],
            **extra,
        }
    )


def submit_as_editor(client, editor):
    client.force_login(editor)
    index = ArticleIndexPage.objects.get()
    response = client.post(f"/admin/pages/add/articles/articlepage/{index.pk}/", new_article_form("action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return ArticlePage.objects.get(slug="hegu-tension-headache")


def approve_as(client, user, page):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk), status="in_progress")
    client.force_login(user)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state_id}/", {"comment": ""}
    )
    client.logout()
    return response


def test_editor_submits_reviewer_approves_and_the_page_shows_who_and_when(client, editor, reviewer_user):
    article = submit_as_editor(client, editor)
    assert not article.live
    assert article.workflow_in_progress
    assert article.reviewer is None and article.last_reviewed is None

    # The reviewer finds it on her dashboard and can open it in the editor.
    client.force_login(reviewer_user)
    assert "Pressing Hegu for a tension headache" in client.get("/admin/").content.decode()
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    client.logout()

    response = approve_as(client, reviewer_user, article)
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.live
    assert article.reviewer.slug == "mai-sogawa"
    assert article.last_reviewed == timezone.localdate()
    # The published revision itself carries the review, so a later draft starts from it.
    assert article.live_revision.as_object().reviewer_id == article.reviewer_id
    # …and Wagtail's workflow history still finds the approval under the page.
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_APPROVED

    html = client.get(article.url).content.decode()
    assert "Approved" in html
    assert (
        'Reviewed &amp; Fact-Checked By <a class="reviewer-link"' in html
        and "<strong>Ms. Mai Sogawa</strong></a>" in html
    )
    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in html
    assert '<a class="more" href="/reviewers/mai-sogawa/">Find Out More »</a>' in html


def test_an_unreviewed_draft_shows_no_badge_and_editors_cannot_publish_it_directly(client, editor):
    client.force_login(editor)
    index = ArticleIndexPage.objects.get()
    client.post(f"/admin/pages/add/articles/articlepage/{index.pk}/", new_article_form("action-publish"))
    article = ArticlePage.objects.get(slug="hegu-tension-headache")
    assert not article.live
    assert not article.permissions_for_user(editor).can_publish()
    assert article.specific.get_latest_revision_as_object().reviewer is None


def test_the_editor_cannot_type_a_reviewer_or_date(client, editor, article):
    reviewer = ReviewerPage.objects.get(slug="mai-sogawa")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="reviewer"' not in html and 'name="last_reviewed"' not in html
    assert "Medical review (recorded on approval)" in html and reviewer.title in html


def test_someone_without_a_reviewer_page_cannot_approve(client, editor, admin_user, reviewer_user):
    article = submit_as_editor(client, editor)
    response = approve_as(client, admin_user, article)
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert not article.live and article.reviewer is None


def test_a_stale_review_still_shows_its_real_date(client, article):
    old = timezone.localdate() - datetime.timedelta(days=800)
    article.last_reviewed = old
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert f'<time datetime="{old:%Y-%m-%d}">' in html


def test_the_reviewer_page_lists_what_she_reviewed_with_the_dates(client, article):
    html = client.get("/reviewers/mai-sogawa/").content.decode()
    assert "Articles reviewed" in html
    assert f'(reviewed <time datetime="{article.last_reviewed:%Y-%m-%d}">' in html


def test_the_demo_article_was_approved_through_the_workflow(client, article, reviewer_user, admin_user):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_APPROVED and state.workflow.name == "Medical review"
    assert state.current_task_state.finished_by == reviewer_user
    assert article.live_revision.user == reviewer_user
    assert article.last_reviewed == state.current_task_state.finished_at.date()
    client.force_login(admin_user)
    history = client.get(f"/admin/pages/{article.pk}/workflow_history/").content.decode()
    assert "Medical review" in history and "Approved" in history
