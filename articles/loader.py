"""Loads the acupoint library from `articles/data/acupoints.csv` (one reviewed row per point).

Idempotent, and it never overwrites an editor: each point remembers a checksum of the values it was last
loaded with. A point whose current values still match that checksum is updated when the file changes; a
point an editor has changed in the admin is left alone and reported.
"""

import csv
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from . import meridians
from .models import AcupointPage, Complaint

DATA_DIR = Path(__file__).resolve().parent / "data"
POINTS_CSV = DATA_DIR / "acupoints.csv"
FIGURES_CSV = DATA_DIR / "figure_coordinates.csv"

COMPLAINTS = {
    "lower-back-pain": "Lower back pain",
    "neck-pain": "Neck pain",
    "shoulder-pain": "Shoulder pain",
    "knee-pain": "Knee pain",
    "hip-pain": "Hip pain",
    "wrist-pain": "Wrist pain",
    "headache": "Headache",
    "stress": "Stress and anxiety",
    "insomnia": "Sleep problems",
    "nausea": "Nausea",
    "indigestion": "Indigestion",
    "constipation": "Constipation",
    "menstrual-pain": "Period pain",
    "cough": "Cough",
    "common-cold": "Colds",
    "sore-throat": "Sore throat",
    "fatigue": "Fatigue",
    "eye-strain": "Eye strain",
    "toothache": "Toothache",
    "dizziness": "Dizziness",
    "sinus-congestion": "Blocked sinuses",
}

TEXT_FIELDS = (
    "pinyin",
    "pinyin_tones",
    "hanzi",
    "english_name",
    "other_names",
    "location",
    "how_to_find",
    "region",
    "caution",
    "figure_view",
)


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    kept_editor_changes: list = field(default_factory=list)
    unchanged: int = 0


def read_rows(path=POINTS_CSV):
    figures = {}
    if FIGURES_CSV.exists():
        with FIGURES_CSV.open(encoding="utf-8") as fh:
            figures = {r["code"]: r for r in csv.DictReader(fh)}
    with Path(path).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            figure = figures.get(row["code"], {})
            yield {
                "code": row["code"],
                "meridian": row["meridian"],
                "number": int(row["number"]),
                "pinyin": row["pinyin"].strip(),
                "pinyin_tones": row["pinyin_tones"].strip(),
                "hanzi": row["hanzi"].strip(),
                "english_name": row["english"].strip(),
                "other_names": "\n".join(n.strip() for n in row["other_names"].split(";") if n.strip()),
                "location": row["location"].strip(),
                "how_to_find": row["how_to_find"].strip(),
                "region": row["region"].strip(),
                "caution": row["caution"].strip(),
                "pregnancy_caution": row["pregnancy_caution"].strip() == "1",
                "figure_view": figure.get("view", ""),
                "figure_x": Decimal(figure["x"]) if figure else None,
                "figure_y": Decimal(figure["y"]) if figure else None,
                "complaints": sorted(s.strip() for s in row["complaints"].split(";") if s.strip()),
            }


def checksum(values):
    normal = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}
    return hashlib.sha256(json.dumps(normal, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _with_figure_precision(values):
    return {
        **values,
        "figure_x": Decimal(values["figure_x"]).quantize(Decimal("0.1")) if values["figure_x"] is not None else None,
        "figure_y": Decimal(values["figure_y"]).quantize(Decimal("0.1")) if values["figure_y"] is not None else None,
    }


def current_values(page, complaint_slugs):
    values = {name: getattr(page, name) for name in TEXT_FIELDS}
    values.update(
        code=page.code,
        meridian=page.meridian,
        number=page.number,
        pregnancy_caution=page.pregnancy_caution,
        figure_x=page.figure_x,
        figure_y=page.figure_y,
        complaints=sorted(complaint_slugs),
    )
    return _with_figure_precision(values)


def _apply(page, values, complaint_objects):
    for name, value in values.items():
        if name != "complaints":
            setattr(page, name, value)
    display = meridians.display_code(values["code"])
    page.title = f"{display} {values['pinyin']}"
    page.seo_title = f"{display} {values['pinyin']} ({values['english_name']}): location and acupressure"
    page.complaints = [complaint_objects[s] for s in values["complaints"]]


@transaction.atomic
def load_points(index_page, path=POINTS_CSV):
    complaint_objects = {}
    for slug, name in COMPLAINTS.items():
        complaint_objects[slug], _ = Complaint.objects.get_or_create(slug=slug, defaults={"name": name})

    existing = {p.code: p for p in AcupointPage.objects.child_of(index_page).prefetch_related("complaints")}
    report = LoadReport()
    for raw in read_rows(path):
        values = _with_figure_precision(raw)
        digest = checksum(values)
        page = existing.get(values["code"])
        if page is None:
            page = AcupointPage(slug=meridians.display_code(values["code"]).lower(), source_checksum=digest)
            _apply(page, values, complaint_objects)
            index_page.add_child(instance=page)
            report.created.append(values["code"])
            continue
        if page.source_checksum == digest:
            report.unchanged += 1
            continue
        if checksum(current_values(page, [c.slug for c in page.complaints.all()])) != page.source_checksum:
            report.kept_editor_changes.append(values["code"])
            continue
        _apply(page, values, complaint_objects)
        page.source_checksum = digest
        if page.latest_revision_id:
            page.save_revision(log_action=True).publish()
        else:
            page.save()
        report.updated.append(values["code"])
    return report
