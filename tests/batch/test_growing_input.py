"""An export appended to while it is scored (trust audit 5): its later rows were scored
too, while the run record kept the first read's count, and a later --resume was refused
for rows "when it was scored" it never had. The run now scores the rows it read, and
says the rest were left."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from replylint.batch import job as job_module
from replylint.cli import main
from replylint.config import RULES_ONLY


def rows(prefix: str, count: int) -> str:
    return "".join(
        json.dumps({"id": f"{prefix}{i}", "reply": "Thanks, Dana!"}) + "\n" for i in range(count)
    )


def test_rows_added_while_scoring_are_left_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(rows("t", 4), encoding="utf-8")
    made = job_module.job_record

    def record_then_grow(*args: Any, **kwargs: Any) -> dict[str, Any]:
        record = made(*args, **kwargs)
        with source.open("a", encoding="utf-8") as export:  # the exporter still writing
            export.write(rows("g", 3))
        return record

    monkeypatch.setattr(job_module, "job_record", record_then_grow)
    code = main(["score", str(source), "--out", str(out), "--model", RULES_ONLY, "--isolated",
                 "--jobs", "1", "--summary-json", str(tmp_path / "s.json")])  # fmt: skip
    assert code == 0
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["t0", "t1", "t2", "t3"]
    err = capsys.readouterr().err
    assert "grew while it was scored: the 3 rows added" in err and "--force" in err
    record = json.loads((tmp_path / "out.jsonl.replylint-run.json").read_text("utf-8"))
    assert record["cells"]["rows"] == record["written"]["rows"] == 4
    assert any("grew while" in n for n in json.loads((tmp_path / "s.json").read_text())["notes"])
