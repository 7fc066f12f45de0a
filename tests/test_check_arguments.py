"""How `replylint check` reads its command line as a support agent types it: files named
after an option, standard input named twice, a customer message typed as text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from replylint.cli import main

#: A reply whose only finding, rules alone, is the jargon "RMA".
REPLY = "Hi Ann,\n\nYour RMA ships today.\n\nThanks,\nSam\n"
RULES_ONLY = ["--isolated", "--model", "none"]


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(REPLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["a.txt", "--format", "jsonl", "b.txt"],
        ["a.txt", "--format", "jsonl", "b.txt", "--select", "jargon", "c.txt"],
        ["--format", "jsonl", "a.txt", "b.txt", "c.txt"],
    ],
    ids=["one-after-an-option", "two-after-options", "all-after-the-options"],
)
def test_files_named_after_an_option_are_all_checked(
    argv: list[str], drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`replylint check a.txt --format jsonl b.txt` stopped with "unrecognized arguments:
    b.txt", as if b.txt were an option, where ruff and git take files anywhere."""
    files = [a for a in argv if a.endswith(".txt")]
    assert main(["check", *argv, *RULES_ONLY]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["path"] for line in lines] == files


def test_an_unknown_option_after_a_file_is_still_refused(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", "a.txt", "--formt", "json", "b.txt", *RULES_ONLY])
    assert exited.value.code == 2
    assert "--formt" in capsys.readouterr().err


def test_standard_input_named_twice_is_a_usage_error(
    drafts: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second `-` read what the first left, nothing, and was reported as "reply
    standard input: is empty; write the reply in it", after the first one's report."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REPLY.encode())))
    assert main(["check", "-", "-", *RULES_ONLY]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "standard input" in captured.err and "once" in captured.err
    assert "\n" not in captured.err.strip()


def test_a_customer_message_typed_as_text_says_the_option_takes_a_file(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An agent who types the message itself read only "customer message My parcel came
    broken: no such file", as if a file of that name had gone missing."""
    typed = "My parcel came broken"
    assert main(["check", "a.txt", "--customer-message", typed, *RULES_ONLY]) == 2
    err = capsys.readouterr().err.strip()
    assert "no such file" in err and "--customer-message takes a file" in err, err
    assert "\n" not in err


def test_eval_reads_gold_files_named_after_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`replylint eval a.jsonl --model none b.jsonl` said "unrecognized arguments:
    b.jsonl"; eval and train take their files anywhere, as check does."""
    for name, greeting in (("a.jsonl", True), ("b.jsonl", False)):
        record = {
            "id": name,
            "channel": "email",
            "reply": "Hi Ann, your order ships today." if greeting else "Your order ships today.",
            "labels": {"greeting": greeting},
        }
        (tmp_path / name).write_text(json.dumps(record) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "a.jsonl", "--model", "none", "--isolated", "b.jsonl"]) == 0
    assert "2 records from a.jsonl, b.jsonl" in capsys.readouterr().out
