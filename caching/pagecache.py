"""The whole-page cache: what an anonymous reader gets, kept in the shared cache (Redis) and served without
touching the database.

An entry's key names:

- the site the request is for, by Wagtail's rule for matching a host to a site, not the raw ``Host``
  header (``example.com``, ``example.com:80`` and ``example.com:8443`` share one entry). Nothing a page
  renders comes from the raw host: absolute addresses are made from the site's root URL;
- the path, and the values of the query parameters the page read while it rendered (learned per path:
  ``utm_*``, ``fbclid`` and any other parameter no page reads make no entry of their own);
- the ``EVERYTHING`` token and the path's token (``caching.tokens``), which purges move.

Only a 200 that sets no cookie and doesn't opt out (``Cache-Control: private`` or ``no-store``, which a
listing sends for a page number outside its range) is kept; errors and redirects never are."""

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse, QueryDict
from django.http.request import split_domain_port
from django.utils.module_loading import import_string
from wagtail.models import Site

from . import tokens

SITES_KEY = "pagecache:sites"
READS_PREFIX = "pagecache:reads:"
ALL = "*"  # the page read the query string as a whole: every parameter counts
# Tracking tags never change a page, even on a page that reads its query string as a whole.
TRACKING = ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "_ga")
NEVER = ("/admin/", "/go/", "/static/", "/media/", "/documents/")


def reads_key(path):
    return READS_PREFIX + hashlib.sha256(path.encode()).hexdigest()[:32]


def site_table():
    """(id, hostname, port, is_default_site) of every site; kept under the ``EVERYTHING`` token, which any
    change to a site moves."""
    return list(Site.objects.order_by("pk").values_list("id", "hostname", "port", "is_default_site"))


def match_site(sites, hostname, port):
    """The id of the site Wagtail would serve (``Site.find_for_request``): the host and port; else the host
    that is also the default; else the only site on that host; else the default site. A request whose site
    this can't name with certainty (several sites on a host) is not cached."""
    port = int(port) if str(port).isdigit() else None
    on_host = [site for site in sites if site[1] == hostname]
    for site in on_host:
        if site[2] == port:
            return site[0]
    for site in on_host:
        if site[3]:
            return site[0]
    if len(on_host) == 1:
        return on_host[0][0]
    if on_host:
        return None
    defaults = [site for site in sites if site[3]]
    return defaults[0][0] if defaults else None


class ReadTrackingQueryDict(QueryDict):
    """``request.GET`` that remembers which names a page looked up, and whether it used the whole of it
    (iterating, counting, copying or re-encoding it sees every parameter)."""

    def __init__(self, query_string=None, mutable=False, encoding=None):
        self.names_read = set()
        super().__init__(query_string, mutable=mutable, encoding=encoding)
        self.names_read = set()  # filling itself in is not a read

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.names_read.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)

    def _all(name):  # noqa: N805 (builds the methods below)
        def method(self, *args, **kwargs):
            self.names_read.add(ALL)
            return getattr(QueryDict, name)(self, *args, **kwargs)

        method.__name__ = name
        return method

    __iter__ = _all("__iter__")
    __len__ = _all("__len__")
    keys = _all("keys")
    items = _all("items")
    values = _all("values")
    lists = _all("lists")
    dict = _all("dict")
    urlencode = _all("urlencode")
    copy = _all("copy")
    del _all


def _is_tracking(name):
    return name.startswith(TRACKING)


def entry_key(request, site_id, tokens_found, path_token, reads):
    """The entry's key: the site, the path, the values of the parameters in ``reads``, under the tokens."""
    query = request.GET
    if ALL in reads:
        params = sorted((name, values) for name, values in QueryDict.lists(query) if not _is_tracking(name))
    else:
        params = [(name, QueryDict.getlist(query, name)) for name in sorted(reads) if dict.__contains__(query, name)]
    raw = "|".join([str(site_id), request.path, repr(sorted(reads)), repr(params)])
    return f"page:{tokens_found}:{path_token}:{hashlib.sha256(raw.encode()).hexdigest()}"


def session_is_live(request):
    """A signed-in editor gets pages made for them. A cookie that names no session in the session cache
    (forged, expired, left from a logout) is a reader like any other, at the cost of one cache read: never a
    database query."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    engine = import_string(settings.SESSION_ENGINE + ".SessionStore")
    cache_key = getattr(engine(session_key=key), "cache_key", None)
    if cache_key is None:  # a session store without a cache: ask it
        return engine().exists(key)
    return caches[settings.SESSION_CACHE_ALIAS].get(cache_key) is not None


def keep_out_of_caches(request):
    """This response is not to be kept, here or by the shared cache in front (``Cache-Control: private,
    no-store``): a listing's page number out of its range, say, which would otherwise make an entry for
    every number a visitor can type."""
    request.keep_out_of_caches = True


def cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)  # Wagtail's stand-in request for a preview
        and not request.path.startswith(NEVER)
        and not session_is_live(request)
    )


# A path's token is made before its first render, for this long; a 200 keeps it (a 404 leaves nothing).
FIRST_TOKEN_SECONDS = 60


class PageCacheMiddleware:
    """Serves and stores whole pages for anonymous readers (see the module's docstring). A hit costs two
    cache round trips and no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request):
            return self.get_response(request)
        path = request.path_info
        token_name = tokens.path_name(path)
        found = cache.get_many([tokens.EVERYTHING, SITES_KEY, token_name, reads_key(path)])
        tokens.remember({name: found[name] for name in (tokens.EVERYTHING, token_name) if name in found})
        everything = tokens.token(tokens.EVERYTHING)
        sites = found.get(SITES_KEY)
        if sites is None or sites[0] != everything:
            sites = (everything, site_table())
            cache.set(SITES_KEY, sites, None)
        hostname, _port = split_domain_port(request.get_host())
        site_id = match_site(sites[1], hostname, request.get_port())
        if site_id is None:
            return self.get_response(request)
        path_token = found.get(token_name)
        reads = frozenset(found.get(reads_key(path), ()))
        if path_token is not None:
            cached = cache.get(entry_key(request, site_id, everything, path_token, reads))
            if cached is not None:
                return cached_response(*cached)
        else:
            path_token = tokens.token(token_name, timeout=FIRST_TOKEN_SECONDS)
        tracked = ReadTrackingQueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        request.GET = tracked
        response = self.get_response(request)
        if self.keepable(request, response) and token_holds(token_name, path_token):
            reads = frozenset(name for name in reads | tracked.names_read if not _is_tracking(name))
            seconds = settings.PAGE_CACHE_SECONDS
            cache.set(reads_key(path), sorted(reads), seconds * 2)
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
            key = entry_key(request, site_id, everything, path_token, reads)
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def keepable(request, response):
        cache_control = response.headers.get("Cache-Control", "")
        if (
            getattr(request, "keep_out_of_caches", False)
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or "private" in cache_control
            or "no-store" in cache_control
        ):
            return False
        return True


def token_holds(name, token):
    """The path's token is still the one the page was rendered under (no purge moved it meanwhile); from
    now on it lasts. (Redis's answer to touch() can't tell: it is false for a token that already lasts.)"""
    if cache.get(name) != token:
        return False
    cache.touch(name, None)
    return True


def cached_response(status, headers, content):
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = "hit"
    return response
