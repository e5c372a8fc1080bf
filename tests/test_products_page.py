"""The product page a shopper sees: data, approved reviews, offers and its structured data."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.models import Product, ProductReview

URL = "/products/facial-gua-sha-tool/"


@pytest.fixture
def product(demo):
    return Product.objects.get(slug="facial-gua-sha-tool")


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_product_page_shows_name_badge_tagline_features_rating_and_every_active_offer(client, product):
    html = client.get(URL).content.decode()
    assert product.name in html and product.badge in html and product.tagline in html
    for feature in product.features.all():
        assert feature.title in html
    for offer in product.offers.filter(active=True):
        assert f'href="/go/{offer.slug}/" rel="sponsored nofollow noopener"' in html
    assert "out of 5 from" in html


def test_the_disclosure_comes_before_the_first_retailer_link(client, product):
    html = client.get(URL).content.decode()
    assert html.index('class="disclosure"') < html.index('href="/go/')


def test_only_approved_reviews_appear_newest_first(client, product):
    ProductReview.objects.create(product=product, name="Pending Pat", rating=5, text="Not yet read by an editor.")
    ProductReview.objects.create(product=product, name="Rejected Ray", rating=1, text="Spam spam spam.", rejected=True)
    ProductReview.objects.create(product=product, name="Newest Nina", rating=4, text="Lovely jade.", approved=True)
    html = client.get(URL).content.decode()
    assert "Pending Pat" not in html and "Rejected Ray" not in html
    first_review = html.index('class="reader-review"')
    assert html.index("Newest Nina", first_review) < html.index("</figure>", first_review)


def test_reviews_are_paginated_and_a_bad_page_number_is_not_an_error(client, product):
    ProductReview.objects.bulk_create(
        ProductReview(product=product, name=f"Reader {i}", rating=5, text="Good tool.", approved=True)
        for i in range(25)
    )
    assert 'rel="next"' in client.get(URL).content.decode()
    for page in ("2", "abc", "99999", "-1"):
        assert client.get(URL, {"page": page}).status_code == 200


def test_an_unknown_product_is_404(client, demo):
    assert client.get("/products/no-such-thing/").status_code == 404


def _queries_for_page(client):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_number_of_queries_with_1_or_200_reviews(client, product):
    ProductReview.objects.filter(product=product).delete()
    ProductReview.objects.create(product=product, name="Only One", rating=5, text="Just me.", approved=True)
    _queries_for_page(client)  # warm the renditions and site caches
    with_one = _queries_for_page(client)
    ProductReview.objects.bulk_create(
        ProductReview(product=product, name=f"Reader {i}", rating=1 + i % 5, text="Words.", approved=True)
        for i in range(199)
    )
    with_200 = _queries_for_page(client)
    assert with_one == with_200
    # With an empty cache: the product, the site and its settings and root paths, the menus, the rating
    # summary, features, categories, offers, the page of reviews, the shop page for the breadcrumb, the pages
    # featuring the product, the footer's editorial policy link, and the picture's renditions for each of
    # its sizes (cached across requests).
    assert with_200 <= 17


def test_a_cached_product_page_costs_no_queries(client, product):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_structured_data_is_a_product_with_the_sites_own_rating_reviews_and_features(client, product):
    ProductReview.objects.create(product=product, name="Pending Pat", rating=1, text="Not approved.")
    data = json_ld(client.get(URL).content.decode())
    approved = ProductReview.objects.approved().filter(product=product)
    assert data["@type"] == "Product" and data["name"] == product.name
    assert data["aggregateRating"]["reviewCount"] == approved.count()
    assert {r["author"]["name"] for r in data["review"]} == {r.name for r in approved}
    assert "Pending Pat" not in json.dumps(data)
    notes = data["positiveNotes"]
    assert notes["@type"] == "ItemList"
    assert [item["name"] for item in notes["itemListElement"]] == [f.title for f in product.features.all()]
    assert notes["itemListElement"][0] == {"@type": "ListItem", "position": 1, "name": product.features.first().title}
    assert "offers" not in data


def test_review_text_cannot_break_out_of_the_structured_data(client, product):
    ProductReview.objects.create(
        product=product, name="Mallory", rating=5, text="</script><script>alert(1)</script>", approved=True
    )
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert any(r["reviewBody"].startswith("</script>") for r in json_ld(html)["review"])


def test_without_approved_reviews_there_is_no_rating_markup(client, product):
    ProductReview.objects.filter(product=product).update(approved=False)
    data = json_ld(client.get(URL).content.decode())
    assert "aggregateRating" not in data and "review" not in data


def test_the_rating_summary_adds_up_to_the_review_count(client, product):
    ProductReview.objects.filter(product=product).delete()
    for rating, times in {5: 6, 4: 3, 2: 1}.items():
        for _ in range(times):
            ProductReview.objects.create(product=product, name="R", rating=rating, text="Words.", approved=True)
    ProductReview.objects.create(product=product, name="Pending", rating=1, text="Not approved yet.")
    html = client.get(URL).content.decode()
    bars = re.findall(
        r'<span class="bar-label">(\d) stars?</span>.*?w(\d+)"></span></span><span class="bar-count">(\d+)'
        r'<span class="visually-hidden"> reviews?, (\d+)%</span>',
        html,
    )
    assert [(int(stars), int(count)) for stars, _w, count, _p in bars] == [(5, 6), (4, 3), (3, 0), (2, 1), (1, 0)]
    assert sum(int(count) for _s, _w, count, _p in bars) == 10
    assert [int(percent) for *_rest, percent in bars] == [60, 30, 0, 10, 0]
    assert [int(width) for _s, width, _c, _p in bars] == [60, 30, 0, 10, 0]
    summary = product.rating_summary
    assert summary["count"] == sum(bar["count"] for bar in summary["bars"]) == 10


def review_names(html):
    return re.findall(r'<figure class="reader-review" id="review-\d+"><figcaption>([^<]+?) <', html)


@pytest.fixture
def three_reviews(product):
    ProductReview.objects.filter(product=product).delete()
    made = {}
    for name, rating in [("Oldest Olga", 3), ("Middle Max", 5), ("Newest Nell", 1)]:
        made[name] = ProductReview.objects.create(
            product=product, name=name, rating=rating, text="Words.", approved=True
        )
    return made


def test_reviews_sort_by_newest_highest_or_lowest_with_plain_links(client, three_reviews):
    html = client.get(URL).content.decode()
    assert review_names(html) == ["Newest Nell", "Middle Max", "Oldest Olga"]
    assert 'href="?sort=highest#reviews"' in html and 'href="?sort=lowest#reviews"' in html
    assert review_names(client.get(URL, {"sort": "highest"}).content.decode()) == [
        "Middle Max",
        "Oldest Olga",
        "Newest Nell",
    ]
    assert review_names(client.get(URL, {"sort": "lowest"}).content.decode()) == [
        "Newest Nell",
        "Oldest Olga",
        "Middle Max",
    ]
    assert review_names(client.get(URL, {"sort": "nonsense"}).content.decode()) == [
        "Newest Nell",
        "Middle Max",
        "Oldest Olga",
    ]


def test_review_pages_keep_the_sort_order(client, product):
    ProductReview.objects.filter(product=product).delete()
    ProductReview.objects.bulk_create(
        ProductReview(product=product, name=f"Reader {i}", rating=1 + i % 5, text="Words.", approved=True)
        for i in range(15)
    )
    html = client.get(URL, {"sort": "lowest"}).content.decode()
    assert 'href="?sort=lowest&amp;page=2#reviews"' in html
    second = client.get(URL, {"sort": "lowest", "page": "2"}).content.decode()
    ratings = [int(r) for r in re.findall(r'<span class="visually-hidden">(\d) out of 5</span> <time', second)]
    assert ratings and ratings == sorted(ratings) and ratings[0] >= 4


def test_every_available_offer_is_listed_with_its_retailer_and_last_check(client, product):
    import datetime

    from products.models import Offer

    checked = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC)
    Offer.objects.filter(product=product).update(last_checked_at=checked)
    Offer.objects.create(
        product=product, slug="gua-sha-etsy", retailer="Etsy", label="Buy on Etsy", url="https://example.com/"
    )
    Offer.objects.create(
        product=product,
        slug="gua-sha-gone",
        retailer="Gone",
        label="Buy at Gone",
        url="https://example.com/",
        active=False,
    )
    html = client.get(URL).content.decode()
    assert 'Amazon · link checked <time datetime="2026-03-04">4 Mar 2026</time>' in html
    assert "Etsy · link not checked yet" in html
    assert "/go/gua-sha-gone/" not in html
    # The disclosure sits right before the first purchase button.
    assert html.index('class="disclosure"') < html.index('class="buy"') < html.index('class="disclosure"') + 600


def test_breadcrumbs_lead_through_the_shop(client, product):
    html = client.get(URL).content.decode()
    assert '<li><a href="http://localhost/products/">Shop</a></li>' in html
    trail = [data for data in all_json_ld(html) if data.get("@type") == "BreadcrumbList"][0]
    assert [item["name"] for item in trail["itemListElement"]] == ["Home", "Shop", product.name]


def test_product_pages_work_without_a_shop_page(client, product):
    from products.models import ProductIndexPage

    ProductIndexPage.objects.get().delete()
    html = client.get(URL).content.decode()
    trail = [data for data in all_json_ld(html) if data.get("@type") == "BreadcrumbList"][0]
    assert [item["name"] for item in trail["itemListElement"]] == ["Home", product.name]
    assert client.get("/products/").status_code == 404


def test_canonical_and_open_graph(client, product):
    html = client.get(URL).content.decode()
    assert f'<link rel="canonical" href="http://localhost{URL}">' in html  # the site's own address
    assert f'<meta property="og:url" content="http://localhost{URL}">' in html
    assert f'<meta property="og:title" content="{product.name}">' in html
    assert '<meta property="og:type" content="product">' in html
    assert re.search(r'<meta property="og:image" content="http://localhost/[^"]+\.jpg">', html)


def test_the_product_lists_the_articles_that_feature_it(client, product, article):
    html = client.get(URL).content.decode()
    featured = html[html.index('id="featured-in-heading"') :]
    assert f'href="{article.url}">{article.title}</a>' in featured


def all_json_ld(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_products_are_in_the_category_links_of_their_page(client, product):
    html = client.get(URL).content.decode()
    assert '<p class="product-categories">In <a href="/products/category/facial-tools/">Facial tools</a></p>' in html


def test_cards_list_the_saved_features_and_working_offers_and_a_previews_own(demo):
    from products.models import Offer, Product, ProductFeature

    product = Product.objects.get(slug="facial-gua-sha-tool")
    Offer.objects.create(
        product=product, retailer="Closed shop", label="Gone", slug="gone", url="https://example.com/", active=False
    )
    saved = Product.objects.in_bulk([product.pk])[product.pk]
    Product.prefetch_for_cards([saved])
    assert saved.card_features == list(product.features.all()) and saved.card_features
    assert [o.slug for o in saved.active_offers] == [o.slug for o in product.offers.filter(**Offer.AVAILABLE)]
    assert "gone" not in [o.slug for o in saved.active_offers]
    held = Product.objects.get(pk=product.pk)  # as the snippet editor's preview holds it
    held.features = [ProductFeature(title="New", text="Only in the editor's form")]
    assert [f.title for f in held.card_features] == ["New"]
