"""apology: the agent apologises where the customer had a problem.

Standard: *express empathy* and own the company's part. "Sorry to hear that", "we
apologise", "we regret" count; "no need to apologise" and "Unfortunately, ..." alone do
not. Applicable only when the customer reports a problem or a negative feeling (from the
customer message when given, otherwise from the reply; the verdict says which); a routine
request ("Please cancel my subscription") is not a problem report.
"""

from __future__ import annotations

from replylint.analysis import AnalyzedReply
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict


class ApologyRule(PresenceRule):
    id = "apology"
    default_severity = Severity.warning
    weight = 15
    standard = "Express empathy"
    rationale = (
        "When something went wrong for the customer, a sincere apology acknowledges it "
        "and owns the company's part before moving to the fix."
    )
    missing_message = "The customer reported a problem, but the reply does not apologise."
    examples = Examples(
        fire=[
            Example(
                reply="Hi Sam, please restart the router and try again.",
                customer_message="My internet has been down all day!",
            ),
            Example(
                reply="Unfortunately the item is out of stock. We will refund you today.",
                customer_message="My order never arrived and I am fed up.",
            ),
            Example(
                reply="No need to apologise! Please send us your order number.",
                customer_message="Sorry to bother you, my parcel is missing.",
            ),
            Example(
                reply="Hi Sam, your membership is now cancelled.",
                customer_message="Please cancel my membership, the app keeps logging me out.",
            ),
            Example(
                reply="Dear Ms Okafor, the account is now closed and the final bill is zero.",
                customer_message="My husband passed away last month. Please close his account.",
            ),
        ],
        pass_=[
            Example(
                reply="I'm so sorry your parcel is late, Sam. It will arrive tomorrow.",
                customer_message="My parcel is late again.",
            ),
            Example(
                reply="We apologise for the trouble. A fix ships on Friday.",
                customer_message="The app keeps crashing.",
            ),
            Example(
                reply="We sincerely regret that the handset failed. A refund is on its way.",
                customer_message="The satellite phone you rented me never worked.",
            ),
            Example(
                reply="Great to hear! Enjoy the new phone.",
                customer_message="Just got my new phone, love it!",
            ),
            Example(
                reply="Hi Sam, your membership is now cancelled.",
                customer_message="Could you please cancel my gym membership?",
            ),
            Example(
                reply=(
                    "Dear Ms Okafor, please accept our condolences. The account is now "
                    "closed and the final bill is zero."
                ),
                customer_message="My husband passed away last month. Please close his account.",
            ),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._apologies = context.analyses.phrases("apology.phrases")
        self._negations = context.analyses.phrases("apology.negations")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        applicable = reply.problem.applicable
        for sentence in reply.sentences:
            match = self._apologies.first(sentence, excluding=self._negations)
            if match is not None:
                return Verdict(
                    present=True,
                    applicable=applicable,
                    reason=reply.problem.reason,
                    evidence=match,
                    confidence=0.95,
                )
        confidence = 0.85 if reply.problem.firm else 0.6
        return Verdict(
            present=False,
            applicable=applicable,
            reason=reply.problem.reason,
            confidence=confidence,
        )

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Acknowledge the problem, e.g. "I\'m sorry this happened."'
