from django.db import models


# counters in the database, so they hold across app servers and while Redis is down.
class RateLimitCounter(models.Model):
    """Hits on one rate-limited action by one client (the key is a salted hash, never an address), in a
    window that starts with its first hit. Written only through ``security.ratelimit.hit``."""

    key = models.CharField(max_length=100, unique=True)
    hits = models.PositiveIntegerField(default=0)
    window_ends = models.BigIntegerField(db_index=True, help_text="Unix time at which the count starts again.")

    def __str__(self):
        return f"{self.key}: {self.hits}"
