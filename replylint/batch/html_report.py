"""One self-contained HTML page a QA lead can open, share or attach after a batch run.

The page never loads anything: CSS and JS are inline, the charts are SVG drawn here in
Python, and a Content-Security-Policy (hashes of our own style and script, nothing else)
means even a reply that slipped past escaping could neither run a script nor fetch a
resource. Everything taken from the data is HTML-escaped.

The results are read once, as a stream: memory grows with the number of agents plus the
``worst`` replies kept in a heap, never with the number of rows.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from replylint.batch.summary import (
    RANKED_AGENT_REPLIES,
    SCORE_BUCKETS,
    AgentStats,
    Summary,
    english_replies,
    mean_of,
    read_otherwise,
)
from replylint.batch.whole_files import write_whole
from replylint.formatters.text import invisibles_shown
from replylint.report import CORE_CHECKS
from replylint.wording import counted

__all__ = ["ReportStats", "write_html_report"]

_SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True)
class ReportStats:
    """What the caller needs for its one-line "wrote report" message."""

    rows: int
    #: rows with a score (in English), as the summary's ``scored``
    scored: int
    errors: int
    mean_score: float
    #: rows checked without a score (in another language): the counts add up to ``rows``
    not_in_english: int = 0

    def __str__(self) -> str:
        other = f", {self.not_in_english:,} not in English" if self.not_in_english else ""
        counts = (
            f"{counted(self.rows, 'row')}, {self.scored:,} scored{other}, "
            f"{counted(self.errors, 'error')}"
        )
        if not self.scored:
            if self.not_in_english:
                return f"{counts}; no reply in English, so no mean score"
            return f"{counts}; nothing was scored"
        # of how many replies, as the page's mean card and `score`'s summary say it
        return f"{counts}; mean score {self.mean_score:.1f}" + english_replies(
            self.scored, self.not_in_english
        )


@dataclass(frozen=True)
class _Reply:
    """The part of a low-scoring result the page shows (the rest is dropped early)."""

    id: str
    agent: str
    score: int
    text: str | None
    customer_message: str | None
    findings: tuple[dict[str, Any], ...]


#: Error rows listed by id and reason; past this many, the page says how many more.
MAX_ERRORS_LISTED = 200


@dataclass
class _Collector:
    """One pass over the results. The global numbers come from the same ``Summary`` that
    ``replylint score`` prints, so page and terminal agree; the page also needs per-agent
    applicable counts (for per-agent missing *rates*) and the lowest-scoring replies."""

    worst: int
    summary: Summary = field(default_factory=Summary)
    agent_applicable: dict[str, Counter[str]] = field(default_factory=dict)
    # Max-heap by (score, row) via negation: the root is the reply to evict next, so
    # ties keep the earlier row.
    heap: list[tuple[int, int, _Reply]] = field(default_factory=list)
    #: (id, reason) of the first ``MAX_ERRORS_LISTED`` rows that could not be scored.
    error_rows: list[tuple[str, str]] = field(default_factory=list)
    #: The input's agent column, as the run record beside the results names it (None:
    #: none, or no record). The results alone do not say whether the input had one: when
    #: no result names an agent, with this the page says the column was empty, as
    #: ``score``'s summary counts every reply unassigned; without it, that there was none.
    agent_column: str | None = None

    def add(self, result: dict[str, Any]) -> None:
        self.summary.add(result)
        if "error" in result:
            if len(self.error_rows) < MAX_ERRORS_LISTED:
                self.error_rows.append((str(result.get("id")), str(result["error"])))
            return
        if str(result.get("language") or "en") != "en":
            return  # only residue read it: out of the agents' figures and the lowest replies
        agent = self.summary.agent_named(result.get("agent"))
        if agent is not None:  # (an unassigned reply has no row in the agent table)
            # the replies the summary counts the agent's misses over: a French reply's
            # leftover placeholder is not among its misses, so not among what applied
            applicable = self.agent_applicable.setdefault(agent, Counter())
            for check, state in result["checks"].items():  # a plugin's check too
                if state.get("applicable") and not state.get("optional"):
                    applicable[check] += 1
        self._keep_if_worst(result, agent)

    def _keep_if_worst(self, result: dict[str, Any], agent: str | None) -> None:
        if self.worst <= 0:
            return
        score = int(result["score"])
        key = (-score, -self.summary.rows)
        if len(self.heap) >= self.worst and key <= self.heap[0][:2]:
            return  # not lower than the best-scoring reply we keep
        text, customer = result.get("text"), result.get("customer_message")
        reply = _Reply(
            id=str(result.get("id")),
            agent=agent or UNASSIGNED,
            score=score,
            text=text if isinstance(text, str) else None,
            customer_message=customer if isinstance(customer, str) else None,
            findings=tuple(result.get("findings") or ()),
        )
        if len(self.heap) >= self.worst:
            heapq.heapreplace(self.heap, (*key, reply))
        else:
            heapq.heappush(self.heap, (*key, reply))

    def worst_replies(self) -> list[_Reply]:
        """Lowest score first; equal scores in input order."""
        return [item[2] for item in sorted(self.heap, key=lambda item: (-item[0], -item[1]))]


def write_html_report(
    results: Iterable[dict[str, Any]],
    path: Path,
    *,
    title: str = "replylint report",
    worst: int = 20,
    warning: str | None = None,
    agent_column: str | None = None,
    notes: Sequence[str] = (),
    input_format: str | None = None,
) -> ReportStats:
    """Read ``results`` (scored rows as ``replylint score`` writes them) once and write the
    report to ``path``: headline numbers, score histogram, per-check missing rates, a
    sortable per-agent table and the ``worst`` lowest-scoring replies, highlighted.
    ``warning`` is shown above everything else: the page is what gets shared, so what the
    terminal said about the results (a run that did not finish) must be on it too.
    ``agent_column``: the input's agent column, if it had one (the run record says).
    ``notes``: the lines ``score``'s summary ended with that the results do not hold
    (:func:`~replylint.batch.summary.run_notes`, kept in the run record), shown under the
    headline numbers with the advice on failed rows (fitting ``input_format``) and the
    jargon count, which the page works out as the summary does: read alone, the page
    must tell a QA lead all the terminal told."""
    if worst < 0:
        raise ValueError("worst must be 0 or more")
    collector = _Collector(worst=worst, agent_column=agent_column)
    collector.summary.input_format = input_format
    for result in results:
        collector.add(result)
    page = _render_page(collector, title, warning, notes)
    write_whole(path, page)
    summary = collector.summary
    return ReportStats(
        summary.rows, summary.scored, summary.errors, summary.mean_score(), summary.not_in_english
    )


# --- page ---------------------------------------------------------------------------------


def _esc(value: object) -> str:
    """Escape for both element text and quoted attribute values. An invisible format
    character (a bidirectional control, a direction mark, a zero-width space) is shown as
    its ``\\uNNNN`` escape: unseen, it would make a reply, id or agent's name read as
    other words than it holds."""
    return html.escape(invisibles_shown(str(value)), quote=True)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _render_page(
    collector: _Collector, title: str, warning: str | None = None, notes: Sequence[str] = ()
) -> str:
    """The whole document. The CSP allows exactly our inline style and script (by hash)
    and nothing else: no network, no images, no injected scripts or handlers."""
    summary = collector.summary
    csp = (
        f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; "
        "base-uri 'none'"
    )
    body = "\n".join(
        [
            f"<header><h1>{_esc(title)}</h1>"
            f'<p class="subtitle">Reply-quality results from replylint.</p></header>',
            f'<p class="warning" role="alert">{_esc(warning)}</p>' if warning else "",
            _headline(summary),
            _run_notes(summary, notes),
            _section("Score distribution", "scores", _histogram_svg(summary)),
            _section(
                "Missing rate per check",
                "checks",
                _missing_rates_svg(summary),
                "Share of replies where the check applied but the element was missing.",
            ),
            _section(
                "Agents",
                "agents",
                _agent_table(collector),
                "Check columns show each agent's missing rate. Click a column header "
                "(or focus it and press Enter) to sort."
                if summary.named_agents
                else "",
            ),
            _section(
                f"Lowest-scoring replies ({len(collector.heap)})",
                "worst",
                _worst_replies(collector.worst_replies(), summary.named_agents),
                "Highlighted words carry findings (hover for the message); "
                "elements the reply lacks are listed below it. The customer's message, "
                "when the export has it, is shown beside the reply.",
            ),
            _section(
                f"Rows that could not be scored ({summary.errors})",
                "errors",
                _error_rows(collector),
                "Each row keeps its place in the results with the reason it was not scored.",
            ),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _section(heading: str, anchor: str, content: str, note: str = "") -> str:
    note_html = f'<p class="note">{_esc(note)}</p>' if note else ""
    return f'<section id="{anchor}"><h2>{_esc(heading)}</h2>{note_html}\n{content}\n</section>'


def _headline(summary: Summary) -> str:
    """The headline cards. Scored, Not in English and Errors add up to Rows: a reply in
    another language is checked without a score, and the mean, the histogram and the
    lists leave it out."""
    mean = f"{summary.mean_score():.1f}" if summary.scored else "–"
    cards = [
        ("rows", "Rows", str(summary.rows)),
        ("scored", "Scored", str(summary.scored)),
        *([("other-language", "Not in English", str(summary.not_in_english))]
          if summary.not_in_english else []),
        ("errors", "Errors", str(summary.errors)),
        ("mean-score", f"Mean score{mean_of(summary)}", mean),
    ]  # fmt: skip
    items = "".join(
        f'<div class="stat{" nonzero" if key == "errors" and summary.errors else ""}" '
        f'id="stat-{key}"><span class="stat-value">{value}</span>'
        f'<span class="stat-label">{label}</span></div>'
        for key, label, value in cards
    )
    return f'<section class="headline" aria-label="Headline numbers">{items}</section>'


def _run_notes(summary: Summary, notes: Sequence[str]) -> str:
    """The notes and warnings under ``score``'s summary, worded as it printed them: the
    rows read otherwise (another language, chat transcripts checked whole), the advice
    on failed rows ("save it as 'CSV UTF-8'"), the run's own (``notes``: no agent
    column, a column under another name, repeated ids) and the count of jargon terms."""
    lines = [
        *read_otherwise(summary),
        *(f"note: {advice}" for advice in summary.error_advice()),
        *notes,
        f"jargon terms: {summary.jargon_terms:,}",
    ]
    items = "".join(
        f'<li class="{"run-warning" if line.startswith("warning:") else "run-note"}">'
        f"{_esc(line)}</li>"
        for line in lines
    )
    return _section("Notes from the run", "notes", f'<ul class="run-notes">{items}</ul>')


# --- charts -------------------------------------------------------------------------------


def _bucket_label(bucket: int) -> str:
    return "100" if bucket == 100 else f"{bucket}–{bucket + 9}"


def _band_colour(score: float) -> str:
    """Red, amber, green: the same bands as the score badges on the replies."""
    if score < 50:
        return "#c2410c"
    if score < 80:
        return "#b45309"
    return "#15803d"


def _nice_step(maximum: int) -> int:
    """A 1/2/5 x 10^k tick step giving at most about five gridlines."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if maximum / (step * factor) <= 5:
                return step * factor
        step *= 10


