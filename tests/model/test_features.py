"""The model's input: one feature doc per sentence, built from the analysis."""

from __future__ import annotations

import pytest

from replylint import Linter
from replylint.model.features import RuleView, rule_tokens, segments, word_form, word_forms


@pytest.fixture(scope="module")
def linter(rules_only: Linter) -> Linter:
    return rules_only


def test_word_forms_mask_numbers_links_and_case(linter: Linter) -> None:
    doc = linter.analyze("Call 0800 123 on the 12th at 5pm or see https://example.com Now").doc
    forms = [word_form(t) for t in doc if not t.is_space]
    assert forms == [
        "call", "__num__", "__num__", "on", "the", "__num__", "at", "__num__", "pm",
        "or", "see", "__url__", "now",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Call 0800 123 on the 12th at 5pm or see https://example.com Now",
        "Hi Dana,\n\n  Mail help@example.com or www.example.org/help by 10/12 (v3.2.1)!",
        "Your 2nd order: 1,200.50 EUR, ref A12, ships 2024-07-01 at 17:00.\n\nThanks",
        "Ünïcode Wörds, ٣ Arabic digits, ² superscript, 1x1 and 12abc.",
    ],
)
def test_a_docs_word_forms_are_each_tokens_word_form(linter: Linter, text: str) -> None:
    """The forms read from the doc's arrays are the forms of its tokens one by one, with
    None for the space tokens feature docs leave out."""
    doc = linter.analyze(text).doc
    assert word_forms(doc) == [None if t.is_space else word_form(t) for t in doc]
    assert None in word_forms(linter.analyze("Hi Dana,\n\nThanks").doc)


def test_a_long_run_of_digits_is_one_quick_number(linter: Linter) -> None:
    doc = linter.analyze("1" * 5000 + "x1").doc
    assert {word_form(t) for t in doc} == {"1" * 5000 + "x1"}


def test_segments_mark_position_channel_and_rule_evidence(linter: Linter) -> None:
    reply = linter.analyze("Hi Dana,\n\nPlease restart the app.\n\nThanks!\nJo", channel="chat")
    start = reply.normalized.text.index("restart")
    views = {
        "next_step": RuleView(
            present=True, applicable=True, reason="instruction", evidence=(start, start + 7)
        )
    }
    parts = segments(reply, views)
    first, middle = parts[0].words, parts[1].words
    assert "__first__" in first and "__ch_chat__" in first
    assert "__r_next_step_here__" in middle and "__r_next_step_here__" not in first
    assert "__r_next_step_yes__" in first  # the rules' reply-level verdicts on every sentence
    assert "restart" in middle


def test_rule_tokens_name_verdicts_and_reasons() -> None:
    views = {
        "next_step": RuleView(present=False, applicable=True, reason=None, evidence=None),
        "empathy": RuleView(present=True, applicable=True, reason="sorry to hear", evidence=None),
    }
    tokens = rule_tokens(views, problem=True)
    assert "__r_next_step_no__" in tokens and "__r_empathy_yes__" in tokens
    assert not any(t.startswith("__r_empathy_sorry") for t in tokens)  # problem signal only
    assert "__problem__" in tokens


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("Thanks for the update. Let us know if you need anything else.", True),
        ("Thanks for the update. DM us if you'd like to discuss it.", True),
        ("Thanks for the update. Feel free to get in touch if you have any questions.", True),
        ("Thanks for the update. Should you have any questions, do not hesitate to call.", True),
        ("Thanks for the update. Is there anything else I can help with?", True),
        ("Thanks for the update. Please DM us your order number.", False),
        ("Thanks for the update. If the app still crashes, reinstall it.", False),
        ("Thanks for the update. Let us know which version you use.", False),
    ],
)
def test_a_sentence_that_offers_help_in_general_is_marked(
    linter: Linter, text: str, offer: bool
) -> None:
    """GUIDE.md reads a generic offer as no step; the model reads the rules' reading of
    it, so that the offer's words ("DM us") do not outweigh it."""
    reply = linter.analyze(text)
    assert [s.text for s in reply.help_offers] == ([reply.sentences[1].text] if offer else [])
    second = segments(reply, {})[1].words
    assert ("__offer__" in second) is offer
    assert "__offer__" not in segments(reply, {})[0].words
