"""The header and footer links editors set in Site settings, resolved to labels and URLs once and kept in the
cache under the ``EVERYTHING`` token, so serving a page costs no query for them. The links are pages chosen
in a StreamField, which Wagtail's reference index records: a page in the menus that is published, moved,
made private or deleted purges the settings, and the settings purge everything (``caching.purge``)."""

from django.core.cache import cache
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
        pages = {page.pk: page for page in public(Page.objects.live().filter(pk__in=ids))}
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
        menus["policy"] = editorial_policy_url()
        if site_settings.pk:
            cache.set(key, menus, 24 * 3600)
    return menus


def editorial_policy_url():
    """Where the editorial policy is (the footer and the review badges link to it), or None."""
    from .models import EditorialPolicyPage  # the models import this module

    page = public(EditorialPolicyPage.objects.live()).first()
    return page.get_url() if page else None
