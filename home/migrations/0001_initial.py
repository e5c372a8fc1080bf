import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Pages keep their content type row; only its app label changes (a fresh database has none yet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="tcmtips", model="homepage").update(app_label="home")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="home", model="homepage").update(app_label="tcmtips")


class Migration(migrations.Migration):
    """Takes over the home page from the ``tcmtips`` app, with its rows, then renames its table."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("tcmtips", "0002_move_homepage_to_home_app"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            models.CharField(blank=True, help_text="One line under the site name.", max_length=300),
                        ),
                        (
                            "social_image",
                            models.ForeignKey(
                                blank=True,
                                help_text="Shown when the page is shared. Falls back to the page's main image.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                            ),
                        ),
                    ],
                    options={"db_table": "tcmtips_homepage"},
                    bases=("wagtailcore.page",),
                ),
            ]
        ),
        migrations.AlterModelTable(name="homepage", table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
