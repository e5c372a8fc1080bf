from django.conf import settings


def fragment_seconds(request):
    """How long a fragment (``{% wagtailcache %}``, ``{% wagtailpagecache %}``) is kept. Fragments are keyed
    by what they show, so a long life never shows stale text; the limit only lets entries nobody reads any
    more go before the cache has to evict them."""
    return {"FRAGMENT_SECONDS": settings.FRAGMENT_CACHE_SECONDS}
