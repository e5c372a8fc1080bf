"""The product chooser editors use in a product card: picture, badge and whether the product has a retailer
link that works, so a card is never chosen for a product readers cannot buy."""

from django.db.models import Exists, OuterRef
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet

from .models import Offer, Product


class ImageColumn(Column):
    cell_template_name = "products/admin/image_cell.html"


class ProductColumnsMixin:
    def get_object_list(self):
        return Product.objects.select_related("image").annotate(
            has_working_offer=Exists(Offer.objects.available().filter(product=OuterRef("pk")))
        )

    @property
    def columns(self):
        return [
            ImageColumn("image", label="Picture", width="80px"),
            self.title_column,
            Column("badge", label="Badge"),
            Column(
                "offer",
                label="Retailer link",
                accessor=lambda p: "Working" if p.has_working_offer else "None working: readers see no button",
            ),
        ]


class ProductChooseView(ProductColumnsMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductColumnsMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
