"""Take the screenshots in docs/editors.md from the running admin (`make docs-screenshots`).

Builds a throwaway SQLite site with the demo content and a few things for editors to act on (an article
waiting for review, a reader review to moderate, a broken retailer link, some clicks), serves it with
`manage.py runserver` on a free loopback port, and drives Debian's Chromium through Playwright, logged in as
an editor who is a member of the Editors group (not a superuser) and as a medical reviewer. The PNGs are
reduced to a 128-colour palette so they stay small in the repository. The point names' characters need a CJK
font in the browser's machine (Debian: `apt-get install fonts-wqy-zenhei`)."""

import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from demo.browser_site import CHROMIUM, CHROMIUM_ARGS, served_demo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
WIDTH, HEIGHT = 1200, 760

SETUP = """
import datetime
from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.models import Site
from articles.models import ArticleIndexPage, ArticlePage, AcupointPage
from authors.models import AuthorPage
from products.models import Offer, OutboundClick, Product, ProductReview
from base.models import SiteSettings

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

# An editor as the team has them: a member of the Editors group, not a superuser.
editor = User.objects.create_user(
    "docs.editor", "docs@example.com", PASSWORD, first_name="Dana", last_name="Editor"
)
editor.groups.add(Group.objects.get(name="Editors"))
# What the guide's tasks need (complaints and topics, the shop, reader reviews, the click report, the site
# settings), given to the user as well in case this install's Editors group does not hold all of it.
editor.user_permissions.add(
    *Permission.objects.filter(
        Q(content_type__app_label="products")
        | Q(content_type__app_label="articles", content_type__model="complaint")
        | Q(codename__in=["change_sitesettings", "view_sitesettings"])
    )
)
reviewer = User.objects.get(username="mai.sogawa")
reviewer.set_password(PASSWORD)
reviewer.is_staff = True
reviewer.save()

# An article sent to the medical review.
index = ArticleIndexPage.objects.get()
demo = ArticlePage.objects.get(slug="lower-back-pain-acupressure-points")
point = AcupointPage.objects.get(code="GB20")


def neck_article(title, slug):
    return ArticlePage(
        title=title,
        slug=slug,
        intro="<p>Four points that ease a stiff, tense neck in ten minutes.</p>",
        author=AuthorPage.objects.get(slug="p-sze"),
        body=[
            ("point_section", {
                "point": point, "heading": "The Wind Pool at the Base of the Skull",
                "why": "<p>In the hollows under the skull, either side of the neck muscles.</p>",
                "steps": [
                    {"text": "Press upwards into both hollows with your thumbs.", "minutes_min": 1, "minutes_max": 2}
                ],
            }),
            ("product_card", {"heading": "A tool for the tight spots", "product": Product.objects.get()}),
        ],
        live=False,
    )


article = neck_article("Four acupressure points for neck tension", "neck-tension-acupressure-points")
index.add_child(instance=article)
revision = article.save_revision(user=editor)
article.get_workflow().start(article, editor)

# The same kind of article still being written (one in the review is locked to all but its reviewers).
writing = neck_article("Easing a stiff neck at the desk", "stiff-neck-at-the-desk")
index.add_child(instance=writing)
writing.save_revision(user=editor)

# A draft with no author yet, to show what the form says when it is sent to the review.
draft = ArticlePage(
    title="Pressing Hegu for a tension headache",
    slug="hegu-tension-headache",
    intro="<p>One point in the web of the hand.</p>",
    body=[("rich_text", "<p>Press the web of the hand.</p>")],
    live=False,
)
index.add_child(instance=draft)
draft.save_revision(user=editor)

# A reader review waiting, a broken retailer link and a week of clicks.
product = Product.objects.get()
ProductReview.objects.create(
    product=product, name="Sam T.", rating=4, text="Smooth edges and a good weight in the hand."
)
offer = Offer.objects.get()
Offer.objects.filter(pk=offer.pk).update(broken=True, consecutive_failures=2, last_checked_at=timezone.now())
for days in range(7):
    for _ in range(days + 2):
        click = OutboundClick.objects.create(offer=offer, source_path=demo.url)
        OutboundClick.objects.filter(pk=click.pk).update(clicked_at=timezone.now() - datetime.timedelta(days=days))
"""


def save(page, name, locator=None, full_page=False):
    path = OUT / f"{name}.png"
    (locator or page).screenshot(path=str(path), **({"full_page": full_page} if locator is None else {}))
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=128).save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


