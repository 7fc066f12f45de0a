"""A finding as an LSP diagnostic: its message as ``replylint check`` prints it, its
range over the characters the finding is about."""

from __future__ import annotations

from lsprotocol import types

from replylint.lsp.diagnostics import finding_diagnostics
from replylint.lsp.positions import LineIndex
from replylint.report import Finding, Severity


def test_invisible_format_characters_in_a_message_are_shown_as_escapes() -> None:
    """A direction mark or bidirectional control quoted in a message would reorder the
    quoted words in the editor's list of problems: it is shown as its escape, an emoji's
    joiner is kept, and the range still counts the characters of the text."""
    text = "Hi Sam,\nYour \u200fRMA\u200e is ready."
    finding = Finding(
        rule="jargon",
        check="jargon",
        severity=Severity.warning,
        message='"\u200fRMA\u200e" may be jargon \U0001f469\u200d\U0001f4bb.',
        start=text.index("\u200f"),
        end=text.index(" is"),
        text="\u200fRMA\u200e",
        suggestion='Spell out "RMA\u202e".',
    )
    [published] = finding_diagnostics([finding], LineIndex(text))
    diagnostic = published.diagnostic
    assert diagnostic.message == (
        '"\\u200fRMA\\u200e" may be jargon \U0001f469\u200d\U0001f4bb.\n'
        'Suggestion: Spell out "RMA\\u202e".'
    )
    assert diagnostic.range == types.Range(
        start=types.Position(line=1, character=5), end=types.Position(line=1, character=10)
    )
    assert published.finding == finding
