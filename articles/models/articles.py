"""Articles and their index: the pages editors write and medical reviewers approve."""

import html
import re

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from products.models import Product
from tcmtips import fragments, seo
from tcmtips.fragments import chosen_ids, fragment_key, read_stamps, stream_parts
from tcmtips.images import prefetch_renditions
from tcmtips.listings import kept, page_of
from tcmtips.models import BasePage, SiteSettings

from ..blocks import ArticleBodyBlock
from ..forms import ArticlePageForm
from ..review import (
    ArticleIndexPermissionTester,
    ReviewedArticlePermissionTester,
    content_fingerprint,
    ensure_medical_review_workflow,
)
from .complaints import Complaint

PEOPLE = ("author", "reviewer")  # the article's people: its head, badge and author box show them

# What an article card (components/article_card.html) and its fragment key read: no body, no people.
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
    "live_revision_id",
    "last_published_at",
    "first_published_at",
    "locale",
    "content_type",
]


def card_rows():
    """Articles with only what their cards read (the home page, the article index): no bodies."""
    return ArticlePage.objects.select_related("hero_image").only(*CARD_FIELDS)


def card_keys(articles):
    """The fragment keys of these articles' cards (components/article_card.html)."""
    return [fragment_key("article-card", article) for article in articles]


def prefetch_card_pictures(articles, cold):
    """The pictures of the cards that must be rendered again (their keys in ``cold``), in one query."""
    prefetch_renditions(article.hero_image for article in articles if fragment_key("article-card", article) in cold)


class ArticleIndexPage(BasePage):
    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1
    per_page = 12

    def save(self, *args, **kwargs):
        creating = self._state.adding
        result = super().save(*args, **kwargs)
        if creating:
            # A new article index (an editor's, or load_demo's) gets the medical review at once.
            ensure_medical_review_workflow(self)
        return result

    def permissions_for_user(self, user):
        return ArticleIndexPermissionTester(user, self)

    @property
    def intro_text(self):
        return self.intro

    def fragment_keys(self, request):
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-first_published_at")
        complaint_slug = request.GET.get("topic", "")
        self._topic = None
        if complaint_slug:
            self._topic = Complaint.get_or_404(complaint_slug)
            articles = articles.filter(topics=self._topic)
        point_slug = request.GET.get("point", "")
        self._point = None
        if point_slug:
            from .points import article_ids_using, point_for_filter  # points.py builds on this module

            self._point = point_for_filter(point_slug)
            articles = articles.filter(pk__in=article_ids_using(self._point))
        # A slice of the listing's ids however long it is (tcmtips.listings).
        name = f"articles:{self.pk}:{complaint_slug}:{point_slug}"
        self._articles = page_of(name, articles, card_rows(), self.per_page, request.GET.get("page"))
        return card_keys(self._articles.object_list)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)  # the listing itself is read in fragment_keys
        if self._topic:
            context["topic"] = self._topic
        if self._point:
            context["point"] = self._point
        context["articles"] = self._articles
        prefetch_card_pictures(self._articles, context["cold_fragments"])
        # The topics that have articles: kept under the content version (a publish or a complaint edit moves it).
        context["topics"] = kept(
            "article-topics", lambda: list(Complaint.objects.filter(articles__isnull=False).distinct())
        )
        return context


