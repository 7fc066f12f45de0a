"""options: a refusal comes with an alternative, a workaround or a next step.

Standard: *offer your customer options*. "We can't refund this order", "that isn't
possible", "we don't ship to Norway" or "that's against our policy" leave the customer at
a dead end unless the reply goes on with something they can do: an alternative ("...but I
can offer store credit"), a workaround, a route to an exception ("you can appeal here"),
or a concrete next step. "Let us know if you have other questions" is not an option.
Applicable only when the reply refuses or says something cannot be done.

A refusal is read by the shared analysis ``reply.refusal`` (:mod:`replylint.refusals`,
from the vocabulary of ``rules/options.yaml``), which the step finder reads too: a
refusal phrase ("not possible", "against our policy", "there's no setting for that") or
a negation read with its subject and verb ("we can't refund opened items", "we don't
ship to Norway"; not "I can't remember"), only in a statement.

Options are the pack's alternative phrases ("instead", "what you can do", "you can
appeal") or a next step from the shared step finder (``reply.next_steps``).
"""

from __future__ import annotations

from typing import ClassVar

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

#: Steps that state a fact (an action already taken, a delivery date) rather than offer
#: the customer a way forward.
_FACTS = frozenset({"completed", "scheduled"})


class OptionsRule(PresenceRule):
    id = "options"
    default_severity = Severity.warning
    weight = 10
    standard = "Offer your customer options"
    rationale = (
        "A bare refusal is a dead end: the customer writes again or leaves. Saying what "
        "they can do instead (an alternative, a workaround, how to ask for an exception) "
        "keeps the conversation moving even when the answer is no."
    )
    missing_message = "The reply refuses without offering an alternative or a next step."
    missing_anchor: ClassVar = "end"
    done_by = "next_step"
    examples = Examples(
        fire=[
            Example(reply="Unfortunately we don't ship to Norway."),
            Example(reply="Hi Sam, that isn't possible, sorry. Let us know if you have questions."),
            Example(reply="We can't refund gift cards, as that's against our policy."),
            Example(reply="We have reviewed your dispute, and it has not been upheld."),
            Example(reply="Sorry, we won't be restocking the blue jumper."),
        ],
        pass_=[
            Example(reply="We won't charge you for the late delivery."),
            Example(reply="We can't refund this order, but I can offer store credit instead."),
            Example(
                reply="That isn't possible in the app. What you can do instead is export the "
                "list from the website."
            ),
            Example(
                reply="We can't lift the suspension early. You can appeal here: "
                "https://example.com/appeal"
            ),
            Example(reply="Your order ships on Monday. Thanks for shopping with us!"),
            Example(reply="If you can't log in, reset your password from the sign-in page."),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._refusals = context.analyses.refusals
        self._alternatives = context.analyses.phrases("options.alternatives")
        self._not_options = context.analyses.phrases("options.not_options")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        refusal = reply.refusal
        if refusal is None:
            return Verdict(present=False, applicable=False, reason="nothing is refused")
        for sentence in reply.sentences:
            for alternative in self._alternatives.find(sentence):
                if not self._refusals.negated_at(sentence, alternative.end):
                    return Verdict(present=True, reason="an alternative", evidence=alternative)
        for step in reply.next_steps:
            if step.kind in _FACTS or self._not_options.first(step.sentence) is not None:
                continue
            return Verdict(
                present=True, reason=f"a next step ({step.kind})", evidence=step.evidence
            )
        return Verdict(present=False, reason=f"a bare refusal: {refusal.text}", confidence=0.7)

    def detect_after(self, reply: AnalyzedReply, basis: Span) -> Verdict | None:
        """The checks model read a next step in ``basis`` (a sentence) where the rules
        read none: a refusal the rules call bare has that step for its option ("I can't
        release it from here, but if you send the form today, the payment team can
        review it"), unless the step is only more information or further help."""
        verdict = self.detect(reply)
        if verdict.present or not verdict.applicable:
            return None
        if self._not_options.first(basis) is not None:
            return None
        return Verdict(
            present=True, reason="a next step (the model's reading)", evidence=basis, confidence=0.7
        )

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return (
            'Say what the customer can do instead: an alternative ("...but I can offer '
            'store credit"), a workaround, or how to ask for an exception.'
        )
