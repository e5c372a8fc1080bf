from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from articles.models import ArticlePage, Complaint, PointIndexPage
from articles.models.articles import card_keys, card_rows, prefetch_card_pictures
from tcmtips import fragments
from tcmtips.fragments import PAGE_STAMP_FIELDS, Stamp, fragment_key, stamps_of_rows
from tcmtips.listings import rows_in_order
from tcmtips.models import BasePage
from tcmtips.prepared import Prepared
from tcmtips.versions import content_version


def newest(pages):
    return pages.live().public().order_by("-first_published_at")[:6]


# The stamps of the newest six, on every home page a page-cache miss renders: compiled once.
_newest_versions = Prepared(lambda _: newest(ArticlePage.objects).values_list("pk", *PAGE_STAMP_FIELDS), kind=None)


class HomePage(BasePage):
    intro = models.CharField(max_length=300, blank=True, help_text="One line under the site name.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    @property
    def intro_text(self):
        return self.intro

    def fragment_keys(self, request):
        # The newest six: as stamps when there is a fragment cache to look their cards up in (get_context
        # then reads the articles whose cards must be rendered again), else read for their cards at once.
        # The link to the point library and the complaint filters change only with the content (a publish,
        # a complaint edited), so they are kept under its version.
        self._stamped = fragments.usable(request)
        self._latest = stamps_of_rows(ArticlePage, _newest_versions()) if self._stamped else list(newest(card_rows()))
        self._version = content_version() if self._stamped else None
        self._card_keys = card_keys(self._latest)
        self._finder_keys = [fragment_key(name, self, self._version) for name in ("home-browse", "home-filters")]
        return [*self._card_keys, *self._finder_keys]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)  # the latest articles are named in fragment_keys
        cold = context["cold_fragments"]
        if self._stamped:
            wanted = [card.pk for card, key in zip(self._latest, self._card_keys, strict=True) if key in cold]
            read = {article.pk: article for article in rows_in_order(wanted, card_rows())}
            # An article unpublished since its stamp was read is left out, never rendered from its stamp.
            self._latest = [read.get(c.pk, c) for c in self._latest if c.pk in read or c.pk not in wanted]
        prefetch_card_pictures([card for card in self._latest if not isinstance(card, Stamp)], cold)
        context["latest_articles"] = self._latest
        context["content_version"] = self._version
        if cold.intersection(self._finder_keys):
            context["point_index"] = PointIndexPage.objects.live().order_by("pk").first()  # there is one
            context["complaints"] = Complaint.with_points()
        return context
