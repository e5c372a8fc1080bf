"""The demo's pictures are illustrations of their subject, each with alt text and a credit, and the rasteriser
draws what the SVG drawings say."""

import io

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model

from articles.models import ArticlePage
from authors.models import AuthorPage, ReviewerPage
from demo import art
from demo.images import CREDIT, DEMO_IMAGES
from home.models import HomePage
from products.models import Product


def test_every_demo_image_has_alt_text_that_describes_it(demo):
    images = get_image_model().objects.all()
    assert images.count() == len(DEMO_IMAGES)
    for image in images:
        assert len(image.description) > 40 and image.description != image.title, image.title
        assert image.default_alt_text == image.description


def test_every_place_a_demo_image_is_shown_credits_it(demo):
    home = HomePage.objects.get()
    article = ArticlePage.objects.get()
    product = Product.objects.get()
    assert home.hero_image and home.hero_image_credit == CREDIT
    assert article.hero_image and article.hero_image_credit == CREDIT
    assert product.image and product.image_credit == CREDIT
    for person in (*AuthorPage.objects.all(), *ReviewerPage.objects.all()):
        assert person.photo and person.photo_credit == CREDIT


@pytest.mark.parametrize("key", list(DEMO_IMAGES))
def test_no_placeholder_image_remains(demo, key):
    title = DEMO_IMAGES[key][0]
    image = get_image_model().objects.get(title=title)
    with image.open_file() as fh:
        picture = PILImage.open(io.BytesIO(fh.read())).convert("RGB")
    # A drawing of many shapes and smooth edges, not a flat square or an oval with dots.
    colours = picture.getcolors(maxcolors=1_000_000)
    assert len(colours) > 500
    most = max(colours)[0] / (picture.width * picture.height)
    assert most < 0.7
    pink = picture.resize((1, 1), PILImage.BOX).getpixel((0, 0))
    assert pink != (242, 184, 198)


def test_the_pages_show_the_pictures_with_alt_text_and_credit(client, demo):
    for url, key in (("/", "hero"), (ArticlePage.objects.get().url, "hero"), ("/authors/p-sze/", "author")):
        html = client.get(url).content.decode()
        assert f'alt="{DEMO_IMAGES[key][1]}"' in html.replace("&#x27;", "'"), url
        assert '<figcaption class="credit">Illustration: TCM Tips</figcaption>' in html, url
    product = Product.objects.get()
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'alt="{DEMO_IMAGES["product"][1]}"' in html and "Illustration: TCM Tips" in html


def test_the_rasteriser_paints_shapes_where_the_drawing_puts_them():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect x="0" y="0" width="20" height="20" fill="#ff0000"/>'
        '<g fill="#0000ff"><path d="M20,0 L40,0 L40,20 L20,20 Z"/></g></svg>'
    )
    picture = art.rasterise(svg)
    assert picture.size == (40, 20)
    assert picture.getpixel((5, 10)) == (255, 0, 0) and picture.getpixel((35, 10)) == (0, 0, 255)


def test_the_rasteriser_refuses_what_it_cannot_draw():
    with pytest.raises(ValueError, match="text"):
        art.rasterise('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><text>hi</text></svg>')
    with pytest.raises(ValueError, match="path command"):
        art.rasterise(
            '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><path d="M0,0 A1,1 0 0 1 2,2"/></svg>'
        )
