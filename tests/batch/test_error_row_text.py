"""An error row of JSONL output carries its reply text, as a scored row does, whenever
the reply was read: the README promises each row its text, and a row refused for its
channel or its length is the one a QA lead has to read to fix."""

from __future__ import annotations

import json
from pathlib import Path

from replylint.batch.job import ScoreJob, run
from replylint.config import RULES_ONLY, LinterConfig


def score(tmp_path: Path, *, keep_text: bool = True) -> list[dict[str, object]]:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,channel,reply,customer_message\n"
        'a1,email,"Hi Ana, your refund is on its way. Thanks, Lee",Where is my refund?\n'
        'a2,fax,"Hi Bo, the parcel left our depot today. Thanks, Lee",Any news?\n'
        'a3,email,"   ",Hello?\n',
        encoding="utf-8",
    )
    source.write_bytes(source.read_bytes() + b'a4,email,"Hi Cy, caf\xe9 vouchers sent.",x\n')
    out = tmp_path / "scores.jsonl"
    config = LinterConfig(model=RULES_ONLY)
    run(ScoreJob(input=source, output=out, keep_text=keep_text, config=config, jobs=1))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_an_error_row_whose_reply_was_read_carries_it(tmp_path: Path) -> None:
    rows = {str(row["id"]): row for row in score(tmp_path)}
    assert "unknown channel 'fax'" in str(rows["a2"]["error"])
    assert rows["a2"]["text"] == "Hi Bo, the parcel left our depot today. Thanks, Lee"
    assert rows["a2"]["customer_message"] == "Any news?"
    assert rows["a3"]["error"] == "empty reply" and rows["a3"]["text"] == "   "
    # a reply that could not be read (not UTF-8) has no text to carry
    assert "not valid UTF-8" in str(rows["a4"]["error"]) and "text" not in rows["a4"]


def test_no_text_leaves_it_out_of_error_rows_too(tmp_path: Path) -> None:
    assert not any("text" in row for row in score(tmp_path, keep_text=False))
