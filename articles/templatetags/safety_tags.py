"""The reader's safety filter: the cautions as data on the page (the choice itself stays in the browser)."""

from django import template

from ..models import CONDITIONS, ReaderCaution

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_cautions(context):
    """Every caution, read once a request (templates render it inside cached fragments only)."""
    request = context.get("request")
    cautions = getattr(request, "tcm_reader_cautions", None)
    if cautions is None:
        cautions = ReaderCaution.all_for_pages()
        if request is not None:
            request.tcm_reader_cautions = cautions
    return cautions


@register.simple_tag
def safety_conditions():
    return CONDITIONS


@register.filter
def point_caution_ids(point, cautions):
    """`data-cautions` for a point: the ids of the cautions that cover it, space-separated."""
    return " ".join(str(c.pk) for c in cautions or () if c.covers_point(point))


@register.filter
def step_caution_ids(text, cautions):
    return " ".join(str(c.pk) for c in cautions or () if c.covers_step(text))
