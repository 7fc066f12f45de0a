"""`write_html_report`: the numbers on the page, escaping, no external resources, one
streaming pass, and (when chromium is installed) the page as a real browser renders it."""

from __future__ import annotations

import re
import shutil
import subprocess
import tracemalloc
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest

from replylint.batch.html_report import ReportStats, write_html_report
from replylint.language import load_in_background
from replylint.report import CORE_CHECKS

XSS = '<script>alert(1)</script> <img src=x onerror="alert(2)"> see https://evil.example/x.png'


def scored(
    id: str,
    agent: str | None,
    score: int,
    *,
    missing: tuple[str, ...] = (),
    not_applicable: tuple[str, ...] = (),
    text: str = "Hi, thanks.",
    findings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A scored row shaped like `replylint score` output, with only what the page reads."""
    checks = {
        check: {
            "present": check not in missing and check not in not_applicable,
            "applicable": check not in not_applicable,
            "reason": None,
            "evidence": None,
        }
        for check in CORE_CHECKS
    }
    if findings is None:
        findings = [missing_finding(check, len(text)) for check in missing]
    return {
        "id": id, "agent": agent, "schema_version": "1.0", "channel": "email",
        "checks": checks, "findings": findings, "score": score, "notices": [], "text": text,
    }  # fmt: skip


def missing_finding(check: str, at: int) -> dict[str, Any]:
    return {
        "rule": check, "check": check, "severity": "warning", "start": at, "end": at,
        "text": "", "message": f"No {check} here.", "suggestion": f"Add a {check}.",
        "confidence": 0.8,
    }  # fmt: skip


def span_finding(rule: str, text: str, word: str, severity: str = "warning") -> dict[str, Any]:
    start = text.index(word)
    return {
        "rule": rule, "check": rule, "severity": severity, "start": start,
        "end": start + len(word), "text": word, "message": f"{word!r} flagged by {rule}.",
        "suggestion": None, "confidence": 0.75,
    }  # fmt: skip


R1_TEXT = "Your RMA is approved."
ROWS: list[dict[str, Any]] = [
    scored(
        "r1", "sam", 45, missing=("greeting", "closing_thanks"),
        not_applicable=("apology", "empathy"), text=R1_TEXT,
        findings=[span_finding("jargon", R1_TEXT, "RMA"), missing_finding("greeting", 0),
                  missing_finding("closing_thanks", len(R1_TEXT))],
    ),
    scored("r2", "sam", 92, missing=("next_step_timeframe",)),
    scored("r3", "kim", 100),
    scored("r4", "kim", 5, missing=CORE_CHECKS, text=XSS),
    {"id": "r5", "agent": "sam", "error": "empty reply"},
]  # fmt: skip

# Expected from ROWS by hand: (missing, applicable) per check, overall and per agent.
EXPECTED_MISSING = {
    "greeting": (2, 4), "apology": (1, 3), "empathy": (1, 3),
    "next_step": (1, 4), "next_step_timeframe": (2, 4), "closing_thanks": (2, 4),
}  # fmt: skip
EXPECTED_AGENT_RATES = {
    "kim": ["50%", "50%", "50%", "50%", "50%", "50%"],
    "sam": ["50%", "0%", "0%", "0%", "50%", "50%"],
}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs, self.text = tag, attrs, ""

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class Page(HTMLParser):
    """Every element with its attributes and its own direct text, in document order."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "input", "link", "hr", "rect", "line"}

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.text_nodes: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.text_nodes.append(data)
        if self._open:
            self._open[-1].text += data

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def by_id(self, id: str) -> Element:
        (element,) = [e for e in self.elements if e.attrs.get("id") == id]
        return element


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ReportStats]:
    path = tmp_path_factory.mktemp("report") / "report.html"
    stats = write_html_report(iter(ROWS), path, title="Team <QA> report")
    return path, stats


@pytest.fixture(scope="module")
def page(report: tuple[Path, ReportStats]) -> Page:
    return Page(report[0].read_text(encoding="utf-8"))


