from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from base.models import SiteSettings

from .chooser import acupoint_chooser_viewset
from .models import ArticlePage, Complaint, ReaderCaution
from .review import months_before


class ComplaintViewSet(SnippetViewSet):
    model = Complaint
    icon = "folder-open-inverse"
    menu_label = "Complaints & topics"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(ComplaintViewSet)


class ReaderCautionViewSet(SnippetViewSet):
    model = ReaderCaution
    icon = "warning"
    menu_label = "Reader cautions"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "condition", "source"]


register_snippet(ReaderCautionViewSet)


@hooks.register("register_admin_viewset")
def register_point_chooser():
    return acupoint_chooser_viewset


def articles_due_for_review(interval_months, today=None):
    """Live articles whose last medical review is older than the interval (or that never had one),
    oldest review first."""
    cutoff = months_before(today or timezone.localdate(), interval_months)
    articles = (
        ArticlePage.objects.live()
        .filter(Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True))
        .select_related("reviewer")
        .order_by(F("last_reviewed").asc(nulls_first=True), "title")
    )
    return articles, cutoff


class ReviewsDuePanel(Component):
    name = "reviews_due"
    template_name = "articles/admin/reviews_due_panel.html"
    order = 90  # above Wagtail's own panels: this is the editors' to-do list
    shown = 20

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        interval = SiteSettings.for_request(self.request).review_interval_months
        articles, cutoff = articles_due_for_review(interval)
        listed = list(articles[: self.shown + 1])
        context.update(
            {
                "articles": listed[: self.shown],
                "more": articles.count() - self.shown if len(listed) > self.shown else 0,
                "interval": interval,
                "cutoff": cutoff,
            }
        )
        return context


@hooks.register("construct_homepage_panels")
def add_reviews_due_panel(request, panels):
    panels.append(ReviewsDuePanel(request))


def articles_in_review():
    """Articles sent to the medical review and not yet approved or sent back, longest waiting first:
    (article, workflow state, the task it is at)."""
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            content_type=ContentType.objects.get_for_model(ArticlePage),
        )
        .select_related("current_task_state__task", "requested_by")
        .order_by("created_at")
    )
    states = list(states)
    pages = ArticlePage.objects.in_bulk([int(state.object_id) for state in states])
    return [(pages[int(s.object_id)], s) for s in states if int(s.object_id) in pages]


class AwaitingReviewPanel(Component):
    name = "awaiting_medical_review"
    template_name = "articles/admin/awaiting_review_panel.html"
    order = 85

    def get_context_data(self, parent_context):
        return {"rows": articles_in_review()}


@hooks.register("construct_homepage_panels")
def add_awaiting_review_panel(request, panels):
    panels.append(AwaitingReviewPanel())
