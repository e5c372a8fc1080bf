"""Editors keep the reader cautions (the safety filter's data: what is cautioned for whom, why, and on
whose authority), as they keep the complaints."""

from django.db import migrations

from roles.grants import grant, model_permissions


def editors_keep_the_reader_cautions(apps, schema_editor):
    grant(apps, "Editors", model_permissions("articles", "readercaution"))


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_editors_do_the_whole_guide"),
        ("articles", "0013_complaint_primary_points_and_reader_cautions"),
    ]

    operations = [migrations.RunPython(editors_keep_the_reader_cautions, migrations.RunPython.noop)]
