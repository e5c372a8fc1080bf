"""When to purge: Wagtail's page signals, privacy changes, and the saves of any object that declares what it
affects (``caching.purge``). No table of models: the changed object says what shows it."""

import weakref

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .purge import Purge, declares, purge, purge_everything, referenced_objects

# What a page's live content showed before a publish rewrote it (its points, its people, its products):
# they list it, and must let it go even if the new version no longer shows them.
shown_before = weakref.WeakKeyDictionary()


@receiver(pre_save)
def remember_what_a_page_showed(sender, instance, update_fields=None, **kwargs):
    # A draft save writes only a few revision fields: nothing readers see.
    if issubclass(sender, Page) and instance.pk and update_fields is None:
        shown_before[instance] = referenced_objects(instance)


@receiver(page_published)
@receiver(page_unpublished)
def on_page_published(sender, instance, **kwargs):
    purge(instance, also=shown_before.pop(instance, ()))


def purge_subtree(page, url_path_before=None, also=()):
    """A page moved, renamed or made private or public: it and every page below it, at the old and the new
    address, with what shows each of them (and ``also``: the parent it moved away from)."""
    batch = Purge()
    for other in also:
        batch.add(other, dependents=False)
    subtree = [page, *page.get_descendants().specific()]
    for each in subtree:
        before = ()
        if url_path_before is not None:
            old = url_path_before + each.url_path[len(page.url_path) :]
            before = _site_paths(old)
        batch.add(each, paths_before=before)
    batch.apply()


def _site_paths(url_path):
    """The site-relative paths of a Wagtail url_path on each site whose home page is above it."""
    roots = Site.get_site_root_paths()
    return ["/" + url_path[len(root.root_path) :] for root in roots if url_path.startswith(root.root_path)]


@receiver(post_page_move)
def on_page_moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        purge_subtree(instance.specific, url_path_before, also=[parent_page_before.specific])


@receiver(page_slug_changed)
def on_slug_changed(sender, instance, instance_before, **kwargs):
    purge_subtree(instance, instance_before.url_path)


@receiver(pre_delete, sender=Page)
def on_page_deleted(sender, instance, **kwargs):
    # Sent for the base row of every page deleted (a deleted page's descendants included).
    purge(instance.specific)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_changed(sender, instance, **kwargs):
    purge_subtree(instance.page.specific)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def on_site_changed(sender, **kwargs):
    purge_everything()


@receiver(post_save)
@receiver(post_delete)
def on_save(sender, instance, raw=False, **kwargs):
    """Any other object that declares what it affects; images and documents, by what refers to them."""
    if raw or isinstance(instance, Page):
        return
    if declares(instance) or sender in (get_image_model(), get_document_model()):
        purge(instance)
