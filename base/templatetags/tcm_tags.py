import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


CITATION_MARKER = re.compile(r"\[(\d{1,3})\]")


@register.filter
def cite_links(html, count):
    """Turn the in-text markers [1], [2] … into links to the numbered references (#ref-1 …).
    Only numbers that have a reference are linked; anything else is left as typed."""
    try:
        count = int(count)
    except (TypeError, ValueError):
        return html
    if count < 1:
        return html

    def link(match):
        number = int(match.group(1))
        if not 1 <= number <= count:
            return match.group(0)
        return f'<a class="cite" href="#ref-{number}" aria-label="Reference {number}">[{number}]</a>'

    return mark_safe(CITATION_MARKER.sub(link, str(html)))


@register.simple_tag
def stars(rating):
    """Five stars, filled to the rating, with the number for screen readers."""
    rating = round(float(rating or 0))
    return format_html(
        '<span class="stars" aria-hidden="true">{}{}</span><span class="visually-hidden">{} out of 5</span>',
        "★" * rating,
        "☆" * (5 - rating),
        rating,
    )
