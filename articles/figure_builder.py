"""Places every point of `acupoints.csv` on one of the body figures (`articles/figures.py`).

Run `python manage.py build_point_figures` after changing a point's location or the figures; it rewrites
`articles/data/figure_coordinates.csv`, which the loader reads.

How a position is found, in order:
1. The meridian's stretch (`STRETCHES`) says which figure the point is drawn on and on which line of that
   figure the channel runs (the lung channel runs down the thumb side of the front of the arm, x = 44).
2. Where the location sentence measures the point from a landmark ("3 cun below ST35", "level with the
   lower edge of the spinous process of T3", "in the fourth intercostal space, 4 cun lateral to the anterior
   midline"), that measurement is read from the sentence and converted with the figure's proportions
   (`Scale`). Most trunk, arm and leg points are placed this way.
3. Points the sentence places by shape rather than measure ("in the hollow behind the ear lobe") take their
   spot from `ANCHORS`, a table drawn by hand against the figures.
The tests check the result: each marker is inside its region on the figure, points on the midline are on
it, and each channel's points follow their numbers along the channel.
"""

import csv
import math
import re
from dataclasses import dataclass

from . import figures

CUN = r"(\d+(?:\.\d+)?) (?:[BF]-)?cun(?: \([a-z-]+\))?"
ORDINALS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh".split(), start=1)}

# ---- the proportions of the figures ----------------------------------------------------------------------------

# Front and back views: trunk
CLAVICLE_Y = 93  # just below the clavicle
FIRST_ICS_Y, ICS_STEP = 100, 8  # intercostal spaces
XIPHOID_Y = figures.XIPHOID_Y
UMBILICUS_Y, ABDOMEN_CUN = 190, 5  # 8 cun from the xiphisternal junction to the navel
PUBIS_Y = 215  # upper border of the pubic symphysis, 5 cun below the navel
FRONT_CUN_X = 5.5  # across the chest and belly (the nipples are 4 cun from the midline)
BACK_CUN_X = 6  # across the back (the medial border of the shoulder blade is 3 cun from the midline)
VERTEBRA_Y = {"C2": 70, "C7": 86}
VERTEBRA_Y.update({f"T{n}": 92 + 6.5 * (n - 1) for n in range(1, 13)})
VERTEBRA_Y.update({f"L{n}": 163.5 + 7 * n for n in range(1, 6)})
SACRAL_FORAMEN_Y = {1: 203, 2: 207.5, 3: 212, 4: 216.5}
# Arms (front and back views)
AXILLA_Y, ELBOW_Y, WRIST_Y, ACROMION_Y = 110, 158, 226, 90
UPPER_ARM_CUN = (ELBOW_Y - AXILLA_Y) / 9
FOREARM_CUN = (WRIST_Y - ELBOW_Y) / 12
# Legs
PATELLA_BASE_Y = 292
THIGH_CUN = (PATELLA_BASE_Y - PUBIS_Y) / 18
KNEE_FRONT_Y = 302  # the knee line seen from the front (ST35, the ends of the popliteal crease)
POPLITEAL_Y = 300
GLUTEAL_FOLD_Y = 232
MALLEOLUS_Y = 378
LOWER_LEG_CUN = (MALLEOLUS_Y - POPLITEAL_Y) / 16
BACK_THIGH_CUN = (POPLITEAL_Y - GLUTEAL_FOLD_Y) / 14
SIDE_THIGH_CUN = (POPLITEAL_Y - 226) / 19  # greater trochanter to the popliteal crease
# Head (the profile view): the scalp from the posterior to the anterior hairline is 12 cun
HEAD_LATERAL_PX = 4  # a point beside the midline is drawn this far inside the outline per cun
PUPIL_LINE_CUN = 2.25


def head_arc(cun_from_posterior_hairline):
    """How far along the head's profile a point lies that is so many cun above the posterior hairline:
    proportional cun, 7 from the posterior hairline to the vertex and 5 from there to the anterior hairline."""
    path, marks = figures.HEAD_PROFILE, figures.HEAD_LANDMARKS
    at = {name: figures.polyline_length(path[: i + 1]) for name, i in marks.items()}
    c = cun_from_posterior_hairline
    if c <= 7:
        return at["posterior_hairline"] + c / 7 * (at["vertex"] - at["posterior_hairline"])
    return at["vertex"] + (c - 7) / 5 * (at["anterior_hairline"] - at["vertex"])


