"""Searches that found nothing, for the editors' report, kept so that they can't tell on a reader.

- A query that could hold personal data is never written anywhere: a run of 4 or more digits once spaces,
  dashes, dots, brackets and other separators are taken out (card, phone and ID numbers), anything like an
  e-mail address (``@`` in any width, "at … dot …", "[at]") and anything like a web address.
- A query becomes a search miss only once 3 different visitors sent it in the same week. Until then it
  waits in ``PendingSearchMiss`` with a visitor hash: an HMAC of the visitor's network (``client_id``)
  keyed with the secret key and the week, so it can't be turned back into an address, nor linked to the
  same visitor in another week. A visitor counts once per query however often they send it.
- ``manage.py store_search_misses`` files the queries that reached 3 visitors, forgets the pending ones of
  weeks that are over, and deletes stored misses older than ``KEEP_DAYS``.

The pending rows are in the database, so every app server and process counts on the same rows (a
per-process cache would never see 3 visitors). One visitor can leave at most ``PENDING_PER_VISITOR``
queries a week, so a flood of made-up queries can't fill the table.
"""

import datetime
import hashlib
import hmac
import re
import unicodedata

from django.conf import settings
from django.db import DatabaseError, transaction

from security.client import client_id

from . import text
from .models import PendingSearchMiss

MIN_VISITORS = 3
PENDING_PER_VISITOR = 30
KEEP_DAYS = 180

# Whatever may sit between the digits of a number as people write it: spaces, dashes of every kind, dots,
# brackets, slashes, commas, plus signs. Letters are left in, so "st36 li4" stays two codes.
SEPARATORS = re.compile(r"[\W_]+")
LONG_NUMBER = re.compile(r"\d{4,}")
EMAIL_LIKE = re.compile(
    r"@"
    r"|\bat\b.*\bdot\b"  # someone at example dot com
    r"|[\[({<]\s*at\s*[\])}>]"  # someone [at] example
    r"|\b(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|proton|protonmail|gmx|aol|web\.de)\b"
)
URL_LIKE = re.compile(
    r"://|:\\|\bwww\b"
    r"|\b(?:https?|ftp|mailto|javascript|data|file):|\b(?:https?|ftp)\b"
    r"|[^\W\d_][\w-]*[.。｡][^\W\d_]{2,}"  # example.com, bücher.de, example。org
    r"|\bdot\s+(?:com|net|org|edu|gov|info|biz|io|co|uk|de|fr|nl|ca|au|me|cn|jp)\b"
)


def looks_personal(query):
    """True for a query that might hold a number, e-mail address or web address of someone's."""
    plain = unicodedata.normalize("NFKC", query).lower()  # full-width ＠ and digits become plain ones
    return bool(LONG_NUMBER.search(SEPARATORS.sub("", plain)) or EMAIL_LIKE.search(plain) or URL_LIKE.search(plain))


def normalise(query):
    """The form a query is counted under: lower case, no marks or punctuation, single spaces."""
    return " ".join(text.words(query))[: text.MAX_QUERY_LENGTH]


def week_of(day):
    return day - datetime.timedelta(days=day.weekday())


def visitor_hash(request, week):
    """The visitor, as no one without the secret key can read it back, and different every week."""
    message = f"search-miss\x00{week.isoformat()}\x00{client_id(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def record(query, request, today):
    """Note that this visitor searched for ``query`` and found nothing (one row at most, never an address).
    Best effort: a search never fails because the note could not be written."""
    words = normalise(query)
    if not words or looks_personal(query) or looks_personal(words):
        return
    week = week_of(today)
    visitor = visitor_hash(request, week)
    try:
        with transaction.atomic():
            if PendingSearchMiss.objects.filter(week=week, visitor=visitor).count() >= PENDING_PER_VISITOR:
                return
            PendingSearchMiss.objects.bulk_create(
                [PendingSearchMiss(week=week, query=words, visitor=visitor)], ignore_conflicts=True
            )
    except DatabaseError:
        return
