"""A customer message saying a problem is over ("Thanks, it works again now!") reports
no problem: "again" is a problem word ("it crashed again"), and made apology and empathy
applicable to a reply answering good news, so a reply without an apology was marked
missing one."""

from __future__ import annotations

import json
import time
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
        # "still" and "issue" are problem words ("it still crashes"), "update" one the
        # problem model leans on: a problem that is over, or none, is neither
        "It still works after the update, just wanted to say.",
        "it still works",
        "No issue anymore, thanks.",
        "no problems any more with the sync",
        "It no longer crashes since I reinstalled.",
        "it doesnt crash anymore",
        "It works now after the update.",
        # the problem model read "works fine" and "update" as a problem's words (0.79)
        "It works fine after the update.",
        "the app now works perfectly, thanks",
    ],
)
def test_a_problem_that_is_over_makes_no_apology_applicable(linter: Linter, message: str) -> None:
    report = linter.check(REPLY, customer_message=message)
    assert not report.checks["apology"].applicable
    assert not report.checks["empathy"].applicable
    assert report.checks["apology"].reason == "the customer message reports no problem"


def test_a_wish_that_it_worked_again_is_still_a_problem(rules_only: Linter) -> None:
    message = "How can I get the scanner to work again? It has been dead since Monday."
    assert rules_only.check(REPLY, customer_message=message).checks["apology"].applicable


@pytest.mark.parametrize(
    ("message", "word"),
    [
        ("The app crashed again this morning.", "crashed"),
        ("It works again but it keeps logging me out.", "keeps"),
        ("I had to log in again and again.", "again"),
        ("It stopped working again!", "stopped working"),
        ("It still doesn't work after the update.", "still"),
        ("It still works but the sync fails every night.", "fails"),
        ("Still waiting for my refund.", "Still"),
        ("It's not working anymore.", "not working"),
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


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("When I turn it on the screen goes black after a second.", "goes black"),
        ("A stone cracked my windscreen. How do I get it fixed?", "get it fixed"),
    ],
)
def test_a_problem_said_without_a_problem_word_of_old(
    rules_only: Linter, message: str, words: str
) -> None:
    """Found, before, by the "still" of "everything still works" beside them."""
    apology = rules_only.check(REPLY, customer_message=message).checks["apology"]
    assert apology.applicable and f'("{words}")' in (apology.reason or "")


@pytest.mark.parametrize(
    ("message", "cut"),
    [
        ("It works fine after the update.", "works fine after"),
        ("Everything works great since the reinstall", "works great since"),
        ("It's working fine again, thanks", "working fine again"),
    ],
)
def test_the_problem_model_reads_a_message_without_its_recovery(
    rules_only: Linter, message: str, cut: str
) -> None:
    problems = rules_only.analyze(REPLY, customer_message=message)
    text = problems.analyses.problems.model_text(message)
    assert cut not in text and text == message.replace(cut, " " * len(cut))


@pytest.mark.parametrize(
    "message",
    [
        # what worked before, or elsewhere, is how customers tell what broke
        "It was working fine until the update.",
        "It worked fine before the update.",
        "It has been working fine since March but now the sync stopped.",
        "Works fine on my laptop but not on my phone.",
    ],
)
def test_what_worked_before_or_elsewhere_is_read_whole(rules_only: Linter, message: str) -> None:
    problems = rules_only.analyze(REPLY, customer_message=message)
    assert problems.analyses.problems.model_text(message) == message


@pytest.mark.parametrize("calm", ["no problem, ", "it works again now, ", "issue resolved. "])
def test_a_long_message_of_calm_words_is_read_in_linear_time(rules_only: Linter, calm: str) -> None:
    """Each problem word was compared with every calm span: a message of 500,000
    characters of "no problem, " took minutes. A hang guard, not a benchmark."""
    message = calm * (500_000 // len(calm))
    started = time.perf_counter()
    apology = rules_only.check(REPLY, customer_message=message).checks["apology"]
    assert time.perf_counter() - started < 30
    assert not apology.applicable