# ---- reading measurements from a location sentence ------------------------------------------------------------


def _cun(pattern, text):
    match = re.search(pattern.replace("CUN", CUN), text, re.IGNORECASE)
    return float(match.group(1)) if match else None


def lateral_cun(text):
    if re.search(r"on the (anterior |posterior )?(median line|midline)|on the midline", text, re.IGNORECASE):
        return 0.0
    return _cun(
        r"CUN (?:lateral to|to the side of) the (?:anterior |posterior |front )?"
        r"(?:midline|median line|median sacral crest|centre of the umbilicus)",
        text,
    )


def intercostal_y(text):
    match = re.search(r"(first|second|third|fourth|fifth|sixth|seventh) intercostal space", text)
    return FIRST_ICS_Y + ICS_STEP * (ORDINALS[match.group(1)] - 1) if match else None


def umbilicus_y(text):
    match = re.search(CUN + r" (above|below) the (?:level of the )?(?:centre of the )?umbilicus", text)
    if match:
        sign = -1 if match.group(2) == "above" else 1
        return UMBILICUS_Y + sign * float(match.group(1)) * ABDOMEN_CUN
    if "umbilicus" in text:
        return UMBILICUS_Y
    return None


def spine_y(text):
    match = re.search(r"(first|second|third|fourth) posterior sacral foramen", text)
    if match:
        return SACRAL_FORAMEN_Y[ORDINALS[match.group(1)]]
    match = re.search(r"\((C2|C7|T\d+|L\d)\)", text)
    return VERTEBRA_Y[match.group(1)] if match else None


def trunk_front(text):
    """(x, y, how) for a point on the chest or belly, from the front."""
    y = intercostal_y(text) or umbilicus_y(text)
    how = []
    if y is not None:
        how.append("intercostal space" if "intercostal" in text else "cun from the navel")
    elif "pubic symphysis" in text:
        y, how = PUBIS_Y, ["pubic symphysis"]
    elif "below the clavicle" in text or "below the clavicle" in text.replace("hollow ", ""):
        y, how = CLAVICLE_Y, ["clavicle"]
    lateral = lateral_cun(text)
    x = None if lateral is None else 100 - FRONT_CUN_X * lateral
    if x is not None:
        how.append("cun from the midline")
    return x, y, how


def trunk_back(text):
    y = spine_y(text)
    lateral = lateral_cun(text)
    x = None if lateral is None else 100 - BACK_CUN_X * lateral
    how = (["vertebra"] if y is not None else []) + (["cun from the midline"] if x is not None else [])
    return x, y, how


def trunk_side(text):
    y = intercostal_y(text) or umbilicus_y(text)
    return None, y, (["intercostal space" if "intercostal" in text else "cun from the navel"] if y else [])


def arm(text):
    checks = (
        (r"CUN (?:above|proximal to) the (?:palmar |dorsal )?wrist crease", lambda c: WRIST_Y - c * FOREARM_CUN),
        (r"CUN below the elbow crease", lambda c: ELBOW_Y + c * FOREARM_CUN),
        (r"CUN above the elbow crease", lambda c: ELBOW_Y - c * UPPER_ARM_CUN),
        (r"CUN below the (?:front armpit fold|anterior axillary fold)", lambda c: AXILLA_Y + c * UPPER_ARM_CUN),
        (r"CUN distal to the tip of the olecranon", lambda c: ELBOW_Y + c * FOREARM_CUN),
        (r"CUN proximal to the (?:tip of the )?olecranon", lambda c: ELBOW_Y - c * UPPER_ARM_CUN),
        (r"CUN below the acromial angle", lambda c: ACROMION_Y + c * UPPER_ARM_CUN),
    )
    for pattern, place in checks:
        c = _cun(pattern, text)
        if c is not None:
            return None, place(c), ["cun along the arm"]
    if re.search(r"(on|level with) the (elbow|cubital) crease", text):
        return None, ELBOW_Y, ["elbow crease"]
    return None, None, []


