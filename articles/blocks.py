import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.functional import cached_property
from wagtail import blocks

from authors.isbn import validate_isbn13
from base.blocks import RICH_TEXT_FEATURES, ExplainedStructBlock, FigureBlock, QuoteBlock
from products.blocks import ProductCardBlock

from .chooser import AcupointChooserBlock


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

    @cached_property
    def sides(self):
        """The two sides a guided routine runs the timer for, from “on each hand” or “each side”:
        ["left hand", "right hand"]; empty when the step is done once."""
        match = re.search(r"\beach\s+([a-z]+)", (self.get("per") or "").lower())
        if not match:
            return []
        return [f"left {match.group(1)}", f"right {match.group(1)}"]


class StepBlock(ExplainedStructBlock):
    text = blocks.TextBlock(help_text="What the reader does, e.g. “Press firmly with your thumb and breathe slowly”.")
    minutes_min = blocks.DecimalBlock(
        required=False,
        label="Minutes",
        min_value=0.25,
        max_value=60,
        decimal_places=2,
        help_text="How long to press, in minutes (leave empty if the step is not timed).",
    )
    minutes_max = blocks.DecimalBlock(
        required=False,
        label="Up to (minutes)",
        min_value=0.25,
        max_value=60,
        decimal_places=2,
        help_text="Upper end of a range, e.g. 2 for “1–2 min”.",
    )
    per = blocks.CharBlock(
        required=False, max_length=40, label="Where or how often", help_text="For example “on each hand”."
    )

    class Meta:
        icon = "list-ol"
        value_class = StepValue
        label = "Step"
        missing = {"text": "Write what the reader does in this step, or delete the step."}

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


def preview_point_section():
    """A real point from the library, so the preview looks like the article will."""
    AcupointPage = apps.get_model("articles", "AcupointPage")  # noqa: N806 (blocks load before the models)
    point = AcupointPage.objects.filter(code="BL40").first() or AcupointPage.objects.first()
    return {
        "point": point,
        "heading": "The Commanding Point of the Lower Back",
        "why": "<p>In the crease behind the knee. Pressing it eases a tight, aching lower back.</p>",
        "steps": [
            {"text": "Sit down and find the middle of the crease behind your knee.", "minutes_min": None},
            {"text": "Press with both thumbs and breathe slowly.", "minutes_min": 1, "minutes_max": 2},
        ],
        "after_note": "The back of the leg may feel warm afterwards.",
    }


class PointSectionBlock(ExplainedStructBlock):
    point = AcupointChooserBlock(help_text="Search by code or any name: BL40, UB-40, Weizhong, Middle of the Crook.")
    heading = blocks.CharBlock(help_text="The article's own heading, e.g. “The Commanding Point of the Lower Back”.")
    why = blocks.RichTextBlock(features=["bold", "italic", "link"], help_text="Where it is and why it helps.")
    steps = blocks.ListBlock(StepBlock(), min_num=1, label="How to stimulate it")
    after_note = blocks.TextBlock(required=False, help_text="What the reader may notice afterwards.")

    class Meta:
        icon = "pick"
        template = "components/blocks/point_section.html"
        label = "Point section"
        description = (
            "One acupoint from the library with your own heading, why it helps and numbered steps, each with how "
            "many minutes to press. The point's names, location and any pregnancy caution are added for you."
        )
        missing = {
            "point": "Choose the point this section is about.",
            "heading": "Give the section a heading, e.g. “The Commanding Point of the Lower Back”.",
            "why": "Say in a sentence or two where the point is and why it helps.",
            "steps": "Add at least one step telling the reader how to press the point.",
        }

    def get_preview_value(self):
        return self.normalize(preview_point_section())


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
        description = "A short list of practical tips, each with a bold title and a sentence or two."
        preview_value = {
            "heading": "Tips",
            "tips": [
                {"title": "Breathe", "text": "Breathe slowly while you press; hold for the count, not the pain."},
                {"title": "Warm up", "text": "A warm shower first makes tight muscles easier to work on."},
            ],
            "closing": "Stop if a point hurts sharply.",
        }


DOI = RegexValidator(r"^10\.\d{4,9}/\S+$", "A DOI looks like 10.1136/bmj.38744.672616.AE (without https://doi.org/).")
PMID = RegexValidator(r"^\d{1,9}$", "A PubMed ID is digits only, e.g. 16488895.")


class ReferenceValue(blocks.StructValue):
    @cached_property
    def link(self):
        """Where a reader checks the source: its own URL, else the DOI, PubMed or the ISBN."""
        if self.get("url"):
            return self["url"]
        if self.get("doi"):
            return f"https://doi.org/{self['doi']}"
        if self.get("pmid"):
            return f"https://pubmed.ncbi.nlm.nih.gov/{self['pmid']}/"
        if self.get("isbn"):
            return f"https://isbnsearch.org/isbn/{self['isbn']}"
        return ""


class ReferenceBlock(blocks.StructBlock):
    authors = blocks.CharBlock(help_text="As cited, e.g. “Hsieh LL, Kuo CH, Lee LH, et al.” or an organisation.")
    title = blocks.CharBlock()
    source = blocks.CharBlock(label="Journal or publisher", help_text="e.g. “BMJ” or “World Health Organization”.")
    year = blocks.IntegerBlock(min_value=1800, max_value=2100)
    details = blocks.CharBlock(required=False, help_text="Volume, issue and pages, e.g. “332(7543):696–700”.")
    url = blocks.URLBlock(required=False, label="URL")
    doi = blocks.CharBlock(required=False, label="DOI", validators=[DOI])
    pmid = blocks.CharBlock(required=False, label="PMID", validators=[PMID])
    isbn = blocks.CharBlock(required=False, label="ISBN-13", validators=[validate_isbn13])

    class Meta:
        icon = "doc-full"
        value_class = ReferenceValue


class ReferencesBlock(blocks.StructBlock):
    """Numbered sources. In the text, write [1], [2] … and they link to the matching entry."""

    heading = blocks.CharBlock(default="References")
    references = blocks.ListBlock(ReferenceBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "components/blocks/references.html"
        help_text = "Cite them in the text as [1], [2] … in the order listed here."
        description = "The numbered sources the article cites as [1], [2] …, with a link readers can check."
        preview_value = {
            "heading": "References",
            "references": [
                {
                    "authors": "Hsieh LL, Kuo CH, Lee LH, et al.",
                    "title": (
                        "Treatment of low back pain by acupressure and physical therapy: randomised controlled trial"
                    ),
                    "source": "BMJ",
                    "year": 2006,
                    "details": "332(7543):696–700",
                    "doi": "10.1136/bmj.38744.672616.AE",
                }
            ],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        template="components/blocks/rich_text.html",
        label="Text",
        description="Paragraphs, subheadings, lists and links: the running text between the other blocks.",
        preview_value="<h2>Why these points help</h2><p>Acupressure uses steady finger pressure on chosen points.</p>",
    )
    point_section = PointSectionBlock()
    tips = TipsBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    product_card = ProductCardBlock()
    references = ReferencesBlock()
