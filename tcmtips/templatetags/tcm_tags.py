import re

from django import template
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images.templatetags import wagtailimages_tags

from tcmtips import fragments, seo

register = template.Library()


@register.inclusion_tag("components/meta.html", takes_context=True)
def page_meta(context, page):
    request = context["request"]
    image = getattr(page, "share_image", None)
    canonical = page.get_full_url(request) if hasattr(page, "get_full_url") else request.build_absolute_uri()
    # A routable page's sub-route (the shop's category pages) is its own canonical URL.
    canonical = context.get("canonical_url") or canonical
    return {
        "page": page,
        "og_type": getattr(page, "og_type", "website"),
        "canonical": canonical,
        "description": getattr(page, "meta_description", ""),
        # Same site root as the canonical URL, so the card image and the page agree.
        "image_url": seo.image_url(image, page, request) if image else "",
        "site_name": _site_name(context),
    }


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The page's JSON-LD as a data block (``type="application/ld+json"`` is not executed, so the CSP's
    ``script-src 'self'`` allows it)."""
    request = context["request"]
    site_name = _site_name(context)
    build = getattr(page, "structured_data", None)
    data = build(request, site_name) if build else seo.page_graph(page, request, site_name)
    return format_html('<script type="application/ld+json">{}</script>', seo.dumps(data))


def _site_name(context):
    return context["settings"]["tcmtips"]["SiteSettings"].site_name if "settings" in context else "TCM Tips"


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


class FragmentNode(template.Node):
    def __init__(self, name, things, nodelist):
        self.name, self.things, self.nodelist = name, things, nodelist

    def render(self, context):
        request = context.get("request")
        if not fragments.usable(request):  # no cache to keep it in (or a preview): no key to work out
            return self.nodelist.render(context)
        key = fragments.fragment_key(self.name.resolve(context), *(thing.resolve(context) for thing in self.things))
        html = fragments.get(request, key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.store(request, key, html)
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """``{% fragment "product-card" product %}…{% endfragment %}``: the enclosed HTML, rendered once per
    version of the things named (see ``tcmtips.fragments``)."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("{% fragment %} takes a name and at least one thing it shows")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


class PictureNode(wagtailimages_tags.PictureNode):
    """Wagtail's ``{% picture %}``, its filters parsed once per template instead of on every render.

    Wagtail builds new ``Filter`` objects each time the tag renders, and parsing their specs (each spec's
    operations, matched to their arguments by ``inspect``) cost an uncached article 68 signature bindings,
    about a tenth of its render. A template is compiled once per process (the cached loader), and a
    ``Filter`` keeps nothing of the image it is used on, so the node can keep them."""

    @cached_property
    def _filters(self):
        return super().get_filters()

    def get_filters(self):
        return self._filters


@register.tag
def picture(parser, token):
    """``{% picture image format-{avif,webp,jpeg} fill-240x240 alt="" %}``: Wagtail's tag and syntax
    (load this library after ``wagtailimages_tags``)."""
    node = wagtailimages_tags.image(parser, token)
    return PictureNode(node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs)