def _leg(text, checks, knee_y):
    for pattern, place in checks:
        c = _cun(pattern, text)
        if c is not None:
            return None, place(c), ["cun along the leg"]
    if re.search(r"(in|midpoint of|end of) the popliteal crease", text):
        return None, knee_y, ["popliteal crease"]
    return None, None, []


def leg_front(text, placed):
    return _leg(
        text,
        (
            (r"CUN above the (?:medial end of the )?base of the patella", lambda c: PATELLA_BASE_Y - c * THIGH_CUN),
            (r"CUN below ST35", lambda c: placed["ST35"][1] + c * LOWER_LEG_CUN),
            (r"CUN below SP9", lambda c: placed["SP9"][1] + c * LOWER_LEG_CUN),
            (r"CUN below ST30", lambda c: PUBIS_Y + c * THIGH_CUN),
            (
                r"CUN above the (?:most )?prominen(?:ce|t point) of the (?:medial|lateral) malleolus",
                lambda c: MALLEOLUS_Y - c * LOWER_LEG_CUN,
            ),
        ),
        KNEE_FRONT_Y,
    )


def leg_back(text, placed):
    return _leg(
        text,
        (
            (r"CUN below the gluteal fold", lambda c: GLUTEAL_FOLD_Y + c * BACK_THIGH_CUN),
            (r"CUN above the popliteal crease", lambda c: POPLITEAL_Y - c * BACK_THIGH_CUN),
            (r"CUN below the popliteal crease", lambda c: POPLITEAL_Y + c * LOWER_LEG_CUN),
            (r"CUN above BL60", lambda c: MALLEOLUS_Y - c * LOWER_LEG_CUN),
            (
                r"CUN above the (?:most )?prominen(?:ce|t point) of the (?:medial|lateral) malleolus",
                lambda c: MALLEOLUS_Y - c * LOWER_LEG_CUN,
            ),
        ),
        POPLITEAL_Y,
    )


def leg_side(text, placed):
    return _leg(
        text,
        (
            (r"CUN above the popliteal crease", lambda c: POPLITEAL_Y - c * SIDE_THIGH_CUN),
            (r"CUN above the prominence of the lateral malleolus", lambda c: MALLEOLUS_Y - c * LOWER_LEG_CUN),
        ),
        POPLITEAL_Y,
    )


def head(text, lateral_default=0.0):
    """A point on the scalp measured from a hairline: walk along the profile, then step inside the outline
    by its distance from the midline."""
    behind_front = _cun(r"CUN (?:posterior to|behind|above) the (?:anterior|front) hairline", text)
    above_back = _cun(r"CUN above the posterior hairline", text)
    if behind_front is None and above_back is None:
        return None, None, []
    path = figures.HEAD_PROFILE
    along = head_arc(above_back if above_back is not None else 12 - behind_front)
    x, y = figures.point_along(path, along)
    lateral = lateral_cun(text)
    if lateral is None:
        lateral = lateral_default
    if "pupil" in text:
        lateral = PUPIL_LINE_CUN
    if lateral:
        ax, ay = figures.point_along(path, along - 2)
        bx, by = figures.point_along(path, along + 2)
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        x, y = x - dy / norm * HEAD_LATERAL_PX * lateral, y + dx / norm * HEAD_LATERAL_PX * lateral
    return x, y, ["cun from the hairline"] + (["cun from the midline"] if lateral else [])


MEASURE = {
    "trunk-front": lambda text, placed: trunk_front(text),
    "trunk-back": lambda text, placed: trunk_back(text),
    "trunk-side": lambda text, placed: trunk_side(text),
    "arm": lambda text, placed: arm(text),
    "leg-front": leg_front,
    "leg-back": leg_back,
    "leg-side": leg_side,
    "head": lambda text, placed: head(text),
    "head-bl": lambda text, placed: head(text, 1.5),  # the bladder channel runs 1.5 cun beside the midline
    "head-gb": lambda text, placed: head(text, PUPIL_LINE_CUN),
}


# ---- where each channel runs on which figure -----------------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    meridian: str
    first: int
    last: int
    view: str
    measure: str | None = None  # which measurements the location sentences give here
    x: float | None = None  # the line the channel follows here, when the sentence gives none


