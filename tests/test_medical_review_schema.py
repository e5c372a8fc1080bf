"""The medical review is part of the schema: every article index has it, `manage.py check` guards it,
and only its approval publishes an article with a reviewer's name on it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from articles.checks import article_indexes_have_medical_review
from articles.models import ArticleIndexPage, MedicalReviewTask
from home.models import HomePage

from .test_editorial_workflow import approve_as, submit_as_editor


def test_the_reviewers_group_can_use_the_admin_and_is_the_review_tasks_group(demo):
    group = Group.objects.get(name="Medical reviewers")
    assert group.permissions.filter(codename="access_admin").exists()
    task = MedicalReviewTask.objects.get(name="Medical review")
    assert list(task.groups.all()) == [group]
    assert [t.specific for t in Workflow.objects.get(name="Medical review").tasks] == [task]
    assert ArticleIndexPage.objects.get().get_workflow().name == "Medical review"


def test_an_article_index_created_later_gets_the_medical_review(demo):
    home = HomePage.objects.get()
    WorkflowPage.objects.filter(page__in=ArticleIndexPage.objects.all()).delete()
    second = home.add_child(instance=ArticleIndexPage(title="More articles", slug="more-articles"))
    assert WorkflowPage.objects.get(page=second).workflow.name == "Medical review"


def test_check_fails_when_an_article_index_has_no_medical_review(demo):
    assert article_indexes_have_medical_review() == []
    call_command("check")
    WorkflowPage.objects.filter(page__in=ArticleIndexPage.objects.all()).delete()
    errors = article_indexes_have_medical_review()
    assert [e.id for e in errors] == ["articles.E001"]
    assert "could be published without a medical review" in errors[0].msg
    with pytest.raises(SystemCheckError, match="articles.E001"):
        call_command("check")


def test_check_fails_when_the_medical_review_task_is_switched_off(demo):
    MedicalReviewTask.objects.update(active=False)
    assert [e.id for e in article_indexes_have_medical_review()] == ["articles.E001"]


def test_approval_in_another_workflow_records_no_reviewer_and_keeps_wagtails_default(client, editor, admin_user):
    # An admin swaps the index's workflow for plain moderation: it has no medical review task.
    moderation = Workflow.objects.create(name="Moderation only")
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.set([Group.objects.get(name="Moderators")])
    WorkflowTask.objects.create(workflow=moderation, task=task, sort_order=0)
    WorkflowPage.objects.filter(page=ArticleIndexPage.objects.get()).update(workflow=moderation)

    article = submit_as_editor(client, editor)
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    assert state.workflow == moderation
    # A superuser may publish (Wagtail's default finish action publishes as the last approver)...
    assert approve_as(client, admin_user, article).status_code == 302
    article.refresh_from_db()
    assert article.live
    # ...but nobody reviewed it, so the page makes no claim of a medical review.
    assert article.reviewer is None and article.last_reviewed is None
    assert "Reviewed &amp; Fact-Checked" not in client.get(article.url).content.decode()


def test_a_moderator_approving_another_workflow_cannot_publish_an_article(client, editor):
    """Only the medical review's approval stands in for publish permission. A moderator who approves a
    plain moderation workflow gets Wagtail's default finish, which needs a publish permission that only
    superusers have on articles: the article stays a draft."""
    from django.contrib.auth.models import User

    moderation = Workflow.objects.create(name="Moderation only")
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.set([Group.objects.get(name="Moderators")])
    WorkflowTask.objects.create(workflow=moderation, task=task, sort_order=0)
    WorkflowPage.objects.filter(page=ArticleIndexPage.objects.get()).update(workflow=moderation)
    moderator = User.objects.create_user("mo", "mo@example.com", "a-long-test-password")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    article = submit_as_editor(client, editor)
    assert approve_as(client, moderator, article).status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert article.reviewer is None and article.last_reviewed is None
