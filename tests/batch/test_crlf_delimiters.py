"""Windows line endings (``\\r\\n``, as Excel writes CSV) do not hide a semicolon, tab
or pipe separator: the sniffer once took the ``\\r`` after a quoted last field for part
of the record, gave up, and the file was read as one column. ``score`` and ``eval``'s
scorecards find the separator with the same helper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.batch.readers import csv_delimiter, csv_table
from replylint.cli import main

ROWS = [
    ("k1", "lena", "Hi Omar, sorry the parcel is late. I will call you by Monday. Thanks, Lena"),
    ("k2", "yusuf", "Hello Bea; your refund reaches your card in 3 days. Thanks!"),
    ("k3", "yusuf", "Hi Carl,\nI have reset it; try again now.\nThanks, Yusuf"),
]


def export(tmp_path: Path, sep: str, newline: str) -> Path:
    lines = [sep.join(("id", "agent", "reply"))]
    lines += [sep.join((i, a, '"' + r.replace('"', '""') + '"')) for i, a, r in ROWS]
    path = tmp_path / "export.csv"
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return path


@pytest.mark.parametrize("sep", [";", "\t", "|", ","])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_the_separator_is_found_whatever_the_line_endings(
    tmp_path: Path, sep: str, newline: str
) -> None:
    source = export(tmp_path, sep, newline)
    assert csv_delimiter(source) == sep
    out = tmp_path / "scores.jsonl"
    assert main(["score", str(source), "--out", str(out), "--jobs", "1", "--isolated"]) == 0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["agent"], r["text"]) for r in results] == ROWS


def test_scorecards_read_the_same_file_the_same_way(tmp_path: Path) -> None:
    source = export(tmp_path, ";", "\r\n")
    header, *rows = csv_table(source)
    assert header.fields == ["id", "agent", "reply"]
    assert [tuple(r.fields) for r in rows] == ROWS


def test_a_header_that_was_not_split_suggests_its_own_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "semi.tsv"  # named .tsv, so read with tabs: one column
    source.write_text('id;agent;reply\n1;lena;"Hi Omar, done. Thanks"\n', encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    assert main(["score", str(source), "--out", str(out), "--isolated"]) == 2
    assert "pass --delimiter, e.g. --delimiter ';'" in capsys.readouterr().err


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_a_first_reply_longer_than_the_sample_does_not_hide_the_separator(
    tmp_path: Path, sep: str
) -> None:
    """The sniffer reads the first 64 KiB, cut after its last line break: with a first
    reply longer than that, broken after its greeting, the sample was the header and
    half a record, the sniffer gave up, and the file was read as one column ("cannot
    tell which column holds the reply text; pass --text-col")."""
    long = "Hi Raj,\n\n" + "We checked every order on your account; all arrived. " * 1500
    # (the reply before another column, as most help desks export it)
    lines = [sep.join(("id", "reply", "agent")), sep.join(("k0", f'"{long}"', "lena"))]
    lines += [sep.join((i, '"' + r.replace('"', '""') + '"', a)) for i, a, r in ROWS]
    source = tmp_path / "export.csv"
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    assert len(long) > 64 * 1024
    assert csv_delimiter(source) == sep
    out = tmp_path / "scores.jsonl"
    assert main(["score", str(source), "--out", str(out), "--jobs", "1", "--isolated"]) == 0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["agent"]) for r in results] == [("k0", "lena"), *(r[:2] for r in ROWS)]
