"""Simple generated images for the demo content, so `make run` needs no downloads."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model


def _png(width, height, draw_fn):
    image = PILImage.new("RGB", (width, height), "#f3ebe0")
    draw_fn(ImageDraw.Draw(image), width, height)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer


def _hero(draw, w, h):
    for y in range(h):
        shade = int(235 - 60 * y / h)
        draw.line([(0, y), (w, y)], fill=(shade - 40, shade, shade - 20))
    draw.ellipse([w * 0.38, h * 0.12, w * 0.62, h * 0.88], fill="#e9d3c0", outline="#8c6f5a", width=6)
    for cx, cy in [(0.5, 0.55), (0.47, 0.62), (0.53, 0.62)]:
        draw.ellipse([w * cx - 14, h * cy - 14, w * cx + 14, h * cy + 14], fill="#b5462f")


def _portrait(colour):
    def draw_fn(draw, w, h):
        draw.rectangle([0, 0, w, h], fill=colour)
        draw.ellipse([w * 0.3, h * 0.18, w * 0.7, h * 0.58], fill="#f1d9c4")
        draw.ellipse([w * 0.15, h * 0.6, w * 0.85, h * 1.25], fill="#f1d9c4")

    return draw_fn


def _tool(draw, w, h):
    draw.rectangle([0, 0, w, h], fill="#fbeff1")
    draw.rounded_rectangle(
        [w * 0.22, h * 0.2, w * 0.78, h * 0.8], radius=int(w * 0.18), fill="#f2b8c6", outline="#c9798d", width=8
    )
    draw.ellipse([w * 0.38, h * 0.36, w * 0.62, h * 0.64], fill="#fbeff1")


DEMO_IMAGES = {
    "hero": ("Lower back acupressure illustration", 1600, 900, _hero),
    "reviewer": ("Portrait of Ms. Mai Sogawa (illustration)", 600, 600, _portrait("#0f6b5c")),
    "author": ("Portrait of P. Sze (illustration)", 600, 600, _portrait("#5b4a7a")),
    "product": ("Facial Gua Sha Tool For Beginner", 800, 800, _tool),
}


def demo_image(key):
    Image = get_image_model()
    title, width, height, draw_fn = DEMO_IMAGES[key]
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title)
    image.file = ImageFile(_png(width, height, draw_fn), name=f"demo-{key}.png")
    image.save()
    return image
