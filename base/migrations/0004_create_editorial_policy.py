"""An existing site gets its editorial policy page under its home page (a new site gets it when its home
page is first published: ``HomePage.save``)."""

from django.db import migrations
from django.utils import timezone

from base.policy import POLICY_SLUG, POLICY_TITLE, policy_body

STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def to_segment(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def from_segment(segment):
    return int(segment, len(ALPHABET))


def create_policy(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    EditorialPolicyPage = apps.get_model("base", "EditorialPolicyPage")
    if EditorialPolicyPage.objects.exists():
        return
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    home_type = ContentType.objects.filter(pk=home.content_type_id, app_label="home", model="homepage").first()
    if home_type is None or not home.live:
        return
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=POLICY_SLUG).exists():
        return  # the slug is taken: an editor adds the page in the admin
    last = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    number = from_segment(last.path[-STEPLEN:]) + 1 if last else 1
    page_type, _ = ContentType.objects.get_or_create(app_label="base", model="editorialpolicypage")
    now = timezone.now()
    EditorialPolicyPage.objects.create(
        title=POLICY_TITLE,
        draft_title=POLICY_TITLE,
        slug=POLICY_SLUG,
        body=policy_body(),
        content_type=page_type,
        path=home.path + to_segment(number),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{POLICY_SLUG}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale_id=home.locale_id,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0003_editorial_policy_page"),
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_policy, migrations.RunPython.noop)]
