"""A customer message saying its problem has been solved ("My issue has been resolved,
thanks") reports no problem: the "issue" in it made apology and empathy applicable to a
reply answering good news, so a reply without an apology was marked missing one. A
problem not solved, only hoped or said to be, or solved and back, still counts."""

from __future__ import annotations

import pytest

from replylint import Linter

REPLY = "Hi Sam, glad to hear it. Have a great day!"


@pytest.mark.parametrize(
    "message",
    [
        "My issue has been resolved, thanks",
        "the problem is fixed now",
        "The sync issue's been sorted out, thank you!",
        "Problem solved, cheers.",
        "Thanks, issue resolved.",
        "All my issues are resolved now.",
        "The login error has gone away since yesterday.",
        "ok the problems got fixed. Have a nice weekend",
    ],
)
def test_a_problem_solved_makes_no_apology_applicable(
    linter: Linter, rules_only: Linter, message: str
) -> None:
    for each in (linter, rules_only):
        report = each.check(REPLY, customer_message=message)
        assert report.checks["apology"].reason == "the customer message reports no problem"
        assert not report.checks["empathy"].applicable


@pytest.mark.parametrize(
    ("message", "word"),
    [
        ("my issue has not been resolved", "issue"),
        ("My issue still hasn't been fixed.", "issue"),
        ("The issue was never resolved.", "issue"),
        ("it was fixed but broke again", "broke"),
        ("The problem was fixed but has come back.", "problem"),
        ("The problem has been fixed, but now the app crashes on start.", "problem"),
        ("I hope this issue is resolved soon.", "issue"),
        ("I really hope the problem is fixed", "problem"),
        ("Is the problem fixed yet?", "problem"),
        ("Has the issue been resolved? I'm waiting", "issue"),
        ("You said the issue was fixed last week.", "issue"),
        ("I need the problem fixed today.", "problem"),
        ("Please tell me when the issue is resolved.", "issue"),
        ("The issue is resolved for now, it comes and goes.", "issue"),
        ("Only some of the problems are fixed.", "problems"),
        ("The issue is fixed on my phone, not on my laptop.", "issue"),
        ("My complaint was resolved incorrectly.", "complaint"),
    ],
)
def test_a_problem_not_solved_still_counts(rules_only: Linter, message: str, word: str) -> None:
    apology = rules_only.check(REPLY, customer_message=message).checks["apology"]
    assert apology.applicable
    assert f'("{word}")' in (apology.reason or "")


def test_the_problem_model_reads_the_message_without_the_solved_problem(
    rules_only: Linter,
) -> None:
    """Read whole, the model would take "issue" for a problem's word."""
    message = "My issue has been resolved, thanks"
    problems = rules_only.analyze(REPLY, customer_message=message).analyses.problems
    text = problems.model_text(message)
    assert "issue" not in text and "resolved" not in text
    assert len(text) == len(message) and text.startswith("My ")


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Dana, glad your issue has been resolved! Have a great day.",
        "Great to hear the sync problem is sorted now. Have a lovely weekend!",
    ],
)
def test_a_reply_to_good_news_deals_with_no_problem(rules_only: Linter, reply: str) -> None:
    """Without a customer message the reply's own words tell whether there was a problem:
    a resolution it states is good news, not a problem to apologise for."""
    report = rules_only.check(reply)
    assert not report.checks["apology"].applicable
    assert (
        report.checks["apology"].reason
        == "no customer message given; the reply mentions no problem"
    )


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Dana, I hope your issue is resolved soon. Please restart the router.",
        "Hi Dana, the login issue is fixed but the export error is still there.",
        # the agent tells the fix: the customer had the problem
        "Hi Mo, please update the app to 6.1, the login bug is fixed there.",
        "Update: the login problem is now fixed. Thanks for your patience, everyone!",
    ],
)
def test_a_reply_with_a_problem_left_still_deals_with_one(rules_only: Linter, reply: str) -> None:
    assert rules_only.check(reply).checks["apology"].applicable


def test_the_resolution_regex_groups_its_words_by_first_letter() -> None:
    """Ignoring case, the engine has no quick test for an alternative's first letter: a
    flat alternation of the problems tried each at every word of a message. Grouped,
    as the phrase regexes are, it finds the same resolutions."""
    from replylint.problem import resolution_regex

    found = resolution_regex(("issue", "problem", "item"), ("has been",), ("fixed", "resolved"))
    assert "i(?:ssue|tem)" in found.pattern and "(?:fixed|resolved)" not in found.pattern
    text = "The item has been fixed, and the other problem resolved. An issue? Resolved!"
    assert [m.group() for m in found.finditer(text)] == [
        "item has been fixed",
        "problem resolved",
    ]
