import hashlib
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from . import ratelimit
from .client import client_ip

log = logging.getLogger(__name__)

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# The admin's live preview renders a page through this middleware on a stand-in request for the page's own
# URL and shows it in a frame of the admin: that response may be framed by this site (editors' issue).
PREVIEW_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


class SecurityHeadersMiddleware:
    """Content-Security-Policy for the public site (the Wagtail admin needs its own inline scripts),
    and a plain 503 when the database is unreachable instead of a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault(
                "Content-Security-Policy", PREVIEW_CSP if getattr(request, "is_preview", False) else CSP
            )
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response

    def process_exception(self, request, exception):
        # Only a database that can't be reached is an outage (503, try again later). Any other database
        # error (an IntegrityError, a bad query) is a bug: it stays a 500 that Django logs and reports.
        if isinstance(exception, OperationalError | InterfaceError) and not settings.DEBUG:
            log.error("Database unavailable, answering 503: %s %s", request.method, request.path, exc_info=exception)
            return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "30"})
        return None


class LoginRateLimitMiddleware:
    """Slows password guessing on the admin login: after LOGIN_ATTEMPTS_PER_WINDOW failed-or-not POSTs from
    one client in LOGIN_WINDOW_SECONDS, further attempts get a 429 until the window passes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == "/admin/login/":
            address = client_ip(request)
            key = "login-attempts:" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
            if ratelimit.count(key, settings.LOGIN_WINDOW_SECONDS) > settings.LOGIN_ATTEMPTS_PER_WINDOW:
                return HttpResponse(
                    "Too many sign-in attempts from your address. Please wait a few minutes and try again.",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                    headers={"Retry-After": str(settings.LOGIN_WINDOW_SECONDS)},
                )
        return self.get_response(request)
