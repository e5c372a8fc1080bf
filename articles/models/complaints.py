import re

from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from base.forms import SnippetForm


class Complaint(ClusterableModel):
    """A problem readers come with (“lower back pain”); points and articles are filed under it."""

    base_form_class = SnippetForm  # what the admin could not have sent is a form error, not a 500

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    synonyms = models.TextField(
        blank=True,
        help_text="Other words readers type for this complaint, one per line (stuffy nose, menstrual cramps). "
        "Site search finds the complaint by any of them.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("synonyms"),
        InlinePanel(
            "primary_points",
            heading="Primary points",
            label="Primary point",
            help_text="The points practitioners reach for first, best first, each with the source that ranks it. "
            "The point library and search list them first; the other points filed here follow by code.",
        ),
    ]

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

    def primary_point_ids(self):
        """Ids of the ranked points, best first."""
        return [row.point_id for row in self.primary_points.all()]

    @classmethod
    def get_or_404(cls, slug):
        """The complaint a filter link names; an unknown one is a 404, not an empty listing."""
        # Only slug-shaped values reach the database (PostgreSQL refuses NUL bytes with an error).
        complaint = cls.objects.filter(slug=slug).first() if re.fullmatch(r"[-a-z0-9]{1,80}", slug) else None
        if complaint is None:
            raise Http404("Unknown complaint or topic")
        return complaint


class PrimaryPoint(Orderable):
    """A point ranked first for a complaint, in the editors' order, with the source of the ranking."""

    complaint = ParentalKey(Complaint, on_delete=models.CASCADE, related_name="primary_points")
    point = models.ForeignKey("articles.AcupointPage", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(
        max_length=255,
        help_text="The named source that ranks this point first for the complaint (author, title, and where).",
    )

    panels = [FieldPanel("point"), FieldPanel("source")]

    # The ranking shows in the point library's complaint lists and in search, and a complaint purges everything.
    cache_purges_everything = True

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["complaint", "point"], name="unique_primary_point")]

    def __str__(self):
        return f"{self.complaint}: {self.point}"
