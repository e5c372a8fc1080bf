from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from base.models import BasePage

from ..shop import shop_context
from .catalogue import ProductCategory


class ProductIndexPage(RoutablePageMixin, BasePage):
    """The shop at /products/: every product as a card, filtered by category (/products/category/<slug>/),
    sorted by rating or name, paginated. Product pages themselves stay at /products/<slug>/ (a plain view,
    products/urls.py) so they work whether or not an editor has created this page."""

    intro = models.TextField(blank=True, help_text="A sentence or two under the shop's title.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    per_page = 24

    @property
    def intro_text(self):
        return self.intro

    @path("")
    def all_products(self, request):
        return self.render_shop(request, category=None)

    @path("category/<slug:slug>/")
    def category(self, request, slug):
        category = ProductCategory.objects.filter(slug=slug).first()
        if category is None:
            raise Http404("No such product category")
        return self.render_shop(request, category=category)

    def serve(self, request, view=None, args=None, kwargs=None):
        # HomePage.route finds /products/ in one lookup and serves it without a sub-route: that is this list.
        if view is None:
            view, args, kwargs = self.all_products, (), {}
        return super().serve(request, view, args, kwargs)

    def get_cached_paths(self):
        """Its own address and each category's: a purge of the shop reaches every list it shows."""
        categories = ProductCategory.objects.values_list("slug", flat=True)
        return ["/", *(self.reverse_subpage("category", args=[slug]) for slug in categories)]

    @classmethod
    def live_shop(cls):
        """The live shop page, if an editor has made one (the product pages work without it)."""
        return cls.objects.live().order_by("pk").first()

    def category_url(self, category):
        return self.url + self.reverse_subpage("category", args=[category.slug])

    def render_shop(self, request, category):
        context = self.get_context(request)
        context.update(shop_context(self, request, category))
        return TemplateResponse(request, self.get_template(request), context)
