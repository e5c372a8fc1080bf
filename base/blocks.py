"""Blocks any page type can use."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


def _is_empty(value):
    value = getattr(value, "source", value)  # rich text
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


class ExplainedStructBlock(blocks.StructBlock):
    """A struct block that names what is missing in the editor's words (``Meta.missing``: child name →
    message) instead of Wagtail's generic "This field is required"."""

    class Meta:
        missing = {}

    def clean(self, value):
        try:
            return super().clean(value)
        except blocks.StructBlockValidationError as error:
            errors = dict(error.block_errors)
            for name, message in self.meta.missing.items():
                if name in errors and _is_empty(value.get(name)):
                    errors[name] = ValidationError(message)
            raise blocks.StructBlockValidationError(errors, non_block_errors=error.non_block_errors) from error


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"
        description = "A quotation set apart from the text, with who said it."
        preview_value = {
            "quote": "Press until you feel a dull ache, never a sharp pain.",
            "attribution": "A practitioner's rule of thumb",
        }


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "components/blocks/figure.html"
        description = "A picture across the column, with alt text for readers who cannot see it and a caption."


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class MenuLinkBlock(blocks.StructBlock):
    """One link in the site's header or footer, to a page chosen in the admin (so it follows renames)."""

    page = blocks.PageChooserBlock()
    label = blocks.CharBlock(required=False, max_length=40, help_text="Leave empty to use the page's title.")
    show_in = blocks.ChoiceBlock(
        choices=[("both", "Header and footer"), ("header", "Header only"), ("footer", "Footer only")],
        default="both",
    )

    class Meta:
        icon = "link"
        label = "Menu link"
