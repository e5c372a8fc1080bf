"""Anything readers can see changed: drop every cached page (one version bump, see PageCacheMiddleware)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from tcmtips.events import content_changed

from .middleware import bump_page_cache

WATCHED_MODELS = {
    "products.product",
    "products.productfeature",
    "products.offer",
    "products.productreview",
    "products.productcategory",  # shop filter links
    "tcmtips.sitesettings",
    "articles.complaint",
    "wagtailimages.image",
    "authors.book",
    "wagtailcore.site",
    "wagtailredirects.redirect",
}


@receiver(page_published)
@receiver(page_unpublished)
@receiver(content_changed)
def on_page_change(sender, **kwargs):
    bump_page_cache()


@receiver(post_save)
@receiver(post_delete)
def on_content_change(sender, **kwargs):
    if sender._meta.label_lower in WATCHED_MODELS:
        bump_page_cache()
