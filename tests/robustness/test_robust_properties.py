"""Property tests over the full check path: any string gives a report or an InputError.

``tests/normalize/test_normalize_properties.py`` covers the offset map of ``normalize``
alone; these go through tokenising, every rule, scoring and the JSON report, where a
string that normalises fine can still break (spaCy cannot hash a lone surrogate; pydantic
cannot write one). The contract asserted for every example is in ``conftest.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.linter import InputError
from replylint.normalize import normalize

if TYPE_CHECKING:
    from conftest import Contract

#: Deterministic and database-less: CI sees the same examples on every run.
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: Every code point: controls, NUL, private use, unassigned, and lone surrogates, which
#: hypothesis only draws when category Cs is asked for by name (``exclude_categories=()``
#: alone never yields one).
ANY_CHAR = st.characters(exclude_categories=()) | st.characters(categories=["Cs"])
#: Pieces that mean something to replylint or to a text pipeline, mixed with noise.
PIECES = [
    # words the checks look for, so rules fire and findings carry offsets
    "Hi Sam,", "Hello", "I'm sorry", "I understand", "RMA", "SLA", "tier-2", "ETA",
    "escalation queue", "we will refund you within 24 hours", "Thanks!", "Per our policy",
    "It's your fault", "please restart the app.", "Best regards,\nPriya", "^JK",
    # markup, templates, quoting
    "<p>", "</p>", "<br>", "<b>", "<div>", "<script>", "</script>", "<!--", "-->",
    "&amp;", "&#x1F600;", "&#xD800;", "&#0;", "{{name}}", "{{", "}}", "[NAME]", "> ",
    "On Mon, Kim wrote:\n", "-- \n", "@acme ",
    # scripts and sequences that are awkward for tokenisers and offset maps
    "שלום", "مرحبا", "\u202e", "\u200f", "\u061c", "日本語", "한국어", "Ελληνικά", "ẞ",
    "👨\u200d👩\u200d👧\u200d👦", "🏳\ufe0f\u200d🌈", "👍🏽", "🇯🇵", "e\u0301", "\u0300" * 5,
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\x85",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\r\n", "\r", "\t", "\xa0",
    "\ud800", "\udfff", "\ud83d", "\ude00", "\ud83d\ude00", "\ufffd", "\U0010ffff",
]  # fmt: skip
REPLY_LIKE = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(ANY_CHAR, max_size=6), st.just(" ")),
    max_size=30,
).map("".join)
ANY_TEXT = st.text(ANY_CHAR, max_size=150)
FORMATS = st.sampled_from(["auto", "text", "html"])
CHANNELS = st.sampled_from(["email", "chat", "social"])


@PROPERTY
@given(reply=ANY_TEXT, input_format=FORMATS)
def test_any_unicode_gives_a_report_or_input_error(
    contract: Contract, reply: str, input_format: str
) -> None:
    contract.check(reply, input_format=input_format)


@PROPERTY
@given(
    reply=REPLY_LIKE,
    input_format=FORMATS,
    channel=CHANNELS,
    customer=st.none() | REPLY_LIKE,
    name=st.none() | st.text(ANY_CHAR, max_size=12),
)
def test_reply_like_text_in_every_format_and_channel(
    contract: Contract,
    reply: str,
    input_format: str,
    channel: str,
    customer: str | None,
    name: str | None,
) -> None:
    contract.check(
        reply,
        input_format=input_format,
        channel=channel,
        customer_message=customer,
        customer_name=name,
    )


@PROPERTY
@given(reply=REPLY_LIKE, input_format=FORMATS)
def test_reply_wrapped_in_html_document(contract: Contract, reply: str, input_format: str) -> None:
    wrapped = f"<html><body><p>Hi Sam,</p><p>{reply}</p><p>Thanks!</p></body></html>"
    contract.check(wrapped, input_format=input_format)


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Sam, your \ud800 order is on its way. Thanks!",
        "\ud800",
        "Hi \udfff\ud800 there, the RMA\ud83d is approved.",
        "<p>Hi \ud800</p><p>Your RMA is ready today. Thanks!</p>",
        "Hi Sam \ud83d\ude00 (a surrogate pair as two code units), all done today. Thanks!",
        "Hi\x00Sam\x00, \x00RMA\x00 done today\x00. Thanks\x00!",
        "Hi Sam,\u202e your refund \u202c is done today. Thanks!",
    ],
)
@pytest.mark.parametrize("input_format", ["text", "html"])
def test_bad_code_points_regressions(contract: Contract, reply: str, input_format: str) -> None:
    """The surrogate cases were crashes (spaCy's tokenizer raised UnicodeEncodeError);
    NUL and a bidi override sit beside them as the other code points bad input carries."""
    outcome = contract.check(reply, input_format=input_format)
    if reply != "\ud800":
        assert not isinstance(outcome, InputError), outcome


def test_surrogate_pair_stored_as_two_code_units_reads_as_the_character() -> None:
    result = normalize("Hi \ud83d\ude00 there")
    assert result.text == "Hi \U0001f600 there"
    start = result.text.index("\U0001f600")
    assert result.offsets.to_original(start, start + 1) == (3, 5)
    assert normalize("a\ud800b").text == "a\ufffdb"


def test_lone_surrogate_in_customer_name_gives_writable_report_or_input_error(
    contract: Contract,
) -> None:
    try:
        report = contract.linter.check("Your order shipped.", customer_name="D\ud800na")
    except InputError:
        return
    contract.report_json(report)


def test_lone_surrogate_in_customer_message_gives_writable_report(contract: Contract) -> None:
    """The customer message is only searched with regexes; nothing of it reaches the report
    but phrase-lexicon words, so a lone surrogate in it cannot break the JSON."""
    outcome = contract.check("Your order shipped.", customer_message="It is br\ud800oken.")
    assert not isinstance(outcome, InputError)
    contract.report_json(outcome)