STRETCHES = [
    Stretch("LU", 1, 2, "front", "trunk-front"),
    Stretch("LU", 3, 8, "front", "arm", 44),
    Stretch("LU", 9, 11, "hand"),
    Stretch("LI", 1, 5, "hand"),
    Stretch("LI", 6, 14, "front", "arm", 41),
    Stretch("LI", 15, 18, "front"),
    Stretch("LI", 19, 20, "head"),
    Stretch("ST", 1, 8, "head", "head"),
    Stretch("ST", 9, 12, "front", "trunk-front"),
    Stretch("ST", 13, 30, "front", "trunk-front"),
    Stretch("ST", 31, 40, "front", "leg-front", 76),
    Stretch("ST", 41, 45, "foot"),
    Stretch("SP", 1, 5, "foot"),
    Stretch("SP", 6, 11, "front", "leg-front", 93),
    Stretch("SP", 12, 20, "front", "trunk-front"),
    Stretch("SP", 21, 21, "side"),
    Stretch("HT", 1, 6, "front", "arm", 57),
    Stretch("HT", 7, 9, "hand"),
    Stretch("SI", 1, 5, "hand"),
    Stretch("SI", 6, 8, "back", "arm", 57),
    Stretch("SI", 9, 15, "back", "trunk-back"),
    Stretch("SI", 16, 17, "side"),
    Stretch("SI", 18, 19, "head"),
    Stretch("BL", 1, 9, "head", "head-bl"),
    Stretch("BL", 10, 35, "back", "trunk-back"),
    Stretch("BL", 36, 40, "back", "leg-back", 81),
    Stretch("BL", 41, 54, "back", "trunk-back"),
    Stretch("BL", 55, 59, "back", "leg-back", 81),
    Stretch("BL", 60, 67, "foot"),
    Stretch("KI", 1, 6, "foot"),
    Stretch("KI", 7, 10, "back", "leg-back", 92),
    Stretch("KI", 11, 27, "front", "trunk-front"),
    Stretch("PC", 1, 1, "front", "trunk-front"),
    Stretch("PC", 2, 6, "front", "arm", 50),
    Stretch("PC", 7, 9, "hand"),
    Stretch("TE", 1, 4, "hand"),
    Stretch("TE", 5, 13, "back", "arm", 50),
    Stretch("TE", 14, 15, "back"),
    Stretch("TE", 16, 16, "side"),
    Stretch("TE", 17, 23, "head"),
    Stretch("GB", 1, 19, "head", "head-gb"),
    Stretch("GB", 20, 21, "back"),
    Stretch("GB", 22, 28, "side", "trunk-side"),
    Stretch("GB", 29, 39, "side", "leg-side", 98),
    Stretch("GB", 40, 44, "foot"),
    Stretch("LR", 1, 4, "foot"),
    Stretch("LR", 5, 11, "front", "leg-front", 90),
    Stretch("LR", 12, 12, "front", "trunk-front"),
    Stretch("LR", 13, 13, "side"),
    Stretch("LR", 14, 14, "front", "trunk-front"),
    Stretch("GV", 1, 16, "back", "trunk-back", 100),
    Stretch("GV", 17, 24, "head", "head"),
    Stretch("GV", 25, 28, "head"),
    Stretch("CV", 1, 21, "front", "trunk-front", 100),
    Stretch("CV", 22, 23, "front", None, 100),
    Stretch("CV", 24, 24, "head"),
]

