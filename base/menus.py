"""The header and footer links editors set in Site settings, resolved to labels and URLs once and kept in the
cache under the ``EVERYTHING`` token, so serving a page costs no query for them. The links are pages chosen
in a StreamField, which Wagtail's reference index records: a page in the menus that is published, moved,
made private or deleted purges the settings, and the settings purge everything (``caching.purge``)."""

from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Q
from wagtail.models import Page

from caching import tokens

from .public import public


def resolve(site_settings):
    """{"header": [...], "footer": [...]}, each a list of {"url", "label"} for live, public pages, in the
    editors' order."""
    key = f"menus:{site_settings.pk}:{tokens.token(tokens.EVERYTHING)}"
    menus = cache.get(key) if site_settings.pk else None
    if menus is None:
        menus = {"header": [], "footer": [], "policy": None}
        # As stored: the links' labels and places need no conversion, and their pages are read together.
        links = [item["value"] for item in site_settings.menu_links.raw_data if item["type"] == "link"]
        ids = [link.get("page") for link in links if isinstance(link.get("page"), int)]
        # The editorial policy page (linked from every footer) comes with them, in the same query.
        is_policy = Q(content_type__app_label="base", content_type__model="editorialpolicypage")
        found = public(
            Page.objects.live()
            .filter(Q(pk__in=ids) | is_policy)
            .annotate(is_policy=ExpressionWrapper(is_policy, output_field=BooleanField()))
        )
        found = list(found)
        pages = {page.pk: page for page in found}
        menus["policy"] = next((page.get_url() for page in found if page.is_policy), None)
        for link in links:
            page, label, show_in = pages.get(link.get("page")), link.get("label"), link.get("show_in") or "both"
            if page is None:
                continue
            url = page.get_url()  # relative on a single site
            if url is None:
                continue
            for where in ("header", "footer"):
                if show_in in (where, "both"):
                    menus[where].append({"url": url, "label": label or page.title})
        if site_settings.pk:
            cache.set(key, menus, 24 * 3600)
    return menus

