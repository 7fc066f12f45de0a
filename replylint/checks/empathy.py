"""empathy: the agent acknowledges the customer's feelings or situation.

Standard: *express empathy*. "I understand how frustrating this is", "I can imagine",
"that's not the experience we want for you" count. An apology that merely names a
feeling ("sorry for the frustration") is an apology only, so a feeling word counts as
empathy only in a sentence that does not apologise. Applicable like ``apology``.
"""

from __future__ import annotations

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.doctext import text_of
from replylint.packs import Example, Examples
from replylint.problem import ProblemSignal
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict


class EmpathyRule(PresenceRule):
    id = "empathy"
    default_severity = Severity.info
    weight = 10
    standard = "Express empathy"
    rationale = (
        "Naming the customer's situation or feeling shows it was heard; an apology alone "
        "can read as a formula."
    )
    missing_message = (
        "The customer had a problem, but the reply does not acknowledge how it affects them."
    )
    examples = Examples(
        fire=[
            Example(
                reply="Sorry for the frustration. Please reinstall the app.",
                customer_message="The app keeps crashing, so annoying.",
            ),
            Example(
                reply="Please send us your order number.",
                customer_message="My parcel is two weeks late!",
            ),
        ],
        pass_=[
            Example(
                reply="I understand how frustrating this is. Please reinstall the app.",
                customer_message="The app keeps crashing, so annoying.",
            ),
            Example(
                reply="I can imagine how worrying that was. Your card is now blocked.",
                customer_message="Someone used my card!",
            ),
            Example(
                reply="That's not the experience we want for you. A refund is on its way.",
                customer_message="Worst delivery ever.",
            ),
            Example(
                reply="Delays are never fun. Your parcel arrives tomorrow.",
                customer_message="Still waiting for my parcel.",
            ),
            Example(
                reply="Hi Sam, your refund is on its way.",
                customer_message="I'd like a refund for my unused ticket, please.",
            ),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._frames = context.analyses.phrases("empathy.frames")
        self._feelings = context.analyses.phrases("empathy.feelings")
        self._apologies = context.analyses.phrases("apology.phrases")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        problem = reply.problem
        for sentence in reply.sentences:
            frame = self._frames.first(sentence)
            asking = text_of(sentence).rstrip().endswith("?")
            if frame is not None and not (asking and "understand" in frame.text.lower()):
                # ("Do I understand that the flight left?" asks; it does not empathise.)
                return self._verdict(problem, frame, 0.85)
            feeling = self._feelings.first(sentence)
            if feeling is not None and self._apologies.first(sentence) is None:
                return self._verdict(problem, feeling, 0.7)
        confidence = 0.75 if problem.from_customer else 0.5
        return Verdict(
            present=False,
            applicable=problem.applicable,
            reason=problem.reason,
            confidence=confidence,
        )

    @staticmethod
    def _verdict(problem: ProblemSignal, evidence: Span, confidence: float) -> Verdict:
        """Empathy found: applicable as the customer's problem says."""
        return Verdict(
            present=True,
            applicable=problem.applicable,
            reason=problem.reason,
            evidence=evidence,
            confidence=confidence,
        )

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Acknowledge their situation, e.g. "I understand how frustrating this must be."'
