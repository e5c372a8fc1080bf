from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Avg, Count, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.urls import reverse
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index


class Product(RevisionMixin, index.Indexed, ClusterableModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    tagline = models.CharField(max_length=200, blank=True)
    badge = models.CharField(max_length=60, blank=True, help_text="For example “Best Gua Sha Product”.")
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("badge"), FieldPanel("tagline")], heading="Product"
        ),
        FieldPanel("image"),
        InlinePanel("features", label="Features", min_num=1),
        InlinePanel("offers", label="Retailer offers"),
    ]
    search_fields = [index.SearchField("name", boost=3), index.SearchField("tagline"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("products:detail", args=[self.slug])

    @staticmethod
    def prefetch_for_cards(products):
        """Everything a card shows, for every card on a page, in four queries however many cards or
        reviews there are: images, features, active offers, and each product's one featured review."""
        products = [p for p in products if p is not None]
        if not products:
            return
        prefetch_related_objects(
            products,
            "image",
            "features",
            Prefetch("offers", queryset=Offer.objects.filter(active=True), to_attr="active_offers"),
        )
        featured = {r.product_id: r for r in ProductReview.objects.featured_for([p.pk for p in products])}
        for product in products:
            product.featured_review = featured.get(product.pk)

    @cached_property
    def active_offers(self):
        return list(self.offers.filter(active=True))

    @cached_property
    def rating_summary(self):
        return self.reviews.approved().aggregate(average=Avg("rating"), count=Count("id"))

    @cached_property
    def featured_review(self):
        """The review quoted on cards: the best rated, then the most recent, of the approved ones."""
        return next(iter(ProductReview.objects.featured_for([self.pk])), None)


class ProductFeature(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="features")
    title = models.CharField(max_length=80)
    text = models.TextField()

    panels = [FieldPanel("title"), FieldPanel("text")]

    def __str__(self):
        return self.title


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

    panels = [FieldPanel("retailer"), FieldPanel("label"), FieldPanel("slug"), FieldPanel("url"), FieldPanel("active")]

    def __str__(self):
        return f"{self.product} at {self.retailer}" if self.product_id else self.retailer

    def get_go_url(self):
        return reverse("products:go", args=[self.slug])


class ProductReviewQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved=True).order_by("-created_at")

    def pending(self):
        return self.filter(approved=False, rejected=False)

    def featured_for(self, product_ids):
        """One review per product, the best rated and then the newest approved one, in a single query
        (a correlated subquery, so it works the same on SQLite and PostgreSQL)."""
        best = (
            ProductReview.objects.filter(product=OuterRef("product"), approved=True)
            .order_by("-rating", "-created_at", "-pk")
            .values("pk")[:1]
        )
        return self.filter(product_id__in=product_ids, approved=True, pk=Subquery(best))


class ProductReview(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    name = models.CharField(max_length=80)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(max_length=2000)
    email = models.EmailField(blank=True, help_text="Never shown.")
    approved = models.BooleanField(default=False)
    rejected = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProductReviewQuerySet.as_manager()

    panels = [
        FieldPanel("product"),
        FieldPanel("name"),
        FieldPanel("rating"),
        FieldPanel("text"),
        FieldPanel("email"),
        FieldPanel("approved"),
        FieldPanel("rejected"),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.name} on {self.product} ({self.rating}/5)"


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
