"""The 14 meridians of the WHO standard, in the standard order, and every way readers abbreviate them."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Meridian:
    code: str
    name: str
    point_count: int
    aliases: tuple = ()

    @property
    def slug(self):
        return self.code.lower()


MERIDIANS = (
    Meridian("LU", "Lung", 11, ("LUNG", "LG")),
    Meridian("LI", "Large Intestine", 20, ("LARGEINTESTINE", "CO", "COLON")),
    Meridian("ST", "Stomach", 45, ("STOMACH", "S")),
    Meridian("SP", "Spleen", 21, ("SPLEEN", "SPL")),
    Meridian("HT", "Heart", 9, ("HEART", "HE", "H")),
    Meridian("SI", "Small Intestine", 19, ("SMALLINTESTINE",)),
    Meridian("BL", "Bladder", 67, ("UB", "URINARYBLADDER", "BLADDER", "B")),
    Meridian("KI", "Kidney", 27, ("KIDNEY", "KID", "KD", "K")),
    Meridian("PC", "Pericardium", 9, ("PERICARDIUM", "P", "PE", "HC", "CX")),
    Meridian(
        "TE",
        "Triple Energizer",
        23,
        ("SJ", "TB", "TW", "TH", "TRIPLEENERGIZER", "TRIPLEENERGISER", "TRIPLEBURNER", "TRIPLEWARMER", "SANJIAO"),
    ),
    Meridian("GB", "Gallbladder", 44, ("GALLBLADDER",)),
    Meridian("LR", "Liver", 14, ("LV", "LIV", "LIVER", "LE")),
    Meridian("GV", "Governing Vessel", 28, ("DU", "DM", "GOVERNINGVESSEL", "DUMAI")),
    Meridian("CV", "Conception Vessel", 24, ("REN", "RN", "RM", "CONCEPTIONVESSEL", "RENMAI")),
)

BY_CODE = {m.code: m for m in MERIDIANS}
ORDER = {m.code: i for i, m in enumerate(MERIDIANS)}
CHOICES = [(m.code, f"{m.code} · {m.name}") for m in MERIDIANS]
TOTAL_POINTS = sum(m.point_count for m in MERIDIANS)

_ALIASES = {m.code: m.code for m in MERIDIANS}
_ALIASES.update({alias: m.code for m in MERIDIANS for alias in m.aliases})
_CODE_RE = re.compile(r"^([A-Z]+)(\d{1,2})$")


def normalise_code(text):
    """Turn whatever a reader typed (`bl40`, `Bl 40`, `UB-40`, `Urinary Bladder 40`, `SJ5`, `Du-20`)
    into the canonical WHO code (`BL40`), or None if it is not a point code."""
    if not text or len(text) > 40:
        return None
    compact = re.sub(r"[\s\-_.·:/]+", "", text.upper())
    match = _CODE_RE.match(compact)
    if not match:
        return None
    meridian = _ALIASES.get(match.group(1))
    number = int(match.group(2))
    if not meridian or not 1 <= number <= BY_CODE[meridian].point_count:
        return None
    return f"{meridian}{number}"


def display_code(code):
    """`BL40` → `BL-40`, the one form the site shows."""
    match = re.match(r"^([A-Z]+)(\d+)$", code or "")
    return f"{match.group(1)}-{match.group(2)}" if match else code
