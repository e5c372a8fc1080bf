"""What an editor sees at the top of a product's admin page: how it is doing, before they edit it."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import Panel

CLICK_DAYS = 30
FEATURING_SHOWN = 20


def product_facts(product):
    from .models import OutboundClick, ProductReview
    from .shop import pages_featuring

    since = timezone.now() - datetime.timedelta(days=CLICK_DAYS)
    clicks = OutboundClick.objects.filter(offer__product=product, clicked_at__gte=since).aggregate(
        people=Count("id", filter=Q(is_bot=False)), bots=Count("id", filter=Q(is_bot=True))
    )
    # Aliases must differ from the field names the filters read.
    counts = ProductReview.objects.filter(product=product).aggregate(
        n_approved=Count("id", filter=Q(approved=True)),
        n_pending=Count("id", filter=Q(approved=False, rejected=False)),
        n_rejected=Count("id", filter=Q(rejected=True, approved=False)),
    )
    reviews = {name[2:]: value for name, value in counts.items()}
    return {
        "click_days": CLICK_DAYS,
        "clicks": clicks,
        "reviews": reviews,
        "featuring": pages_featuring(product, limit=FEATURING_SHOWN),
        "featuring_limit": FEATURING_SHOWN,
    }


class ProductFactsPanel(Panel):
    """Read-only: clicks in the last 30 days, review counts and the pages that feature the product.
    Shown on the edit page only (a product being created has none of these)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "products/admin/product_facts_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(product_facts(self.instance))
            context["product"] = self.instance
            from .models import ProductReview

            context["reviews_url"] = reverse(ProductReview.snippet_viewset.get_url_name("list"))
            return context
