"""An export with a title line above its header ("Tickets export 2025-01-01", as some
report tools and sheets with a heading row save it). The title was read as the header,
and the advice was to name the text column, which then did not exist: the error now says
the first line looks like a title, and how to skip it."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.cli import main

HINT = "the first line holds one cell, 'Tickets export 2025-01-01': if it is a title"


@pytest.mark.parametrize(
    ("separator", "title"),
    [(",", "Tickets export 2025-01-01"), (";", "Tickets export 2025-01-01;;")],
)
@pytest.mark.parametrize("options", [[], ["--text-col", "reply"]])
def test_a_title_above_the_header_is_named_with_what_to_do(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    separator: str,
    title: str,
    options: list[str],
) -> None:
    path = tmp_path / "export.csv"
    rows = [title, f"id{separator}reply", f"1{separator}Your refund was sent today."]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code = main(["score", str(path), "--out", str(tmp_path / "out.jsonl"), *options])
    err = capsys.readouterr().err
    assert code == 2
    assert HINT in err and "tail -n +2" in err
    assert "pass --text-col" not in err  # (the advice that could not work)


def test_a_header_of_several_names_gets_no_title_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,body_html\n1,Your refund was sent today.\n", encoding="utf-8")
    assert main(["score", str(path), "--out", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "pass --text-col" in err and "title" not in err
