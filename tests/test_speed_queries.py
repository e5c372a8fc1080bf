"""A page-cache miss stays cheap: the queries each page makes, with every cache off and with the
fragment cache warm, held exactly; the same counts however big the site grows; and cached fragments that
change as soon as what they show changes.

The page cache is off in every test here (PAGE_CACHE_SECONDS=0): these are the renders a miss pays for."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from articles.models import AcupointPage, ArticlePage
from base.models import SiteSettings
from products.models import Offer, Product, ProductReview

ARTICLE = "/articles/lower-back-pain-acupressure-points/"
PRODUCT = "/products/facial-gua-sha-tool/"
PAGES = ["/", ARTICLE, "/points/bl-40/", "/points/", "/articles/", PRODUCT]

# Every cache off (CACHE_URL=dummycache://): what a render costs in the database alone, through Wagtail's own
# routing (the site, the home page, each level down to the page; the types' own route() finds an article,
# a point or a person with what its page shows in one query), the view restrictions, the site settings and
# menus, and everything the page shows. Production never runs like this; it is the floor under every miss.
# The article and the library each read the reader cautions (two queries: the cautions and their chosen
# points) for the safety filter, once a request. The home page reads its hero picture and its renditions.
# The footer's link to the editorial policy costs one more (its address, like each menu link's, asks for
# the site root paths, which only the cache keeps between calls).
COLD = {"/": 18, ARTICLE: 33, "/points/bl-40/": 20, "/points/": 19, "/articles/": 19, PRODUCT: 25}
# The fragments warm: the site (Wagtail asks on every request), the home page and, below it, the page itself;
# the home page's children, the view restrictions, the site settings and menus come from the cache, and
# so does everything the page shows.
WARM = {"/": 2, ARTICLE: 3, "/points/bl-40/": 3, "/points/": 2, "/articles/": 2, PRODUCT: 2}


def use_caches(settings, backend):
    settings.CACHES = {name: {"BACKEND": backend, "LOCATION": f"speed-{name}"} for name in ("default", "renditions")}
    for name in ("default", "renditions"):
        if hasattr(caches._connections, name):
            delattr(caches._connections, name)


@pytest.fixture
def no_caches(settings, demo):
    settings.PAGE_CACHE_SECONDS = 0
    use_caches(settings, "django.core.cache.backends.dummy.DummyCache")
    yield
    use_caches(settings, "django.core.cache.backends.locmem.LocMemCache")


@pytest.fixture
def fragments_only(settings, demo):
    settings.PAGE_CACHE_SECONDS = 0
    use_caches(settings, "django.core.cache.backends.locmem.LocMemCache")
    caches["default"].clear()
    yield
    caches["default"].clear()


def queries(client, url):
    client.get(url)  # first render: warms the fragments (when there is a cache) and Django's own caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
    return len(captured)


def only_the_site(captured):
    """Wagtail finds the site a request is for with one query on every request the page cache doesn't answer."""
    return [query["sql"].split(" FROM ")[1].split()[0] for query in captured] == ['"wagtailcore_site"']


def counts(client):
    return {url: queries(client, url) for url in PAGES}


def grow_the_site(article, product):
    """Twenty more articles that show BL-40 and the product card, and fifty more approved reviews."""
    index = article.get_parent()
    for n in range(20):
        copy = ArticlePage(
            title=f"Another routine {n}",
            slug=f"another-routine-{n}",
            intro=article.intro,
            body=article.body.raw_data,
            author=article.author,
            hero_image=article.hero_image,
        )
        index.add_child(instance=copy)
        copy.save_revision().publish()
    for n in range(50):
        ProductReview.objects.create(
            product=product, name=f"Reader {n}", rating=1 + n % 5, text="Works.", approved=True
        )


def publish_fresh_article(demo):
    """A new article, "A fresh routine", published beside the demo article."""
    fresh = ArticlePage(title="A fresh routine", slug="a-fresh-routine", intro=demo.intro, author=demo.author)
    demo.get_parent().add_child(instance=fresh)
    fresh.save_revision().publish()
    return fresh


def test_with_every_cache_off_each_page_makes_the_same_small_number_of_queries(client, no_caches):
    assert counts(client) == COLD


def test_with_the_fragments_cached_no_page_makes_more_than_three_queries(client, fragments_only):
    assert counts(client) == WARM
    assert max(WARM.values()) <= 3


