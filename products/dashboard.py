"""Dashboard panels for the shop: retailer links that stopped working (and the pages whose cards they sit
on), and how many readers clicked through this week. Each links to where the editor acts."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, ReferenceIndex

from .models import Offer
from .reports import clicks_between


class BrokenOffersPanel(Component):
    name = "broken_offers"
    template_name = "products/admin/broken_offers_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        offers = list(Offer.objects.filter(broken=True).select_related("product").order_by("product__name"))
        products = {offer.product for offer in offers}
        # Which pages show each product's card: from Wagtail's reference index, whatever app the page is from.
        references = ReferenceIndex.get_references_to_in_bulk(products).values_list(
            "to_object_id", "base_content_type_id", "object_id"
        )
        page_type = ContentType.objects.get_for_model(Page).pk
        page_ids = {(int(to), int(obj)) for to, base, obj in references if base == page_type}
        pages = Page.objects.in_bulk({obj for _, obj in page_ids})
        using = {}
        for product_id, page_id in sorted(page_ids):
            if page_id in pages:
                using.setdefault(product_id, []).append(pages[page_id])
        rows = [
            {
                "offer": offer,
                "edit_url": reverse(Offer.snippet_viewset.get_url_name("edit"), args=[offer.pk]),
                "pages": sorted(using.get(offer.product_id, []), key=lambda p: p.title),
            }
            for offer in offers
        ]
        return {"rows": rows, "listing_url": reverse(Offer.snippet_viewset.get_url_name("list")) + "?broken=true"}


class ClicksThisWeekPanel(Component):
    name = "clicks_this_week"
    template_name = "products/admin/clicks_this_week_panel.html"
    order = 140

    def get_context_data(self, parent_context):
        end = timezone.localdate()
        start = end - datetime.timedelta(days=6)
        clicks = clicks_between(start, end).filter(is_bot=False)
        return {
            "count": clicks.count(),
            "start": start,
            "end": end,
            "report_url": f"{reverse('products_click_report')}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}",
        }
