"""Which saves drop cached pages; ``pagecache.changes`` decides which pages each one shows up on.
What readers can't see yet (a draft, a review waiting for moderation, a recorded click) drops nothing."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from tcmtips.events import content_changed

from . import changes

# Shown on most pages (the header, menus, filters, images in cards) and rarely changed: drop everything.
DROP_EVERYTHING = {
    "tcmtips.sitesettings",
    "wagtailcore.site",
    "products.productcategory",
    "articles.complaint",
    "wagtailimages.image",
    "authors.book",
}
# Redirects need nothing: they answer only addresses that have no page, and the cache keeps only 200s.
REVIEW = "products.productreview"
PRODUCT_PARTS = {"products.product", "products.offer", "products.productfeature"}


@receiver(pre_save)
def remember_what_a_page_showed(sender, instance, update_fields=None, **kwargs):
    """Before a publish rewrites a page, note the pages its live content shows (its points, its author):
    they list it, and must drop it even if the new version no longer shows them. A draft save (only
    revision fields) changes nothing readers see."""
    if issubclass(sender, Page) and instance.pk and update_fields is None:
        instance._shown_before = changes.pages_shown_by(instance)


@receiver(page_published)
@receiver(page_unpublished)
def on_page_published(sender, instance, **kwargs):
    changes.safely(changes.for_page, instance, getattr(instance, "_shown_before", ()))


@receiver(post_page_move)
def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        changes.addresses_changed()
        changes.safely(changes.for_moved_subtree, instance, url_path_before)


@receiver(page_slug_changed)
def on_slug_changed(sender, instance, instance_before, **kwargs):
    changes.addresses_changed()
    changes.safely(changes.for_moved_subtree, instance, instance_before.url_path)


@receiver(pre_delete)
def on_page_deleted(sender, instance, **kwargs):
    # Once per page: Django sends pre_delete for the base Page row and for its specific row alike.
    if sender is Page:
        changes.addresses_changed()
        changes.safely(changes.for_page, instance)


@receiver(content_changed)
def on_bulk_change(sender, instances=(), **kwargs):
    """Reviews moderated in bulk in the admin (an update(), so no post_save)."""
    for product in {review.product for review in instances}:
        type(product).touch(product)
        changes.safely(changes.for_product, product)


@receiver(pre_save)
def remember_whether_a_review_was_shown(sender, instance, **kwargs):
    if sender._meta.label_lower == REVIEW:
        shown = type(instance).objects.filter(pk=instance.pk, approved=True)
        instance._was_shown = bool(instance.pk) and shown.exists()


@receiver(post_save)
@receiver(post_delete)
def on_snippet_change(sender, instance, **kwargs):
    label = sender._meta.label_lower
    if label == REVIEW:
        if instance.approved or getattr(instance, "_was_shown", False):  # a review readers see, or saw
            type(instance.product).touch(instance.product)
            changes.safely(changes.for_product, instance.product)
    elif label in PRODUCT_PARTS:
        product = instance if label == "products.product" else instance.product
        if product.pk:
            if product is not instance:  # a feature or offer saved on its own (the link check)
                type(product).touch(product)
            changes.safely(changes.for_product, product)
    elif label == "wagtailcore.pageviewrestriction":  # a page made private, or public again
        changes.safely(changes.for_moved_subtree, instance.page, instance.page.url_path)
    elif label in DROP_EVERYTHING:
        changes.drop_everything()
