"""--resume goes by row position: repeated ids lose no row, the written part must be this
input's first rows (else the output is refused and left alone), and the summary covers
the whole output. Repeated ids are reported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from replylint.batch import ids as ids_module
from replylint.batch.ids import RepeatedIds
from replylint.batch.job import ScoreJob, run
from replylint.batch.run_record import record_path
from replylint.batch.writers import OutputError
from replylint.cli import main

REPLIES = [
    "Hi Dana, sorry about the delay. Your parcel arrives tomorrow. Thanks!",
    "Your RMA is approved. Let us know if you need anything.",
    "",
    "Hello! Please restart the app and try again.",
]


def write_jsonl(path: Path, ids: list[str | None]) -> Path:
    """One record per id (None: a record without an id), replies cycling through REPLIES."""
    records = [
        {"reply": REPLIES[n % 4], "agent": f"agent{n % 3}", **({"id": i} if i else {})}
        for n, i in enumerate(ids)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def output_ids(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as handle:
            return [row["id"] for row in csv.DictReader(handle)]
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def keep_first(path: Path, lines: int, torn: bool = True) -> None:
    """What a killed run leaves: the first lines, then maybe half of the next one."""
    text = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(text[:lines]) + (text[lines][:20] if torn else b""))


REPEATING = ["a", "b", "a", "c", "a", "b", "d", "e", "a", "f", "g", "b", "h", "i", "j"] * 2


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_resume_with_repeated_ids_loses_no_row_and_summarises_the_whole_output(
    tmp_path: Path, suffix: str
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", list(REPEATING))
    full, resumed = tmp_path / f"full.{suffix}", tmp_path / f"resumed.{suffix}"
    expected = run(ScoreJob(input=source, output=full))
    resumed.write_bytes(full.read_bytes())
    record_path(resumed).write_bytes(record_path(full).read_bytes())  # copied with it
    keep_first(resumed, 12)  # a CSV keeps its header and 11 rows
    summary = run(ScoreJob(input=source, output=resumed, resume=True))
    assert output_ids(resumed) == REPEATING
    assert resumed.read_bytes() == full.read_bytes()
    assert summary.as_dict() == expected.as_dict() and summary.rows == len(REPEATING)


def test_a_row_without_an_id_does_not_take_a_real_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Row 2 has no id: its id is "row 2", not "2", which row 1 has (the summary used
    to warn of a repeated id it had made itself); resuming finds it again."""
    source = write_jsonl(tmp_path / "in.jsonl", ["2", None, "x", "y"])
    out = tmp_path / "out.jsonl"
    assert main(["score", str(source), "--out", str(out), "--jobs", "1"]) == 0
    assert "warning: ids used by more than one row" not in capsys.readouterr().out
    keep_first(out, 1)
    summary = run(ScoreJob(input=source, output=out, resume=True))
    assert output_ids(out) == ["2", "row 2", "x", "y"]
    assert summary.repeated_ids.count == 0


def test_resume_refuses_the_output_of_another_input(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", ["a", "b", "c", "d"])
    other = write_jsonl(tmp_path / "other.jsonl", ["a", "x", "c", "d"])
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=first, output=out))
    keep_first(out, 3)
    before = out.read_bytes()
    with pytest.raises(OutputError, match=r"result 2 is for id 'b', but row 2 of .* has id 'x'"):
        run(ScoreJob(input=other, output=out, resume=True))
    assert out.read_bytes() == before  # the torn line too: nothing was touched


def test_resume_refuses_an_output_longer_than_the_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=write_jsonl(tmp_path / "long.jsonl", ["a", "b", "c"]), output=out))
    short = write_jsonl(tmp_path / "short.jsonl", ["a", "b"])
    with pytest.raises(OutputError, match="more results than"):
        run(ScoreJob(input=short, output=out, resume=True))


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("out.csv", "id,score\r\nr1,80\r\n", "its header is not the one"),
        ("out.jsonl", "garbage\n", "line 1 is not a result"),
        ("out.jsonl", '{"id": "a", "note": "mine"}\n', "line 1 is not a result"),
        ("out.jsonl", '{"id": "a", "schema_version": "0.1", "score": 5, "checks": {}, '
                      '"findings": []}\n', "report schema 0.1"),
        ("out.jsonl", '{"id": "a", "schema_version": "3.0", "score": 5, "checks": {}, '
                      '"findings": []}\n', "report schema 3.0, from a newer replylint (this "
                      "one reads schema 2.x and older): upgrade replylint to complete it"),
    ],
)  # fmt: skip
def test_resume_refuses_a_file_that_is_not_this_format_of_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, why: str
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", ["a", "b"])
    out = tmp_path / name
    out.write_bytes(content.encode())
    assert main(["score", str(source), "--out", str(out), "--resume", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert why in err and len(err.strip().splitlines()) == 1
    assert out.read_bytes() == content.encode()


def test_repeated_ids_are_counted_exactly_even_when_the_filter_is_saturated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a 64-bit filter every id soon looks seen; the second pass keeps the count
    exact."""
    monkeypatch.setattr(ids_module, "_BITS", 64)
    ids = [f"t{i}" for i in range(500)] + ["t7", "t7", "t300"]
    tracker = RepeatedIds()
    for row_id in ids:
        tracker.add(row_id)
    repeated = tracker.confirm(ids)
    assert (repeated.count, set(repeated.examples), repeated.complete) == (2, {"t7", "t300"}, True)


def test_unique_ids_are_not_reported_and_candidates_are_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unique = [f"ticket-{i}" for i in range(20_000)]
    tracker = RepeatedIds()
    for row_id in unique:
        tracker.add(row_id)
    assert tracker.confirm(unique).count == 0
    monkeypatch.setattr(ids_module, "_BITS", 64)
    monkeypatch.setattr(ids_module, "MAX_CANDIDATES", 10)
    capped = RepeatedIds()
    for row_id in unique[:100] * 2:
        capped.add(row_id)
    repeated = capped.confirm(unique[:100] * 2)
    assert repeated.count == 10 and not repeated.complete


def test_resume_refuses_an_input_changed_under_row_number_ids(tmp_path: Path) -> None:
    """Without an id column, ids are row numbers and match any rows: a reply added at the
    top would shift every row by one and mix results silently. The kept text tells."""
    source = write_jsonl(tmp_path / "in.jsonl", [None, None, None, None])
    out = tmp_path / "out.jsonl"
    run(ScoreJob(input=source, output=out))
    keep_first(out, 2)
    before = out.read_bytes()
    added = json.dumps({"reply": "Hi Sam, your new card is on its way."}) + "\n"
    source.write_text(added + source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(OutputError, match=r"result 1 \(id '1'\) holds another reply than row 1"):
        run(ScoreJob(input=source, output=out, resume=True))
    assert out.read_bytes() == before
