import django_filters
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from caching.purge import purge

from .chooser import ProductChooserViewSet
from .dashboard import BrokenOffersPanel, ClicksThisWeekPanel
from .models import Offer, Product, ProductCategory, ProductReview, touch
from .reports import can_see_clicks, click_report


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    list_display = ["name", "badge", "slug"]
    search_fields = ["name", "tagline"]
    chooser_viewset_class = ProductChooserViewSet


REVIEW_STATUS = {
    "pending": {"approved": False, "rejected": False},
    "approved": {"approved": True},
    "rejected": {"rejected": True, "approved": False},
}


class ProductReviewFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("pending", "Waiting for moderation"), ("approved", "Approved"), ("rejected", "Rejected")],
        method="filter_status",
        empty_label="All",
    )

    def filter_status(self, queryset, name, value):
        return queryset.filter(**REVIEW_STATUS[value]) if value in REVIEW_STATUS else queryset

    class Meta:
        model = ProductReview
        fields = ["product", "rating"]


class ProductReviewViewSet(SnippetViewSet):
    model = ProductReview
    icon = "comment"
    menu_label = "Reader reviews"
    list_display = ["name", "product", "rating", "approved", "rejected", "featured", "helpful_count", "created_at"]
    filterset_class = ProductReviewFilterSet
    search_fields = ["name", "text"]

    @staticmethod
    def moderation_queue_url():
        return reverse(ProductReview.snippet_viewset.get_url_name("list")) + "?status=pending"


class OfferViewSet(SnippetViewSet):
    """Every retailer link; broken ones (two failed checks in a row, see `manage.py check_offers`) first."""

    model = Offer
    icon = "link"
    menu_label = "Retailer offers"
    list_display = ["retailer", "product", "slug", "active", "broken", "consecutive_failures", "last_checked_at"]
    list_filter = ["broken", "active", "product"]
    search_fields = ["retailer", "label", "slug", "url"]
    ordering = ["-broken", "product__name", "sort_order"]

    def get_queryset(self, request):
        return Offer.objects.select_related("product").order_by("-broken", "product__name", "sort_order")


class ProductCategoryViewSet(SnippetViewSet):
    """The shop's filter links (/products/category/<slug>/), in the editors' order."""

    model = ProductCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class ShopViewSetGroup(SnippetViewSetGroup):
    menu_label = "Shop"
    menu_icon = "tag"
    menu_order = 300
    items = (ProductViewSet, ProductCategoryViewSet, OfferViewSet, ProductReviewViewSet)


register_snippet(ShopViewSetGroup)


# Moderation in bulk: select pending reviews in the listing and approve or reject them at once.


class ModerateReviewsBulkAction(SnippetBulkAction):
    models = [ProductReview]
    template_name = "products/admin/confirm_bulk_moderation.html"
    new_state = {}
    verb = ""

    def check_perm(self, review):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", review)

    @classmethod
    def execute_action(cls, objects, **kwargs):
        # update() sends no post_save: purge what the reviews' products show, so approved reviews show at once.
        count = ProductReview.objects.filter(pk__in=[r.pk for r in objects]).update(**cls.new_state)
        for product in {review.product for review in objects}:
            touch(product.pk)
            purge(product)
        return count, 0

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "verb": self.verb,
            "button_text": f"Yes, {self.display_name.lower()}",
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} review{'s' if num_parent_objects != 1 else ''} {self.verb}."


@hooks.register("register_bulk_action")
class ApproveReviewsBulkAction(ModerateReviewsBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve selected reviews"
    action_priority = 10
    new_state = {"approved": True, "rejected": False}
    verb = "approved"


@hooks.register("register_bulk_action")
class RejectReviewsBulkAction(ModerateReviewsBulkAction):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject selected reviews"
    action_priority = 20
    new_state = {"approved": False, "rejected": True}
    verb = "rejected"


class PendingReviewsPanel(Component):
    name = "pending_reviews"
    order = 50

    def __init__(self, count):
        self.count = count

    def render_html(self, parent_context=None):
        if not self.count:
            return mark_safe('<section class="panel"><p>No reader reviews are waiting for moderation.</p></section>')
        return format_html(
            '<section class="panel"><h2>Reader reviews</h2><p><a href="{}">{} review{} waiting for moderation</a></p>'
            "</section>",
            ProductReviewViewSet.moderation_queue_url(),
            self.count,
            "s" if self.count != 1 else "",
        )


@hooks.register("construct_homepage_panels")
def add_pending_reviews_panel(request, panels):
    if request.user.has_perm("products.change_productreview"):
        panels.append(PendingReviewsPanel(ProductReview.objects.pending().count()))
    if request.user.has_perm("products.change_offer"):
        panels.append(BrokenOffersPanel())
    if can_see_clicks(request.user):
        panels.append(ClicksThisWeekPanel())


class ClickReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_clicks(request.user)


@hooks.register("register_admin_urls")
def register_click_report_url():
    return [path("reports/clicks/", click_report, name="products_click_report")]


@hooks.register("register_reports_menu_item")
def register_click_report_menu_item():
    return ClickReportMenuItem("Retailer clicks", reverse("products_click_report"), icon_name="link", order=800)
