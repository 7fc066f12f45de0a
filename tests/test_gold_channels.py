"""The channels of gold records read as ``score`` reads an export's, a team's own names
too (``--channel-name``, the configuration's ``channel-names``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.evaluation import read_gold_files


def gold(tmp_path: Path, *channels: str) -> Path:
    path = tmp_path / "gold.jsonl"
    records = [
        {"id": f"T-{n}", "channel": channel, "reply": "Hi Sam, it ships today. Thanks, Jo",
         "labels": {"greeting": True}}
        for n, channel in enumerate(channels, 1)
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_teams_own_names_are_read_as_it_maps_them(tmp_path: Path) -> None:
    path = gold(tmp_path, "Kundenportal", "api")
    team = {"kunden portal": "chat", "API": "social"}
    assert [r.channel for r in read_gold_files([path], channel_names=team)] == ["chat", "social"]


def test_eval_reads_the_flag_and_the_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = gold(tmp_path, "Kundenportal")
    assert main(["eval", str(path), "--isolated", "--model", "none"]) == 2
    assert '--channel-name "Kundenportal=email"' in capsys.readouterr().err
    by_channel = ["--model", "none", "--by", "channel", "--format", "json"]
    flag = ["--channel-name", "Kundenportal=chat"]
    assert main(["eval", str(path), "--isolated", *by_channel, *flag]) == 0
    assert list(json.loads(capsys.readouterr().out)["by"]["groups"]) == ["chat"]
    config = tmp_path / ".replylint.toml"
    config.write_text('[channel-names]\n"Kundenportal" = "social"\n', encoding="utf-8")
    assert main(["eval", str(path), *by_channel]) == 0
    assert list(json.loads(capsys.readouterr().out)["by"]["groups"]) == ["social"]
    assert main(["eval", str(path), *by_channel, *flag]) == 0  # the flag over the file
    assert list(json.loads(capsys.readouterr().out)["by"]["groups"]) == ["chat"]