def test_the_counts_do_not_grow_with_the_site(client, no_caches, demo, settings):
    grow_the_site(demo, Product.objects.get(slug="facial-gua-sha-tool"))
    assert counts(client) == COLD
    use_caches(settings, "django.core.cache.backends.locmem.LocMemCache")
    assert counts(client) == WARM


def test_a_search_results_page_looks_the_site_roots_up_once_not_once_per_result(client, no_caches):
    # Once 383 queries with the cache off, one lookup of the site roots per point and article link.
    assert queries(client, "/search/?q=back") <= 23  # 22 before the footer linked the editorial policy


def test_an_approved_review_shows_on_the_articles_card_without_waiting(client, fragments_only):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    assert "Best tool I have owned" not in client.get(ARTICLE).content.decode()
    ProductReview.objects.create(
        product=product, name="Ines", rating=5, text="Best tool I have owned.", approved=True, featured=True
    )
    assert "Best tool I have owned" in client.get(ARTICLE).content.decode()


def test_a_broken_offer_leaves_the_card_at_once(client, fragments_only):
    offer = Offer.objects.available().filter(product__slug="facial-gua-sha-tool").first()
    assert offer.get_go_url() in client.get(ARTICLE).content.decode()
    offer.active = False
    offer.save()
    assert offer.get_go_url() not in client.get(ARTICLE).content.decode()


def test_a_republished_point_changes_its_section_in_the_article(client, fragments_only):
    point = AcupointPage.objects.get(slug="bl-40")
    client.get(ARTICLE)
    point.english_name = "Bend Centre (renamed)"
    point.save_revision().publish()
    assert "Bend Centre (renamed)" in client.get(ARTICLE).content.decode()


def test_a_menu_page_given_a_new_address_and_new_footer_text_show_everywhere(client, fragments_only):
    client.get("/")
    points = AcupointPage.objects.first().get_parent().specific
    points.slug = "point-finder"
    points.save_revision().publish()
    site_settings = SiteSettings.objects.get()
    site_settings.footer_text = "<p>Written in Tallinn.</p>"
    site_settings.save()
    html = client.get("/").content.decode()
    assert 'href="/point-finder/"' in html and "Written in Tallinn." in html


def test_an_editors_preview_shows_the_draft_and_readers_never_see_it(client, fragments_only, admin_user):
    client.get(ARTICLE)
    article = ArticlePage.objects.get(slug="lower-back-pain-acupressure-points")
    article.title = "A draft title nobody has approved"
    article.save_revision()
    editor = Client()
    editor.force_login(admin_user)
    assert "A draft title nobody has approved" in editor.get(f"/admin/pages/{article.pk}/view_draft/").content.decode()
    assert "A draft title nobody has approved" not in client.get(ARTICLE).content.decode()


def test_the_product_pages_cached_block_follows_its_offers_and_its_rating(client, fragments_only):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    offer = Offer.objects.available().filter(product=product).first()
    before = client.get(PRODUCT).content.decode()
    assert offer.get_go_url() in before
    offer.active = False
    offer.save()
    ProductReview.objects.create(product=product, name="Ola", rating=1, text="Snapped in a week.", approved=True)
    after = client.get(PRODUCT).content.decode()
    assert offer.get_go_url() not in after
    count = product.reviews.approved().count()
    assert f"{count} review{'s' if count != 1 else ''}</a>" in after


def test_a_republished_point_shows_its_new_name_in_the_cached_library_list(client, fragments_only):
    assert "BL-40" in client.get("/points/").content.decode()
    point = AcupointPage.objects.get(slug="bl-40")
    point.english_name = "Middle of the Crook"
    point.save_revision().publish()
    assert "Middle of the Crook" in client.get("/points/").content.decode()
    assert 'href="/points/bl-23/"' in client.get("/points/?region=lower-back").content.decode()
    AcupointPage.objects.get(slug="bl-23").unpublish()
    assert 'href="/points/bl-23/"' not in client.get("/points/?region=lower-back").content.decode()


def test_the_next_page_of_a_search_reuses_the_ranked_articles(client, fragments_only):
    client.get("/search/?q=back+pain")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/search/?q=back+pain&page=2").status_code == 200
    assert not [q for q in captured if "indexentry" in q["sql"].lower() or "fts" in q["sql"].lower()]


