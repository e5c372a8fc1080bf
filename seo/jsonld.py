"""Structured data (JSON-LD) for search engines, built as plain dicts so tests can check each field.

Only what is true goes in: ``reviewedBy``/``lastReviewed`` appear only when a medical review is recorded.
No HowTo markup (search engines dropped it and it would repeat the steps)."""

import json

from django.utils.safestring import mark_safe
from wagtail.models import Page

from base.images import rendition_url

CONTEXT = "https://schema.org"
SHARE_RENDITION = "fill-1200x630|format-jpeg"
PORTRAIT_RENDITION = "fill-400x400|format-jpeg"

# As django.utils.html.json_script: nothing in the data can close the <script> element or start markup.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data):
    """The JSON-LD text for a ``<script type="application/ld+json">`` data block (not executable)."""
    return mark_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES))


def image_url(image, page, request, spec=SHARE_RENDITION):
    """Absolute rendition URL on the same site root as the page's canonical URL."""
    url = rendition_url(image, spec)
    if not url:
        return None
    return root_url(page, request) + url if url.startswith("/") else url


def iso(value):
    return value.isoformat() if value else None


def compact(data):
    """Drop empty values: absent is honest, empty strings and nulls are noise."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def breadcrumb_list(page, request):
    """Site root › … › this page, the ancestors' titles in one query."""
    _site_id, base_url, page_path = page.get_url_parts(request)
    segments = [s for s in page_path.strip("/").split("/") if s]
    root_depth = page.depth - len(segments)
    paths = [page.path[: page.steplen * depth] for depth in range(root_depth, page.depth)]
    titles = dict(Page.objects.filter(path__in=paths).values_list("path", "title"))
    items = []
    for index, path in enumerate(paths + [page.path]):
        relative = "/" + "".join(f"{segment}/" for segment in segments[:index])
        name = page.title if path == page.path else titles.get(path, "")
        items.append({"@type": "ListItem", "position": index + 1, "name": name, "item": base_url + relative})
    return {"@type": "BreadcrumbList", "@id": page.get_full_url(request) + "#breadcrumb", "itemListElement": items}


def root_url(page, request):
    return page.get_url_parts(request)[1]


def person(person_page, request, with_id=True):
    if person_page is None:
        return None
    url = person_page.get_full_url(request)
    return compact(
        {
            "@type": "Person",
            "@id": url + "#person" if with_id else None,
            "name": person_page.title,
            "honorificPrefix": person_page.honorific,
            "jobTitle": person_page.role,
            "description": person_page.short_bio,
            "url": url,
            "image": image_url(person_page.photo, person_page, request, PORTRAIT_RENDITION),
        }
    )


def organization(site_name, url):
    return {"@type": "Organization", "name": site_name, "url": url + "/"}


def article_graph(article, request, site_name):
    url = article.get_full_url(request)
    # Only a live reviewer's approval of exactly this text (see ArticlePage.review_status).
    reviewed = getattr(article, "review_status", None) == "reviewed"
    page = compact(
        {
            "@type": "MedicalWebPage",
            "@id": url + "#page",
            "url": url,
            "name": article.seo_title or article.title,
            "headline": (article.seo_title or article.title)[:110],
            "description": article.meta_description,
            "inLanguage": "en",
            "image": image_url(article.share_image, article, request),
            "datePublished": iso(article.first_published_at),
            "dateModified": iso(article.last_published_at),
            "author": person(article.author, request),
            "reviewedBy": person(article.reviewer, request) if reviewed else None,
            "lastReviewed": article.last_reviewed.isoformat() if reviewed else None,
            "publisher": organization(site_name, root_url(article, request)),
            "breadcrumb": {"@id": url + "#breadcrumb"},
            "citation": [reference_citation(ref) for ref in getattr(article, "references", ())],
        }
    )
    return {"@context": CONTEXT, "@graph": [page, breadcrumb_list(article, request)]}


def reference_citation(ref):
    return compact(
        {
            "@type": "ScholarlyArticle" if ref.get("doi") or ref.get("pmid") else "CreativeWork",
            "name": ref.get("title"),
            "author": ref.get("authors"),
            "publisher": ref.get("source"),
            "datePublished": str(ref["year"]) if ref.get("year") else None,
            "url": getattr(ref, "link", None),
            "isbn": ref.get("isbn") or None,
        }
    )


def profile_graph(person_page, request, site_name=None):
    url = person_page.get_full_url(request)
    main = person(person_page, request)
    main["sameAs"] = [link.url for link in person_page.links.all()] or None
    main = compact(main)
    page = compact(
        {
            "@type": "ProfilePage",
            "@id": url + "#page",
            "url": url,
            "name": person_page.display_name,
            "dateModified": iso(person_page.last_published_at),
            "mainEntity": main,
            "breadcrumb": {"@id": url + "#breadcrumb"},
        }
    )
    return {"@context": CONTEXT, "@graph": [page, breadcrumb_list(person_page, request)]}


def page_graph(page, request, site_name):
    """Any other page: the home page names the site, the rest get their breadcrumb trail."""
    if page.depth <= 2:
        return {"@context": CONTEXT, "@type": "WebSite", "name": site_name, "url": root_url(page, request) + "/"}
    return {"@context": CONTEXT, **breadcrumb_list(page, request)}
