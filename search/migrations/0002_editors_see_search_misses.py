"""Editors (and moderators) may read the "Searches with no results" report: it is for them."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # The permission is normally created after all migrations ran; make sure it exists now.
    content_type, _ = ContentType.objects.get_or_create(app_label="search", model="searchmiss")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_searchmiss", defaults={"name": "Can view search with no results"}
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
