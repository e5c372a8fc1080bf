from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Site

from caching.kept import kept_response


def robots_txt(request):
    site = Site.find_for_request(request)
    root = site.root_url if site is not None else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /go/",
        f"Sitemap: {root}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def sitemap_index_view(request, sitemaps):
    """The sitemap's index and its pages, kept whole until the next change (``caching.kept``): a page of
    500 addresses takes tens of milliseconds to write."""
    return kept_response(
        request, "sitemap-index", lambda: sitemap_index(request, sitemaps, sitemap_url_name="sitemap_section")
    )


def sitemap_section_view(request, section, sitemaps):
    page = request.GET.get("p", "")
    return kept_response(request, "sitemap", lambda: sitemap(request, sitemaps, section=section), section, page)
