from django.db import migrations


class Migration(migrations.Migration):
    """The cached menus are kept under the cache's ``EVERYTHING`` token now, which a save of the settings
    moves: the settings need no counter of their own."""

    dependencies = [
        ("base", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="sitesettings", name="menus_version"),
    ]
