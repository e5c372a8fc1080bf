from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks

from products.blocks import ProductCardBlock
from tcmtips.blocks import RICH_TEXT_FEATURES, FigureBlock, QuoteBlock


def _minutes(value):
    return f"{value:g}"


class StepValue(blocks.StructValue):
    @cached_property
    def duration_label(self):
        low, high, per = self.get("minutes_min"), self.get("minutes_max"), self.get("per")
        if not low:
            return ""
        if high and high != low:
            label = f"{_minutes(low)}–{_minutes(high)} min"
        else:
            label = f"about {_minutes(low)} min"
        return f"{label} {per}" if per else label

    @cached_property
    def seconds(self):
        """The timer runs the longer end of the range."""
        minutes = self.get("minutes_max") or self.get("minutes_min")
        return int(minutes * 60) if minutes else 0


class StepBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    minutes_min = blocks.DecimalBlock(
        required=False,
        min_value=0.25,
        max_value=60,
        decimal_places=2,
        help_text="How long to press, in minutes (leave empty if the step is not timed).",
    )
    minutes_max = blocks.DecimalBlock(
        required=False,
        min_value=0.25,
        max_value=60,
        decimal_places=2,
        help_text="Upper end of a range, e.g. 2 for “1–2 min”.",
    )
    per = blocks.CharBlock(required=False, max_length=40, help_text="For example “on each hand”.")

    class Meta:
        icon = "list-ol"
        value_class = StepValue

    def clean(self, value):
        value = super().clean(value)
        low, high = value.get("minutes_min"), value.get("minutes_max")
        if high and not low:
            raise blocks.StructBlockValidationError({"minutes_min": ValidationError("Give the lower end too.")})
        if low and high and high < low:
            raise blocks.StructBlockValidationError(
                {"minutes_max": ValidationError("The upper end must not be below the lower end.")}
            )
        return value


class PointSectionBlock(blocks.StructBlock):
    point = blocks.PageChooserBlock(page_type="articles.AcupointPage")
    heading = blocks.CharBlock(help_text="The article's own heading, e.g. “The Commanding Point of the Lower Back”.")
    why = blocks.RichTextBlock(features=["bold", "italic", "link"], help_text="Where it is and why it helps.")
    steps = blocks.ListBlock(StepBlock(), min_num=1, label="How to stimulate it")
    after_note = blocks.TextBlock(required=False, help_text="What the reader may notice afterwards.")

    class Meta:
        icon = "pick"
        template = "components/blocks/point_section.html"
        label = "Point section"


class TipBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    text = blocks.TextBlock()


class TipsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Tips")
    tips = blocks.ListBlock(TipBlock(), min_num=1)
    closing = blocks.TextBlock(required=False)

    class Meta:
        icon = "tick"
        template = "components/blocks/tips.html"


class ArticleBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="components/blocks/rich_text.html")
    point_section = PointSectionBlock()
    tips = TipsBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    product_card = ProductCardBlock()
