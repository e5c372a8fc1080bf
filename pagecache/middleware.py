from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from . import keys


class PageCacheMiddleware:
    """Whole-page cache for anonymous readers: a cached page costs no database query at all.

    Only GET/HEAD without a live session are served from or stored in the cache, and only 200 responses
    that set no cookie and don't opt out (``Cache-Control: private/no-store``). The key holds only the
    query parameters the page reads (see ``pagecache.keys``); a change drops the pages that show it (see
    ``pagecache.changes``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def _cacheable_request(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(("/admin/", "/go/", "/static/", "/media/"))
            and not self._has_live_session(request)
        )

    @staticmethod
    def _has_live_session(request):
        """A signed-in editor (or anyone with a real session) gets pages made for them. A cookie that names
        no session (forged, expired, left from a logout) is a reader like any other: with the cached_db
        session store the check is one cache read, not a page render."""
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not key:
            return False
        try:
            return import_module(settings.SESSION_ENGINE).SessionStore().exists(key)
        except Exception:  # an unreadable store: play safe and render the page for this request
            return True

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        path = request.path_info  # without SCRIPT_NAME: what pagecache.changes names pages by
        version, token, reads = keys.lookup_state(path)
        cached = cache.get(keys.page_key(request, version, token, reads))
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        tracked = keys.track_reads(request)
        response = self.get_response(request)
        cache_control = response.headers.get("Cache-Control", "")
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        ):
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
            # Under the token read before rendering: if a change dropped this path meanwhile, the entry
            # is never found, rather than keeping what was rendered from the old content.
            key = keys.page_key(request, version, token, keys.remember_reads(path, reads, tracked.names_read))
            cache.set(key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response.headers["X-Page-Cache"] = "miss"
        return response
