"""What the shop (/products/) and a product page show, kept apart from the models so each query is easy to
see. The shop costs the same number of queries whatever the number of products: the category links, the
count and the page of cards (with their ratings), and their pictures' renditions; all of them only when the
page's cached fragment has to be rendered again."""

from django.db.models import Avg, Count, F, Q
from django.utils.functional import SimpleLazyObject

from base.listings import paginate
from seo import jsonld as seo

from .models.catalogue import Product, ProductCategory

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


def chosen_sort(request, sorts):
    value = request.GET.get("sort", "")
    return value if value in sorts else next(iter(sorts))


def sort_links(sorts, current):
    return [{"value": value, "label": label, "current": value == current} for value, (label, _order) in sorts.items()]


SHOP_CARD_FIELDS = ("id", "name", "slug", "tagline", "badge", "image", "updated_at")


def with_ratings(products):
    """Average rating and count of approved reviews, as columns of the product query itself."""
    approved = Q(reviews__approved=True)
    return products.annotate(
        average_rating=Avg("reviews__rating", filter=approved), review_count=Count("reviews", filter=approved)
    )


def shop_context(index, request, category):
    products = Product.objects.all()
    if category is not None:
        products = products.filter(categories=category)
    sort = chosen_sort(request, SHOP_SORTS)
    cards = (
        with_ratings(products)
        .select_related("image")
        .prefetch_related("image__renditions")
        .only(*SHOP_CARD_FIELDS)
        .order_by(*SHOP_SORTS[sort][1], "pk")
    )
    # get_page(): ?page=abc is page 1 and ?page=99999 the last page, never an error.
    page = paginate(index, request, cards, index.per_page, name=f"shop:{category.pk if category else ''}")
    base_url = index.category_url(category) if category else index.url
    canonical = index.get_full_url(request)
    if category is not None:
        canonical += index.reverse_subpage("category", args=[category.slug])
    if page.number > 1:
        canonical += f"?page={page.number}"
    return {
        "products": page,
        "category": category,
        "categories": SimpleLazyObject(lambda: category_links(index, category)),
        "sort": sort,
        "default_sort": next(iter(SHOP_SORTS)),
        "sorts": sort_links(SHOP_SORTS, sort),
        "base_url": base_url,
        "canonical_url": canonical,
        "shop_structured_data": seo.dumps(shop_graph(index, request, category)),
    }


def category_links(index, current):
    categories = ProductCategory.objects.annotate(product_count=Count("products")).order_by(
        *ProductCategory._meta.ordering
    )
    return [
        {"category": c, "url": index.category_url(c), "current": c == current} for c in categories if c.product_count
    ]


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
