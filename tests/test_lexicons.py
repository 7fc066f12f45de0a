"""The shipped word lists are all alive and say each word once: every lexicon and pattern
list of rules/*.yaml is read by some rule, shared analysis or the normaliser, no lexicon
repeats an entry, and code compares a word-by-word lexicon only with single words."""

from __future__ import annotations

import pkgutil
import runpy
from pathlib import Path

import pytest

from replylint import Linter, LinterConfig, PackError, normalize
from replylint.normalize import vocabulary
from replylint.packs import PackSet, builtin_pack_paths, load_pack
from replylint.resources import data_dir

PACKS = builtin_pack_paths()
#: The pack whose lexicons the normaliser reads (checked by its own test below).
NORMALIZER_PACK = "normalize"


def _key(entry: str) -> str:
    """An entry as matching sees it: case and runs of spaces do not matter."""
    return " ".join(entry.lower().split())


def test_every_shipped_lexicon_and_pattern_list_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A list no code reads (a tuner edits it and nothing changes) is a trap: building a
    linter with every rule must ask for each one."""
    asked: set[str] = set()
    lexicon, pattern_list = PackSet.lexicon, PackSet.pattern_list

    def recording_lexicon(self: PackSet, name: str) -> tuple[str, ...]:
        asked.add(name)
        return lexicon(self, name)

    def recording_patterns(self: PackSet, name: str) -> tuple[list[dict[str, object]], ...]:
        asked.add(name)
        return pattern_list(self, name)

    monkeypatch.setattr(PackSet, "lexicon", recording_lexicon)
    monkeypatch.setattr(PackSet, "pattern_list", recording_patterns)
    linter = Linter(LinterConfig())  # every rule selected
    rule_packs = [pack for _, pack in linter.packs.packs if pack.name != NORMALIZER_PACK]
    shipped = {name for pack in rule_packs for name in pack.lexicons} | {
        name for pack in rule_packs for name in pack.patterns
    }
    assert shipped, "no shipped lists found"
    assert sorted(shipped - asked) == []


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
