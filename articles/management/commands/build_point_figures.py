"""Place every acupoint on a body figure and write articles/data/figure_coordinates.csv, and draw the figures
as static SVG files (articles/static/articles/figures/<view>.svg).

    python manage.py build_point_figures           # rewrite the file
    python manage.py build_point_figures --check   # exit 1 if a file is out of date (CI)
    python manage.py build_point_figures --list    # print how each point was placed
    python manage.py build_point_figures --load    # rewrite the file, then update the point pages

Run it after editing a location in acupoints.csv or the figures. With --load (or a later `load_demo`) the pages
take the new positions; a point whose figure fields an editor changed in the admin is kept as the editor left it.
"""

import csv
import io
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles import figure_builder, figure_files
from articles.loader import FIGURES_CSV, POINTS_CSV, load_points
from articles.models import PointIndexPage


class Command(BaseCommand):
    help = "Place every acupoint on a body figure (writes articles/data/figure_coordinates.csv)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only check that the file is up to date.")
        parser.add_argument("--list", action="store_true", help="Print each point's figure and how it was placed.")
        parser.add_argument("--load", action="store_true", help="Then update the point pages from the file.")

    def handle(self, *args, check=False, list=False, load=False, **options):
        with POINTS_CSV.open(encoding="utf-8") as fh:
            placements = figure_builder.place_all(csv.DictReader(fh))
        if list:
            for p in placements:
                self.stdout.write(f"{p.code:6} {p.view:6} {p.x:6g} {p.y:6g}  {p.how}")
        buffer = io.StringIO()
        figure_builder.write_csv(placements, buffer)
        if check:
            current = FIGURES_CSV.read_text(encoding="utf-8") if FIGURES_CSV.exists() else ""
            stale = ([FIGURES_CSV.name] if current != buffer.getvalue() else []) + [
                p.name for p in figure_files.stale_files()
            ]
            if stale:
                raise CommandError(f"{', '.join(stale)} out of date: run `manage.py build_point_figures`.")
            self.stdout.write(f"{FIGURES_CSV.name} is up to date ({len(placements)} points), and so are the figures.")
            return
        FIGURES_CSV.write_text(buffer.getvalue(), encoding="utf-8")
        figure_files.write_files()
        views = Counter(p.view for p in placements)
        measured = sum(p.how.startswith("measured") for p in placements)
        self.stdout.write(
            f"Placed {len(placements)} points ({measured} measured from their location sentence, "
            f"{len(placements) - measured} from the anchor table): "
            + ", ".join(f"{views[v]} {v}" for v in figure_builder.figures.VIEWS)
        )
        if load:
            self._load()

    def _load(self):
        index = PointIndexPage.objects.first()
        if index is None:
            raise CommandError("There is no point library page yet (run load_demo first).")
        report = load_points(index)
        self.stdout.write(
            f"Point pages: {len(report.updated)} updated, {report.unchanged} unchanged, "
            f"{len(report.kept_editor_changes)} kept as editors left them"
            + (f" ({', '.join(report.kept_editor_changes)})" if report.kept_editor_changes else "")
        )
