"""What a reader can ask the site to leave out ("I'm pregnant", "I take blood thinners"): editors keep each
caution here with its reason and source; pages carry them as data and the reader's browser applies them."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from base.forms import SnippetForm

CONDITIONS = [
    ("pregnancy", "I'm pregnant"),
    ("blood-thinners", "I take blood thinners"),
]


class ReaderCaution(models.Model):
    base_form_class = SnippetForm  # what the admin could not have sent is a form error, not a 500
    condition = models.CharField(max_length=20, choices=CONDITIONS, help_text="Who the caution is for.")
    title = models.CharField(max_length=80, help_text="What is left out, e.g. “Strong pressure” or “Gua sha”.")
    pregnancy_flagged_points = models.BooleanField(
        default=False,
        verbose_name="Every point flagged as traditionally avoided in pregnancy",
        help_text="Follows the flag on each point's page, so a point flagged later is covered too.",
    )
    points = models.ManyToManyField("articles.AcupointPage", blank=True, related_name="+", help_text="Other points.")
    step_words = models.TextField(
        blank=True,
        help_text="Steps whose wording contains any of these words or phrases are left out, one per line "
        "(firmly, gua sha).",
    )
    reason = models.TextField(help_text="Why, in plain words; shown to the reader next to what is left out.")
    source = models.CharField(max_length=255, help_text="The named source the caution follows.")
    source_url = models.URLField(blank=True)

    panels = [
        FieldPanel("condition"),
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("pregnancy_flagged_points"), FieldPanel("points"), FieldPanel("step_words")],
            heading="What it covers",
        ),
        FieldPanel("reason"),
        FieldPanel("source"),
        FieldPanel("source_url"),
    ]

    # Every article with point sections and the point library carry the cautions.
    cache_purges_everything = True

    class Meta:
        ordering = ["condition", "title"]

    def __str__(self):
        return f"{self.get_condition_display()}: {self.title}"

    @property
    def word_list(self):
        return [w.strip().lower() for w in self.step_words.splitlines() if w.strip()]

    def covers_point(self, point):
        return (self.pregnancy_flagged_points and point.pregnancy_caution) or point.pk in self.point_ids

    def covers_step(self, text):
        text = (text or "").lower()
        return any(word in text for word in self.word_list)

    @classmethod
    def all_for_pages(cls):
        """Every caution with the ids of its chosen points, in two queries."""
        cautions = list(cls.objects.prefetch_related("points"))
        for caution in cautions:
            caution.point_ids = {p.pk for p in caution.points.all()}
        return cautions
