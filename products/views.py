from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from .clicks import client_hash, internal_source_path, is_prefetch, looks_like_bot
from .models import Offer, OutboundClick, Product

REVIEWS_PER_PAGE = 10


def product_detail(request, slug):
    product = get_object_or_404(Product.objects.select_related("image"), slug=slug)
    Product.prefetch_for_cards([product])
    reviews = Paginator(product.approved_reviews, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "products/product_detail.html", {"product": product, "reviews": reviews})


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
