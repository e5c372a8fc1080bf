"""Every point on the body: each of the 361 points has a marker on a figure that shows its place."""

import csv
import io
from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.loader import render_to_string

from articles import figure_builder, figures, meridians
from articles.loader import FIGURES_CSV, POINTS_CSV
from articles.models import AcupointPage


def _points():
    with POINTS_CSV.open(encoding="utf-8") as fh:
        rows = {r["code"]: r for r in csv.DictReader(fh)}
    with FIGURES_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[r["code"]].update(view=r["view"], x=float(r["x"]), y=float(r["y"]))
    return rows


POINTS = _points()


def test_every_point_of_the_library_is_placed_on_a_figure():
    assert len(POINTS) == meridians.TOTAL_POINTS == 361
    unplaced = [code for code, p in POINTS.items() if p.get("view") not in figures.VIEWS]
    assert unplaced == []
    # Each of the six figures is used.
    assert {p["view"] for p in POINTS.values()} == {"front", "back", "side", "head", "hand", "foot"}


def test_the_coordinates_file_is_what_the_tool_writes_today():
    # Editors rerun `manage.py build_point_figures` after changing a location; a stale file fails here.
    call_command("build_point_figures", "--check", verbosity=0)


def test_the_tool_updates_the_pages_and_keeps_an_editors_own_position(demo, tmp_path, monkeypatch):
    from articles import loader
    from articles.management.commands import build_point_figures

    # Work on a copy of the file. An editor has moved ST-36 by hand; then the stomach channel's line on the
    # shin moves for ST-36 and ST-37.
    copy = tmp_path / "figure_coordinates.csv"
    monkeypatch.setattr(loader, "FIGURES_CSV", copy)
    monkeypatch.setattr(build_point_figures, "FIGURES_CSV", copy)
    monkeypatch.setitem(figure_builder.ANCHORS, "ST36", (79, None))
    monkeypatch.setitem(figure_builder.ANCHORS, "ST37", (79, None))
    point = AcupointPage.objects.get(code="ST36")
    point.figure_x = 70
    point.save_revision().publish()
    out = io.StringIO()
    call_command("build_point_figures", "--load", stdout=out)
    assert "Placed 361 points" in out.getvalue()
    assert "1 updated, 359 unchanged, 1 kept as editors left them (ST36)" in out.getvalue()
    assert AcupointPage.objects.get(code="ST36").figure_x == 70
    assert AcupointPage.objects.get(code="ST37").figure_x == 79


IN_ORDER = sorted(POINTS, key=lambda c: (meridians.ORDER[POINTS[c]["meridian"]], int(POINTS[c]["number"])))


@pytest.mark.parametrize("code", IN_ORDER)
def test_each_marker_lies_in_its_points_region_on_the_drawn_body(code):
    point = POINTS[code]
    view = figures.VIEWS[point["view"]]
    assert view.region_contains(point["region"], point["x"], point["y"]), (
        f"{code} ({point['region']}) at {point['x']},{point['y']} is outside that region of the {view.label}"
    )
    assert any(shape.contains(point["x"], point["y"]) for shape in view.outline), f"{code} is off the body"


def test_points_on_the_midline_sit_exactly_on_it():
    midline = [p for p in POINTS.values() if p["meridian"] in ("GV", "CV")]
    assert len(midline) == 28 + 24
    off = [p["code"] for p in midline if not figures.VIEWS[p["view"]].on_midline(p["x"], p["y"])]
    assert off == []


def test_paired_points_on_the_front_and_back_are_drawn_on_one_side_only():
    paired = [p for p in POINTS.values() if p["meridian"] not in ("GV", "CV") and p["view"] in ("front", "back")]
    assert paired and all(p["x"] < 100 for p in paired)


def test_the_head_figure_draws_its_midline_as_the_profile_of_the_head():
    # GV-20 at the crown is the highest point of the profile; GV-26 sits between the nose and the upper lip.
    gv20, gv26 = POINTS["GV20"], POINTS["GV26"]
    assert gv20["y"] == min(y for x, y in figures.HEAD_PROFILE)
    assert figures.HEAD_PROFILE[13][1] < gv26["y"] < figures.HEAD_PROFILE[15][1]


def along_profile(p):
    return figures.distance_to_polyline(figures.HEAD_PROFILE, p["x"], p["y"])[1]


