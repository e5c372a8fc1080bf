"""Who is asking: one answer for every limit, count and hash on the site.

Behind a proxy every request arrives from the proxy's address, and the reader's own address is in
``X-Forwarded-For``. That header is whatever the client wants it to be, so it is believed only when the
request came from one of ``TRUSTED_PROXIES``, and then only the hops our own proxies appended: reading
from the right, the first address that is not one of ours is the client. A forged header sent straight to
an app server, or a forged left-hand part of it, changes nothing.

Limits, lockouts and counts of visitors take ``client_id``: the address of an IPv4 client, and the /64
network of an IPv6 one. A single IPv6 subscriber is usually handed a whole /64 (2^64 addresses), so
counting exact IPv6 addresses would let one visitor step around every limit by changing the last bits."""

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted_proxy(address):
    ip = _parse(address or "")
    return ip is not None and any(ip in net for net in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The client's address as a string ('' if unknown), honouring X-Forwarded-For only from our proxies."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(peer):
        return peer
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if _parse(hop) is None:
            return peer  # a malformed hop: don't guess past it
        if not is_trusted_proxy(hop):
            return str(_parse(hop))
    return peer


IPV6_CLIENT_PREFIX = 64


def client_id(request):
    """Who counts as one client for limits and lockouts: the IPv4 address, or the first address of the
    IPv6 client's /64 network (still a valid address, so it fits wherever an address is stored). An IPv4
    address written the IPv6 way (``::ffff:192.0.2.1``) is the IPv4 address. '' if unknown."""
    address = client_ip(request)
    ip = _parse(address)
    if ip is None or ip.version == 4:
        return address
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    host_bits = 128 - IPV6_CLIENT_PREFIX
    return str(ipaddress.IPv6Address(int(ip) >> host_bits << host_bits))


class TrustedProxyMiddleware:
    """Drops X-Forwarded-* headers that did not come through one of our proxies, so nothing downstream
    (Django's SECURE_PROXY_SSL_HEADER, request.get_host(), the page cache) can be told a false scheme or
    host by a client that talks to an app server directly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
