"""Move the counts of searches that found nothing from the cache to the database (run it from cron, hourly
or daily). Adds to what is stored, so running it twice never counts a search twice."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search import misses
from search.models import SearchMiss


class Command(BaseCommand):
    help = "Store the cached counts of searches with no results (for the admin report)."

    def handle(self, *args, **options):
        this_week = misses.week_of(timezone.localdate())
        stored = 0
        # Last week too: its counts may still be in the cache if the command did not run since Monday.
        for week in (this_week - datetime.timedelta(days=7), this_week):
            counts = misses.take(week)
            with transaction.atomic():
                for query, count in counts:
                    row, created = SearchMiss.objects.get_or_create(week=week, query=query, defaults={"count": count})
                    if not created:
                        SearchMiss.objects.filter(pk=row.pk).update(count=F("count") + count)
                    stored += count
        self.stdout.write(f"Stored {stored} searches with no results.")
