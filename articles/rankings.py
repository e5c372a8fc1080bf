"""The demo's ranking of points per complaint and its reader cautions, from `data/complaint_rankings.csv` and
the constants below. Editors' own rankings and cautions are kept: a complaint that already has primary points,
and a caution with the same condition and title, are left as they are."""

import csv
from pathlib import Path

from .models import AcupointPage, Complaint, PrimaryPoint, ReaderCaution

RANKINGS_CSV = Path(__file__).resolve().parent / "data" / "complaint_rankings.csv"

DEADMAN = "Deadman, Al-Khafaji and Baker, A Manual of Acupuncture (ISBN 9780951054659)"
NHS_WARFARIN = "NHS, Side effects of warfarin"

# What a careful publisher leaves out for each reader; the reasons are ours, the sources named.
DEMO_CAUTIONS = [
    {
        "condition": "pregnancy",
        "title": "Points traditionally avoided in pregnancy",
        "pregnancy_flagged_points": True,
        "reason": "These points are traditionally avoided in pregnancy, because they are used to bring on labour "
        "or lie over the womb. The evidence of harm from pressing them is weak, but leave them out and ask "
        "your midwife or doctor.",
        "source": DEADMAN,
    },
    {
        "condition": "blood-thinners",
        "title": "Strong pressure",
        "step_words": "firm\nstrong\nhard\ndeep\nvigorous",
        "reason": "Blood thinners make you bruise more easily. Use light, gentle pressure instead, or skip the step.",
        "source": NHS_WARFARIN,
        "source_url": "https://www.nhs.uk/medicines/warfarin/side-effects-of-warfarin/",
    },
    {
        "condition": "blood-thinners",
        "title": "Gua sha",
        "step_words": "gua sha\nscrape\nscraping",
        "reason": "Gua sha is meant to raise red marks under the skin, which is a kind of bruising; blood thinners "
        "make bruising easier and slower to fade. Ask your doctor first.",
        "source": NHS_WARFARIN,
        "source_url": "https://www.nhs.uk/medicines/warfarin/side-effects-of-warfarin/",
    },
]


def read_rankings(path=RANKINGS_CSV):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_rankings(path=RANKINGS_CSV):
    """Primary points for the complaints the source covers; returns how many complaints were ranked."""
    rows = [row for row in read_rankings(path) if row["point"]]
    points = {p.code: p for p in AcupointPage.objects.filter(code__in={row["point"] for row in rows})}
    complaints = {c.slug: c for c in Complaint.objects.filter(slug__in={row["complaint"] for row in rows})}
    already = set(PrimaryPoint.objects.values_list("complaint_id", flat=True))
    ranked = set()
    for row in sorted(rows, key=lambda r: (r["complaint"], int(r["rank"]))):
        complaint, point = complaints.get(row["complaint"]), points.get(row["point"])
        if complaint is None or point is None or complaint.pk in already:
            continue
        PrimaryPoint.objects.create(complaint=complaint, point=point, sort_order=int(row["rank"]), source=row["source"])
        ranked.add(complaint.pk)
    return len(ranked)


def load_cautions():
    for values in DEMO_CAUTIONS:
        ReaderCaution.objects.get_or_create(condition=values["condition"], title=values["title"], defaults=values)
