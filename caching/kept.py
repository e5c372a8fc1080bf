"""Values and responses worked out once and kept in the cache under a key that names what they were worked
out from (an object's ``cache_key``, the ``CONTENT`` token): a change makes a new key, so nothing kept is
ever stale, and the limit below only lets entries nobody reads any more go."""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from wagtail.models import Site

from . import tokens

KEPT_SECONDS = 24 * 3600
# What a kept response carries besides its body.
KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def kept(key, compute, seconds=KEPT_SECONDS):
    """``compute()``, kept under ``key`` (a result of None is kept too)."""
    found = cache.get(key)
    if found is None:
        found = (compute(),)
        cache.set(key, found, seconds)
    return found[0]


def kept_for_content(name, compute, seconds=KEPT_SECONDS):
    """``compute()``, worked out again after any change readers can see (the ``CONTENT`` token): for what is
    worked out from the whole site at once (the search catalogue, a sitemap's count)."""
    return kept(f"kept:{name}:{tokens.token(tokens.CONTENT)}", compute, seconds)


def kept_response(request, name, make, *vary):
    """A whole response that lists the whole site (the feed, the sitemap): ``make()`` once, its body and
    headers then kept under the ``EVERYTHING`` and ``CONTENT`` tokens, the site it was made for (its
    absolute links start with the site's root URL) and ``vary`` (a section, a page number). Only a 200 is
    kept. Not for previews or with the cache switched off."""
    site = Site.find_for_request(request)
    everything, content = tokens.read([tokens.EVERYTHING, tokens.CONTENT]).values()
    key = f"response:{name}:{site.pk if site else ''}:{everything}:{content}:{':'.join(map(str, vary))}"
    found = cache.get(key)
    if found is not None:
        body, headers = found
        return HttpResponse(body, headers=headers)
    response = make()
    if hasattr(response, "render"):  # a TemplateResponse: its body is made here, not on the way out
        response.render()
    if response.status_code == 200 and not response.streaming:
        headers = {header: response[header] for header in KEPT_HEADERS if header in response}
        cache.set(key, (response.content, headers), settings.FRAGMENT_CACHE_SECONDS)
    return response
