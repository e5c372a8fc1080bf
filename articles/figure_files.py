"""The body figures as static SVG files, written by `manage.py build_point_figures`.

A point's page draws the figure as an `<image>` under its marker, so the drawing (a few kilobytes of curves) is
downloaded once and cached, however many points a reader opens. The files are generated from the shapes in
`articles/figures.py` and `articles/body_outline.py`; `build_point_figures --check` fails when one is stale.
"""

from pathlib import Path

from . import body_outline, figures

STATIC_DIR = Path(__file__).resolve().parent / "static" / "articles" / "figures"

STYLE = (
    ".body>*{fill:#f4e4d4;stroke:#8f7b6b;stroke-width:1.3;stroke-linejoin:round}"
    ".body>.near{fill-opacity:.72}"
    ".hair{fill:#d8c3b1;stroke:#a88f7c;stroke-width:.8}"
    ".landmarks,.details{fill:none;stroke:#9d7f6c;stroke-width:.9;stroke-linecap:round;stroke-linejoin:round}"
    ".details{stroke:#b29783;stroke-width:.8}"
    ".labels{font:12px sans-serif;fill:#6b6259;text-anchor:middle}"
)


def static_name(view_key):
    return f"articles/figures/{view_key}.svg"


def _line(points, closed):
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        return f'<path d="M{x1:g},{y1:g}L{x2:g},{y2:g}"/>'
    return f'<path d="{body_outline.smooth_path(points, closed)}"/>'


def _shape(shape):
    tag, attrs = shape.svg()
    text = " ".join(f'{k}="{v if isinstance(v, str) else format(v, "g")}"' for k, v in attrs.items())
    return f"<{tag} {text}/>"


def figure_svg(view_key):
    """The whole figure as a standalone SVG document (its own styles: an `<image>` takes no page CSS)."""
    view = figures.VIEWS[view_key]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width}" height="{view.height}">',
        f"<title>Body figure, {view.label}</title>",
        f"<style>{STYLE}</style>",
        '<g class="body">' + "".join(_shape(s) for s in view.outline) + "</g>",
    ]
    if view.hair:
        parts.append('<g class="hair">' + "".join(_line(h, True) for h in view.hair) + "</g>")
    if view.details:
        parts.append('<g class="details">' + "".join(_line(p, False) for group in view.details for p in group) + "</g>")
    if view.landmarks:
        lines = "".join(_line(p, closed) for _name, group, closed in view.landmarks for p in group)
        parts.append(f'<g class="landmarks">{lines}</g>')
    if view.labels:
        parts.append(
            '<g class="labels">' + "".join(f'<text x="{x:g}" y="{y:g}">{t}</text>' for x, y, t in view.labels) + "</g>"
        )
    parts.append("</svg>\n")
    return "\n".join(parts)


def all_files():
    """{path: text} for every figure."""
    return {STATIC_DIR / f"{key}.svg": figure_svg(key) for key in figures.VIEWS}


def stale_files():
    return [path for path, text in all_files().items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def write_files():
    STATIC_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in all_files().items():
        path.write_text(text, encoding="utf-8")
