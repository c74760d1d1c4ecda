"""Charts drawn on the server as SVG, with no script and nothing fetched. Each chart carries its data table:
the page shows the table beside the picture, and a suppressed count ("[c]") is drawn as the marker, never as
a bar, so the picture can never say more than the table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = 'font-family="GDS Transport, arial, sans-serif"'
BLUE, GREEN, INK = "#1d70b8", "#00703c", "#0b0c0c"
WIDTH = 640
LABEL_CHARS = 34


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]  # the same values the picture shows, first cell the row's label
    svg: SafeString
    legend: tuple[tuple[str, str], ...] = ()  # (series name, how it is drawn) for the page


def _bar_value(value) -> int:
    return value if isinstance(value, int) else 0


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _frame(chart_id: str, title: str, description: str, height: int, body: list[str]) -> SafeString:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'focusable="false" aria-labelledby="{chart_id}-title {chart_id}-desc">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}'
            f"</desc>")
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text above and in body is escaped


def bar_chart(*, chart_id: str, title: str, description: str, label_header: str, value_header: str,
              data: list[tuple[str, int | str]]) -> Chart:
    """Horizontal bars, one per row, each labelled with its value."""
    bar_h, gap, top, left, right = 20, 8, 10, 250, 560
    height = top * 2 + max(len(data), 1) * (bar_h + gap)
    top_value = max([_bar_value(v) for _label, v in data] + [1])
    body = [f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{height - top + 4}" stroke="{INK}" />']
    for n, (label, value) in enumerate(data):
        y = top + n * (bar_h + gap)
        width = round((right - left) * _bar_value(value) / top_value)
        body.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="13" fill="{INK}" {FONT}>'
                    f"{escape(_short(label))}</text>")
        if width:
            body.append(f'<rect x="{left}" y="{y}" width="{width}" height="{bar_h}" fill="{BLUE}" />')
        body.append(f'<text x="{left + width + 6}" y="{y + 15}" font-size="13" fill="{INK}" {FONT}>'
                    f"{escape(str(value))}</text>")
    if not data:
        body.append(f'<text x="{left + 8}" y="{top + 15}" font-size="13" fill="{INK}" {FONT}>Nothing to show</text>')
    return Chart(chart_id, title, description, (label_header, value_header),
                 tuple((label, value) for label, value in data), _frame(chart_id, title, description, height, body))


def grouped_bar_chart(*, chart_id: str, title: str, description: str, category_header: str,
                      series: tuple[str, str], data: list[tuple]) -> Chart:
    """Vertical bars in pairs (two series) for each category, e.g. local and national reviews by year.

    The second series is hatched as well as coloured, so the two differ without colour."""
    height, top, bottom, left, right = 300, 40, 250, 40, WIDTH - 10
    top_value = max([_bar_value(v) for row in data for v in row[1:]] + [1])
    hatch = f"{chart_id}-hatch"
    body = [f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" />'
            f'<rect width="3" height="6" fill="{GREEN}" /></pattern></defs>',
            f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{INK}" />']
    fills = (BLUE, f"url(#{hatch})")
    for n, name in enumerate(series):
        x = left + n * 220
        body.append(f'<rect x="{x}" y="8" width="16" height="16" fill="{fills[n]}" stroke="{INK}" />'
                    f'<text x="{x + 22}" y="21" font-size="13" fill="{INK}" {FONT}>{escape(name)}</text>')
    slot = (right - left) / max(len(data), 1)
    bar_w = min(40, slot * 0.35)
    for n, (category, *values) in enumerate(data):
        centre = left + slot * (n + 0.5)
        for s, value in enumerate(values):
            x = round(centre - bar_w + s * bar_w, 1)
            h = round((bottom - top) * _bar_value(value) / top_value)
            if h:
                body.append(f'<rect x="{x}" y="{bottom - h}" width="{round(bar_w, 1)}" height="{h}" '
                            f'fill="{fills[s]}" stroke="{INK}" stroke-width="0.5" />')
            body.append(f'<text x="{round(x + bar_w / 2, 1)}" y="{bottom - h - 4}" text-anchor="middle" '
                        f'font-size="12" fill="{INK}" {FONT}>{escape(str(value))}</text>')
        body.append(f'<text x="{round(centre, 1)}" y="{bottom + 18}" text-anchor="middle" font-size="13" '
                    f'fill="{INK}" {FONT}>{escape(str(category))}</text>')
    if not data:
        body.append(f'<text x="{left + 8}" y="{bottom - 10}" font-size="13" fill="{INK}" {FONT}>Nothing to show</text>')
    legend = ((series[0], "solid blue bars"), (series[1], "green striped bars"))
    return Chart(chart_id, title, description, (category_header, *series), tuple(tuple(row) for row in data),
                 _frame(chart_id, title, description, height, body), legend)
