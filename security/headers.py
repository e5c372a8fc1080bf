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


# The admin's live preview renders a page through this middleware on a stand-in request for the page's own
# URL and shows it in a frame of the admin: that response may be framed by this site.
PREVIEW_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")


# Development only: Django's technical 404 and 500 pages (shown instead of the site's own when DEBUG is on)
# carry their styles, and the 500 page its "copy-and-paste view" switch, inline. Under the site's policy they
# come out unstyled, so an error answer gets these two relaxed while DEBUG is on, and never otherwise.
DEBUG_ERROR_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
DEBUG_ERROR_STATUSES = {404, 500}


# --- Security: the admin's own policy. Wagtail 8's admin still runs a few inline scripts (inline
# panels, date pickers) and sets inline styles, so those two need 'unsafe-inline'; everything else stays
# on this host, plugins are off, and only the admin itself may frame its pages (the live preview).
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# --- end security


class SecurityHeadersMiddleware:
    """Content-Security-Policy for the public site, and a looser one for the Wagtail admin (ADMIN_CSP),
    and a plain 503 when the database is unreachable instead of a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", self.public_policy(request, response))
        else:
            # Set, not defaulted: a preview renders the page through this middleware again under the page's
            # own URL, and the admin must be able to frame what it shows.
            response.headers["Content-Security-Policy"] = ADMIN_CSP
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response

    @staticmethod
    def public_policy(request, response):
        if getattr(request, "is_preview", False):
            return PREVIEW_CSP
        if settings.DEBUG and response.status_code in DEBUG_ERROR_STATUSES:
            return DEBUG_ERROR_CSP
        return CSP

    def process_exception(self, request, exception):
        # Only a database that can't be reached is an outage (503, try again later). Any other database
        # error (an IntegrityError, a bad query) is a bug: it stays a 500 that Django logs and reports.
        if isinstance(exception, OperationalError | InterfaceError) and not settings.DEBUG:
            log.error("Database unavailable, answering 503: %s %s", request.method, request.path, exc_info=exception)
            return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "30"})
        return None
