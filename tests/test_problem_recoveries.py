"""A customer message saying a problem is over ("Thanks, it works again now!") reports
no problem: "again" is a problem word ("it crashed again"), and made apology and empathy
applicable to a reply answering good news, so a reply without an apology was marked
missing one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint import Linter
from replylint.cli import main

REPLY = "Hi Sam, glad to hear it. Have a great day!"


@pytest.mark.parametrize(
    "message",
    [
        "Thanks, it works again now!",
        "All good, the app is working again.",
        "Thanks again for your help yesterday.",
    ],
)
def test_a_problem_that_is_over_makes_no_apology_applicable(linter: Linter, message: str) -> None:
    report = linter.check(REPLY, customer_message=message)
    assert not report.checks["apology"].applicable
    assert not report.checks["empathy"].applicable
    assert report.checks["apology"].reason == "the customer message reports no problem"


def test_a_wish_that_it_worked_again_is_still_a_problem() -> None:
    rules_only = Linter({"model": "none"})
    message = "How can I get the scanner to work again? It has been dead since Monday."
    assert rules_only.check(REPLY, customer_message=message).checks["apology"].applicable


@pytest.mark.parametrize(
    ("message", "word"),
    [
        ("The app crashed again this morning.", "crashed"),
        ("It works again but it keeps logging me out.", "keeps"),
        ("I had to log in again and again.", "again"),
        ("It stopped working again!", "stopped working"),
    ],
)
def test_a_problem_word_beside_a_recovery_still_counts(
    linter: Linter, message: str, word: str
) -> None:
    report = linter.check(REPLY, customer_message=message)
    assert report.checks["apology"].applicable
    assert f'("{word}")' in report.checks["apology"].reason


def test_check_with_a_customer_message_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "customer.txt").write_text("Thanks, it works again now!\n", encoding="utf-8")
    (tmp_path / "reply.txt").write_text(REPLY + "\n", encoding="utf-8")
    main(["check", "--isolated", "--format", "json", "--customer-message", "customer.txt",
          "reply.txt"])  # fmt: skip
    checks = json.loads(capsys.readouterr().out)["checks"]
    assert not checks["apology"]["applicable"] and not checks["empathy"]["applicable"]
