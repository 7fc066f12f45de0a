"""A rule plugin written from the README works as written: what ``self.finding`` takes
as the words it points at, the word lists a plugin ships itself (a team pack extends
them), and the confidence its findings carry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from replylint import Linter, PluginError, Rule
from replylint.analysis import AnalyzedReply
from replylint.registry import discover_rule_classes
from replylint.report import Finding
from replylint.rule import RuleContext

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


class ShoutingWithExceptions(Plugin):
    """Reports words in capitals, but for those its own list (a team pack extends it)
    allows, read as the README's "Adding a check" reads a lexicon."""

    id = "acme.shouting_exceptions"

    def setup(self, context: RuleContext) -> None:
        self._allowed = context.packs.words("acme.shouting_exceptions", default=["asap"])

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        for token in reply.doc:
            if token.is_upper and len(token) >= 4 and token.lower_ not in self._allowed:
                yield self.finding(reply, f'"{token.text}" reads as shouting.', token)


def test_a_plugin_ships_its_own_word_list() -> None:
    """With no pack of its own among replylint's, a plugin reading its list made every
    command fail, `replylint rules` included, until the user loaded a pack defining it."""
    linter = _linter(ShoutingWithExceptions)
    found = linter.check("Hi Dana, PLEASE reply ASAP. Thanks!").findings
    assert [f.text for f in found] == ["PLEASE"]


def test_a_team_pack_extends_a_plugins_word_list(tmp_path: Path) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: team\nlexicons:\n  acme.shouting_exceptions: [please]\n",
        encoding="utf-8",
    )
    linter = Linter(
        {"model": "none", "select": ["acme.shouting_exceptions"], "packs": [str(pack)]},
        rule_classes=[*discover_rule_classes(), ShoutingWithExceptions],
    )
    assert linter.check("Hi Dana, PLEASE reply ASAP. Thanks!").findings == []


def test_a_plugin_reading_a_list_nothing_defines_is_told_how_to_ship_it() -> None:
    class Reader(Plugin):
        id = "acme.reader"

        def setup(self, context: RuleContext) -> None:
            context.packs.words("acme.words")

    with pytest.raises(PluginError) as error:
        _linter(Reader)
    assert str(error.value).endswith(
        "no rule pack loaded defines the lexicon 'acme.words'; load the pack that does "
        "(--pack PATH, or packs in the config file), or have the rule give its own "
        "(default=[...] where it reads the lexicon)"
    )


def test_a_default_that_is_one_string_is_refused() -> None:
    """Iterated, "asap" would have been a lexicon of four letters."""

    class OneString(Plugin):
        id = "acme.one_string"

        def setup(self, context: RuleContext) -> None:
            context.packs.words("acme.words", default="asap")

    with pytest.raises(PluginError, match=r"a list of words, not the string 'asap'"):
        _linter(OneString)


def test_rules_without_a_config_file_says_to_make_one_to_leave_a_plugin_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said `in .replylint.toml` where there was none, as if one had been read."""
    import replylint.linter
    from replylint.cli import main

    class Reader(Plugin):
        id = "acme.reader"

        def setup(self, context: RuleContext) -> None:
            context.packs.words("acme.words")

    builtins = discover_rule_classes()
    monkeypatch.setattr(replylint.linter, "discover_rule_classes", lambda: [*builtins, Reader])
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    assert (
        capsys.readouterr()
        .err.rstrip()
        .endswith('leave its rule out with ignore = ["acme.reader"] in a new .replylint.toml here')
    )


def test_a_plugins_findings_are_not_surer_than_a_pack_rules() -> None:
    """A plugin's own findings defaulted to 1.0, its "missing" ones to 0.9: the README
    says an unmeasured rule's findings carry 0.9, so `min-confidence = 0.95` drops them."""
    (finding,) = _linter(ShoutingTokens).check(SHOUTING).findings
    assert finding.confidence == 0.9
    strict = Linter(
        {"model": "none", "select": ["acme.shouting"], "min_confidence": 0.95},
        rule_classes=[*discover_rule_classes(), ShoutingTokens],
    )
    report = strict.check(SHOUTING)
    assert (report.findings, report.below_confidence) == ([], 1)
