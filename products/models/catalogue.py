import datetime

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Avg, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Cast, Coalesce, JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import Orderable, Page, PreviewableMixin, ReferenceIndex, RevisionMixin, Site
from wagtail.search import index

from base.admin_panels import ItemsPanel
from base.forms import SnippetForm
from base.images import credit_field
from base.public import public
from caching import tokens
from caching.purge import referrers

from ..panels import ProductFactsPanel

STARS = (5, 4, 3, 2, 1)


class ProductCategory(models.Model):
    """A shelf of the shop (facial tools, body tools, acupressure aids…), kept by editors as a snippet."""

    base_form_class = SnippetForm  # what the admin could not have sent is a form error, not a 500

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the shop's filter link /products/category/<slug>/."
    )
    description = models.CharField(max_length=240, blank=True, help_text="One line shown above the filtered list.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in the filter links.")

    panels = [
        TitleFieldPanel("name", targets=["slug"], classname="", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "product categories"

    # The shop's filter links and every product page's categories show it: rare, so everything goes.
    cache_purges_everything = True

    def __str__(self):
        return self.name


class ProductQuerySet(models.QuerySet):
    def in_bulk(self, id_list=None, *, field_name="pk"):
        """How Wagtail's chooser blocks read the products an article's cards show: with their pictures,
        and the review each card quotes (as a JSON object), in the same query."""
        quoted = ProductReview.objects.best_first().filter(product=OuterRef("pk"), approved=True)
        cards = self.select_related("image").annotate(
            quoted_review=Subquery(quoted.values(row=JSONObject(**{f: f for f in ProductReview.CARD_FIELDS}))[:1])
        )
        return super(ProductQuerySet, cards).in_bulk(id_list, field_name=field_name)


class Product(PreviewableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    base_form_class = SnippetForm  # what the admin could not have sent is a form error, not a 500
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    tagline = models.CharField(max_length=200, blank=True)
    badge = models.CharField(max_length=60, blank=True, help_text="For example “Best Gua Sha Product”.")
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    image_credit = credit_field()
    categories = ParentalManyToManyField(ProductCategory, blank=True, related_name="products")
    # The sitemap's lastmod: any save from the snippet editor (features and offers included) touches it.
    updated_at = models.DateTimeField(auto_now=True)
    # When a reader last found one of its reviews helpful (products.helpful): the page's list of reviews
    # is kept under it, while a vote leaves the product's version, its cards and the cached pages alone.
    votes_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        ProductFactsPanel(heading="At a glance"),
        MultiFieldPanel(
            [
                # The slug follows the name as it is typed, as a page's follows its title.
                TitleFieldPanel("name", targets=["slug"], classname="", placeholder=False),
                FieldPanel("slug", widget=SlugInput, help_text="The product page's address: /products/<slug>/."),
                FieldPanel("badge"),
                FieldPanel("tagline"),
            ],
            heading="Product",
        ),
        FieldPanel("image"),
        FieldPanel("image_credit"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        ItemsPanel("features", heading="Features", label="Feature", add_label="Add a feature", min_num=1),
        ItemsPanel("offers", heading="Retailer offers", label="Retailer offer", add_label="Add a retailer offer"),
    ]
    search_fields = [index.SearchField("name", boost=3), index.SearchField("tagline"), index.AutocompleteField("name")]

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("products:detail", args=[self.slug])

    def get_sitemap_urls(self, request=None):
        """Its entry in the sitemap, as Wagtail asks a page for its own: the address on the site's root URL."""
        site = Site.find_for_request(request)
        root = site.root_url if site else ""
        return [{"location": root + self.get_absolute_url(), "lastmod": self.updated_at}]

    def featured_in(self, limit=None):
        """Live, public pages whose content chooses this product (in practice articles with its card), newest
        first, from Wagtail's reference index: no copy to keep in sync, and one query however many there are."""
        ids = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type=ContentType.objects.get_for_model(Page))
            .annotate(pk_int=Cast("object_id", IntegerField()))
            .values("pk_int")
        )
        # The site's public() (base.models): the view-restriction check inside this query, not before it.
        pages = public(Page.objects.live().filter(pk__in=ids)).order_by("-first_published_at", "-pk")
        return list(pages[:limit]) if limit else list(pages)

    def admin_facts(self, click_days, featuring_shown):
        """What the top of its admin page says: clicks in the last ``click_days``, its reviews by state and
        the pages that feature it."""
        since = timezone.now() - datetime.timedelta(days=click_days)
        clicks = OutboundClick.objects.filter(offer__product=self, clicked_at__gte=since).aggregate(
            people=Count("id", filter=Q(is_bot=False)), bots=Count("id", filter=Q(is_bot=True))
        )
        # Aliases must differ from the field names the filters read.
        counts = self.reviews.aggregate(
            n_approved=Count("id", filter=Q(approved=True)),
            n_pending=Count("id", filter=Q(approved=False, rejected=False)),
            n_rejected=Count("id", filter=Q(rejected=True, approved=False)),
        )
        return {
            "clicks": clicks,
            "reviews": {name[2:]: value for name, value in counts.items()},
            "featuring": self.featured_in(limit=featuring_shown),
        }

    # --- Caching (docs/architecture.md) -----------------------------------------------------------------
    def get_cached_urls(self):
        return [self.get_absolute_url()] if self.slug else []

    def cache_dependents(self):
        """Its page is its own; the shop lists it, and articles show its card."""
        shops = apps.get_model("products", "ProductIndexPage").objects.live()  # defined with the shop's pages
        return [*shops, *referrers(self)]

    @property
    def cache_key(self):
        """Its page's fragments are kept under this: the product as saved, and the tokens a purge of it (an
        offer, a feature, an approved review, an article featuring it) or of everything moves."""
        return ":".join(
            [str(self.pk), str(self.updated_at and self.updated_at.timestamp()), *tokens.object_tokens(self)]
        )

    # Live preview in the admin (mobile and desktop sizes), built from the unsaved form: the product page, or
    # the card as readers meet it in an article, with the disclosure above it, the offers that work and the
    # quoted review.
    preview_modes = [("", "Product page"), ("card", "Card in an article")]
    # The product page's view (request, product), handed over by the app once the views have loaded: they
    # import the models, so the models can't import them (products.apps).
    page_view = None

    def serve_preview(self, request, mode_name):
        """The product page as readers will see it, built from the unsaved form; or its card as an article
        shows it. A product not saved yet has no reviews or address of its own: it previews as its card."""
        if mode_name == "card" or self.pk is None or self.page_view is None:
            return super().serve_preview(request, "card")
        return self.page_view(request, self)

    def get_preview_template(self, request, mode_name):
        return "products/product_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"product": self}

    @staticmethod
    def prefetch_for_cards(products):
        """Everything a card shows, for every card on a page, in the same few queries however many cards or
        reviews there are: the features, the available offers and the pictures' renditions (the products
        read by ``in_bulk`` bring their picture and the quoted review along). For products read from the
        database: a preview's product holds its unsaved features and offers itself."""
        products = [p for p in products if p is not None]
        if not products:
            return
        prefetch_related_objects(
            products,
            Prefetch("features", to_attr="card_features"),
            Prefetch("offers", queryset=Offer.objects.available(), to_attr="active_offers"),
        )
        prefetch_related_objects([p for p in products if p.image_id], "image__renditions")
        unread = [p for p in products if not hasattr(p, "quoted_review")]
        if unread:
            featured = {r.product_id: r for r in ProductReview.objects.featured_for([p.pk for p in unread])}
            for product in unread:
                product.featured_review = featured.get(product.pk)

    @cached_property
    def card_features(self):
        return list(self.features.all())  # in a preview, the unsaved ones held in memory

    @cached_property
    def active_offers(self):
        # filter(), not available(): in a preview the offers are the unsaved ones held in memory.
        return list(self.offers.filter(**Offer.AVAILABLE))

    @staticmethod
    def with_rating_summary(queryset):
        """The products with their ``rating_summary`` worked out in the same query (the product page)."""
        approved = ProductReview.objects.approved().filter(product=OuterRef("pk")).order_by().values("product")

        def counted(reviews):
            return Coalesce(Subquery(reviews.annotate(n=Count("id")).values("n")), 0)

        return queryset.annotate(
            summary_average=Subquery(approved.annotate(average=Avg("rating")).values("average")),
            summary_count=counted(approved),
            **{f"summary_stars_{n}": counted(approved.filter(rating=n)) for n in STARS},
        )

    @cached_property
    def rating_summary(self):
        """Average, count and how many approved reviews gave each number of stars: no query when the product
        came from ``with_rating_summary``, else one through it."""
        fields = ["summary_average", "summary_count", *(f"summary_stars_{n}" for n in STARS)]
        if hasattr(self, "summary_count"):
            row = {field: getattr(self, field) for field in fields}
        else:
            one = Product.objects.filter(pk=self.pk) if self.pk else Product.objects.none()
            row = Product.with_rating_summary(one).values(*fields).first() or {"summary_count": 0}
        summary = {"average": row.get("summary_average"), "count": row["summary_count"]}
        summary.update({f"stars_{n}": row.get(f"summary_stars_{n}", 0) for n in STARS})
        total = summary["count"]
        summary["bars"] = []
        for n in STARS:
            percent = round(100 * summary[f"stars_{n}"] / total) if total else 0
            # step: the bar's width class (w0, w5 … w100 in site.css; the CSP allows no inline styles).
            summary["bars"].append(
                {"stars": n, "count": summary[f"stars_{n}"], "percent": percent, "step": 5 * round(percent / 5)}
            )
        return summary

    @cached_property
    def featured_review(self):
        """The review quoted on cards (``ProductReviewQuerySet.best_first``): read with the product when it
        came from ``in_bulk``, else one query."""
        if hasattr(self, "quoted_review"):
            row = self.quoted_review
            return ProductReview(product=self, approved=True, **row) if row else None
        return next(iter(ProductReview.objects.featured_for([self.pk])), None)


class ProductFeature(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="features")
    title = models.CharField(max_length=80)
    text = models.TextField()

    panels = [FieldPanel("title"), FieldPanel("text")]

    def __str__(self):
        return self.title

    def cache_dependents(self):
        return shows_product(self.product_id)


class OfferQuerySet(models.QuerySet):
    def available(self):
        """The offers readers may follow: switched on by an editor and passing their last `check_offers` check.
        The product card, the product page and any catalogue all list offers through this one rule."""
        return self.filter(**Offer.AVAILABLE)


class Offer(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="offers")
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in the counted link /go/<slug>/.")
    retailer = models.CharField(max_length=80)
    label = models.CharField(max_length=80, help_text="Button text, e.g. “Purchase on Amazon”.")
    url = models.URLField(
        max_length=1000,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The retailer's page (http or https).",
    )
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    last_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    broken = models.BooleanField(default=False, editable=False)

    objects = OfferQuerySet.as_manager()
    # The one rule (see OfferQuerySet.available()): switched on, and its last link check passed (a link that
    # failed once is not offered to readers; failing twice marks it broken for the editors' dashboard).
    AVAILABLE = {"active": True, "broken": False, "consecutive_failures": 0}

    panels = [
        FieldPanel("retailer", heading="Shop"),
        FieldPanel("label", heading="Button text", help_text="For example “Purchase on Amazon”."),
        FieldPanel("slug"),
        FieldPanel("url", heading="Link (URL)"),
        FieldPanel("active"),
    ]

    def __str__(self):
        return f"{self.product} at {self.retailer}" if self.product_id else self.retailer

    def get_go_url(self):
        return reverse("products:go", args=[self.slug])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        touch(self.product_id)

    def cache_dependents(self):
        return shows_product(self.product_id)


class ProductReviewQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved=True).order_by("-created_at")

    def pending(self):
        return self.filter(approved=False, rejected=False)

    def best_first(self):
        """The order a card picks its quote in: the review an editor featured, else the best rated and then
        the newest."""
        return self.order_by("-featured", "-rating", "-created_at", "-pk")

    def featured_for(self, product_ids):
        """One review per product in a single query (a correlated subquery, so it works the same on SQLite
        and PostgreSQL): the first approved one in ``best_first`` order."""
        best = ProductReview.objects.best_first().filter(product=OuterRef("product"), approved=True).values("pk")[:1]
        return self.filter(product_id__in=product_ids, approved=True, pk=Subquery(best))


