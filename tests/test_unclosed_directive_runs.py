"""A long run of unclosed directive starts is read in linear time.

``"<!-- replylint: disable=greeting " * 3000`` with no ``-->`` holds no comment and no
directive: it is plain text (and one malformed directive), so every ``replylint:`` and
``disable=greeting`` in it is a jargon candidate. Each candidate's "repeated" feature
counted its term over the whole reply, once per candidate: 6,000 scans of 100 KB, the
super-linear step of such a reply. The work is measured as the characters those counts
scan, not as time, so the test does not depend on the machine.
"""

from __future__ import annotations

from typing import Any

import pytest

from replylint import Linter, LinterConfig
from replylint.model import terms_candidates

START = "<!-- replylint: disable=greeting "


class _CountingText(str):
    """The reply's region, counting the characters ``count`` scans."""

    scanned = 0

    def count(self, *args: Any) -> int:  # type: ignore[override]
        _CountingText.scanned += len(self)
        return super().count(*args)


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> Any:
    context = terms_candidates._Context

    def counting(**fields: Any) -> Any:
        fields["region"] = _CountingText(fields["region"])
        return context(**fields)

    monkeypatch.setattr(terms_candidates, "_Context", counting)

    def scanned_by(linter: Linter, reply: str) -> int:
        _CountingText.scanned = 0
        report = linter.check(reply)
        assert any(f.rule == "suppression.malformed" for f in report.findings)
        return _CountingText.scanned

    return scanned_by


def test_the_repeated_feature_of_a_run_of_directive_starts_is_linear(scanned: Any) -> None:
    long = Linter(LinterConfig(max_reply_chars=400_000))
    one = scanned(long, "Hi Dana,\n" + START * 1_000 + "\nThanks,\nSam")
    two = scanned(long, "Hi Dana,\n" + START * 2_000 + "\nThanks,\nSam")
    assert one > 0  # the candidates were counted: the measure measures something
    assert two < 2.5 * one, f"twice the input scanned {two / one:.1f} times as much"
