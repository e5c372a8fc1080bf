"""Taking reviews from readers on pages that are served from the whole-page cache."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from tcmtips import ratelimit
from tcmtips.client import client_ip

REVIEWS_PER_CLIENT_PER_HOUR = 5


def same_origin(request):
    """True when the browser says the form was posted from a page on this host.

    Browsers send Origin on every cross-site POST and cannot be made by a page to forge it; Referer is the
    fallback for old clients. A POST with neither is refused."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == request.get_host().lower()


def _rate_key(request):
    # Salted with the secret and the date, like OutboundClick.client_hash, so the cache never holds an address.
    # The User-Agent is left out on purpose: changing it must not reset the limit.
    address = client_ip(request)
    salt = f"{settings.SECRET_KEY}:{timezone.now().date().isoformat()}"
    return "reviewrate:" + hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()


def rate_limited(request):
    return (cache.get(_rate_key(request)) or 0) >= REVIEWS_PER_CLIENT_PER_HOUR


def count_submission(request):
    ratelimit.count(_rate_key(request), 60 * 60)