def test_stats_and_headline_numbers(report: tuple[Path, ReportStats], page: Page) -> None:
    stats = report[1]
    assert stats == ReportStats(rows=5, scored=4, errors=1, mean_score=60.5)
    assert str(stats) == "5 rows, 4 scored, 1 error; mean score 60.5"
    values = {
        key: page.find("span", "stat-value")[i].text
        for i, key in enumerate(["rows", "scored", "errors", "mean-score"])
    }
    assert values == {"rows": "5", "scored": "4", "errors": "1", "mean-score": "60.5"}


def test_title_is_escaped(report: tuple[Path, ReportStats], page: Page) -> None:
    source = report[0].read_text(encoding="utf-8")
    assert "<title>Team &lt;QA&gt; report</title>" in source
    assert page.find("h1")[0].text == "Team <QA> report"


def test_histogram_counts(page: Page) -> None:
    counts = {
        int(g.attrs["data-bucket"] or "-1"): int(g.attrs["data-count"] or "-1")
        for g in page.find("g", "bucket")
    }
    assert counts == {0: 1, 10: 0, 20: 0, 30: 0, 40: 1, 50: 0, 60: 0, 70: 0, 80: 0, 90: 1, 100: 1}
    # each count is printed on its bar
    assert [t.text for t in page.find("text", "count")] == list("10001000011")
    assert "0–9" in [t.text for t in page.find("text", "tick")]
    assert {"Score", "Replies"} <= {t.text for t in page.find("text", "axis-label")}


def test_missing_rates(page: Page) -> None:
    groups = {g.attrs["data-check"]: g for g in page.find("g", "check")}
    assert set(groups) == set(CORE_CHECKS)  # service checks never applicable here: not shown
    for check, (missing, applicable) in EXPECTED_MISSING.items():
        attrs = groups[check].attrs
        assert (attrs["data-missing"], attrs["data-applicable"]) == (str(missing), str(applicable))
        assert float(attrs["data-rate"] or "nan") == pytest.approx(missing / applicable, abs=1e-4)
    values = [t.text for t in page.find("text", "value")]
    assert "50.0% (2 of 4)" in values and "33.3% (1 of 3)" in values and "25.0% (1 of 4)" in values
    # worst first
    rates = [float(g.attrs["data-rate"] or "nan") for g in page.find("g", "check")]
    assert rates == sorted(rates, reverse=True)


def test_agent_table(page: Page) -> None:
    table = page.by_id("agent-table")
    assert table.attrs["data-default-sort"] == "mean_score"
    rows: list[list[str]] = []
    for element in page.elements[page.elements.index(table) :]:
        if element.tag == "tr":
            rows.append([])
        elif element.tag in ("td", "th") and rows:
            rows[-1].append(element.text)
    header, *body = rows
    assert header[:3] == ["", "", ""]  # header text sits in the sort buttons
    assert [b.text for b in page.find("button")][:3] == ["Agent", "Replies", "Mean score"]
    # rendered ascending by mean score, so it reads right even without JS
    assert [r[:3] for r in body] == [["kim", "2", "52.5"], ["sam", "2", "68.5"]]
    assert {r[0]: r[3:] for r in body} == EXPECTED_AGENT_RATES


def few_and_many_rows() -> list[dict[str, Any]]:
    """An agent with 3 low-scoring replies beside two with 6 and 7 replies."""
    rows = [scored(f"a{i}", "ana@acme.io", 60 + i) for i in range(6)]
    rows += [scored(f"b{i}", "bo@acme.io", 80 + i) for i in range(7)]
    return rows + [scored(f"t{i}", "tiny@acme.io", score) for i, score in enumerate((5, 10, 15))]


def test_agents_with_too_few_replies_are_listed_below_the_ranked_ones(tmp_path: Path) -> None:
    """`score` leaves an agent of fewer than 5 replies unranked; the page did rank it: with
    its 3 replies it read as the team's lowest-scoring agent (and, sorted the other way, a
    lucky one as its best)."""
    path = tmp_path / "r.html"
    write_html_report(few_and_many_rows(), path)
    page = Page(path.read_text(encoding="utf-8"))
    rows = [e for e in page.find("tr") if e.attrs.get("data-unranked") is not None]
    names = [e.attrs["data-value"] for e in page.find("th") if e.attrs.get("scope") == "row"]
    assert names == ["ana@acme.io", "bo@acme.io", "tiny@acme.io"]
    assert len(rows) == 1 and "unranked" in rows[0].classes
    note = page.by_id("unranked").text
    assert note.startswith("1 agent with fewer than 5 replies (greyed) not ranked")


