"""A score run starts loading the language model beside the linter (about a second of
LZMA, on the second core) instead of stalling at its first terse or foreign row; the
rows then read the same with one job or with forked workers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint.batch import job
from replylint.cli import main

EXPORT = [
    {"id": "r1", "reply": "Hi Tomas, I have moved your delivery to Friday. Thanks, Mara"},
    {
        "id": "r2",
        "reply": "Bonjour Marie, merci pour votre message. Nous avons remboursé votre "
        "commande aujourd'hui et vous recevrez l'argent sous trois jours.",
    },
    {"id": "r3", "reply": "Hello Priya, the duplicate charge is refunded. Thank you!"},
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_score_run_loads_the_language_model_beside_the_linter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    started: list[str] = []
    real = job.load_in_background

    def recorded() -> Callable[[], None]:
        started.append("load")
        return real()

    monkeypatch.setattr(job, "load_in_background", recorded)
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in EXPORT), encoding="utf-8")
    assert main(["score", str(source), "--out", str(out), "--jobs", jobs, "--chunk-size", "1"]) == 0
    assert started == ["load"]
    results = {row["id"]: row for row in map(json.loads, out.read_text().splitlines())}
    assert [results[r]["language"] for r in ("r1", "r2", "r3")] == ["en", "fr", "en"]
