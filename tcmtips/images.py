import logging

from wagtail.images.models import SourceImageIOError

from .prepared import PreparedObjects

log = logging.getLogger(__name__)


def _renditions_of(ids):
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model().objects.filter(image_id__in=ids)


# Compiled once (tcmtips.prepared): Django's prefetch machinery cost an uncached article more than the query.
_renditions = PreparedObjects(_renditions_of)


def prefetch_renditions(images):
    """Load the renditions of every image on a page in one query, so image tags add none: handed to each
    image as ``prefetched_renditions``, which Wagtail's image tags look in before the cache or database."""
    # Every instance, not one per image: cards that share a picture hold copies of it, and a copy left out
    # would ask for its renditions on its own. Copies already given theirs are skipped.
    images = [
        image
        for image in images
        if image is not None
        and getattr(image, "prefetched_renditions", None) is None
        and "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if not images:
        return
    first = {}
    for image in images:
        first.setdefault(image.pk, image)
    by_image = _renditions.grouped(sorted(first), "image_id")
    for pk, renditions in by_image.items():
        for rendition in renditions:
            rendition.image = first[pk]  # as Django's prefetch does: no query to reach the image back
    for image in images:
        image.prefetched_renditions = list(by_image[image.pk])  # its own list: Wagtail adds new ones to it


def rendition_url(image, spec):
    """The URL of a rendition, or '' when the original file is missing from storage: a lost upload
    costs the page its picture (as Wagtail's own image tags do), never the page itself."""
    if image is None:
        return ""
    try:
        return image.get_rendition(spec).url
    except SourceImageIOError:
        log.warning("original file of image %s is missing; no %s rendition", image.pk, spec)
        return ""