def test_null_agent_gets_no_row_beside_named_agents(tmp_path: Path) -> None:
    """Unassigned replies are said under the table, not ranked in it as an agent."""
    path = tmp_path / "r.html"
    write_html_report([scored("a", None, 70), scored("b", "", 80), scored("c", "kim", 90)], path)
    page = Page(path.read_text(encoding="utf-8"))
    names = [e.attrs["data-value"] for e in page.find("th") if e.attrs.get("scope") == "row"]
    assert names == ["kim"]
    [note] = [e.text for e in page.find("p", "note") if "Unassigned" in e.text]
    assert note.startswith("Unassigned (empty agent cell): 2 replies, mean score 75.0")


def test_no_agent_table_when_no_result_names_an_agent(tmp_path: Path) -> None:
    """As `score`'s summary without an agent column: no "(none)" agent holding every reply."""
    path = tmp_path / "r.html"
    rows = [scored("a", None, 70), scored("b", "", 80), {"id": "e", "error": "empty reply"}]
    write_html_report(rows, path)
    page = Page(path.read_text(encoding="utf-8"))
    assert not [e for e in page.elements if e.attrs.get("id") == "agent-table"]
    assert not page.find("span", "reply-agent")
    assert "(none)" not in path.read_text(encoding="utf-8")
    [note] = [e.text for e in page.find("p", "empty") if "agent" in e.text]
    assert note.startswith("No result names an agent, so there are no per-agent figures")


