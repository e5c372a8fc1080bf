"""The header and footer links editors set in Site settings, resolved to labels and URLs once and kept in the
cache, so serving a page costs no query for them. Any change that could alter a link (the settings, a page
published, unpublished, moved or deleted, the site itself) drops the cached menus."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "tcmtips:menus-version"


def _key(settings_pk):
    return f"tcmtips:menus:{cache.get_or_set(VERSION_KEY, 1, None)}:{settings_pk}"


def resolve(site_settings):
    """{"header": [...], "footer": [...]}, each a list of {"url", "label"} for live pages, in the editors' order."""
    menus = cache.get(_key(site_settings.pk)) if site_settings.pk else None
    if menus is None:
        menus = {"header": [], "footer": []}
        for block in site_settings.menu_links:
            page, label, show_in = block.value["page"], block.value["label"], block.value["show_in"]
            if page is None or not page.live:
                continue
            url = page.get_url()  # relative on a single site, from Wagtail's cached site roots
            if url is None:
                continue
            for where in ("header", "footer"):
                if show_in in (where, "both"):
                    menus[where].append({"url": url, "label": label or page.title})
        if site_settings.pk:
            cache.set(_key(site_settings.pk), menus, None)
    return menus


def forget_menus(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version stored yet (or the cache was emptied): start one
        cache.set(VERSION_KEY, 2, None)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def on_page_change(sender, **kwargs):
    forget_menus()


@receiver(post_save)
def on_settings_saved(sender, **kwargs):
    if sender._meta.label_lower in ("tcmtips.sitesettings", "wagtailcore.site"):
        forget_menus()


@receiver(post_delete)
def on_page_deleted(sender, **kwargs):
    if issubclass(sender, Page):
        forget_menus()
