"""What a QA lead reads after a run: missing rates per check, the score distribution,
and the agents and checks that need attention. Accumulated while streaming (memory grows
with the number of agents, not rows)."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from replylint.batch.checks import in_report_order
from replylint.batch.ids import Repeated
from replylint.batch.labels import label_text
from replylint.normalize.model import UNRESOLVED_TRANSCRIPT
from replylint.report import NOT_ENABLED_REASON, REPORTED_CHECKS
from replylint.wording import counted

SCORE_BUCKETS = tuple(range(0, 101, 10))  # 0-9, 10-19, ..., 90-99, 100
#: How many replies an agent needs to be ranked among the lowest-scoring: a mean of one
#: or two replies says more about those tickets than about the agent.
RANKED_AGENT_REPLIES = 5
#: Distinct kinds of error counted by name; any further kind counts as "other" (memory
#: stays flat however varied a broken export's errors are).
MAX_ERROR_KINDS = 20
#: Longest reason kept, far above any message replylint writes; only a foreign
#: exception's text (an internal error) can reach it.
MAX_ERROR_KIND_CHARS = 1000
#: Width of the reason column under the summary; longer reasons wrap onto further lines.
_REASON_WIDTH = 64
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
#: A count, a line number or an amount; not the digit of a name such as "UTF-8".
_NUMBER = re.compile(r"(?<![A-Za-z-])\d[\d,.]*")
#: What names the rule plugin in the error of a reply it failed on
#: (:class:`~replylint.errors.PluginFailed`): "rule plugin 'acme.ticket_ref'
#: (acme_refs:TicketRef, from package acme-refs)" and the "--ignore acme.ticket_ref" that
#: ends it. Kept whole by :func:`error_kind`: blanked, the failures of every plugin read
#: alike under the summary, and a team with several could not tell which one to fix.
_PLUGIN_NAMED = re.compile(r"(^rule plugin '[^']*' \([^)]*\)|--ignore \S+$)")
#: The error of a row whose text is not UTF-8 (``readers``), and what to do about it,
#: by the input's format: only a CSV file comes from Excel.
NOT_UTF8 = "not valid UTF-8 text"
_NOT_UTF8_HINTS = {
    "csv": "rows that are not UTF-8 text: a file saved as Excel's plain 'CSV' is "
    "Windows-1252; save it as 'CSV UTF-8' (or convert it: iconv -f cp1252 -t utf-8) and "
    "score that",
    "jsonl": "rows that are not UTF-8 text: the JSONL file holds bytes of another encoding "
    "(often Windows-1252); export it as UTF-8 (or convert it: iconv -f cp1252 -t utf-8) "
    "and score that",
    "parquet": "rows that are not UTF-8 text: a binary column holds bytes of another "
    "encoding; export the text as UTF-8 strings and score that",
}
#: The error of a JSONL row whose string holds a ``\ud800``-style escape that stands for
#: no character (``readers``), and what to do about it.
UNPAIRED_SURROGATE = "a JSON escape of an unpaired surrogate"
_UNPAIRED_SURROGATE_HINT = (
    "rows whose JSON holds an unpaired surrogate escape ('\\ud800' to '\\udfff'): half "
    "of a character (an emoji, say) that the exporter cut in two or wrote wrongly, which "
    "stands for no character; the file is valid UTF-8 JSON Lines, the text in it is not. "
    "Fix the exporter (or replace each such escape, e.g. with '\\ufffd') and score that"
)

#: The start of the ``error`` of a row whose worker process died each time it scored it
#: (:mod:`replylint.batch.runner`; before, a chunk's rows whenever its second try was
#: lost, whoever's worker died: "worker process died while scoring this row's chunk").
WORKER_DIED = "worker process died"
#: What to do about those rows: nothing in the row is wrong that an export can fix, and
#: ``--resume`` keeps an ``error`` row as it is.
_WORKER_DIED_HINT = (
    "rows whose worker process died each time it scored them are not scored: if "
    "processes were killed from outside (out of memory, an operator), score the input "
    "again with --force, with fewer --jobs if memory was short (--resume keeps these "
    "rows as they are); if they die again, a reply crashes replylint or a rule plugin: "
    "--ignore the plugin's rule, or report it"
)


def error_kind(error: str) -> str:
    """An error row's message with what is particular to the row (quoted values, counts
    and line numbers) blanked, so that rows failing the same way are counted together:
    "unknown channel 'fax'; use email, chat or social" -> "unknown channel '…'; ...".
    A rule plugin that failed on the reply stays named (:data:`_PLUGIN_NAMED`): rows
    failing in two plugins fail two ways.
    Whole, however long its advice ("split it or raise the max-reply-chars setting"),
    up to :data:`MAX_ERROR_KIND_CHARS`: cutting it at 100 characters lost the fix.
    """
    parts = _PLUGIN_NAMED.split(error)  # (the plugin's names at the odd places)
    kind = "".join(part if place % 2 else _blanked(part) for place, part in enumerate(parts))
    return kind if len(kind) <= MAX_ERROR_KIND_CHARS else kind[: MAX_ERROR_KIND_CHARS - 1] + "…"


def _blanked(text: str) -> str:
    """``text`` with its quoted values and numbers blanked (see :func:`error_kind`), but
    not a column's name ("the 'Reply' column is not valid UTF-8 text"): the same on
    every row, and what the user needs to find the cells to fix."""

    def blank(quoted: re.Match[str]) -> str:
        named = text[: quoted.start()].endswith("the ") and text.startswith(" column", quoted.end())
        return quoted.group(0) if named else "'…'"

    return _NUMBER.sub("N", _QUOTED.sub(blank, text))


@dataclass
class AgentStats:
    replies: int = 0
    score_total: int = 0
    missing: Counter[str] = field(default_factory=Counter)

    @property
    def mean_score(self) -> float:
        return self.score_total / self.replies if self.replies else 0.0


@dataclass
class Summary:
    rows: int = 0
    errors: int = 0
    #: error rows by :func:`error_kind`, at most ``MAX_ERROR_KINDS`` kinds and "other"
    error_kinds: Counter[str] = field(default_factory=Counter)
    #: score (0-100) -> rows: at most 101 keys, so memory stays flat; exact percentiles
    scores: Counter[int] = field(default_factory=Counter)
    applicable: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    jargon_terms: int = 0
    agents: dict[str, AgentStats] = field(default_factory=dict)
    repeated_ids: Repeated = field(default_factory=Repeated)  # set once the output is written
    #: How the input was read where that was a judgement (a ``Customer`` column of names).
    notes: list[str] = field(default_factory=list)
    #: Whether the input has an agent column. Without one there are no per-agent figures
    #: (a note says so): every reply under one "(none)" agent would be ranked and listed
    #: as if it were somebody's. With one, replies whose cell is empty are ``unassigned``.
    by_agent: bool = True
    #: English replies whose agent cell is empty, counted apart from :attr:`agents`: a QA
    #: lead read an agent "(none)" ranked among the others as a person, and unassigned
    #: tickets (a queue, a bot, a deleted user) are nobody's to coach. Their count is
    #: shown beside the agents, so no reply drops out of the per-agent figures unseen.
    unassigned: AgentStats = field(default_factory=AgentStats)
    #: Whether any result, scored or not, names an agent: none does when the input has
    #: no agent column, or one empty on every row (the wrong one of two, perhaps).
    named_agents: bool = False
    #: Rows in another language, by language code: only the checks that read it (leftover
    #: placeholders) judge them, so they have no score (results of schema 1.x gave them
    #: a 100 that said nothing) and are kept out of the mean, the percentiles, the
    #: histogram and the agents' figures.
    other_language: Counter[str] = field(default_factory=Counter)
    #: Rows that read as chat transcripts whose agent nothing told (names alone in the
    #: labels, no agent column naming one): checked whole, every speaker's turns as the
    #: reply. Each row's notice says so; with thousands of rows only a count is read.
    whole_transcripts: int = 0
    #: Rows not scored because their worker process died each time it scored them
    #: (:data:`WORKER_DIED`): said on stderr and under the summary with what to do, as
    #: rows that might well be scored in another run.
    worker_died: int = 0
    #: Times a worker process died during the run and was replaced (its pool broke: killed
    #: from outside, out of memory, a crash), the rows it held scored again: no row is lost
    #: to it, but a QA team wants to know the out-of-memory killer was at work
    #: (:func:`worker_deaths_note`). Only the run knows it; its results do not say it.
    worker_deaths: int = 0
    #: Findings ``min-confidence`` dropped from the rows (each row's ``below_confidence``),
    #: and the rows they were on: said under the first line, as ``check`` says it, since a
    #: threshold that hides every finding of a reply scoring 0 made it read as clean.
    below_confidence: int = 0
    rows_below_confidence: int = 0
    #: The input's format (csv, jsonl, parquet), for advice that fits it; None: unknown.
    input_format: str | None = None
    #: The checks counted, in display order: those of the run's configured rules
    #: (:func:`~replylint.batch.checks.reported_checks`: a plugin's check too, whose
    #: failures lower the scores), and any other a result holds a verdict for (``report``
    #: reads results without their configuration), placed as a report places it.
    checks: tuple[str, ...] = REPORTED_CHECKS
    #: An agent's key (:meth:`agent_named`) -> the name it is counted under.
    _agent_names: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    #: The checks some result ran, and those some result did not (``NOT_ENABLED_REASON``).
    _ran: set[str] = field(default_factory=set, init=False, repr=False)
    _not_enabled: set[str] = field(default_factory=set, init=False, repr=False)

    @property
    def not_run(self) -> tuple[str, ...]:
        """The checks no row ran (not selected, or ignored): listed apart. In the table
        as "applicable 0" they read as checks that found nothing to judge, and a run of
        ``--select jargon`` looked like a near-perfect one. A check a channel's profile
        ignores ran on the other channels' rows, so it stays in the table."""
        return tuple(c for c in self.checks if c in self._not_enabled and c not in self._ran)

    def agent_named(self, agent: object) -> str | None:
        """The name a result's agent is counted under: spaces and invisible format
        characters around it dropped, as the readers drop them from a new row
        (:func:`~replylint.batch.labels.label_text`; results written before they did keep
        them, and a resumed run or ``report`` reads those), and a name that differs
        from an earlier one only in case or inner spacing (``ana@acme.io`` after
        ``Ana@acme.io``, ``Sam  Lee`` after ``Sam Lee``) counted as that one, named as
        first written. Agent columns are typed by hand or filled from addresses whose
        case varies, and one person's replies split in two rows of the agent table
        would each look better or worse than the person does; ``eval --by`` groups its
        values the same way. An empty or absent agent is None: the reply is unassigned."""
        name = label_text(agent)
        if not name:
            return None
        return self._agent_names.setdefault(" ".join(name.split()).casefold(), name)

    def worker_death(self) -> None:
        """Count one death of a worker process (the runner's ``on_worker_death``)."""
        self.worker_deaths += 1

    def add(self, result: dict[str, Any]) -> None:
        self.rows += 1
        self.named_agents = self.named_agents or bool(label_text(result.get("agent")))
        if "error" in result:
            self.errors += 1
            self.worker_died += str(result["error"]).startswith(WORKER_DIED)
            kind = error_kind(str(result["error"]))
            if kind not in self.error_kinds and len(self.error_kinds) >= MAX_ERROR_KINDS:
                kind = "other"
            self.error_kinds[kind] += 1
            return
        if any(str(n).startswith(UNRESOLVED_TRANSCRIPT) for n in result.get("notices") or ()):
            self.whole_transcripts += 1
        hidden = int(result.get("below_confidence") or 0)
        if hidden:
            self.below_confidence += hidden
            self.rows_below_confidence += 1
        language = str(result.get("language") or "en")
        agent: AgentStats | None = None
        if language == "en":
            score = int(result["score"])
            self.scores[score] += 1
            if self.by_agent:
                name = self.agent_named(result.get("agent"))
                agent = (
                    self.unassigned if name is None else self.agents.setdefault(name, AgentStats())
                )
                agent.replies += 1
                agent.score_total += score
        else:
            self.other_language[language] += 1
        for check, state in result["checks"].items():
            if state.get("reason") == NOT_ENABLED_REASON and not state.get("applicable"):
                self._not_enabled.add(check)
            else:
                self._ran.add(check)
            # a check the channel's profile makes optional is not asked of the reply: its
            # absence is no miss (counted one, a team that made closing thanks optional
            # on social saw every social reply "missing" it, and its agents ranked so)
            if state.get("applicable") and not state.get("optional"):
                if check not in self.checks:
                    self.checks = in_report_order((*self.checks, check))
                self.applicable[check] += 1
                if not state.get("present"):
                    self.missing[check] += 1
                    if agent is not None:
                        agent.missing[check] += 1
        self.jargon_terms += sum(1 for f in result["findings"] if f.get("check") == "jargon")

    @property
    def checked(self) -> int:
        """Rows the checks read (every row but those in :attr:`errors`), with a score or
        not: in another language only the checks that read it judge a reply."""
        return self.rows - self.errors

    @property
    def not_in_english(self) -> int:
        """Checked rows in another language, which have no score."""
        return sum(self.other_language.values())

    @property
    def scored(self) -> int:
        """Rows with a score (in English): those the mean, percentiles, histogram and
        agents' figures describe. It counted every checked row once rows in another
        language lost their score (schema 2.0): "scored 4" beside a mean of 2 replies."""
        return self.checked - self.not_in_english

    def missing_rate(self, check: str) -> float:
        return self.missing[check] / self.applicable[check] if self.applicable[check] else 0.0

    def mean_score(self) -> float:
        total = sum(score * rows for score, rows in self.scores.items())
        return total / self.scored if self.scored else 0.0

    def percentile(self, fraction: float) -> int:
        """The score below which ``fraction`` of the scored rows fall (nearest rank)."""
        target = fraction * self.scored
        seen = 0
        for score in sorted(self.scores):
            seen += self.scores[score]
            if seen >= target and seen:
                return score
        return 100

    def histogram(self) -> dict[int, int]:
        """Rows per 10-point bucket (0-9, ..., 90-99, and 100 alone), by bucket start."""
        buckets = dict.fromkeys(SCORE_BUCKETS, 0)
        for score, rows in self.scores.items():
            buckets[min(score // 10 * 10, 100)] += rows
        return buckets

    def worst_agents(
        self, limit: int = 5, min_replies: int = RANKED_AGENT_REPLIES
    ) -> list[tuple[str, AgentStats]]:
        ranked = [(n, a) for n, a in self.agents.items() if a.replies >= min_replies]
        return sorted(ranked, key=lambda item: item[1].mean_score)[:limit]

    def error_advice(self) -> list[str]:
        """What to do about the rows that failed, where their reason says it (shown under
        the reasons, and among the summary JSON's ``notes``)."""
        advice = []
        if any(NOT_UTF8 in kind for kind in self.error_kinds):
            advice.append(_NOT_UTF8_HINTS.get(self.input_format or "csv", _NOT_UTF8_HINTS["csv"]))
        if any(UNPAIRED_SURROGATE in kind for kind in self.error_kinds):
            advice.append(_UNPAIRED_SURROGATE_HINT)
        if self.worker_died:
            advice.append(_WORKER_DIED_HINT)
        return advice

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "checked": self.checked, "scored": self.scored,
            "errors": self.errors,
            "error_kinds": dict(self.error_kinds.most_common()),
            "mean_score": self.mean_score() if self.scored else None,
            "percentiles": {name: self.percentile(share) for name, share in
                            (("p10", 0.1), ("median", 0.5), ("p90", 0.9))}
            if self.scored else None,
            "other_language": dict(self.other_language.most_common()),
            "whole_transcripts": self.whole_transcripts,
            "below_confidence": {"findings": self.below_confidence,
                                 "rows": self.rows_below_confidence},
            "score_histogram": {str(b): n for b, n in self.histogram().items()},
            "missing_rate": {
                c: self.missing_rate(c) if self.applicable[c] else None for c in self.checks
            },
            "not_run": list(self.not_run),
            "jargon_terms": self.jargon_terms,
            "repeated_ids": {"count": self.repeated_ids.count,
                             "examples": list(self.repeated_ids.examples)},
            "agents": {n: _agent_dict(a, ranked=True) for n, a in self.agents.items()},
            "unassigned": _agent_dict(self.unassigned, ranked=False) if self.by_agent else None,
            "notes": [*self.notes, *self.error_advice()],
        }  # fmt: skip


def _agent_dict(stats: AgentStats, *, ranked: bool) -> dict[str, Any]:
    """An agent's figures in the summary JSON; no mean (null) without a reply.
    ``ranked`` is whether the summary and the report rank the agent: a dashboard sorting
    agents by mean would otherwise put a three-reply agent above one with thousands."""
    mean = stats.mean_score if stats.replies else None
    return {
        "replies": stats.replies,
        "mean_score": mean,
        "ranked": ranked and stats.replies >= RANKED_AGENT_REPLIES,
        "missing": dict(stats.missing),
    }


def format_summary(summary: Summary) -> str:
    """The summary as printed after a run. With no checked row there is no score
    distribution or missing rate to show (a mean of 0.0 would be a false number)."""
    head = row_counts(summary)
    if not summary.checked:
        return "\n".join(
            [
                f"{head}; nothing was scored",
                *_error_lines(summary),
                *_repeated_warning(summary),
                *_notes(summary),
            ]
        )
    if summary.scored:
        first = (
            f"{head}; mean score {summary.mean_score():.1f}{mean_of(summary)} (p10 "
            f"{summary.percentile(0.1)}, median {summary.percentile(0.5)}, p90 "
            f"{summary.percentile(0.9)})"
        )
    else:
        first = f"{head}; no reply in English, so no mean score"
    # (a plugin's check may have a longer name than the built-in ones)
    width = max(21, *(len(check) for check in summary.checks))
    lines = [first, *read_otherwise(summary), "",
             f"{'check':<{width}} {'applicable':>10} "
             f"{'missing':>8} {'rate':>7}"]  # fmt: skip
    not_run = summary.not_run
    ranked = sorted(
        (c for c in summary.checks if c not in not_run), key=summary.missing_rate, reverse=True
    )
    for check in ranked:
        # a check that applied to no row has no rate (the JSON says null), not 0%
        rate = f"{summary.missing_rate(check):>6.1%}" if summary.applicable[check] else "-"
        lines.append(
            f"{check:<{width}} {summary.applicable[check]:>10} {summary.missing[check]:>8} "
            f"{rate:>7}"
        )
    lines.append(f"{'jargon terms':<{width}} {summary.jargon_terms:>10}")
    if not_run:
        lines.append(f"not run (not selected, or ignored): {', '.join(not_run)}")
    worst = summary.worst_agents()
    if worst:
        heading = f"lowest-scoring agents ({RANKED_AGENT_REPLIES}+ replies)"
        lines += ["", f"{heading:<36} {'replies':>7} {'mean':>6}  most often missing"]
        for name, stats in worst:
            common = ", ".join(c for c, _ in stats.missing.most_common(2)) or "-"
            lines.append(f"{name[:36]:<36} {stats.replies:>7} {stats.mean_score:>6.1f}  {common}")
    unranked = sum(a.replies < RANKED_AGENT_REPLIES for a in summary.agents.values())
    if unranked:
        lines.append(
            f"({unranked} agent{'s' if unranked > 1 else ''} with fewer than "
            f"{RANKED_AGENT_REPLIES} replies not ranked; all are in --summary-json and the report)"
        )
    lines += _unassigned(summary)
    return "\n".join(
        [*lines, *_error_lines(summary), *_repeated_warning(summary), *_notes(summary)]
    )


def row_counts(summary: Summary) -> str:
    """The rows, split as every row falls: scored, not in English (checked, no score)
    when there are any, and errors; the counts add up to the rows."""
    other = f", not in English {summary.not_in_english:,}" if summary.not_in_english else ""
    return f"rows {summary.rows:,}, scored {summary.scored:,}{other}, errors {summary.errors:,}"


def mean_of(summary: Summary) -> str:
    """How many replies the mean describes, said when some rows are in another language
    (checked without a score), since the mean, percentiles and histogram are of fewer
    replies than were checked."""
    return english_replies(summary.scored, summary.not_in_english)


def english_replies(scored: int, not_in_english: int) -> str:
    """The words after a mean when ``not_in_english`` rows have no score ("of 88
    replies in English"); nothing when every checked reply was in English. Shared by ``score``'s
    summary, the report's page and ``report``'s one-line summary."""
    return f" of {counted(scored, 'reply', 'replies')} in English" if not_in_english else ""


def _unassigned(summary: Summary) -> list[str]:
    """The replies with no agent, on a line of their own under the agents: never ranked
    among them, never left out of sight."""
    stats = summary.unassigned
    if not stats.replies:
        return []
    common = ", ".join(c for c, _ in stats.missing.most_common(2))
    return [
        f"unassigned (empty agent cell): {stats.replies} repl{'ies' if stats.replies > 1 else 'y'}"
        f", mean {stats.mean_score:.1f}" + (f"; most often missing {common}" if common else "")
    ]


def _error_lines(summary: Summary) -> list[str]:
    """Why rows were not scored, most frequent first, each reason whole (wrapped, its
    count on its first line; each row's own message is in the output's ``error``
    field)."""
    if not summary.errors:
        return []
    lines = ["", f"{'rows not scored, by reason':<{_REASON_WIDTH}} {'rows':>7}"]
    for kind, count in summary.error_kinds.most_common():
        # wrapped, never cut: the end of a reason is often what to do about it
        wrapped = textwrap.wrap(kind, _REASON_WIDTH, subsequent_indent="  ", break_on_hyphens=False)
        first, *rest = wrapped or [""]
        lines.append(f"{first:<{_REASON_WIDTH}} {count:>7}")
        lines.extend(rest)
    lines.extend(f"note: {advice}" for advice in summary.error_advice())
    return lines


def worker_died_warning(summary: Summary) -> str | None:
    """The warning a run prints on stderr when rows hold no result because the worker
    process scoring them died each time (:data:`WORKER_DIED`); None when none did. A
    run that gave rows up so said nothing, and exited as one that went well."""
    if not summary.worker_died:
        return None
    rows = counted(summary.worker_died, "row")
    return (
        f"{rows} not scored: the worker process died each time it scored "
        f"{'it' if summary.worker_died == 1 else 'them'}; {_WORKER_DIED_HINT.partition(': ')[2]}"
    )


def worker_deaths_note(summary: Summary) -> str | None:
    """The note under the summary, and the warning on stderr, of a run whose worker
    processes died and were replaced (:attr:`Summary.worker_deaths`); None when none
    did. Replaced silently, they left a run whose workers the out-of-memory killer
    ended reading as one that went well, and nobody ran it with fewer workers."""
    deaths = summary.worker_deaths
    if not deaths:
        return None
    who = "a worker process died once" if deaths == 1 else f"worker processes died {deaths:,} times"
    they = "it" if deaths == 1 else "they"
    lost = (
        f", and the rows {they} died on each time were given up (their error says so)"
        if summary.worker_died
        else ", so no row was lost"
    )
    return (
        f"{who} during this run (killed from outside, e.g. by the out-of-memory killer, or "
        f"a crash) and {'was' if deaths == 1 else 'were'} replaced; every row {they} held was "
        f"scored again{lost}; if memory ran short (the kernel log says so: dmesg), score "
        "with fewer --jobs, as each worker holds a pipeline of its own (a smaller "
        "--chunk-size loses less work to each death)"
    )


def _repeated_warning(summary: Summary) -> list[str]:
    warning = repeated_ids_warning(summary)
    return ["", warning] if warning else []


def repeated_ids_warning(summary: Summary) -> str | None:
    """The warning line for ids used by more than one row; None when there are none."""
    repeated = summary.repeated_ids
    if not repeated.count:
        return None
    count = f"{repeated.count}" if repeated.complete else f"at least {repeated.count}"
    examples = ", ".join(repr(i) for i in repeated.examples)
    return (
        f"warning: ids used by more than one row: {count} (e.g. {examples}); results "
        "follow the input rows in order, so match them by position, not by id"
    )


def run_notes(summary: Summary) -> list[str]:
    """The lines under the summary that only the run can write, as it printed them: its
    notes on how the input was read (no agent column, an id or channel column under
    another name, ...) and the warning of repeated ids (counted against the input as
    read). The results hold neither, so the run record keeps them for ``report``, whose
    page a QA lead may read instead of the terminal. What the results do say (the
    advice on rows that failed, the jargon count) ``report`` works out from them."""
    warning = repeated_ids_warning(summary)
    return [*(f"note: {note}" for note in summary.notes), *([warning] if warning else [])]


def _notes(summary: Summary) -> list[str]:
    return ["", *(f"note: {note}" for note in summary.notes)] if summary.notes else []


def read_otherwise(summary: Summary) -> list[str]:
    """The lines under the summary's first that say which rows were not read as the
    others were: in another language (no score), chat transcripts checked whole (every
    speaker's turns scored as the reply), and the findings min-confidence hid. Worked
    out from the results, so ``report``'s page says them as ``score`` printed them."""
    return [*_other_language(summary), *_whole_transcripts(summary), *_hidden(summary)]


def _hidden(summary: Summary) -> list[str]:
    if not summary.below_confidence:
        return []
    return [
        f"findings below min-confidence: {counted(summary.below_confidence, 'finding')} on "
        f"{counted(summary.rows_below_confidence, 'row')} are not shown (each row's "
        "below_confidence counts them); the scores and the checks' missing rates count "
        "what they judge all the same"
    ]


def _whole_transcripts(summary: Summary) -> list[str]:
    if not summary.whole_transcripts:
        return []
    return [
        f"chat transcripts checked whole: {counted(summary.whole_transcripts, 'row')} whose "
        "labels are names alone and whose agent column names no speaker, so every "
        "speaker's turns were scored as the reply; name the column holding the agents' "
        "names with --agent-col, or label the turns with roles (see the rows' notices)"
    ]


def _other_language(summary: Summary) -> list[str]:
    if not summary.other_language:
        return []
    count = summary.not_in_english
    by_code = ", ".join(f"{code} {n:,}" for code, n in summary.other_language.most_common(5))
    return [
        f"not in English: {counted(count, 'row')} ({by_code}); only the checks that read them "
        "judge them (template_residue), so they have no score (empty in the results) and "
        "the mean, percentiles and agents leave them out"
    ]
