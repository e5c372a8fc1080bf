"""schema.org Product markup built from the site's own data: approved reader reviews and features.
No offers or merchant markup: the prices live on the retailers' sites."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from tcmtips.images import rendition_url


def product_json_ld(request, product, summary, reviews):
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": request.build_absolute_uri(product.get_absolute_url()),
    }
    if product.tagline:
        data["description"] = product.tagline
    image = rendition_url(product.image, "fill-360x360|format-jpeg")
    if image:
        data["image"] = request.build_absolute_uri(image)
    features = list(product.features.all())
    if features:
        data["positiveNotes"] = {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "name": f.title} for i, f in enumerate(features, start=1)
            ],
        }
    if summary["count"]:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(float(summary["average"]), 1),
            "reviewCount": summary["count"],
            "bestRating": 5,
            "worstRating": 1,
        }
        data["review"] = [
            {
                "@type": "Review",
                "author": {"@type": "Person", "name": r.name},
                "datePublished": r.created_at.date().isoformat(),
                "reviewBody": r.text,
                "reviewRating": {"@type": "Rating", "ratingValue": r.rating, "bestRating": 5, "worstRating": 1},
            }
            for r in reviews
        ]
    # Escape <, > and & as json_script does, so review text can never close the script element.
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def breadcrumbs_json_ld(request, product, index):
    """Home › Shop › product, or Home › product when no shop page exists. Returns the trail for the
    visible breadcrumb (``items``: name and URL) and its BreadcrumbList data block (``script``). The shop's
    URL comes from Wagtail's cached site root paths, so the trail costs no query of its own."""
    from wagtail.models import Site

    from tcmtips import seo

    if index is not None:
        _site_id, home, _path = index.get_url_parts(request)
        trail = [("Home", home + "/"), (index.title, index.get_full_url(request))]
    else:
        site = Site.find_for_request(request)
        trail = [("Home", (site.root_url if site else request.build_absolute_uri("/").rstrip("/")) + "/")]
    url = request.build_absolute_uri(product.get_absolute_url())
    trail.append((product.name, url))
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": link} for n, (name, link) in enumerate(trail, 1)
        ],
    }
    return {
        "items": [{"name": name, "url": link} for name, link in trail],
        "script": mark_safe(f'<script type="application/ld+json">{seo.dumps(data)}</script>'),
    }
