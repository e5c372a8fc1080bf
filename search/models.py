from django.db import models


class SearchMiss(models.Model):
    """How many different visitors searched for these words in one week and found nothing. Filed by
    `manage.py store_search_misses` once at least 3 visitors sent the query; holds no personal data (no
    address, account or time of day), and is deleted after 180 days."""

    week = models.DateField(help_text="The Monday the week starts on.")
    query = models.CharField(max_length=100, help_text="The query folded to lower-case words.")
    count = models.PositiveIntegerField(default=0, help_text="Different visitors who sent it that week.")

    class Meta:
        ordering = ["-week", "-count", "query"]
        constraints = [models.UniqueConstraint(fields=["week", "query"], name="one_search_miss_per_week_and_query")]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return f"{self.query} ({self.count} in the week of {self.week})"


class PendingSearchMiss(models.Model):
    """One visitor's search that found nothing, waiting until enough others send it too (see
    ``search.misses``). The visitor is a keyed hash that changes every week, never an address; rows of a
    week that is over are deleted by `manage.py store_search_misses`."""

    week = models.DateField()
    query = models.CharField(max_length=100)
    visitor = models.CharField(max_length=40, help_text="HMAC of the visitor's network, keyed with the week.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "query", "visitor"], name="one_pending_search_miss_per_visitor")
        ]
        indexes = [models.Index(fields=["week", "visitor"], name="pending_search_miss_visitor")]

    def __str__(self):
        return f"{self.query} (week of {self.week})"
