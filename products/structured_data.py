"""schema.org Product markup built from the site's own data: approved reader reviews and features.
No offers or merchant markup: the prices live on the retailers' sites. Every address starts with the site's
own root URL (``root``), never the request's Host header."""

from django.utils.safestring import mark_safe

from base.images import rendition_url
from seo import jsonld


def product_json_ld(root, product, summary, reviews):
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "Product",
        "name": product.name,
        "url": root + product.get_absolute_url(),
    }
    if product.tagline:
        data["description"] = product.tagline
    image = rendition_url(product.image, "fill-360x360|format-jpeg")
    if image:
        data["image"] = root + image if image.startswith("/") else image
    features = product.card_features
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
    # jsonld.dumps escapes <, > and & as json_script does, so review text can never close the script element.
    return mark_safe(f'<script type="application/ld+json">{jsonld.dumps(data)}</script>')


def breadcrumbs_json_ld(root, product, index):
    """Home › Shop › product, or Home › product when no shop page exists. Returns the trail for the
    visible breadcrumb (``items``: name and URL) and its BreadcrumbList data block (``script``)."""
    trail = [("Home", root + "/")]
    if index is not None:
        trail.append((index.title, index.get_full_url()))
    url = root + product.get_absolute_url()
    trail.append((product.name, url))
    data = {
        "@context": jsonld.CONTEXT,
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": link} for n, (name, link) in enumerate(trail, 1)
        ],
    }
    return {
        "items": [{"name": name, "url": link} for name, link in trail],
        "script": mark_safe(f'<script type="application/ld+json">{jsonld.dumps(data)}</script>'),
    }
