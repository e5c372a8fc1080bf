"""Rate limits whose check and count are one atomic step, kept in the database.

The counters used to live in the cache, where two things went wrong: a check (``get``) and a count
(``incr``) were two steps, so concurrent posts could all pass the check together; and the cache fails open,
so with Redis down every count read as 1 and the limits switched off. A database counter has neither
problem: one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` both counts and reads (PostgreSQL and SQLite
3.35+ alike), the row lock serialises concurrent posts, and it is shared by every app server. If the
database itself is down there is nothing to protect, and the site answers 503 anyway.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.db import connection

from .models import RateLimitCounter


def client_key(scope, *parts):
    """A counter key for ``scope`` and the client ``parts`` (an address, a username): keyed with the secret,
    so the table never holds an address."""
    digest = hmac.new(settings.SECRET_KEY.encode(), "\x00".join(parts).encode(), hashlib.sha256).hexdigest()
    return f"{scope}:{digest[:64]}"


def hit(key, limit, window_seconds):
    """Count one hit on ``key`` and say whether it is within ``limit`` hits per window.

    Returns ``(allowed, retry_after_seconds)``. The window starts at the first hit and lasts
    ``window_seconds``; the hit that goes over the limit is counted too, so hammering doesn't help."""
    hits, retry_after = _count(key, window_seconds)
    return hits <= limit, retry_after


def count(key, window_seconds):
    """Count one hit on ``key`` and return the hits in the current window (this one included)."""
    return _count(key, window_seconds)[0]


def _count(key, window_seconds):
    now = int(time.time())
    q = connection.ops.quote_name
    table, key_col, hits_col, ends_col = (q(n) for n in (RateLimitCounter._meta.db_table, "key", "hits", "window_ends"))
    sql = (
        f"INSERT INTO {table} ({key_col}, {hits_col}, {ends_col}) VALUES (%s, 1, %s) "
        f"ON CONFLICT ({key_col}) DO UPDATE SET "
        f"{hits_col} = CASE WHEN {table}.{ends_col} <= %s THEN 1 ELSE {table}.{hits_col} + 1 END, "
        f"{ends_col} = CASE WHEN {table}.{ends_col} <= %s THEN excluded.{ends_col} ELSE {table}.{ends_col} END "
        f"RETURNING {hits_col}, {ends_col}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, now + window_seconds, now, now])
        hits, window_ends = cursor.fetchone()
    if hits == 1:
        # A new window: a good moment to forget windows that ended a day ago (indexed, usually nothing).
        RateLimitCounter.objects.filter(window_ends__lt=now - 86_400).delete()
    return hits, max(window_ends - now, 1)
