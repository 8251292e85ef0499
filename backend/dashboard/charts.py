"""Small inline SVG charts drawn on the server (no JavaScript, no chart library).

Each chart is an `<svg role="img">` with a title and a description for screen readers; the
page also gives the same figures as a table. Every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR = "#1d4f91"
HIGHLIGHT = "#b10e1e"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"


def _nice_max(value: int) -> int:
    """A round top for the axis: 1, 2, 5, 10, 20, 50, 100..."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(value)) - 1)
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def column_chart(
    values: Sequence[tuple[str, int]],
    *,
    title: str,
    description: str,
    highlight: Sequence[bool] | None = None,
    label_every: int = 1,
    width: int = 720,
    height: int = 220,
) -> Markup:
    """Vertical bars, one per (label, value); `highlight` colours some bars red."""
    left, bottom, top_pad = 36, 36, 12
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = _nice_max(max((v for _, v in values), default=0))
    slot = plot_w / max(len(values), 1)
    bar_w = max(slot * 0.75, 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
    ]
    fractions = (0, 0.5, 1) if top % 2 == 0 else (0, 1)  # label only whole numbers
    for fraction in fractions:
        y = top_pad + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{TEXT}">{top * fraction:g}</text>'
        )
    for i, (label, value) in enumerate(values):
        h = plot_h * value / top if top else 0
        x = left + i * slot + (slot - bar_w) / 2
        y = top_pad + plot_h - h
        colour = HIGHLIGHT if highlight and highlight[i] else BAR
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{escape(label)}: {value}</title></rect>'
        )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
                f'text-anchor="middle" fill="{TEXT}">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(
    values: Sequence[tuple[str, int]], *, title: str, description: str, width: int = 520
) -> Markup:
    """Horizontal bars with their labels and values, largest first as given."""
    row, label_w, pad = 24, 210, 40
    height = max(len(values), 1) * row + 8
    top = max((v for _, v in values), default=0) or 1
    plot_w = width - label_w - pad
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
    ]
    for i, (label, value) in enumerate(values):
        y = 4 + i * row
        w = plot_w * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="13" text-anchor="end" '
            f'fill="{TEXT}">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{BAR}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 16}" font-size="13" '
            f'fill="{TEXT}">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
