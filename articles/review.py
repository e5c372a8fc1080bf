"""Medical review: a health article is published only after a named reviewer approves it, and that
approval (who and when) is what the page shows. Nothing here is typed by an editor."""

import datetime
import hashlib
import json
import re

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask, PagePermissionTester, Workflow, WorkflowPage, WorkflowTask

from authors.models import ReviewerPage

REVIEWERS_GROUP = "Medical reviewers"
WORKFLOW_NAME = "Medical review"


def reviewer_page_for(user):
    """The live ReviewerPage linked to this admin account, or None (the account then can't approve).

    A draft or unpublished reviewer page doesn't count: readers could not look that reviewer up."""
    if user is None or not user.is_authenticated:
        return None
    return ReviewerPage.objects.live().filter(user=user).first()


_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _text_only(value):
    """Drop what the editor regenerates on every save without changing a word: StreamField block ids and
    the rich text editor's paragraph keys."""
    if isinstance(value, dict):
        return {k: _text_only(v) for k, v in value.items() if not (k == "id" and "type" in value)}
    if isinstance(value, list):
        return [_text_only(v) for v in value]
    if isinstance(value, str):
        return _BLOCK_KEY.sub("", value)
    return value


def content_fingerprint(title, intro, body_raw):
    """A digest of the text a reviewer approves (title, introduction and body as stored), so the page can
    tell whether what readers see now is what was reviewed. Also used by the migration that adds it."""
    payload = json.dumps(_text_only([title, intro, body_raw]), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def record_review(workflow_state, user):
    """Save a new revision carrying the approving reviewer and today's date, and make it the revision
    the finishing workflow publishes (Wagtail publishes ``content_object.get_latest_revision()``)."""
    reviewer = reviewer_page_for(user)
    if reviewer is None:
        raise PermissionDenied("Only a reviewer with a reviewer page can approve a medical review.")
    page = workflow_state.content_object.specific.get_latest_revision_as_object()
    if not hasattr(page, "last_reviewed"):
        return
    page.reviewer = reviewer
    page.last_reviewed = timezone.localdate()
    page.reviewed_fingerprint = content_fingerprint(page.title, page.intro, list(page.body.raw_data))
    page.save_revision(user=user, clean=False)
    # The workflow state caches its own copy of the page, whose latest revision is now stale: drop it
    # so finishing the workflow reloads the page and publishes the new revision. (Assigning the page
    # instead would rewrite the state's base content type to ArticlePage and hide it from the history.)
    content_object = type(workflow_state)._meta.get_field("content_object")
    if content_object.is_cached(workflow_state):
        content_object.delete_cached_value(workflow_state)


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval whose approval records the approving reviewer and the date on the article."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and reviewer_page_for(user) is None:
            # Approving must name a reviewer: without a reviewer page a user can only ask for changes.
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        with transaction.atomic():
            if action_name == "approve":
                record_review(task_state.workflow_state, user)
            return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve; the approval is shown on the article as its medical review"

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"


class ReviewedArticlePermissionTester(PagePermissionTester):
    """Only the medical review publishes an article: editors submit it and the approval publishes it
    (see ``publish_approved``). Superusers keep their override."""

    def can_publish(self):
        return self.user.is_active and self.user.is_superuser


class ArticleIndexPermissionTester(PagePermissionTester):
    """A new article can't be created and published in one go either, except by a superuser."""

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self.user.is_superuser


def months_before(day, months):
    """The same day ``months`` earlier, clamped to the month's end (31 March - 1 month = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for dom in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, dom)
        except ValueError:
            continue
    raise ValueError(day)


def months_after(day, months):
    """The same day ``months`` later, clamped to the month's end (31 January + 1 month = 28/29 Feb)."""
    return months_before(day, -months)


def ensure_medical_review_workflow(article_index):
    """The reviewers' group, the review task and the workflow on this article index (idempotent).

    Migration 0006 sets this up on every install; ArticleIndexPage.save calls this for an index created
    later, so no article index ever falls back to Wagtail's default moderation."""
    group, created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    task = MedicalReviewTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([group])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    current = WorkflowPage.objects.filter(page=article_index).first()
    if current is None:
        WorkflowPage.objects.create(page=article_index, workflow=workflow)
    elif not has_medical_review(current.workflow):
        current.workflow = workflow
        current.save()
    return workflow


def has_medical_review(workflow):
    """True when this workflow is active and includes an active medical review task."""
    return (
        workflow is not None
        and workflow.active
        and MedicalReviewTask.objects.filter(workflow_tasks__workflow=workflow, active=True).exists()
    )
