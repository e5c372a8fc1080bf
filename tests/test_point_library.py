"""The acupoint library: data, loader, codes, pages, filters and search."""

import csv

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import meridians
from articles.loader import POINTS_CSV, load_points
from articles.meridians import normalise_code
from articles.models import AcupointPage, PointIndexPage

# ---- the data file and the loader -------------------------------------------------------------------


def test_the_data_file_has_all_361_who_points_in_order():
    with POINTS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 361 == meridians.TOTAL_POINTS
    for meridian in meridians.MERIDIANS:
        numbers = [int(r["number"]) for r in rows if r["meridian"] == meridian.code]
        assert numbers == list(range(1, meridian.point_count + 1)), meridian.code
    assert len({r["code"] for r in rows}) == 361
    for row in rows:
        assert row["code"] == f"{row['meridian']}{row['number']}"
        assert all(row[f] for f in ("pinyin", "pinyin_tones", "hanzi", "english", "location", "how_to_find"))


@pytest.mark.parametrize("meridian", meridians.MERIDIANS, ids=lambda m: m.code)
def test_the_loader_creates_every_point_of_each_meridian(demo, meridian):
    assert AcupointPage.objects.filter(meridian=meridian.code).count() == meridian.point_count


def test_reloading_changes_nothing(demo):
    report = load_points(PointIndexPage.objects.get())
    assert report.created == [] and report.updated == [] and report.kept_editor_changes == []
    assert report.unchanged == 361


def test_an_editors_change_survives_a_reload(demo):
    point = AcupointPage.objects.get(code="ST36")
    point.how_to_find = "Our editor's own wording."
    point.save_revision().publish()
    report = load_points(PointIndexPage.objects.get())
    assert "ST36" not in report.updated
    call_command("load_demo", verbosity=0)
    assert AcupointPage.objects.get(code="ST36").how_to_find == "Our editor's own wording."


def test_a_corrected_data_file_updates_points_editors_have_not_touched(demo, tmp_path):
    with POINTS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["code"] == "LU1":
            row["english"] = "Middle Palace"
        if row["code"] == "LU2":
            row["english"] = "Cloud Gate (corrected)"
    edited = AcupointPage.objects.get(code="LU2")
    edited.english_name = "Cloud Gate, as our editor prefers"
    edited.save()
    path = tmp_path / "points.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = load_points(PointIndexPage.objects.get(), path)
    assert report.updated == ["LU1"] and report.kept_editor_changes == ["LU2"]
    assert AcupointPage.objects.get(code="LU1").english_name == "Middle Palace"
    assert AcupointPage.objects.get(code="LU2").english_name == "Cloud Gate, as our editor prefers"


# ---- codes, however they are typed --------------------------------------------------------------------

SPELLINGS = {
    "BL-40": "BL40",
    "bl40": "BL40",
    "Bl 40": "BL40",
    "UB-40": "BL40",
    "ub40": "BL40",
    "B40": "BL40",
    "Urinary Bladder 40": "BL40",
    "Bladder-40": "BL40",
    "bl.40": "BL40",
    "TE-5": "TE5",
    "SJ5": "TE5",
    "SJ-5": "TE5",
    "TB 5": "TE5",
    "TW5": "TE5",
    "Triple Burner 5": "TE5",
    "San Jiao 5": "TE5",
    "LR3": "LR3",
    "LV3": "LR3",
    "Liv 3": "LR3",
    "Liver-3": "LR3",
    "GV20": "GV20",
    "DU20": "GV20",
    "Du-20": "GV20",
    "Governing Vessel 20": "GV20",
    "CV12": "CV12",
    "REN12": "CV12",
    "Ren-12": "CV12",
    "RN 12": "CV12",
    "Conception Vessel 12": "CV12",
    "PC6": "PC6",
    "P6": "PC6",
    "P-6": "PC6",
    "KI1": "KI1",
    "K1": "KI1",
    "KD1": "KI1",
    "LI4": "LI4",
    "CO4": "LI4",
    "HT7": "HT7",
    "HE7": "HT7",
    "SP6": "SP6",
    "ST36": "ST36",
    "GB41": "GB41",
}


@pytest.mark.parametrize("typed, code", SPELLINGS.items())
def test_the_code_normaliser_understands_common_spellings(typed, code):
    assert normalise_code(typed) == code


@pytest.mark.parametrize("typed", ["BL68", "LU12", "GV29", "XX1", "40", "BL", "", "back pain", "x" * 500])
def test_things_that_are_not_point_codes(typed):
    assert normalise_code(typed) is None


# ---- search -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["BL-40", "bl40", "Bl 40", "UB-40", "Weizhong", "Wei Zhong", "weizhong", "Middle of the Crook"]
)
def test_a_reader_who_types_a_point_goes_straight_to_it(client, demo, typed):
    response = client.get("/search/", {"q": typed})
    assert response.status_code == 302 and response["Location"] == "/points/bl-40/"


