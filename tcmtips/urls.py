from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles.feeds import LatestArticlesFeed
from products import urls as product_urls
from products.sitemaps import ProductSitemap
from search import views as search_views

from . import views
from .sitemaps import PageSitemap

# Sections of the sitemap; pagecache.changes.SITEMAP_SECTIONS names the same ones (a test checks).
SITEMAPS = {"pages": PageSitemap, "products": ProductSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("", include(product_urls)),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Production normally serves /media/ from the web server or object storage; SERVE_MEDIA lets a
    # single gunicorn (benchmarks, small installs) serve uploads itself.
    from django.views.static import serve

    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "search.views.page_not_found"
