from seo.sitemaps import PagedSitemap

from .models import Product


class ProductSitemap(PagedSitemap):
    """Every product page (/products/<slug>/ is a plain view, so Wagtail's page sitemap cannot see it), with
    the date the product was last saved (``Product.get_sitemap_urls``, as a page's)."""

    lastmod_field = "updated_at"

    def items(self):
        return Product.objects.only("slug", "updated_at").order_by("name")
