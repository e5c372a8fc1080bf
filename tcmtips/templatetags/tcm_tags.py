from django import template
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("components/meta.html", takes_context=True)
def page_meta(context, page):
    request = context["request"]
    image = getattr(page, "share_image", None)
    rendition = image.get_rendition("fill-1200x630|format-jpeg") if image else None
    canonical = page.get_full_url(request) if hasattr(page, "get_full_url") else request.build_absolute_uri()
    return {
        "page": page,
        "og_type": getattr(page, "og_type", "website"),
        "canonical": canonical,
        "description": getattr(page, "meta_description", ""),
        "image_url": request.build_absolute_uri(rendition.url) if rendition else "",
        "site_name": context["settings"]["tcmtips"]["SiteSettings"].site_name if "settings" in context else "TCM Tips",
    }


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
