import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

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


class SecurityHeadersMiddleware:
    """Content-Security-Policy for the public site (the Wagtail admin needs its own inline scripts),
    and a plain 503 when the database is unreachable instead of a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response

    def process_exception(self, request, exception):
        # Only a database that can't be reached is an outage (503, try again later). Any other database
        # error (an IntegrityError, a bad query) is a bug: it stays a 500 that Django logs and reports.
        if isinstance(exception, OperationalError | InterfaceError) and not settings.DEBUG:
            log.error("Database unavailable, answering 503: %s %s", request.method, request.path, exc_info=exception)
            return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "30"})
        return None
