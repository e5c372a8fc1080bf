"""HTTP caching headers for a shared cache in front of the app servers (Varnish in `make stack`).

A page an anonymous reader gets is the same for every anonymous reader, so a shared cache may keep it for
HTTP_CACHE_SECONDS (it is purged on publish, see wagtail.contrib.frontend_cache), while browsers keep it
only BROWSER_CACHE_SECONDS, so a reader sees a correction soon after it is published. Anything personal
(a signed-in editor, a response that sets a cookie, the admin, the counted /go/ redirect) is marked private.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

NEVER_SHARED = ("/admin/", "/go/")


class SharedCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response.headers:
            return response  # the view decided (e.g. no-store on forms and redirects)
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
