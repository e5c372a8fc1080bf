"""Searches that found nothing keep nothing personal: no numbers, e-mail or web addresses, nothing only one
or two visitors sent, no address, and nothing older than 180 days."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from search import misses
from search.models import PendingSearchMiss, SearchMiss

PERSONAL = [
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "card 4111.1111.1111.1111",
    "(555) 123.4567",
    "+1 555 123 4567",
    "call 12 34",
    "ssn 123-45-6789",
    "pin [12][34]",
    "４１１１ １１１１",  # full-width digits
    "someone@example.com",
    "someone＠example.com",  # a full-width at sign
    "someone﹫example",
    "someone at example dot com",
    "someone [at] example [dot] com",
    "someone (at) example",
    "jane.doe gmail",
    "http://evil.example/x",
    "https evil",
    "www example",
    "example.com",
    "evil dot com",
    "example．org",  # a full-width full stop
]
HARMLESS = ["xylophone remedy", "bl 40", "st36 li4", "neck pain at night", "vitamin b12", "3 points", "qi gong"]


@pytest.mark.parametrize("query", PERSONAL)
def test_a_query_with_a_number_an_email_or_a_web_address_looks_personal(query):
    assert misses.looks_personal(query)


@pytest.mark.parametrize("query", HARMLESS)
def test_an_ordinary_query_does_not_look_personal(query):
    assert not misses.looks_personal(query)


def miss(client, query, address):
    response = client.get("/search/", {"q": query}, REMOTE_ADDR=address)
    assert response.status_code == 200


def store():
    call_command("store_search_misses", stdout=open("/dev/null", "w"))


def test_a_personal_query_is_never_stored_however_many_visitors_send_it(client, demo):
    for n in range(1, 5):
        for query in PERSONAL:
            miss(client, query, f"198.51.100.{n}")
    store()
    assert not SearchMiss.objects.exists()
    assert not PendingSearchMiss.objects.exists()  # not even while it waits for other visitors


def test_a_query_is_stored_only_once_three_different_visitors_sent_it(client, demo):
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.2", "198.51.100.2"):
        miss(client, "kiwano melon", address)
    store()
    assert not SearchMiss.objects.exists()
    miss(client, "kiwano melon", "203.0.113.7")
    store()
    assert SearchMiss.objects.get().count == 3


def test_visitors_are_counted_by_a_keyed_hash_not_by_their_address(client, demo):
    miss(client, "kiwano melon", "198.51.100.77")
    row = PendingSearchMiss.objects.get()
    assert "198.51.100.77" not in row.visitor and len(row.visitor) == 40
    # the same visitor next week is another hash, so weeks can't be linked
    request = type("R", (), {"META": {"REMOTE_ADDR": "198.51.100.77"}})()
    next_week = row.week + datetime.timedelta(days=7)
    assert misses.visitor_hash(request, next_week) != row.visitor


def test_one_ipv6_subscriber_is_one_visitor_whatever_address_of_its_64_it_uses(client, demo):
    for host in ("1", "2", "ffff:1:2:3"):
        miss(client, "kiwano melon", f"2001:db8:5:6::{host}")
    store()
    assert not SearchMiss.objects.exists()


def test_the_counts_wait_in_the_database_not_in_a_cache_of_one_process(client, demo):
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        miss(client, "kiwano melon", address)
        cache.clear()  # another process, or a cache that was emptied
    store()
    assert SearchMiss.objects.get().query == "kiwano melon"


def test_the_command_deletes_stored_searches_older_than_180_days_and_past_pending_ones(demo):
    today = timezone.localdate()
    old = misses.week_of(today - datetime.timedelta(days=190))
    recent = misses.week_of(today - datetime.timedelta(days=100))
    SearchMiss.objects.create(week=old, query="old words", count=5)
    SearchMiss.objects.create(week=recent, query="recent words", count=5)
    PendingSearchMiss.objects.create(week=misses.week_of(today) - datetime.timedelta(days=7), query="x", visitor="a")
    PendingSearchMiss.objects.create(week=misses.week_of(today), query="y", visitor="b")
    store()
    assert list(SearchMiss.objects.values_list("query", flat=True)) == ["recent words"]
    assert list(PendingSearchMiss.objects.values_list("query", flat=True)) == ["y"]


def test_one_visitor_cannot_fill_the_table_with_made_up_queries(client, demo):
    for n in range(misses.PENDING_PER_VISITOR + 5):
        miss(client, f"made up query {'x' * (n + 1)}", "198.51.100.5")
    assert PendingSearchMiss.objects.count() == misses.PENDING_PER_VISITOR
