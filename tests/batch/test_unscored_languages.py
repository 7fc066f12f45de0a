"""A reply not in English has no score: its English checks were not applied, so nothing
it lacks was counted, and the 100 it got read as a perfect reply to a QA team sorting or
averaging the ``score`` column. The score is null (an empty CSV cell, a Parquet null)
wherever a score is given, and the ``language`` column says why."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from replylint import Linter, LinterConfig
from replylint.batch.html_report import write_html_report
from replylint.batch.job import ScoreJob, run
from replylint.batch.writers import OutputError, iter_results
from replylint.cli import main
from replylint.report import SCHEMA_VERSION

FRENCH = (
    "Bonjour Inès, nous avons bien reçu votre colis retourné et le remboursement "
    "partira aujourd'hui même."
)
FRENCH_RESIDUE = (
    "Bonjour {{first_name}}, votre commande est partie ce matin et arrivera chez vous jeudi."
)
ENGLISH = "Hi Dana, sorry about the delay. Your parcel arrives tomorrow. Thanks!"
ENGLISH_BARE = "Your RMA is approved."
RULES = LinterConfig(model="none")


def test_the_library_gives_no_score_to_a_reply_in_another_language(linter: Linter) -> None:
    report = linter.check(FRENCH)
    assert report.language == "fr" and report.score is None
    assert json.loads(report.model_dump_json())["score"] is None
    assert report.schema_version == SCHEMA_VERSION == "2.1"  # null scores since 2.0
    # what does read it still reports, without a score made of it alone
    residue = linter.check(FRENCH_RESIDUE)
    assert residue.score is None and [f.check for f in residue.findings] == ["template_residue"]
    assert all(isinstance(linter.check(reply).score, int) for reply in (ENGLISH, ENGLISH_BARE))


def test_check_prints_no_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(FRENCH, encoding="utf-8")
    assert main(["check", str(draft), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["score"] is None
    assert main(["check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert f"{draft}: score n/a (fr) | greeting: -" in out and "looks like French" in out


def write_export(path: Path) -> None:
    rows = [("t1", ENGLISH, "kim"), ("t2", FRENCH, "kim"), ("t3", ENGLISH_BARE, "lou"),
            ("t4", FRENCH_RESIDUE, "lou")]  # fmt: skip
    path.write_text(
        "".join(json.dumps({"id": i, "reply": r, "agent": a}) + "\n" for i, r, a in rows),
        encoding="utf-8",
    )


def scored(path: Path) -> dict[str, tuple[Any, Any]]:
    """id -> (score, language), as the output file holds them."""
    if path.suffix == ".jsonl":
        results = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            results = list(csv.DictReader(handle))
    else:
        import pyarrow.parquet as pq

        results = pq.read_table(path).to_pylist()
    return {r["id"]: (r["score"], r["language"]) for r in results}


@pytest.mark.parametrize(("suffix", "none"), [(".jsonl", None), (".csv", ""), (".parquet", None)])
def test_score_leaves_the_score_of_a_reply_in_another_language_empty(
    tmp_path: Path, suffix: str, none: object
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / f"out{suffix}"
    write_export(source)
    summary = run(ScoreJob(input=source, output=out, config=RULES))
    found = scored(out)
    assert found["t2"] == (none, "fr") and found["t4"] == (none, "fr")
    english = [found["t1"][0], found["t3"][0]]
    assert all(score not in (None, "") for score in english)
    data = summary.as_dict()
    assert data["other_language"] == {"fr": 2}
    assert data["mean_score"] == sum(int(score) for score in english) / 2
    assert {name: agent["replies"] for name, agent in data["agents"].items()} == {
        "kim": 1,
        "lou": 1,
    }


def test_report_reads_results_without_a_score(tmp_path: Path) -> None:
    """``report`` took a result without an integer score for no result at all."""
    source, out, page = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "r.html"
    write_export(source)
    run(ScoreJob(input=source, output=out, config=RULES))
    assert len(list(iter_results(out))) == 4
    stats = write_html_report(iter_results(out), page)
    assert (stats.rows, stats.scored, stats.not_in_english) == (4, 2, 2)
    html = page.read_text("utf-8")
    assert '<span class="stat-value">2</span><span class="stat-label">Not in English' in html
    assert 'data-id="t2"' not in html and 'data-id="t3"' in html


def test_report_refuses_an_english_result_without_a_score(tmp_path: Path) -> None:
    scores = tmp_path / "scores.jsonl"
    result = {"id": "a", "agent": "kim", "schema_version": SCHEMA_VERSION, "language": "en",
              "score": None, "checks": {}, "findings": []}  # fmt: skip
    scores.write_text(json.dumps(result) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1 is not a result"):
        list(iter_results(scores))


def old_results(path: Path) -> None:
    """What replylint 1.x wrote for the export, its French rows scored 100."""
    write_export(path.with_name("in.jsonl"))
    run(ScoreJob(input=path.with_name("in.jsonl"), output=path, config=RULES))
    if path.suffix == ".csv":
        lines = path.read_text("utf-8").splitlines(keepends=True)
        lines[2] = lines[2].replace("t2,kim,,fr", "t2,kim,100,fr")
        path.write_text("".join(lines[:3]), encoding="utf-8")  # killed after row t2
    else:
        results = [json.loads(line) for line in path.read_text("utf-8").splitlines()][:2]
        for result in results:
            result.update(schema_version="1.4", score=result["score"] or 100)
        path.write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")


@pytest.mark.parametrize(
    ("suffix", "says"),
    [
        (".csv", "line 3 scores a reply not in English (fr), as an older replylint did"),
        (".jsonl", "line 1 has report schema 1.4, written by an older replylint"),
    ],
)
def test_resume_refuses_results_an_older_replylint_scored(
    tmp_path: Path, suffix: str, says: str
) -> None:
    """Appended to, the file would give some French replies 100 and others no score."""
    out = tmp_path / f"out{suffix}"
    old_results(out)
    before = out.read_bytes()
    with pytest.raises(OutputError, match=re.escape(says)) as refused:
        run(ScoreJob(input=tmp_path / "in.jsonl", output=out, resume=True,
                     config=RULES))  # fmt: skip
    assert "score again without --resume, into a new file or with --force" in str(refused.value)
    assert out.read_bytes() == before


def test_resume_completes_an_older_csv_without_a_reply_in_another_language(
    tmp_path: Path,
) -> None:
    """Its rows are what this replylint writes: nothing to refuse."""
    out = tmp_path / "out.csv"
    old_results(out)
    out.write_text("".join(out.read_text("utf-8").splitlines(keepends=True)[:2]), "utf-8")
    run(ScoreJob(input=tmp_path / "in.jsonl", output=out, resume=True, config=RULES))
    assert scored(out)["t2"] == ("", "fr")


def test_the_dask_frame_has_a_null_score(tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe")
    import pandas as pd

    from replylint.batch.cluster import score_dataframe

    frame = pd.DataFrame({"ticket": ["t1", "t2"], "body": [ENGLISH, FRENCH]}, dtype=object)
    out = score_dataframe(
        dd.from_pandas(frame, npartitions=1), text_col="body", id_col="ticket",
        config=None,
    ).compute(scheduler="synchronous")  # fmt: skip
    assert out["score"].isna().tolist() == [False, True]
    assert json.loads(out["result"].iloc[1])["score"] is None


def test_reports_one_line_says_how_many_replies_the_mean_is_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's mean card said "of 2 replies in English"; ``report``'s line on the
    terminal gave the mean alone, as if of every row."""
    source, out, page = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "r.html"
    write_export(source)
    run(ScoreJob(input=source, output=out, config=RULES))
    assert main(["report", str(out), "--html", str(page)]) == 0
    line = capsys.readouterr().out.strip()
    assert re.fullmatch(
        rf"{re.escape(str(page))}: 4 rows, 2 scored, 2 not in English, 0 errors; "
        r"mean score \d+\.\d of 2 replies in English",
        line,
    ), line
