"""Purging the HTTP cache in front of the app servers (Varnish in the stack) of the pages that show a change.

Wagtail's frontend_cache app already purges a page when it is published or unpublished. A page also shows
what other pages and snippets hold: an article shows its points and its product card, the home page and
the article index list articles, a product's page shows its offers and approved reviews. Those pages are
found through Wagtail's reference index and the tree, and purged in one batch. Without
WAGTAILFRONTENDCACHE (a single machine, the tests) nothing is sent. A purge that fails is logged: the
change itself is saved, and the front cache lets the page go after its lifetime anyway."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex, Site

log = logging.getLogger(__name__)


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def pages_showing(obj):
    """Live pages whose content refers to ``obj`` (a page or a snippet), from Wagtail's reference index."""
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return list(Page.objects.live().filter(pk__in=ids))


def pages_listing(page):
    """The page's parent (an index lists it) and the home page (it lists the latest articles)."""
    pages = list(Page.objects.live().filter(pk=page.get_parent().pk)) if page.depth > 2 else []
    site = page.get_site()
    if site is not None:
        pages.append(site.root_page)
    return pages


def purge(pages=(), paths=()):
    """Purge these pages and these site-relative paths (on the default site) from the front cache."""
    if not configured() or not (pages or paths):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    try:
        batch = PurgeBatch()
        batch.add_pages(pages)
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            batch.add_urls([site.root_url + path for path in paths])
        batch.purge()
    except Exception:  # the change is saved either way; the front cache expires the page on its own
        log.exception("purging the front cache failed")


def purge_for_page(page):
    """A page was published, unpublished or moved: the pages that list it or show it."""
    try:
        pages = pages_listing(page) + pages_showing(page)
    except Exception:  # a page half-way through deletion may have lost its site: its own purge still ran
        log.exception("finding the pages that show page %s failed", page.pk)
        return
    purge(pages)


def purge_for_product(product):
    """A product, or one of its offers, features or approved reviews, changed."""
    purge(pages_showing(product), [product.get_absolute_url()])
