from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from wagtail.models import Site

from seo import jsonld

register = template.Library()


@register.inclusion_tag("components/meta.html", takes_context=True)
def page_meta(context, page):
    """The description, canonical address and social card of a page. Every address is made from the site's
    own root URL, never from the request's Host header, so cached copies are the same for every reader."""
    request = context["request"]
    image = getattr(page, "share_image", None)
    # A routable page's sub-route (the shop's category pages) is its own canonical URL.
    canonical = context.get("canonical_url") or page.get_full_url(request)
    return {
        "page": page,
        "og_type": getattr(page, "og_type", "website"),
        "canonical": canonical,
        "description": getattr(page, "meta_description", ""),
        # Same site root as the canonical URL, so the card image and the page agree.
        "image_url": jsonld.image_url(image, page, request) if image else "",
        "site_name": site_name(context),
    }


@register.simple_tag(takes_context=True)
def site_url(context, path, **query):
    """``path`` on the site's own root URL (not the request's Host header), for pages that are not Wagtail
    pages, such as search: ``{% site_url "/search/" q="neck" %}`` → "https://tcmtips.example/search/?q=neck".
    Empty query values are left out."""
    site = Site.find_for_request(context["request"]) or Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else ""
    given = {key: value for key, value in query.items() if value}
    return root.rstrip("/") + path + (f"?{urlencode(given)}" if given else "")


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's JSON-LD as a data block (``type="application/ld+json"`` is not executed, so the CSP's
    ``script-src 'self'`` allows it)."""
    request = context["request"]
    build = getattr(page, "structured_data", None)
    data = build(request, site_name(context)) if build else jsonld.page_graph(page, request, site_name(context))
    return format_html('<script type="application/ld+json">{}</script>', jsonld.dumps(data))


def site_name(context):
    return context["settings"]["base"]["SiteSettings"].site_name if "settings" in context else "TCM Tips"
