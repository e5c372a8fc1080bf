"""Taking reviews from readers on pages that are served from the whole-page cache."""

from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost

from security import ratelimit
from security.client import client_id

REVIEWS_PER_CLIENT_PER_HOUR = 5


def same_origin(request):
    """True when the browser says the form was posted from a page on this host.

    Browsers send Origin on every cross-site POST and cannot be made by a page to forge it; Referer is the
    fallback for old clients. A POST with neither, or with one that isn't a URL at all (``http://[``), is
    refused."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not source or source == "null":
        return False
    try:
        parts = urlsplit(source)
        host = request.get_host()
    except (ValueError, DisallowedHost):
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


def count_submission(request):
    """Count one review from this client and say whether it is still within the limit, in one atomic step
    (see ``tcmtips.ratelimit``). Returns ``(allowed, retry_after_seconds)``.

    Keyed by ``client_id`` only (an IPv6 client by its /64); the User-Agent is left out on purpose:
    changing it must not reset the limit."""
    return ratelimit.hit(ratelimit.client_key("review", client_id(request)), REVIEWS_PER_CLIENT_PER_HOUR, 60 * 60)
