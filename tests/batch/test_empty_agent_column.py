"""A guessed agent column empty on every row (``Assignee``, beside a filled ``Author``)
left every reply unassigned with nothing to say which column to read instead; and
``report`` on those results said no result names an agent, where ``score`` had said
every reply was unassigned."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob, run
from replylint.cli import main
from replylint.config import RULES_ONLY, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
REPLY = "Hi Lena, your replacement card ships today. Thanks, Omar"
EMPTY_NOTE = (
    "the agent column 'Assignee' was empty on every row; 'Author' could be it: score "
    "again with --agent-col Author"
)


def export(tmp_path: Path, assignee: str = "") -> Path:
    source = tmp_path / "in.csv"
    source.write_text(
        f'id,reply,Assignee,Author\n1,"{REPLY}",{assignee},Omar\n2,"{REPLY}",,Ines\n',
        encoding="utf-8",
    )
    return source


def test_an_empty_guessed_agent_column_is_said_with_the_other(tmp_path: Path) -> None:
    summary = run(ScoreJob(input=export(tmp_path), output=tmp_path / "o.jsonl", config=FAST))
    assert summary.unassigned.replies == 2
    assert summary.as_dict()["notes"] == [EMPTY_NOTE]


def test_no_such_note_when_a_row_names_an_agent_or_the_column_was_asked_for(
    tmp_path: Path,
) -> None:
    filled = run(ScoreJob(input=export(tmp_path, "Sam"), output=tmp_path / "a.jsonl", config=FAST))
    assert filled.as_dict()["notes"] == []
    asked = ScoreJob(
        input=export(tmp_path), output=tmp_path / "b.jsonl", agent_col="Assignee", config=FAST
    )
    assert run(asked).as_dict()["notes"] == []


def test_a_resumed_run_says_it_too(tmp_path: Path) -> None:
    source, out = export(tmp_path), tmp_path / "o.jsonl"
    run(ScoreJob(input=source, output=out, config=FAST))
    out.write_text(out.read_text(encoding="utf-8").splitlines(keepends=True)[0], "utf-8")
    resumed = run(ScoreJob(input=source, output=out, resume=True, config=FAST))
    assert resumed.as_dict()["notes"] == [EMPTY_NOTE]


def test_the_cluster_says_it_too(cluster: object, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from replylint.batch.cluster import run_on_cluster

    address = cluster.scheduler_address  # type: ignore[attr-defined]
    job = ScoreJob(input=export(tmp_path), output=tmp_path / "o.jsonl", config=FAST)
    assert run_on_cluster(job, address).as_dict()["notes"] == [EMPTY_NOTE]


def test_the_report_counts_the_replies_unassigned_as_score_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, page = tmp_path / "o.jsonl", tmp_path / "r.html"
    args = ["score", str(export(tmp_path)), "--out", str(out), "--model", RULES_ONLY]
    assert main([*args, "--isolated", "--jobs", "1"]) == 0
    printed = capsys.readouterr().out
    assert "unassigned (empty agent cell): 2 replies" in printed
    assert f"note: {EMPTY_NOTE}" in printed
    assert main(["report", str(out), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Unassigned (empty agent cell): 2 replies" in html
    assert "The agent column &#x27;Assignee&#x27; was empty on every row" in html
    assert "No result names an agent" not in html


def test_the_report_without_a_run_record_says_no_result_names_an_agent(
    tmp_path: Path,
) -> None:
    out, page = tmp_path / "o.jsonl", tmp_path / "r.html"
    run(ScoreJob(input=export(tmp_path), output=out, config=FAST))
    out.with_name(out.name + ".replylint-run.json").unlink()
    assert main(["report", str(out), "--html", str(page)]) == 0
    assert "No result names an agent" in page.read_text(encoding="utf-8")
