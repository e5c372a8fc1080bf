"""The header and footer links editors set in Site settings, resolved to labels and URLs once and kept in the
cache, so serving a page costs no query for them. Any change that could alter a link (the settings, a page
published, unpublished, moved or deleted, the site itself) moves the settings' ``menus_version``, which
the cached menus (and the cached header and footer, see tcmtips.fragments) are kept under."""

from django.apps import apps
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .prepared import PreparedObjects
from .requestlocal import current_request


def _key(site_settings):
    return f"tcmtips:menus:{site_settings.pk}:{site_settings.menus_version}"


# The pages the links point to, in one query compiled once (tcmtips.prepared): with no cache to keep the
# menus in, every request resolves them.
linked_pages = PreparedObjects(lambda pks: Page.objects.filter(pk__in=pks).order_by())


def resolve(site_settings):
    """{"header": [...], "footer": [...]}, each a list of {"url", "label"} for live pages, in the editors' order."""
    menus = cache.get(_key(site_settings)) if site_settings.pk else None
    if menus is None:
        menus = {"header": [], "footer": []}
        # As stored: the links' labels and places need no conversion, and their pages are read together.
        links = [item["value"] for item in site_settings.menu_links.raw_data if item["type"] == "link"]
        ids = {link.get("page") for link in links}
        pages = {page.pk: page for page in linked_pages(sorted(pk for pk in ids if type(pk) is int))}
        for link in links:
            page, label, show_in = pages.get(link.get("page")), link.get("label"), link.get("show_in") or "both"
            if page is None or not page.live:
                continue
            url = page.get_url(current_request.get())  # relative on a single site
            if url is None:
                continue
            for where in ("header", "footer"):
                if show_in in (where, "both"):
                    menus[where].append({"url": url, "label": label or page.title})
        if site_settings.pk:
            cache.set(_key(site_settings), menus, None)
    return menus


def forget_menus(**kwargs):
    # update(), not save(): no signals, and an editor's copy of the settings form is not overwritten.
    apps.get_model("tcmtips", "SiteSettings").objects.update(menus_version=F("menus_version") + 1)
    from .routing import forget_sites  # the cached sites carry their settings, menus_version included

    forget_sites()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def on_page_change(sender, **kwargs):
    forget_menus()


@receiver(post_save)
def on_settings_saved(sender, **kwargs):
    # The site itself (not a migration's stand-in for it); the settings move their own version as they save.
    if sender is Site:
        forget_menus()


@receiver(post_delete)
def on_page_deleted(sender, **kwargs):
    if issubclass(sender, Page):
        forget_menus()
