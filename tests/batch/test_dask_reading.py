"""A JSONL file scored on a Dask cluster is read exactly as one process reads it, however
it is cut into partitions: fewer lines than partitions, very long lines, every kind of
line end, UTF-16 and UTF-32 with a byte-order mark, and a mark inside the file (two files
joined) all give byte-identical output.

The cutting itself is checked without a cluster, for many files and span sizes (reading
is cheap; scoring is not); the cluster runs check the whole path on the cases that broke.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("dask.distributed")

from dask.distributed import LocalCluster

import replylint.batch.cluster as cluster_module
from replylint.batch.cluster import run_on_cluster
from replylint.batch.columns import ColumnMap
from replylint.batch.job import ScoreJob, run
from replylint.batch.readers import JsonlSpan, jsonl_spans, read_jsonl_span, read_rows

COLUMNS = ColumnMap(text="reply", id="id", channel=None, customer=None, agent="agent")


def record(number: int, reply: str = "") -> str:
    reply = reply or f"Hi Dana, sorry for the wait: order {number} ships today. Thanks, Sam"
    return json.dumps({"id": f"T-{number}", "agent": "Sam", "reply": reply})


# Lines that test the reader: rows, blank and whitespace-only lines (no rows, but they
# count for line numbers), bad JSON, a line that starts with a byte-order mark (a second
# file joined on), non-ASCII text, and a line holding Unicode whitespace only.
LINES = [record(1), record(2, "Grüße, Zoë — we’re sorry! 👋"), "", "   ", "{not json",
         "\ufeff" + record(3), "[1, 2]", "\x1c", record(4, "a\u2028b")]  # fmt: skip
ENDINGS = ["\n", "\r\n", "\r"]
# How a file's text becomes bytes: UTF-8 with or without a mark, UTF-16 and UTF-32 with one.
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32": lambda text: text.encode("utf-32"),
}


def rows_by_spans(path: Path, span_bytes: int) -> list[object]:
    spans = jsonl_spans(path, span_bytes)
    # every span holds bytes, but an empty file's one span (a run needs a partition)
    assert all(span.end > span.start for span in spans) or spans == [JsonlSpan(0, 0)]
    assert [span.start for span in spans[1:]] == [span.end for span in spans[:-1]]
    assert spans[-1].end == path.stat().st_size
    return [row for span in spans for row in read_jsonl_span(path, span, COLUMNS)]


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=12),
    endings=st.lists(st.sampled_from(ENDINGS), min_size=12, max_size=12),
    last_ending=st.booleans(),
    encoding=st.sampled_from(sorted(ENCODINGS)),
    span_bytes=st.integers(min_value=1, max_value=400),
)
def test_spans_read_the_rows_the_whole_file_gives(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[str],
    endings: list[str],
    last_ending: bool,
    encoding: str,
    span_bytes: int,
) -> None:
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=False))
    if not last_ending:
        text = text.removesuffix(endings[len(lines) - 1])
    path = tmp_path_factory.mktemp("spans") / "replies.jsonl"
    path.write_bytes(ENCODINGS[encoding](text))
    assert rows_by_spans(path, span_bytes) == list(read_rows(path, "jsonl", COLUMNS))


def test_bytes_that_are_not_utf8_are_read_as_the_whole_file_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_bytes(b'{"reply": "caf\xe9 ok"}\r' + record(1).encode() + b"\n\xff\xfe\n")
    whole = list(read_rows(path, "jsonl", COLUMNS))
    assert len(whole) == 3 and whole[0].problem is not None
    for span_bytes in (1, 5, 30, 1000):
        assert rows_by_spans(path, span_bytes) == whole


def test_a_long_line_makes_a_span_of_its_own_and_numbering_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    lines = [record(1, "we ship it today. " * 6000), "", record(2), record(3)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spans = jsonl_spans(path, span_bytes=1000)
    # the second span starts on the blank line 2, whose next line holds row 2
    assert [(span.first_line, span.first_row) for span in spans] == [(1, 1), (2, 2)]
    assert rows_by_spans(path, 1000) == list(read_rows(path, "jsonl", COLUMNS))


# Scoring on a cluster: the cases the cutting got wrong, end to end.


FIVE = "\n".join(record(number) for number in range(1, 6)) + "\n"
JOINED = FIVE + "\ufeff" + FIVE  # `cat a.jsonl b.jsonl` of two files saved with a mark
CLUSTER_CASES = {
    "one line": (record(1), "utf-8", None),
    "two lines": ("\n".join([record(1), record(2)]) + "\n", "utf-8", None),
    # A partition per line: some have no rows at all.
    "blank lines": (record(1) + "\n" * 4 + record(2) + "\n \n", "utf-8", 1),
    "a long first line": (record(0, "we ship it today. " * 3000) + "\n" + FIVE, "utf-8", None),
    "carriage returns only": (FIVE.replace("\n", "\r"), "utf-8", None),
    "windows line ends": (FIVE.replace("\n", "\r\n"), "utf-8", None),
    "utf-16-le": (FIVE, "utf-16-le", None),
    "utf-16-be": (FIVE, "utf-16-be", None),
    "utf-8 mark at the start": (FIVE, "utf-8-bom", None),
    # A partition per line, so one starts right at the joined file's mark, which was
    # then silently dropped.
    "a mark inside the file": (JOINED, "utf-8", 1),
}


@pytest.mark.parametrize("case", list(CLUSTER_CASES))
def test_the_cluster_writes_what_one_process_writes(
    cluster: LocalCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    text, encoding, partition_bytes = CLUSTER_CASES[case]
    source = tmp_path / "replies.jsonl"
    source.write_bytes(ENCODINGS[encoding](text))
    if partition_bytes is not None:
        monkeypatch.setattr(cluster_module, "PARTITION_BYTES", partition_bytes)
    on_cluster, local = tmp_path / "cluster.jsonl", tmp_path / "local.jsonl"
    summary = run_on_cluster(ScoreJob(input=source, output=on_cluster), cluster.scheduler_address)
    expected = run(ScoreJob(input=source, output=local))
    assert on_cluster.read_bytes() == local.read_bytes()
    assert summary.as_dict() == expected.as_dict()
    rows = len([line for line in text.splitlines() if line.strip()])
    assert summary.rows == rows
    if case == "a mark inside the file":
        errors = [json.loads(line).get("error", "") for line in local.read_text().splitlines()]
        assert [error[:40] for error in errors if error] == [
            "line 6 starts with a byte-order mark (U+"
        ]


def test_an_empty_file_is_one_empty_span_that_reads_no_row(tmp_path: Path) -> None:
    """(Found by the property test above on CI: a file of one empty line and no line end
    is 0 bytes; it still needs one partition, which reads nothing, as the whole file.)"""
    path = tmp_path / "replies.jsonl"
    path.write_bytes(b"")
    assert rows_by_spans(path, 1) == list(read_rows(path, "jsonl", COLUMNS)) == []
