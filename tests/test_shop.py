"""The shop at /products/: every product as a card, filtered by category, sorted, paginated; bad input is a
404 or the nearest page, never a 5xx; and it costs the same queries with 5 products or 500."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.models import Product, ProductCategory, ProductIndexPage, ProductReview

SHOP = "/products/"


@pytest.fixture
def shop(demo):
    return ProductIndexPage.objects.get()


@pytest.fixture
def facial(demo):
    return ProductCategory.objects.get(slug="facial-tools")


def make_products(count, category=None, prefix="Tool"):
    products = Product.objects.bulk_create(
        Product(name=f"{prefix} {i:03d}", slug=f"{prefix.lower()}-{i:03d}", tagline=f"Tagline {i}")
        for i in range(count)
    )
    if category is not None:
        Product.categories.through.objects.bulk_create(
            Product.categories.through(product=p, productcategory=category) for p in products
        )
    return products


def names_on(html):
    return re.findall(r'<h2 class="product-name"><a href="[^"]+">([^<]+)</a>', html)


def test_the_shop_is_an_editable_page_with_title_intro_seo_and_breadcrumbs(client, shop):
    shop.seo_title = "Tools we use, rated by readers"
    shop.search_description = "Gua sha and acupressure tools."
    shop.save_revision().publish()
    html = client.get(SHOP).content.decode()
    assert "<title>Tools we use, rated by readers" in html
    assert '<meta name="description" content="Gua sha and acupressure tools.">' in html
    assert f"<h1>{shop.title}</h1>" in html and shop.intro in html
    assert '<nav class="breadcrumb" aria-label="Breadcrumb">' in html
    assert '"@type":"BreadcrumbList"' in html
    assert '<link rel="canonical" href="http://localhost/products/">' in html


def test_each_card_shows_image_badge_tagline_average_rating_and_review_count(client, shop):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    ProductReview.objects.filter(product=product).delete()
    for rating in (5, 4, 4):
        ProductReview.objects.create(product=product, name="R", rating=rating, text="Fine tool.", approved=True)
    ProductReview.objects.create(product=product, name="P", rating=1, text="Still pending.")
    html = client.get(SHOP).content.decode()
    card = html[html.index('class="card shop-card"') : html.index("</li>", html.index('class="card shop-card"'))]
    assert "<picture>" in card and product.badge in card and product.tagline in card
    assert f'href="/products/{product.slug}/"' in card
    assert "4.3 · 3 reviews" in card  # the pending review is not counted


def test_the_category_links_filter_the_shop(client, shop, facial):
    body = ProductCategory.objects.get(slug="body-tools")
    make_products(2, category=body, prefix="Scraper")
    html = client.get(SHOP).content.decode()
    assert 'href="/products/category/facial-tools/"' in html and 'href="/products/category/body-tools/"' in html
    filtered = client.get("/products/category/body-tools/").content.decode()
    assert names_on(filtered) == ["Scraper 000", "Scraper 001"]
    assert "<h1>Body tools</h1>" in filtered
    assert '<link rel="canonical" href="http://localhost/products/category/body-tools/">' in filtered
    assert 'href="/products/category/body-tools/" aria-current="page"' in filtered


def test_the_shop_sorts_by_rating_or_by_name(client, shop):
    ProductReview.objects.all().delete()
    low, high, unrated = make_products(3)
    ProductReview.objects.create(product=low, name="R", rating=2, text="Meh tool.", approved=True)
    ProductReview.objects.create(product=high, name="R", rating=5, text="Great tool.", approved=True)
    by_rating = names_on(client.get(SHOP).content.decode())
    assert by_rating.index(high.name) < by_rating.index(low.name) < by_rating.index(unrated.name)
    by_name = names_on(client.get(SHOP, {"sort": "name"}).content.decode())
    assert by_name == sorted(by_name)


def test_the_shop_is_paginated_and_pages_keep_the_sort(client, shop):
    make_products(shop.per_page + 5)
    html = client.get(SHOP, {"sort": "name"}).content.decode()
    assert len(names_on(html)) == shop.per_page
    assert 'href="/products/?sort=name&amp;page=2"' in html
    second = client.get(SHOP, {"sort": "name", "page": "2"}).content.decode()
    assert len(names_on(second)) == Product.objects.count() - shop.per_page


@pytest.mark.parametrize(
    "url, status",
    [
        ("/products/?page=abc", 200),
        ("/products/?page=99999", 200),
        ("/products/?page=-1", 200),
        ("/products/?page=%00", 200),
        ("/products/?sort=price", 200),
        ("/products/?sort=%00", 200),
        ("/products/category/no-such-shelf/", 404),
        ("/products/category/facial-tools/?page=zzz", 200),
        ("/products/category/", 404),
        ("/products/category/a/b/", 404),
    ],
)
def test_bad_input_is_a_404_or_the_nearest_page_never_an_error(client, shop, url, status):
    assert client.get(url).status_code == status


def test_a_page_number_past_the_end_shows_the_last_page(client, shop):
    make_products(shop.per_page + 1)
    html = client.get(SHOP, {"page": "99999", "sort": "name"}).content.decode()
    assert "Page 2 of 2" in html


def _queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url, budget",
    # A category is a sub-route: the home page's one-lookup routing misses, Wagtail's own finds the shop
    # (1 more), and the category is read (1 more). With the cache emptied, the editors' header and footer links
    # read the pages they point to (1 more, then cached with the menu).
    [(SHOP, 14), ("/products/?sort=name&page=2", 14), ("/products/category/facial-tools/", 16)],
)
def test_the_shop_costs_the_same_queries_with_5_products_or_500(client, shop, facial, url, budget):
    from wagtail.images.models import Image

    image = Image.objects.first()
    Product.objects.all().delete()
    few = make_products(5, category=facial)
    Product.objects.filter(pk__in=[p.pk for p in few]).update(image=image)
    for product in few:
        ProductReview.objects.create(product=product, name="R", rating=4, text="Solid tool.", approved=True)
    _queries(client, url)  # renditions created once
    with_5 = _queries(client, url)
    many = make_products(495, category=facial, prefix="More")
    Product.objects.filter(pk__in=[p.pk for p in many]).update(image=image)
    ProductReview.objects.bulk_create(
        ProductReview(product=p, name="R", rating=1 + i % 5, text="Words.", approved=True) for i, p in enumerate(many)
    )
    with_500 = _queries(client, url)
    assert with_5 == with_500
    # Wagtail's routing and serving of any page (site, root, page, its specific row, view restrictions: 6),
    # site root paths and settings (2, both cached across requests in production), and the shop's own 5:
    # category links, count, one page of products with their ratings, their images, their renditions.
    assert with_500 <= budget


def test_a_cached_shop_page_costs_no_queries(client, shop):
    client.get(SHOP)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SHOP)
    assert response["X-Page-Cache"] == "hit" and len(queries) == 0


def test_there_is_only_one_shop_and_it_lives_under_the_home_page(shop):
    from home.models import HomePage

    assert not ProductIndexPage.can_create_at(HomePage.objects.get())
    assert ProductIndexPage.max_count == 1


def test_a_new_category_shows_in_the_shop_at_once(client, shop):
    client.get(SHOP)
    aids = ProductCategory.objects.get(slug="acupressure-aids")
    make_products(1, category=aids, prefix="Probe")
    aids.save()  # what the snippet editor does
    assert 'href="/products/category/acupressure-aids/"' in client.get(SHOP).content.decode()


def test_the_sitemap_has_every_product_with_its_last_change(client, shop, sitemap_entries):
    make_products(3, prefix="Roller")
    entries = sitemap_entries()
    for product in Product.objects.all():
        assert entries[f"http://localhost/products/{product.slug}/"] == product.updated_at.date().isoformat()
    assert "http://localhost/products/" in entries  # the shop page itself, through Wagtail's page sitemap
