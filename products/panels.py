"""What an editor sees at the top of a product's admin page: how it is doing, before they edit it."""

from django.urls import reverse
from wagtail.admin.panels import Panel

CLICK_DAYS = 30
FEATURING_SHOWN = 20


class ProductFactsPanel(Panel):
    """Read-only: clicks in the last 30 days, review counts and the pages that feature the product.
    Shown on the edit page only (a product being created has none of these)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "products/admin/product_facts_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.instance.admin_facts(CLICK_DAYS, FEATURING_SHOWN))
            context.update(click_days=CLICK_DAYS, featuring_limit=FEATURING_SHOWN, product=self.instance)
            context["reviews_url"] = reverse("wagtailsnippets_products_productreview:list")
            return context
