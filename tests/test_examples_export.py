"""The bundled ticket export scores as the README shows."""

from __future__ import annotations

import json
from pathlib import Path

from replylint.batch.job import ScoreJob, run

EXPORT = Path(__file__).resolve().parent.parent / "examples" / "exports" / "tickets.csv"


def test_example_export_scores(tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    summary = run(ScoreJob(input=EXPORT, output=out))
    assert (summary.rows, summary.scored, summary.errors) == (7, 6, 1)
    results = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert results["t-1007"]["error"] == "empty reply"
    assert results["t-1001"]["checks"]["closing_thanks"]["present"]
    # both are in the annotation guide's own example: "RMA" strict, "tier-2" lenient
    assert [f["text"] for f in results["t-1003"]["findings"] if f["check"] == "jargon"] == [
        "RMA",
        "tier-2",
    ]
