"""Spaces around an agent's name or an id, and agent names in another case: ``1, Sam ,...``
made an agent ``"Sam "`` counted apart from ``"Sam"`` (the CSV reader dropped the spaces
before a cell and kept those after it), and ``3 `` an id apart from ``3``."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from replylint.batch.html_report import write_html_report
from replylint.batch.job import ScoreJob, run
from replylint.batch.summary import Summary
from replylint.cli import main
from replylint.config import RULES_ONLY, ConfigError, LinterConfig

FAST = LinterConfig(model=RULES_ONLY)
REPLY = "Hi Dana, refund sent today. Thanks, Sam"


def results(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_an_agent_padded_with_spaces_is_the_same_agent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tester's export, from the command line to --summary-json."""
    source = tmp_path / "in.csv"
    source.write_text(f'id,agent,reply\n1, Sam ,"{REPLY}"\n2,Sam,Hi Bo\n', encoding="utf-8")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    argv = ["score", str(source), "--out", str(out), "--summary-json", str(summary)]
    assert main([*argv, "--model", RULES_ONLY, "--isolated", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert [r["agent"] for r in results(out)] == ["Sam", "Sam"]
    agents = json.loads(summary.read_text(encoding="utf-8"))["agents"]
    assert list(agents) == ["Sam"] and agents["Sam"]["replies"] == 2


def test_agents_are_trimmed_in_every_format_and_a_blank_one_is_unassigned(tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    lines = [
        {"id": "1", "agent": "\tKim ", "reply": REPLY},
        {"id": "2", "agent": "  ", "reply": REPLY},
    ]
    jsonl.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    parquet = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(lines), parquet)
    for source in (jsonl, parquet):
        out = tmp_path / f"{source.suffix[1:]}.jsonl"
        summary = run(ScoreJob(input=source, output=out, config=FAST))
        assert [r["agent"] for r in results(out)] == ["Kim", None], source
        assert set(summary.agents) == {"Kim"} and summary.unassigned.replies == 1


def test_a_csv_id_is_trimmed_at_both_ends_and_a_jsonl_id_kept_exactly(tmp_path: Path) -> None:
    """CSV has no string type and its reader drops the spaces after a separator, so an
    id's padding goes at both ends (``3 `` was an id apart from ``3``, and the repeat went
    unreported); a JSON string is kept as it is, so results join back to their records.
    An id of spaces alone is no id, in either."""
    source = tmp_path / "in.csv"
    source.write_text(
        f'id,reply\n 3 ,"{REPLY}"\n3,"{REPLY}"\n"4 ","{REPLY}"\n   ,"{REPLY}"\n', encoding="utf-8"
    )
    out = tmp_path / "csv.jsonl"
    summary = run(ScoreJob(input=source, output=out, config=FAST))
    assert [r["id"] for r in results(out)] == ["3", "3", "4", "row 4"]
    assert summary.repeated_ids.count == 1 and summary.repeated_ids.examples == ("3",)
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        json.dumps({"id": " 5 ", "reply": REPLY}) + "\n" + json.dumps({"id": " ", "reply": REPLY}),
        encoding="utf-8",
    )
    out = tmp_path / "jsonl.jsonl"
    run(ScoreJob(input=jsonl, output=out, config=FAST))
    assert [r["id"] for r in results(out)] == [" 5 ", "row 2"]


def test_a_broken_csv_records_id_is_trimmed_as_a_sound_ones_is(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f'id,reply\n 7 ,"{REPLY}",extra\n8,"{REPLY}"\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=source, output=out, config=FAST))
    assert [r["id"] for r in results(out)] == ["7", "8"]


def scored(agent: str, score: int) -> dict[str, object]:
    check = {"applicable": True, "present": score > 50}
    return {"id": f"r{score}", "agent": agent, "score": score, "checks": {"greeting": check},
            "findings": []}  # fmt: skip


def test_agent_names_that_differ_in_case_or_spacing_are_one_agent_named_as_first_written(
    tmp_path: Path,
) -> None:
    """An address typed by hand, or filled from a system that keeps its case, is one
    person's: ranked apart, each half would look better or worse than the person does.
    Each row keeps the name its export wrote; the summary, the page and --summary-json
    count them together under the first spelling."""
    rows = [scored("Ana@acme.io", 90), scored("ana@acme.io", 30), scored("Sam  Lee", 70),
            scored("sam lee ", 50), scored("Bo", 60)]  # fmt: skip
    summary = Summary()
    for row in rows:
        summary.add(row)
    assert {name: a.replies for name, a in summary.agents.items()} == {
        "Ana@acme.io": 2, "Sam  Lee": 2, "Bo": 1,
    }  # fmt: skip
    assert summary.agents["Ana@acme.io"].mean_score == 60
    assert summary.agents["Ana@acme.io"].missing["greeting"] == 1
    page = tmp_path / "report.html"
    write_html_report(rows, page)
    html = page.read_text(encoding="utf-8")
    assert "Ana@acme.io" in html and "ana@acme.io" not in html
    assert 'title="1 of 2 missing"' in html  # Ana: one row of the table, 1 of her 2 replies


def test_a_job_takes_its_configuration_as_a_mapping_and_its_paths_as_text(tmp_path: Path) -> None:
    """As :class:`Linter` does: ``config={"model": "none"}`` was a traceback deep in the
    run ("'dict' object has no attribute 'packs'"), and a bad field is told at once."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "reply": "Hi Sam, thanks for writing in."}) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run(ScoreJob(input=str(source), output=str(out), config={"model": "none"}))  # type: ignore[arg-type]
    assert summary.rows == 1 and out.exists()
    with pytest.raises(ConfigError, match="modle"):
        ScoreJob(input=source, output=out, config={"modle": "none"})  # type: ignore[arg-type]
