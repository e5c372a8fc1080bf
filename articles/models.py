import html
import re

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.search import index

from tcmtips import seo
from tcmtips.images import prefetch_renditions
from tcmtips.models import BasePage

from . import meridians
from .blocks import ArticleBodyBlock

REGIONS = [
    ("head-face", "Head and face"),
    ("neck", "Neck"),
    ("shoulder", "Shoulder"),
    ("chest", "Chest"),
    ("abdomen", "Abdomen"),
    ("upper-back", "Upper back"),
    ("lower-back", "Lower back"),
    ("arm", "Arm"),
    ("hand", "Hand and wrist"),
    ("leg", "Leg"),
    ("foot", "Foot and ankle"),
]


class Complaint(models.Model):
    """A problem readers come with (“lower back pain”); points and articles are filed under it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

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


class AcupointPage(BasePage):
    code = models.CharField(max_length=6, unique=True, help_text="WHO code without a hyphen, e.g. BL40.")
    meridian = models.CharField(max_length=2, choices=meridians.CHOICES)
    number = models.PositiveSmallIntegerField()
    pinyin = models.CharField(max_length=40, help_text="Without tone marks, e.g. Weizhong.")
    pinyin_tones = models.CharField(max_length=40, blank=True, help_text="With tone marks, e.g. Wěizhōng.")
    hanzi = models.CharField(max_length=10, blank=True)
    english_name = models.CharField(max_length=80)
    other_names = models.TextField(blank=True, help_text="Other names and abbreviations, one per line.")
    location = models.TextField(help_text="Where the point is, in anatomical terms.")
    how_to_find = models.TextField(help_text="How a reader finds it on their own body.")
    technique = models.TextField(blank=True, help_text="How to press it. Leave empty for the general advice.")
    region = models.CharField(max_length=20, choices=REGIONS)
    complaints = ParentalManyToManyField(Complaint, blank=True, related_name="points")
    pregnancy_caution = models.BooleanField(
        default=False, help_text="Traditionally avoided in pregnancy: a caution shows wherever the point is used."
    )
    caution = models.TextField(blank=True, help_text="Any other care needed when pressing this point.")
    figure_view = models.CharField(max_length=5, blank=True, choices=[("front", "Front"), ("back", "Back")])
    figure_x = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    figure_y = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("meridian"), FieldPanel("number")]),
                FieldRowPanel([FieldPanel("pinyin"), FieldPanel("pinyin_tones"), FieldPanel("hanzi")]),
                FieldPanel("english_name"),
                FieldPanel("other_names"),
            ],
            heading="Names",
        ),
        FieldPanel("location"),
        FieldPanel("how_to_find"),
        FieldPanel("technique"),
        MultiFieldPanel([FieldPanel("region"), FieldPanel("complaints")], heading="Filing"),
        MultiFieldPanel([FieldPanel("pregnancy_caution"), FieldPanel("caution")], heading="Cautions"),
        MultiFieldPanel(
            [FieldPanel("figure_view"), FieldRowPanel([FieldPanel("figure_x"), FieldPanel("figure_y")])],
            heading="Figure",
            classname="collapsed",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("code", boost=5),
        index.AutocompleteField("code"),
        index.SearchField("pinyin", boost=4),
        index.AutocompleteField("pinyin"),
        index.SearchField("english_name", boost=3),
        index.AutocompleteField("english_name"),
        index.SearchField("other_names", boost=2),
        index.SearchField("location"),
        index.FilterField("meridian"),
        index.FilterField("region"),
    ]
    parent_page_types = ["articles.PointIndexPage"]
    subpage_types = []

    class Meta:
        ordering = ["meridian", "number"]

    def __str__(self):
        return self.title

    @property
    def display_code(self):
        return meridians.display_code(self.code)

    @property
    def meridian_name(self):
        return meridians.BY_CODE[self.meridian].name

    @property
    def other_name_list(self):
        names = [n.strip() for n in self.other_names.replace(";", "\n").splitlines() if n.strip()]
        return [n for n in names if n.upper() != self.display_code]

    @property
    def intro_text(self):
        return f"{self.display_code} ({self.pinyin}, {self.english_name}): {self.location}"

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        normal = meridians.normalise_code(self.code)
        if not normal:
            raise ValidationError({"code": "Not a WHO point code (for example BL40 or GV20)."})
        self.code = normal
        expected = f"{self.meridian}{self.number}"
        if normal != expected:
            raise ValidationError({"code": f"The code {normal} does not match the meridian and number ({expected})."})

    def get_context(self, request, *args, **kwargs):
        from .points import point_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(point_page_context(self))
        return context


class PointIndexPage(BasePage):
    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["tcmtips.HomePage"]
    subpage_types = ["articles.AcupointPage"]
    max_count = 1

    @property
    def intro_text(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from .points import point_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(point_index_context(self, request))
        return context


class ArticleIndexPage(BasePage):
    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["tcmtips.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1
    per_page = 12

    def permissions_for_user(self, user):
        from .review import ArticleIndexPermissionTester

        return ArticleIndexPermissionTester(user, self)

    @property
    def intro_text(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image", "author")
            .order_by("-first_published_at")
        )
        complaint_slug = request.GET.get("topic", "")
        if complaint_slug:
            complaint = Complaint.get_or_404(complaint_slug)
            articles = articles.filter(topics=complaint)
            context["topic"] = complaint
        # get_page() turns ?page=abc or ?page=9999 into a real page instead of an error.
        context["articles"] = Paginator(articles, self.per_page).get_page(request.GET.get("page"))
        context["topics"] = Complaint.objects.filter(articles__isnull=False).distinct()
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
        return seo.article_graph(self, request, site_name, getattr(self, "_ancestor_titles", None))

    def permissions_for_user(self, user):
        from .review import ReviewedArticlePermissionTester

        return ReviewedArticlePermissionTester(user, self)

    @cached_property
    def references(self):
        """The numbered sources (the first references block), in the order [1], [2] … cite them."""
        block = next((b for b in self.body if b.block_type == "references"), None)
        return list(block.value["references"]) if block else []

    @cached_property
    def has_affiliate_links(self):
        return any(block.block_type == "product_card" for block in self.body)

    def get_context(self, request, *args, **kwargs):
        from products.models import Product

        context = super().get_context(request, *args, **kwargs)
        # The people, their photos and books in one query plus one; then every image's renditions at once.
        # The ancestors' titles (for the breadcrumb trail) come along in the same query.
        ancestors = seo.ancestor_paths(self)
        people = (
            ArticlePage.objects.filter(pk=self.pk)
            .select_related("author__photo", "reviewer__photo", "hero_image")
            .prefetch_related("author__books")
            .annotate(
                **{
                    f"ancestor_title_{i}": Subquery(Page.objects.filter(path=path).values("title")[:1])
                    for i, path in enumerate(ancestors)
                },
                # Most articles have no update log yet: knowing that here saves reading an empty list.
                has_updates=Exists(ArticleUpdate.objects.filter(page=OuterRef("pk"))),
            )
            .first()
        )
        if people:
            self.author, self.reviewer, self.hero_image = people.author, people.reviewer, people.hero_image
            self._ancestor_titles = {path: getattr(people, f"ancestor_title_{i}") for i, path in enumerate(ancestors)}
        products = [b.value["product"] for b in self.body if b.block_type == "product_card"]
        Product.prefetch_for_cards(products)
        images = [self.hero_image, getattr(self.author, "photo", None), getattr(self.reviewer, "photo", None)]
        prefetch_renditions(images + [p.image for p in products if p])
        context["reference_count"] = len(self.references)
        # A preview holds its (maybe unsaved) update lines in memory; a live page asks the database only
        # when the query above found some.
        in_memory = "updates" in getattr(self, "_cluster_related_objects", {})
        context["updates"] = list(self.updates.all()) if in_memory or people is None or people.has_updates else []
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


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval whose approval records the approving reviewer and the date on the article."""

    def get_actions(self, obj, user):
        from .review import reviewer_page_for

        actions = super().get_actions(obj, user)
        if actions and reviewer_page_for(user) is None:
            # Approving must name a reviewer: without a reviewer page a user can only ask for changes.
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        from django.db import transaction

        from .review import record_review

        with transaction.atomic():
            if action_name == "approve":
                record_review(task_state.workflow_state, user)
            return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve; the approval is shown on the article as its medical review"

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"