def log_in(page, base, username, password):
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def shoot(base, password, ids):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}).new_page()
        page.set_default_timeout(20_000)
        log_in(page, base, "docs.editor", password)

        # The dashboard: what needs doing (a tall window, so every panel is in the picture).
        page.set_viewport_size({"width": WIDTH, "height": 2000})
        page.goto(base + "/admin/")
        save(page, "dashboard")
        page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

        # Writing: a point section, the point chooser and the block picker.
        page.goto(f"{base}/admin/pages/{ids['writing']}/edit/")
        field = page.locator("[data-contentpath='body'] [data-contentpath='point']").first
        field.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        save(page, "article-point-section")
        field.get_by_role("button", name="Actions").click()
        field.locator("button[data-chooser-action-choose]").first.click()
        modal = page.locator(".modal-content")
        modal.locator("input[name=q]").fill("wei zhong")
        page.wait_for_timeout(1500)
        save(page, "point-chooser", modal)
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)

        page.goto(f"{base}/admin/pages/{ids['writing']}/edit/")
        page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
        page.wait_for_timeout(800)
        row = page.locator(".w-combobox__option-row", has_text="Point section")
        row.hover()
        row.locator(".w-combobox__option-preview").click()
        page.wait_for_timeout(3000)
        save(page, "block-picker")
        page.keyboard.press("Escape")

        # Validation: sending an article with no author to the review.
        page.goto(f"{base}/admin/pages/{ids['draft']}/edit/")
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("button", name="Submit to Medical review").click()
        page.wait_for_load_state()
        page.wait_for_timeout(1000)
        page.locator("[data-contentpath='author']").first.scroll_into_view_if_needed()
        save(page, "validation-no-author")

        # Live preview in mobile size.
        page.goto(f"{base}/admin/pages/{ids['demo']}/edit/")
        page.get_by_role("button", name="Toggle preview").click()
        page.frame_locator("#w-preview-iframe").locator("h1").wait_for(timeout=60_000)  # a busy machine is slow
        page.wait_for_timeout(2000)
        save(page, "live-preview")
        page.get_by_role("button", name="Toggle preview").click()  # closed again for the pictures below
        page.wait_for_timeout(500)

        # The medical review: the reviewer approves.
        log_in(page, base, "mai.sogawa", password)
        page.goto(f"{base}/admin/pages/{ids['article']}/edit/")
        page.wait_for_timeout(800)
        page.locator("[data-w-dropdown-target='toggle']").last.click()
        page.wait_for_timeout(500)
        save(page, "review-approve")
        log_in(page, base, "docs.editor", password)

        # The point library, a product and its offers, reader reviews, the click report, the menu links.
        page.goto(f"{base}/admin/pages/{ids['point']}/edit/")
        save(page, "point-edit")
        page.goto(f"{base}/admin/snippets/products/product/edit/{ids['product']}/")
        page.locator("#panel-child-retailer_offers-section, [id*='offers']").first.scroll_into_view_if_needed()
        save(page, "product-offers")
        page.goto(f"{base}/admin/snippets/products/productreview/?status=pending")
        save(page, "reviews-moderation")
        page.goto(f"{base}/admin/reports/clicks/")
        save(page, "click-report", full_page=True)
        page.goto(f"{base}/admin/settings/base/sitesettings/{ids['site']}/")
        save(page, "menu-links")
        browser.close()


def main():
    if not os.path.exists(CHROMIUM):
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="tcmtips-docs-"))
    password = secrets.token_urlsafe(16)
    setup = f"PASSWORD = {password!r}\n" + SETUP + IDS
    extra_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
    }
    try:
        with served_demo(folder, "docs", setup=setup, extra_env=extra_env) as (base, printed):
            names = ["article", "index", "demo", "point", "product", "site", "draft", "writing"]
            ids = dict(zip(names, printed.split("IDS")[-1].split(), strict=True))
            shoot(base, password, ids)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


IDS = """
from articles.models import AcupointPage, ArticleIndexPage, ArticlePage
from products.models import Product
from wagtail.models import Site
print(
    "IDS",
    ArticlePage.objects.get(slug="neck-tension-acupressure-points").pk,
    ArticleIndexPage.objects.get().pk,
    ArticlePage.objects.get(slug="lower-back-pain-acupressure-points").pk,
    AcupointPage.objects.get(code="BL40").pk,
    Product.objects.get().pk,
    Site.objects.get(is_default_site=True).pk,
    ArticlePage.objects.get(slug="hegu-tension-headache").pk,
    ArticlePage.objects.get(slug="stiff-neck-at-the-desk").pk,
)
"""


if __name__ == "__main__":
    main()
