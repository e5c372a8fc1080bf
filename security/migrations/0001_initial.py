from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="tcmtips", model="ratelimitcounter").update(app_label="security")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="security", model="ratelimitcounter").update(app_label="tcmtips")


class Migration(migrations.Migration):
    """Takes over the rate-limit counters from the ``tcmtips`` app, with their rows, then renames their table."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("tcmtips", "0007_models_moved_to_apps"),
    ]

    operations = [
        migrations.RunPython(move_content_type, restore_content_type),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitCounter",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=100, unique=True)),
                        ("hits", models.PositiveIntegerField(default=0)),
                        (
                            "window_ends",
                            models.BigIntegerField(
                                db_index=True, help_text="Unix time at which the count starts again."
                            ),
                        ),
                    ],
                    options={"db_table": "tcmtips_ratelimitcounter"},
                ),
            ]
        ),
        migrations.AlterModelTable(name="ratelimitcounter", table=None),
    ]
