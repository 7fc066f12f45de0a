"""refund_policy.timeframe: a reply that mentions a refund says when the money arrives.

Standard: *manage expectations*. Refund questions are the ones customers chase most, so
this team's policy is that every reply mentioning a refund gives the number of days
("within 5 business days") or the day ("today", "by Friday") the money reaches them.
The rule applies only when the reply mentions a refund (the ``refund-words`` option, so a
team can add "store credit" or "chargeback"); it is present when the reply also states a
number of days or weeks, or a day, anywhere in it. Words across a line break count
(hard-wrapped plain-text macros put a newline between "5 business" and "days").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import Field
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from replylint import Example, Examples, PresenceRule, RuleContext, RuleOptions, Severity, Verdict
from replylint.analysis import AnalyzedReply

__all__ = ["RefundTimeframeOptions", "RefundTimeframeRule"]

_SPACE: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}
_DAY_WORDS = ["today", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday"]
#: "5 business days", "within two weeks", "3-5 working days", "today", "by Friday".
_WHEN: list[list[dict[str, Any]]] = [
    [
        {"LIKE_NUM": True},
        _SPACE,
        {"LOWER": {"IN": ["-", "to", "–"]}, "OP": "?"},
        {"LIKE_NUM": True, "OP": "?"},
        _SPACE,
        {"LOWER": {"IN": ["business", "working", "calendar", "bank"]}, "OP": "?"},
        _SPACE,
        {"LOWER": {"IN": ["day", "days", "week", "weeks"]}},
    ],
    [{"LOWER": {"IN": _DAY_WORDS}}],
]


class RefundTimeframeOptions(RuleOptions):
    """What counts as mentioning a refund.

    Set in a config file under ``[rules."refund_policy.timeframe".options]``."""

    refund_words: tuple[str, ...] = Field(
        default=("refund", "refunds", "refunded", "reimburse", "reimbursed", "money back"),
        description="Words or phrases that make the reply about a refund (case-insensitive).",
    )


class RefundTimeframeRule(PresenceRule[RefundTimeframeOptions]):
    id = "refund_policy.timeframe"
    check_name = "refund_policy"
    default_severity = Severity.warning
    #: Counts in the score like a built-in check (0, the default, would only report it).
    weight = 10
    standard = "Manage expectations"
    rationale = (
        "A refund without a date is the message customers chase most; saying when the "
        "money arrives saves the follow-up."
    )
    missing_message = "The reply mentions a refund but not when the money will arrive."
    missing_anchor: ClassVar = "end"
    examples = Examples(
        fire=[
            Example(reply="Hi Sam, I've refunded your order. Thanks for your patience!"),
            Example(
                reply="Hi Sam, you will get your money back once the parcel reaches us. Thanks!"
            ),
        ],
        pass_=[
            Example(
                reply="Hi Sam, I've refunded your order; it reaches your card within 5 "
                "business days. Thanks!"
            ),
            Example(reply="Hi Sam, your replacement ships today. Thanks!"),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        """Compile the matchers once per linter: ``check`` runs for every reply."""
        options = self.options  # a RefundTimeframeOptions, validated from the config
        vocab = context.make_doc("").vocab
        self._refund = PhraseMatcher(vocab, attr="LOWER")
        self._refund.add("refund", [context.make_doc(w.lower()) for w in options.refund_words])
        self._when = Matcher(vocab)
        self._when.add("when", _WHEN)

    def detect(self, reply: AnalyzedReply) -> Verdict:
        doc = reply.doc
        mentions = _spans(doc, self._refund(doc))
        if not mentions:
            return Verdict(present=False, applicable=False, reason="the reply mentions no refund")
        when = _spans(doc, self._when(doc))
        if when:
            return Verdict(present=True, evidence=when[0], reason="states when the refund arrives")
        return Verdict(present=False, evidence=mentions[0], reason="refund without a timeframe")

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Say when the money arrives, e.g. "It reaches your card within 5 business days."'


def _spans(doc: Doc, matches: Iterable[tuple[int, int, int]]) -> list[Span]:
    return sorted((doc[start:end] for _, start, end in matches), key=lambda s: s.start)
