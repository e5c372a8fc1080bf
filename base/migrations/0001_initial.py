import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Permissions on the settings (an editors' group may hold them) keep their content type row; only its
    app label changes (a fresh database has none yet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="tcmtips", model="sitesettings").update(app_label="base")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="base", model="sitesettings").update(app_label="tcmtips")


MENU_LINKS = wagtail.fields.StreamField(
    [("link", 3)],
    blank=True,
    block_lookup={
        0: ("wagtail.blocks.PageChooserBlock", (), {}),
        1: (
            "wagtail.blocks.CharBlock",
            (),
            {"help_text": "Leave empty to use the page's title.", "max_length": 40, "required": False},
        ),
        2: (
            "wagtail.blocks.ChoiceBlock",
            [],
            {"choices": [("both", "Header and footer"), ("header", "Header only"), ("footer", "Footer only")]},
        ),
        3: ("wagtail.blocks.StructBlock", [[("page", 0), ("label", 1), ("show_in", 2)]], {}),
    },
    help_text="The links in the site's header and footer, in order. Drag to reorder.",
)


class Migration(migrations.Migration):
    """Takes over the site settings from the ``tcmtips`` app, with their rows, then renames their table."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("tcmtips", "0007_models_moved_to_apps"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(move_content_type, restore_content_type),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("site_name", models.CharField(default="TCM Tips", max_length=80)),
                        ("footer_text", wagtail.fields.RichTextField(blank=True)),
                        (
                            "affiliate_disclosure",
                            models.TextField(
                                blank=True,
                                help_text="Shown before the first retailer link on any page that has one. Required to publish product cards.",
                            ),
                        ),
                        (
                            "review_interval_months",
                            models.PositiveSmallIntegerField(
                                default=12,
                                help_text="Articles whose medical review is older than this are listed as due for re-review.",
                            ),
                        ),
                        ("menu_links", MENU_LINKS),
                        ("menus_version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "logo",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailimages.image",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
                            ),
                        ),
                    ],
                    options={"verbose_name": "Site settings", "db_table": "tcmtips_sitesettings"},
                ),
            ]
        ),
        migrations.AlterModelTable(name="sitesettings", table=None),
    ]
