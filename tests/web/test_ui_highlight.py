"""The pieces the pages are built from: the safe highlighter (property-tested), the SVG
charts and the shaping of the timeline, network and money views."""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from starlette.requests import Request

from communique.store.aggregates import Commitment, EventMonths, MonthCount, Network, NetworkEdge, NetworkNode
from communique.store.views import EntityRef
from communique.web.charts import CHAR_WIDTH, PALETTE, column_chart, nice_step, plain_number
from communique.web.highlight import Highlight, highlight
from communique.web.overviews import cytoscape_elements, events_chart, flows, money_charts, month_range
from communique.web.ui import href, number, plain, web_url, wikidata_url


class Nesting(HTMLParser):
    """Checks that marks nest and collects the text and each mark's covered text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.covered: dict[str, set[int]] = {}
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.stack.append(dict(attrs).get("data-n") or "")

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark", tag
        assert self.stack, tag
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        start = sum(len(piece) for piece in self.text)
        for name in self.stack:
            self.covered.setdefault(name, set()).update(range(start, start + len(data)))
        self.text.append(data)


def parse(html: str) -> Nesting:
    parser = Nesting()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


ALPHABET = st.sampled_from([*list("ab <>&\"'/=\n é"), "<script>", "</mark>", "&amp;"])


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = "".join(draw(st.lists(ALPHABET, max_size=30)))
    bound = len(text) + 3
    spans = draw(st.lists(st.tuples(st.integers(-2, bound), st.integers(-2, bound)), max_size=8))
    return text, spans


@given(texts_and_spans())
def test_highlight_escapes_everything_and_marks_exactly_each_span(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    marks = [Highlight(start, end, ("hl",), f'label "{n}" <x>', data=(("n", str(n)),)) for n, (start, end) in enumerate(spans)]
    html = str(highlight(text, marks))
    parsed = parse(html)
    assert "".join(parsed.text) == text
    assert parsed.tags <= {"mark"}
    for n, (start, end) in enumerate(spans):
        lo, hi = max(0, min(start, len(text))), max(0, min(end, len(text)))
        assert parsed.covered.get(str(n), set()) == set(range(lo, hi)), (n, start, end)


def test_crossing_spans_are_split_and_the_anchor_is_on_the_first_piece() -> None:
    html = str(highlight("abcdef", [Highlight(0, 4, ("x",), "x", anchor="a1"), Highlight(2, 6, ("y",), "y", anchor="a2")]))
    assert html == (
        '<mark class="x" title="x" id="a1">ab<mark class="y" title="y" id="a2">cd</mark></mark>'
        '<mark class="y" title="y">ef</mark>'
    )


def test_same_extent_spans_nest_by_rank_and_odd_class_names_are_dropped() -> None:
    html = str(highlight("ab", [Highlight(0, 2, ("inner", 'x" onclick="'), "i", rank=1), Highlight(0, 2, ("outer",), "o")]))
    assert html == '<mark class="outer" title="o"><mark class="inner" title="i">ab</mark></mark>'


def test_plain_numbers_and_steps() -> None:
    assert plain_number(1_500_000.0) == "1,500,000"
    assert plain_number(2.5) == "2.50"
    assert plain(1_500_000.0) == "1500000"
    assert plain(0.25) == "0.25"
    assert [nice_step(v) for v in (0, 4, 7, 1_500_000, 6_000_000)] == [1.0, 1.0, 2.0, 500_000.0, 2_000_000.0]


def test_column_chart_stacks_series_proportionally() -> None:
    chart = column_chart("t", "d", ["2024", "2025"], {"A": {"2024": 2.0, "2025": 1.0}, "B": {"2024": 2.0}})
    heights = {(bar.label.split(" ·")[0], bar.series): bar.height for bar in chart.bars}
    assert heights[("2024", 0)] == heights[("2024", 1)] == 2 * heights[("2025", 0)]
    a, b = (bar for bar in chart.bars if bar.label.startswith("2024"))
    assert b.y + b.height == a.y  # B sits on A
    assert [t.label for t in chart.y_ticks] == ["0", "1", "2", "3", "4"]
    assert chart.legend == [(0, "A"), (1, "B")]


def test_column_chart_shares_one_colour_beyond_the_palette() -> None:
    series = {f"s{i}": {"x": 1.0} for i in range(PALETTE + 3)}
    chart = column_chart("t", "d", ["x"], series)
    assert {bar.series for bar in chart.bars} == set(range(PALETTE))
    assert chart.legend[-1] == (PALETTE - 1, "others")
    assert len(chart.legend) == PALETTE


def test_axis_labels_never_overlap() -> None:
    months = month_range("2018-01", "2025-06")
    chart = column_chart("t", "d", months, {"events": dict.fromkeys(months, 1.0)})
    assert chart.x_ticks[0].label == "2018-01"
    assert min(b.at - a.at for a, b in pairwise(chart.x_ticks)) >= len("2018-01") * CHAR_WIDTH
    few = column_chart("t", "d", ["2024", "2025"], {"x": {"2024": 1.0}})
    assert [t.label for t in few.x_ticks] == ["2024", "2025"]


def test_the_events_chart_fills_empty_months_and_counts_years_over_long_spans() -> None:
    assert month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    short = events_chart(
        EventMonths(months=[MonthCount(month="2024-01", events=2), MonthCount(month="2024-03", events=1)], undated=4)
    )
    assert short is not None
    assert [t.label for t in short.x_ticks] == ["2024-01", "2024-02", "2024-03"]
    assert len(short.bars) == 2
    assert short.title == "Events per month"
    long = events_chart(
        EventMonths(months=[MonthCount(month="2001-05", events=2), MonthCount(month="2020-01", events=3)], undated=0)
    )
    assert long is not None
    assert long.title == "Events per year"
    assert len(long.bars) == 2
    assert events_chart(EventMonths(months=[], undated=3)) is None


def _ref(i: int, name: str, kind: str = "country") -> EntityRef:
    return EntityRef(id=i, kind=kind, name=name)


def _commitment(fact: int, funder: EntityRef | None, by_year: dict[int, float], currency: str = "EUR") -> Commitment:
    total = sum(by_year.values()) if by_year else None
    return Commitment(
        fact_id=fact,
        status="extracted",
        funder=funder,
        recipients=[_ref(9, "UNICEF", "organization")],
        value=100.0,
        currency=currency,
        per="year",
        text="100",
        total=total,
        by_year=by_year,
    )


def test_money_is_charted_per_currency_and_totalled_by_flow() -> None:
    lux, fr = _ref(1, "Luxembourg"), _ref(2, "France")
    commitments = [
        _commitment(1, lux, {2024: 100.0, 2025: 100.0}),
        _commitment(2, lux, {2025: 50.0}),
        _commitment(3, fr, {2026: 10.0}, "USD"),
        _commitment(4, None, {}),
    ]
    charts = money_charts(commitments)
    assert [c.title for c in charts] == ["Commitments in EUR by year and funder", "Commitments in USD by year and funder"]
    assert [t.label for t in charts[0].x_ticks] == ["2024", "2025"]
    assert charts[0].legend == [(0, "Luxembourg")]
    totals = {(f.funder.name if f.funder else None, f.currency): (f.total, f.first_year, f.last_year) for f in flows(commitments)}
    assert totals[("Luxembourg", "EUR")] == (250.0, 2024, 2025)
    assert totals[("France", "USD")] == (10.0, 2026, 2026)
    assert totals[(None, "EUR")] == (100.0, None, None)  # no year: the amount as stated


def test_cytoscape_elements_link_nodes_by_id() -> None:
    network = Network(
        nodes=[NetworkNode(id=1, kind="person", name="A", events=2), NetworkNode(id=2, kind="country", name="<b>", events=1)],
        edges=[NetworkEdge(source=1, target=2, events=1)],
        total_edges=1,
    )
    elements = cytoscape_elements(network)
    assert elements["nodes"][1]["data"] == {"id": "e2", "label": "<b>", "kind": "country", "events": 1, "href": "/entities/2"}
    assert elements["edges"][0]["data"] == {"id": "e1-e2", "source": "e1", "target": "e2", "events": 1}


def test_links_from_stored_data_are_checked() -> None:
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example", "http://", "", None):
        assert web_url(bad) is None, bad
    assert wikidata_url("Q32") == "https://www.wikidata.org/wiki/Q32"
    assert wikidata_url('Q1" onclick="x') is None
    assert wikidata_url(None) is None


def test_query_numbers_are_read_leniently() -> None:
    assert [number(v) for v in ("12", " 7 ", "0", "-1", "1e3", "x", None, "9" * 30)] == [
        12,
        7,
        None,
        None,
        None,
        None,
        None,
        None,
    ]


def test_href_changes_the_query_of_this_page() -> None:
    scope = {"type": "http", "method": "GET", "path": "/timeline", "query_string": b"type=meeting&offset=20", "headers": []}
    request = Request(scope)
    assert href(request, offset=40) == "/timeline?type=meeting&offset=40"
    assert href(request, offset=None) == "/timeline?type=meeting"
    assert href(request, type="a&b") == "/timeline?type=a%26b&offset=20"