_P = figures.HEAD_PROFILE
# Hand-drawn spots: (x, y), or (x, None) to set only the line where the sentence gives the height.
ANCHORS = {
    # Lung
    "LU2": (None, CLAVICLE_Y),
    "LU7": (42, None),
    "LU9": (58, 152),
    "LU10": (76, 128),
    "LU11": (90, 92),
    # Large intestine (hand: the back of the hand is the right-hand panel, thumb side on its left)
    "LI1": (131, 36),
    "LI2": (131, 86),
    "LI3": (130, 98),
    "LI4": (131, 118),
    "LI5": (140, 150),
    "LI11": (42, ELBOW_Y),
    "LI12": (41, ELBOW_Y - UPPER_ARM_CUN),
    "LI14": (41, ELBOW_Y - 7 * UPPER_ARM_CUN),
    "LI15": (56, 94),
    "LI16": (68, 91),
    "LI17": (91, 80),
    "LI18": (92, 74),
    "LI19": (157, 143),
    "LI20": (152, 128),
    # Stomach
    "ST1": (146, 112),
    "ST2": (146, 118),
    "ST3": (146, 134),
    "ST4": (150, 155),
    "ST5": (128, 180),
    "ST6": (122, 172),
    "ST7": (118, 128),
    "ST9": (94, 72),
    "ST10": (94, 78),
    "ST11": (96, 88),
    "ST12": (None, 88),
    "ST13": (None, CLAVICLE_Y),
    "ST31": (75, 232),
    "ST32": (74, None),
    "ST35": (77, KNEE_FRONT_Y),
    "ST36": (78, None),
    "ST37": (78, None),
    "ST38": (78, None),
    "ST39": (78, None),
    "ST40": (72, None),
    "ST41": (54, 58),
    "ST42": (53, 90),
    "ST43": (56, 128),
    "ST44": (57, 146),
    "ST45": (55, 168),
    # Spleen (foot: the top of the right foot is the left-hand panel, big toe on its left)
    "SP1": (27, 170),
    "SP2": (27, 148),
    "SP3": (28, 136),
    "SP4": (28, 104),
    "SP5": (33, 62),
    "SP9": (93, 312),
    "SP10": (92, None),
    "SP11": (90, 241),
    "SP12": (81, 214),
    "SP21": (101, FIRST_ICS_Y + 5 * ICS_STEP),
    # Heart (palm: the left-hand panel, little finger on its left)
    "HT1": (57, 108),
    "HT7": (28, 152),
    "HT8": (24, 98),
    "HT9": (23, 54),
    # Small intestine
    "SI1": (185, 54),
    "SI2": (185, 90),
    "SI3": (184, 100),
    "SI4": (183, 138),
    "SI5": (172, 154),
    "SI8": (57, ELBOW_Y),
    "SI9": (60, 106),
    "SI10": (64, 100),
    "SI11": (73, 115),
    "SI12": (72, 97),
    "SI13": (80, 100),
    "SI16": (97, 74),
    "SI17": (104, 66),
    "SI18": (136, 128),
    "SI19": (110, 118),
    # Bladder
    "BL1": (152, 104),
    "BL2": (154, 96),
    "BL9": (45, 112),
    "BL10": (93, None),
    "BL31": (96, None),
    "BL32": (96, None),
    "BL33": (96, None),
    "BL34": (96, None),
    "BL35": (97, 221),
    "BL36": (81, GLUTEAL_FOLD_Y),
    "BL38": (75, None),
    "BL39": (73, None),
    "BL57": (81, POPLITEAL_Y + 8 * LOWER_LEG_CUN),
    "BL58": (75, None),
    "BL59": (76, None),
    "BL60": (80, 50),
    "BL61": (78, 59),
    "BL62": (75, 62),
    "BL63": (82, 82),
    "BL64": (85, 100),
    "BL65": (88, 128),
    "BL66": (88, 144),
    "BL67": (89, 154),
    # Kidney
    "KI1": (142, 112),
    "KI2": (28, 96),
    "KI3": (29, 44),
    "KI4": (30, 52),
    "KI5": (31, 58),
    "KI6": (36, 60),
    "KI7": (88, None),
    "KI8": (94, None),
    "KI27": (None, CLAVICLE_Y),
    # Pericardium
    "PC3": (52, None),
    "PC7": (43, 152),
    "PC8": (54, 100),
    "PC9": (48, 22),
    # Triple energizer
    "TE1": (171, 34),
    "TE2": (173, 92),
    "TE3": (172, 106),
    "TE4": (160, 152),
    "TE7": (54, None),
    "TE14": (54, 92),
    "TE15": (78, 94),
    "TE16": (95, 67),
    "TE17": (90, 134),
    "TE18": (89, 124),
    "TE19": (89, 110),
    "TE20": (100, 96),
    "TE21": (110, 106),
    "TE22": (115, 100),
    "TE23": (142, 96),
    # Gallbladder
    "GB1": (137, 104),
    "GB2": (110, 126),
    "GB3": (118, 108),
    "GB4": (129, 68),
    "GB5": (124, 78),
    "GB6": (118, 88),
    "GB7": (112, 98),
    "GB8": (100, 84),
    "GB9": (88, 80),
    "GB10": (82, 96),
    "GB11": (78, 114),
    "GB12": (80, 138),
    "GB14": (150, 86),
    "GB19": (50, 111),
    "GB20": (90, 64),
    "GB21": (76, 88),
    "GB22": (101, None),
    "GB23": (107, None),
    "GB24": (120, None),
    "GB25": (96, 176),
    "GB26": (108, None),
    "GB27": (116, None),
    "GB28": (117, 209),
    "GB29": (106, 222),
    "GB30": (88, 226),
    "GB31": (98, POPLITEAL_Y - 9 * SIDE_THIGH_CUN),
    "GB33": (98, 294),
    "GB34": (104, 310),
    "GB35": (95, None),
    "GB36": (104, None),
    "GB37": (103, None),
    "GB38": (103, None),
    "GB39": (103, None),
    "GB40": (70, 64),
    "GB41": (74, 108),
    "GB42": (76, 128),
    "GB43": (80, 146),
    "GB44": (79, 158),
    # Liver
    "LR1": (39, 168),
    "LR2": (43, 146),
    "LR3": (44, 112),
    "LR4": (42, 56),
    "LR7": (95, 312),
    "LR8": (95, None),
    "LR9": (93, None),
    "LR10": (92, None),
    "LR11": (92, None),
    "LR12": (None, PUBIS_Y),
    "LR13": (110, 180),
    # Governing vessel (GV17-GV24 are measured along the profile of the head)
    "GV1": (100, 223),
    "GV2": (100, SACRAL_FORAMEN_Y[4]),
    "GV16": (100, 64),
    "GV25": _P[13],
    "GV26": ((_P[14][0] + _P[15][0]) / 2, (_P[14][1] + _P[15][1]) / 2),
    "GV27": _P[15],
    "GV28": _P[16],
    # Conception vessel
    "CV1": (100, 222),
    "CV2": (100, PUBIS_Y),
    "CV15": (100, XIPHOID_Y + ABDOMEN_CUN),
    "CV16": (100, XIPHOID_Y),
    "CV21": (100, 94),
    "CV22": (100, 88),
    "CV23": (100, 70),
    "CV24": _P[18],
}
# GV17 lies just above the external occipital protuberance, on the profile.
ANCHORS["GV17"] = figures.point_along(_P, figures.polyline_length(_P[: figures.HEAD_LANDMARKS["eop"] + 1]) + 3)


