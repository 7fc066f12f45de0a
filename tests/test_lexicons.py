"""The shipped word lists are all alive and say each word once: every lexicon and pattern
list of rules/*.yaml is read by some rule or shared analysis, no lexicon repeats an
entry, and code compares a word-by-word lexicon only with single words."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter, LinterConfig, PackError
from replylint.packs import PackSet, builtin_pack_paths, load_pack

PACKS = builtin_pack_paths()


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
    shipped = {name for _, pack in linter.packs.packs for name in pack.lexicons} | {
        name for _, pack in linter.packs.packs for name in pack.patterns
    }
    assert shipped, "no shipped lists found"
    assert sorted(shipped - asked) == []


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
