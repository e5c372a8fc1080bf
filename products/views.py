from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .clicks import client_hash, internal_source_path, is_prefetch, looks_like_bot
from .forms import ReviewForm
from .models import Offer, OutboundClick, Product
from .reviews import count_submission, rate_limited, same_origin
from .structured_data import product_json_ld

REVIEWS_PER_PAGE = 10


def _product_page(request, product, form=None, status=200):
    """The product page. Its query count does not grow with the number of reviews: one aggregate for the
    rating, one count and one slice for the page of reviews."""
    prefetch_related_objects(
        [product], "features", Prefetch("offers", queryset=Offer.objects.filter(active=True), to_attr="active_offers")
    )
    summary = product.rating_summary
    reviews = Paginator(product.reviews.approved(), REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "product": product,
        "summary": summary,
        "reviews": reviews,
        "form": form or ReviewForm(),
        "thanks": request.GET.get("review") == "thanks",
        "structured_data": product_json_ld(request, product, summary, reviews),
    }
    return render(request, "products/product_detail.html", context, status=status)


def product_detail(request, slug):
    product = get_object_or_404(Product.objects.select_related("image"), slug=slug)
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
    product = get_object_or_404(Product.objects.select_related("image"), slug=slug)
    if not same_origin(request):
        return HttpResponse(
            "Reviews can only be sent from the review form on this site.", status=403, content_type="text/plain"
        )
    if rate_limited(request):
        return HttpResponse(
            "You have sent several reviews in the last hour. Please try again later.",
            status=429,
            content_type="text/plain",
            headers={"Retry-After": "3600"},
        )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        response = _product_page(request, product, form=form, status=400)
        response["Cache-Control"] = "no-store"
        return response
    count_submission(request)
    if not form.is_bot:  # a filled honeypot gets the same thank-you, so bots learn nothing
        review = form.save(commit=False)
        review.product = product
        review.approved = review.rejected = False
        review.save()
    return HttpResponseRedirect(f"{product.get_absolute_url()}?review=thanks#review-form", status=303)


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
