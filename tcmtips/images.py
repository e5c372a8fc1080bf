from django.db.models import prefetch_related_objects


def prefetch_renditions(images):
    """Load the renditions of every image on a page in one query, so image tags add none."""
    unique = list({image.pk: image for image in images if image is not None}.values())
    if unique:
        prefetch_related_objects(unique, "renditions")