# Which way each stretch of a channel runs on its figure, numbers rising. The hand figure has the fingers up,
# the foot figure its toes down, the head and side figures face right (forward = x grows).
DIRECTIONS = {
    "down": lambda p: p["y"],
    "up": lambda p: -p["y"],
    "forward": lambda p: p["x"],
    "backward": lambda p: -p["x"],
    "toward the spine": lambda p: p["x"],
    "along the profile": along_profile,
}
CHANNEL_STRETCHES = [
    ("LU", 1, 2, "up"),  # LU-1 lies a cun below LU-2
    ("LU", 3, 8, "down"),
    ("LU", 9, 11, "up"),  # wrist, ball of the thumb, thumbnail
    ("LI", 1, 5, "down"),  # index fingernail to the wrist
    ("LI", 6, 18, "up"),  # forearm, elbow, upper arm, shoulder, neck
    ("LI", 19, 20, "up"),
    ("ST", 1, 4, "down"),
    ("ST", 5, 8, "up"),  # jaw, cheek, temple, corner of the forehead
    ("ST", 9, 39, "down"),  # neck, chest, belly, thigh, shin (ST-40 branches off beside ST-38)
    ("ST", 41, 45, "down"),  # ankle to the second toe
    ("SP", 1, 5, "up"),  # big toe to the ankle
    ("SP", 6, 20, "up"),  # shin, thigh, belly, chest
    ("HT", 1, 6, "down"),
    ("HT", 7, 9, "up"),
    ("SI", 1, 5, "down"),
    ("SI", 6, 10, "up"),
    ("SI", 12, 15, "toward the spine"),
    ("BL", 1, 2, "up"),
    ("BL", 2, 9, "backward"),  # over the head
    ("BL", 10, 30, "down"),  # the inner line of the back
    ("BL", 31, 35, "down"),  # the sacral foramina
    ("BL", 36, 40, "down"),
    ("BL", 41, 54, "down"),  # the outer line of the back
    ("BL", 55, 59, "down"),
    ("BL", 60, 67, "down"),  # ankle to the little toe
    ("KI", 3, 6, "down"),  # the loop below the inner ankle bone
    ("KI", 7, 10, "up"),
    ("KI", 11, 27, "up"),
    ("PC", 2, 6, "down"),
    ("PC", 7, 9, "up"),
    ("TE", 1, 4, "down"),
    ("TE", 5, 14, "up"),
    ("TE", 17, 20, "up"),  # behind the ear
    ("TE", 21, 23, "forward"),
    ("GB", 4, 7, "down"),
    ("GB", 9, 12, "down"),
    ("GB", 13, 14, "down"),
    ("GB", 15, 19, "backward"),
    ("GB", 22, 39, "down"),  # flank, hip, the outside of the leg
    ("GB", 40, 44, "down"),
    ("LR", 1, 4, "up"),
    ("LR", 5, 12, "up"),
    ("GV", 1, 16, "up"),
    ("GV", 17, 28, "along the profile"),  # over the crown to the face
    ("CV", 1, 23, "up"),
]


@pytest.mark.parametrize("meridian,first,last,direction", CHANNEL_STRETCHES)
def test_each_channel_follows_its_numbers(meridian, first, last, direction):
    points = [POINTS[f"{meridian}{n}"] for n in range(first, last + 1)]
    views = {p["view"] for p in points}
    assert len(views) == 1, f"{meridian}-{first}…{last} is drawn on more than one figure: {views}"
    progress = [DIRECTIONS[direction](p) for p in points]
    steps = pairwise(zip(points, progress, strict=True))
    backwards = [f"{a['code']}→{b['code']}" for (a, pa), (b, pb) in steps if pb < pa]
    assert backwards == [], f"runs against the channel ({direction})"
    assert progress[-1] > progress[0]


def test_points_the_sentences_put_level_are_drawn_level():
    same_height = [
        ("BL23", "GV4", "BL52"),  # second lumbar vertebra
        ("BL13", "GV12", "BL42"),  # third thoracic vertebra
        ("CV8", "ST25", "SP15", "KI16"),  # the navel
        ("CV18", "ST16", "SP19", "KI24"),  # third intercostal space
        ("CV3", "ST29", "KI12"),  # 4 cun below the navel
        ("PC6", "TE5"),  # 2 cun above the wrist crease, front and back of the forearm
        ("KI7", "KI8"),  # 2 cun above the inner ankle bone
    ]
    for codes in same_height:
        heights = {POINTS[c]["y"] for c in codes}
        assert len(heights) == 1, codes


