"""The Editors group can do every job in docs/editors.md on every install, not only the demo: pages (add,
change and publish from the root; the medical review still decides when an article goes live), products,
their categories and offers, reader reviews, the retailer click report, complaints, the searches that found
nothing, site settings and menus, and images and documents in every collection. Managing users and
configuring workflows stay with administrators.

To give editors a model added later, write a new migration that calls ``roles.grants.grant`` with its
permissions (``model_permissions`` builds the usual four)."""

from django.db import migrations

from roles.grants import grant, model_permissions, permission

EDITORS = "Editors"

EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *model_permissions("products", "product", "productcategory", "offer"),
    # Moderating reader reviews: readers write them, so editors approve, reject or delete but don't add.
    *model_permissions("products", "productreview", actions=("change", "delete", "view")),
    "products.view_outboundclick",  # the retailer click report and its CSV
    *model_permissions("articles", "complaint"),
    "search.view_searchmiss",
    "base.change_sitesettings",  # site settings, with the header and footer links
]

# Page permissions on the tree's root, so they cover every page.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# Collection permissions on the root collection, so they cover every collection.
EDITOR_COLLECTION_PERMISSIONS = [
    *model_permissions("wagtailimages", "image", actions=("add", "change", "choose", "delete")),
    *model_permissions("wagtaildocs", "document", actions=("add", "change", "choose", "delete")),
]


def editors_do_the_whole_guide(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors = grant(apps, EDITORS, EDITOR_PERMISSIONS)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission(apps, "wagtailcore", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for dotted in EDITOR_COLLECTION_PERMISSIONS:
            app_label, codename = dotted.split(".", 1)
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission(apps, app_label, codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("products", "0003_product_votes_at"),
        ("articles", "0010_reviewed_fingerprint"),
        ("search", "0002_editors_see_search_misses"),
        ("base", "0002_remove_sitesettings_menus_version"),
    ]

    # Reversing keeps the permissions: taking them away from a live team is an administrator's decision.
    operations = [migrations.RunPython(editors_do_the_whole_guide, migrations.RunPython.noop)]