@dataclass
class Placement:
    code: str
    view: str
    x: float
    y: float
    how: str  # "measured (…)" or "anchor table"


def stretch_for(meridian, number):
    for stretch in STRETCHES:
        if stretch.meridian == meridian and stretch.first <= number <= stretch.last:
            return stretch
    raise LookupError(f"No stretch of the {meridian} channel covers number {number}")


def place_all(rows):
    """Placements for the rows of acupoints.csv (dicts with code, meridian, number, location)."""
    rows = list(rows)
    order = {r["code"]: i for i, r in enumerate(rows)}
    placed, result = {}, []
    # Points measured from another point (ST36 from ST35) need that point first: anchors go first.
    for row in sorted(rows, key=lambda r: ANCHORS.get(r["code"], (None, None))[1] is None):
        meridian, number, code = row["meridian"], int(row["number"]), row["code"]
        stretch = stretch_for(meridian, number)
        text = " ".join(row["location"].split())
        mx, my, how = MEASURE[stretch.measure](text, placed) if stretch.measure else (None, None, [])
        ax, ay = ANCHORS.get(code, (None, None))
        x = ax if ax is not None else (mx if mx is not None else stretch.x)
        y = my if my is not None else ay
        if x is None or y is None:
            raise ValueError(f"{code}: the location sentence gives no measure the figure can use; add it to ANCHORS")
        # Report only the measurements that decided the position.
        across = "cun from the midline"
        used = [h for h in how if (h == across and ax is None) or (h != across and my is not None)]
        placed[code] = (x, y)
        how_text = f"measured ({', '.join(used)})" if used else "anchor table"
        result.append(Placement(code, stretch.view, round(x, 1), round(y, 1), how_text))
    return sorted(result, key=lambda p: order[p.code])


def write_csv(placements, fh):
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(["code", "view", "x", "y"])
    for p in placements:
        writer.writerow([p.code, p.view, f"{p.x:g}", f"{p.y:g}"])
