"""The body figures look like a body: proportioned outlines drawn around the markers, landmarks a reader can
find on their own body, and static SVG files that `build_point_figures` writes and checks."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import body_outline, figure_files, figures
from tests.test_point_figures import POINTS


def test_the_person_is_seven_and_a_half_heads_tall():
    ys = [y for _x, y in body_outline.FRONT_OUTLINE]
    top, soles = min(ys), max(ys)
    assert top == body_outline.CROWN_Y
    assert (soles - top) / (body_outline.CHIN_Y - top) == pytest.approx(7.5, abs=0.3)


def test_the_figures_are_outlines_not_ovals():
    # Front, back, side and head are drawn as curves through a real silhouette, not as ellipses and boxes.
    for key in ("front", "back", "side", "head"):
        shapes = figures.VIEWS[key].outline
        assert all(isinstance(s, figures.Smooth) for s in shapes), key
        assert sum(len(s.points) for s in shapes) >= 25, key


@pytest.mark.parametrize("key", ["front", "back", "side", "head"])
def test_every_marker_of_a_figure_lies_inside_its_outline(key):
    view = figures.VIEWS[key]
    outside = [
        code
        for code, p in POINTS.items()
        if p["view"] == key and not any(shape.contains(p["x"], p["y"]) for shape in view.outline)
    ]
    assert outside == []
    assert [c for c, p in POINTS.items() if p["view"] == key]


def test_a_marker_outside_the_outline_is_caught():
    # The armpit gap between the arm and the chest, and the space between the legs, are not body.
    view = figures.VIEWS["front"]
    for x, y in ((62.5, 150), (100, 300), (20, 200), (100, 8)):
        assert not any(shape.contains(x, y) for shape in view.outline), (x, y)


@pytest.mark.parametrize(
    "code,landmark",
    [
        ("BL40", "the crease behind the knee"),
        ("GV4", "the spine"),
        ("GV14", "the spine"),
        ("CV8", "the navel"),
        ("ST17", "the nipple"),
        ("LU5", "the elbow crease"),
        ("PC6", "the wrist crease"),
        ("ST35", "the kneecap"),
        ("SI11", "the shoulder blade"),
        ("KI7", "the Achilles tendon"),
        ("ST1", "the eye"),
        ("GB30", "the hip joint"),
        ("ST36", "the kneecap"),  # a hand's width below it
        ("SP6", "the inner ankle bone"),  # a hand's width above it
    ],
)
def test_a_marker_is_next_to_the_landmark_a_reader_finds_it_from(code, landmark):
    p = POINTS[code]
    assert figures.nearest_landmark(p["view"], p["x"], p["y"]) == landmark


def test_the_knee_crease_is_on_the_back_and_the_kneecap_on_the_front():
    names = {key: {name for name, _g, _c in figures.VIEWS[key].landmarks} for key in ("front", "back")}
    assert "the crease behind the knee" in names["back"] and "the crease behind the knee" not in names["front"]
    assert "the kneecap" in names["front"] and "the spine" in names["back"]
    assert {"the inner ankle bone", "the outer ankle bone"} <= names["front"] & names["back"]


def test_each_figure_file_is_what_the_command_draws(tmp_path, monkeypatch):
    # The files in the repository are current...
    assert figure_files.stale_files() == []
    # ...and a hand-edited or missing one makes --check fail until the command is run again.
    monkeypatch.setattr(figure_files, "STATIC_DIR", tmp_path)
    figure_files.write_files()
    (tmp_path / "back.svg").write_text("<svg/>", encoding="utf-8")
    with pytest.raises(CommandError, match="back.svg"):
        call_command("build_point_figures", "--check", verbosity=0)
    (tmp_path / "back.svg").unlink()
    with pytest.raises(CommandError, match="back.svg"):
        call_command("build_point_figures", "--check", verbosity=0)
    figure_files.write_files()
    call_command("build_point_figures", "--check", verbosity=0)


def test_the_figure_file_draws_the_outline_and_the_landmarks():
    svg = figure_files.figure_svg("back")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<title>" in svg
    assert svg.count("<path") > 20 and "<ellipse" not in svg


def test_the_point_page_shows_the_figure_large_with_its_landmark(client, demo):
    html = client.get("/points/bl-40/").content.decode()
    assert '<image href="/static/articles/figures/back.svg"' in html
    assert 'width="300" height="630"' in html
    assert "Find it from the crease behind the knee." in html