class ArticlePage(BasePage):
    intro = RichTextField(features=["bold", "italic", "link"], help_text="The opening paragraphs.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("author"), FieldPanel("topics")], heading="People and topics"),
        # Recorded when a medical reviewer approves the "Medical review" task; never typed by an editor.
        MultiFieldPanel(
            [FieldPanel("reviewer", read_only=True), FieldPanel("last_reviewed", read_only=True)],
            heading="Medical review (recorded on approval)",
        ),
        InlinePanel(
            "updates",
            label="Update log",
            heading="Update log",
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

    def fragment_keys(self, request):
        """Worked out once, from the body's stored JSON and the stamps of the points, products and people
        the page shows (one query for the pages, one for the products); get_context then reads what only
        the missing fragments show. With no fragment cache there are no stamps, and everything is read."""
        chosen = {"point_section": "point", "product_card": "product"}
        people = {name: (self._meta.get_field(name).related_model, getattr(self, f"{name}_id")) for name in PEOPLE}
        found, usable = {}, fragments.usable(request)
        if usable:
            wanted = chosen_ids(self.body, chosen)
            for model, pk in people.values():
                wanted.setdefault(model, set()).update({pk} - {None})
            found = read_stamps(wanted)
            self._people = {name: found.get(person) for name, person in people.items()}
        else:  # served_queryset read them with the page
            self._people = {name: getattr(self, name) for name in PEOPLE}
        author, reviewer = self._people["author"], self._people["reviewer"]
        head = (self, author, reviewer, SiteSettings.for_request(request))
        self._head_keys = [fragment_key("article-meta", *head), fragment_key("article-data", *head)]
        self._badge_key = fragment_key("review-badge", self, reviewer)
        self._author_box_key = fragment_key("author-box", author)
        self._hero_key = fragment_key("hero-image", self.hero_image) if self.hero_image else None
        intro_key = fragment_key("article-intro", self)
        self._parts = stream_parts(self.body, chosen, found)
        for part in self._parts if usable else []:  # no cache: every block is rendered
            if part.block_type == "point_section":
                part.key = fragment_key("point-section", self, part.id, part.stamp)
            elif part.block_type == "product_card":
                part.key = fragment_key("product-card", part.stamp)
            else:  # the page's own words: kept under its version
                part.key = fragment_key("article-block", self, part.index)
        parts = [part.key for part in self._parts if part.key]
        return [*self._head_keys, self._badge_key, self._author_box_key, self._hero_key, intro_key, *parts]

    @classmethod
    def served_queryset(cls, cached=False):
        # Served (tcmtips.routing): the hero image with the page, and whether it has an update log (most
        # articles have none yet, so that list is rarely read). The people and their photos only with no
        # fragment cache: otherwise their stamps are read, and they themselves only if a fragment showing
        # them must be rendered (read_people).
        people = () if cached else ("author__photo", "reviewer__photo")
        return (
            super()
            .served_queryset(cached)
            .select_related("hero_image", *people)
            .annotate(has_updates=Exists(ArticleUpdate.objects.filter(page=OuterRef("pk"))))
        )

    def read_people(self):
        """The author and reviewer with their photos (a query each), unless they came with the page."""
        for name in PEOPLE:
            field = self._meta.get_field(name)
            if not field.is_cached(self):
                pk = getattr(self, field.attname)
                found = field.related_model.objects.select_related("photo").filter(pk=pk).first() if pk else None
                setattr(self, name, found)

    def get_context(self, request, *args, **kwargs):
        # The page came with its hero image (served_queryset); then (in BasePage) every cached fragment in
        # one round trip; then, for the fragments that must be rendered, what they show, every card and
        # image at once.
        context = super().get_context(request, *args, **kwargs)
        cold = context["cold_fragments"]
        for part in self._parts:
            part.cold = part.key is None or part.key in cold
        context["body_parts"] = self._parts
        cards = [part.block for part in self._parts if part.block_type == "product_card" and part.cold]
        products = [block.value["product"] for block in cards]  # one query for every card's product
        Product.prefetch_for_cards(products)
        context["people"] = self._people  # what the fragments showing them are kept under
        images = [self.hero_image] if self._hero_key in cold else []
        if cold & {self._badge_key, self._author_box_key, *self._head_keys}:  # what shows the people
            self.read_people()
            images += [getattr(self.author, "photo", None), getattr(self.reviewer, "photo", None)]
        prefetch_renditions(images + [p.image for p in products if p])
        if cold & {self._badge_key, *self._head_keys}:  # what shows it; decided before any block is rendered
            context["review_status"] = self.review_status
        context["reference_count"] = lambda: len(self.references)  # read only by a block or intro rendered
        # A preview holds its (maybe unsaved) update lines in memory; a served page asks the database only
        # when served_queryset found some.
        in_memory = "updates" in getattr(self, "_cluster_related_objects", {})
        has_updates = getattr(self, "has_updates", True)  # a preview or a page not read by served_queryset
        context["updates"] = list(self.updates.all()) if in_memory or has_updates else []
        return context


class ArticleUpdate(Orderable):
    """One line of an article's public update log: “Updated 3 March 2027: added a caution for BL-23.”"""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    text = models.CharField(max_length=255, help_text="What changed, in a sentence readers understand.")

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("text")])]

    class Meta(Orderable.Meta):
        ordering = ["-date", "sort_order"]

    def __str__(self):
        return f"{self.date}: {self.text}"
