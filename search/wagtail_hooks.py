from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import SearchMiss

MIN_COUNT = 3  # rarer queries are left out: they say little and may be someone's own words


class SearchMissReport(ReportView):
    """What readers searched for and did not find, per week, most frequent first (CSV and XLSX too)."""

    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "search_misses_report"
    index_results_url_name = "search_misses_report_results"
    permission_policy = ModelPermissionPolicy(SearchMiss)
    any_permission_required = ["view"]
    columns = [
        Column("week", label="Week of"),
        Column("query", label="Searched for"),
        Column("count", label="Visitors"),
    ]
    list_export = ["week", "query", "count"]
    export_headings = {"week": "Week of", "query": "Searched for", "count": "Visitors"}

    def get_queryset(self):
        return SearchMiss.objects.filter(count__gte=MIN_COUNT).order_by("-week", "-count", "query")


class SearchMissMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("search.view_searchmiss")


@hooks.register("register_admin_urls")
def register_search_miss_report_url():
    return [
        path("reports/search-misses/", SearchMissReport.as_view(), name="search_misses_report"),
        path(
            "reports/search-misses/results/",
            SearchMissReport.as_view(results_only=True),
            name="search_misses_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_miss_menu_item():
    return SearchMissMenuItem(
        "Searches with no results", reverse("search_misses_report"), icon_name="search", order=810
    )
