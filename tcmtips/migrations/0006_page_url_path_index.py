"""An index on Wagtail's page URL paths.

The site's own routing of that time found the page for a request, with its ancestors, by URL path; Wagtail
has no index on that column, so at 10,000 articles every page-cache miss scanned the whole page table (7 ms on
PostgreSQL). Pages route through Wagtail again since 0007, which drops the index. A
hash index on PostgreSQL answers equality and IN with no limit on the length of a path (a B-tree entry is
limited to about 2,700 bytes); SQLite has no hash index and no such limit."""

from django.db import migrations

NAME = "tcmtips_page_url_path"


def create(apps, schema_editor):
    method = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page {method}(url_path)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("tcmtips", "0005_menus_version"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
