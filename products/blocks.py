from django.apps import apps
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from base.blocks import ExplainedStructBlock


def preview_product_card():
    product = apps.get_model("products", "Product").objects.first()
    return {
        "heading": "The tool we use",
        "lead": "A smooth ceramic stone for gentle facial gua sha.",
        "product": product,
    }


class ProductCardBlock(ExplainedStructBlock):
    heading = blocks.CharBlock(required=False, help_text="Optional heading above the card, e.g. “Gua Sha Tool”.")
    lead = blocks.TextBlock(required=False, help_text="A sentence introducing the product.")
    product = SnippetChooserBlock("products.Product", help_text="Products are kept under Shop → Products.")

    class Meta:
        icon = "tag"
        template = "components/blocks/product_card.html"
        label = "Product card"
        description = (
            "A product from the shop with its picture, badge, features, a reader's review and the retailer "
            "buttons. Only offers that work are shown, and the site's affiliate disclosure appears above it."
        )
        missing = {"product": "Choose the product this card shows (they are kept under Shop → Products)."}

    def get_preview_value(self):
        return self.normalize(preview_product_card())

    def bulk_to_python(self, values):
        """Every card in an article at once: what each card shows (features, working offers, pictures) comes in
        the same few queries however many cards the article has."""
        cards = super().bulk_to_python(values)
        apps.get_model("products", "Product").prefetch_for_cards([card["product"] for card in cards])
        return cards
