"""The ``{% picture %}`` tag the site's templates use (tcmtips.templatetags.tcm_tags): Wagtail's
tag and markup, with its filters parsed once per template instead of on every render."""

from pathlib import Path
from unittest import mock

from django.conf import settings
from django.template import Context, Template, engines
from wagtail.images import image_operations
from wagtail.images.templatetags.wagtailimages_tags import PictureNode as WagtailPictureNode

from products.models import Product
from tcmtips.templatetags.tcm_tags import PictureNode

TAG = '{% picture image format-{avif,webp,jpeg} fill-{96x96,192x192} sizes="96px" class="avatar" alt="" %}'


def render(libraries, image):
    return Template("{% load " + libraries + " %}" + TAG).render(Context({"image": image}))


def test_the_picture_is_the_markup_wagtails_tag_gives(demo):
    image = Product.objects.exclude(image=None).first().image
    ours = render("wagtailimages_tags tcm_tags", image)
    assert ours == render("wagtailimages_tags", image)
    assert ours.count("<source") == 2 and 'srcset="' in ours and 'class="avatar"' in ours


def test_a_picture_shown_again_parses_no_filter(demo):
    image = Product.objects.exclude(image=None).first().image
    template = Template("{% load wagtailimages_tags tcm_tags %}" + TAG)
    template.render(Context({"image": image}))
    parse = image_operations.Operation.__init__
    with mock.patch.object(image_operations.Operation, "__init__", autospec=True, side_effect=parse) as parsed:
        template.render(Context({"image": image}))
        template.render(Context({"image": None}))
    assert parsed.call_count == 0


def test_no_picture_for_no_image(demo):
    assert render("wagtailimages_tags tcm_tags", None) == ""


def nodes(nodelist):
    for node in nodelist:
        yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from nodes(getattr(node, attr, None) or [])


def test_every_template_that_shows_a_picture_uses_the_tag_that_keeps_its_filters():
    engine = engines["django"].engine
    folder = Path(settings.BASE_DIR) / "templates"
    seen = 0
    for path in folder.rglob("*.html"):
        if "{% picture" not in path.read_text():
            continue
        template = engine.get_template(str(path.relative_to(folder)))
        pictures = [node for node in nodes(template.nodelist) if isinstance(node, WagtailPictureNode)]
        assert pictures and all(type(node) is PictureNode for node in pictures), path
        seen += 1
    assert seen >= 8
