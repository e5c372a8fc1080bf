"""What the point library's pages show, kept apart from the models so each query is easy to see."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.models import ReferenceIndex

from . import meridians

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


def articles_using(point):
    """Articles whose body chooses this point, from Wagtail's reference index (no copy to keep in sync)."""
    from .models import ArticlePage

    ids = (
        ReferenceIndex.get_references_to(point)
        .filter(content_type=ContentType.objects.get_for_model(ArticlePage))
        .annotate(pk_int=Cast("object_id", IntegerField()))
        .values("pk_int")
    )
    return ArticlePage.objects.live().public().filter(pk__in=ids).order_by("-first_published_at")


def point_page_context(point):
    from .models import AcupointPage

    neighbours = {
        p.number: p
        for p in AcupointPage.objects.live()
        .filter(meridian=point.meridian, number__in=[point.number - 1, point.number + 1])
        .only(*LISTING_FIELDS)
    }
    return {
        "previous_point": neighbours.get(point.number - 1),
        "next_point": neighbours.get(point.number + 1),
        "articles": list(articles_using(point)),
        "complaint_list": list(point.complaints.all()),
    }


def point_index_context(index_page, request):
    from .models import REGIONS, AcupointPage, Complaint

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
    complaint = None
    complaint_slug = request.GET.get("complaint", "")
    if complaint_slug:
        complaint = Complaint.get_or_404(complaint_slug)
        points = points.filter(complaints=complaint)
        active["complaint"] = complaint.slug

    by_meridian = {}
    for point in points:
        by_meridian.setdefault(point.meridian, []).append(point)
    groups = [(m, by_meridian[m.code]) for m in meridians.MERIDIANS if m.code in by_meridian]

    def link(**change):
        params = {**active, **change}
        query = "&".join(f"{k}={v}" for k, v in params.items() if v)
        return f"?{query}" if query else "?"

    return {
        "groups": groups,
        "result_count": sum(len(g[1]) for g in groups),
        "active": active,
        "active_complaint": complaint,
        "meridian_links": [(m, link(meridian=m.slug), active.get("meridian") == m.slug) for m in meridians.MERIDIANS],
        "region_links": [(label, link(region=key), active.get("region") == key) for key, label in REGIONS],
        "complaint_links": [
            (c.name, link(complaint=c.slug), active.get("complaint") == c.slug) for c in Complaint.with_points()
        ],
        "clear_links": {key: link(**{key: ""}) for key in active},
    }
