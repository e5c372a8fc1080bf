"""The drawn body: outlines and the landmarks a reader finds on their own body.

Everything is in the figures' own units (`articles/figures.py`): the front, back and side figures are 200 × 420,
the person 7.5 heads tall (the head 54 units, from the crown at y 12 to the soles at y 405). The markers come
from `figure_coordinates.csv` in the same units, so the outlines were drawn around them: the lung channel's line
on the arm (x 44), the nipple 4 cun from the midline (78, 120), the navel (100, 190), the knee crease (y 300), the
ankle bones (y 378).

An outline is a list of points; the drawing runs a smooth curve through them (`smooth_path`) and the tests use
the same points as a polygon, so what is drawn and what is checked cannot disagree by more than the curve's
bulge between two points.
"""

CROWN_Y, CHIN_Y = 12, 66  # the head is 54 units tall


def _n(value):
    return f"{round(value, 1):g}"


def smooth_path(points, closed=True):
    """An SVG path through the points: a Catmull-Rom spline written as cubic Béziers."""
    pts = list(points)
    if len(pts) < 3:
        return "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in pts)
    out = [f"M{_n(pts[0][0])},{_n(pts[0][1])}"]
    count = len(pts) if closed else len(pts) - 1
    for i in range(count):
        p0 = pts[i - 1] if (closed or i > 0) else pts[i]
        p1, p2 = pts[i], pts[(i + 1) % len(pts)]
        p3 = pts[(i + 2) % len(pts)] if (closed or i + 2 < len(pts)) else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(f"C{_n(c1[0])},{_n(c1[1])} {_n(c2[0])},{_n(c2[1])} {_n(p2[0])},{_n(p2[1])}")
    return "".join(out) + ("Z" if closed else "")


def mirrored(points, axis=100):
    """A closed outline from its left half (crown to crotch on the midline): the right half is its mirror."""
    left = list(points)
    right = [(2 * axis - x, y) for x, y in reversed(left) if x != axis]
    return tuple(left + right)


# ---- front and back: one silhouette, arms hanging with the palms forward ------------------------------------

# The person's right half as the front view shows it (on the left of the picture), from the crown down the
# side of the head, over the shoulder, down the outside of the arm, round the hand, up the inside of the arm
# to the armpit, down the flank and the outside of the leg, round the foot and up the inside of the leg.
FRONT_HALF = (
    (100, 12),
    (90.5, 13.5),
    (84, 19),
    (81, 28),
    (80.5, 37),
    (78.5, 39),  # the ear
    (78.5, 46),
    (81.5, 50),
    (84.5, 57.5),
    (88, 63),  # the angle of the jaw
    (88.8, 68),
    (89, 75),  # the side of the neck
    (87.5, 80.5),
    (77, 85.3),  # the top of the shoulder (trapezius)
    (63, 88.2),
    (53, 89.8),
    (46, 93.5),  # the deltoid
    (41, 101),
    (38.3, 112),
    (37.5, 128),
    (36.8, 145),
    (36.2, 158),  # the elbow
    (36.5, 172),
    (37.5, 195),
    (38.2, 214),
    (38.6, 225),  # the wrist
    (37, 232),
    (33.5, 240),  # the thumb, turned out
    (32.4, 247),
    (34.6, 249),
    (38.6, 243.5),
    (39.6, 254),  # the fingers
    (41.5, 263),
    (46, 266.5),
    (51.5, 266),
    (55.6, 261.5),
    (58.6, 251),
    (60, 238),
    (60.3, 228),  # the inner wrist
    (60.6, 205),
    (60.8, 180),
    (61, 158),
    (60.8, 135),
    (60.6, 118),
    (61.2, 111),  # the armpit
    (63.5, 109),
    (64.5, 118),
    (65, 133),
    (66.8, 148),
    (69.6, 165),  # the waist
    (69.2, 180),
    (66.2, 198),
    (63.6, 214),  # the hip
    (63.3, 232),
    (64.5, 258),
    (67.4, 282),
    (69.2, 300),  # the knee
    (67.6, 318),
    (68.4, 340),
    (71.2, 364),
    (72, 374),
    (70.8, 380),  # the outer ankle bone
    (69.6, 391),
    (70, 400),
    (75.5, 405),
    (86, 405.6),
    (93, 404),
    (95.2, 397),
    (95.4, 388),
    (96, 380),  # the inner ankle bone
    (95.5, 373),
    (96, 358),
    (97.6, 332),
    (97.3, 313),
    (97.6, 300),
    (97.8, 284),
    (98.4, 260),
    (99.2, 240),
    (100, 229),  # the crotch
)
FRONT_OUTLINE = mirrored(FRONT_HALF)


