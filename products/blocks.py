from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ProductCardBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, help_text="Optional heading above the card, e.g. “Gua Sha Tool”.")
    lead = blocks.TextBlock(required=False, help_text="A sentence introducing the product.")
    product = SnippetChooserBlock("products.Product")

    class Meta:
        icon = "tag"
        template = "components/blocks/product_card.html"
        label = "Product card"
