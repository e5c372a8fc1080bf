import re

from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel


class Complaint(models.Model):
    """A problem readers come with (“lower back pain”); points and articles are filed under it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Other words readers type for this complaint, one per line (stuffy nose, menstrual cramps). "
        "Site search finds the complaint by any of them.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("synonyms")]

    class Meta:
        ordering = ["name"]

    # The home page, the point library, the article index and search list complaints: rare, so everything.
    cache_purges_everything = True

    def __str__(self):
        return self.name

    @property
    def synonym_list(self):
        return [line.strip() for line in self.synonyms.replace(";", "\n").splitlines() if line.strip()]

    @classmethod
    def with_points(cls):
        """The complaints the library can filter by: those at least one point is filed under."""
        return cls.objects.filter(points__isnull=False).distinct().order_by("name")

    @classmethod
    def get_or_404(cls, slug):
        """The complaint a filter link names; an unknown one is a 404, not an empty listing."""
        # Only slug-shaped values reach the database (PostgreSQL refuses NUL bytes with an error).
        complaint = cls.objects.filter(slug=slug).first() if re.fullmatch(r"[-a-z0-9]{1,80}", slug) else None
        if complaint is None:
            raise Http404("Unknown complaint or topic")
        return complaint
