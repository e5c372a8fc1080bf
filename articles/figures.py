"""The body figures a point is marked on: six small SVG views, drawn from the shapes below.

One set of shapes serves three purposes, so they can never disagree:
- `outline_svg(view)` draws the figure (inlined on the point page, the routine and the print card);
- `View.regions` names the part of each figure that belongs to a body region, which the tests use to check
  that every marker lies in its point's region;
- `View.midline` is where a point on the midline must sit (a vertical line, or the profile of the head).

Coordinates are in each view's own units (`viewBox`). On the front view the reader sees the person's right
side on the left of the picture; bilateral points are marked on that side only (the text alternative says so).
"""

import math
from dataclasses import dataclass, field
from itertools import pairwise

from django.templatetags.static import static

from . import body_outline as outline

COORDINATE_PRECISION = 0.08  # coordinates are stored rounded to 0.1: within 0.05·√2 of where they were placed

# ---- shapes ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float

    def contains(self, x, y):
        return ((x - self.cx) / self.rx) ** 2 + ((y - self.cy) / self.ry) ** 2 <= 1

    def svg(self):
        return "ellipse", {"cx": self.cx, "cy": self.cy, "rx": self.rx, "ry": self.ry}


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    r: float = 0

    def contains(self, x, y):
        if not (self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h):
            return False
        # Inside the box; in a rounded corner it must also be within the corner's circle.
        nx = min(max(x, self.x + self.r), self.x + self.w - self.r)
        ny = min(max(y, self.y + self.r), self.y + self.h - self.r)
        return math.hypot(x - nx, y - ny) <= self.r + 1e-9

    def svg(self):
        attrs = {"x": self.x, "y": self.y, "width": self.w, "height": self.h}
        if self.r:
            attrs["rx"] = self.r
        return "rect", attrs


@dataclass(frozen=True)
class Poly:
    points: tuple

    def contains(self, x, y):
        # A point on the outline counts as inside (the head's profile is its midline).
        if distance_to_polyline(self.points + self.points[:1], x, y)[0] <= COORDINATE_PRECISION:
            return True
        inside = False
        pts = self.points
        for (x1, y1), (x2, y2) in pairwise(pts + pts[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside

    def svg(self):
        return "polygon", {"points": " ".join(f"{_n(x)},{_n(y)}" for x, y in self.points)}


@dataclass(frozen=True)
class Smooth(Poly):
    """An outline drawn as a smooth curve through its points; the points, as a polygon, say what is inside."""

    css_class: str = ""  # "near": a limb in front of the body, drawn see-through so the body shows behind it

    def svg(self):
        attrs = {"d": outline.smooth_path(self.points)}
        if self.css_class:
            attrs["class"] = self.css_class
        return "path", attrs


@dataclass(frozen=True)
class Clip:
    """The part of a shape inside a box (the arm is the body outside the lines of the trunk)."""

    shape: object
    left: float = -1e9
    right: float = 1e9
    top: float = -1e9
    bottom: float = 1e9

    def contains(self, x, y):
        return self.left <= x <= self.right and self.top <= y <= self.bottom and self.shape.contains(x, y)


@dataclass(frozen=True)
class Band:
    """The part of a shape between two heights (the chest is the torso above the xiphisternal junction)."""

    shape: object
    top: float = -1e9
    bottom: float = 1e9

    def contains(self, x, y):
        return self.top <= y <= self.bottom and self.shape.contains(x, y)


def mirror(shape, axis=100):
    if isinstance(shape, Ellipse):
        return Ellipse(2 * axis - shape.cx, shape.cy, shape.rx, shape.ry)
    if isinstance(shape, Rect):
        return Rect(2 * axis - shape.x - shape.w, shape.y, shape.w, shape.h, shape.r)
    if isinstance(shape, Poly):
        return Poly(tuple((2 * axis - x, y) for x, y in shape.points))
    raise TypeError(shape)


def _n(value):
    return f"{value:g}"


# ---- polylines (the profile of the head is the midline in the head view) -------------------------------------


def polyline_length(points):
    return sum(math.dist(a, b) for a, b in pairwise(points))


def point_along(points, distance):
    """The point `distance` units along a polyline from its first point."""
    for a, b in pairwise(points):
        step = math.dist(a, b)
        if distance <= step:
            t = distance / step if step else 0
            return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
        distance -= step
    return points[-1]


def distance_to_polyline(points, x, y):
    """(distance from the point to the polyline, how far along the polyline its nearest point lies)."""
    best, along, walked = math.inf, 0.0, 0.0
    for (x1, y1), (x2, y2) in pairwise(points):
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        t = 0 if not length2 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length2))
        d = math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))
        if d < best:
            best, along = d, walked + t * math.sqrt(length2)
        walked += math.sqrt(length2)
    return best, along


