"""Finding the site and the page for a request in one query, whatever the page's depth.

Wagtail, left to itself, spends on every page-cache miss: a query to match the host to a site, one for the
site's home page, one per URL segment to walk down the tree and one more for the specific page, one for
the view restrictions on the page and its ancestors, and one for the ancestors' titles in the breadcrumb
trail. Here:

- The sites (a handful of rows) and their settings are kept in the cache (and in each process, under a
  token read once a request) and matched to the host in Python by Wagtail's own rule; saving or deleting
  a site or its settings, or a new ``menus_version``, drops them.
- One query (compiled once) reads every page whose URL path is a prefix of the requested one: the page
  and its version, its ancestors' titles, and whether any of them carries a view restriction or is an
  alias. The chain checks itself against the cached home page, so a home page given a new slug is found,
  never served stale.
- The specific page with what its type always shows (``served_queryset``) comes from the cache, kept
  under that version; one more query reads it when it isn't there.

Anything this does not cover (a sub-route of a routable page, a URL that names no live page, a site whose
home page moved) falls through to Wagtail's own routing, which gives the same answer more slowly."""

import copy
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath
from wagtail.views import serve as wagtail_serve

from . import fragments
from .fragments import PAGE_STAMP_FIELDS, page_stamp
from .models import SiteSettings
from .prepared import Prepared, PreparedObjects
from .versions import VERSION_KEYS, everything_version

# --- The site -----------------------------------------------------------------------------------------------
SITES_KEY = "tcmtips:sites:with-settings"
SITES_TOKEN_KEY = "tcmtips:sites:token"


class _Kept:
    """This process's copy of the sites, and the token of the cached copy it was read from."""

    token = None
    sites = None


_kept = _Kept()


def load_sites(request=None):
    """Every site with its home page and its settings (``(sites, {site_pk: settings})``).

    Each request asks the cache for one short token, in the same round trip as the versions the rest of
    the request keys its entries under (``request.cache_versions``). The sites themselves are unpickled
    only when the token has moved (a site or its settings saved, a new ``menus_version``: ``forget_sites``)
    since this process last read them: from the cache, or from the database in one query when the cache
    has none. Wagtail's site root paths (which ``page.url`` needs) are kept with them, so a request asks
    for those neither from the cache nor from the database. Each request gets its own copy of its site's
    settings (the settings remember the request they are read for)."""
    found = cache.get_many([SITES_TOKEN_KEY, *VERSION_KEYS])
    if request is not None:
        request.cache_versions = {key: found.get(key) for key in VERSION_KEYS}
    token = found.get(SITES_TOKEN_KEY)
    if token is None or token != _kept.token:
        kept = cache.get(SITES_KEY) if token is not None else None  # no token: the cached copy is gone too
        if kept is None or kept[0] != token:
            sites = every_site()
            settings_by_site = {site.pk: site._state.fields_cache.pop("sitesettings", None) for site in sites}
            token = secrets.token_hex(8)
            kept = (token, sites, settings_by_site, site_root_paths(sites))
            # Kept until a site or its settings change (forget_sites), or routing finds the home page moved.
            cache.set_many({SITES_KEY: kept, SITES_TOKEN_KEY: token}, None)
        _kept.token, _kept.sites = kept[0], kept[1:]
    sites, settings_by_site, root_paths = _kept.sites
    if request is not None and not settings.WAGTAIL_I18N_ENABLED:
        request._wagtail_cached_site_root_paths = root_paths
    return sites, settings_by_site


# The sites with their home pages and settings, in one query compiled once (tcmtips.prepared).
every_site = PreparedObjects(lambda _none: Site.objects.select_related("root_page__locale", "sitesettings"), kind=None)


def site_root_paths(sites):
    """``Site.get_site_root_paths()`` for a single-language site, from rows already read: the longest
    home page path first, then the default site, then by host name (Wagtail's order)."""
    ordered = sorted(sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: not site.is_default_site)
    ordered.sort(key=lambda site: site.root_page.url_path, reverse=True)
    return [
        SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
        for site in ordered
    ]


def match_site(sites, hostname, port):
    """Wagtail's rule (``wagtail.models.sites.get_site_for_hostname``): the host and port; else the host
    that is also the default; else a single site on that host; else the default site; else none."""
    port = str(port)

    def rank(site):
        if site.hostname == hostname and str(site.port) == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    candidates = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if not candidates:
        return None
    if len(candidates) == 1 or rank(candidates[0]) in (0, 1):
        return candidates[0]
    if rank(candidates[0]) == 2:
        # The default site first, then every site on this host: one such site wins over the default.
        return candidates[len(candidates) == 2]
    return None  # several sites on this host, none on this port and none the default


