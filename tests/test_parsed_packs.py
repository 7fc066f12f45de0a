"""A pack's YAML is parsed once per text (replylint/parsed_packs.py), never at the cost
of a stale pack, a lost error or one linter's packs reaching another's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from replylint import Linter, LinterConfig, PackError, packs, parsed_packs
from replylint.packs import builtin_pack_paths, load_pack, parse_pack_yaml
from replylint.resources import data_dir

PACK = """
schema: replylint.pack/1
name: team
rules:
  - id: team.cold
    kind: existence
    check: tone
    message: 'Cold: "{match}".'
    rationale: r
    standard: s
    phrases: [per our policy]
    patterns:
      - [{LOWER: you}, {LOWER: {IN: [failed, forgot]}}]
"""


@pytest.fixture(autouse=True)
def _nothing_remembered() -> Iterator[None]:
    """Each test starts and ends with no text remembered (the snapshot stays)."""
    parsed_packs.forget()
    yield
    parsed_packs.forget()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the YAML parser is run on, from now on."""
    seen: list[str] = []

    def counting(text: str) -> object:
        seen.append(text)
        return parse_pack_yaml(text)

    monkeypatch.setattr(packs, "parse_pack_yaml", counting)
    return seen


def write(tmp_path: Path, text: str, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_snapshot_is_current() -> None:
    """The shipped snapshot holds every shipped pack, parsed from its text as it is now:
    after editing a pack, run ``python rules/build_parsed_packs.py``."""
    snapshot = json.loads((data_dir("rules") / parsed_packs.SNAPSHOT).read_text("utf-8"))
    expected = parsed_packs.snapshot_of(builtin_pack_paths(), parse_pack_yaml)
    assert sorted(snapshot["packs"]) == sorted(p.name for p in builtin_pack_paths())
    assert snapshot == expected, "rules/ changed: run python rules/build_parsed_packs.py"


def test_shipped_packs_are_not_parsed(parses: list[str]) -> None:
    for path in builtin_pack_paths():
        load_pack(path)
    assert parses == []


def test_read_pack_is_the_parsed_one(parses: list[str]) -> None:
    """The pack from the snapshot or from memory equals a parse of the YAML."""
    for path in builtin_pack_paths():
        text = path.read_text(encoding="utf-8")
        fresh = packs.Pack.model_validate(parse_pack_yaml(text))
        assert load_pack(path) == fresh
        assert load_pack(path).model_dump() == fresh.model_dump()
    assert parses == []


def test_user_pack_parsed_once_per_text(tmp_path: Path, parses: list[str]) -> None:
    path = write(tmp_path, PACK)
    first = load_pack(path)
    second = load_pack(path)
    assert first == second == packs.Pack.model_validate(yaml.safe_load(PACK))
    assert parses == [PACK]


def test_user_pack_edited_on_disk_is_read_again(tmp_path: Path, parses: list[str]) -> None:
    path = write(tmp_path, PACK)
    assert load_pack(path).rules[0].phrases == ["per our policy"]
    reply = "Hi Sam, as a rule we wait. Per our policy it takes a week."
    before = Linter(LinterConfig(packs=[path], model="none")).check(reply)
    write(tmp_path, PACK.replace("[per our policy]", "[as a rule]"))
    assert load_pack(path).rules[0].phrases == ["as a rule"]
    assert len(parses) == 2
    after = Linter(LinterConfig(packs=[path], model="none")).check(reply)
    assert [f.text for f in before.findings if f.rule == "team.cold"] == ["Per our policy"]
    assert [f.text for f in after.findings if f.rule == "team.cold"] == ["as a rule"]


def test_bad_pack_gives_its_error_every_time(tmp_path: Path, parses: list[str]) -> None:
    path = write(tmp_path, PACK)
    load_pack(path)
    write(tmp_path, PACK + "name: again\n")  # a key given twice: a parse error
    for _ in range(2):
        with pytest.raises(PackError, match="given twice"):
            load_pack(path)
    write(tmp_path, PACK.replace("kind: existence", "kind: existance"))  # a validation error
    for _ in range(2):
        with pytest.raises(PackError, match="kind"):
            load_pack(path)
    # the good text once, the bad YAML each time it was read, the YAML of the invalid pack
    # once (its data is kept: what fails is the validation, which runs every time)
    assert len(parses) == 4


def test_bad_pack_in_a_config_still_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, PACK.replace("check: tone", "check: Tone"))
    for _ in range(2):
        with pytest.raises(PackError, match=f"rule pack {path}: .*check"):
            Linter(LinterConfig(packs=[path]))


def test_loads_do_not_share_objects(tmp_path: Path) -> None:
    """Changing what one load returned (as a plugin might) changes no other load."""
    path = write(tmp_path, PACK)
    first = load_pack(path)
    first.rules[0].phrases.append("changed")
    first.rules[0].patterns[0][0]["LOWER"] = "changed"
    second = load_pack(path)
    assert second.rules[0].phrases == ["per our policy"]
    assert second.rules[0].patterns[0][0] == {"LOWER": "you"}
    shipped = builtin_pack_paths()[0]
    load_pack(shipped).lexicons.clear()
    assert load_pack(shipped).lexicons


def test_linters_of_different_configs_keep_their_own_packs(tmp_path: Path) -> None:
    team = write(tmp_path, PACK)
    with_team = Linter(LinterConfig(packs=[team], model="none"))
    plain = Linter(LinterConfig(model="none"))
    assert "team.cold" in with_team.rule_names.rule_ids
    assert "team.cold" not in plain.rule_names.rule_ids
    reply = "Hi Sam, per our policy you failed to send the form."
    assert any(f.rule == "team.cold" for f in with_team.check(reply).findings)
    assert not any(f.rule == "team.cold" for f in plain.check(reply).findings)
    plain.packs.read.add("only.plain")
    assert "only.plain" not in Linter(LinterConfig(packs=[team], model="none")).packs.read


def test_memory_is_bounded(tmp_path: Path) -> None:
    for i in range(parsed_packs.MAX_REMEMBERED + 5):
        load_pack(write(tmp_path, PACK.replace("per our policy", f"policy {i}")))
    assert len(parsed_packs._remembered) == parsed_packs.MAX_REMEMBERED


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        ({"a": [1, "x", None, True, 1.5]}, True),
        ({"b": 1, "a": 2}, True),
        ({1: "a number as a key"}, False),
        ({"when": __import__("datetime").date(2024, 1, 1)}, False),
        ({"x": float("nan")}, False),
    ],
)
def test_only_data_json_gives_back_exactly_is_kept(data: object, kept: bool) -> None:
    dumped = parsed_packs.as_json(data)
    assert (dumped is not None) is kept
    if dumped is not None:
        assert list(json.loads(dumped)) == list(data)  # type: ignore[call-overload]


def test_a_stale_snapshot_entry_is_never_used(tmp_path: Path, parses: list[str]) -> None:
    """A shipped pack's text with one line more (a comment: the same pack) is parsed, not
    read from the snapshot of the text it was."""
    shipped = builtin_pack_paths()[0]
    text = shipped.read_text(encoding="utf-8") + "# edited\n"
    path = write(tmp_path, text, shipped.name)
    assert load_pack(path) == load_pack(shipped)
    assert parses == [text]
