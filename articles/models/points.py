"""The acupoint library: one page per point under the library index, and what their pages show (each
query kept in a function of its own so it is easy to see)."""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from base.models import BasePage, SectionPage

from .. import figures, meridians
from .articles import ArticlePage
from .complaints import Complaint

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

LISTING_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "code",
    "meridian",
    "number",
    "pinyin",
    "english_name",
    "pregnancy_caution",
)


# A point's page names the newest articles that use it and links to the rest (BL-40 alone may have thousands).
ARTICLES_SHOWN = 10


def article_ids_using(point):
    """Ids of the articles whose body chooses this point, from Wagtail's reference index (no copy to keep in
    sync), as a subquery."""
    return (
        ReferenceIndex.get_references_to(point)
        .filter(content_type=ContentType.objects.get_for_model(ArticlePage))
        .annotate(pk_int=Cast("object_id", IntegerField()))
        .values("pk_int")
    )


def articles_using(point):
    return ArticlePage.objects.live().public().filter(pk__in=article_ids_using(point)).order_by("-first_published_at")


def point_for_filter(slug):
    """The live point an article filter names (``/articles/?point=bl-40``); an unknown one is a 404."""
    point = AcupointPage.objects.live().filter(slug=slug).first() if re.fullmatch(r"[-a-z0-9]{1,20}", slug) else None
    if point is None:
        raise Http404("Unknown acupoint")
    return point


def newest_articles_using(point, request=None):
    """The newest few articles that use the point, how many there are in all, and the address of the full
    list when there is more to see."""
    articles = articles_using(point)
    shown = list(articles.defer_streamfields()[:ARTICLES_SHOWN])
    total = articles.count()
    more_url = ""
    if total > len(shown):
        # Articles live directly under the article index, so its address is the first one's minus the slug.
        index_url = shown[0].get_url(request).rstrip("/").rsplit("/", 1)[0] + "/"
        more_url = f"{index_url}?point={point.slug}"
    return {"articles": shown, "article_count": total, "all_articles_url": more_url}


def neighbours(point):
    """The points before and after this one on its meridian, by number, live and public ones only."""
    found = {
        p.number: p
        for p in AcupointPage.objects.live()
        .public()
        .filter(meridian=point.meridian, number__in=[point.number - 1, point.number + 1])
        .only(*LISTING_FIELDS)
        .order_by()
    }
    return found.get(point.number - 1), found.get(point.number + 1)


def point_page_context(point, request=None):
    previous_point, next_point = neighbours(point)
    return {"previous_point": previous_point, "next_point": next_point, **newest_articles_using(point, request)}


def point_index_context(index_page, request):
    points = AcupointPage.objects.child_of(index_page).live().public().only(*LISTING_FIELDS).order_by("number")
    active = {}
    meridian = request.GET.get("meridian", "").upper()
    if meridian:
        if meridian not in meridians.BY_CODE:
            raise Http404("Unknown meridian")
        points = points.filter(meridian=meridian)
        active["meridian"] = meridian.lower()
    region = request.GET.get("region", "")
    if region:
        if region not in dict(REGIONS):
            raise Http404("Unknown body region")
        points = points.filter(region=region)
        active["region"] = region
    # Site search links here for "pregnancy": the points traditionally avoided in pregnancy.
    caution = request.GET.get("caution", "")
    if caution:
        if caution != "pregnancy":
            raise Http404("Unknown caution")
        points = points.filter(pregnancy_caution=True)
        active["caution"] = caution
    complaint = None
    complaint_slug = request.GET.get("complaint", "")
    if complaint_slug:
        complaint = Complaint.get_or_404(complaint_slug)
        points = points.filter(complaints=complaint)
        active["complaint"] = complaint.slug

    def listing():
        found = list(points)
        # For a complaint, the editors' primary points come first, best first; the others follow by code.
        rank = {point_id: n for n, point_id in enumerate(complaint.primary_point_ids())} if complaint else {}
        primary = sorted((p for p in found if p.pk in rank), key=lambda p: rank[p.pk])
        by_meridian = {}
        for point in found:
            if point.pk not in rank:
                by_meridian.setdefault(point.meridian, []).append(point)
        groups = [(m, by_meridian[m.code]) for m in meridians.MERIDIANS if m.code in by_meridian]
        return {"primary": primary, "groups": groups, "count": len(found)}

    def link(**change):
        params = {**active, **change}
        query = "&".join(f"{k}={v}" for k, v in params.items() if v)
        return f"?{query}" if query else "?"

    return {
        # Built only when the page's cached list is rendered again.
        "listing": SimpleLazyObject(listing),
        "filters": sorted(active.items()),
        "active": active,
        "active_complaint": complaint,
        "meridian_links": [(m, link(meridian=m.slug), active.get("meridian") == m.slug) for m in meridians.MERIDIANS],
        "region_links": [(label, link(region=key), active.get("region") == key) for key, label in REGIONS],
        "complaint_links": SimpleLazyObject(
            lambda: [
                (c.name, link(complaint=c.slug), active.get("complaint") == c.slug) for c in Complaint.with_points()
            ]
        ),
        "clear_links": {key: link(**{key: ""}) for key in active},
        "caution_link": (link(caution="pregnancy"), active.get("caution") == "pregnancy"),
    }


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
    figure_view = models.CharField(
        max_length=5,
        blank=True,
        choices=figures.VIEW_CHOICES,
        help_text="The body figure the point is marked on. `manage.py build_point_figures` places every point.",
    )
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

    @cached_property
    def figure(self):
        """What `components/point_figure.html` draws: the figure, the marker and the words for it."""
        return figures.PointFigure(self)

    @property
    def intro_text(self):
        return f"{self.display_code} ({self.pinyin}, {self.english_name}): {self.location}"

    def clean(self):
        super().clean()
        normal = meridians.normalise_code(self.code)
        if not normal:
            raise ValidationError({"code": "Not a WHO point code (for example BL40 or GV20)."})
        self.code = normal
        expected = f"{self.meridian}{self.number}"
        if normal != expected:
            raise ValidationError({"code": f"The code {normal} does not match the meridian and number ({expected})."})
        figure_error = figures.check_position(self.figure_view, self.figure_x, self.figure_y)
        if figure_error:
            raise ValidationError(figure_error)

    def cache_dependents(self):
        """Besides what every page has: its neighbours on the meridian, which link to it by name, and the home
        page, which lists the complaints points are filed under."""
        site = self.get_site()
        return [*super().cache_dependents(), *neighbours(self), site.root_page.specific if site else None]

    def get_context(self, request, *args, **kwargs):
        # Read only when the page's cached fragment has to be rendered again.
        context = super().get_context(request, *args, **kwargs)
        context["complaint_list"] = SimpleLazyObject(lambda: list(self.complaints.all()))
        context["links"] = SimpleLazyObject(lambda: point_page_context(self, request))
        return context


class PointIndexPage(SectionPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.AcupointPage"]
    max_count = 1
    child_model = AcupointPage

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(point_index_context(self, request))
        return context
