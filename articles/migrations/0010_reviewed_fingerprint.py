from django.db import migrations, models


def fingerprint_reviewed_articles(apps, schema_editor):
    """Articles reviewed before this field existed: take the text they show now as the reviewed text (the
    best record there is), so they keep their badge until their text changes."""
    from articles.review import content_fingerprint

    ArticlePage = apps.get_model("articles", "ArticlePage")
    for page in ArticlePage.objects.filter(reviewer__isnull=False, last_reviewed__isnull=False):
        page.reviewed_fingerprint = content_fingerprint(page.title, page.intro, list(page.body.raw_data))
        page.save(update_fields=["reviewed_fingerprint"])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0009_editor_blocks"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="reviewed_fingerprint",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fingerprint_reviewed_articles, migrations.RunPython.noop),
    ]
