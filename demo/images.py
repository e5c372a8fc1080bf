"""The demo's pictures: illustrations drawn as SVG in `demo/art/`, rasterised when the demo loads (no downloads),
each with alt text (the image's description) and a credit."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from demo import art

CREDIT = "Illustration: TCM Tips"

# key: (title, alt text, drawing in demo/art/)
DEMO_IMAGES = {
    "hero": (
        "Thumbs pressing the lower back (illustration)",
        "Two hands rest on a person's lower back, the thumbs pressing either side of the spine at waist level.",
        "hero",
    ),
    "reviewer": (
        "Portrait of Ms. Mai Sogawa (illustration)",
        "Illustrated portrait of Mai Sogawa: a woman with a dark bob and a warm smile.",
        "reviewer",
    ),
    "author": (
        "Portrait of P. Sze (illustration)",
        "Illustrated portrait of P. Sze: a man with short grey hair and round glasses.",
        "author",
    ),
    "product": (
        "Facial Gua Sha Tool For Beginner",
        "A heart-shaped gua sha stone of green jade lying on a linen cloth beside a sprig of leaves.",
        "product",
    ),
}


def _png(drawing):
    buffer = io.BytesIO()
    art.rasterise(art.drawing(drawing)).save(buffer, "PNG", optimize=True)
    return buffer


def demo_image(key):
    Image = get_image_model()
    title, alt, drawing = DEMO_IMAGES[key]
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, description=alt)
    image.file = ImageFile(_png(drawing), name=f"demo-{key}.png")
    image.save()
    return image
