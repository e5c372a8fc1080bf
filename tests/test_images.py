"""Renditions for a page's pictures, read in one query (tcmtips.images)."""

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tcmtips.images import prefetch_renditions

TAG = "{% load wagtailimages_tags tcm_tags %}{% picture image format-{webp,jpeg} fill-{96x96,192x192} alt='' %}"


def test_copies_of_a_picture_each_get_its_renditions_from_one_query_and_show_without_another(demo):
    image = get_image_model().objects.first()
    Template(TAG).render(Context({"image": image}))  # the renditions exist
    copies = [get_image_model().objects.get(pk=image.pk) for _ in range(3)]  # cards that share a picture
    with CaptureQueriesContext(connection) as captured:
        prefetch_renditions([*copies, None])
        html = [Template(TAG).render(Context({"image": copy})) for copy in copies]
    assert len(captured) == 1
    assert html[0] == html[1] == html[2] and "<source" in html[0]
    assert all(
        copy.prefetched_renditions and copy.prefetched_renditions is not copies[0].prefetched_renditions
        for copy in copies[1:]
    )


def test_a_rendition_made_after_the_prefetch_is_kept_with_the_others(demo):
    image = get_image_model().objects.first()
    prefetch_renditions([image])
    before = len(image.prefetched_renditions)
    image.get_rendition("fill-37x37")  # not asked for before: made now
    assert len(image.prefetched_renditions) == before + 1
    with CaptureQueriesContext(connection) as captured:
        image.get_rendition("fill-37x37")
    assert len(captured) == 0
