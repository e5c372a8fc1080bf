"""Articles and their index: the pages editors write and medical reviewers approve."""

import html
import re

from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.admin_panels import ItemsPanel
from base.images import credit_field
from base.models import BasePage, SiteSettings
from seo import jsonld as seo

from ..blocks import ArticleBodyBlock
from ..forms import ArticlePageForm
from ..review import (
    ReviewedArticlePermissionTester,
    content_fingerprint,
    months_after,
)
from .complaints import Complaint

# What an article card (components/article_card.html) reads: no body, no people.
CARD_FIELDS = [
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "slug",
    "intro",
    "hero_image",
    "live",
    "last_published_at",
    "first_published_at",
    "locale",
    "content_type",
]


def card_rows(articles):
    """Articles with only what their cards read (the home page, the article index): no bodies, and every
    card's picture with its renditions in one more query."""
    return articles.select_related("hero_image").prefetch_related("hero_image__renditions").only(*CARD_FIELDS)


class ArticlePage(BasePage):
    intro = RichTextField(features=["bold", "italic", "link"], help_text="The opening paragraphs.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_credit = credit_field()
    body = StreamField(ArticleBodyBlock())
    author = models.ForeignKey(
        "authors.AuthorPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    reviewer = models.ForeignKey(
        "authors.ReviewerPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewed_articles"
    )
    last_reviewed = models.DateField(null=True, blank=True)
    # What the reviewer approved, as a fingerprint of the text (see ``articles.review``): a later publish of
    # different text (a superuser may publish directly) shows "Updated after review" until approved again.
    reviewed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    topics = ParentalManyToManyField(Complaint, blank=True, related_name="articles")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_credit"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("topics")], heading="People and topics"),
        # Recorded when a medical reviewer approves the "Medical review" task; never typed by an editor.
        MultiFieldPanel(
            [FieldPanel("reviewer", read_only=True), FieldPanel("last_reviewed", read_only=True)],
            heading="Medical review (recorded on approval)",
        ),
        ItemsPanel(
            "updates",
            label="Update",
            heading="Update log",
            add_label="Add an update",
            help_text="Add a line when you make a material change; readers see it on the page.",
        ),
    ]
    base_form_class = ArticlePageForm
    og_type = "article"
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    @property
    def intro_text(self):
        """The opening words as plain text for cards and meta descriptions; headings are left out
        so a teaser starts with the article's first sentence."""
        body = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>", " ", self.intro, flags=re.DOTALL)
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        return Truncator(text).chars(158)

    @property
    def share_image(self):
        return self.social_image or self.hero_image

    def structured_data(self, request, site_name):
        return seo.article_graph(self, request, site_name)

    @cached_property
    def review_status(self):
        """What the page may say about its medical review: ``"reviewed"`` when a live reviewer approved
        exactly this text, ``"changed"`` when the text was published again after that approval, else None."""
        reviewer = self.reviewer
        if reviewer is None or self.last_reviewed is None or not reviewer.live:
            return None
        if self.reviewed_fingerprint != content_fingerprint(self.title, self.intro, list(self.body.raw_data)):
            return "changed"
        return "reviewed"

    def next_review_due(self, interval_months):
        """When the medical review should be done again: the last review plus the site's re-review interval
        (the dashboard lists the article as due from that day). None when it was never reviewed."""
        if self.last_reviewed is None or not interval_months:
            return None
        return months_after(self.last_reviewed, interval_months)

    def permissions_for_user(self, user):
        return ReviewedArticlePermissionTester(user, self)

    # Read from the stored JSON: iterating the body would convert every block, reading every point and
    # product it shows from the database, which a page whose fragments are cached never needs.
    def _block_types(self):
        return [item["type"] for item in self.body.raw_data]

    @cached_property
    def references(self):
        """The numbered sources (the first references block), in the order [1], [2] … cite them."""
        types = self._block_types()
        return list(self.body[types.index("references")].value["references"]) if "references" in types else []

    @cached_property
    def has_point_sections(self):
        """Articles with point sections offer the guided routine and print as a routine card."""
        return "point_section" in self._block_types()

    @cached_property
    def has_affiliate_links(self):
        return "product_card" in self._block_types()

    def cache_dependents(self):
        """Besides what every page has (its index, what it shows, what shows it): the home page, which lists
        the newest articles."""
        site = self.get_site()
        return [*super().cache_dependents(), site.root_page.specific if site else None]

    def get_context(self, request, *args, **kwargs):
        # Everything here is read only when the page's cached fragment has to be rendered again.
        context = super().get_context(request, *args, **kwargs)
        context["reference_count"] = lambda: len(self.references)
        context["updates"] = SimpleLazyObject(lambda: list(self.updates.all()))
        context["next_review_due"] = SimpleLazyObject(
            lambda: self.next_review_due(SiteSettings.for_request(request).review_interval_months)
        )
        return context


class ArticleUpdate(Orderable):
    """One line of an article's public update log: “Updated 3 March 2027: added a caution for BL-23.” A
    correction (something the article got wrong, now put right) is marked as one, so readers tell it apart."""

    UPDATE = "update"
    CORRECTION = "correction"
    KINDS = [(UPDATE, "Update"), (CORRECTION, "Correction")]

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    kind = models.CharField(
        max_length=12,
        choices=KINDS,
        default=UPDATE,
        help_text="A correction puts right something the article got wrong; readers see it marked as one.",
    )
    text = models.CharField(max_length=255, help_text="What changed, in a sentence readers understand.")

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("text")])]

    @property
    def is_correction(self):
        return self.kind == self.CORRECTION

    class Meta(Orderable.Meta):
        ordering = ["-date", "sort_order"]

    def __str__(self):
        return f"{self.date}: {self.text}"