def test_reply_text_is_escaped_never_markup(report: tuple[Path, ReportStats], page: Page) -> None:
    source = report[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "<script>alert(1)" not in source
    assert source.count("<script") == 1  # the report's own sorting script
    assert "<img" not in source
    # parsed back, the text is exactly the reply: shown, not interpreted
    assert XSS in [e.text for e in page.find("p", "reply-text")]


def test_bidirectional_controls_are_shown_never_applied(tmp_path: Path) -> None:
    """A right-to-left override in a reply, its id or an agent's name would reorder what
    the page shows; each is shown as its escape, in text and in attributes."""
    text = "Refund \u202eyad 03\u202c due, \u2067isolated\u2069."
    path = tmp_path / "r.html"
    write_html_report([scored("id\u202e1", "Ki\u202em", 40, text=text)], path)
    source = path.read_text(encoding="utf-8")
    for control in (
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
    ):
        assert control not in source
    page = Page(source)
    assert "Refund \\u202eyad 03\\u202c due, \\u2067isolated\\u2069." in [
        e.text for e in page.find("p", "reply-text")
    ]
    assert "id\\u202e1" in [e.attrs.get("data-id") for e in page.elements]
    assert "Ki\\u202em" in [e.attrs.get("data-value") for e in page.find("th")]


def test_direction_marks_and_other_invisibles_are_shown_but_emoji_joiners_kept(
    tmp_path: Path,
) -> None:
    """A direction mark moves the punctuation next to it, a zero-width space hides in a
    word: each is shown as its escape; the joiner inside an emoji is part of the emoji."""
    text = "Refund \u200f(30 days)\u200e\u061c due, ref\u200b12 \U0001f469\u200d\U0001f4bb"
    path = tmp_path / "r.html"
    write_html_report([scored("id\u200f1", "Ki\u2060m", 40, text=text)], path)
    source = path.read_text(encoding="utf-8")
    for mark in ("\u200f", "\u200e", "\u061c", "\u200b", "\u2060"):
        assert mark not in source
    page = Page(source)
    shown = "Refund \\u200f(30 days)\\u200e\\u061c due, ref\\u200b12 \U0001f469\u200d\U0001f4bb"
    assert shown in [e.text for e in page.find("p", "reply-text")]
    assert "id\\u200f1" in [e.attrs.get("data-id") for e in page.elements]
    assert "Ki\\u2060m" in [e.attrs.get("data-value") for e in page.find("th")]


def test_no_external_resources(report: tuple[Path, ReportStats], page: Page) -> None:
    source = report[0].read_text(encoding="utf-8")
    for element in page.elements:
        for name, value in element.attrs.items():
            assert name not in {"src", "href", "xlink:href", "srcset", "action", "poster"}, name
            assert "://" not in (value or ""), (element.tag, name, value)
    assert "url(" not in source and "@import" not in source
    # every http(s) URL in the file is reply text shown as text
    assert re.findall(r"https?://[^\s<\"']+", source) == ["https://evil.example/x.png"]
    csp = [m.attrs["content"] for m in page.find("meta") if m.attrs.get("http-equiv")]
    assert csp and (csp[0] or "").startswith("default-src 'none'")


def test_findings_highlighted_and_missing_listed(page: Page) -> None:
    marks = page.find("mark")
    rma = [m for m in marks if m.text == "RMA"]
    assert len(rma) == 1
    assert rma[0].classes == ["sev-warning"]
    assert rma[0].attrs["title"] == "jargon: 'RMA' flagged by jargon."
    messages = [e.text for e in page.find("span", "message")]
    assert "No greeting here." in messages and "No closing_thanks here." in messages
    assert "Add a greeting." in [e.text for e in page.find("span", "suggestion")]


def test_worst_replies_in_score_order(page: Page) -> None:
    ids = [(e.attrs["data-id"], e.attrs["data-score"]) for e in page.find("li", "reply")]
    assert ids == [("r4", "5"), ("r1", "45"), ("r2", "92"), ("r3", "100")]


def test_overlapping_and_out_of_range_spans(tmp_path: Path) -> None:
    text = "Please <b> restart the router"
    overlapping = span_finding("steps", text, "restart the router", severity="info")
    inner = span_finding("jargon", text, "router", severity="error")
    stale = {**span_finding("jargon", text, "router"), "start": 90, "end": 95}
    path = tmp_path / "r.html"
    write_html_report([scored("x", "a", 10, text=text, findings=[overlapping, inner, stale])], path)
    source = path.read_text(encoding="utf-8")
    assert (
        'Please &lt;b&gt; <mark class="sev-info" title="steps: &#x27;restart the router&#x27; '
        'flagged by steps.">restart the </mark><mark class="sev-error"'
    ) in source
    page = Page(source)
    (both,) = [m for m in page.find("mark") if m.text == "router"]
    assert both.attrs["title"] == (
        "steps: 'restart the router' flagged by steps.\njargon: 'router' flagged by jargon."
    )
    # a span that does not fit the text is listed, not dropped
    assert "'router' flagged by jargon." in [e.text for e in page.find("span", "message")]


def test_streams_once_and_keeps_only_the_worst(tmp_path: Path) -> None:
    consumed = 0

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal consumed
        for i in range(3000):
            consumed += 1
            score = 50 + (i * 37) % 50  # 50..99, many ties
            yield scored(f"id{i}", f"agent{i % 7}", score if i != 1234 else 3)

    path = tmp_path / "r.html"
    stats = write_html_report(rows(), path, worst=4)
    assert consumed == 3000 and stats.rows == 3000
    page = Page(path.read_text(encoding="utf-8"))
    replies = [(e.attrs["data-id"], e.attrs["data-score"]) for e in page.find("li", "reply")]
    # the lowest, then ties at 50 in input order (i*37 % 50 == 0 for i = 0, 50, 100)
    assert replies == [("id1234", "3"), ("id0", "50"), ("id50", "50"), ("id100", "50")]
    assert len([e for e in page.find("th") if e.attrs.get("scope") == "row"]) == 7


def test_memory_is_bounded_by_agents_and_worst(tmp_path: Path) -> None:
    """~24 MB of reply text streams through; the report holds only `worst` replies."""
    filler = "Thanks for waiting, we are looking into it. " * 90  # ~4 kB

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(6000):
            yield scored(f"id{i}", f"agent{i % 5}", i % 101, text=f"{i} {filler}")

    # a `score` run of an earlier test in this process may leave the language model
    # loading on its thread (load_in_background): traced too, its ~10 MB failed the
    # test when the machine was busy enough for the load to outlast that run
    load_in_background()()
    tracemalloc.start()
    try:
        write_html_report(rows(), tmp_path / "r.html", worst=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 3_000_000, peak


def test_empty_input_still_renders(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    stats = write_html_report(iter(()), path)
    assert stats == ReportStats(rows=0, scored=0, errors=0, mean_score=0.0)
    page = Page(path.read_text(encoding="utf-8"))
    assert page.by_id("score-histogram") and page.by_id("missing-rates")
    assert "No scored replies." in [e.text for e in page.find("p", "empty")]


def test_negative_worst_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="worst"):
        write_html_report([], tmp_path / "r.html", worst=-1)


# --- in a real browser --------------------------------------------------------------------


def find_chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium not installed (Debian: apt-get install chromium); browser test skipped",
)


def run_chromium(tmp_path: Path, url: str, *args: str) -> str:
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", *args, url,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_chromium
def test_browser_renders_charts_sorts_and_runs_no_reply_script(tmp_path: Path) -> None:
    hostile = (
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
        "<script>document.body.setAttribute('data-pwned','script')</script>"
    )
    rows = [*ROWS, scored("r6", "lee", 30, text=hostile)]
    path = tmp_path / "report.html"
    write_html_report(iter(rows), path)
    url = path.as_uri()

    dom = run_chromium(tmp_path, url, "--dump-dom")
    histogram = re.search(r'<svg id="score-histogram".*?</svg>', dom, re.S)
    missing = re.search(r'<svg id="missing-rates".*?</svg>', dom, re.S)
    assert histogram and missing
    assert histogram.group(0).count('class="bar"') == 11
    assert missing.group(0).count('class="bar"') == 6
    # the script ran (despite the CSP, thanks to its hash) and sorted by mean score
    assert 'data-sorted="mean_score-asc"' in dom
    assert agent_order(dom) == ["lee", "kim", "sam"]
    assert not re.search(r"<body[^>]*data-pwned", dom), "a script from a reply ran"

    # a header click sorts the same way; a link can carry the order
    dom = run_chromium(tmp_path, url + "#sort=mean_score-desc", "--dump-dom")
    assert 'data-sorted="mean_score-desc"' in dom
    assert agent_order(dom) == ["sam", "kim", "lee"]

    # an agent of too few replies stays below the ranked ones, sorted either way
    few = tmp_path / "few.html"
    write_html_report(few_and_many_rows(), few)
    for order, expected in (("asc", ["ana@acme.io", "bo@acme.io"]),
                            ("desc", ["bo@acme.io", "ana@acme.io"])):  # fmt: skip
        for key in ("mean_score", "replies"):
            dom = run_chromium(tmp_path, few.as_uri() + f"#sort={key}-{order}", "--dump-dom")
            assert agent_order(dom) == [*expected, "tiny@acme.io"], (key, order)

    png = tmp_path / "report.png"
    run_chromium(tmp_path, url, f"--screenshot={png}", "--window-size=1280,2000")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 30_000


def agent_order(dom: str) -> list[str]:
    body = dom.split('id="agent-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row" data-value="([^"]*)"', body)


def test_error_rows_are_listed_with_their_reason(page: Page) -> None:
    assert len(page.find("ul", "error-rows")) == 1
    assert [e.text for e in page.find("span", "error-reason")] == ["empty reply"]
    assert any(e.text == "Rows that could not be scored (1)" for e in page.find("h2"))


def test_the_customer_message_is_shown_beside_the_reply(tmp_path: Path) -> None:
    row = {**scored("c1", "sam", 40), "customer_message": "My <b>order</b> never came!"}
    path = tmp_path / "r.html"
    write_html_report([row], path)
    page = Page(path.read_text(encoding="utf-8"))
    [customer] = page.find("p", "customer-text")
    assert customer.text == "My <b>order</b> never came!"  # shown as text, escaped


def test_missing_rate_labels_fit_the_chart_at_large_counts(tmp_path: Path) -> None:
    rows = [
        scored(f"r{i}", "sam", 50, missing=("greeting",) if i % 3 else ()) for i in range(12_345)
    ]
    path = tmp_path / "r.html"
    write_html_report(rows, path, worst=0)
    svg = re.search(r'<svg id="missing-rates".*?</svg>', path.read_text(encoding="utf-8"), re.S)
    assert svg
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg.group(0)).group(1))  # type: ignore[union-attr]
    for x, label in re.findall(
        r'<text class="value" x="([\d.]+)"[^>]*>([^<]*)</text>', svg.group(0)
    ):
        assert "of 12,345" in label or label == "never applicable"
        # DejaVu Sans at the chart's 14px is at most ~8.5px a character for digits and "%()"
        assert float(x) + 8 * len(label) <= width, label


