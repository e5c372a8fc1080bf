from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tcmtips import fragments
from tcmtips.fragments import fragment_key
from tcmtips.images import rendition_url
from tcmtips.listings import kept_many
from tcmtips.models import SiteSettings, chrome_fragment_keys
from tcmtips.prepared import Prepared, PreparedObjects

from . import helpful
from .clicks import client_hash, internal_source_path, is_prefetch, looks_like_bot
from .forms import ReviewForm
from .models import Offer, OutboundClick, Product, ProductReview
from .reviews import count_submission, same_origin
from .shop import REVIEW_SORTS, chosen_sort, pages_featuring, shop_index, sort_links
from .structured_data import breadcrumbs_json_ld, product_json_ld

REVIEWS_PER_PAGE = 10


def _product_page(request, product, form=None, status=200):
    """The product page. Its query count does not grow with the number of reviews, offers or articles:
    one aggregate for the rating and its bars, one count and one slice for the page of reviews."""
    index, summary = product.shop, product.rating_summary
    sort, thanks = chosen_sort(request, REVIEW_SORTS), request.GET.get("review") == "thanks"
    paginator = Paginator(product.reviews.approved().order_by(*REVIEW_SORTS[sort][1]), REVIEWS_PER_PAGE)
    paginator.count = summary["count"]  # already counted by the rating summary
    reviews = paginator.get_page(request.GET.get("page"))  # read only when shown
    # In one round trip: the header and footer; the product's own block (picture, offers, features, rating
    # line); the head's tags and structured data, which hold absolute addresses (so the host and scheme are
    # in their keys) and quote the page of reviews shown; and the review form, the same for every reader
    # until someone sends it. What only they show is read when one of them must be rendered again.
    site_settings = SiteSettings.for_request(request)
    origin = (request.get_host(), request.scheme)
    top_key = fragment_key("product-top", product, index, site_settings)
    data_key = fragment_key("product-data", product, index, site_settings, *origin, sort, reviews.number)
    meta_key = fragment_key("product-meta", product, site_settings, *origin)
    form_key = None if form is not None else fragment_key("review-form", product.slug, thanks)
    # The page of reviews, under the time of the last helpful vote too; not kept for the page a no-script
    # vote comes back to, which thanks the reader beside that one review.
    votes = str(product.votes_at or "")
    voted = request.GET.get("voted", "")
    reviews_key = None if voted else fragment_key("product-reviews", product, votes, sort, reviews.number)
    keys = [*chrome_fragment_keys(request), top_key, data_key, meta_key, form_key, reviews_key]
    cold = fragments.prefetch(request, keys)
    if top_key in cold or data_key in cold:
        prefetch_related_objects(
            [product],
            "features",
            "categories",
            Prefetch("offers", queryset=Offer.objects.available(), to_attr="active_offers"),
        )
        if product.image:  # one query for every rendition the page uses (picture tag, share card, JSON-LD)
            prefetch_related_objects([product.image], "renditions")
    crumbs = breadcrumbs_json_ld(request, product, index)
    context = {
        "product": product,
        "summary": summary,
        "reviews": reviews,
        "review_sort": sort,
        "review_sorts": sort_links(REVIEW_SORTS, sort),
        "default_review_sort": next(iter(REVIEW_SORTS)),
        "voted": voted,
        "votes": votes,
        "shop": index,
        "category_links": SimpleLazyObject(
            lambda: [{"name": c.name, "url": index.category_url(c)} for c in product.categories.all()] if index else []
        ),
        "breadcrumbs": crumbs,
        "featured_in": product.featured_in,
        "form": form or ReviewForm(),
        "thanks": thanks,
        "origin": origin,
        "canonical_url": request.build_absolute_uri(product.get_absolute_url()),
        # Called by the template only when their fragments must be rendered (meta_key, data_key).
        "share_image_url": lambda: _absolute(request, rendition_url(product.image, "fill-1200x630|format-jpeg")),
        "structured_data": lambda: product_json_ld(request, product, summary, reviews) + crumbs["script"],
    }
    return render(request, "products/product_detail.html", context, status=status)


# A product's id and versions by its slug, read on every product page: compiled once (tcmtips.prepared).
_versions = Prepared(
    lambda slugs: Product.objects.filter(slug__in=slugs).values_list("pk", "updated_at", "votes_at"), kind=str
)


def _reader(summary, field):
    def build(values):
        products = Product.objects.select_related("image")
        return (Product.with_rating_summary(products) if summary else products).filter(**{f"{field}__in": values})

    return PreparedObjects(build, kind=str if field == "slug" else int)


# A product with its picture, by id or by slug, with or without its rating summary: compiled once each.
_READERS = {(summary, field): _reader(summary, field) for summary in (False, True) for field in ("pk", "slug")}


def _read_product(summary, **lookup):
    ((field, value),) = lookup.items()
    found = _READERS[(summary, field)]([value])
    if not found:
        raise Http404("No product has this address.")
    return found[0]


