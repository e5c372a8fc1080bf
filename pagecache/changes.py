"""Which pages a change shows up on: one answer, used to drop them from the in-app page cache and to purge
them from the HTTP cache in front (Varnish in the stack).

- A page published, unpublished, moved, renamed or deleted: the page itself (and, when its address
  changed, every page below it at the old and new address), its parent (an index lists it), the home page
  (it lists the latest articles), the pages that show it (found in Wagtail's reference index: an article
  showing a point or a person) and the pages it shows, before and after the change (a point's page lists
  the articles that use it, a person's page the articles they wrote or reviewed).
- A product, offer or feature, or a review readers see: the product's page, the shop that lists it and
  the pages that show its card.
- Search, its suggestions, the sitemap (its index and every section) and the feed list everything, so
  every change drops those too.
- Site settings, menus, categories, complaints, images and books drop everything: they show up on most
  pages, and change rarely.

Only paths are dropped, on every host and with any query string, so ``/articles/?page=3`` goes with
``/articles/``. What a change drops is computed while it is saved and dropped again once the transaction
commits, so a reader who renders the page in between can't keep the old version cached.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, ReferenceIndex, Site

from . import frontcache, keys

log = logging.getLogger(__name__)

# URL names of the views that list every page: any change to what readers see drops them.
LISTS_EVERYTHING = ("search", "search_suggest", "sitemap", "sitemap_section", "feed")
# The sitemap's sections (tcmtips.urls.SITEMAPS): one path each under "sitemap_section", any ?p= page.
SITEMAP_SECTIONS = ("pages", "products")


@dataclass
class Change:
    url_paths: set = field(default_factory=set)  # Wagtail url_paths of pages ("/home/articles/x/")
    paths: set = field(default_factory=set)  # site-relative paths of non-page views ("/products/x/")

    def add_pages(self, pages):
        self.url_paths.update(page.url_path for page in pages)
        return self

    def site_urls(self):
        """(root URL, site-relative path) of every affected address, on every site that has it."""
        roots = Site.get_site_root_paths()
        found = {
            (root.root_url, "/" + url_path[len(root.root_path) :])
            for url_path in self.url_paths
            for root in roots
            if url_path.startswith(root.root_path)
        }
        default = next((root.root_url for root in roots), "")
        return found | {(default, path) for path in self.paths}


def _page_ids(references):
    return references.filter(base_content_type=ContentType.objects.get_for_model(Page)).annotate(
        page_id=Cast("object_id", IntegerField())
    )


def pages_showing(obj):
    """Pages whose content refers to ``obj`` (a page or a snippet), from Wagtail's reference index."""
    ids = _page_ids(ReferenceIndex.get_references_to(obj)).values("page_id")
    return list(Page.objects.filter(pk__in=ids).only("url_path"))


def pages_shown_by(page):
    """Pages ``page``'s own content refers to (its points, author, reviewer)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_for_object(page)
        .filter(to_content_type=page_type)
        .annotate(page_id=Cast("to_object_id", IntegerField()))
        .values("page_id")
    )
    return list(Page.objects.filter(pk__in=ids).only("url_path"))


def lists_everything():
    paths = set()
    for name in LISTS_EVERYTHING:
        for kwargs in [{}] if name != "sitemap_section" else [{"section": s} for s in SITEMAP_SECTIONS]:
            try:
                paths.add(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                pass
    return paths


def for_page(page, shown_before=()):
    """A page's content or state changed. ``shown_before``: the pages it showed before this save."""
    change = Change(paths=lists_everything()).add_pages([page, *shown_before])
    if page.depth > 2:
        change.add_pages([page.get_parent()])
    change.add_pages(site.root_page for site in Site.objects.select_related("root_page"))
    change.add_pages(pages_showing(page))
    change.add_pages(pages_shown_by(page))
    return change


def for_moved_subtree(page, url_path_before):
    """A page's address changed (moved, or a new slug): it and everything below it, at both addresses."""
    change = for_page(page)
    subtree = Page.objects.descendant_of(page, inclusive=True).only("url_path")
    for descendant in subtree:
        change.url_paths.add(descendant.url_path)
        change.url_paths.add(url_path_before + descendant.url_path[len(page.url_path) :])
    old_parent = url_path_before.rstrip("/").rsplit("/", 1)[0] + "/"
    change.url_paths.add(old_parent)
    return change


def for_product(product):
    from products.models import ProductIndexPage

    change = Change(paths=lists_everything() | {product.get_absolute_url()})
    change.add_pages(pages_showing(product))
    change.add_pages(ProductIndexPage.objects.only("url_path"))
    return change


def apply(change):
    """Drop the change's pages from the page cache and purge them from the front cache: now, and again
    once the transaction commits (a render between the two would otherwise keep the old page)."""
    urls = change.site_urls()
    paths = {path for _root, path in urls}

    def drop():
        keys.drop_paths(paths)
        keys.content_changed()
        frontcache.purge(root + path for root, path in urls)

    drop()
    transaction.on_commit(drop)


def safely(compute, *args):
    """Work out a change, or drop everything if that fails (a page half-way through deletion may have lost
    its parent or site): a page is never left stale because the bookkeeping tripped."""
    try:
        with transaction.atomic():  # a failed query here must not abort the editor's own transaction
            change = compute(*args)
    except Exception as error:
        log.warning("could not work out which pages %s affects (%s); dropping every cached page", args[0], error)
        drop_everything()
    else:
        apply(change)


def addresses_changed():
    """A page's address changed or went: every cached fragment is rendered again (its links to pages
    are worked out then); now, and again once the transaction commits."""
    keys.addresses_changed()
    transaction.on_commit(keys.addresses_changed)


def drop_everything():
    def drop():
        keys.drop_everything()
        if frontcache.configured():
            frontcache.purge_everything()

    drop()
    transaction.on_commit(drop)
