from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_medical_review_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="synonyms",
            field=models.TextField(
                blank=True,
                help_text="Other words readers type for this complaint, one per line (stuffy nose, menstrual "
                "cramps). Site search finds the complaint by any of them.",
            ),
        ),
    ]