def test_measured_distances_follow_the_sentence():
    # ST-36 is 3 cun below ST-35, ST-37 6 cun: the second gap is twice the first.
    st35, st36, st37 = (POINTS[c]["y"] for c in ("ST35", "ST36", "ST37"))
    assert st37 - st35 == pytest.approx(2 * (st36 - st35), abs=0.11)
    # BL points are 1.5 cun and 3 cun from the spine; ST on the belly 2 cun, SP 4 cun.
    assert 100 - POINTS["BL52"]["x"] == pytest.approx(2 * (100 - POINTS["BL23"]["x"]))
    assert 100 - POINTS["SP15"]["x"] == pytest.approx(2 * (100 - POINTS["ST25"]["x"]))


def test_each_placement_says_how_it_was_found():
    with POINTS_CSV.open(encoding="utf-8") as fh:
        placements = figure_builder.place_all(csv.DictReader(fh))
    measured = [p for p in placements if p.how.startswith("measured")]
    # Most trunk, arm and leg points are measured from their sentence; the rest come from the anchor table.
    assert len(measured) > 200
    assert {p.code for p in measured} >= {"BL23", "ST36", "PC6", "CV12", "GV20", "KI24"}


# ---- the figure in the page ----------------------------------------------------------------------------------


def test_the_point_page_draws_the_marker_where_the_tool_placed_it(client, demo):
    point = POINTS["GB34"]
    html = client.get("/points/gb-34/").content.decode()
    assert 'data-view="side"' in html
    assert f'<circle class="marker" cx="{point["x"]:.1f}" cy="{point["y"]:.1f}"' in html
    assert "GB-34, side view, one side shown" in html
    # The text alternative gives the location in words and says the point is paired.
    assert 'aria-label="GB-34 marked on the side view of the body figure. On the fibular aspect' in html
    assert "lies on both sides of the body" in html


def test_a_midline_point_says_so(client, demo):
    html = client.get("/points/gv-20/").content.decode()
    assert 'data-view="head"' in html and "GV-20, head and face, side view, on the midline" in html
    assert "both sides" not in html.split('aria-label="', 1)[1].split('"', 1)[0]


def test_every_point_page_has_a_marker(demo):
    assert AcupointPage.objects.count() == 361
    assert not AcupointPage.objects.filter(figure_x__isnull=True).exists()
    assert set(AcupointPage.objects.values_list("figure_view", flat=True)) == set(figures.VIEWS)


@pytest.mark.parametrize("view", list(figures.VIEWS))
def test_each_figure_is_small_enough_to_inline(demo, view):
    point = AcupointPage.objects.filter(figure_view=view).order_by("code").first()
    full = render_to_string("components/point_figure.html", {"point": point})
    compact = render_to_string("components/point_figure.html", {"point": point, "compact": True})
    text_alternative = len(point.figure.alt.encode())
    # The drawing itself (without the sentence that describes the place) stays under 2 KB, under 3 KB in all.
    assert len(full.encode()) - text_alternative < 2048
    assert len(full.encode()) < 3072
    assert 'width="120"' in compact and "<figcaption>" not in compact


def test_a_point_whose_coordinates_an_editor_cleared_shows_its_region(client, demo):
    point = AcupointPage.objects.get(code="ST36")
    AcupointPage.objects.filter(pk=point.pk).update(figure_view="", figure_x=None, figure_y=None)
    html = client.get(point.url).content.decode()
    assert '<g class="region">' in html and 'class="marker"' not in html
    assert "Region: Leg" in html


@pytest.mark.parametrize(
    "view,x,y",
    [("head", 250, 40), ("front", 10, None), ("", 10, 10), ("side", -1, 10)],
)
def test_an_editor_cannot_put_a_marker_off_the_figure(demo, view, x, y):
    point = AcupointPage.objects.get(code="ST36")
    point.figure_view, point.figure_x, point.figure_y = view, x, y
    with pytest.raises(ValidationError):
        point.clean()


def test_no_marker_ring_is_cut_off_at_the_edge_of_its_figure():
    ring = 11
    cut = [
        p["code"]
        for p in POINTS.values()
        if not (ring <= p["x"] <= figures.VIEWS[p["view"]].width - ring)
        or not (ring <= p["y"] <= figures.VIEWS[p["view"]].height - ring)
    ]
    assert cut == []
