"""The sitemap in sections that each come in pages: ``/sitemap.xml`` is an index naming
``/sitemap-pages.xml``, ``/sitemap-pages.xml?p=2`` … and ``/sitemap-products.xml``, so no response lists the
whole site however many articles it holds, and each costs the same few queries."""

from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from caching.kept import kept_for_content

# URLs per sitemap page. Search engines accept up to 50,000; a small page is quick to build on every miss.
URLS_PER_PAGE = 500


class PagedSitemap(WagtailSitemap):
    limit = URLS_PER_PAGE

    def summary(self):
        """How many URLs the section has and its newest change, from one aggregate (Django's default counts
        the items, then reads every one for the newest), worked out once per ``CONTENT`` token."""
        site = self.get_wagtail_site()
        return kept_for_content(
            f"sitemap:{type(self).__name__}:{site.pk if site else ''}",
            lambda: self.items().order_by().aggregate(count=Count("pk"), latest=Max(self.lastmod_field)),
        )

    def get_latest_lastmod(self):
        return self.summary()["latest"]

    @property
    def paginator(self):
        paginator = Paginator(self.items(), self.limit)
        paginator.count = self.summary()["count"]
        return paginator


class PageSitemap(PagedSitemap):
    """Every live, public page of the site, in tree order. Plain pages are enough: none of our page types
    changes its sitemap entry, so no per-type (``.specific()``) queries."""

    lastmod_field = Coalesce("last_published_at", "latest_revision_created_at")

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .only("id", "path", "depth", "url_path", "last_published_at", "latest_revision_created_at")
        )
