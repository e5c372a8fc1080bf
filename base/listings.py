"""One page of a long listing (the article index, a person's articles, the shop)."""

from django.core.paginator import Paginator

from caching.pagecache import keep_out_of_caches


def paginate(owner, request, queryset, per_page, name=""):
    """The page of ``queryset`` that ``?page=`` asks for, as Django's paginator gives it (``?page=abc`` is
    page 1 and ``?page=99999`` the last). The count is kept under the owner page's ``cache_key`` (any change
    to what it lists purges it), so a page-cache miss doesn't count the listing again.

    Only an address that asks for this very page (no ``page``, or a page number in range written as the
    page writes it) is kept in the caches, so made-up page numbers can't fill them."""
    paginator = Paginator(queryset, per_page)
    paginator.count = owner.cached(f"count:{name}", queryset.count)
    asked = request.GET.get("page")
    page = paginator.get_page(asked)
    if asked is not None and asked != str(page.number):
        keep_out_of_caches(request)
    return page
