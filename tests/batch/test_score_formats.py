"""`replylint score`: every input format round-trips with rows out == rows in, in order,
with an `error` for rows that cannot be scored."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from replylint.batch.job import ScoreJob, run
from replylint.batch.writers import FLAT_COLUMNS
from replylint.cli import main

ROWS = [
    {"id": "a1", "agent": "sam", "channel": "email", "customer_message": "My parcel is late!",
     "reply": "Hi Dana, sorry about the delay. Your parcel arrives tomorrow. Thanks!"},
    {"id": "a2", "agent": "kim", "channel": "social", "customer_message": "",
     "reply": "Your RMA is approved. Let us know if you need anything."},
    {"id": "a3", "agent": "sam", "channel": "chat", "customer_message": "",
     "reply": ""},
    {"id": "a4", "agent": "kim", "channel": "fax", "customer_message": "",
     "reply": "Hello! Please restart the app."},
    {"id": "a5", "agent": "", "channel": "email", "customer_message": "",
     "reply": "<p>Hi Sam,</p><p>Please clear the cache &amp; restart.</p>"},
]  # fmt: skip


def write_input(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"export.{fmt}"
    if fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]))
            writer.writeheader()
            writer.writerows(ROWS)
    elif fmt == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    else:
        pq.write_table(pa.Table.from_pylist(ROWS), path)
    return path


@pytest.mark.parametrize("in_fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("out_fmt", ["jsonl", "csv", "parquet"])
def test_round_trip_rows_out_equal_rows_in(tmp_path: Path, in_fmt: str, out_fmt: str) -> None:
    source = write_input(tmp_path, in_fmt)
    out = tmp_path / f"scores.{out_fmt}"
    summary = run(ScoreJob(input=source, output=out))
    assert summary.rows == len(ROWS) and summary.errors == 2
    if out_fmt == "jsonl":
        results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif out_fmt == "csv":
        with open(out, encoding="utf-8", newline="") as handle:
            results = list(csv.DictReader(handle))
        assert list(results[0]) == list(FLAT_COLUMNS)
    else:
        results = pq.read_table(out).to_pylist()
    assert [r["id"] for r in results] == [r["id"] for r in ROWS]
    errors = (
        {r["id"]: r["error"] for r in results if r["error"]}
        if out_fmt != "jsonl"
        else {r["id"]: r["error"] for r in results if "error" in r}
    )
    assert set(errors) == {"a3", "a4"}
    assert "empty" in errors["a3"] and "channel" in errors["a4"]


def test_jsonl_results_follow_report_contract_with_id_and_agent(tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    run(ScoreJob(input=write_input(tmp_path, "jsonl"), output=out))
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["id"] == "a1" and first["agent"] == "sam"
    assert first["checks"]["apology"]["present"] and 0 <= first["score"] <= 100
    assert first["text"] == ROWS[0]["reply"]


def test_parallel_jobs_give_identical_output(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    source.write_text(
        "".join(json.dumps({**ROWS[i % 5], "id": f"r{i}"}) + "\n" for i in range(120)),
        encoding="utf-8",
    )
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(ScoreJob(input=source, output=one, jobs=1, chunk_size=7))
    run(ScoreJob(input=source, output=two, jobs=2, chunk_size=7))
    assert one.read_bytes() == two.read_bytes()


def test_undecodable_row_gets_an_error(tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_bytes(b"id,reply\nx1,Hi Sam thanks\nx2,caf\xe9 \xff broken\nx3,Hello there!\n")
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=source, output=out))
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["x1", "x2", "x3"]
    assert "UTF-8" in results[1]["error"] and "error" not in results[0]


def test_ids_default_to_row_numbers(tmp_path: Path) -> None:
    source = tmp_path / "noid.csv"
    source.write_text("body\nHi Sam, thanks!\nHello, please DM us.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=source, output=out))
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["1", "2"]


def test_missing_column_names_available_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_input(tmp_path, "csv")
    code = main(["score", str(source), "--out", str(tmp_path / "o.jsonl"), "--text-col", "nope"])
    err = capsys.readouterr().err
    assert code == 2 and "nope" in err and "customer_message" in err and "reply" in err


def test_cli_prints_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_input(tmp_path, "csv")
    assert main(["score", str(source), "--out", str(tmp_path / "o.csv"), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "rows 5, scored 3, errors 2" in out and "next_step" in out


def test_report_command_writes_html_from_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scores, html = tmp_path / "scores.jsonl", tmp_path / "report.html"
    assert (
        main(["score", str(write_input(tmp_path, "csv")), "--out", str(scores), "--jobs", "1"]) == 0
    )
    assert main(["report", str(scores), "--html", str(html)]) == 0
    assert "5 rows, 3 scored, 2 errors" in capsys.readouterr().out
    page = html.read_text(encoding="utf-8")
    assert 'id="score-histogram"' in page and 'id="missing-rates"' in page
    (tmp_path / "bad.jsonl").write_text('{"no": "fields"}\n', encoding="utf-8")
    assert main(["report", str(tmp_path / "bad.jsonl"), "--html", str(html)]) == 2


def test_score_reads_the_config_next_to_the_export(tmp_path: Path) -> None:
    """QA scores with the team's configuration: found from the input upwards, as `check`
    finds it; `--isolated` ignores it."""
    source = write_input(tmp_path, "jsonl")
    (tmp_path / ".replylint.toml").write_text(
        '[glossary]\nallowed = ["RMA"]\n\n[channels.social]\noptional = ["greeting"]\n',
        encoding="utf-8",
    )

    def social_row(*flags: str) -> dict[str, object]:
        out = tmp_path / f"scores{len(flags)}.jsonl"
        assert main(["score", str(source), "--out", str(out), "--jobs", "1", *flags]) == 0
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return next(r for r in rows if r["id"] == "a2")

    def rules(row: dict[str, object]) -> set[str]:
        return {f["rule"] for f in row["findings"]}  # type: ignore[attr-defined]

    assert not {"jargon", "greeting"} & rules(social_row())
    assert {"jargon", "greeting"} <= rules(social_row("--isolated"))