def test_a_newly_published_article_is_found_by_the_same_words_at_once(client, fragments_only, demo):
    client.get("/search/?q=knee+stiffness")
    copy = ArticlePage(
        title="Knee stiffness after a long walk", slug="knee-stiffness", intro=demo.intro, body=demo.body.raw_data
    )
    demo.get_parent().add_child(instance=copy)
    copy.save_revision().publish()
    assert "Knee stiffness after a long walk" in client.get("/search/?q=knee+stiffness").content.decode()


def test_a_new_article_heads_the_cached_article_list_at_once(client, fragments_only, demo):
    assert "A fresh routine" not in client.get("/articles/").content.decode()
    fresh = publish_fresh_article(demo)
    html = client.get("/articles/").content.decode()
    assert html.index("A fresh routine") < html.index(demo.title)
    fresh.unpublish()
    assert "A fresh routine" not in client.get("/articles/").content.decode()


def test_the_articles_cached_head_follows_its_reviewer_its_text_and_the_site_name(client, fragments_only, demo):
    client.get(ARTICLE)
    reviewer = demo.reviewer
    reviewer.title = "Dr Mai Sogawa-Lind"
    reviewer.save_revision().publish()
    demo.search_description = "Five points, two minutes each, for a stiff lower back."
    demo.save_revision().publish()
    site_settings = SiteSettings.objects.get()
    site_settings.site_name = "TCM Tips Daily"
    site_settings.save()
    head = client.get(ARTICLE).content.decode().split("</head>")[0]
    assert "Sogawa-Lind" in head and "Five points, two minutes each" in head and "TCM Tips Daily" in head


def test_a_warm_article_reads_none_of_what_its_cached_page_shows(client, fragments_only):
    client.get(ARTICLE)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(ARTICLE).content.decode()
    sql = "\n".join(query["sql"] for query in captured)
    # What the cached page shows is never read: not a point's names, not a product, its features or offers,
    # not the author's books, not the update log.
    assert '"english_name"' not in sql and "products_product" not in sql
    assert "products_productfeature" not in sql and "products_offer" not in sql
    assert "authors_book" not in sql and "articles_articleupdate" not in sql
    assert html.count('class="point-section"') == 5 and 'class="product-card"' in html
    assert "Gua Sha Tool" in html  # the card's own heading, shown from the stored text


def test_the_articles_cached_picture_follows_its_image(client, fragments_only, demo):
    hero = demo.hero_image
    client.get(ARTICLE)
    hero.description = "Thumbs pressing either side of the lower spine"
    hero.save()
    assert 'alt="Thumbs pressing either side of the lower spine"' in client.get(ARTICLE).content.decode()


def test_the_product_pages_head_names_the_sites_own_address_whatever_host_it_was_asked_on(
    client, fragments_only, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "shop.example"]
    root = Site.objects.get(is_default_site=True).root_url
    for host in ("localhost", "localhost:8443", "shop.example"):
        head = client.get(PRODUCT, HTTP_HOST=host).content.decode().split("</head>")[0]
        assert f'rel="canonical" href="{root}{PRODUCT}"' in head, host
        assert "shop.example" not in head and "8443" not in head  # not in the tags, not in the structured data


