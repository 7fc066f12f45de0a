"""The shipped word lists are all alive and say each word once: every lexicon and pattern
list of rules/*.yaml is read by some rule, shared analysis or the normaliser, no lexicon
repeats an entry, and code compares a word-by-word lexicon only with single words."""

from __future__ import annotations

import pkgutil
import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest

from replylint import Finding, Linter, LinterConfig, PackError, Rule, normalize
from replylint.analysis import AnalyzedReply
from replylint.normalize import vocabulary
from replylint.pack_lists import ShippedLists
from replylint.packs import builtin_pack_paths, load_pack
from replylint.registry import discover_rule_classes
from replylint.resources import data_dir
from replylint.rule import RuleContext

PACKS = builtin_pack_paths()


def _key(entry: str) -> str:
    """An entry as matching sees it: case and runs of spaces do not matter."""
    return " ".join(entry.lower().split())


def test_every_shipped_lexicon_and_pattern_list_is_read() -> None:
    """A list no code reads (a tuner edits it and nothing changes) is a trap: building a
    linter with every rule must ask for each one. A team pack may extend exactly these
    (``replylint.pack_lists``), so this also keeps that promise."""
    linter = Linter(LinterConfig())  # every rule selected
    shipped = ShippedLists.of(linter.packs)
    assert shipped.lexicons and shipped.patterns, "no shipped lists found"
    assert sorted((shipped.lexicons | shipped.patterns) - linter.packs.read) == []


