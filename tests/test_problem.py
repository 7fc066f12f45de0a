"""Whether the customer had a problem, read from their message: a contraction written
without its apostrophe ("cant", "doesnt") counts as the contraction wherever spaCy's
tokenizer reads it so, and nowhere else ("well" is not "we'll")."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig
from replylint.problem import with_unmarked_contractions

REPLY = "Please restart the app and sign in again."


@pytest.fixture(scope="module")
def apology() -> Linter:
    return Linter(LinterConfig(select=["apology"], model="none"))


@pytest.mark.parametrize(
    "customer",
    [
        "I cant open my invoices since Tuesday",
        "the export button doesnt work for me",
        "My parcel hasnt arrived yet",
        "the app wont start after the update",
        "i didnt get the confirmation code",
        "why cant I log in on my tablet",
    ],
)
def test_a_contraction_without_its_apostrophe_reports_a_problem(
    apology: Linter, customer: str
) -> None:
    verdict = apology.check(REPLY, customer_message=customer).checks["apology"]
    assert verdict.applicable, verdict.reason


def test_a_routine_request_without_apostrophe_is_still_a_request(apology: Linter) -> None:
    """ "id like to" is the request frame "i'd like to": cancelling is then the action
    asked for, not a problem reported."""
    verdict = apology.check(REPLY, customer_message="Hello, id like to cancel my plan.")
    assert not verdict.checks["apology"].applicable, verdict.checks["apology"].reason


def test_only_spellings_the_tokenizer_reads_as_the_contraction_are_added() -> None:
    """ "cant" tokenizes as "can't" does; "well", "its" and "were" are words of their own,
    so a lexicon entry "we'll" must not make "well" a match."""
    make_doc = Linter(LinterConfig(select=["apology"], model="none"))._pipeline.nlp.tokenizer
    phrases = ("can't", "we'll", "it's", "we're", "doesn't work", "problem")
    assert with_unmarked_contractions(phrases, make_doc) == (*phrases, "cant", "doesnt work")
