"""The words of the findings about directives: each says what is wrong in a sentence."""

from __future__ import annotations

from replylint import Linter, LinterConfig
from replylint.suppression import UNUSED_RULE


def test_an_unused_next_line_directive_says_nothing_on_that_line_is_reported() -> None:
    linter = Linter(LinterConfig(template=True, report_unused_suppressions=True))
    reply = "Hi Sam,\nreplylint: disable-next-line=jargon\nYour refund ships today.\nThanks!"
    [unused] = [f for f in linter.check(reply).findings if f.rule == UNUSED_RULE]
    assert unused.message == (
        'The suppression of "jargon" is unused: nothing on the next line is reported.'
    )