def test_a_service_check_that_applied_gets_its_bar_and_column(tmp_path: Path) -> None:
    residue = scored("r9", "sam", 74)
    residue["checks"]["template_residue"] = {"applicable": True, "present": False}
    write_html_report([residue], tmp_path / "report.html")
    page = Page((tmp_path / "report.html").read_text(encoding="utf-8"))
    groups = {g.attrs["data-check"]: g for g in page.find("g", "check")}
    assert set(groups) == {*CORE_CHECKS, "template_residue"}
    assert groups["template_residue"].attrs["data-missing"] == "1"


def test_replies_in_another_language_are_counted_apart(tmp_path: Path) -> None:
    """A French draft with a placeholder scores 0 (only template_residue reads it): it is
    not among the lowest-scoring replies, nor in the mean or the histogram."""
    french = {**scored("fr1", "kim", 0, text="Bonjour {{first_name}}, merci."), "language": "fr"}
    path = tmp_path / "r.html"
    stats = write_html_report([scored("en1", "kim", 60), french], path)
    assert stats.mean_score == 60
    page = Page(path.read_text(encoding="utf-8"))
    assert [e.attrs["data-id"] for e in page.find("li", "reply")] == ["en1"]
    page.by_id("stat-other-language")  # the card is there (exactly one)
    values = [e.text for e in page.find("span", "stat-value")]
    # rows, scored, not in English, errors (they add up to the rows), mean
    assert values == ["2", "1", "1", "0", "60.0"]
    assert "(1 scored in English)" in path.read_text(encoding="utf-8")


