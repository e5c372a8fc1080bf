"""Medical review is part of the schema: every install gets the reviewers' group, the review task and the
workflow, attached to each article index, without running load_demo. Frozen on purpose (historical models
only); articles.review.ensure_medical_review_workflow does the same at run time for indexes created later."""

from django.db import migrations

REVIEWERS_GROUP = "Medical reviewers"
WORKFLOW_NAME = "Medical review"


def install_medical_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    MedicalReviewTask = apps.get_model("articles", "MedicalReviewTask")
    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    # Created by wagtailadmin's first migration (a dependency below), so it exists on a fresh database too.
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))

    task = MedicalReviewTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        # Historical models don't fill Task.content_type by themselves; Wagtail's specific() needs it.
        task_type, _ = ContentType.objects.get_or_create(app_label="articles", model="medicalreviewtask")
        task = MedicalReviewTask.objects.create(name=WORKFLOW_NAME, content_type=task_type, active=True)
    if not task.groups.exists():
        task.groups.add(group)

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)

    for index in ArticleIndexPage.objects.all():
        current = WorkflowPage.objects.filter(page_id=index.pk).first()
        if current is None:
            WorkflowPage.objects.create(page_id=index.pk, workflow=workflow)
        elif not MedicalReviewTask.objects.filter(workflow_tasks__workflow_id=current.workflow_id).exists():
            # A workflow without the medical review (e.g. Wagtail's default moderation) would let articles
            # go live unreviewed: the medical review replaces it.
            current.workflow = workflow
            current.save()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_figure_views"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Reversing keeps the data: removing the review from a live site is an editor's decision, not a rollback's.
    operations = [migrations.RunPython(install_medical_review, migrations.RunPython.noop)]