def find_site(request):
    sites, site_settings = load_sites(request)
    site = match_site(sites, split_domain_port(request._get_raw_host())[0], request.get_port())
    site_settings = site_settings.get(site.pk) if site is not None else None
    if site_settings is not None:  # what SiteSettings.for_request would otherwise read again
        site_settings = copy.copy(site_settings)  # this request's own: it remembers the request
        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)
    return site


class SiteMiddleware:
    """Answers Wagtail's ``Site.find_for_request`` (which it caches on the request) from the cached sites.
    Placed after the page cache: a hit never asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = find_site(request)
        return self.get_response(request)


def forget_sites():
    def forget():
        cache.delete_many([SITES_TOKEN_KEY, SITES_KEY])
        Site.clear_site_root_paths_cache()

    forget()
    # Again once the change is committed, so a request that read the old rows meanwhile cannot keep them.
    transaction.on_commit(forget)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_delete, sender=SiteSettings)
def on_site_change(sender, **kwargs):
    forget_sites()  # a settings save calls it itself, once it has moved menus_version (so does tcmtips.menus)


# --- The page -----------------------------------------------------------------------------------------------
def prefixes(url_path):
    """'/home/articles/x/' → ['/', '/home/', '/home/articles/', '/home/articles/x/']."""
    parts = [part for part in url_path.split("/") if part]
    return ["/" + "".join(f"{part}/" for part in parts[:n]) for n in range(len(parts) + 1)]


# The chain of pages down to the requested one, in one query compiled once (tcmtips.prepared).
CHAIN_COLUMNS = ("pk", "content_type_id", "path", "url_path", "title", "live", "alias_of_id", "restricted")
chain_of = Prepared(
    lambda url_paths: (
        Page.objects.filter(url_path__in=url_paths)
        .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        .order_by("depth")
        .values_list(*CHAIN_COLUMNS, *PAGE_STAMP_FIELDS)
    ),
    kind=str,
)


def route(request, site, path):
    """Wagtail's ``RouteResult`` for the live page at ``path``, or None to leave it to Wagtail's routing."""
    root = site.root_page
    url_path = root.url_path + "".join(f"{part}/" for part in path.split("/") if part)
    wanted = prefixes(url_path)
    chain = chain_of(wanted)
    if not any(row[0] == root.pk and row[3] == root.url_path for row in chain):
        forget_sites()  # the home page has a new address since the sites were cached
        return None
    target = chain[-1]
    if target[3] != url_path or not target[5]:
        return None
    chain = [row for row in chain if target[2].startswith(row[2])]
    if [row[3] for row in chain] != wanted:
        return None
    model = ContentType.objects.get_for_id(target[1]).model_class()
    if model is None:
        return None
    page = served_page(request, model, target)
    if page is None:
        return None
    page._ancestor_titles = {row[2]: row[4] for row in chain[:-1]}
    if not any(row[6] or row[7] for row in chain):
        page._view_restrictions = PageViewRestriction.objects.none()
    return page.route(request, [])


_served_queries = {}


def served_query(model, cached):
    """The type's ``served_queryset`` for one page by its id, compiled once (tcmtips.prepared). No ORDER
    BY for one row by its key: Django works out a page's default ordering (its tree path) anew for every
    query, and on a page type with related rows joined that costs more than the query."""
    prepared = _served_queries.get((model, cached))
    if prepared is None:
        served = getattr(model, "served_queryset", None)
        prepared = _served_queries[(model, cached)] = PreparedObjects(
            lambda pks: (served(cached) if served else model._default_manager.all()).filter(pk__in=pks).order_by()
        )
    return prepared


def served_page(request, model, row):
    """The page of ``row`` (from the chain) as its type reads it to serve a request (``served_queryset``).

    For what every reader sees (``fragments.usable``), the page as read is kept in the cache under what
    it is read from: its live revision and publication time, its place in the tree, and the version of
    everything (an image, such as the hero image read with an article, moves it). A page-cache miss then
    unpickles the page (30 µs) instead of reading it (0.9 ms for an article, most of it the ORM's)."""
    pk, _type, tree_path, url_path = row[:4]
    cached = fragments.usable(request)

    def read():
        return next(iter(served_query(model, cached)([pk])), None)

    if not cached:
        return read()
    stamp = page_stamp(*row[len(CHAIN_COLUMNS) :])
    key = f"served:{everything_version()}:{model._meta.label_lower}:{pk}:{stamp}:{tree_path}:{url_path}"
    page = cache.get(key)
    if page is None:
        page = read()
        if page is not None:
            cache.set(key, page, settings.FRAGMENT_CACHE_SECONDS)
    return page


def serve(request, path):
    """Wagtail's page view, given the route found above."""
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        try:
            result = route(request, site, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if result is not None:
                request._wagtail_route_for_request = result
    return wagtail_serve(request, path)