def _product_or_404(request, slug):
    """The product with its picture, and what its page works out from many rows: its rating summary, the
    shop it is listed in and the pages that feature it. The product and those are kept under the content
    version (any publish, product, offer or approved review moves it) and fetched in one round trip, after
    one small query for the product's versions: a kept product that isn't the current one is read again,
    and the time of the last helpful vote (which moves no version) always comes from that query. A missing
    summary is worked out in the product's own query, whose seven subqueries cost more than the rest.
    With no cache to keep them in (or for an editor), the product is simply read."""
    if fragments.usable(request):
        rows = _versions([slug])
        if not rows:
            raise Http404("No product has this address.")
        pk, updated_at, votes_at = rows[0]
        lookup = {"pk": pk}
    else:
        lookup = {"slug": slug}
    read = {}

    def summarise():  # when the summary isn't kept: the product and its summary in one query
        read["product"] = _read_product(True, **lookup)
        return read["product"].rating_summary

    def product():
        if "product" not in read:
            read["product"] = _read_product(False, **lookup)
        return read["product"]

    known = kept_many(
        {
            f"rating:{slug}": summarise,
            "shop": shop_index,
            f"featuring:{slug}": lambda: pages_featuring(product()),
            f"product:{slug}": product,
        }
    )
    found = known[f"product:{slug}"]
    if "pk" in lookup:
        if (found.pk, found.updated_at) != (pk, updated_at):  # saved since it was kept, in this very instant
            found = product()
        found.votes_at = votes_at
    found.rating_summary, found.shop, found.featured_in = (
        known[f"rating:{slug}"],
        known["shop"],
        known[f"featuring:{slug}"],
    )
    return found


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def product_detail(request, slug):
    product = _product_or_404(request, slug)
    return _product_page(request, product)


# Exempt from Django's CSRF check on purpose: the product page is served from the shared whole-page cache,
# so it cannot carry a per-visitor token (nor set a CSRF cookie without defeating the cache). That is sound
# here because this view exercises no session authority: it never reads the session or request.user, and all
# it can do is store a *pending* review that an editor must approve — the same thing any visitor can do
# directly. What CSRF would still stop, other sites making their visitors' browsers post spam, is stopped by
# requiring an Origin (or Referer) on this host; bots posting directly meet the honeypot and the rate limit.
@csrf_exempt
@require_POST
def submit_review(request, slug):
    product = _product_or_404(request, slug)
    if not same_origin(request):
        return HttpResponse(
            "Reviews can only be sent from the review form on this site.", status=403, content_type="text/plain"
        )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        response = _product_page(request, product, form=form, status=400)
        response["Cache-Control"] = "no-store"
        return response
    # Checked and counted in one step, so concurrent posts can't all slip under the limit together.
    allowed, retry_after = count_submission(request)
    if not allowed:
        return HttpResponse(
            "You have sent several reviews in the last hour. Please try again later.",
            status=429,
            content_type="text/plain",
            headers={"Retry-After": str(retry_after)},
        )
    if not form.is_bot:  # a filled honeypot gets the same thank-you, so bots learn nothing
        review = form.save(commit=False)
        review.product = product
        review.approved = review.rejected = False
        review.save()
    return HttpResponseRedirect(f"{product.get_absolute_url()}?review=thanks#review-form", status=303)


# Exempt from the CSRF check for the same reasons as submit_review above: the page holding the button is
# served from the shared cache, and a vote exercises no session authority. Origin is still required.
@csrf_exempt
@require_POST
def helpful_vote(request, pk):
    review = ProductReview.objects.select_related("product").filter(pk=pk, approved=True).first()
    if review is None:
        raise Http404("No such review")
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not same_origin(request):
        return _vote_answer(wants_json, 403, "Votes can only be sent from the product page on this site.")
    if helpful.rate_limited(request):
        return _vote_answer(
            wants_json, 429, "You have voted on many reviews in the last hour. Please try again later.", retry=3600
        )
    counted = helpful.record_vote(request, review)
    if wants_json:
        count = ProductReview.objects.values_list("helpful_count", flat=True).get(pk=review.pk)
        message = "Thank you for your vote." if counted else "Your vote on this review was already counted."
        return JsonResponse(
            {"counted": counted, "count": count, "message": message}, headers={"Cache-Control": "no-store"}
        )
    # Without JavaScript: back to the review, on the same page and in the same order the reader had.
    query = {"voted": review.pk}
    if request.POST.get("sort") in REVIEW_SORTS:
        query["sort"] = request.POST["sort"]
    if request.POST.get("page", "").isdigit():
        query["page"] = request.POST["page"]
    return HttpResponseRedirect(
        f"{review.product.get_absolute_url()}?{urlencode(query)}#review-{review.pk}", status=303
    )


def _vote_answer(wants_json, status, message, retry=None):
    headers = {"Cache-Control": "no-store"}
    if retry:
        headers["Retry-After"] = str(retry)
    if wants_json:
        return JsonResponse({"counted": False, "message": message}, status=status, headers=headers)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8", headers=headers)


@require_http_methods(["GET", "HEAD"])
def go(request, slug):
    """Counted redirect. The target is always the URL stored on the offer, never anything from the request."""
    offer = Offer.objects.select_related("product").filter(slug=slug).first()
    if offer is None:
        raise Http404("No such offer")
    if not offer.active:
        return render(request, "products/offer_gone.html", {"offer": offer, "product": offer.product}, status=410)
    if request.method == "GET" and not is_prefetch(request):
        OutboundClick.objects.create(
            offer=offer,
            source_path=internal_source_path(request),
            is_bot=looks_like_bot(request),
            client_hash=client_hash(request),
        )
    response = HttpResponseRedirect(offer.url)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