# runpy warns that the module it runs afresh is also imported: that is the point here.
@pytest.mark.filterwarnings("ignore:.*found in sys.modules:RuntimeWarning")
def test_every_normaliser_lexicon_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The normaliser's pack is read when its modules are imported, not by a linter: each
    module of replylint.normalize is run afresh (the imported ones stay as they are) and
    must ask, between them, for every lexicon of the pack."""
    asked: set[str] = set()
    shipped_lexicon = vocabulary.shipped_lexicon

    def recording(name: str) -> tuple[str, ...]:
        asked.add(name)
        return shipped_lexicon(name)

    monkeypatch.setattr(vocabulary, "shipped_lexicon", recording)
    for module in pkgutil.iter_modules(normalize.__path__, prefix="replylint.normalize."):
        runpy.run_module(module.name)
    pack = load_pack(data_dir("rules") / vocabulary.NORMALIZE_PACK)
    assert pack.lexicons and not pack.patterns and not pack.rules
    assert sorted(set(pack.lexicons) - asked) == []


@pytest.mark.parametrize("path", PACKS, ids=[p.name for p in PACKS])
def test_no_lexicon_repeats_an_entry(path: Path) -> None:
    pack = load_pack(path)
    repeated = {
        name: sorted({_key(e) for e in entries if [_key(x) for x in entries].count(_key(e)) > 1})
        for name, entries in pack.lexicons.items()
    }
    assert {name: words for name, words in repeated.items() if words} == {}


def test_a_word_lexicon_refuses_a_phrase(tmp_path: Path) -> None:
    """``next_step.commit_perfect`` is compared with one token at a time, so a phrase in
    it could never match: loading it is an error naming the pack and the entry, not a
    silently dead entry."""
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: team\n"
        'lexicons:\n  next_step.commit_perfect: ["followed up"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"team\.yaml.*'followed up' has several words"):
        Linter(LinterConfig(packs=[pack]))


def test_jargon_and_greeting_share_the_salutations(tmp_path: Path) -> None:
    """The name after a salutation is a name, not jargon, for every salutation the
    greeting check knows, including one a team adds: one list, not two copies."""
    reply = "Salut OLT, your order ships Monday."
    plain = Linter()
    assert "OLT" in {f.text for f in plain.check(reply).findings if f.check == "jargon"}
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: team\nlexicons:\n  greeting.salutations: [salut]\n",
        encoding="utf-8",
    )
    report = Linter(LinterConfig(packs=[pack])).check(reply)
    assert report.checks["greeting"].present
    assert not [f for f in report.findings if f.check == "jargon"]


def _team_pack(tmp_path: Path, lists: str) -> Path:
    pack = tmp_path / "team.yaml"
    pack.write_text(f"schema: replylint.pack/1\nname: team\n{lists}", encoding="utf-8")
    return pack


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        (
            "lexicons:\n  jargon.product_name: [acx]\n",
            r"lexicons\.jargon\.product_name: no rule reads .* did you mean "
            r"'jargon\.product_names'\?",
        ),
        (
            "lexicons:\n  Greeting.Salutations: [salut]\n",
            r"lexicons\.Greeting\.Salutations: .* did you mean 'greeting\.salutations'\?",
        ),
        ("lexicons:\n  acme.words: [acx]\n", r"lexicons\.acme\.words: no rule reads"),
        ("patterns:\n  tone.blam: [[{LOWER: x}]]\n", r"patterns\.tone\.blam: no rule reads"),
        (
            "lexicons:\n  signoff.valedictions: [cheerio]\n",
            r"lexicons\.signoff\.valedictions: .*normaliser.* a pack cannot extend it",
        ),
    ],
    ids=["misspelt", "capitalised", "own name", "pattern list", "normaliser's"],
)
def test_a_list_nothing_reads_is_refused(tmp_path: Path, lists: str, expected: str) -> None:
    """A team lexicon is merged into the shipped one of its name; under a name nothing
    reads it would change nothing, silently: an error naming the file and the list."""
    pack = _team_pack(tmp_path, lists)
    with pytest.raises(PackError, match=r"rule pack .*team\.yaml: " + expected):
        Linter(LinterConfig(packs=[pack]))


def test_a_list_of_an_unselected_rule_is_still_known(tmp_path: Path) -> None:
    """Which lists exist does not depend on the rules selected: ``jargon.product_names``
    is a list a team may extend even when only the greeting check runs, and
    ``jargon.product_name`` is still a misspelling."""
    pack = _team_pack(tmp_path, "lexicons:\n  jargon.product_names: [acx]\n")
    Linter(LinterConfig(packs=[pack], select=["greeting"]))
    misspelt = _team_pack(tmp_path, "lexicons:\n  jargon.product_name: [acx]\n")
    with pytest.raises(PackError, match=r"did you mean 'jargon\.product_names'"):
        Linter(LinterConfig(packs=[misspelt], select=["greeting"]))


class TeamListReader(Rule):
    """A third-party rule that reads a lexicon only its team's pack defines."""

    id = "acme_reader"
    standard = "none"
    rationale = "test only"

    def setup(self, context: RuleContext) -> None:
        self.words = context.packs.words("acme.words")

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        return iter(())


def test_a_plugin_rule_may_read_a_list_of_a_team_pack(tmp_path: Path) -> None:
    """A list that a third-party rule reads is read, even if no shipped pack has it;
    when that rule is not selected it might read it all the same: neither is refused."""
    pack = _team_pack(tmp_path, "lexicons:\n  acme.words: [acx]\n")
    rules = [*discover_rule_classes(), TeamListReader]
    linter = Linter(LinterConfig(packs=[pack]), rule_classes=rules)
    assert {r.id: r for r in linter.rules}["acme_reader"].words == {"acx"}  # type: ignore[attr-defined]
    Linter(LinterConfig(packs=[pack], select=["greeting"]), rule_classes=rules)


def test_the_normaliser_knows_every_salutation_the_greeting_check_does() -> None:
    """A greeting line stays its own sentence (``reflow.salutations``, read before any
    pack is known); a salutation only the greeting check knew would be joined to the line
    under it. Two lists, kept alike."""
    greeting = load_pack(data_dir("rules") / "greeting.yaml").lexicons["greeting.salutations"]
    reflow = vocabulary.shipped_lexicon("reflow.salutations")
    assert sorted(set(map(_key, greeting)) - set(map(_key, reflow))) == []
