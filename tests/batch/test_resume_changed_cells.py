"""``--resume`` refuses an input whose rows already scored changed their agent (the
summary would credit the old agent) or, where the output keeps the text, their customer
message (what the reply was judged against), as it refuses a changed reply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.writers import OutputError

ROWS = [
    {"id": "t1", "agent": "inge", "customer_message": "My invoice is wrong.",
     "reply": "Hi Pia, sorry about the invoice; I have corrected it. Thanks, Inge"},
    {"id": "t2", "agent": "marek", "customer_message": "Where is my order?",
     "reply": "Hello Sam, your order left today and arrives Friday. Thanks, Marek"},
    {"id": "t3", "agent": "inge",
     "reply": "Hi Lou, your account is unlocked now. Thanks, Inge"},
]  # fmt: skip


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def first_line_only(out: Path) -> bytes:
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]))  # a CSV keeps its header and one row
    return out.read_bytes()


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_changed_agent_is_refused(tmp_path: Path, suffix: str) -> None:
    source = write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / f"scores.{suffix}"
    run(ScoreJob(input=source, output=out))
    kept = first_line_only(out)
    write(source, [{**ROWS[0], "agent": "jonas"}, *ROWS[1:]])
    with pytest.raises(OutputError, match=r"result 1 \(id 't1'\) holds another agent"):
        run(ScoreJob(input=source, output=out, resume=True))
    assert out.read_bytes() == kept


@pytest.mark.parametrize("message", ["My invoice is still wrong.", None])
def test_a_changed_customer_message_is_refused_where_the_text_is_kept(
    tmp_path: Path, message: str | None
) -> None:
    source = write(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=out))
    kept = first_line_only(out)
    changed = {k: v for k, v in ROWS[0].items() if k != "customer_message"}
    if message is not None:
        changed["customer_message"] = message
    write(source, [changed, *ROWS[1:]])
    with pytest.raises(OutputError, match="holds another customer message than row 1"):
        run(ScoreJob(input=source, output=out, resume=True))
    assert out.read_bytes() == kept


def test_the_same_rows_resume(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", ROWS)
    full, out = tmp_path / "full.jsonl", tmp_path / "scores.jsonl"
    run(ScoreJob(input=source, output=full))
    run(ScoreJob(input=source, output=out))
    first_line_only(out)
    run(ScoreJob(input=source, output=out, resume=True))
    assert out.read_bytes() == full.read_bytes()
