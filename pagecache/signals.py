"""Anything readers can see changed: drop every cached page (one version bump, see PageCacheMiddleware).
What readers can't see yet (a review waiting for moderation, a recorded click) drops nothing."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from tcmtips.events import content_changed

from . import frontcache
from .middleware import bump_page_cache

WATCHED_MODELS = {
    "products.product",
    "products.productfeature",
    "products.offer",
    "products.productcategory",  # shop filter links
    "tcmtips.sitesettings",
    "articles.complaint",
    "wagtailimages.image",
    "authors.book",
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",  # a page made private (or public again)
    "wagtailredirects.redirect",
}
REVIEW = "products.productreview"
# What a product's page and its cards show: a change purges those pages from the front cache too.
PRODUCT_PARTS = {"products.product", "products.offer", "products.productfeature", REVIEW}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(page_slug_changed)
@receiver(content_changed)
def on_page_change(sender, **kwargs):
    bump_page_cache()
    if not frontcache.configured():
        return
    page = kwargs.get("instance")
    if isinstance(page, Page):
        frontcache.purge_for_page(page)
    for instance in kwargs.get("instances", ()):  # a bulk change (reviews moderated in the admin)
        purge_product_of(instance)


def purge_product_of(instance):
    label = instance._meta.label_lower
    product = instance if label == "products.product" else getattr(instance, "product", None)
    if label in PRODUCT_PARTS and product is not None and product.pk:
        frontcache.purge_for_product(product)


@receiver(pre_save)
def remember_whether_a_review_was_shown(sender, instance, **kwargs):
    if sender._meta.label_lower == REVIEW:
        shown = type(instance).objects.filter(pk=instance.pk, approved=True)
        instance._was_shown = bool(instance.pk) and shown.exists()


@receiver(post_save)
@receiver(post_delete)
def on_content_change(sender, instance, **kwargs):
    label = sender._meta.label_lower
    if label == REVIEW and not (instance.approved or getattr(instance, "_was_shown", False)):
        return  # only a review readers see, or saw until now, changes a page
    if label in WATCHED_MODELS or label == REVIEW:
        bump_page_cache()
        if frontcache.configured():
            purge_product_of(instance)
    elif kwargs.get("signal") is post_delete and issubclass(sender, Page):
        bump_page_cache()
