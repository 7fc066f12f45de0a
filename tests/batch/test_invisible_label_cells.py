"""An agent cell holding only a zero-width space (U+200B), a word joiner (U+2060) or a
byte-order mark (U+FEFF) looks empty, as one holding a no-break space does, yet was
counted as an agent of its own; so were the characters around a name. Such a cell is
empty, for an id and a channel too, and they are trimmed around a label."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.labels import label_text
from replylint.batch.run_record import record_path
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
REPLY = "Hi Lena, your replacement card ships today. Thanks, Omar"


def results(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("cell", "label"),
    [
        ("\u200b", ""),
        ("\u2060 \ufeff", ""),
        ("\u00a0", ""),
        ("\ufeffAna\u2060", "Ana"),
        (" Sam\u200b Lee ", "Sam\u200b Lee"),  # inside a name: the name's own
        (None, ""),
    ],
)
def test_a_label_loses_what_cannot_be_seen_around_it(cell: str | None, label: str) -> None:
    assert label_text(cell) == label


def export(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "1", "agent": "\u200b", "channel": "\u2060", "reply": REPLY},
        {"id": "\ufeff", "agent": "\u00a0", "channel": "chat\u200b", "reply": REPLY},
        {"id": "3", "agent": "\ufeffOmar\u2060", "channel": "email", "reply": REPLY},
        {"id": "4", "agent": "Omar", "reply": REPLY},
    ]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return source


def test_an_invisible_agent_id_or_channel_is_empty(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run(ScoreJob(input=export(tmp_path), output=out, config=FAST))
    rows = results(out)
    assert [r["agent"] for r in rows] == [None, None, "Omar", "Omar"]
    assert [r["id"] for r in rows] == ["1", "row 2", "3", "4"]
    assert [r.get("channel") for r in rows] == ["email", "chat", "email", "email"]
    assert summary.errors == 0
    assert summary.unassigned.replies == 2 and list(summary.agents) == ["Omar"]


def test_a_resumed_run_reads_them_as_one_run_does(tmp_path: Path) -> None:
    source = export(tmp_path)
    whole, resumed = tmp_path / "whole.jsonl", tmp_path / "resumed.jsonl"
    expected = run(ScoreJob(input=source, output=whole, config=FAST)).as_dict()
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    resumed.write_text("".join(lines[:2]), encoding="utf-8")
    record_path(resumed).write_bytes(record_path(whole).read_bytes())  # copied with it
    resuming = ScoreJob(input=source, output=resumed, resume=True, config=FAST)
    assert run(resuming).as_dict() == expected
    assert resumed.read_bytes() == whole.read_bytes()


def test_the_cluster_reads_them_as_score_does(
    same_on_the_cluster: Callable[[Path, LinterConfig], Path], tmp_path: Path
) -> None:
    same_on_the_cluster(export(tmp_path), FAST)


def test_a_resumed_output_written_before_agents_were_trimmed_reads_as_one_run_does(
    tmp_path: Path,
) -> None:
    """Results written before the readers trimmed labels hold the agent cells as they
    were: resuming one was refused as "another agent", and its summary (``report`` too)
    counted U+200B as an agent and "\\u200eOmar" as another than "Omar"."""
    source = export(tmp_path)
    whole, resumed = tmp_path / "whole.jsonl", tmp_path / "resumed.jsonl"
    expected = run(ScoreJob(input=source, output=whole, config=FAST)).as_dict()
    earlier = results(whole)[:3]
    for result, as_written in zip(earlier, ["\u200b", "\u00a0", "\ufeffOmar\u2060"], strict=True):
        result["agent"] = as_written
    resumed.write_text("".join(json.dumps(r) + "\n" for r in earlier), encoding="utf-8")
    record_path(resumed).write_bytes(record_path(whole).read_bytes())  # copied with it
    resuming = ScoreJob(input=source, output=resumed, resume=True, config=FAST)
    assert run(resuming).as_dict() == expected
    assert results(resumed)[:3] == earlier  # the earlier rows are kept as they were
    assert results(resumed)[3] == results(whole)[3]


def test_a_summary_counts_an_agent_as_its_label_reads() -> None:
    from replylint.batch.summary import Summary

    summary = Summary()
    for agent in ("\u200b", "\u200e\u2060", "\u200eOmar", "Omar\u200f", "omar"):
        summary.add({"id": "1", "agent": agent, "score": 90, "checks": {}, "findings": []})
    assert list(summary.agents) == ["Omar"] and summary.agents["Omar"].replies == 3
    assert summary.unassigned.replies == 2

    invisible_only = Summary()
    invisible_only.add({"id": "1", "agent": "\u200b", "error": "empty reply"})
    assert not invisible_only.named_agents
