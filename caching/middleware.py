"""Request-wide parts of caching: the tokens a request reads are read once (``TokenMemoMiddleware``, first
in the list), and the headers that tell a shared cache in front (Varnish) what it may keep
(``SharedCacheControlMiddleware``, outside the page cache so that its hits get them too)."""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from . import tokens

NEVER_SHARED = ("/admin/", "/go/")


class TokenMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = tokens.request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            tokens.request_memo.reset(reset)


class SharedCacheControlMiddleware:
    """A page an anonymous reader gets is the same for every anonymous reader, so a shared cache may keep it
    for HTTP_CACHE_SECONDS (it is purged when it changes, see ``caching.purge``), while browsers keep it only
    BROWSER_CACHE_SECONDS, so a reader sees a correction soon after it is published. Anything personal (a
    signed-in editor, a response that sets a cookie, the admin, the counted /go/ redirect) is private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "keep_out_of_caches", False):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response
        if "Cache-Control" in response.headers:
            return response  # the view decided (no-store on forms and redirects, private on a miss in search)
        if request.method not in ("GET", "HEAD") or request.path.startswith(NEVER_SHARED):
            return response
        personal = (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or settings.CSRF_COOKIE_NAME in request.COOKIES
            or response.cookies
            or getattr(request, "user", None) is not None
            and request.user.is_authenticated
        )
        if personal:
            patch_cache_control(response, private=True, no_cache=True)
        elif response.status_code == 200 and settings.HTTP_CACHE_SECONDS > 0:
            patch_cache_control(
                response,
                public=True,
                max_age=min(settings.BROWSER_CACHE_SECONDS, settings.HTTP_CACHE_SECONDS),
                s_maxage=settings.HTTP_CACHE_SECONDS,
            )
        return response
