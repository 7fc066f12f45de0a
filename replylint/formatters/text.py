"""Human-readable output: each finding with its line, the flagged words underlined in
context, and the suggestion; colour only on a terminal (and never with NO_COLOR)."""

from __future__ import annotations

import re
import unicodedata

from replylint.formatters.outcome import hidden_note
from replylint.invisibles import escaped, invisible_class
from replylint.report import (
    CORE_CHECKS,
    LOWERED,
    NOT_ENABLED_REASON,
    SERVICE_CHECKS,
    CheckResult,
    Finding,
    Report,
    Severity,
)

_COLOURS = {Severity.error: "31", Severity.warning: "33", Severity.info: "36"}


#: C0 and C1 control characters (tab aside) and DEL: a reply must not be able to move
#: the agent's cursor, retitle the terminal or clear the screen when it is printed.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}

#: A subdivision flag (England's, Scotland's): the black flag, tag letters, a cancel tag.
#: Its tags are drawn as the flag, so the sequence is left as it is.
_TAG_FLAG = r"\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"


_INVISIBLE = re.compile(f"({_TAG_FLAG})|[{invisible_class()}]")


def _shown(match: re.Match[str]) -> str:
    flag = match.group(1)
    return flag if flag is not None else escaped(ord(match.group()))


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN`` escapes and invisible format
    characters as ``\\uNNNN`` ones."""
    return invisibles_shown(text.translate(_CONTROLS))


def invisibles_shown(text: str) -> str:
    """``text`` with its invisible format characters
    (:data:`replylint.invisibles.INVISIBLE_RANGES`) shown as ``\\uNNNN`` escapes, and every
    other character as it is: for output that keeps line breaks and tabs, as HTML does."""
    return _INVISIBLE.sub(_shown, text)


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if colour else text


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset. Lines end at ``\\n``, ``\\r\\n``
    or a lone ``\\r`` (an old Mac file's), as editors, the language server and the
    suppression directives count them."""
    start = _line_start(text, offset)
    if "\r" not in text:
        return text.count("\n", 0, offset) + 1, offset - start + 1
    breaks = text.count("\n", 0, offset) + text.count("\r", 0, offset)
    breaks -= text.count("\r\n", 0, offset)  # one line ending, not two
    return breaks + 1, offset - start + 1


def _line_start(text: str, offset: int) -> int:
    """Where the line holding ``offset`` begins."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _line_end(text: str, offset: int) -> int:
    """Where the line holding ``offset`` ends, before its line ending."""
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i != -1]
    return min(ends, default=len(text))


def format_finding(
    name: str, original: str, finding: Finding, colour: bool, *, lowered: bool = False
) -> list[str]:
    """The finding's lines; ``lowered``: the checks model reported it one severity below
    the rule's, which the line says (``explain`` and ``rules`` give the rule's severity,
    and a ``--fail-on error`` gate let such a "missing next step" pass unexplained)."""
    line, column = line_col(original, finding.start)
    severity = _paint(finding.severity.value, _COLOURS[finding.severity], colour)
    out = [f"{name}:{line}:{column}: {severity} [{finding.rule}] {printable(finding.message)}"]
    if finding.text:
        out.extend(_excerpt(original, finding, line, colour))
    if finding.suggestion:
        out.append(f"      suggestion: {printable(finding.suggestion)}")
    if lowered:
        out.append(f"      note: {LOWERED_NOTE}")
    return out


#: What a finding the checks model reported one severity lower says of it.
LOWERED_NOTE = (
    "one severity below the rule's: the checks model is unsure it is missing "
    "(--model none gives the rule's severity)"
)


#: How much of a long line is shown around a flagged span, in characters.
_EXCERPT = 200
#: How much of the line before the flagged words stays in view when the line is cut.
_LEAD = 60


def _excerpt(original: str, finding: Finding, line: int, colour: bool) -> list[str]:
    """The finding's line (cut to a window of ``_EXCERPT`` characters that holds the
    flagged words, with "…" where it was cut) and a ``^^^`` marker under those words.
    The line ends before its ``\\r`` in a CRLF reply (a Windows editor's, an e-mail's):
    that is the line ending, not a control character to show as ``\\x0d``. The marker is
    placed and sized by the columns a terminal draws (:func:`display_width`), and the
    line's tabs are expanded to spaces (:func:`expand_tabs`): placed by characters, it
    sat under a tab's blank or under the Chinese name before the words."""
    line_start = _line_start(original, finding.start)
    line_end = _line_end(original, finding.start)
    start = min(finding.start, line_end)
    end = min(finding.end, line_end)
    window_start = line_start
    if end - line_start > _EXCERPT:
        window_start = max(line_start, finding.start - _LEAD)
    window_end = min(line_end, max(window_start + _EXCERPT, end))
    head = "…" if window_start > line_start else ""
    tail = "…" if window_end < line_end else ""
    gutter = f"{line:>5} | "
    before, column = expand_tabs(head + printable(original[window_start:start]))
    flagged, flagged_end = expand_tabs(printable(original[start:end]), column)
    after, _ = expand_tabs(printable(original[end:window_end]) + tail, flagged_end)
    width = max(1, flagged_end - column)
    marker = " " * (len(gutter) - 2) + "| " + " " * column
    return [
        gutter + before + flagged + after,
        marker + _paint("^" * width, _COLOURS[finding.severity], colour),
    ]


#: Where a terminal's tab stops are: every 8 columns.
_TAB = 8


