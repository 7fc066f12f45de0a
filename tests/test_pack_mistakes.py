"""Mistakes in a rule pack that were accepted silently, each now one error naming the
pack and what to change: a key given twice, a pack with nothing in it, a swap to the
same word, a rule named like a directive, a message of several lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import PackError
from replylint.cli import main
from replylint.packs import load_pack

HEAD = "schema: replylint.pack/1\nname: team\n"
RULE = """  - id: {id}
    kind: {kind}
    check: {check}
    severity: error
    message: '"{{match}}" is not our word.'
    rationale: The team agreed.
    standard: Plain words
{body}
"""


def rule(
    id_: str = "team.x",
    kind: str = "existence",
    check: str = "tone",
    body: str = "    phrases: [module]",
) -> str:
    return RULE.format(id=id_, kind=kind, check=check, body=body)


def refusal(tmp_path: Path, text: str) -> str:
    """The one-line error loading a pack of ``text``, which names the pack."""
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(path)
    message = str(error.value)
    assert message.startswith(f"rule pack {path}: ") and "\n" not in message
    return message.removeprefix(f"rule pack {path}: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD + "rules:\n" + rule("team.a") + "rules:\n" + rule("team.b"),
            "line 12: the key 'rules' is given twice in one mapping (first on line 3); keep one",
        ),
        (
            HEAD + "rules:\n" + rule() + "    severity: info\n",
            "line 12: the key 'severity' is given twice in one mapping (first on line 7)",
        ),
        (
            HEAD + "lexicons:\n  jargon.allowed: [SSO]\n  jargon.allowed: [RMA]\n",
            "line 5: the key 'jargon.allowed' is given twice",
        ),
        (
            HEAD + "rules:\n" + rule(kind="substitution", body="    swap: {a: b, a: c}"),
            "line 11: the key 'a' is given twice in one mapping (first on line 11)",
        ),
        (HEAD + "name: other\n", "line 3: the key 'name' is given twice"),
    ],
    ids=["rules", "severity", "lexicon", "flow swap", "top level"],
)
def test_a_key_given_twice_is_refused_naming_its_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    """YAML keeps the last silently: a second ``rules:`` dropped every rule above it, a
    second ``severity:`` replaced the first."""
    assert expected in refusal(tmp_path, text)


def test_a_key_given_twice_is_one_line_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text(HEAD + "rules:\n" + rule() + "    severity: info\n", encoding="utf-8")
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Dana, the module is fixed. Thanks!", encoding="utf-8")
    assert main(["check", str(reply), "--isolated", "--pack", str(pack)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"replylint: error: rule pack {pack}: line 12: the key 'severity' is given twice "
        "in one mapping (first on line 7); keep one"
    )
