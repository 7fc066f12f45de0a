"""Whether the customer had a problem, read from their message: a contraction written
without its apostrophe ("cant", "doesnt") counts as the contraction wherever spaCy's
tokenizer reads it so, and nowhere else ("well" is not "we'll")."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import Linter, LinterConfig
from replylint.folded import Folded
from replylint.problem import (
    _alternation,
    phrase_regex,
    resolution_regex,
    with_unmarked_contractions,
)

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


# --- the customer's problem words, one regex grouped by first letter --------------------

_PHRASES = (
    "does not work", "doesn't work", "double charged", "delayed", "damaged", "did not",
    "broken", "broke", "bug", "can't", "cannot", "crash", "crashes", "$0 refund", "404",
    "-1 stars", "X", "xx",
)  # fmt: skip


def _flat(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The regex as it was before its phrases were grouped: a flat alternation."""
    alternation = _alternation(phrases)
    return re.compile(rf"(?<!\w){alternation}(?!\w)", re.IGNORECASE)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "It DOES NOT work and I was double  charged; the parcel was delayed and damaged.",
        "The app broke, it's broken, a bug? It crashes (crash log attached). Cannot log in.",
        "I can't pay: $0 refund, error 404, -1 stars. x X xx xxx Doesn't work!",
        "Nothing wrong here, thanks for the quick reply.",
        "did not, did nothing, didnot; BROKE-BROKEN brokenness",
    ],
)
def test_grouped_problem_words_find_what_the_flat_alternation_finds(text: str) -> None:
    grouped = phrase_regex(_PHRASES)
    assert "|b(?:roken|roke|ug)" in grouped.pattern  # grouped: one branch per letter
    assert _found(grouped, text) == _found(_flat(_PHRASES), text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["did", "not", "does", "work", "broke", "n", "crash", "es"]))
    .map(" ".join)
    .map(lambda s: s + " $0 refund 404 X.")
)
def test_grouped_problem_words_match_as_the_flat_alternation_on_any_text(text: str) -> None:
    for variant in (text, text.upper(), text.title()):
        assert _found(phrase_regex(_PHRASES), variant) == _found(_flat(_PHRASES), variant)


def test_a_phrase_opening_with_a_non_ascii_letter_leaves_the_alternation_flat() -> None:
    """Ignoring case a non-ASCII character can match an ASCII letter (the Kelvin sign is
    a "k"), so the order across first letters could matter: nothing is grouped."""
    phrases = ("kaputt", "\u212aelvin error", "émoji bug")
    grouped = phrase_regex(phrases)
    assert grouped.pattern == _flat(phrases).pattern
    assert _found(grouped, "KAPUTT, kelvin error") == _found(_flat(phrases), "KAPUTT, kelvin error")


def _matches(found: object) -> list[tuple[tuple[int, int], str, dict[str, str | None]]]:
    return [(m.span(), m.group(0), m.groupdict()) for m in found]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Did", "NOT", "does", "work", "broke", "n", "crash", "es", "issue", "has", "been",
             "Fixed", "resolved", "again", "x", ",", "'s", "\u212aelvin", "é", "\n"]
        )
    ).map(" ".join)
)  # fmt: skip
def test_a_folded_regex_finds_what_its_regex_finds(text: str) -> None:
    """The lower-case twin finds, in ASCII text, the very matches of the case-insensitive
    regex (text, groups, offsets); other text is searched by the regex itself."""
    words = Folded.of(phrase_regex, _PHRASES, followed_by=r"(?=\s*(?:[,.!]|$|again\b))")
    solved = Folded.of(
        resolution_regex, ("issue", "problem"), ("has been", "'s"), ("fixed", "resolved")
    )
    assert words.twin is not None and solved.twin is not None
    for variant in (text, text.upper(), text.title()):
        for folded in (words, solved):
            assert _matches(folded.finditer(variant)) == _matches(folded.regex.finditer(variant))


