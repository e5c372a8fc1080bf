from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.shortcuts import redirect
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState
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


NO_REFERENCES_WARNING = (
    "This article cites no references. Add a References block with the sources it relies on before it is "
    "published; a reviewer checks the text against them."
)


def warn_without_references(request, page):
    """A warning, never a refusal: an article whose body has no references block (a short how-to may
    honestly need none, and the reviewer decides)."""
    if isinstance(page, ArticlePage) and not page.references:
        messages.warning(request, NO_REFERENCES_WARNING)


@hooks.register("before_edit_page")
def warn_when_opening_an_article_without_references(request, page):
    if request.method == "GET":
        warn_without_references(request, page.specific.get_latest_revision_as_object())


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def warn_when_saving_an_article_without_references(request, page):
    warn_without_references(request, page.specific)


class MyReviewsPanel(Component):
    """A reviewer's last decisions (approved, or changes requested), newest first: after acting on a review
    from the dashboard or the editor, she sees here what became of it."""

    name = "my_medical_reviews"
    template_name = "articles/admin/my_reviews_panel.html"
    order = 80
    shown = 5

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


def latest_reviews_by(user, limit):
    states = list(
        TaskState.objects.filter(
            finished_by=user,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
            workflow_state__content_type=ContentType.objects.get_for_model(ArticlePage),
        )
        .select_related("workflow_state")
        .order_by("-finished_at")[:limit]
    )
    pages = ArticlePage.objects.in_bulk([int(s.workflow_state.object_id) for s in states])
    return [
        {"state": s, "article": pages[int(s.workflow_state.object_id)]}
        for s in states
        if int(s.workflow_state.object_id) in pages
    ]


@hooks.register("construct_homepage_panels")
def add_my_reviews_panel(request, panels):
    rows = latest_reviews_by(request.user, MyReviewsPanel.shown)
    if rows:
        panels.append(MyReviewsPanel(rows))


# Where a reviewer lands after acting on a review. From the editor, Wagtail returns to the article list,
# and from the dashboard to the article's edit view: neither is open to a reviewer once the article has left
# the review (approved and published, or sent back for changes). The dashboard is, with a word on what
# happened.

WORKFLOW_OUTCOMES = {
    "approve": "“{title}” is approved.",
    "approve-published": "“{title}” is approved and published: readers see it now, with your review.",
    "reject": "Changes requested on “{title}”. Whoever submitted it is told by e-mail and can submit it again.",
}


@hooks.register("after_edit_page")
def reviewer_lands_on_the_dashboard(request, page):
    action = request.POST.get("workflow-action-name")
    if not request.POST.get("action-workflow-action") or not action:
        return None
    if page.permissions_for_user(request.user).can_edit():
        return None  # editors and administrators keep Wagtail's own landing
    if action == "approve" and Page.objects.filter(pk=page.pk, live=True, has_unpublished_changes=False).exists():
        action = "approve-published"
    outcome = WORKFLOW_OUTCOMES.get(action, "Your review of “{title}” is recorded.")
    messages.success(request, outcome.format(title=page.get_admin_display_title()))
    return redirect("wagtailadmin_home")
