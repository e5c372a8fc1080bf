"""What the shop (/products/) and a product page show, kept apart from the models so each query is easy to
see. The shop costs the same number of queries whatever the number of products: one for the category
links, one for the page of cards by id (their order is kept, tcmtips.listings), and for the cards not in
the fragment cache one for their ratings and one each for their images and renditions."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, F, IntegerField, Prefetch, Q, prefetch_related_objects
from django.db.models.functions import Cast
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from tcmtips import fragments, seo
from tcmtips.fragments import fragment_key
from tcmtips.listings import page_of
from tcmtips.models import public
from tcmtips.prepared import PreparedObjects

from .models import Product, ProductCategory

# ?sort= values. Unknown values fall back to the first (sorting only orders; it never names a thing that
# could be missing, so there is nothing to 404 about). Unknown categories are a 404, see ProductIndexPage.
SHOP_SORTS = {
    "rating": ("Best rated", (F("average_rating").desc(nulls_last=True), "-review_count", "name")),
    "name": ("Name", ("name",)),
}
REVIEW_SORTS = {
    "newest": ("Newest", ("-created_at", "-pk")),
    "highest": ("Highest rating", ("-rating", "-created_at", "-pk")),
    "lowest": ("Lowest rating", ("rating", "-created_at", "-pk")),
}
CARD_IMAGE = "fill-240x240"
FEATURING_LIMIT = 6


def chosen_sort(request, sorts):
    value = request.GET.get("sort", "")
    return value if value in sorts else next(iter(sorts))


def sort_links(sorts, current):
    return [{"value": value, "label": label, "current": value == current} for value, (label, _order) in sorts.items()]


SHOP_CARD_FIELDS = ("id", "name", "slug", "tagline", "badge", "image_id", "updated_at")


def with_ratings(products):
    """Average rating and count of approved reviews, as columns of the product query itself."""
    approved = Q(reviews__approved=True)
    return products.annotate(
        average_rating=Avg("reviews__rating", filter=approved), review_count=Count("reviews", filter=approved)
    )


def prepare_cards(request, products):
    """Each card is a fragment under its product's version (an approved review moves it too); only the
    cards that must be rendered again have their rating averaged and their picture read."""
    keys = {product.pk: fragment_key("shop-card", product) for product in products}
    cold = fragments.prefetch(request, list(keys.values()))
    products = [product for product in products if keys[product.pk] in cold]
    if products:
        rated = with_ratings(Product.objects.filter(pk__in=[p.pk for p in products])).order_by().in_bulk()
        for product in products:
            product.average_rating = rated[product.pk].average_rating
            product.review_count = rated[product.pk].review_count
        images = get_image_model().objects.prefetch_related("renditions")
        prefetch_related_objects(products, Prefetch("image", queryset=images))


def shop_context(index, request, category):
    products = Product.objects.all()
    if category is not None:
        products = products.filter(categories=category)
    sort = chosen_sort(request, SHOP_SORTS)
    # Sorting every product by its rating means averaging every review: done once per content version,
    # kept as the products' ids (tcmtips.listings); a page then reads its own products by id.
    # get_page(): ?page=abc is page 1 and ?page=99999 the last page, never an error.
    ordered = with_ratings(products).order_by(*SHOP_SORTS[sort][1])
    name = f"shop:{category.pk if category else ''}:{sort}"
    # The page's products with what a card is kept under and shows, through the plain manager: the default
    # one's in_bulk also brings each product's picture and its quoted review (for an article's card), which
    # a shop card doesn't show, and a subquery over every review costs 4 ms a page at 20,000 reviews.
    rows = Product._base_manager.only(*SHOP_CARD_FIELDS)
    page = page_of(name, ordered, rows, index.per_page, request.GET.get("page"))
    prepare_cards(request, page.object_list)
    categories = [
        c
        for c in ProductCategory.objects.annotate(product_count=Count("products")).order_by(
            *ProductCategory._meta.ordering
        )
        if c.product_count
    ]
    base_url = index.category_url(category) if category else index.url
    canonical = index.get_full_url(request)
    if category is not None:
        canonical += index.reverse_subpage("category", args=[category.slug])
    if page.number > 1:
        canonical += f"?page={page.number}"
    return {
        "products": page,
        "category": category,
        "categories": [{"category": c, "url": index.category_url(c), "current": c == category} for c in categories],
        "sort": sort,
        "default_sort": next(iter(SHOP_SORTS)),
        "sorts": sort_links(SHOP_SORTS, sort),
        "base_url": base_url,
        "canonical_url": canonical,
        "shop_structured_data": seo.dumps(shop_graph(index, request, category)),
    }


def shop_graph(index, request, category):
    """Home › Shop (› category). Names and URLs come from the page and Wagtail's cached site root paths,
    so the trail costs no query (the shop sits right under the home page)."""
    _site_id, home, _path = index.get_url_parts(request)
    shop_url = index.get_full_url(request)
    trail = [("Home", home + "/"), (index.title, shop_url)]
    if category is not None:
        trail.append((category.name, shop_url + index.reverse_subpage("category", args=[category.slug])))
    return {
        "@context": seo.CONTEXT,
        "@type": "BreadcrumbList",
        "@id": trail[-1][1] + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url} for n, (name, url) in enumerate(trail, 1)
        ],
    }


def pages_featuring(product, limit=FEATURING_LIMIT):
    """Live pages whose content chooses this product (in practice articles with a product card), from
    Wagtail's reference index: no copy to keep in sync, and one query however many there are."""
    ids = (
        ReferenceIndex.get_references_to(product)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(pk_int=Cast("object_id", IntegerField()))
        .values("pk_int")
    )
    # The site's public() (tcmtips.models): the view-restriction check inside this query, not before it.
    pages = public(Page.objects.live().filter(pk__in=ids)).order_by("-first_published_at")
    return list(pages[:limit]) if limit else list(pages)


def _live_shop(_none):
    from .models import ProductIndexPage

    return (
        ProductIndexPage.objects.live()
        .only("id", "path", "depth", "url_path", "title", "slug", "live", "live_revision_id", "last_published_at")
        .order_by("pk")[:1]  # there is one
    )


_shop = PreparedObjects(_live_shop, kind=None)


def shop_index():
    """The live shop page, if an editor has made one (the product pages work without it). The shop is a
    public page by nature, so no view-restriction check (one query fewer on every product page). Compiled
    once (tcmtips.prepared)."""
    found = _shop()
    return found[0] if found else None