def both_sides(lines):
    """Landmarks drawn on both halves of the front or back figure."""
    return list(lines) + [tuple((200 - x, y) for x, y in line) for line in lines]


# Landmarks: (name, points, closed). The name is the landmark a caption points the reader to.
FRONT_LANDMARKS = [
    ("the collarbone", both_sides([((95, 88), (86, 89.5), (72, 89.5))]), False),
    ("the nipple", both_sides([((76.6, 120), (78, 118.6), (79.4, 120), (78, 121.4))]), True),
    ("the lower edge of the ribs", both_sides([((100, 150), (92, 156), (80, 160), (72, 160))]), False),
    ("the navel", [((98.4, 190), (100, 188.2), (101.6, 190), (100, 191.8))], True),
    ("the groin crease", both_sides([((70, 207), (82, 216), (94, 226))]), False),
    ("the elbow crease", both_sides([((39, 158), (49, 160), (59, 158))]), False),
    ("the wrist crease", both_sides([((40, 226.5), (50, 227.8), (59.5, 226.5))]), False),
    ("the kneecap", both_sides([((76, 290), (80, 281), (86, 281), (90, 290), (86, 299), (80, 299))]), True),
    ("the inner ankle bone", both_sides([((93.5, 376), (95, 379), (93.5, 382))]), False),
    ("the outer ankle bone", both_sides([((73.5, 374), (72, 378), (73.5, 381.5))]), False),
    ("the breastbone", [((100, 92), (100, 148))], False),
]
FACE_FRONT = [
    both_sides([((87, 37), (91, 35.5), (95, 37))]),  # eyebrows
    both_sides([((88, 41), (91, 40), (94, 41), (91, 42))]),  # eyes
    [((99, 41), (98, 50), (100, 51.5), (102, 50), (101, 41))],  # nose
    [((95, 57), (100, 58.5), (105, 57))],  # mouth
]

BACK_LANDMARKS = [
    ("the spine", [((100, 86), (100, 203))], False),
    ("the shoulder blade", both_sides([((84, 96), (68, 98), (82.6, 131), (84, 96))]), False),
    ("the spine of the shoulder blade", both_sides([((84, 101), (70, 97), (58, 95))]), False),
    ("the top of the hip bone", both_sides([((72, 180), (84, 176), (96, 178))]), False),
    ("the sacrum", [((92, 200), (100, 224), (108, 200))], False),
    ("the buttock crease", both_sides([((68, 232), (81, 234.5), (97, 231))]), False),
    ("the point of the elbow", both_sides([((46, 156), (48.5, 159.5), (51, 156))]), False),
    ("the wrist crease", both_sides([((40, 225.5), (50, 226.8), (59.5, 225.5))]), False),
    ("the crease behind the knee", both_sides([((72, 300), (81, 302), (95, 300))]), False),
    ("the outer ankle bone", both_sides([((73.5, 374), (72, 378), (73.5, 381.5))]), False),
    ("the inner ankle bone", both_sides([((93.5, 376), (95, 379), (93.5, 382))]), False),
    ("the Achilles tendon", both_sides([((83, 352), (84, 372)), ((88, 352), (87, 372))]), False),
]
# The vertebrae, as short marks along the spine: the seventh cervical and the twelve thoracic and five lumbar.
SPINE_MARKS = [86] + [92 + 6.5 * i for i in range(12)] + [163.5 + 7 * n for n in range(1, 6)]
HAIR_BACK = [
    ((81.5, 44), (82, 28), (88, 16.5), (100, 13), (112, 16.5), (118, 28), (118.5, 44), (112, 57), (100, 59.5), (88, 57))
]

# ---- the side view: facing right, the near arm hanging over the flank ----------------------------------------

