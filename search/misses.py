"""Searches that found nothing, counted per week and normalised query in the cache (never a database write
per request) and moved to the database by `manage.py store_search_misses`, run from cron.

Nothing about the reader is kept: no address, account, time of day or page, only the folded words of the
query and the week. Queries that look like an e-mail address or a phone or card number are not counted."""

import datetime
import hashlib
import re

from django.core.cache import cache
from django.utils import timezone
from redis.exceptions import RedisError

from . import text

KEEP_SECONDS = 60 * 60 * 24 * 21  # uncollected counts expire after three weeks
PERSONAL = re.compile(r"@|\d{5,}")


def normalise(query):
    """The form a query is counted under: lower case, no marks or punctuation, single spaces."""
    return " ".join(text.words(query))[: text.MAX_QUERY_LENGTH]


def week_of(day):
    return day - datetime.timedelta(days=day.weekday())


def _key(week):
    return f"search:misses:{week.isoformat()}"


def _redis_client(key):
    """The raw client when the cache is Redis (a sorted set counts atomically and can be listed)."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    return get_client(key, write=True) if get_client else None


def record(query, today=None):
    words = normalise(query)
    if not words or PERSONAL.search(query):
        return
    key = _key(week_of(today or timezone.localdate()))
    try:
        client = _redis_client(key)
        if client is not None:
            full_key = cache.make_and_validate_key(key)
            with client.pipeline() as pipe:
                pipe.zincrby(full_key, 1, words).expire(full_key, KEEP_SECONDS).execute()
            return
    except (RedisError, OSError):
        return  # counting is best effort: a search never fails because Redis is away
    # Any other cache (local memory in development): one counter per query and an index of them.
    counter = f"{key}:{hashlib.sha256(words.encode()).hexdigest()[:32]}"
    if cache.add(counter, 1, KEEP_SECONDS):
        index = cache.get(f"{key}:index", {})
        index[counter] = words
        cache.set(f"{key}:index", index, KEEP_SECONDS)
    else:
        try:
            cache.incr(counter)
        except ValueError:
            cache.add(counter, 1, KEEP_SECONDS)


def take(week):
    """Every (query, count) counted for the week, removed from the cache in the same step."""
    key = _key(week)
    client = _redis_client(key)
    if client is not None:
        full_key = cache.make_and_validate_key(key)
        with client.pipeline() as pipe:  # MULTI/EXEC: nothing counted between the read and the delete is lost
            counts, _ = pipe.zrange(full_key, 0, -1, withscores=True).delete(full_key).execute()
        return [(q.decode() if isinstance(q, bytes) else q, int(n)) for q, n in counts]
    index = cache.get(f"{key}:index", {})
    counts = cache.get_many(list(index))
    cache.delete_many([f"{key}:index", *index])
    return [(index[counter], int(n)) for counter, n in counts.items()]