@pytest.mark.parametrize(
    "typed, target",
    [
        ("SJ-5", "/points/te-5/"),
        ("Du 20", "/points/gv-20/"),
        ("Ren-12", "/points/cv-12/"),
        ("LV3", "/points/lr-3/"),
        ("Zu San Li", "/points/st-36/"),
        ("P6", "/points/pc-6/"),
    ],
)
def test_other_meridian_abbreviations_find_their_point(client, demo, typed, target):
    assert client.get("/search/", {"q": typed})["Location"] == target


def test_partial_words_list_points_with_code_and_name(client, demo):
    html = client.get("/search/", {"q": "crook"}).content.decode()
    assert '<span class="code">BL-40</span> Weizhong' in html


def test_a_shared_pinyin_name_lists_both_points(client, demo):
    html = client.get("/search/", {"q": "Yinjiao"}).content.decode()
    assert "CV-7" in html and "GV-28" in html


def test_search_finds_articles(client, demo):
    html = client.get("/search/", {"q": "lower back"}).content.decode()
    assert "5 Acupressure Points to Relieve Lower Back Pain" in html


@pytest.mark.parametrize("query", ["", " ", "x" * 10_000, "'\"<", "*", "AND", "NOT OR", "\x00", "%", "bl99"])
def test_odd_queries_never_500(client, demo, query):
    assert client.get("/search/", {"q": query}).status_code == 200


# ---- pages, filters and their query counts ------------------------------------------------------------


def test_the_point_page_shows_names_location_figure_cautions_articles_and_neighbours(client, demo):
    html = client.get("/points/bl-40/").content.decode()
    for text in (
        "BL-40",
        "Weizhong",
        "委中",
        "Middle of the Crook",
        "UB-40",
        "How to find it",
        "Technique",
        'class="marker"',
        "5 Acupressure Points to Relieve Lower Back Pain",
        "BL-39",
        "BL-41",
    ):
        assert text in html, text


def test_points_avoided_in_pregnancy_carry_a_caution_on_their_page(client, demo):
    pregnancy = set(AcupointPage.objects.filter(pregnancy_caution=True).values_list("code", flat=True))
    assert {"LI4", "SP6", "BL60", "BL67", "GB21"} <= pregnancy
    assert "traditionally avoided during pregnancy" in client.get("/points/sp-6/").content.decode()
    assert "traditionally avoided during pregnancy" not in client.get("/points/st-36/").content.decode()


def test_the_library_lists_all_14_meridians_in_standard_order(client, demo):
    html = client.get("/points/").content.decode()
    positions = [html.index(f'id="m-{m.slug}"') for m in meridians.MERIDIANS]
    assert positions == sorted(positions)
    assert html.count('class="code"') == 361


def test_a_complaint_lists_its_points(client, demo):
    html = client.get("/points/", {"complaint": "lower-back-pain"}).content.decode()
    for code in ("BL-23", "BL-25", "BL-40"):
        assert f'<span class="code">{code}</span>' in html


def test_filters_combine_and_are_plain_links(client, demo):
    html = client.get("/points/", {"meridian": "bl", "complaint": "lower-back-pain"}).content.decode()
    assert "BL-40" in html and "GB-41" not in html
    assert 'href="?meridian=bl&amp;complaint=lower-back-pain&amp;region=leg"' in html or "region=leg" in html


@pytest.mark.parametrize("query", [{"meridian": "zz"}, {"region": "tail"}, {"complaint": "nothing"}])
def test_unknown_filters_are_404(client, demo, query):
    assert client.get("/points/", query).status_code == 404


def queries_for(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_listing_costs_the_same_queries_for_5_points_or_67(client, demo, settings):
    settings.PAGE_CACHE_SECONDS = 0
    few = queries_for(client, "/points/", {"meridian": "pc", "region": "hand"})
    many = queries_for(client, "/points/", {"meridian": "bl"})
    everything = queries_for(client, "/points/", {})
    assert few == many == everything <= 12


def test_a_point_page_costs_a_small_constant_number_of_queries(client, demo, settings):
    from tests.test_speed_queries import use_caches

    settings.PAGE_CACHE_SECONDS = 0
    # Its links (the articles that use it, its neighbours) are kept with the page: read once.
    assert queries_for(client, "/points/bl-40/", {}) == queries_for(client, "/points/lu-1/", {}) <= 14
    # With no cache they are read every time, as many for a point many articles use as for one none uses.
    use_caches(settings, "django.core.cache.backends.dummy.DummyCache")
    try:
        assert queries_for(client, "/points/bl-40/", {}) == queries_for(client, "/points/lu-1/", {}) <= 20
    finally:
        use_caches(settings, "django.core.cache.backends.locmem.LocMemCache")


def test_pinyin_with_its_tone_marks_removed_is_the_plain_pinyin():
    import unicodedata

    with POINTS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        plain = "".join(c for c in unicodedata.normalize("NFD", row["pinyin_tones"]) if not unicodedata.combining(c))
        # The syllable-dividing apostrophe (Fù'āi) is written only with tone marks.
        assert plain.replace("'", "").lower() == row["pinyin"].lower(), row["code"]
        assert all("\u4e00" <= ch <= "\u9fff" for ch in row["hanzi"]), row["code"]
