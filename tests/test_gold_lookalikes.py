"""replylint's own output given to ``eval`` or ``train`` as gold is named for what it is,
with what they read instead. ``eval scores.jsonl`` said "reply: field required (and 1
more)", a ``check --format json`` report "not JSON" on its first line, score's CSV
results "no column holds the reply": none said that these are the linter's verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.evaluation import read_gold

EXPORT = [
    {"id": "q1", "agent": "nadia", "reply": "Hi Oskar, your spare key was posted today. Thanks!"},
    {"id": "q2", "agent": "tom", "reply": "Hello Ines, I have closed the duplicate account."},
    {"id": "q3", "agent": "nadia", "reply": ""},  # (an error row)
]
WANTED = 'eval and train read replies a person labelled: JSON lines, each {"id": ...'


def scored(tmp_path: Path, name: str) -> Path:
    export, out = tmp_path / "export.jsonl", tmp_path / name
    export.write_text("".join(json.dumps(row) + "\n" for row in EXPORT), encoding="utf-8")
    assert main(["score", str(export), "--out", str(out), "--jobs", "1", "--isolated"]) == 0
    return out


def checked(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str], files: int) -> Path:
    drafts = []
    for n in range(files):
        draft = tmp_path / f"draft{n}.txt"
        draft.write_text(f"Hi Ravi, draft {n}: the refund was sent today. Thanks!", "utf-8")
        drafts.append(str(draft))
    capsys.readouterr()
    main(["check", *drafts, "--format", fmt, "--isolated"])
    out = tmp_path / f"reports.{fmt}"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    return out


def refusal(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize("no_text", [False, True])
def test_scores_jsonl_is_said_to_be_score_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_text: bool
) -> None:
    scores = scored(tmp_path, "scores.jsonl")
    if no_text:  # (what `score --no-text` writes)
        results = [json.loads(line) for line in scores.read_text("utf-8").splitlines()]
        scores.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "text"})
                                  + "\n" for r in results), "utf-8")  # fmt: skip
    err = refusal(capsys, "eval", str(scores), "--isolated")
    assert 'line 1 (id "q1"): a result of `replylint score`, the linter\'s verdicts' in err
    assert WANTED in err and "field required" not in err


def test_a_row_score_could_not_score_is_said_to_be_its_result(tmp_path: Path) -> None:
    scores = scored(tmp_path, "scores.jsonl")
    failed = scores.read_text("utf-8").splitlines()[2]
    scores.write_text(failed + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r'line 1 \(id "q3"\): a result of `replylint score` '
                       "for a row it could not score"):  # fmt: skip
        list(read_gold(scores))


def test_scores_csv_is_said_to_be_score_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refusal(capsys, "eval", str(scored(tmp_path, "scores.csv")), "--isolated")
    assert "these are the CSV results of `replylint score`" in err and WANTED in err
    assert "no column holds the reply" not in err


@pytest.mark.parametrize(("fmt", "files", "said"), [
    ("json", 1, "scored/reports.json: a report of `replylint check --format json`"),
    ("json", 2, "scored/reports.json: this is the output of `replylint check --format json`"),
    ("jsonl", 2, "line 1: a report of `replylint check --format jsonl`"),
])  # fmt: skip
def test_check_reports_are_said_to_be_check_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, files: int, said: str
) -> None:
    folder = tmp_path / "scored"
    folder.mkdir()
    reports = checked(folder, fmt, capsys, files)
    err = refusal(capsys, "eval", str(reports), "--isolated")
    assert said in err and WANTED in err and "not JSON" not in err


def test_the_run_record_is_said_to_be_one_in_train_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "scores.jsonl.replylint-run.json"
    scored(tmp_path, "scores.jsonl")
    err = refusal(capsys, "train", str(record), "--out", str(tmp_path / "model"))
    assert "the run record `replylint score` keeps beside its results scores.jsonl" in err
    assert WANTED in err and not (tmp_path / "model").exists()


def test_gold_with_the_same_keys_is_read_as_gold(tmp_path: Path) -> None:
    """A gold record may carry other fields (an export's agent, a score); the reply and
    labels make it gold, and it is read as before."""
    gold = tmp_path / "gold.jsonl"
    record = {"id": "g1", "agent": "nadia", "reply": "Hi Oskar, the key is posted. Thanks!",
              "labels": {"greeting": True}}  # fmt: skip
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert [r.id for r in read_gold(gold)] == ["g1"]


@pytest.mark.parametrize("name", ["scores.parquet", "scores.bin"])
def test_score_parquet_results_are_said_to_be_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Named by their name or, renamed, by their first bytes; they said "cannot read it
    as UTF-8 text"."""
    results = scored(tmp_path, "scores.parquet").rename(tmp_path / name)
    for argv in (["eval", str(results)], ["train", str(results), "--out", str(tmp_path / "m")]):
        err = refusal(capsys, *argv)
        assert "this is a Parquet file, such as the results of `replylint score" in err
        assert WANTED in err and "UTF-8" not in err


@pytest.mark.parametrize(("module", "kind"), [("gzip", "gzip"), ("bz2", "bzip2"), ("lzma", "xz")])
def test_a_compressed_gold_file_is_said_to_be_compressed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], module: str, kind: str
) -> None:
    """`gzip -k gold.jsonl; replylint eval gold.jsonl.gz` said "cannot read it as UTF-8
    ('utf-8' codec can't decode byte 0x8b ...)", naming neither the cause nor the fix."""
    import importlib

    record = {"id": "g1", "reply": "Hi Oskar, the key is posted. Thanks!", "labels": {}}
    packed = tmp_path / "gold.jsonl.packed"
    opener = importlib.import_module(module).open
    with opener(packed, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    for argv in (["eval", str(packed)], ["train", str(packed), "--out", str(tmp_path / "m")]):
        err = refusal(capsys, *argv)
        assert f"it is compressed ({kind}); decompress it first" in err


@pytest.mark.parametrize(
    ("records", "said"),
    [
        ([{"id": "a", "reply": "Hi Dana.", "labels": {"greeting": True}}], "one JSON array"),
        ({"id": "a", "reply": "Hi Dana.", "labels": {"greeting": True}}, "one JSON object"),
    ],
)
def test_gold_pretty_printed_is_said_to_be_one_json_value_not_lines(
    tmp_path: Path, records: object, said: str
) -> None:
    """A labelling tool's export, pretty-printed, was "line 1: not JSON (Expecting value,
    column 2)", though the file is valid JSON."""
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    with pytest.raises(ValueError, match=f"{said} over .* lines, not JSON lines; each line"):
        list(read_gold(path))
