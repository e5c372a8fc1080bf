from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles.feeds import LatestArticlesFeed
from products import urls as product_urls
from products.sitemaps import ProductSitemap
from search import views as search_views

from . import fragments, routing, views
from .sitemaps import PageSitemap

# Sections of the sitemap; pagecache.changes.SITEMAP_SECTIONS names the same ones (a test checks).
SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap}


def sitemap_index_view(request):
    """The sitemap's index and its pages, kept whole (tcmtips.fragments.kept_response): a page of 500
    addresses cost 60-80 ms to write."""
    return fragments.kept_response(
        request, "sitemap-index", lambda: sitemap_index(request, SITEMAPS, sitemap_url_name="sitemap_section")
    )


def sitemap_section_view(request, section):
    page = request.GET.get("p", "")
    return fragments.kept_response(
        request, "sitemap", lambda: sitemap(request, SITEMAPS, section=section), section, page
    )


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("sitemap.xml", sitemap_index_view, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section_view, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("", include(product_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Production normally serves /media/ from the web server or object storage; SERVE_MEDIA lets a
    # single gunicorn (benchmarks, small installs) serve uploads itself.
    from django.views.static import serve

    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Pages: Wagtail's own URLs, its page view given the site and the page found in two queries (tcmtips.routing).
urlpatterns += [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"]
urlpatterns += [re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve")]

handler404 = "search.views.page_not_found"