def test_an_agents_rates_leave_out_their_replies_in_another_language(tmp_path: Path) -> None:
    """The agent table counted a French reply among the replies a check applied to, and
    not its miss: Kim's one leftover placeholder, in French, read "0% (0 of 2 missing)",
    and every agent's rates were shares of replies the table does not count."""
    residue = {"present": False, "applicable": True, "reason": None, "evidence": None}
    french = scored("fr1", "kim", 0, not_applicable=CORE_CHECKS, text="Bonjour {{prenom}}.")
    french = {**french, "score": None, "language": "fr"}
    french["checks"]["template_residue"] = residue
    english = scored("en1", "kim", 60, missing=("greeting",))
    english["checks"]["template_residue"] = {**residue, "present": True}
    path = tmp_path / "r.html"
    write_html_report([english, french], path)
    rates = [
        (e.attrs.get("data-value"), e.attrs.get("title"))
        for e in Page(path.read_text(encoding="utf-8")).find("td")  # (one agent's row)
    ]
    # replies, mean, the six core checks (greeting first), then template_residue
    assert rates[0] == ("1", None) and rates[2] == ("1.0000", "1 of 1 missing")
    assert rates[8] == ("0.0000", "0 of 1 missing")  # the English reply's alone


def test_an_agents_rates_leave_out_checks_optional_on_the_channel(tmp_path: Path) -> None:
    """A check the channel's profile makes optional is not asked of the reply: the
    summary counts it neither applicable nor missing, and the agent table counted it
    applicable, diluting the agent's rate with replies it was not asked of."""
    social = scored("s1", "kim", 80, text="Done, it ships today!")
    social["checks"]["closing_thanks"] = {
        "present": False, "applicable": True, "optional": True, "reason": None,
        "evidence": None,
    }  # fmt: skip
    email = scored("e1", "kim", 50, missing=("closing_thanks",))
    path = tmp_path / "r.html"
    write_html_report([social, email], path)
    rates = [e.attrs.get("title") for e in Page(path.read_text(encoding="utf-8")).find("td")]
    # replies, mean, greeting, apology, empathy, next_step, next_step_timeframe, then
    assert rates[7] == "1 of 1 missing"  # closing_thanks: asked of the e-mail alone


