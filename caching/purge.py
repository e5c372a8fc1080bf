"""What a change purges, asked of the changed object itself.

A model takes part in caching by declaring, on the model:

- ``cache_dependents()``: the other objects whose pages show it (a point lists the articles that use it, a
  product page lists the articles featuring it). They are purged with it.
- its addresses: for a page, Wagtail's own (``url`` and ``get_cached_paths()``); for any other model,
  ``get_cached_urls()``, the site-relative paths it is shown at (``["/products/facial-gua-sha-tool/"]``).
- ``cache_purges_everything = True`` for what shows on most pages (site settings, the menus' categories).

An object that declares none of these (an image, a document) is shown by whatever refers to it in
Wagtail's reference index: those objects are purged instead, each with its own dependents.

Purging an object moves its token (its fragments and its routing are made again), moves the page-cache
tokens of its addresses, and sends them to the front cache (Varnish, through ``wagtail.contrib.
frontend_cache``); the site-wide listings (search, the sitemap, the feed: ``CACHING_SITEWIDE_PATHS``) and
the content token go with every purge. A purge is applied at once and again when the transaction commits, so
a reader who renders in between from the old rows keeps nothing."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.utils.module_loading import import_string
from wagtail.models import Page, ReferenceIndex, Site

from . import frontend, tokens

log = logging.getLogger(__name__)


def declares(obj):
    return any(hasattr(obj, name) for name in ("cache_dependents", "get_cached_urls", "cache_purges_everything"))


def referrers(obj):
    """The objects whose content refers to ``obj`` in Wagtail's reference index, pages as their specific type."""
    found = []
    by_type = {}
    for ref in ReferenceIndex.get_references_to(obj).values("content_type_id", "object_id").distinct():
        by_type.setdefault(ref["content_type_id"], set()).add(ref["object_id"])
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        found.extend(model._meta.default_manager.filter(pk__in=[model._meta.pk.to_python(pk) for pk in ids]))
    return found


def referenced_pages(obj):
    """The pages ``obj``'s own content refers to (an article's points and people)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_for_object(obj)
        .filter(to_content_type=page_type)
        .annotate(page_id=Cast("to_object_id", IntegerField()))
        .values("page_id")
    )
    return list(Page.objects.filter(pk__in=ids).specific())


def referenced_objects(obj):
    """Every object ``obj``'s own content refers to, pages included (a product card's product)."""
    found = []
    by_type = {}
    for ref in ReferenceIndex.get_references_for_object(obj).values("to_content_type_id", "to_object_id"):
        by_type.setdefault(ref["to_content_type_id"], set()).add(ref["to_object_id"])
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        manager = Page.objects.specific() if issubclass(model, Page) else model._meta.default_manager
        found.extend(manager.filter(pk__in=[model._meta.pk.to_python(pk) for pk in ids]))
    return found


def sitewide_paths():
    """The paths of the views that list the whole site (``CACHING_SITEWIDE_PATHS`` names a function)."""
    name = getattr(settings, "CACHING_SITEWIDE_PATHS", None)
    return list(import_string(name)()) if name else []


class Purge:
    """The objects and addresses one change purges; ``apply()`` purges them."""

    def __init__(self):
        self.everything = False
        self.token_names = set()
        self.paths = set()  # site-relative paths, on every site
        self.urls = set()  # absolute URLs for the front cache
        self.seen = set()

    def add(self, obj, dependents=True, paths_before=()):
        """Purge ``obj`` and, with ``dependents``, what it declares as its dependents. ``paths_before``: the
        addresses a page had before it moved, purged as well."""
        key = tokens.object_name(obj)
        if key in self.seen:
            return
        self.seen.add(key)
        if getattr(obj, "cache_purges_everything", False):
            # A change to it shows on most pages. Named only as a dependent (a complaint that ranks a
            # republished point), it has no page of its own, and the pages listing it are purged as the
            # changed object's own dependents.
            self.everything = self.everything or dependents
            return
        others = ()
        if dependents:
            if hasattr(obj, "cache_dependents"):
                others = obj.cache_dependents()
                if others is None:  # readers see nothing of this change (a review awaiting moderation)
                    return
            elif not declares(obj):
                # Nothing declared (an image, a document): what refers to it, each with its own dependents.
                for other in referrers(obj):
                    self.add(other)
        self.token_names.add(key)
        if isinstance(obj, Page):
            self._add_page_addresses(obj)
            for path in paths_before:
                self._add_path(path)
        elif hasattr(obj, "get_cached_urls"):
            for path in obj.get_cached_urls():
                self._add_path(path)
        for other in others:
            if other is not None:
                self.add(other, dependents=False)

    def _add_page_addresses(self, page):
        parts = page.get_url_parts()
        if parts is None:
            return
        _site_id, root_url, page_path = parts
        for cached in page.get_cached_paths():
            path = page_path + cached.lstrip("/")
            self.paths.add(path)
            self.urls.add(root_url + path)

    def _add_path(self, path):
        self.paths.add(path)
        for root in Site.get_site_root_paths():
            self.urls.add(root.root_url + path)

    def apply(self):
        if not (self.everything or self.token_names or self.paths):
            return
        for path in sitewide_paths():
            self._add_path(path)

        def move():
            if self.everything:
                tokens.move([tokens.EVERYTHING, tokens.CONTENT])
                frontend.purge_everything()
                return
            tokens.move([tokens.CONTENT, *self.token_names, *(tokens.path_name(path) for path in self.paths)])
            frontend.purge(self.urls)

        move()
        # Again once the change is committed: a reader who rendered from the old rows in the meantime
        # stored what they rendered under the tokens moved just now, or under new ones moved here.
        transaction.on_commit(move)


def purge(*objects, also=()):
    """Purge these objects and what shows them (see the module's docstring), and the objects in ``also``
    without their dependents (what a page showed before it changed)."""
    batch = Purge()
    try:
        with transaction.atomic():  # a failed query here must not abort the editor's own transaction
            for obj in objects:
                batch.add(obj)
            for obj in also:
                batch.add(obj, dependents=False)
    except Exception:
        # A page half-way through deletion may have lost its parent or site: never leave pages stale
        # because the bookkeeping tripped.
        log.exception("could not work out what %s affects; purging everything", objects)
        batch.everything = True
    batch.apply()


def purge_everything():
    batch = Purge()
    batch.everything = True
    batch.apply()
