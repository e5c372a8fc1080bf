from django.core.cache import cache


def count(key, window_seconds):
    """Add one to the counter at ``key``, which lives ``window_seconds`` from its first hit; return the
    new count. Shared by the admin login limit and the review form's limit."""
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window_seconds)
        return 1
