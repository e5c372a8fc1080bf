"""Take the screenshots of the reader's site in docs/img/site/ (`make site-screenshots`).

Serves a throwaway copy of the demo site (see demo/browser_site.py) and photographs, at a phone's width
(390 px) and a desktop's (1280 px): the home page, the article, a point on each body figure (front, back, side,
head) and the product. Point pages are photographed with their figure in the middle of the window. The PNGs
are reduced to a 256-colour palette so they stay small in the repository."""

import sys
import tempfile
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from demo.browser_site import CHROMIUM, CHROMIUM_ARGS, served_demo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img" / "site"
WIDTHS = {390: 844, 1280: 800}  # width: height of the window

SETUP = """
from articles.models import ArticlePage
from products.models import Product
print(ArticlePage.objects.live().get().url)
print(Product.objects.get().get_absolute_url())
"""
POINTS = {"front": "/points/st-36/", "back": "/points/bl-40/", "side": "/points/gb-34/", "head": "/points/gv-20/"}


def pages(article_url, product_url):
    yield "home", "/", None
    yield "article", article_url, None
    for view, url in POINTS.items():
        yield f"point-{view}", url, ".point-layout .point-figure"
    yield "product", product_url, None


def save(path):
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256).save(path, optimize=True)


def shoot(base, article_url, product_url):
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=1, is_mobile=width < 600
            )
            page = context.new_page()
            for name, url, focus in pages(article_url, product_url):
                page.goto(base + url, wait_until="networkidle")
                if focus:  # the whole figure in the middle of the window
                    page.locator(focus).evaluate("el => el.scrollIntoView({block: 'center'})")
                path = OUT / f"{name}-{width}.png"
                page.screenshot(path=str(path))
                save(path)
                print(path.relative_to(ROOT))
            context.close()
        browser.close()


def main():
    with tempfile.TemporaryDirectory() as folder, served_demo(folder, "site-screenshots", SETUP) as (base, printed):
        article_url, product_url = [line for line in printed.split() if line.startswith("/")][:2]
        shoot(base, article_url, product_url)


if __name__ == "__main__":
    main()
