"""A large site for measuring (`manage.py load_scale`): products, reader reviews and articles by the
thousand, on top of the demo site.

Articles are written from templates around the real acupoint data (names, locations, how to find each
point) and stored the way an article from the admin is: an ArticlePage under the article index with
point sections, a product card, an author, the demo reviewer's approval, one revision, live. Every fifth
article uses BL-40, so that point's page is measured with about 2,000 articles behind it.

Products and reviews are inserted in bulk, a batch at a time. Articles go in the way any page does, through
Wagtail's public API (``add_child`` and ``save_revision``), so Wagtail itself keeps the page tree, the
revisions, the reference index and the search index; nothing is published one by one, so no page is purged
on the way and the caller purges everything once at the end. Numbering is stable (item *i* is always
written the same way), so a second run only adds what is missing."""

import random
import sys
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends

from articles.meridians import display_code
from articles.models import AcupointPage, ArticleIndexPage, ArticlePage, Complaint
from articles.review import content_fingerprint
from authors.models import AuthorIndexPage, AuthorPage, ReviewerPage
from caching.purge import purge_everything
from products.models import Offer, Product, ProductCategory, ProductFeature, ProductReview

from . import content
from .articles import article_body

BATCH = 500
HEAVY_POINT = "BL40"  # the point most articles use: its page is the one to watch at scale
HEAVY_EVERY = 5  # every fifth generated article uses it (2,000 of 10,000)
MINUTES_BETWEEN_ARTICLES = 47  # generated articles are older than the reference one, one every 47 minutes


class Progress:
    """One line on stderr, redrawn at most five times a second: label, bar, count, elapsed time."""

    def __init__(self, label, total, stream=None, width=30):
        self.label, self.total, self.done, self.width = label, total, 0, width
        self.stream = stream or sys.stderr
        self.started = self.drawn = time.monotonic()
        self.draw()

    def advance(self, n):
        self.done += n
        if time.monotonic() - self.drawn > 0.2 or self.done >= self.total:
            self.draw()

    def draw(self):
        self.drawn = time.monotonic()
        share = self.done / self.total if self.total else 1
        bar = "#" * int(self.width * share)
        self.stream.write(
            f"\r{self.label:<9} [{bar:<{self.width}}] {self.done:>6}/{self.total} {share:4.0%} "
            f"{self.drawn - self.started:5.0f}s"
        )
        self.stream.flush()

    def close(self):
        self.draw()
        self.stream.write("\n")
        self.stream.flush()


def _batches(start, stop):
    for first in range(start, stop, BATCH):
        yield range(first, min(first + BATCH, stop))


# --- Words for the generated content (our own, built around the point data) ---

