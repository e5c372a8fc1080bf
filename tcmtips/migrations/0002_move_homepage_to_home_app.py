from django.db import migrations


class Migration(migrations.Migration):
    """The home page moved to its own app (``home``). Only Django's record of the model goes here: the
    table itself is taken over and renamed by ``home.0001_initial``."""

    dependencies = [
        ("tcmtips", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="HomePage")]),
    ]