def test_a_folded_regex_of_a_non_ascii_phrase_has_no_twin() -> None:
    folded = Folded.of(phrase_regex, ("kaputt", "\u212aelvin error"))
    assert folded.twin is None
    assert _matches(folded.finditer("KAPUTT, kelvin error")) == _matches(
        folded.regex.finditer("KAPUTT, kelvin error")
    )


@pytest.mark.parametrize(
    ("customer", "reply", "problem"),
    [
        ("No problem, thanks for sorting it!", REPLY, False),
        ("That's not an issue, thanks", REPLY, False),
        ("No problem, but the app still crashes.", REPLY, True),  # a problem after it
        ("There's no problem with my card, yet you declined it!", REPLY, True),
        ("This is not an issue I expected.", REPLY, True),
        (None, "No problem at all, thanks for bearing with me today.", False),
        (None, "No problem! The error goes away after a restart.", True),
    ],
)
def test_a_reassurance_reports_no_problem(
    apology: Linter, customer: str | None, reply: str, problem: bool
) -> None:
    """ "No problem" says there is none: apology and empathy stay not applicable, in the
    customer's message and in a reply read without one, unless a problem follows."""
    verdict = apology.check(reply, customer_message=customer).checks["apology"]
    assert verdict.applicable is problem, verdict.reason


@pytest.mark.parametrize(
    "message",
    [
        "My husband passed away in March. Can the bill go in my name?",
        "My dad died last week and I need to close his account.",
        "I'm writing about my late mother's subscription.",
    ],
)
def test_a_death_the_customer_reports_is_a_problem(apology: Linter, message: str) -> None:
    """A bereavement is a loss the customer reports, whatever they ask about it: the
    reply is then expected to offer condolences (GUIDE.md: apology applies)."""
    report = apology.check("Hi Jo, the account is now in your name.", customer_message=message)
    assert report.checks["apology"].applicable
    assert any(f.rule == "apology" for f in report.findings)


@pytest.mark.parametrize(
    "message",
    [
        "I need to cancel our tour because my husband's had a fall.",
        "My son was injured on the trampoline at your park.",
        "Why are you charging £90 to renew the lease? Disgraceful.",
        "Two hours on hold. Absolutely shocking service.",
    ],
)
def test_harm_and_outrage_the_customer_reports_are_a_problem(apology: Linter, message: str) -> None:
    """Harm to someone (a fall, an injury) and a complaint said as outrage ("Disgraceful",
    "why are you charging ...") make an apology applicable, as a death does."""
    report = apology.check("Hi Jo, the lease renews in April.", customer_message=message)
    assert report.checks["apology"].applicable, report.checks["apology"].reason


@pytest.mark.parametrize(
    ("message", "distress"),
    [
        ("My son is really homesick and called crying last night. Should I come get him?", True),
        ("The vet needs your pre-authorisation before tomorrow's surgery. I'm panicking.", True),
        # "I'm afraid" is a polite way to say no; a nervous child looked after is praise
        ("I'm afraid the new reader does not do it for me. Can I change the default?", False),
        ("Shoutout to the crew today, they were brilliant with my nervous 4yo!", False),
    ],
)
def test_a_distress_the_customer_reports_is_a_problem(
    apology: Linter, message: str, distress: bool
) -> None:
    """A negative feeling said plainly (crying, homesick, panicking) is what the guide
    makes an apology and empathy applicable for, though nothing is broken; the words
    "afraid" and "nervous" are left out of the problem words, which the pool showed
    used otherwise."""
    report = apology.check("Hi Jo, thanks for the note.", customer_message=message)
    assert report.checks["apology"].applicable is distress, report.checks["apology"].reason


def test_condolences_are_an_apology(apology: Linter) -> None:
    """Sorrow for what happened to the customer is the guide's "we're sad to" regret."""
    report = apology.check(
        "Hi Jo, please accept our condolences. The account is now in your name.",
        customer_message="My husband passed away in March. Can the bill go in my name?",
    )
    assert report.checks["apology"].present
    assert not any(f.rule == "apology" for f in report.findings)