class ProductReview(models.Model):
    base_form_class = SnippetForm  # what the admin could not have sent is a form error, not a 500
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    name = models.CharField(max_length=80)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(max_length=2000)
    email = models.EmailField(blank=True, help_text="Never shown.")
    approved = models.BooleanField(default=False)
    rejected = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    featured = models.BooleanField(
        default=False,
        help_text="Quote this review on the product's card instead of the best-rated one. Only approved reviews "
        "are shown; featuring one un-features the product's other reviews.",
    )
    # The count of HelpfulVote rows, kept here so a page reads it with the review (products/helpful.py).
    helpful_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ProductReviewQuerySet.as_manager()
    CARD_FIELDS = ("id", "name", "rating", "text")  # what a product card quotes

    panels = [
        FieldPanel("product"),
        FieldPanel("name"),
        FieldPanel("rating"),
        FieldPanel("text"),
        FieldPanel("email"),
        FieldPanel("approved"),
        FieldPanel("rejected"),
        FieldPanel("featured"),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.name} on {self.product} ({self.rating}/5)"

    def save(self, *args, **kwargs):
        # Whether readers saw it before this save (its purge, below, asks).
        self.shown_before = bool(self.pk) and ProductReview.objects.filter(pk=self.pk, approved=True).exists()
        super().save(*args, **kwargs)
        if self.featured:  # one featured review per product, so the card's choice is never ambiguous
            ProductReview.objects.filter(product_id=self.product_id, featured=True).exclude(pk=self.pk).update(
                featured=False
            )
        if self.approved or self.shown_before:
            touch(self.product_id)

    def cache_dependents(self):
        """A review readers see, or saw until now, changes its product's page and cards; one waiting for
        moderation changes nothing they see."""
        if not (self.approved or getattr(self, "shown_before", False)):
            return None
        return shows_product(self.product_id)


class OutboundClick(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="clicks")
    clicked_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source_path = models.CharField(max_length=500, blank=True, help_text="The page on this site the reader came from.")
    is_bot = models.BooleanField(default=False)
    client_hash = models.CharField(max_length=64, blank=True, help_text="Daily-salted hash, never a raw address.")

    class Meta:
        ordering = ["-clicked_at"]

    def __str__(self):
        return f"{self.offer} at {self.clicked_at:%Y-%m-%d %H:%M}"


def touch(product_id):
    """A part of a product changed on its own (an offer the link check found broken, a review approved or
    withdrawn): its page changed, and the sitemap says when."""
    Product.objects.filter(pk=product_id).update(updated_at=timezone.now())


def shows_product(product_id):
    """A part of a product changed (a feature, an offer, a review readers see): the product and what shows it."""
    product = Product.objects.filter(pk=product_id).first()
    return [product, *product.cache_dependents()] if product else []
