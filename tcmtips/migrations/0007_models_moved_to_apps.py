from django.db import migrations

NAME = "tcmtips_page_url_path"


def drop_url_path_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


def create_url_path_index(apps, schema_editor):
    method = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page {method}(url_path)")


class Migration(migrations.Migration):
    """The site settings moved to ``base`` and the rate-limit counters to ``security``: only Django's record
    of the models goes here; their tables and rows are taken over by ``base.0001`` and ``security.0001``.
    Pages route through Wagtail again, which never looks a page up by its URL path: that index goes."""

    dependencies = [
        ("tcmtips", "0006_page_url_path_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteSettings"), migrations.DeleteModel(name="RateLimitCounter")]
        ),
        migrations.RunPython(drop_url_path_index, create_url_path_index),
    ]