def _histogram_svg(summary: Summary) -> str:
    """Vertical bars for the 10-point buckets, each labelled with its count."""
    width, height = 760, 280
    left, right, top, bottom = 56, 12, 24, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    counts = list(summary.histogram().values())
    step = _nice_step(max(counts, default=0) or 1)
    y_max = max(step, -(-max(counts, default=0) // step) * step)
    slot = plot_w / len(SCORE_BUCKETS)
    parts = [
        f'<svg id="score-histogram" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="score-histogram-title">',
        f'<title id="score-histogram-title">Replies per score bucket '
        f"({summary.scored} scored in English)</title>",
    ]
    for tick in range(0, y_max + 1, step):
        y = top + plot_h - tick / y_max * plot_h
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for index, (bucket, count) in enumerate(zip(SCORE_BUCKETS, counts, strict=True)):
        x = left + index * slot + slot * 0.14
        bar_h = count / y_max * plot_h
        y = top + plot_h - bar_h
        label = _bucket_label(bucket)
        parts.append(
            f'<g class="bucket" data-bucket="{bucket}" data-count="{count}">'
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.72:.1f}" '
            f'height="{bar_h:.1f}" rx="2" fill="{_band_colour(bucket)}">'
            f"<title>score {label}: {counted(count, 'reply', 'replies')}</title></rect>"
            f'<text class="count{"" if count else " zero"}" x="{x + slot * 0.36:.1f}" '
            f'y="{y - 6:.1f}" '
            f'text-anchor="middle">{count}</text>'
            f'<text class="tick" x="{x + slot * 0.36:.1f}" y="{top + plot_h + 18}" '
            f'text-anchor="middle">{label}</text></g>'
        )
    parts += [
        f'<line class="axis" x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
        f'y2="{top + plot_h}"/>',
        f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{height - 8}" '
        f'text-anchor="middle">Score</text>',
        f'<text class="axis-label" transform="translate(16 {top + plot_h / 2:.1f}) '
        f'rotate(-90)" text-anchor="middle">Replies</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def _check_label(check: str) -> str:
    return check.replace("_", " ").capitalize()


def _shown_checks(summary: Summary) -> list[str]:
    """The core checks always; a further check (a wrong name, an unexplained hold, a
    rule plugin's) once some reply of the run was held to it, so a run of emails shows
    no empty "hold" row."""
    return [c for c in summary.checks if c in CORE_CHECKS or summary.applicable[c]]


def _rate_text(summary: Summary, check: str) -> str:
    applicable, missing = summary.applicable[check], summary.missing[check]
    if check in summary.not_run:
        return "not run (not selected, or ignored)"
    if not applicable:
        return "never applicable"
    return f"{summary.missing_rate(check):.1%} ({missing:,} of {applicable:,})"


def _missing_rates_svg(summary: Summary) -> str:
    """Horizontal bars, worst check on top, each with its percentage and raw counts. The
    value column is as wide as its longest text (counts run to millions of rows)."""
    row_h, top, label_w, bar_w = 36, 8, 180, 430
    shown = _shown_checks(summary)
    value_w = 20 + 8 * max(len(_rate_text(summary, check)) for check in shown)
    width = label_w + bar_w + value_w
    ranked = sorted(shown, key=summary.missing_rate, reverse=True)
    height = top * 2 + row_h * len(ranked)
    parts = [
        f'<svg id="missing-rates" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="missing-rates-title">',
        '<title id="missing-rates-title">Missing rate per check</title>',
    ]
    for index, check in enumerate(ranked):
        y = top + index * row_h
        rate = summary.missing_rate(check)
        applicable, missing = summary.applicable[check], summary.missing[check]
        value = _rate_text(summary, check)
        parts.append(
            f'<g class="check" data-check="{_esc(check)}" data-rate="{rate:.4f}" '
            f'data-missing="{missing}" data-applicable="{applicable}">'
            f'<text class="label" x="{label_w - 12}" y="{y + row_h / 2 + 5:.1f}" '
            f'text-anchor="end">{_esc(_check_label(check))}</text>'
            f'<rect class="track" x="{label_w}" y="{y + 8}" width="{bar_w}" '
            f'height="{row_h - 16}" rx="3"/>'
            f'<rect class="bar" x="{label_w}" y="{y + 8}" width="{rate * bar_w:.1f}" '
            f'height="{row_h - 16}" rx="3"><title>{_esc(check)}: {value}</title></rect>'
            f'<text class="value" x="{label_w + bar_w + 10}" y="{y + row_h / 2 + 5:.1f}">'
            f"{value}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


# --- agent table --------------------------------------------------------------------------


def _agent_table(collector: _Collector) -> str:
    """Rendered already sorted by mean score (so it reads right without JS); the script
    re-sorts on header clicks. Each cell carries a raw ``data-value`` to sort on.
    An agent with fewer than :data:`RANKED_AGENT_REPLIES` replies is listed, marked, but
    below every ranked agent whatever the column sorted on, as ``score``'s summary leaves
    it unranked: mixed in, three lucky tickets topped an agent's three thousand."""
    summary = collector.summary
    if not summary.agents and not summary.unassigned.replies:
        return '<p class="empty">No scored replies.</p>'
    if not summary.named_agents and collector.agent_column is not None:
        return (
            f'<p class="empty">The agent column {_esc(repr(collector.agent_column))} was '
            "empty on every row, so there are no per-agent figures; if another column holds "
            "the agents, score it again with --agent-col.</p>"
            + _unassigned_note(summary.unassigned, beside_table=False)
        )
    if not summary.named_agents:
        return (
            '<p class="empty">No result names an agent, so there are no per-agent figures; '
            "if the input has a column of agents, score it again with --agent-col.</p>"
        )
    columns: list[tuple[str, str, str]] = [
        ("agent", "Agent", "text"),
        ("replies", "Replies", "number"),
        ("mean_score", "Mean score", "number"),
        *((check, _check_label(check), "number") for check in _shown_checks(summary)),
    ]
    head = "".join(
        f'<th scope="col" data-key="{_esc(key)}" data-type="{kind}"'
        + (' aria-sort="ascending"' if key == "mean_score" else "")
        + f'><button type="button">{_esc(label)}</button></th>'
        for key, label, kind in columns
    )
    ranked = sorted(
        summary.agents.items(),
        key=lambda item: (not _is_ranked(item[1]), item[1].mean_score, item[0]),
    )
    rows = []
    for name, stats in ranked:
        applicable = collector.agent_applicable.get(name, Counter())
        cells = [
            f'<th scope="row" data-value="{_esc(name)}">{_esc(name)}</th>',
            f'<td data-value="{stats.replies}">{stats.replies}</td>',
            f'<td data-value="{stats.mean_score:.4f}">{stats.mean_score:.1f}</td>',
        ]
        for check in _shown_checks(summary):
            cells.append(_rate_cell(stats.missing[check], applicable[check]))
        row_attrs = (
            ""
            if _is_ranked(stats)
            else f' class="unranked" data-unranked="1" title="fewer than {RANKED_AGENT_REPLIES}'
            ' replies: not ranked"'
        )
        rows.append(f"<tr{row_attrs}>" + "".join(cells) + "</tr>")
    return (
        '<div class="table-wrap"><table id="agent-table" class="sortable" '
        'data-default-sort="mean_score" data-default-dir="ascending">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        + _unranked_note(summary)
        + _unassigned_note(summary.unassigned)
    )


def _is_ranked(stats: AgentStats) -> bool:
    """Whether an agent has replies enough for a mean that says something about them."""
    return stats.replies >= RANKED_AGENT_REPLIES


def _unranked_note(summary: Summary) -> str:
    """How many agents the table lists below the ranked ones, and why."""
    unranked = sum(not _is_ranked(stats) for stats in summary.agents.values())
    if not unranked:
        return ""
    return (
        f'<p class="note" id="unranked">{unranked} agent{"s" if unranked > 1 else ""} with '
        f"fewer than {RANKED_AGENT_REPLIES} replies (greyed) not ranked: listed below the "
        "others whatever the column sorted on, since a mean of so few replies says more "
        "about those tickets than about the agent.</p>"
    )


#: How a reply with no agent is shown: a state of the ticket, never a person's name.
UNASSIGNED = "unassigned"


def _unassigned_note(stats: AgentStats, *, beside_table: bool = True) -> str:
    """The replies with no agent, under the table rather than a row of it: a row would be
    sorted and ranked among the agents as if "(none)" were a person. Said too when no
    reply has an agent (``beside_table`` False), as ``score``'s summary says it."""
    if not stats.replies:
        return ""
    return (
        f'<p class="note" id="unassigned">Unassigned (empty agent cell): {stats.replies} '
        f"{'replies' if stats.replies > 1 else 'reply'}, mean score {stats.mean_score:.1f}"
        + ("; not in the table.</p>" if beside_table else ".</p>")
    )


def _rate_cell(missing: int, applicable: int) -> str:
    """An empty ``data-value`` (never applicable) always sorts last."""
    if not applicable:
        return '<td data-value="" class="na" title="never applicable">–</td>'
    rate = missing / applicable
    level = "high" if rate >= 0.5 else "mid" if rate >= 0.2 else "low"
    return (
        f'<td data-value="{rate:.4f}" class="rate {level}" '
        f'title="{missing} of {applicable} missing">{rate:.0%}</td>'
    )


# --- lowest-scoring replies ---------------------------------------------------------------


def _worst_replies(replies: Sequence[_Reply], named_agents: bool) -> str:
    """Each reply with its agent, unless no result names one (then every reply would
    read "agent: (none)")."""
    if not replies:
        return '<p class="empty">No scored replies.</p>'
    items = "".join(_reply_item(r, named_agents) for r in replies)
    return f'<ol class="replies">{items}</ol>'


def _error_rows(collector: _Collector) -> str:
    errors = collector.summary.errors
    if not errors:
        return '<p class="empty">Every row was scored.</p>'
    items = "".join(
        f'<li><span class="reply-id">{_esc(row_id)}</span>'
        f'<span class="error-reason">{_esc(reason)}</span></li>'
        for row_id, reason in collector.error_rows
    )
    more = errors - len(collector.error_rows)
    more_html = (
        f'<p class="note">… and {more:,} more; every error row is in the results file.</p>'
        if more
        else ""
    )
    return f'<ul class="error-rows">{items}</ul>{more_html}'


def _reply_item(reply: _Reply, named_agents: bool) -> str:
    marked, unmarked = _highlight(reply.text, reply.findings)
    band = "low" if reply.score < 50 else "mid" if reply.score < 80 else "high"
    unmarked.sort(key=lambda f: -_SEVERITY_RANK.get(str(f.get("severity")), 0))  # errors first
    notes = "".join(_finding_note(f) for f in unmarked)
    notes_html = f'<ul class="missing">{notes}</ul>' if notes else ""
    agent_html = f'<span class="reply-agent">{_esc(reply.agent)}</span>' if named_agents else ""
    return (
        f'<li class="reply" data-id="{_esc(reply.id)}" data-score="{reply.score}">'
        f'<div class="reply-head"><span class="score {band}">{reply.score}</span>'
        f'<span class="reply-id">{_esc(reply.id)}</span>{agent_html}</div>'
        f'<div class="reply-body">{_customer_column(reply.customer_message)}'
        f'<div class="agent-column"><p class="reply-text">{marked}</p>{notes_html}</div>'
        "</div></li>"
    )


def _customer_column(message: str | None) -> str:
    """The message the reply answers, beside it: apology and empathy are judged by it."""
    if not message:
        return ""
    return (
        '<div class="customer-column"><span class="column-label">Customer wrote</span>'
        f'<p class="customer-text">{_esc(message)}</p></div>'
    )


def _span(finding: dict[str, Any], length: int) -> tuple[int, int] | None:
    """The finding's span inside the text, or None when there is nothing to highlight
    (a missing element, or offsets that do not fit this text)."""
    start, end = finding.get("start"), finding.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if not 0 <= start < end <= length:
        return None
    return start, end


def _highlight(
    text: str | None, findings: Sequence[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """The escaped text with each finding's span in a ``<mark>``, and the findings that
    have no span (listed under the text instead). Overlapping spans are split at every
    boundary, so each piece is marked once with all the findings that cover it."""
    if text is None:
        return '<span class="no-text">(reply text not in the results)</span>', list(findings)
    spans = [(s, f) for f in findings if (s := _span(f, len(text))) is not None]
    unmarked = [f for f in findings if _span(f, len(text)) is None]
    bounds = sorted({0, len(text), *(p for (start, end), _ in spans for p in (start, end))})
    pieces = []
    for start, end in pairwise(bounds):
        piece = _esc(text[start:end])
        covering = [f for (s, e), f in spans if s <= start and end <= e]
        if covering:
            severity = max(
                (str(f.get("severity")) for f in covering),
                key=lambda s: _SEVERITY_RANK.get(s, 0),
            )
            tip = "\n".join(_finding_tip(f) for f in covering)
            piece = f'<mark class="sev-{_esc(severity)}" title="{_esc(tip)}">{piece}</mark>'
        pieces.append(piece)
    return "".join(pieces), unmarked


def _finding_tip(finding: dict[str, Any]) -> str:
    tip = f"{finding.get('rule')}: {finding.get('message')}"
    if finding.get("suggestion"):
        tip += f"\nSuggestion: {finding['suggestion']}"
    return tip


def _finding_note(finding: dict[str, Any]) -> str:
    severity = str(finding.get("severity"))
    suggestion = finding.get("suggestion")
    suggestion_html = f'<span class="suggestion">{_esc(suggestion)}</span>' if suggestion else ""
    return (
        f'<li><span class="badge sev-{_esc(severity)}">{_esc(severity)}</span>'
        f'<span class="rule">{_esc(finding.get("rule"))}</span>'
        f'<span class="message">{_esc(finding.get("message"))}</span>{suggestion_html}</li>'
    )


# --- inline assets ------------------------------------------------------------------------

_CSS = """
:root {
  --text: #1e293b; --muted: #556274; --line: #e2e8f0; --bg: #f6f8fb; --card: #ffffff;
  --accent: #1d4ed8; --red: #c2410c; --amber: #b45309; --green: #15803d;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
    "Liberation Sans", Arial, sans-serif;
}
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
header h1 { margin: 0; font-size: 28px; letter-spacing: -0.01em; }
.subtitle, .note { color: var(--muted); margin: 4px 0 16px; }
.warning { background: #fef3c7; color: #78350f; border-left: 4px solid #d97706;
  padding: 10px 14px; margin: 0 0 16px; font-weight: 600; }
h2 { font-size: 19px; margin: 0 0 4px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 20px 24px; margin: 20px 0; }
.headline { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px;
  background: none; border: 0; padding: 0; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 20px; display: flex; flex-direction: column; }
.stat-value { font-size: 30px; font-weight: 650; font-variant-numeric: tabular-nums; }
.stat-label { color: var(--muted); font-size: 13px; text-transform: uppercase;
  letter-spacing: 0.05em; }
#stat-errors.nonzero .stat-value { color: var(--red); }
.chart { width: 100%; height: auto; display: block; }
.chart text { font-family: inherit; font-size: 13px; fill: var(--text); }
.chart .tick { fill: var(--muted); font-size: 12px; }
.chart .count { font-weight: 600; }
.chart .count.zero { fill: #94a3b8; font-weight: 400; }
.chart .axis-label { fill: var(--muted); font-weight: 600; }
.chart .grid { stroke: var(--line); }
.chart .axis { stroke: #94a3b8; }
#missing-rates .track { fill: #eef2f7; }
#missing-rates .bar { fill: var(--red); }
#missing-rates .value { font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, tbody th { text-align: left; font-weight: 500; }
thead th { border-bottom: 2px solid #cbd5e1; vertical-align: bottom; }
thead th button { font: inherit; font-weight: 600; color: var(--text); background: none;
  border: 0; padding: 2px 4px; margin: 0 -4px; cursor: pointer; text-align: inherit; }
thead th button:hover { color: var(--accent); }
thead th button:focus-visible { outline: 2px solid var(--accent); border-radius: 4px; }
thead th[aria-sort] button { color: var(--accent); }
thead th[aria-sort=ascending] button::after { content: " \\25B2"; font-size: 10px; }
thead th[aria-sort=descending] button::after { content: " \\25BC"; font-size: 10px; }
tbody tr:hover { background: #f8fafc; }
td.rate.high { background: #fde4d8; color: #7c2d12; }
td.rate.mid { background: #fef3c7; color: #713f12; }
td.na { color: #94a3b8; }
tr.unranked th, tr.unranked td { opacity: 0.6; }
.replies { list-style: none; padding: 0; margin: 0; }
.reply { border-top: 1px solid var(--line); padding: 16px 0; }
.reply:first-child { border-top: 0; }
.reply-head { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
.score { min-width: 44px; text-align: center; font-weight: 700; color: #fff;
  border-radius: 6px; padding: 2px 8px; }
.score.low { background: var(--red); } .score.mid { background: var(--amber); }
.score.high { background: var(--green); }
.reply-id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 14px; font-weight: 600; }
.reply-agent { color: var(--muted); }
.reply-agent::before { content: "agent: "; }
.reply-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0;
  background: #fbfcfe; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
mark { border-radius: 3px; padding: 0 2px; cursor: help; color: inherit; }
mark.sev-error { background: #fecaca; box-shadow: inset 0 -2px #dc2626; }
mark.sev-warning { background: #fde68a; box-shadow: inset 0 -2px #d97706; }
mark.sev-info { background: #bfdbfe; box-shadow: inset 0 -2px #2563eb; }
.missing { list-style: none; padding: 0; margin: 10px 0 0; font-size: 14px; }
.missing li { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline;
  padding: 3px 0; }
.badge { font-size: 11px; font-weight: 700; text-transform: uppercase;
  letter-spacing: 0.04em; border-radius: 4px; padding: 1px 6px; }
.badge.sev-error { background: #fee2e2; color: #991b1b; }
.badge.sev-warning { background: #fef3c7; color: #78350f; }
.badge.sev-info { background: #dbeafe; color: #1e3a8a; }
.rule { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 13px; color: var(--muted); }
.suggestion { color: var(--muted); flex-basis: 100%; padding-left: 2px; }
.suggestion::before { content: "\\2192  "; }
.empty, .no-text { color: var(--muted); font-style: italic; }
.reply-body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
.reply-body:has(.customer-column) { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); }
.column-label { display: block; font-size: 12px; font-weight: 700; color: var(--muted);
  text-transform: uppercase; letter-spacing: 0.04em; margin-bottom: 4px; }
.customer-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-size: 14px;
  color: #334155; border-left: 3px solid var(--line); padding: 4px 12px;
  max-height: 16em; overflow-y: auto; }
.error-rows { list-style: none; padding: 0; margin: 0; font-size: 14px; }
.error-rows li { display: flex; gap: 12px; padding: 3px 0; border-top: 1px solid var(--line); }
.error-reason { color: #991b1b; }
.run-notes { margin: 0; padding-left: 20px; }
.run-notes li { padding: 2px 0; overflow-wrap: anywhere; }
.run-notes .run-warning { color: #78350f; font-weight: 600; }
@media (max-width: 720px) {
  .headline { grid-template-columns: repeat(2, 1fr); }
  .reply-body:has(.customer-column) { grid-template-columns: minmax(0, 1fr); }
}
"""

_JS = """
(function () {
  "use strict";
  var table = document.getElementById("agent-table");
  if (!table) { return; }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var body = table.tBodies[0];

  function cellValue(row, index, numeric) {
    var raw = row.cells[index].getAttribute("data-value");
    if (!numeric) { return raw; }
    return raw === "" ? null : parseFloat(raw);
  }

  function sortBy(index, direction) {
    var numeric = heads[index].getAttribute("data-type") === "number";
    var sign = direction === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = 0;
      // too few replies to rank: always below the ranked agents
      var few = Number(a.hasAttribute("data-unranked")) - Number(b.hasAttribute("data-unranked"));
      if (few) { return few; }
      if (x === null || y === null) {
        order = x === y ? 0 : (x === null ? 1 : -1);  // never applicable: always last
      } else {
        order = sign * (numeric ? x - y : x.localeCompare(y));
      }
      return order || cellValue(a, 0, false).localeCompare(cellValue(b, 0, false));
    });
    rows.forEach(function (row) { body.appendChild(row); });
    heads.forEach(function (th, i) {
      if (i === index) { th.setAttribute("aria-sort", direction); }
      else { th.removeAttribute("aria-sort"); }
    });
    table.setAttribute("data-sorted", heads[index].getAttribute("data-key") + "-" +
      (direction === "ascending" ? "asc" : "desc"));
  }

  function indexOf(key) {
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute("data-key") === key) { return i; }
    }
    return -1;
  }

  heads.forEach(function (th, index) {
    th.querySelector("button").addEventListener("click", function () {
      var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      sortBy(index, next);
    });
  });

  // A link can carry the order: report.html#sort=replies-desc
  var wanted = /^#sort=([A-Za-z_]+)-(asc|desc)$/.exec(window.location.hash);
  var key = wanted ? wanted[1] : table.getAttribute("data-default-sort");
  var index = indexOf(key);
  if (index < 0) { index = indexOf(table.getAttribute("data-default-sort")); wanted = null; }
  var direction = wanted ? (wanted[2] === "asc" ? "ascending" : "descending")
    : table.getAttribute("data-default-dir");
  sortBy(index, direction);
})();
"""