# ---- the views -----------------------------------------------------------------------------------------------


@dataclass
class View:
    key: str
    label: str  # "front view", used in captions and the text alternative
    width: int
    height: int
    outline: list
    regions: dict
    midline_x: float | None = None  # a vertical midline (front and back views)
    midline_path: tuple = ()  # a midline drawn as a path (the profile of the head)
    labels: tuple = ()  # (x, y, text) captions inside the figure (palm / back of the hand)
    landmarks: list = field(default_factory=list)  # (name, lines, closed): what a reader finds on their body
    details: list = field(default_factory=list)  # lines drawn but not named (the face, the vertebrae)
    hair: list = field(default_factory=list)

    def region_contains(self, region, x, y):
        return any(shape.contains(x, y) for shape in self.regions.get(region, ()))

    def on_midline(self, x, y):
        if self.midline_x is not None:
            return x == self.midline_x
        if self.midline_path:
            # On the outline, to the precision coordinates are stored with (0.1).
            return distance_to_polyline(self.midline_path, x, y)[0] <= COORDINATE_PRECISION
        return False


# Front and back share one silhouette (`articles/body_outline.py` draws it around the markers).
BODY = Smooth(outline.FRONT_OUTLINE)
HEAD = Ellipse(100, 40, 24, 30)  # the head's region on the front and back figures
SHOULDER = Ellipse(66, 98, 18, 16)
FRONT_NECK = Poly(((88, 60), (112, 60), (128, 92), (72, 92)))
BACK_NECK = Rect(86, 58, 28, 34)
XIPHOID_Y = 150  # the chest ends at the xiphisternal junction
T12_Y = 167  # the upper back ends at the twelfth thoracic vertebra
TRUNK_LEFT, TRUNK_RIGHT = 61.5, 138.5  # the arms hang outside these lines


def _limbs(body):
    return {
        "shoulder": [SHOULDER, mirror(SHOULDER)],
        "arm": [Clip(body, right=TRUNK_LEFT, top=86, bottom=230), Clip(body, left=TRUNK_RIGHT, top=86, bottom=230)],
        "hand": [Clip(body, right=TRUNK_LEFT, top=222), Clip(body, left=TRUNK_RIGHT, top=222)],
        "leg": [Clip(body, left=TRUNK_LEFT, right=TRUNK_RIGHT, top=214, bottom=384)],
        "foot": [Clip(body, top=370)],
    }


def _trunk(top, bottom):
    return Clip(BODY, left=TRUNK_LEFT, right=TRUNK_RIGHT, top=top, bottom=bottom)


FRONT = View(
    "front",
    "front view",
    200,
    420,
    outline=[BODY],
    regions={
        "head-face": [HEAD],
        "neck": [FRONT_NECK],
        "chest": [_trunk(80, XIPHOID_Y + 2)],
        "abdomen": [_trunk(XIPHOID_Y, 232)],
        **_limbs(BODY),
    },
    midline_x=100,
    landmarks=outline.FRONT_LANDMARKS,
    details=outline.FACE_FRONT,
)

BACK = View(
    "back",
    "back view",
    200,
    420,
    outline=[BODY],
    regions={
        "head-face": [HEAD],
        "neck": [BACK_NECK],
        "upper-back": [_trunk(80, T12_Y)],
        "lower-back": [_trunk(T12_Y - 1, 240)],
        **_limbs(BODY),
    },
    midline_x=100,
    landmarks=outline.BACK_LANDMARKS,
    details=[[((97.5, y), (102.5, y)) for y in outline.SPINE_MARKS]],
    hair=outline.HAIR_BACK,
)

