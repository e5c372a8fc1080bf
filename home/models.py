from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from articles.models import Complaint, PointIndexPage
from articles.models.articles import card_keys, card_rows, prefetch_card_pictures
from tcmtips.models import BasePage


class HomePage(BasePage):
    intro = models.CharField(max_length=300, blank=True, help_text="One line under the site name.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    @property
    def intro_text(self):
        return self.intro

    def fragment_keys(self, request):
        # The newest six, with only what their cards read (no bodies).
        self._latest = list(card_rows().live().public().order_by("-first_published_at")[:6])
        return card_keys(self._latest)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)  # the latest articles are read in fragment_keys
        prefetch_card_pictures(self._latest, context["cold_fragments"])
        context["latest_articles"] = self._latest
        context["point_index"] = PointIndexPage.objects.live().order_by("pk").first()  # there is one
        context["complaints"] = Complaint.with_points()
        return context
