"""File the searches that found nothing for the editors' report (run it from cron, hourly or daily), and
forget what is no longer needed. Running it twice changes nothing.

- A query that at least 3 different visitors sent in a week is stored with the number of visitors.
- Pending queries of weeks that are over are deleted, stored or not.
- Stored searches older than 180 days are deleted.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from search import misses
from search.models import PendingSearchMiss, SearchMiss


class Command(BaseCommand):
    help = "Store the searches with no results that enough visitors sent, and delete old ones."

    def handle(self, *args, **options):
        today = timezone.localdate()
        this_week = misses.week_of(today)
        with transaction.atomic():
            common = (
                PendingSearchMiss.objects.values("week", "query")
                .annotate(visitors=Count("visitor"))
                .filter(visitors__gte=misses.MIN_VISITORS)
                .order_by()
            )
            stored = 0
            for row in common:
                SearchMiss.objects.update_or_create(
                    week=row["week"], query=row["query"], defaults={"count": row["visitors"]}
                )
                stored += 1
            forgotten, _ = PendingSearchMiss.objects.filter(week__lt=this_week).delete()
            expired, _ = SearchMiss.objects.filter(week__lt=today - datetime.timedelta(days=misses.KEEP_DAYS)).delete()
        self.stdout.write(
            f"Stored {stored} searches with no results; forgot {forgotten} pending searches of past weeks "
            f"and {expired} stored ones older than {misses.KEEP_DAYS} days."
        )