AUTHOR_NAMES = [
    "Lin Ho", "Anna Keller", "Tomás Rivera", "Grace Okafor", "Hiro Tanaka", "Mei Chen", "Sam Whitfield",
    "Priya Nair", "Jonas Berg", "Ada Mensah", "Lucía Ortega", "Ken Yamada",
]  # fmt: skip
TOOL_KINDS = [
    ("Jade Roller", "facial-tools", "rolls cool and smooth over the cheeks, jaw and forehead"),
    ("Rose Quartz Gua Sha Stone", "facial-tools", "has a notched edge for the jawline and a curve for the cheeks"),
    ("Bian Stone Scraper", "body-tools", "is broad enough for the back, shoulders and thighs"),
    ("Silicone Cupping Set", "body-tools", "grips the skin gently and glides when oiled"),
    ("Acupressure Mat", "acupressure-aids", "presses hundreds of points while you lie still"),
    ("Spiky Massage Ball", "acupressure-aids", "reaches points on the soles and along the spine"),
    ("Wooden Point Probe", "acupressure-aids", "has a rounded tip that finds a point without hurting"),
    ("Horn Comb", "body-tools", "works along the scalp and the back of the neck"),
]
FINISHES = ["Classic", "Travel", "Deluxe", "Everyday", "Studio", "Gentle", "Firm", "Mini", "Large", "Twin"]
RETAILERS = [("Amazon", "Purchase on Amazon"), ("Etsy", "Buy on Etsy"), ("TCM Supply", "Order from TCM Supply")]
REVIEWER_NAMES = ["Ana", "Ben", "Chloé", "Dev", "Emi", "Farid", "Gina", "Hana", "Ivan", "Jo", "Kofi", "Lena"]
REVIEW_TEXTS = [
    "Does what it promises. I use it most evenings and it has become part of winding down.",
    "Well made and heavier than I expected, which helps. The instructions could be clearer.",
    "A good price for the quality. It took a week or two before I noticed a difference.",
    "Nice to hold and easy to clean. I bought a second one for my sister.",
    "Fine for the money, though the edge is a little sharper than I would like.",
    "I was sceptical, but my shoulders feel looser after a few minutes with it.",
]
TITLE_PATTERNS = [
    "{n} Acupressure Points for {name}, Starting With {first}",
    "Easing {name} at Home: {n} Points to Try, From {first} On",
    "A {minutes}-Minute Acupressure Routine for {name} Around {first}",
    "{name}: Where to Press and for How Long, With {first}",
]
STEP_STARTS = [
    "Sit or lie down somewhere you can relax for a few minutes.",
    "Warm your hands by rubbing them together, then breathe slowly.",
    "Get comfortable and let your shoulders drop.",
]
PRESSES = [
    ("Press firmly with your thumb and hold, breathing slowly.", 1, 2, ""),
    ("Massage the point in small circles, keeping the pressure steady.", 1, None, ""),
    ("Hold steady pressure, then let go slowly, and repeat on each side.", 1, 2, "each side"),
    ("Alternate firm presses and small circles.", 2, 3, ""),
]
AFTER_NOTES = [
    "A dull, spreading ache at the point is normal and usually fades within a minute.",
    "Many readers feel warmth or a slight tingle around the point.",
    "Stop if the pressure becomes painful; firm is enough.",
]


def article_text(i, points, complaint):
    """The i-th generated article: title, intro and the body data (``demo.articles.article_body`` format)."""
    rng = random.Random(i)
    first = points[0]
    name = complaint.name[:1].upper() + complaint.name[1:] if complaint else "Everyday Aches"
    title = TITLE_PATTERNS[i % len(TITLE_PATTERNS)].format(
        n=len(points), name=name.title(), first=first.pinyin, minutes=3 * len(points)
    )
    codes = ", ".join(display_code(p.code) for p in points)
    topic = complaint.name.lower() if complaint else "everyday aches"
    intro = (
        f"<p>This routine for {topic} uses {len(points)} points ({codes}). Each one takes a minute or two, "
        f"needs nothing but your hands, and can be done sitting down.</p>"
        f"<p>Read where each point lies first, then work through them in order.</p>"
    )
    sections = []
    for point in points:
        location = point.location.rstrip(".")
        sections.append(
            {
                "code": point.code,
                "heading": f"{point.english_name} ({display_code(point.code)})",
                "why": (
                    f"<p>{display_code(point.code)} ({point.pinyin}) lies {location[:1].lower()}{location[1:]}. "
                    f"It is a traditional choice for {topic}, and pressing it is a simple way to start.</p>"
                ),
                "steps": [
                    (rng.choice(STEP_STARTS), None, None, ""),
                    (f"Find the point: {point.how_to_find}", None, None, ""),
                    rng.choice(PRESSES),
                ],
                "after": rng.choice(AFTER_NOTES),
            }
        )
    data = {
        "sections": sections,
        "tips": {
            "heading": "Before You Start",
            "tips": [
                ("Go Gently", "Firm pressure is enough; it should never hurt."),
                ("Keep at It", "A few minutes most days does more than a long session now and then."),
            ],
            "closing": f"If {topic} is severe, sudden or comes with other symptoms, see a health professional.",
        },
        "product_heading": "A Tool That Helps",
        "product_lead": "Some readers like a tool for points that are hard to reach with a thumb.",
    }
    return title, intro, data


# --- Building ---


