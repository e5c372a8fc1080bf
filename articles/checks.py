"""`manage.py check` fails when an article index could publish articles without a medical review."""

from django.core import checks
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder

from .models import ArticleIndexPage
from .review import WORKFLOW_NAME, has_medical_review

# The data migration that installs the medical review. Before it has run (a fresh database, or an upgrade
# in progress), `migrate` itself runs this check, so it must not block the migration that fixes it.
INSTALLING_MIGRATION = ("articles", "0006_medical_review_workflow")


@checks.register()
def article_indexes_have_medical_review(app_configs=None, **kwargs):
    try:
        recorder = MigrationRecorder(connection)
        if not recorder.has_table() or INSTALLING_MIGRATION not in recorder.applied_migrations():
            return []
        indexes = list(ArticleIndexPage.objects.all())
        return [
            checks.Error(
                f"The article index “{index.title}” (page {index.pk}) has no active “{WORKFLOW_NAME}” workflow, "
                "so its articles could be published without a medical review.",
                hint="In the admin, Settings → Workflows: assign the Medical review workflow to this page "
                "(it must contain an active Medical review task).",
                obj=index,
                id="articles.E001",
            )
            for index in indexes
            if not has_medical_review(index.get_workflow())
        ]
    except DatabaseError:
        # No database to look at (e.g. `check` on a build machine): nothing to say about its content.
        return []
