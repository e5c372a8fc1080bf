"""Points ranked for each complaint: the editors' primary points come first in the library and in search,
the demo's ranking comes from a named source, and a change to a ranking shows at once."""

import csv
import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.loader import COMPLAINTS
from articles.models import AcupointPage, Complaint, PrimaryPoint
from articles.rankings import RANKINGS_CSV


def codes_in(html):
    return re.findall(r'<span class="code">([A-Z]+-\d+)</span>', html)


def search_points(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    block = html.split('id="r-complaints"', 1)[1].split("</section>", 1)[0]
    return codes_in(block)


def test_points_for_back_pain_lists_bl40_first(client, demo):
    assert search_points(client, "points for back pain")[0] == "BL-40"


def test_points_for_headache_lists_the_ranked_point_first_then_the_others_by_code(client, demo):
    codes = search_points(client, "points for headache")
    assert codes[0] == "LU-7"
    by_code = [p.display_code for p in Complaint.objects.get(slug="headache").points.order_by("meridian", "number")]
    by_code = sorted(by_code, key=lambda c: [p.display_code for p in AcupointPage.objects.all()].index(c))
    others = [c for c in by_code if c != "LU-7"]
    assert codes[1:] == others[: len(codes) - 1]


def test_the_library_filter_lists_primary_points_first_then_the_rest_by_meridian(client, demo):
    html = client.get("/points/", {"complaint": "lower-back-pain"}).content.decode()
    primary = html.split('id="m-primary"', 1)[1].split("</section>", 1)[0]
    assert codes_in(primary) == ["BL-40"]
    rest = codes_in(html.split('id="m-primary"', 1)[1].split("</section>", 1)[1])
    assert "BL-40" not in rest and "BL-23" in rest
    assert rest.index("BL-23") < rest.index("BL-25")  # by code
    assert len(rest) + 1 == Complaint.objects.get(slug="lower-back-pain").points.count()


def test_an_editors_order_is_kept(client, demo):
    complaint = Complaint.objects.get(slug="lower-back-pain")
    PrimaryPoint.objects.create(
        complaint=complaint, point=AcupointPage.objects.get(code="BL23"), sort_order=-1, source="x"
    )
    html = client.get("/points/", {"complaint": "lower-back-pain"}).content.decode()
    primary = html.split('id="m-primary"', 1)[1].split("</section>", 1)[0]
    assert codes_in(primary) == ["BL-23", "BL-40"]
    assert search_points(client, "points for back pain")[:2] == ["BL-23", "BL-40"]


def test_a_complaint_without_a_ranking_lists_its_points_by_code(client, demo):
    html = client.get("/points/", {"complaint": "insomnia"}).content.decode()
    assert 'id="m-primary"' not in html
    listed = AcupointPage.objects.filter(complaints__slug="insomnia")
    in_library_order = [p.display_code for p in AcupointPage.objects.all() if p in set(listed)]
    assert codes_in(html) == in_library_order


def test_changing_a_ranking_purges_the_cached_pages_that_show_it(client, demo, settings):
    complaint = Complaint.objects.get(slug="lower-back-pain")
    url = "/points/?complaint=lower-back-pain"
    client.get(url)
    assert 'id="m-primary"' in client.get(url).content.decode()  # now cached
    search_points(client, "points for back pain")
    row = PrimaryPoint.objects.get(complaint=complaint)
    row.point = AcupointPage.objects.get(code="BL23")
    row.save()  # the ranking alone, not the complaint
    primary = client.get(url).content.decode().split('id="m-primary"', 1)[1].split("</section>", 1)[0]
    assert codes_in(primary) == ["BL-23"]
    assert search_points(client, "points for back pain")[0] == "BL-23"
    row.delete()
    assert 'id="m-primary"' not in client.get(url).content.decode()


# ---- the demo's ranking: a named source, nothing invented -------------------------------------------------


def rows():
    with RANKINGS_CSV.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_data_file_covers_every_complaint_and_says_why_one_is_unranked():
    by_complaint = {row["complaint"] for row in rows()}
    assert by_complaint == set(COMPLAINTS)
    for row in rows():
        if row["point"]:
            assert "A Manual of Acupuncture" in row["source"] and "9780951054659" in row["source"]
        else:
            assert row["note"].startswith("Not ranked")


def test_only_the_four_command_points_are_ranked_and_each_for_its_own_region():
    regions = {
        "LI4": {"toothache"},
        "ST36": {"indigestion", "nausea"},
        "BL40": {"lower-back-pain"},
        "LU7": {"headache", "neck-pain"},
    }
    ranked = {}
    for row in rows():
        if row["point"]:
            ranked.setdefault(row["point"], set()).add(row["complaint"])
    assert ranked == regions


@pytest.mark.django_db
def test_every_ranked_point_is_filed_under_its_complaint(demo):
    for row in PrimaryPoint.objects.select_related("complaint", "point"):
        assert row.complaint in row.point.complaints.all(), row
    assert PrimaryPoint.objects.count() == 6


def test_editors_reorder_the_primary_points_in_the_complaints_admin(client, demo, admin_user):
    complaint = Complaint.objects.get(slug="lower-back-pain")
    client.force_login(admin_user)
    url = f"/admin/snippets/articles/complaint/edit/{complaint.pk}/"
    html = client.get(url).content.decode()
    assert "Primary points" in html and 'name="primary_points-0-point"' in html
    bl40 = complaint.primary_points.get()
    bl23 = AcupointPage.objects.get(code="BL23")
    rows = [
        {"id": bl40.pk, "point": bl40.point_id, "source": bl40.source, "ORDER": 2},
        {"point": bl23.pk, "source": "An editor's source", "ORDER": 1},
    ]
    data = {"name": complaint.name, "slug": complaint.slug, "synonyms": complaint.synonyms}
    data.update(nested_form_data({"primary_points": inline_formset(rows, initial=1)}))
    assert client.post(url, data).status_code == 302
    assert complaint.primary_point_ids() == [bl23.pk, bl40.point_id]


def test_the_reader_cautions_are_kept_in_the_admin(client, demo, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/snippets/articles/readercaution/").content.decode()
    assert "Strong pressure" in html and "Gua sha" in html