# The side view faces right, the near arm hanging over the back of the flank so the flank shows.
SIDE_BODY = Smooth(outline.SIDE_OUTLINE)
SIDE_ARM = Smooth(outline.SIDE_ARM, "near")
SIDE_HEAD = Ellipse(100, 40, 26, 30)
SIDE = View(
    "side",
    "side view",
    200,
    420,
    outline=[SIDE_BODY, SIDE_ARM],
    regions={
        "head-face": [SIDE_HEAD],
        "neck": [Rect(86, 60, 26, 32)],
        "shoulder": [Ellipse(88, 94, 16, 12)],
        "chest": [Clip(SIDE_BODY, top=80, bottom=XIPHOID_Y + 2)],
        "abdomen": [Clip(SIDE_BODY, top=XIPHOID_Y, bottom=232)],
        "arm": [SIDE_ARM],
        "leg": [Clip(SIDE_BODY, top=214, bottom=384)],
    },
    landmarks=outline.SIDE_LANDMARKS,
    details=outline.SIDE_DETAILS,
    hair=outline.SIDE_HAIR,
)

# The head in profile, facing right. Its outline from the nape over the crown to the chin is the midline.
HEAD_PROFILE = (
    (54, 156),  # nape
    (46, 140),  # posterior hairline
    (37, 114),  # external occipital protuberance
    (38, 90),
    (48, 62),
    (68, 38),
    (98, 26),  # vertex
    (126, 30),
    (146, 44),
    (156, 60),  # anterior hairline
    (162, 82),
    (164, 100),  # brow
    (157, 110),  # root of the nose
    (175, 134),  # tip of the nose
    (161, 142),  # base of the nose
    (163, 154),  # upper lip
    (157, 159),  # mouth
    (162, 164),  # lower lip
    (156, 172),  # mentolabial sulcus
    (161, 186),  # chin
    (148, 196),
)
# Where the proportional cun of the scalp are measured from (indexes into HEAD_PROFILE): 12 cun from the
# posterior to the anterior hairline, the vertex 7 cun from the posterior one.
HEAD_LANDMARKS = {"posterior_hairline": 1, "eop": 2, "vertex": 6, "anterior_hairline": 9}
HEAD_SHAPE = Smooth(HEAD_PROFILE + ((120, 194), (110, 172), (86, 178), (72, 180), (62, 168)))
HEAD_NECK = Smooth(outline.HEAD_NECK)
HEAD_VIEW = View(
    "head",
    "head and face, side view",
    200,
    200,
    outline=[HEAD_NECK, HEAD_SHAPE],
    regions={"head-face": [HEAD_SHAPE], "neck": [Rect(70, 150, 44, 50)]},
    midline_path=HEAD_PROFILE,
    landmarks=outline.HEAD_LANDMARKS,
    hair=outline.HEAD_HAIR,
)

# The right hand: the palm on the left (thumb to the right), the back of the hand on the right (thumb to the left).
PALM = [
    Rect(13, 46, 12, 56, 6),  # little finger
    Rect(27, 26, 13, 72, 6),  # ring finger
    Rect(42, 18, 13, 80, 6),  # middle finger
    Rect(57, 28, 13, 70, 6),  # index finger
    Poly(((58, 150), (64, 118), (80, 92), (90, 84), (98, 92), (86, 118), (76, 150))),  # thumb
    Rect(12, 88, 60, 62, 14),  # palm
    Rect(24, 146, 38, 44, 6),  # wrist
]


def _mirror_panel(shapes, axis):
    return [mirror(s, axis) for s in shapes]


BACK_OF_HAND = _mirror_panel(PALM, 100)
HAND_VIEW = View(
    "hand",
    "hand, palm and back",
    200,
    200,
    outline=PALM + BACK_OF_HAND,
    regions={"hand": PALM + BACK_OF_HAND, "arm": [Rect(24, 170, 38, 30), mirror(Rect(24, 170, 38, 30))]},
    labels=((42, 199, "palm"), (158, 199, "back")),
)

# The right foot from above (big toe on the left) and its sole.
FOOT_TOP = [
    Ellipse(33, 162, 9, 16),  # big toe
    Ellipse(51, 160, 6, 13),
    Ellipse(64, 158, 5.5, 12),
    Ellipse(76, 155, 5, 11),
    Ellipse(87, 150, 4.5, 9),  # little toe
    Rect(36, 4, 36, 56, 8),  # ankle
    Ellipse(35, 46, 8, 9),  # inner ankle bone (medial malleolus)
    Ellipse(74, 52, 8, 9),  # outer ankle bone (lateral malleolus)
    Poly(((30, 56), (80, 56), (92, 132), (90, 150), (26, 150), (24, 100))),  # foot
]
# The sole of the same foot, toes down as on the top view (so the big toe is now on the right), heel at the top.
SOLE = [mirror(toe) for toe in FOOT_TOP[:5]] + [
    Ellipse(145, 46, 24, 18),  # heel
    Poly(((122, 46), (170, 46), (176, 100), (174, 150), (110, 150), (108, 132))),
]
FOOT_VIEW = View(
    "foot",
    "foot, top and sole",
    200,
    200,
    outline=FOOT_TOP + SOLE,
    regions={"foot": FOOT_TOP + SOLE, "leg": [Rect(36, 0, 36, 40)]},
    labels=((56, 199, "top"), (155, 199, "sole")),
)

