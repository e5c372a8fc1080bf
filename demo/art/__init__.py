"""The demo's illustrations: SVG drawings in this folder, turned into PNG files by `rasterise` when the demo loads.

The drawings use a small part of SVG that Pillow can paint without a browser or a native library: `rect`
(with `rx`), `circle`, `ellipse`, `polygon` and `path` (absolute `M L H V C Q Z`), filled and stroked with
plain colours and `opacity`, inside `g` groups that pass on their fill, stroke and opacity. No transforms, no
gradients, no text. Each drawing is painted at twice its size and scaled down, which smooths its edges.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

ART_DIR = Path(__file__).resolve().parent
SCALE = 2
SVG_NS = "{http://www.w3.org/2000/svg}"
INHERITED = ("fill", "stroke", "stroke-width", "opacity")


def _bezier(p0, p1, p2, p3, steps=16):
    return [
        (
            (1 - t) ** 3 * p0[0] + 3 * (1 - t) ** 2 * t * p1[0] + 3 * (1 - t) * t**2 * p2[0] + t**3 * p3[0],
            (1 - t) ** 3 * p0[1] + 3 * (1 - t) ** 2 * t * p1[1] + 3 * (1 - t) * t**2 * p2[1] + t**3 * p3[1],
        )
        for t in (i / steps for i in range(1, steps + 1))
    ]


def path_points(d):
    """The subpaths of a path's `d` as lists of points, and whether each is closed."""
    tokens = re.findall(r"[A-Za-z]|-?\d*\.?\d+(?:e-?\d+)?", d)
    subpaths, current, closed, pos, i, cmd = [], [], False, (0.0, 0.0), 0, None

    def num():
        nonlocal i
        i += 1
        return float(tokens[i - 1])

    while i < len(tokens):
        if re.fullmatch(r"[A-Za-z]", tokens[i]):
            cmd = tokens[i]
            i += 1
        if cmd in "Zz":
            closed = True
            subpaths.append((current, closed))
            current, closed = [], False
            cmd = None
            continue
        if cmd == "M":
            if current:
                subpaths.append((current, False))
            pos = (num(), num())
            current = [pos]
            cmd = "L"
        elif cmd == "L":
            pos = (num(), num())
            current.append(pos)
        elif cmd == "H":
            pos = (num(), pos[1])
            current.append(pos)
        elif cmd == "V":
            pos = (pos[0], num())
            current.append(pos)
        elif cmd == "C":
            c1, c2, end = (num(), num()), (num(), num()), (num(), num())
            current += _bezier(pos, c1, c2, end)
            pos = end
        elif cmd == "Q":
            q, end = (num(), num()), (num(), num())
            c1 = (pos[0] + 2 / 3 * (q[0] - pos[0]), pos[1] + 2 / 3 * (q[1] - pos[1]))
            c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            current += _bezier(pos, c1, c2, end)
            pos = end
        else:
            raise ValueError(f"Unsupported path command {cmd!r} (only absolute M L H V C Q Z)")
    if current:
        subpaths.append((current, False))
    return subpaths


def _colour(value, opacity):
    if not value or value == "none":
        return None
    r, g, b = ImageColor.getrgb(value)[:3]
    return (r, g, b, round(255 * opacity))


def _paint(canvas, element, style):
    tag = element.tag.replace(SVG_NS, "")
    style = {**style, **{k: element.get(k) for k in (*INHERITED, "fill-opacity") if element.get(k) is not None}}
    if tag == "g":
        opacity = float(style.get("opacity", 1))
        for child in element:
            _paint(canvas, child, {**style, "opacity": opacity})
        return
    opacity = float(style.get("opacity", 1))
    fill = _colour(style.get("fill", "#000"), opacity * float(style.get("fill-opacity", 1)))
    stroke = _colour(style.get("stroke"), opacity)
    width = round(float(style.get("stroke-width", 1)) * SCALE)
    draw = ImageDraw.Draw(canvas, "RGBA")  # blends each colour's alpha into what is already painted

    def f(name, default=0.0):
        return float(element.get(name, default)) * SCALE

    if tag == "rect":
        box = [f("x"), f("y"), f("x") + f("width"), f("y") + f("height")]
        draw.rounded_rectangle(box, radius=f("rx"), fill=fill, outline=stroke, width=width if stroke else 0)
    elif tag in ("circle", "ellipse"):
        rx = f("r") if tag == "circle" else f("rx")
        ry = f("r") if tag == "circle" else f("ry")
        box = [f("cx") - rx, f("cy") - ry, f("cx") + rx, f("cy") + ry]
        draw.ellipse(box, fill=fill, outline=stroke, width=width if stroke else 0)
    elif tag in ("path", "polygon", "polyline"):
        if tag == "path":
            subpaths = path_points(element.get("d"))
        else:
            numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", element.get("points"))]
            subpaths = [(list(zip(numbers[::2], numbers[1::2], strict=True)), tag == "polygon")]
        for points, closed in subpaths:
            scaled = [(x * SCALE, y * SCALE) for x, y in points]
            if fill and len(scaled) > 2 and tag != "polyline":
                draw.polygon(scaled, fill=fill)
            if stroke and len(scaled) > 1:
                draw.line(scaled + (scaled[:1] if closed else []), fill=stroke, width=width, joint="curve")
    elif tag in ("title", "desc", "defs"):
        return
    else:
        raise ValueError(f"Unsupported element <{tag}>")


def rasterise(svg_text):
    """A PIL image of the drawing, at the size its `width` and `height` give."""
    root = ET.fromstring(svg_text)
    width, height = int(float(root.get("width"))), int(float(root.get("height")))
    canvas = Image.new("RGB", (width * SCALE, height * SCALE), "white")
    for child in root:
        _paint(canvas, child, {})
    return canvas.resize((width, height), Image.LANCZOS)


def drawing(name):
    return (ART_DIR / f"{name}.svg").read_text(encoding="utf-8")
