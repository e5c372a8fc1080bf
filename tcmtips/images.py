import logging

from django.db.models import prefetch_related_objects
from wagtail.images.models import SourceImageIOError

log = logging.getLogger(__name__)


def prefetch_renditions(images):
    """Load the renditions of every image on a page in one query, so image tags add none."""
    # Every instance, not one per image: cards that share a picture hold copies of it, and a copy left out
    # would ask for its renditions on its own. (Django skips the ones already fetched.)
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


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