def test_a_readers_rejected_review_is_shown_back_to_them_and_to_no_one_else(client, fragments_only):
    client.get(PRODUCT)  # the empty form, cached
    sent = {"name": "Wen", "rating": "9", "text": "Smooth edges and a nice weight.", "email": ""}
    response = client.post(PRODUCT + "reviews/", sent, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 400 and "Smooth edges and a nice weight." in response.content.decode()
    assert 'value="Wen"' in response.content.decode()
    html = client.get(PRODUCT).content.decode()
    assert "Smooth edges" not in html and 'value="Wen"' not in html


def test_a_renamed_author_shows_in_the_articles_author_box_and_head_at_once(client, fragments_only, demo):
    client.get(ARTICLE)
    author = demo.author
    author.title = "Lin Okafor-Berg"
    author.save_revision().publish()
    html = client.get(ARTICLE).content.decode()
    head, body = html.split("</head>")
    assert "Lin Okafor-Berg" in head and "Lin Okafor-Berg" in body.split('class="author-box"')[1]


def test_the_home_page_shows_a_new_article_first_and_drops_an_unpublished_one_at_once(client, fragments_only, demo):
    client.get("/")
    fresh = ArticlePage(title="Morning neck routine", slug="morning-neck", intro=demo.intro, author=demo.author)
    demo.get_parent().add_child(instance=fresh)
    fresh.save_revision().publish()
    html = client.get("/").content.decode()
    assert html.index("Morning neck routine") < html.index(demo.title)
    demo.unpublish()
    html = client.get("/").content.decode()
    assert demo.title not in html and "Morning neck routine" in html


def test_an_edited_complaint_shows_in_every_cached_list_of_complaints_at_once(client, fragments_only):
    from articles.models import Complaint

    complaint = Complaint.with_points().filter(articles__isnull=False).first()
    for url in ("/", "/points/", "/articles/"):
        assert complaint.name in client.get(url).content.decode()
    complaint.name = "Aching lower back"
    complaint.save()
    for url in ("/", "/points/", "/articles/"):
        assert ">Aching lower back</a>" in client.get(url).content.decode(), url


def test_a_renamed_neighbour_shows_in_the_points_cached_links_at_once(client, fragments_only):
    client.get("/points/bl-40/")
    neighbour = AcupointPage.objects.get(slug="bl-41")
    neighbour.pinyin = "Fufen Renamed"
    neighbour.save_revision().publish()
    assert "BL-41 Fufen Renamed" in client.get("/points/bl-40/").content.decode()


def test_the_product_pages_cached_reviews_follow_an_approved_review_and_a_helpful_vote(client, fragments_only):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    review = product.reviews.approved().first()
    client.get(PRODUCT)  # the page of reviews is now cached
    ProductReview.objects.create(product=product, name="Noor", rating=5, text="Gentle and smooth.", approved=True)
    assert "Gentle and smooth." in client.get(PRODUCT).content.decode()
    helpful = client.post(
        f"/products/reviews/{review.pk}/helpful/", HTTP_ORIGIN="http://testserver", HTTP_ACCEPT="application/json"
    )
    assert helpful.json()["counted"]
    count = ProductReview.objects.get(pk=review.pk).helpful_count
    found = f"{count} reader{'s' if count != 1 else ''} found this helpful."
    assert found in client.get(PRODUCT).content.decode()
    assert found in client.get(PRODUCT + "?sort=helpful").content.decode()


def test_a_link_in_the_articles_cached_text_follows_the_page_it_links_to_a_new_address(
    client, fragments_only, demo, django_capture_on_commit_callbacks
):
    point = AcupointPage.objects.get(slug="bl-40")
    demo.intro += f'<p>See also <a linktype="page" id="{point.pk}">the point behind the knee</a>.</p>'
    demo.save_revision().publish()
    assert 'href="/points/bl-40/">the point behind the knee' in client.get(ARTICLE).content.decode()
    point.slug = "bl-40-weizhong"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail tells of a new slug once committed
        point.save_revision().publish()
    assert 'href="/points/bl-40-weizhong/">the point behind the knee' in client.get(ARTICLE).content.decode()


def test_a_product_changed_behind_the_caches_back_is_read_again_not_taken_from_its_kept_copy(client, fragments_only):
    from django.utils import timezone

    assert "Facial Gua Sha Tool" in client.get(PRODUCT).content.decode()  # the product is kept
    Product.objects.filter(slug="facial-gua-sha-tool").update(name="Jade Gua Sha Board", updated_at=timezone.now())
    assert "<h1>Jade Gua Sha Board</h1>" in client.get(PRODUCT).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        *PAGES,
        "/points/lu-1/",
        *("/search/?q=back", "/search/?q=back&exact=1", "/search/?q=xylophone+remedy"),
        *(PRODUCT + "?sort=lowest", "/products/", "/products/?sort=rating"),
    ],
)
def test_a_page_put_together_from_cached_fragments_is_the_page_rendered_from_scratch(client, fragments_only, url):
    def html():
        return re.sub(r'nonce="[^"]*"', 'nonce=""', client.get(url).content.decode())

    caches["default"].clear()
    from_scratch = html()  # every fragment rendered (and stored)
    assert html() == from_scratch  # every fragment from the cache