def test_the_page_says_which_rows_were_read_otherwise(tmp_path: Path) -> None:
    """``score``'s summary says which languages the replies it left out of the mean were
    in, and how many chat transcripts were checked whole (every speaker's turns scored
    as the reply); the page said neither, and a transcript's score read as the agent's."""
    from replylint.normalize.model import UNRESOLVED_TRANSCRIPT

    whole = scored("t1", "kim", 70)
    whole["notices"] = [f"{UNRESOLVED_TRANSCRIPT}Dana and Kim, checked as one reply"]
    french = {**scored("f1", "kim", 0), "score": None, "language": "fr"}
    spanish = {**scored("s1", "kim", 0), "score": None, "language": "es"}
    path = tmp_path / "r.html"
    write_html_report([whole, french, spanish, scored("e1", "kim", 90)], path)
    notes = re.search(r'<section id="notes">(.*?)</section>', path.read_text("utf-8"), re.S)
    assert notes is not None
    text = html_text(notes.group(1))
    assert "not in English: 2 rows (fr 1, es 1)" in text
    assert "chat transcripts checked whole: 1 row whose labels are names alone" in text


def test_the_page_and_the_summary_say_what_min_confidence_hid(tmp_path: Path) -> None:
    """A reply scoring 0 whose every finding min-confidence hid read as clean: no
    finding highlighted, nothing on the page or under the summary said why."""
    from replylint.batch.summary import Summary, format_summary

    hidden = {**scored("h1", "kim", 0, findings=[]), "below_confidence": 7}
    rows = [hidden, scored("e1", "kim", 90)]
    path = tmp_path / "r.html"
    write_html_report(rows, path)
    notes = re.search(r'<section id="notes">(.*?)</section>', path.read_text("utf-8"), re.S)
    assert notes is not None
    said = "findings below min-confidence: 7 findings on 1 row are not shown"
    assert said in html_text(notes.group(1))
    summary = Summary()
    for row in rows:
        summary.add(row)
    assert said in format_summary(summary)
    assert summary.as_dict()["below_confidence"] == {"findings": 7, "rows": 1}


def test_the_page_says_what_the_summary_said_under_it(tmp_path: Path) -> None:
    """A QA lead reading only the report missed the notes and warnings under `score`'s
    summary: the "CSV UTF-8" advice, no agent column, a channel column under another
    name, repeated ids and the jargon count."""
    from replylint.cli import main

    source = tmp_path / "export.csv"
    source.write_bytes(
        b"ref,Source,reply\n"
        b'k1,email,"Hi Noor, the courier collects the parcel tomorrow. Thanks, Pat"\n'
        b'k1,email,"Hi Ivo, please re-authenticate via the SSO endpoint. Thanks, Pat"\n'
        b'k2,email,"Hi Ada, your cr\xe8me order is on hold. Thanks, Pat"\n'
    )
    out, page = tmp_path / "scores.jsonl", tmp_path / "report.html"
    args = ["--model", "none", "--isolated", "--jobs", "1", "--id-col", "ref"]
    assert main(["score", str(source), "--out", str(out), *args]) == 0
    assert main(["report", str(out), "--html", str(page)]) == 0
    notes = re.search(
        r'<section id="notes">(.*?)</section>', page.read_text(encoding="utf-8"), re.S
    )
    assert notes is not None
    text = html_text(notes.group(1))
    assert "save it as 'CSV UTF-8'" in text
    assert "note: no agent column (agent," in text
    assert "'Source' could be it: score again with --channel-col Source" in text
    assert "warning: ids used by more than one row: 1 (e.g. 'k1')" in text
    assert re.search(r"jargon terms: [1-9]", text)


def html_text(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))
