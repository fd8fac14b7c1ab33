"""The timeline: accolades per year as stacked bars, an inline SVG drawn from the rows."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lasttrain_awards.presskit.theme import FONT_STACK
from lasttrain_awards.presskit.wording import ENGLISH, UNDATED, escape, in_result_order, legend_label, result_class

if TYPE_CHECKING:
    from lasttrain_awards.database.queries import AwardRow
    from lasttrain_awards.output.language import Language

CHART_HEIGHT = 250
CHART_MARGIN = {"top": 26, "right": 12, "bottom": 50, "left": 48}
COLUMN_UNITS = 64  # viewBox units per year column: the chart is as wide as its data needs
CHART_MIN_WIDTH, CHART_MAX_WIDTH = 420, 760


def _nice_step(maximum: int) -> int:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five ticks."""
    raw = max(1, math.ceil(maximum / 5))
    power = 10 ** (len(str(raw)) - 1)
    return int(next(power * m for m in (1, 2, 5, 10) if power * m >= raw))


def _columns(rows: Sequence[AwardRow], lang: Language = ENGLISH) -> list[tuple[str, Counter[str]]]:
    """Chart columns: every year from the first to the last (a gap year shows as empty), then undated."""
    counts: dict[int | None, Counter[str]] = {}
    for row in rows:
        counts.setdefault(row.year, Counter())[row.result] += 1
    years = [y for y in counts if y is not None]
    span = range(min(years), max(years) + 1) if years else range(0)
    columns = [(str(y), counts.get(y, Counter())) for y in span]
    return columns + ([(lang._(UNDATED).lower(), counts[None])] if None in counts else [])


def timeline_svg(rows: Sequence[AwardRow], lang: Language = ENGLISH) -> str:
    """Accolades per year as stacked bars, one segment per result, drawn from the data as inline SVG.

    Each segment carries `data-year`, `data-result` and `data-count`, and a <title> for hover; the
    chart's <desc> repeats every number as text for screen readers.
    """
    columns = _columns(rows, lang)
    if not columns:
        return ""
    width = max(CHART_MIN_WIDTH, min(CHART_MAX_WIDTH, CHART_MARGIN["left"] + COLUMN_UNITS * len(columns) + 24))
    left, top = CHART_MARGIN["left"], CHART_MARGIN["top"]
    plot_w = width - left - CHART_MARGIN["right"]
    plot_h = CHART_HEIGHT - top - CHART_MARGIN["bottom"]
    base = top + plot_h
    highest = max(sum(counts.values()) for _, counts in columns)
    step = _nice_step(highest)
    y_max = step * math.ceil(highest / step)
    band = plot_w / len(columns)
    bar_w = min(band * 0.62, 44)
    label_every = max(1, math.ceil(40 / band))  # keep year labels from overlapping on long spans

    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {CHART_HEIGHT}" '
        f'width="{width}" height="{CHART_HEIGHT}" role="img" aria-labelledby="timeline-title timeline-desc" '
        f'font-family="{FONT_STACK}">',
        f'<title id="timeline-title">{escape(lang._("Accolades per year"))}</title>',
        f'<desc id="timeline-desc">{escape(_describe(columns, lang))}</desc>',
    ]
    for tick in range(0, y_max + 1, step):
        y = base - plot_h * tick / y_max
        parts.append(f'<line class="grid" x1="{left}" x2="{width - CHART_MARGIN["right"]}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for index, (label, counts) in enumerate(columns):
        x = left + band * index + (band - bar_w) / 2
        y = base
        for result in in_result_order(counts):
            h = plot_h * counts[result] / y_max
            y -= h
            parts.append(
                f'<rect class="bar {result_class(result)}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" data-year="{escape(label)}" data-result="{escape(result)}" '
                f'data-count="{counts[result]}"><title>{escape(label)}: {counts[result]} '
                f"{escape(legend_label(result, lang).lower())}</title></rect>"
            )
        total = sum(counts.values())
        middle = x + bar_w / 2
        if total:
            parts.append(f'<text class="total" x="{middle:.1f}" y="{y - 6:.1f}" text-anchor="middle">{total}</text>')
        if index % label_every == 0 or label == lang._(UNDATED).lower():
            parts.append(f'<text class="year" x="{middle:.1f}" y="{base + 20}" text-anchor="middle">{label}</text>')
    parts += [
        f'<line class="axis" x1="{left}" x2="{width - CHART_MARGIN["right"]}" y1="{base}" y2="{base}"/>',
        f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{CHART_HEIGHT - 8}" '
        f'text-anchor="middle">{escape(lang._("Year"))}</text>',
        f'<text class="axis-label" transform="translate(14 {top + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">{escape(lang._("Accolades"))}</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def _describe(columns: list[tuple[str, Counter[str]]], lang: Language = ENGLISH) -> str:
    def one(label: str, counts: Counter[str]) -> str:
        detail = ", ".join(f"{counts[r]} {legend_label(r, lang).lower()}" for r in in_result_order(counts))
        return f"{label}: {sum(counts.values())}" + (f" ({detail})" if detail else "")

    each = "; ".join(one(label, counts) for label, counts in columns)
    return lang._("Accolades per year. {years}.").format(years=each)
