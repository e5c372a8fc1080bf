"""Recording a click-through: who (roughly), from where, never a raw address."""

import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from security.client import client_id

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-requests|httpx|headless|facebookexternalhit|"
    r"embedly|lighthouse|pingdom|scrapy|go-http-client|java/|libwww",
    re.IGNORECASE,
)


def looks_like_bot(request):
    agent = request.headers.get("User-Agent", "")
    return not agent or bool(BOT_PATTERN.search(agent))


def is_prefetch(request):
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose.lower() or "prerender" in purpose.lower()


def internal_source_path(request):
    """The path of the page on this site that sent the reader, or '' for another site or none."""
    referer = request.headers.get("Referer", "")
    if not referer or not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return ""
    path = urlsplit(referer).path[:500]
    return path if is_site_path(path) else ""


def is_site_path(path):
    """True for a path on this site. Browsers drop tabs and line breaks from a URL and read ``//evil.example``
    and ``/\\evil.example`` as another host, so such a "path" (a forged Referer) is never one of ours."""
    path = re.sub(r"[\t\n\r]", "", path)
    return path.startswith("/") and path[1:2] not in ("/", "\\")


def client_hash(request):
    """A hash salted with today's date and the secret key: lets a day's repeat clicks be spotted, and
    cannot be turned back into an address, nor linked across days."""
    address = client_id(request)
    salt = f"{settings.SECRET_KEY}:{timezone.now().date().isoformat()}"
    return hashlib.sha256(f"{salt}:{address}:{request.headers.get('User-Agent', '')}".encode()).hexdigest()