VIEWS = {v.key: v for v in (FRONT, BACK, SIDE, HEAD_VIEW, HAND_VIEW, FOOT_VIEW)}
VIEW_CHOICES = [
    ("front", "Front"),
    ("back", "Back"),
    ("side", "Side"),
    ("head", "Head and face"),
    ("hand", "Hand"),
    ("foot", "Foot"),
]


def nearest_landmark(view_key, x, y, within=20):
    """The named landmark drawn nearest to (x, y), if one is close enough to find the point from."""
    view = VIEWS.get(view_key)
    if view is None or x is None or y is None:
        return None
    best, name = within, None
    for landmark, group, closed in view.landmarks:
        for line in group:
            points = tuple(line) + (tuple(line[:1]) if closed else ())
            d = distance_to_polyline(points, x, y)[0] if len(points) > 1 else math.dist(points[0], (x, y))
            if d < best:
                best, name = d, landmark
    return name


# ---- what the templates use ----------------------------------------------------------------------------------

COMPACT_WIDTH = 120  # the small figure of the routine and the print card
DISPLAY_SCALE = 1.5  # the point page shows the figure up to 300 px wide (CSS shrinks it on a phone)
ON_THE_MIDLINE = ("GV", "CV")


def check_position(view_key, x, y):
    """An editor's figure fields: all three or none, and the marker inside the figure. None if fine."""
    given = [view_key not in ("", None), x is not None, y is not None]
    if not any(given):
        return None
    if not all(given):
        return {"figure_view": "Give the figure, x and y together, or leave all three empty."}
    view = VIEWS.get(view_key)
    if view is None:
        return {"figure_view": "Choose one of the figures."}
    if not (0 <= x <= view.width and 0 <= y <= view.height):
        size = f"{view.width} wide and {view.height} high"
        return {"figure_x": f"The {view.label} is {size}; x and y must lie inside it."}
    return None


class PointFigure:
    """A point's figure: the view it is marked on, the marker, and a text alternative in words."""

    def __init__(self, point):
        self.point = point
        self.marked = point.figure_x is not None and point.figure_y is not None and point.figure_view in VIEWS
        self.view = VIEWS[point.figure_view] if self.marked else FRONT
        self.x = point.figure_x
        self.y = point.figure_y

    @property
    def width(self):
        return self.view.width

    @property
    def height(self):
        return self.view.height

    @property
    def compact_width(self):
        return COMPACT_WIDTH

    @property
    def compact_height(self):
        return round(self.view.height * COMPACT_WIDTH / self.view.width)

    @property
    def image_url(self):
        """The drawn figure (a static SVG file the browser caches); the marker is drawn over it."""
        return static(f"articles/figures/{self.view.key}.svg")

    @property
    def display_width(self):
        return round(self.view.width * DISPLAY_SCALE)

    @property
    def display_height(self):
        return round(self.view.height * DISPLAY_SCALE)

    @property
    def landmark(self):
        return nearest_landmark(self.view.key, float(self.x), float(self.y)) if self.marked else None

    @property
    def bilateral(self):
        return self.point.meridian not in ON_THE_MIDLINE

    @property
    def caption(self):
        code = self.point.display_code
        if not self.marked:
            return f"Region: {self.point.get_region_display()}"
        side = ", one side shown" if self.bilateral else ", on the midline"
        return f"{code}, {self.view.label}{side}"

    @property
    def alt(self):
        code = self.point.display_code
        location = self.point.location.strip()
        if not self.marked:
            return f"The body region of {code}: {self.point.get_region_display().lower()}. {location}"
        text = f"{code} marked on the {self.view.label} of the body figure. {location}"
        if self.bilateral:
            text += " The point lies on both sides of the body; the figure marks one side."
        return text
