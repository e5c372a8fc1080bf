import logging

from django.db import models
from django.db.models import prefetch_related_objects
from wagtail.images.models import SourceImageIOError

log = logging.getLogger(__name__)


def prefetch_renditions(images):
    """The renditions of every image on a page in one query, so the image tags add none (Django's
    ``prefetch_related_objects``; Wagtail's image tags look at prefetched renditions first)."""
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


def credit_field():
    """Who made a picture, shown with it: the same field beside every picture a page or product shows."""
    return models.CharField(
        max_length=120,
        blank=True,
        help_text="Who made the picture, shown with it: “Illustration: TCM Tips”, “Photo: A. Name”.",
    )
