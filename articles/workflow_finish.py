"""Imported by wagtail.models while it loads (WAGTAIL_FINISH_WORKFLOW_ACTION): keep it free of model imports."""

from django.apps import apps


def publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: a workflow run in which the medical review task was approved
    publishes what it approved. Wagtail's default also asks whether the last approver may publish
    directly; here the reviewers' approval *is* the permission to publish, and reviewers get no publish
    button of their own. Any other workflow (on a snippet, or one without the medical review) finishes
    the way Wagtail's default does."""
    # Imported here, not above: this module is read while wagtail.models loads (the setting names it).
    from wagtail.models import TaskState
    from wagtail.workflows import publish_workflow_state

    # The models can't load before wagtail.models has (see above): the registry hands ours over once it has.
    medically_approved = apps.get_model("articles", "MedicalReviewTask").objects.filter(
        task_states__workflow_state=workflow_state, task_states__status=TaskState.STATUS_APPROVED
    ).exists()
    if not medically_approved:
        return publish_workflow_state(workflow_state, user=user)
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
