from django.conf import settings
from django.urls import include, path, reverse
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from articles.feeds import LatestArticlesFeed
from products import urls as product_urls
from products.sitemaps import ProductSitemap
from search import views as search_views
from seo import views as seo_views
from seo.sitemaps import PageSitemap

# Sections of the sitemap: /sitemap-pages.xml, /sitemap-products.xml.
SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("sitemap.xml", seo_views.sitemap_index_view, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<slug:section>.xml", seo_views.sitemap_section_view, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("", include(product_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Production normally serves /media/ from the web server or object storage; SERVE_MEDIA lets a
    # single gunicorn (benchmarks, small installs) serve uploads itself.
    from django.views.static import serve

    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Pages: Wagtail's own view and routing.
urlpatterns += wagtail_urls.urlpatterns

handler404 = "search.views.page_not_found"


def sitewide_paths():
    """The views that list the whole site: every change readers see purges them (CACHING_SITEWIDE_PATHS)."""
    sections = [reverse("sitemap_section", kwargs={"section": name}) for name in SITEMAPS]
    return [reverse(name) for name in ("search", "search_suggest", "sitemap", "feed")] + sections
