"""GitHub Actions output: workflow commands that become annotations on the changed files.

GitHub reads ``::error file=...,line=...::message`` lines from a step's output and pins
them to the file and line in the pull-request diff, so reviewers see each finding where
it is. Values are escaped per the Actions toolkit (``%``, CR and LF everywhere; ``:`` and
``,`` also in properties), otherwise a message with a newline or a path with a comma
would cut the command short or be misparsed. A finding's message and suggestion quote the
reply's words, so their invisible format characters are shown as ``\\uNNNN`` escapes, as
in the text output: a bidirectional control or direction mark would otherwise reorder
the quoted words in the pull request. The file name is a path GitHub must match, and
stays as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint.formatters.json import Configs
from replylint.formatters.outcome import Outcome, Unchecked, hidden_note, suppressed_note
from replylint.formatters.text import invisibles_shown, line_col
from replylint.report import Finding, Severity

if TYPE_CHECKING:  # a type only: replylint.rule imports spaCy
    from replylint.rule import Rule

#: Annotation levels GitHub knows; it has no "info", "notice" is the quiet one.
_COMMANDS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (mirrors ``escapeData`` of @actions/core)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (mirrors ``escapeProperty`` of @actions/core)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_finding(name: str, original: str, finding: Finding) -> str:
    """One workflow command for one finding, positioned with 1-based line and column."""
    line, column = line_col(original, finding.start)
    end_line, end_column = line_col(original, finding.end)
    properties = {
        "file": name,
        "line": str(line),
        "col": str(column),
        "endLine": str(end_line),
        "endColumn": str(end_column),
        "title": finding.rule,
    }
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = finding.message
    if finding.suggestion:
        message += f" Suggestion: {finding.suggestion}"
    return f"::{_COMMANDS[finding.severity]} {props}::{escape_data(invisibles_shown(message))}"


def format_unchecked(unchecked: Unchecked) -> str:
    """An error annotation on the whole file (no line) for an input not checked."""
    return f"::error file={escape_property(unchecked.name)}::{escape_data(unchecked.error)}"


def format_reports(named: Sequence[Outcome], rules: Sequence[Rule], configs: Configs = None) -> str:
    """One command line per finding, inputs in order, then one notice per report notice
    and one for what directives and ``min_confidence`` left out; an input without
    findings or notices adds nothing (annotations are only for problems), one that
    could not be checked adds an error on the file. ``rules`` and ``configs`` are unused
    (uniform signature): an annotation is about a problem in the file, and one per file
    naming its configuration would clutter the pull request."""
    lines: list[str] = []
    for outcome in named:
        if isinstance(outcome, Unchecked):
            lines.append(format_unchecked(outcome))
            continue
        name, original, report = outcome
        lines.extend(format_finding(name, original, finding) for finding in report.findings)
        lines.extend(format_notice(name, notice) for notice in report.notices)
        left_out = left_out_note(report.suppressed, report.below_confidence)
        if left_out is not None:
            lines.append(format_notice(name, left_out))
    return "\n".join(lines)


def format_notice(name: str, notice: str) -> str:
    """A notice annotation on the whole file for a report's notice (a reply in another
    language, whose English-only checks were not applied; a chat transcript): without it
    such a file had no annotation at all, as if it had passed."""
    return f"::notice file={escape_property(name)}::{escape_data('replylint: note: ' + notice)}"


def left_out_note(suppressed: int, below_confidence: int) -> str | None:
    """What directives and ``min_confidence`` kept out of a file's annotations, in the
    text and SARIF output's words, as one notice (GitHub caps the annotations a step
    shows, so a file spends one); ``None`` when nothing was left out. Without it, a file
    whose every finding was hidden had no annotation, as if it had passed."""
    parts = []
    if suppressed:
        parts.append(suppressed_note(suppressed))
    if below_confidence:
        parts.append(hidden_note(below_confidence))
    return "; ".join(parts) or None