SIDE_OUTLINE = (
    (98, 11),  # the crown
    (110, 13),
    (119, 19),
    (123.6, 28),  # the forehead
    (125.2, 35),  # the brow
    (124.6, 38.5),
    (131, 46),  # the tip of the nose
    (126, 49),
    (127.2, 53),  # the lips
    (125.4, 56),
    (126, 61),  # the chin
    (121, 65.5),
    (112.5, 67.5),
    (111, 74),
    (112, 82),  # the throat
    (117, 88.5),
    (124.5, 100),  # the chest
    (128.6, 115),
    (128, 131),
    (125, 146),
    (123.4, 162),
    (124.5, 180),  # the belly
    (124.8, 196),
    (121.6, 211),
    (118, 221),  # the groin
    (118.8, 245),
    (118.2, 270),
    (117, 288),
    (118, 298),  # the kneecap
    (114.6, 318),
    (111.5, 348),
    (109.5, 372),  # the front of the ankle
    (114, 385),
    (124, 393),
    (131.5, 399),  # the toes
    (131, 404.6),
    (120, 405.4),
    (96, 405.4),
    (89.5, 402),  # the heel
    (89, 393),
    (91, 378),  # the Achilles tendon
    (89.4, 352),
    (85, 326),  # the calf
    (86.2, 300),  # the back of the knee
    (83.6, 276),
    (80.4, 248),
    (77, 237),  # the buttock crease
    (72.6, 224),  # the buttock
    (71.4, 207),
    (74.6, 187),  # the small of the back
    (76.6, 166),
    (74.2, 136),
    (72.4, 110),  # the shoulder blade
    (74.6, 94),
    (81.4, 82.5),  # the nape
    (85.4, 71),
    (80, 63),
    (76, 50),  # the back of the head
    (76.6, 33),
    (84, 18),
)
SIDE_ARM = (
    (80, 86),
    (91, 86.5),
    (97, 94),
    (96.4, 112),
    (94, 135),
    (91.6, 156),  # the elbow crease
    (92.2, 180),
    (91.4, 205),
    (90.2, 224),  # the wrist
    (92.4, 236),
    (92.6, 252),
    (88, 263),  # the fingertips
    (82.4, 262),
    (78.6, 248),
    (76.4, 230),
    (75.2, 222),
    (74.8, 200),
    (74, 178),
    (73.8, 158),  # the point of the elbow
    (74.6, 134),
    (73.8, 110),
    (74.6, 96),
)
SIDE_LANDMARKS = [
    ("the ear", [((91, 36), (96, 34.5), (98.5, 40), (97, 47), (93.5, 50), (91.5, 46))], True),
    ("the eye", [((115.5, 37.5), (118.5, 36.5), (121, 37.8), (118, 39))], True),
    ("the nipple", [((128, 120), (128.6, 121))], False),
    ("the navel", [((124, 189), (122.5, 190.5), (124, 192))], False),
    ("the hip joint", [((96, 222), (100, 218), (106, 219), (108, 224))], False),
    ("the kneecap", [((117.5, 286), (113.5, 292), (113.5, 302), (117.5, 306))], False),
    ("the crease behind the knee", [((86, 300), (91, 301))], False),
    ("the outer ankle bone", [((101, 374), (99, 378), (101, 382), (103.5, 378), (101, 374))], False),
]
SIDE_DETAILS = [[((91.6, 156), (88, 157)), ((90.2, 224), (76, 222.5))]]  # the elbow and wrist creases
SIDE_HAIR = [
    (
        (76.6, 33),
        (84, 18),
        (98, 11),
        (110, 13),
        (119, 19),
        (121, 25),
        (110, 24),
        (101, 28),
        (97, 33),
        (89, 36),
        (85, 44),
        (80, 56),
        (76, 50),
    )
]

# ---- the head in profile: the profile itself is fixed in figures.HEAD_PROFILE -------------------------------

HEAD_NECK = ((70, 150), (80, 168), (86, 180), (110, 174), (122, 190), (124, 200), (66, 200), (62, 170))
HEAD_LANDMARKS = [
    (
        "the ear",
        [((96, 100), (103, 98), (108, 104), (108, 118), (104, 128), (100, 134), (94, 131), (97, 118), (93, 106))],
        True,
    ),
    ("the eye", [((140, 103), (146, 100.5), (152, 103), (146, 106))], True),
    ("the eyebrow", [((136, 93), (146, 90), (156, 93))], False),
    ("the nostril", [((160, 136), (165, 139), (162, 141))], False),
    ("the lips", [((158, 157.5), (154, 157.8), (150, 157))], False),
    ("the jaw", [((94, 134), (104, 160), (110, 172), (126, 178), (148, 188))], False),
    ("the cheekbone", [((114, 116), (126, 118), (138, 114))], False),
]
HEAD_HAIR = [
    (
        (46, 140),
        (37, 114),
        (38, 90),
        (48, 62),
        (68, 38),
        (98, 26),
        (126, 30),
        (146, 44),
        (156, 60),
        (146, 62),
        (128, 70),
        (112, 86),
        (104, 96),
        (92, 98),
        (86, 112),
        (86, 130),
        (72, 138),
        (60, 142),
    )
]