def test_a_warm_page_reads_the_site_settings_from_the_cache_and_a_saved_change_at_once(client, fragments_only):
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not [query for query in captured if "base_sitesettings" in query["sql"]]
    site_settings = SiteSettings.objects.get()
    site_settings.site_name = "TCM Tips Weekly"
    site_settings.save()
    assert "TCM Tips Weekly" in client.get("/points/bl-40/").content.decode()


def test_the_feed_reads_what_its_items_show_and_not_the_article_bodies(client, no_caches):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/feed/")
    assert response.status_code == 200 and b"<item>" in response.content
    reads = [query["sql"] for query in captured if 'FROM "articles_articlepage"' in query["sql"]]
    assert len(reads) == 1 and '"articles_articlepage"."body"' not in reads[0]


def test_a_warm_feed_is_the_feed_written_from_scratch_and_reads_only_the_site(client, fragments_only, settings):
    first = client.get("/feed/")
    with CaptureQueriesContext(connection) as captured:
        kept = client.get("/feed/")
    assert only_the_site(captured)
    assert kept.content == first.content and kept["Content-Type"] == first["Content-Type"]
    assert kept["Last-Modified"] == first["Last-Modified"]
    use_caches(settings, "django.core.cache.backends.dummy.DummyCache")
    assert client.get("/feed/").content == kept.content


def test_the_cached_feed_follows_a_new_article_an_author_the_site_name_and_the_host(client, fragments_only, demo):
    client.get("/feed/")
    fresh = publish_fresh_article(demo)
    assert b"A fresh routine" in client.get("/feed/").content
    author = demo.author
    author.title = "Lin Sogawa-Mai"
    author.save_revision().publish()
    assert b"Lin Sogawa-Mai" in client.get("/feed/").content
    site_settings = SiteSettings.objects.get()
    site_settings.site_name = "TCM Tips Daily"
    site_settings.save()
    assert b"<title>TCM Tips Daily</title>" in client.get("/feed/").content
    fresh.unpublish()
    assert b"A fresh routine" not in client.get("/feed/").content
    # The feed's link to itself is the site's own address, whatever host it was asked on.
    root = Site.objects.get(is_default_site=True).root_url.encode()
    assert b'<atom:link href="' + root + b'/feed/"' in client.get("/feed/", HTTP_HOST="127.0.0.1").content


def test_a_search_made_again_reads_only_the_site_and_a_named_point_still_leads_to_it(client, fragments_only):
    title = ArticlePage.objects.get(url_path__endswith="/lower-back-pain-acupressure-points/").title
    assert title in client.get("/search/?q=back+pain").content.decode()
    with CaptureQueriesContext(connection) as captured:
        assert title in client.get("/search/?q=back+pain").content.decode()
    assert only_the_site(captured)
    for _ in range(2):
        response = client.get("/search/?q=bl40")
        assert response.status_code == 302 and response["Location"] == "/points/bl-40/"


def test_a_product_search_shows_a_new_rating_at_once(client, fragments_only):
    product = Product.objects.get(slug="facial-gua-sha-tool")
    before = client.get("/search/?q=gua+sha+tool").content.decode()
    count = product.reviews.filter(approved=True).count()
    ProductReview.objects.create(product=product, name="Reader", rating=5, text="Works.", approved=True)
    after = client.get("/search/?q=gua+sha+tool").content.decode()
    assert f"({count} review" in before and f"({count + 1} reviews)" in after


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-products.xml"])
def test_a_warm_sitemap_is_the_sitemap_written_from_scratch_and_reads_only_the_site(client, fragments_only, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        kept = client.get(url)
    assert only_the_site(captured) and kept.content == first.content
    for header in ("Content-Type", "Last-Modified", "X-Robots-Tag"):
        assert kept.get(header) == first.get(header)


def test_the_cached_sitemap_follows_a_new_page_and_answers_a_page_past_the_end_with_a_404(client, fragments_only, demo):
    client.get("/sitemap-pages.xml")
    publish_fresh_article(demo)
    assert b"/articles/a-fresh-routine/" in client.get("/sitemap-pages.xml").content
    for _ in range(2):
        assert client.get("/sitemap-pages.xml?p=2").status_code == 404
        assert client.get("/sitemap-pages.xml?p=abc").status_code == 404
        assert client.get("/sitemap-nothing.xml").status_code == 404
