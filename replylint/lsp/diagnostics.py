"""A report's findings as LSP diagnostics, its notices as information diagnostics, and
the one diagnostic that says a document could not be checked at all.

Each diagnostic carries the rule id as its ``code`` (what hover explains and the quick
fix disables) and ``source = "replylint"``; the message is the finding's message with its
suggestion on a second line, as ``replylint check`` prints them: its invisible format
characters shown as ``\\uNNNN`` escapes, so a direction mark or bidirectional control in
the quoted words cannot reorder them in the editor's list of problems (the range, not
the message, points at the characters themselves).
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from replylint.formatters.outcome import hidden_note
from replylint.formatters.text import invisibles_shown
from replylint.lsp.positions import LineIndex
from replylint.report import Finding, Severity

SOURCE = "replylint"
#: The code of the diagnostic for a document that could not be checked.
SETUP_CODE = "replylint.setup"
#: The code of a diagnostic that carries one of the report's notices.
NOTICE_CODE = "replylint.notice"
#: The code of the diagnostic for a file the pre-commit hook cannot read as saved.
SAVED_CODE = "replylint.saved"

SEVERITIES = {
    Severity.error: types.DiagnosticSeverity.Error,
    Severity.warning: types.DiagnosticSeverity.Warning,
    Severity.info: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Published:
    """One diagnostic sent for a document, with the finding it came from (None for the
    "could not check" diagnostic), for hover and code actions."""

    diagnostic: types.Diagnostic
    finding: Finding | None


def finding_diagnostics(findings: list[Finding], index: LineIndex) -> list[Published]:
    """The diagnostics of ``findings``, ranges converted with ``index`` (built over the
    text that was checked, in the client's position encoding)."""
    return [Published(_diagnostic(finding, index), finding) for finding in findings]


def _diagnostic(finding: Finding, index: LineIndex) -> types.Diagnostic:
    message = finding.message
    if finding.suggestion:
        message = f"{message}\nSuggestion: {finding.suggestion}"
    return types.Diagnostic(
        range=types.Range(start=_position(index, finding.start), end=_position(index, finding.end)),
        message=invisibles_shown(message),
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        source=SOURCE,
    )


def _position(index: LineIndex, offset: int) -> types.Position:
    line, character = index.position(offset)
    return types.Position(line=line, character=character)


def notice_diagnostics(notices: list[str], below_confidence: int = 0) -> list[Published]:
    """One information diagnostic on the document's first line per notice of its report
    (a reply in another language, whose English-only checks were not applied; the blank
    pipeline), and one for the findings the configuration's ``min-confidence`` hid
    (``below_confidence``), as ``replylint check`` prints them under the file's score:
    without them, a macro the checks did not read, or whose findings the threshold hid,
    showed no problem at all, as if it had passed."""
    if below_confidence:
        notices = [*notices, hidden_note(below_confidence)]
    start = types.Position(line=0, character=0)
    return [
        Published(
            types.Diagnostic(
                range=types.Range(start=start, end=start),
                message=f"replylint: note: {notice}",
                severity=types.DiagnosticSeverity.Information,
                code=NOTICE_CODE,
                source=SOURCE,
            ),
            None,
        )
        for notice in notices
    ]


def setup_diagnostic(message: str, *, error: bool = True) -> Published:
    """The one diagnostic, on the document's first line, saying why it was not checked
    (a configuration error, a reply the linter refuses, a failure of replylint itself)."""
    start = types.Position(line=0, character=0)
    diagnostic = types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"replylint could not check this file: {message}",
        severity=types.DiagnosticSeverity.Error if error else types.DiagnosticSeverity.Warning,
        code=SETUP_CODE,
        source=SOURCE,
    )
    return Published(diagnostic, None)


def saved_diagnostic(message: str) -> Published:
    """The error diagnostic, on the document's first line, saying that the file as saved
    is one the pre-commit hook refuses (not UTF-8): the text the editor decoded was
    checked all the same, so the findings beside it are still the macro's."""
    start = types.Position(line=0, character=0)
    diagnostic = types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=SAVED_CODE,
        source=SOURCE,
    )
    return Published(diagnostic, None)


def contains(range_: types.Range, position: types.Position) -> bool:
    """Is ``position`` within ``range_``, both ends included (so an empty range, a
    missing element, can be hovered at all)?"""
    here = (position.line, position.character)
    return (
        (range_.start.line, range_.start.character)
        <= here
        <= (range_.end.line, range_.end.character)
    )


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Do two ranges share a position (ends included)?"""
    return contains(a, b.start) or contains(a, b.end) or contains(b, a.start)
