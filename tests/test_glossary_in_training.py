"""A team's glossary in `eval` and `train`: eval scores the linter as `check` runs it,
glossary applied; train learns the labels as given. Each says so, so that the jargon
figures of the two (and of eval --isolated) are not taken to disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.cli.options import UsageError

SIGNED = "\n\nThanks,\nSam"
REPLIES = [
    ("g1", "Hi Robin,\n\nYour RMA is approved and the label goes out today." + SIGNED, "RMA"),
    ("g2", "Hi Kai,\n\nThe ASN went to the depot; your parcel leaves tomorrow." + SIGNED, "ASN"),
]


def gold_folder(tmp_path: Path, glossary: str) -> Path:
    """A folder of labelled replies, with a configuration holding ``glossary``."""
    lines = [
        json.dumps({"id": id, "reply": reply, "labels": {"greeting": True, "jargon": [term]}})
        for id, reply, term in REPLIES
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / ".replylint.toml").write_text(f"[glossary]\n{glossary}", encoding="utf-8")
    return tmp_path / "gold.jsonl"


def test_eval_says_the_glossary_applies_to_the_jargon_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """eval applied the configuration's glossary without a word: RMA, which the labels
    flag and the glossary allows, counted as missed (recall 0.5 where --isolated gave
    1.0), and nothing told the two runs apart."""
    gold = gold_folder(tmp_path, 'allowed = ["RMA"]\n')
    assert main(["eval", str(gold), "--model", "none", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["jargon"]["recall"] == 0.5
    assert f"jargon is scored with the glossary of {tmp_path / '.replylint.toml'}" in err
    assert "the terms it allows (1) are never reported" in err
    assert "counts as missed" in err and "--isolated scores without it" in err
    assert main(["eval", str(gold), "--model", "none", "--format", "json", "--isolated"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["jargon"]["recall"] == 1.0
    assert "glossary" not in err


def test_eval_says_nothing_of_a_configuration_without_a_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = gold_folder(tmp_path, "")
    assert main(["eval", str(gold), "--model", "none"]) == 0
    assert "glossary" not in capsys.readouterr().err


def test_train_says_it_learns_without_the_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """train reads no configuration, so the glossary eval applies was left out of
    training without a word, and its held-out jargon figures differed from eval's."""
    from replylint.model import training

    def stop_here(*_: object, **__: object) -> None:
        raise UsageError("(the test stops before training)")

    monkeypatch.setattr(training, "train", stop_here)
    gold = gold_folder(tmp_path, 'banned = { "kindly" = "please" }\n')
    assert main(["train", str(gold), "--out", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert f"the glossary of {tmp_path / '.replylint.toml'} is not applied" in err
    assert "the jargon labels are learnt as given" in err
    (tmp_path / ".replylint.toml").write_text("[glossary\n", encoding="utf-8")  # broken
    assert main(["train", str(gold), "--out", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert "glossary" not in err and "(the test stops before training)" in err
