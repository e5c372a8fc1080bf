from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Site

from base.images import rendition_url
from caching.kept import kept
from caching.pagecache import keep_out_of_caches

from . import helpful
from .clicks import client_hash, internal_source_path, is_prefetch, looks_like_bot
from .forms import ReviewForm
from .models import Offer, OutboundClick, Product, ProductIndexPage, ProductReview
from .reviews import count_submission, same_origin
from .shop import REVIEW_SORTS, chosen_sort, sort_links
from .structured_data import breadcrumbs_json_ld, product_json_ld

REVIEWS_PER_PAGE = 10
FEATURING_LIMIT = 6


def _product_page(request, product, form=None, status=200):
    """The product page. Its fragments are kept under the product's ``cache_key`` (which any change to it,
    its offers, its approved reviews or the articles featuring it moves); what only they show is read when
    one of them must be rendered again, and its query count does not grow with the number of reviews,
    offers or articles: one aggregate for the rating and its bars, one slice for the page of reviews."""
    sort, thanks = chosen_sort(request, REVIEW_SORTS), request.GET.get("review") == "thanks"
    root = site_root(request)
    shop = SimpleLazyObject(ProductIndexPage.live_shop)
    # Averaging every review is kept under the product's cache_key: an approved review moves it.
    summary = SimpleLazyObject(lambda: kept(f"rating:{product.cache_key}", lambda: product.rating_summary))

    def page_of_reviews():
        paginator = Paginator(product.reviews.approved().order_by(*REVIEW_SORTS[sort][1]), REVIEWS_PER_PAGE)
        paginator.count = summary["count"]  # already counted by the rating summary
        asked = request.GET.get("page")
        page = paginator.get_page(asked)
        if asked is not None and asked != str(page.number):
            keep_out_of_caches(request)  # a made-up page number must not make entries of its own
        return page

    reviews = SimpleLazyObject(page_of_reviews)
    crumbs = SimpleLazyObject(lambda: breadcrumbs_json_ld(root, product, shop or None))
    context = {
        "product": product,
        "summary": summary,
        "reviews": reviews,
        "review_sort": sort,
        "review_sorts": sort_links(REVIEW_SORTS, sort),
        "default_review_sort": next(iter(REVIEW_SORTS)),
        # The page a no-script vote comes back to thanks the reader beside that one review: not kept.
        "voted": request.GET.get("voted", ""),
        "shop": shop,
        "category_links": SimpleLazyObject(
            lambda: [{"name": c.name, "url": shop.category_url(c)} for c in product.categories.all()] if shop else []
        ),
        "breadcrumbs": crumbs,
        "featured_in": SimpleLazyObject(lambda: product.featured_in(limit=FEATURING_LIMIT)),
        "form": form or ReviewForm(),
        "thanks": thanks,
        "canonical_url": root + product.get_absolute_url(),
        # Called by the template only when their fragments must be rendered again.
        "share_image_url": lambda: _absolute(root, rendition_url(product.image, "fill-1200x630|format-jpeg")),
        "structured_data": lambda: product_json_ld(root, product, summary, reviews) + crumbs["script"],
    }
    return render(request, "products/product_detail.html", context, status=status)


def product_page(request, product):
    """The product page for ``product`` as given (the admin's preview passes its unsaved form's product)."""
    return _product_page(request, product)


def site_root(request):
    """The site's own root URL (``https://example.com``), for absolute addresses that are the same whatever
    Host header the request came with."""
    site = Site.find_for_request(request)
    return site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")


def _product_or_404(request, slug):
    product = Product.objects.select_related("image").filter(slug=slug).first()
    if product is None:
        raise Http404("No product has this address.")
    return product


def _absolute(root, url):
    if not url:
        return ""
    return root + url if url.startswith("/") else url


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
