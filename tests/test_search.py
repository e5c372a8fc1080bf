"""Site search as readers use it, against the demo's real 361 points: characters, pinyin in any form, typos,
other names, plain questions, the grouped results page, the pregnancy caution, suggestions as they type,
and the editors' report of searches that found nothing."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.meridians import ORDER


def search(client, typed, **extra):
    return client.get("/search/", {"q": typed, **extra})


def page_of(client, typed, **extra):
    response = search(client, typed, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def search_from(client, typed, address):
    response = client.get("/search/", {"q": typed}, REMOTE_ADDR=address)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


# ---- characters -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, target",
    [
        ("委中", "/points/bl-40/"),  # simplified, as the library stores them
        ("委 中", "/points/bl-40/"),  # with a space
        ("內關", "/points/pc-6/"),  # traditional 內關 is simplified 内关
        ("内关", "/points/pc-6/"),
        ("足三裏", "/points/st-36/"),  # traditional 裏 folds to 里
        ("湧泉", "/points/ki-1/"),
        ("風池", "/points/gb-20/"),
    ],
)
def test_a_points_characters_simplified_or_traditional_go_straight_to_it(client, demo, typed, target):
    response = search(client, typed)
    assert response.status_code == 302 and response["Location"] == target


def test_characters_shared_by_several_points_list_them_all(client, demo):
    html = page_of(client, "三里")  # part of ST-36 Zusanli 足三里 and LI-10 Shousanli 手三里
    points = section(html, "r-points")
    assert "ST-36" in points and "LI-10" in points and "足三里" in points


# ---- pinyin in every form ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, target",
    [
        ("Wěizhōng", "/points/bl-40/"),
        ("wěi zhōng", "/points/bl-40/"),
        ("wei4 zhong1", "/points/bl-40/"),
        ("wei4zhong1", "/points/bl-40/"),
        ("WEI-ZHONG", "/points/bl-40/"),
        ("he2 gu3", "/points/li-4/"),
        ("Hégǔ", "/points/li-4/"),
        ("Fù'āi", "/points/sp-16/"),
        ("fu ai", "/points/sp-16/"),
        ("nei guan", "/points/pc-6/"),
    ],
)
def test_pinyin_with_tone_marks_numbers_spaces_hyphens_or_apostrophes_finds_the_point(client, demo, typed, target):
    response = search(client, typed)
    assert response.status_code == 302 and response["Location"] == target


# ---- typos ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["weizhonh", "wiezhong", "weizong", "Midle of the Crook", "weizhonh point"],
)
def test_a_misspelt_name_shows_the_point_it_clearly_meant_first(client, demo, typed):
    html = page_of(client, typed)
    assert 'Showing results for <a href="/points/bl-40/">Weizhong (BL-40)</a>' in html
    first = section(html, "r-points").split("<li>")[1]
    assert "BL-40" in first
    # …with a way to search for exactly what was typed, which corrects nothing.
    assert "exact=1" in html
    exact = page_of(client, typed, exact="1")
    assert "Showing results for" not in exact


def test_a_typo_close_to_several_names_lists_them_best_first_without_choosing(client, demo):
    html = page_of(client, "yinjao")  # one letter from Yinjiao (CV-7 and GV-28) and from Yinbao (LR-9)
    assert "Showing results for" not in html
    points = section(html, "r-points")
    assert all(code in points for code in ("CV-7", "GV-28", "LR-9"))


def test_typo_correction_never_turns_a_real_subject_into_a_point(client, demo):
    html = page_of(client, "gua sha")
    assert "Showing results for" not in html and 'id="r-points"' not in html


# ---- other names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, target",
    [
        ("Heavenly Storehouse", "/points/lu-3/"),  # LU-3's other English name
        ("heavenly storehouse", "/points/lu-3/"),
        ("Spirit Pathway", "/points/ht-4/"),
        ("Man's Prognosis", "/points/st-9/"),
        ("mans prognosis", "/points/st-9/"),
    ],
)
def test_an_alternative_english_name_goes_to_its_point(client, demo, typed, target):
    response = search(client, typed)
    assert response.status_code == 302 and response["Location"] == target


def test_an_alternative_name_two_points_share_lists_both(client, demo):
    points = section(page_of(client, "Middle Palace"), "r-points")  # LU-1 Zhongfu and CV-16 Zhongting
    assert "LU-1" in points and "CV-16" in points


# ---- plain questions and complaint synonyms ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, slug",
    [
        ("points for neck pain", "neck-pain"),
        ("neck pain points", "neck-pain"),
        ("nausea points", "nausea"),
        ("acupressure for a stuffy nose", "sinus-congestion"),
        ("feeling anxious", "stress"),
        ("menstrual cramps", "menstrual-pain"),
        ("What are the best acupressure points for headaches?", "headache"),
    ],
)
def test_a_plain_question_leads_to_the_complaints_points(client, demo, typed, slug):
    from articles.models import Complaint

    complaint = Complaint.objects.get(slug=slug)
    html = page_of(client, typed)
    complaints = section(html, "r-complaints")
    assert f'href="/points/?complaint={slug}"' in complaints
    # The editors' primary point if the complaint has one, else the first in the library's order (LU, LI, ST …).
    primary = complaint.primary_points.first()
    first_point = primary.point if primary else min(complaint.points.all(), key=lambda p: (ORDER[p.meridian], p.number))
    assert first_point.display_code in complaints


def test_a_question_leads_to_the_articles_about_its_complaint(client, demo):
    html = page_of(client, "acupressure for lower back pain")
    assert 'href="/points/?complaint=lower-back-pain"' in html
    assert "5 Acupressure Points to Relieve Lower Back Pain" in section(html, "r-articles")


def test_the_common_synonyms_are_there_on_a_fresh_install(demo):
    from articles.models import Complaint

    assert "stuffy nose" in Complaint.objects.get(slug="sinus-congestion").synonym_list
    assert "menstrual cramps" in Complaint.objects.get(slug="menstrual-pain").synonym_list


def test_editors_add_a_synonym_in_the_admin_and_search_understands_it(client, demo, admin_user):
    from articles.models import Complaint

    complaint = Complaint.objects.get(slug="neck-pain")
    assert "r-complaints" not in page_of(client, "whiplash")
    client.force_login(admin_user)
    url = f"/admin/snippets/articles/complaint/edit/{complaint.pk}/"
    assert 'name="synonyms"' in client.get(url).content.decode()
    ranked = [{"id": r.pk, "point": r.point_id, "source": r.source} for r in complaint.primary_points.all()]
    data = {"name": complaint.name, "slug": complaint.slug, "synonyms": complaint.synonyms + "\nwhiplash"}
    data.update(nested_form_data({"primary_points": inline_formset(ranked, initial=len(ranked))}))
    response = client.post(url, data)
    assert response.status_code == 302
    client.logout()
    assert 'href="/points/?complaint=neck-pain"' in section(page_of(client, "whiplash"), "r-complaints")


# ---- one grouped results page -----------------------------------------------------------------------------


def test_gua_sha_puts_the_tool_and_the_gua_sha_writing_first_and_no_stray_point(client, demo):
    html = page_of(client, "gua sha")
    products = section(html, "r-products")
    assert "Facial Gua Sha Tool For Beginner" in products and 'href="/products/facial-gua-sha-tool/"' in products
    assert "<img" in products  # the product's picture
    assert html.index('id="r-products"') < html.index('id="r-articles"')
    assert "5 Acupressure Points to Relieve Lower Back Pain" in section(html, "r-articles")
    assert 'id="r-points"' not in html  # Shangguan and friends are not "gua sha"


def test_products_show_their_rating(client, demo):
    from products.models import Product, ProductReview

    product = Product.objects.get(slug="facial-gua-sha-tool")
    ProductReview.objects.filter(product=product).delete()
    ProductReview.objects.create(product=product, name="Ana", rating=4, text="Good.", approved=True)
    assert "4 out of 5" in section(page_of(client, "gua sha tool"), "r-products")


@pytest.mark.parametrize("typed", ["Sogawa", "sogawa", "Mai Sogawa"])
def test_a_reviewers_surname_finds_their_page(client, demo, typed):
    people = section(page_of(client, typed), "r-people")
    assert 'href="/reviewers/mai-sogawa/"' in people


def test_an_authors_name_finds_their_page(client, demo):
    assert 'href="/authors/p-sze/"' in section(page_of(client, "Sze"), "r-people")


def test_points_list_code_name_and_characters(client, demo):
    points = section(page_of(client, "crook"), "r-points")
    assert '<span class="code">BL-40</span> Weizhong <span class="hanzi" lang="zh-Hans">委中</span>' in points


def _article(index, title, heading, body_text):
    from articles.models import ArticlePage

    article = ArticlePage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        intro="<p>An article for the ranking test.</p>",
        body=[
            ("rich_text", f"<h2>{heading}</h2><p>{body_text}</p>"),
        ],
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_articles_with_the_words_in_the_title_or_headings_rank_above_the_body(client, demo):
    from articles.models import ArticleIndexPage

    index = ArticleIndexPage.objects.get()
    body = _article(index, "A walk in the hills", "Getting ready", "Bring some moxa for the evening.")
    heading = _article(index, "Warming the feet", "How moxa warms", "Hold it near the skin.")
    title = _article(index, "Moxa for beginners", "What you need", "A stick and a lighter.")
    html = section(page_of(client, "moxa"), "r-articles")
    positions = [html.index(a.title) for a in (title, heading, body)]
    assert positions == sorted(positions)


# ---- pregnancy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["pregnancy", "points to avoid in pregnancy", "pregnant"])
def test_pregnancy_lists_the_points_to_avoid_and_links_the_library_filter(client, demo, typed):
    caution = section(page_of(client, typed), "r-caution")
    assert 'href="/points/?caution=pregnancy"' in caution
    assert "LI-4" in caution and "SP-6" in caution and "BL-67" in caution
    assert "BL-40" not in caution


def test_the_point_library_filters_the_points_to_avoid_in_pregnancy(client, demo):
    from articles.models import AcupointPage

    html = client.get("/points/", {"caution": "pregnancy"}).content.decode()
    expected = AcupointPage.objects.filter(pregnancy_caution=True).count()
    assert expected >= 15
    assert f"{expected} points shown" in html
    assert 'href="/points/li-4/"' in html and 'href="/points/bl-40/"' not in html
    assert 'href="?caution=pregnancy"' in client.get("/points/").content.decode()
    assert client.get("/points/", {"caution": "nonsense"}).status_code == 404


# ---- budget and bad input ---------------------------------------------------------------------------------


def test_a_full_results_page_stays_within_the_query_budget(client, demo):
    page_of(client, "warm the catalogue")  # names are read once per content version, then cached
    with CaptureQueriesContext(connection) as queries:
        html = page_of(client, "neck pain gua sha tool")
        html += page_of(client, "neck pain")
    assert 'id="r-complaints"' in html
    assert len(queries) <= 2 * 8, [q["sql"][:120] for q in queries]


def test_a_cold_results_page_reads_the_names_in_a_handful_of_queries(client, demo):
    with CaptureQueriesContext(connection) as queries:
        page_of(client, "neck pain")
    # 17: the catalogue also reads the editors' primary points per complaint, once per content version;
    # 18: the footer links to the editorial policy, whose address is read with the menus.
    assert len(queries) <= 18, [q["sql"][:120] for q in queries]


@pytest.mark.parametrize("query", ["", " ", "x" * 10_000, "'\"<", "*", '"', "AND", "\x00", "%", "bl99", "\ufffd"])
def test_odd_queries_never_500(client, demo, query):
    assert search(client, query).status_code == 200


def test_invalid_utf8_is_a_page_not_an_error(client, demo):
    assert client.get("/search/?q=%FF%FE%00wei").status_code == 200
    assert client.get("/search/suggest/?q=%FF%FE").status_code == 200


# ---- suggestions ---------------------------------------------------------------------------------------


def suggest(client, typed):
    response = client.get("/search/suggest/", {"q": typed})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content)["suggestions"]


@pytest.mark.parametrize(
    "typed, url",
    [
        ("weiz", "/points/bl-40/"),
        ("BL-4", "/points/bl-40/"),
        ("委中", "/points/bl-40/"),
        ("neck", "/points/?complaint=neck-pain"),
        ("stuffy", "/points/?complaint=sinus-congestion"),
        ("gua s", "/products/facial-gua-sha-tool/"),
        ("lower back", "/articles/lower-back-pain-acupressure-points/"),
        ("sogaw", "/reviewers/mai-sogawa/"),
        ("pregnan", "/points/?caution=pregnancy"),
        ("weizhonh", "/points/bl-40/"),
    ],
)
def test_suggestions_as_the_reader_types(client, demo, typed, url):
    found = suggest(client, typed)
    assert 0 < len(found) <= 8
    assert url in [s["url"] for s in found]
    assert all(s["label"] and s["kind"] for s in found)


def test_suggestions_are_at_most_eight(client, demo):
    assert len(suggest(client, "zh")) == 8


@pytest.mark.parametrize("typed", ["", "x" * 10_000, "\x00", "*", "'\"", "w", "zzzzzz"])
def test_suggestions_for_bad_or_empty_input_are_an_empty_list(client, demo, typed):
    assert suggest(client, typed) == []


def test_suggestions_are_kept_by_shared_caches_for_a_minute_only(client, demo):
    response = client.get("/search/suggest/", {"q": "weiz"})
    assert {p.strip() for p in response["Cache-Control"].split(",")} == {"public", "max-age=60", "s-maxage=60"}


def test_a_search_that_found_nothing_is_not_kept_by_any_cache(client, demo):
    assert "private" in search(client, "xylophone remedy")["Cache-Control"]


def test_suggestions_make_no_write_and_are_cached(client, demo):
    suggest(client, "weiz")
    with CaptureQueriesContext(connection) as queries:
        suggest(client, "weiz")
        suggest(client, "neiguan")  # not asked before: names come from the cache, no query either
    assert queries.captured_queries == []


# ---- searches with no results -----------------------------------------------------------------------------


def test_a_search_with_no_results_leaves_one_row_and_no_address(client, demo):
    from search.models import PendingSearchMiss

    with CaptureQueriesContext(connection) as queries:
        search_from(client, "Xylophone Remedy??", "198.51.100.23")
    writes = [q for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(writes) == 1
    row = PendingSearchMiss.objects.get()
    assert row.query == "xylophone remedy" and "198.51.100.23" not in str(vars(row))


def test_editors_see_searches_with_no_results_that_three_visitors_sent(client, demo, admin_user):
    from search.models import SearchMiss

    for visitor in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        search_from(client, "Xylophone   remedy", visitor)
        search_from(client, "xylophone remedy", visitor)  # the same query once folded, same visitor
    for visitor in ("198.51.100.1", "198.51.100.2"):
        search_from(client, "quokka", visitor)  # two visitors only: never stored
    for _ in range(5):
        search_from(client, "kiwano", "198.51.100.9")  # one visitor, many times: never stored
    for visitor in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        search_from(client, "mail me at someone@example.com", visitor)  # looks personal: never counted
        search_from(client, "neck pain", visitor)  # found something: not counted
    call_command("store_search_misses", stdout=open("/dev/null", "w"))
    stored = {m.query: m.count for m in SearchMiss.objects.all()}
    assert stored == {"xylophone remedy": 3}
    call_command("store_search_misses", stdout=open("/dev/null", "w"))  # running it again changes nothing
    assert SearchMiss.objects.get(query="xylophone remedy").count == 3

    client.force_login(admin_user)
    report = client.get("/admin/reports/search-misses/").content.decode()
    assert "Searches with no results" in report
    assert "xylophone remedy" in report and "quokka" not in report
    assert "/admin/reports/search-misses/" in client.get("/admin/").content.decode()


def test_editors_may_read_the_report_and_readers_may_not(client, demo, editor):
    assert client.get("/admin/reports/search-misses/").status_code == 302  # to the login
    client.force_login(editor)
    assert client.get("/admin/reports/search-misses/").status_code == 200


def test_suggestions_put_whole_words_before_beginnings_of_words(client, demo):
    found = suggest(client, "gua s")  # "gua" is a whole word of the tool's name, only the start of "Guan…"
    assert found[0]["url"] == "/products/facial-gua-sha-tool/"
    assert found[1]["kind"] == "article"


def test_after_a_publish_search_rereads_only_the_changed_articles_body(client, demo, monkeypatch):
    from articles.models import ArticlePage
    from search import catalogue

    for n in range(3):
        other = ArticlePage(
            title=f"Another routine {n}",
            slug=f"another-routine-{n}",
            intro=demo.intro,
            body=demo.body.raw_data,
            author=demo.author,
        )
        demo.get_parent().add_child(instance=other)
        other.save_revision().publish()
    page_of(client, "warm the catalogue")
    sifted = []
    real = catalogue._heading_texts
    monkeypatch.setattr(catalogue, "_heading_texts", lambda body: sifted.append(body) or real(body))
    demo.title = "Lower back pain: five points behind the knee"
    demo.save_revision().publish()
    html = page_of(client, "behind the knee")
    assert len(sifted) == 1  # the republished article; every other entry came from the last catalogue
    assert "five points behind the knee" in html


# ---- words typed without their space, and the page itself ------------------------------------------------


def test_a_reader_who_types_guasha_as_one_word_finds_the_gua_sha_tool_and_writing(client, demo):
    html = page_of(client, "guasha")
    assert 'href="/products/facial-gua-sha-tool/"' in section(html, "r-products")
    assert "5 Acupressure Points to Relieve Lower Back Pain" in section(html, "r-articles")
    assert "Nothing matched" not in html


def test_guasha_typed_as_one_word_is_suggested_the_gua_sha_tool(client, demo):
    found = json.loads(client.get("/search/suggest/", {"q": "guasha"}).content)["suggestions"]
    assert ("product", "/products/facial-gua-sha-tool/") in [(s["kind"], s["url"]) for s in found]


def test_a_point_name_is_not_split_into_words(client, demo):
    response = search(client, "weizhong")
    assert response.status_code == 302 and response["Location"] == "/points/bl-40/"


def test_the_search_page_describes_itself_and_names_its_canonical_address_on_the_sites_root(client, demo):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "tcmtips.example", 443
    site.save()
    html = client.get("/search/", HTTP_HOST="localhost").content.decode()  # not the site's own name
    assert '<meta name="description" content="Search TCM Tips for an acupoint by code' in html
    assert '<link rel="canonical" href="https://tcmtips.example/search/">' in html
    html = client.get("/search/", {"q": "neck pain"}, HTTP_HOST="localhost").content.decode()
    assert '<link rel="canonical" href="https://tcmtips.example/search/?q=neck+pain">' in html
    assert html.count('rel="canonical"') == 1