def build(articles=10_000, products=500, reviews=20_000, heavy_every=HEAVY_EVERY, stream=None, log=None):
    """Grow the demo site in the current database to these numbers of generated articles, products and
    reviews, then drop every cached page (no signal fired while the rows went in)."""
    ScaleBuilder(stream=stream, log=log, heavy_every=heavy_every).build(articles, products, reviews)
    purge_everything()
    if connection.vendor == "postgresql":
        # Fresh planner statistics: without them PostgreSQL plans the listings for the empty demo tables
        # (the article index took 270 ms at 10,000 articles before an ANALYZE, 81 ms after).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class ScaleBuilder:
    """Adds generated people, products, reviews and articles to the demo site already in the database."""

    def __init__(self, stream=None, log=None, heavy_every=HEAVY_EVERY):
        self.heavy_every = heavy_every
        self.stream = stream or sys.stderr
        self.log = log or (lambda message: None)

    def build(self, articles=10_000, products=500, reviews=20_000):
        started = time.monotonic()
        with transaction.atomic():
            self.authors = self.ensure_authors()
            self.products(products)
            self.reviews(reviews)
            self.articles(articles)
        self.log(f"Built in {time.monotonic() - started:.0f}s.")

    # People: a dozen authors, made the ordinary way (a dozen pages is nothing).
    def ensure_authors(self):
        demo_author = AuthorPage.objects.get(slug=content.AUTHOR["slug"])
        index = AuthorIndexPage.objects.get()
        authors = [demo_author]
        for name in AUTHOR_NAMES:
            slug = slugify(name)
            author = AuthorPage.objects.child_of(index).filter(slug=slug).first()
            if author is None:
                author = AuthorPage(
                    title=name,
                    slug=slug,
                    role="Contributing writer",
                    short_bio=f"{name} writes step-by-step acupressure guides for TCM Tips.",
                    photo_id=demo_author.photo_id,
                )
                index.add_child(instance=author)
            authors.append(author)
        return authors

    def products(self, target):
        existing = Product.objects.count() - 1  # the demo's product is not a generated one
        if existing >= target:
            return
        demo_product = Product.objects.get(slug=content.PRODUCT["slug"])
        categories = {c.slug: c for c in ProductCategory.objects.all()}
        progress = Progress("Products", target - existing, self.stream)
        for numbers in _batches(existing, target):
            batch, kinds = [], []
            for i in numbers:
                kind, category, what = TOOL_KINDS[i % len(TOOL_KINDS)]
                name = f"{FINISHES[(i // len(TOOL_KINDS)) % len(FINISHES)]} {kind} No. {i + 1}"
                kinds.append((category, what))
                batch.append(
                    Product(
                        name=name,
                        slug=f"{slugify(name)}",
                        tagline=f"A {kind.lower()} that {what}.",
                        badge="Editors' pick" if i % 25 == 0 else "",
                        image_id=demo_product.image_id,
                    )
                )
            Product.objects.bulk_create(batch)
            features, offers, shelves = [], [], []
            for product, (category, what), i in zip(batch, kinds, numbers, strict=True):
                features += [
                    ProductFeature(product=product, sort_order=0, title="Made to last", text=f"It {what}."),
                    ProductFeature(
                        product=product, sort_order=1, title="Easy to clean", text="Rinse in warm water and dry."
                    ),
                    ProductFeature(
                        product=product, sort_order=2, title="Comes with a guide", text="A card with the basics."
                    ),
                ]
                for order in range(1 + i % 2):
                    retailer, label = RETAILERS[(i + order) % len(RETAILERS)]
                    slug = f"{product.slug}-{slugify(retailer)}"
                    offers.append(
                        Offer(
                            product=product,
                            sort_order=order,
                            slug=slug,
                            retailer=retailer,
                            label=label,
                            url=f"https://shop.example/{slug}",
                        )
                    )
                if category in categories:
                    shelves.append(Product.categories.through(product=product, productcategory=categories[category]))
            ProductFeature.objects.bulk_create(features)
            Offer.objects.bulk_create(offers)
            Product.categories.through.objects.bulk_create(shelves)
            for backend in get_search_backends():
                backend.add_bulk(Product, batch)
            progress.advance(len(batch))
        progress.close()

    def reviews(self, target):
        existing = ProductReview.objects.count() - 1  # the demo's one review
        if existing >= target:
            return
        product_ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
        progress = Progress("Reviews", target - existing, self.stream)
        for numbers in _batches(existing, target):
            batch = []
            for i in numbers:
                rng = random.Random(i)
                batch.append(
                    ProductReview(
                        product_id=product_ids[i % len(product_ids)],
                        name=f"{rng.choice(REVIEWER_NAMES)} {chr(65 + i % 26)}.",
                        rating=rng.choices([5, 4, 3, 2, 1], weights=[50, 30, 10, 6, 4])[0],
                        text=rng.choice(REVIEW_TEXTS),
                        approved=True,
                        helpful_count=rng.randrange(0, 12),
                    )
                )
            ProductReview.objects.bulk_create(batch)
            progress.advance(len(batch))
        progress.close()

    def articles(self, target):
        index = ArticleIndexPage.objects.get()
        existing = ArticlePage.objects.child_of(index).count() - 1  # the reference article is the demo's
        if existing >= target:
            return
        reference = ArticlePage.objects.get(slug=content.ARTICLE["slug"])
        reviewer = ReviewerPage.objects.get(slug=content.REVIEWER["slug"])
        points = list(AcupointPage.objects.order_by("pk").only("id", "code", "pinyin", "location", "how_to_find"))
        heavy = next(p for p in points if p.code == HEAVY_POINT)
        by_complaint = {}
        for complaint_id, point_id in AcupointPage.complaints.through.objects.values_list(
            "complaint_id", "acupointpage_id"
        ):
            by_complaint.setdefault(complaint_id, []).append(point_id)
        point_by_id = {p.pk: p for p in points}
        complaints = [c for c in Complaint.objects.order_by("pk") if c.pk in by_complaint]
        product_ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
        newest = reference.first_published_at or timezone.now()
        progress = Progress("Articles", target - existing, self.stream)
        for numbers in _batches(existing, target):
            batch = []
            for i in numbers:
                complaint = complaints[i % len(complaints)] if complaints else None
                rng = random.Random(i)
                pool = [point_by_id[pk] for pk in by_complaint.get(complaint.pk, [])] if complaint else points
                pool = [p for p in pool if p.pk != heavy.pk] or [p for p in points if p.pk != heavy.pk]
                chosen = rng.sample(pool, min(2 + i % 4, len(pool)))
                if i % self.heavy_every == 0:
                    chosen = [heavy, *chosen[:-1]] if len(chosen) > 1 else [heavy]
                batch.append(self.article(i, chosen, complaint, product_ids, newest, reviewer))
            self.insert_articles(index, batch)
            progress.advance(len(batch))
        progress.close()

    def article(self, i, points, complaint, product_ids, newest, reviewer):
        title, intro, data = article_text(i, points, complaint)
        slug = f"{slugify(title)[:200]}-{i + 1}"
        published = newest - timedelta(minutes=MINUTES_BETWEEN_ARTICLES * (i + 1))
        article = ArticlePage(
            title=title,
            draft_title=title,
            slug=slug,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            intro=intro,
            hero_image_id=None,
            body=article_body(data, {p.code: p.pk for p in points}, product_ids[i % len(product_ids)]),
            author=self.authors[i % len(self.authors)],
            reviewer=reviewer,
            last_reviewed=published.date(),
        )
        # Approved as written: the fingerprint of this exact text, as a reviewer's approval records it.
        article.reviewed_fingerprint = content_fingerprint(
            article.title, article.intro, ArticlePage._meta.get_field("body").get_prep_value(article.body)
        )
        article.topics = [complaint] if complaint else []
        return article

    def insert_articles(self, index, batch):
        """Each article as a live page with one revision, its live one, through Wagtail's own API."""
        for article in batch:
            index.add_child(instance=article)
            revision = article.save_revision(log_action=False, clean=False)
            ArticlePage.objects.filter(pk=article.pk).update(
                live_revision=revision,
                has_unpublished_changes=False,
                latest_revision_created_at=article.first_published_at,
            )