def expand_tabs(text: str, column: int = 0) -> tuple[str, int]:
    """``text`` with each tab replaced by the spaces to the next tab stop, when it begins
    at display ``column`` (0-based) of the quoted line, and the column where it ends.
    Unlike :meth:`str.expandtabs`, columns are counted by :func:`display_width`, so a tab
    after a Chinese name lands where the terminal would put it."""
    if "\t" not in text:
        return text, column + display_width(text)
    parts: list[str] = []
    for piece in re.split(r"(\t)", text):
        if piece == "\t":
            piece = " " * (_TAB - column % _TAB)
        parts.append(piece)
        column += display_width(piece)
    return "".join(parts), column


def display_width(text: str) -> int:
    """How many terminal columns ``text`` (without tabs or control characters) takes:
    2 for an East Asian Wide or Fullwidth character (a CJK ideograph, most emoji), 0 for
    a combining mark, a joiner (the ZWJ inside 👩‍💻), a variation selector, a format
    character (a subdivision flag's tags) and Hangul's conjoining vowels and finals, 1
    for any other, as ``wcwidth`` counts them."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf") or "\u1160" <= char <= "\u11ff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def format_report(
    name: str,
    original: str,
    report: Report,
    colour: bool,
    config: str | None = None,
    *,
    rules_run: tuple[int, int] | None = None,
) -> str:
    """The report's findings, then its summary line and notes. ``config``: the
    configuration file the reply was checked with, which the summary line ends with
    (``| config: billing/.replylint.toml``): once a line per file, not per finding, as
    a nested configuration replaces the one above it entirely, and which one governs a
    file was said nowhere. None (no file, or a caller that does not say) adds nothing.
    ``rules_run``: how many rules the configuration ran on the reply, of how many there
    are (:meth:`Linter.rules_run`); when some were left out, the score says it covers
    only those run."""
    lines: list[str] = []
    for finding in report.findings:
        verdict = report.checks.get(finding.check)
        lowered = (
            verdict is not None
            and not verdict.present
            and finding.rule == finding.check
            and (verdict.reason or "").endswith(LOWERED)
        )
        lines.extend(format_finding(name, original, finding, colour, lowered=lowered))
    lines.append(_summary(name, report, colour, rules_run, config))
    lines.extend(f"{name}: note: {notice}" for notice in report.notices)
    if report.below_confidence:
        lines.append(f"{name}: note: {hidden_note(report.below_confidence)}")
    unexpected = _why_no_apology(report)
    if unexpected is not None:
        lines.append(f"{name}: note: apology and empathy not expected: {unexpected}")
    return "\n".join(lines)


def _summary(
    name: str,
    report: Report,
    colour: bool,
    rules_run: tuple[int, int] | None,
    config: str | None,
) -> str:
    """The score and the checks' verdicts on one line. A check the configuration did not
    run (``select``, ``ignore``, the channel's profile) is listed apart, under "not run",
    as ``replylint score`` lists it: shown as "-", it read as a check that does not
    apply, and ``check --select jargon`` as a reply fully checked at 100/100. The line
    ends with the configuration file the reply was checked with, when there was one."""
    # (a reply in another language has no score: its note below says why)
    scored = f"{report.score}/100" if report.score is not None else f"n/a ({report.language})"
    if rules_run is not None and rules_run[0] < rules_run[1]:
        scored += f" ({rules_run[0]} of {rules_run[1]} rules run)"
    parts = [f"score {scored}"]
    marks = _marks(report, colour)
    if marks:
        parts.append(", ".join(f"{check}: {mark}" for check, mark in marks))
    not_run = [check for check in CORE_CHECKS if _not_run(report.checks[check])]
    if not_run:
        parts.append(f"not run: {', '.join(not_run)}")
    if report.suppressed:
        parts.append(f"{report.suppressed} suppressed")
    if config is not None:
        parts.append(f"config: {printable(config)}")
    return f"{name}: " + " | ".join(parts)


def _marks(report: Report, colour: bool) -> list[tuple[str, str]]:
    """Each check shown, with its verdict: every core check the configuration ran, and
    the further checks (a plugin's too) only when they fail."""
    marks = []
    for check in CORE_CHECKS:
        result = report.checks[check]
        if _not_run(result):
            continue
        if not result.applicable:
            mark = "-"
        elif result.optional and not result.present:
            mark = "optional"
        else:
            mark = _paint("ok", "32", colour) if result.present else _paint("missing", "31", colour)
        marks.append((check, mark))
    plugins = [check for check in report.checks if check not in (*CORE_CHECKS, *SERVICE_CHECKS)]
    for check in (*SERVICE_CHECKS, *plugins):
        # the further checks, and a plugin's, apply to few replies and are listed only
        # when they fail, so the line stays short (their verdicts are all in the JSON
        # report); a plugin's weighs in the score, so a failed one is named too
        service = report.checks.get(check)
        if service is not None and service.applicable and not service.present:
            mark = "optional" if service.optional else _paint("failed", "31", colour)
            marks.append((check, mark))
    return marks


def _not_run(result: CheckResult) -> bool:
    """Whether no rule of the run gave this verdict (the JSON's "rule not enabled")."""
    return not result.applicable and result.reason == NOT_ENABLED_REASON


def _why_no_apology(report: Report) -> str | None:
    """Why apology and empathy show "-" when a customer message was read: "-" alone
    looks the same for a message with nothing wrong and a problem the linter missed, so
    the line says what it read, for the agent to judge."""
    apology = report.checks.get("apology")
    reason = apology.reason if apology is not None and not apology.applicable else None
    return reason if reason is not None and reason.startswith("the customer message") else None
