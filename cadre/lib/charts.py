"""Bar charts drawn as SVG on the server, for `templates/includes/charts/bar_chart.svg.html`.

A chart is a title and a list of (label, value): one row per value, its label and value written
as text above a bar that grows from the inline-start side (the left in English, the right in
Arabic), so the chart reads without colour, without JavaScript, on paper and at 375 px. Widths
are percentages of the chart's width and every number the SVG carries is written here as a
string, so that the template's number formatting (French decimal commas) never reaches it.

    chart = bar_chart(_("Candidates per stage"), [("Course passed", 3), ("Observed", 1)], ident="pipeline")
    {% include "includes/charts/bar_chart.svg.html" with chart=chart %}
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.text import slugify

ROW_HEIGHT = 44  # one label line and one bar, in CSS pixels
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 14
MIN_VISIBLE = 0.5  # a value above zero never draws a bar too thin to see (percent)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the reader writes numbers
    width: str  # "37.50%"
    x: str  # where the bar starts: "0%", or for right-to-left "62.50%"
    label_y: str
    bar_y: str


@dataclass(frozen=True)
class BarChart:
    ident: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    rtl: bool

    @property
    def height(self) -> str:
        return str(max(len(self.bars), 1) * ROW_HEIGHT)

    @property
    def bar_height(self) -> str:
        return str(BAR_HEIGHT)

    @property
    def label_x(self) -> str:
        """Labels start on the inline-start side; `text-anchor="start"` follows the direction."""
        return "100%" if self.rtl else "0"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def _percent(value: float) -> str:
    return f"{value:.2f}%"


def bar_chart(
    title: str,
    rows: Iterable[tuple[str, float]],
    *,
    ident: str = "",
    description: str = "",
    rtl: bool | None = None,
) -> BarChart:
    """A chart of these (label, value) rows, in their order. Its description, which a screen
    reader announces, is `description` followed by every row written out ("label: value; …").
    `ident` must be unique on the page (it names the title and description)."""
    rows = [(str(label), float(value or 0)) for label, value in rows]
    right_to_left = translation.get_language_bidi() if rtl is None else rtl
    largest = max((value for _label, value in rows), default=0.0)
    bars = []
    for number, (label, value) in enumerate(rows):
        share = value / largest * 100 if largest > 0 else 0.0
        if value > 0:
            share = max(share, MIN_VISIBLE)
        top = number * ROW_HEIGHT
        bars.append(
            Bar(
                label=label,
                value=value,
                shown=formats.number_format(value if value % 1 else int(value), use_l10n=True),
                width=_percent(share),
                x=_percent(100 - share if right_to_left else 0),
                label_y=str(top + LABEL_BASELINE),
                bar_y=str(top + BAR_TOP),
            )
        )
    written = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    return BarChart(
        ident=slugify(ident or title)[:40] or "chart",
        title=str(title),
        description=" ".join(part for part in (str(description), written) if part),
        bars=tuple(bars),
        rtl=right_to_left,
    )
