"""A rule plugin written from the README works as written: what ``self.finding`` takes
as the words it points at, the word lists a plugin ships itself (a team pack extends
them), and the confidence its findings carry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from replylint import Linter, PluginError, Rule
from replylint.analysis import AnalyzedReply
from replylint.registry import discover_rule_classes
from replylint.report import Finding

SHOUTING = "Hi Dana, PLEASE wait. Thanks!"


class Plugin(Rule):
    """A third-party rule's metadata; each test's rule says what it reports."""

    id = "acme.plugin"
    standard = "Stay calm"
    rationale = "A test plugin."

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield from ()


def _linter(*plugins: type[Rule]) -> Linter:
    return Linter({"model": "none", "select": [p.id for p in plugins]},
                  rule_classes=[*discover_rule_classes(), *plugins])  # fmt: skip


class ShoutingTokens(Plugin):
    """Reports each word in capitals by its token, as a rule walking ``reply.doc`` has it."""

    id = "acme.shouting"

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        for token in reply.doc:
            if token.is_upper and len(token) >= 4:
                yield self.finding(reply, f'"{token.text}" reads as shouting.', token)


def test_a_finding_may_point_at_a_token() -> None:
    """A token was unpacked as a (start, end) pair, and the plugin failed on every reply
    with "argument after * must be an iterable, not spacy.tokens.token.Token"."""
    (finding,) = _linter(ShoutingTokens).check(SHOUTING).findings
    assert (finding.text, finding.start, finding.end) == ("PLEASE", 9, 15)


class ShoutingWrongly(Plugin):
    """Gives the token's text where the words it points at belong."""

    id = "acme.shouting_text"

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        for token in reply.doc:
            if token.is_upper and len(token) >= 4:
                yield self.finding(reply, "Shouting.", token.text)  # type: ignore[arg-type]


def test_a_span_of_another_type_is_refused_naming_the_types_taken() -> None:
    with pytest.raises(PluginError) as error:
        _linter(ShoutingWrongly).check(SHOUTING)
    assert "rule plugin 'acme.shouting_text'" in str(error.value)
    assert (
        "TypeError: a finding's span is a spaCy Span or Token of reply.doc, a (start_char, "
        "end_char) pair of ints into the analysed text, or None for something missing; got "
        "str 'PLEASE'" in str(error.value)
    )
