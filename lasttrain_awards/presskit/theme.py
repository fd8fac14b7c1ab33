"""The kit's one theme: colours and fonts, for the page's stylesheet, the chart and the laurels alike."""

from __future__ import annotations

# One colour per result; the page, the chart's bars and the laurels all take them from here.
COLORS = {"won": "#94711b", "special-mention": "#9b4f2a", "nominated": "#3d5a80", "selected": "#5f6f64"}
OTHER_COLOR = "#6d655b"  # a result the kit has no colour for
INK = "#1d1a16"
MUTED = "#6d655b"
PAPER = "#fbf8f2"
RULE = "#e2d9c8"
TARGET = "#f3ead6"  # the footnote a reader jumped to
PRINT_INK = "#000000"  # text on paper
ACCENT = COLORS["won"]
LINK = COLORS["nominated"]
# The laurels' one-colour finishes, for print: wreath and text in one colour on a transparent
# background (a foil or gold ink, a single black ink, white reversed out of a photograph or a dark
# poster). The "color" finish is COLORS and INK above.
FINISH_COLORS = {"gold": "#c9a227", "black": "#000000", "white": "#ffffff"}
# The page's text face. The laurels do not depend on it: their text is drawn as outlines.
FONT_STACK = "Georgia, 'Times New Roman', serif"


def css_variables() -> str:
    """The theme as CSS custom properties: the stylesheet (style.css) uses only these."""
    values = {
        "ink": INK,
        "muted": MUTED,
        "paper": PAPER,
        "rule": RULE,
        "target": TARGET,
        "print-ink": PRINT_INK,
        "accent": ACCENT,
        "link": LINK,
        "font": FONT_STACK,
        **COLORS,
        "other": OTHER_COLOR,
    }
    return ":root { " + " ".join(f"--{name}: {value};" for name, value in values.items()) + " }"
