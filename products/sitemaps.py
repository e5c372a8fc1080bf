from tcmtips.sitemaps import PagedSitemap


class ProductSitemap(PagedSitemap):
    """Every product page (/products/<slug>/ is a plain view, so Wagtail's page sitemap cannot see it), with
    the date the product was last saved. Absolute URLs on the same site root as the pages' URLs."""

    lastmod_field = "updated_at"

    def items(self):
        from .models import Product

        return Product.objects.only("slug", "updated_at").order_by("name")

    def _urls(self, page, protocol, domain):
        root = self.get_wagtail_site().root_url
        urls = [
            {"item": product, "location": root + product.get_absolute_url(), "lastmod": product.updated_at}
            for product in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls
