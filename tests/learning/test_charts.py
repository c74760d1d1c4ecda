"""Server-drawn SVG charts: accessible pictures whose data table carries the same numbers."""

import re
import xml.etree.ElementTree as ET

from casereview.learning.charts import bar_chart, grouped_bar_chart

NS = {"svg": "http://www.w3.org/2000/svg"}


def _texts(svg: str) -> list[str]:
    return [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_bar_chart_is_an_image_named_by_its_title_and_description():
    """The SVG has role="img", and aria-labelledby points at its own <title> and <desc>."""
    chart = bar_chart(chart_id="c1", title="Reviews under each theme", description="Bars by theme.",
                      label_header="Theme", value_header="Reviews", data=[("Neglect", 4), ("Fathers", 1)])
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find("svg:title", NS).text == "Reviews under each theme"
    assert root.find("svg:desc", NS).text == "Bars by theme."
    assert chart.headers == ("Theme", "Reviews") and chart.rows == (("Neglect", 4), ("Fathers", 1))


def test_the_picture_shows_the_numbers_of_its_table():
    """Every value in the table is written on the chart, and bar lengths follow the values."""
    data = [("Neglect", 4), ("Domestic abuse", 2), ("Fathers", 0)]
    chart = bar_chart(chart_id="c2", title="t", description="d", label_header="Theme", value_header="N", data=data)
    texts = _texts(chart.svg)
    for label, value in chart.rows:
        assert label in texts and str(value) in texts
    widths = [int(w) for w in re.findall(r'<rect x="250" y="\d+" width="(\d+)"', chart.svg)]
    assert widths == [310, 155]  # 4 fills the scale, 2 half of it, 0 draws no bar


def test_a_suppressed_count_is_drawn_as_the_marker_never_as_a_bar():
    """A "[c]" value has no bar, so the picture cannot reveal what the table hides."""
    chart = bar_chart(chart_id="c3", title="t", description="d", label_header="Theme", value_header="N",
                      data=[("Neglect", 5), ("Fathers", "[c]")])
    assert chart.svg.count("<rect") == 1 and "[c]" in _texts(chart.svg)


def test_labels_are_escaped():
    """A theme name with markup is text in the picture, not markup."""
    chart = bar_chart(chart_id="c4", title="<b>t</b>", description="d", label_header="Theme", value_header="N",
                      data=[("<script>alert(1)</script>", 3)])
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    ET.fromstring(chart.svg)  # still well-formed


def test_grouped_chart_by_year_matches_its_table():
    """Each year has a pair of values written on it, the second series is hatched, and the legend names both."""
    data = [(2024, 3, 0), (2025, "[c]", 4)]
    chart = grouped_bar_chart(chart_id="y", title="By year", description="Pairs of bars.", category_header="Year",
                              series=("Local", "National"), data=data)
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img" and root.find("svg:title", NS).text == "By year"
    assert chart.headers == ("Year", "Local", "National") and chart.rows == ((2024, 3, 0), (2025, "[c]", 4))
    texts = _texts(chart.svg)
    for row in chart.rows:
        assert all(str(value) in texts for value in row)
    assert 'fill="url(#y-hatch)"' in chart.svg and [name for name, _drawn in chart.legend] == ["Local", "National"]
    assert chart.svg.count('stroke-width="0.5"') == 2  # bars for 3 and 4 only


def test_empty_chart_says_so():
    """With nothing to draw the chart says "Nothing to show" instead of an empty frame."""
    chart = bar_chart(chart_id="e", title="t", description="d", label_header="Theme", value_header="N", data=[])
    assert "Nothing to show" in _texts(chart.svg)
