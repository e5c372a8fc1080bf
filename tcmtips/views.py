from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from articles.meridians import normalise_code


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /go/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    """A 404 that helps: if the missing address looks like a point code, offer the search for it."""
    last = request.path.rstrip("/").rsplit("/", 1)[-1]
    suggestion = last.replace("-", " ") if last else ""
    return render(
        request,
        "404.html",
        {"suggestion": suggestion[:60], "is_point": bool(normalise_code(last))},
        status=404,
    )
