"""Bar charts drawn on the server: the geometry, the mirroring for right-to-left languages, the
text a screen reader reads, and the include that draws them."""

from django.template.loader import render_to_string
from django.utils import translation

from cadre.lib.charts import BAR_TOP, ROW_HEIGHT, bar_chart


def test_bars_are_shares_of_the_largest_value():
    chart = bar_chart(
        "Candidates", [("Course", 4), ("Co-delivery", 1), ("Observed", 0)], ident="c", rtl=False
    )
    assert [bar.width for bar in chart.bars] == ["100.00%", "25.00%", "0.00%"]
    assert [bar.x for bar in chart.bars] == ["0.00%", "0.00%", "0.00%"]
    assert [bar.bar_y for bar in chart.bars] == [
        str(BAR_TOP),
        str(ROW_HEIGHT + BAR_TOP),
        str(2 * ROW_HEIGHT + BAR_TOP),
    ]
    assert chart.height == str(3 * ROW_HEIGHT)
    assert chart.description == "Course: 4; Co-delivery: 1; Observed: 0"
    assert chart.label_x == "0"
    assert not chart.is_empty


def test_right_to_left_bars_grow_from_the_right():
    chart = bar_chart("Candidates", [("A", 4), ("B", 1)], ident="c", rtl=True)
    assert [(bar.x, bar.width) for bar in chart.bars] == [("0.00%", "100.00%"), ("75.00%", "25.00%")]
    assert chart.label_x == "100%"
    assert chart.direction == "rtl"


def test_the_direction_follows_the_active_language():
    with translation.override("ar"):
        assert bar_chart("t", [("a", 1)]).rtl
    with translation.override("fr"):
        assert not bar_chart("t", [("a", 1)]).rtl


def test_an_empty_chart_and_tiny_values():
    empty = bar_chart("Nothing", [], ident="e")
    assert empty.is_empty
    assert empty.height == str(ROW_HEIGHT)
    tiny = bar_chart("Tiny", [("big", 100_000), ("small", 1)], rtl=False)
    assert tiny.bars[1].width == "0.50%"  # still visible


def test_numbers_in_the_svg_never_take_a_decimal_comma():
    with translation.override("fr"):
        chart = bar_chart("Parts", [("a", 3), ("b", 1)], ident="p")
        svg = render_to_string("includes/charts/bar_chart.svg.html", {"chart": chart})
    assert 'width="33.33%"' in svg
    assert "33,33" not in svg


def test_the_include_draws_an_accessible_svg():
    chart = bar_chart("Per language", [("Arabic", 0), ("English", 2)], ident="languages", rtl=False)
    svg = render_to_string("includes/charts/bar_chart.svg.html", {"chart": chart})
    assert 'role="img"' in svg
    assert '<title id="chart-languages-title">Per language</title>' in svg
    assert '<desc id="chart-languages-desc">Arabic: 0; English: 2</desc>' in svg
    assert 'aria-labelledby="chart-languages-title"' in svg
    assert svg.count('class="chart__bar"') == 2
    assert "English: <tspan" in svg
