from django.db import models


class SearchMiss(models.Model):
    """How often readers searched for these words in one week and found nothing. Filled from the cache by
    `manage.py store_search_misses`; holds no personal data (no address, account or time of day)."""

    week = models.DateField(help_text="The Monday the week starts on.")
    query = models.CharField(max_length=100, help_text="The query folded to lower-case words.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-week", "-count", "query"]
        constraints = [models.UniqueConstraint(fields=["week", "query"], name="one_search_miss_per_week_and_query")]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self):
        return f"{self.query} ({self.count} in the week of {self.week})"
