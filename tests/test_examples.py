"""The bundled example drafts behave as the README says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main

DRAFTS = Path(__file__).resolve().parent.parent / "examples" / "drafts"
CUSTOMER = str(DRAFTS / "customer_message.txt")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_needs_work_draft_fails_with_missing_step(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, str(DRAFTS / "needs_work.txt"), "--customer-message", CUSTOMER)
    assert code == 1
    assert not report["checks"]["next_step"]["present"]
    assert "RMA" in [f["text"] for f in report["findings"] if f["check"] == "jargon"]


def test_good_draft_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, str(DRAFTS / "good.txt"), "--customer-message", CUSTOMER)
    assert code == 0 and report["score"] == 100


def test_html_macro_with_placeholders(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, str(DRAFTS / "macro.html"), "--template")
    assert code == 0
    assert report["checks"]["greeting"]["present"] and report["checks"]["closing_thanks"]["present"]
    assert not [f for f in report["findings"] if f["check"] == "jargon"]


def test_html_macro_jargon_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    path = DRAFTS / "macro_jargon.html"
    _, report = run_json(capsys, str(path))
    original = path.read_text(encoding="utf-8")
    (finding,) = [f for f in report["findings"] if f["check"] == "jargon"]
    assert original[finding["start"] : finding["end"]] == finding["text"] == "RMA"
