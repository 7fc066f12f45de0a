"""next_step_timeframe: a next step says when it will happen or how long it takes.

Standard: *manage expectations* (how **and when** the issue will be addressed). "Within
24 hours", "by Friday", "by 30 June", "by 5pm", "in 3–5 days", "today", "right away",
"shortly" count when they belong to a next step; office hours, how long to hold a button
or wait between steps, and conditions ("once the outage is over") do not; in a question or
a request to confirm details only a deadline counts (the date of the booking confirmed is
not when a step happens). A step already taken may say when it takes effect ("I've
refunded you; it should show up within 3 days"); a reply whose steps are all done and
untimed has nothing left to time: neither present nor applicable, like a reply with no
step (the ``next_step`` finding already covers that). A plan beside the step may carry
the time as a template date ("your delivery is booked for {{delivery_date}}").
"""

from __future__ import annotations

from typing import ClassVar

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.matchers import Patterns
from replylint.next_steps import Step
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict


class NextStepTimeframeRule(PresenceRule):
    id = "next_step_timeframe"
    default_severity = Severity.info
    weight = 10
    standard = "Manage expectations"
    rationale = (
        "Customers plan around when things happen; a step without a time invites "
        '"any update?" messages.'
    )
    missing_message = "The next step does not say when it will happen."
    missing_anchor: ClassVar = "end"
    only_after = "next_step"
    examples = Examples(
        fire=[
            Example(reply="I've escalated this to our billing team, who will email you."),
            Example(reply="Press and hold the power button for 10 seconds."),
            Example(reply="We will refund you once the outage is over."),
            Example(reply="Our shop is open 9am to 5pm. Please call us."),
            Example(reply="Please update the app to version 12.3.1."),
            Example(reply="Please confirm 2 tickets for the jazz night on March 5th."),
            Example(reply="Please send us the contract which you signed on 2 March."),
            Example(reply="Your card stays blocked for the next 30 days. Please call us."),
            Example(reply="If the noise starts again tonight, call our out-of-hours line."),
            Example(reply="We'll text you as soon as the courier collects it."),
            Example(reply="Please check next month's payslip."),
        ],
        pass_=[
            Example(reply="Our billing team will email you within 24 hours."),
            Example(reply="I'll send the replacement today."),
            Example(reply="I've booked you in for Monday at 10am with our optician."),
            Example(reply="I've scheduled the engineer for 14 May."),
            Example(reply="A technician will call you by Friday."),
            Example(reply="Your refund will reach your card in 3-5 business days."),
            Example(reply="We will post the replacement by 30 June."),
            Example(reply="I will call you back by 5pm."),
            Example(reply="Our courier will collect the box by 17:00."),
            Example(reply="We will have a new quote for you by the weekend."),
            Example(reply="Your voucher will be emailed in 2–3 days."),
            Example(reply="<p>Your voucher will be emailed in 2&ndash;3 days.</p>"),
            Example(reply="We are sending your replacement right now."),
            Example(reply="Done! Your plan is now switched to yearly billing."),
            Example(reply="I've refunded the fee. It should show up within 3-5 working days."),
            Example(reply="Your internet connection should be back by 6pm."),
            Example(reply="We'll watch the line for the next 48 hours and let you know."),
            Example(reply="If you haven't heard from us by Friday, please call us."),
            Example(reply="I've credited £20 to your account, which will show up within 3 days."),
            Example(reply="Your bag is on tomorrow's first ferry; collect it at the port."),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._times = context.analyses.times
        self._takes = Patterns(context.packs, context.make_doc, "timeframe.takes")
        self._field_time_words = tuple(
            word.lower() for word in context.packs.lexicon("timeframe.placeholder_time_words")
        )
        self._field_openers = context.packs.words("timeframe.placeholder_openers")
        self._confirming = context.packs.words("next_step.confirming_verbs")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        steps = reply.next_steps
        if not steps:
            return Verdict(present=False, applicable=False, reason="the reply has no next step")
        for step in steps:  # a step already taken may say when it takes effect, too
            when = self._timeframe(reply, step)
            if when is not None:
                return Verdict(present=True, evidence=when, confidence=0.8)
        if all(step.kind == "completed" for step in steps):
            # "I've removed the late fee": nothing is left to happen, so there is no time
            # to give, and none to ask for
            return Verdict(present=False, applicable=False, reason="every step is already done")
        for sentence in reply.sentences:
            # "It may take up to 10 minutes" beside the step; "Your delivery is booked
            # for {{delivery_date}}" (a plan whose time is a template field)
            duration = self._takes.first(sentence)
            if (
                duration is None
                and reply.placeholder_spans
                and reply.analyses.steps.plans(sentence)
            ):
                duration = self._date_placeholder(reply, sentence)
            if duration is not None:
                return Verdict(present=True, evidence=duration, confidence=0.7)
        return Verdict(present=False, reason="no step says when", confidence=0.7)

    def _timeframe(self, reply: AnalyzedReply, step: Step) -> Span | None:
        """A time in the step's sentence, not cut off from the step by a link that ends
        an unpunctuated sentence. In a question or a request to confirm details ("please
        confirm 2 tickets on March 5th") only a deadline times the step."""
        if step.when is not None:  # the short wait of a live-chat hold
            return step.when
        dated = self._date_placeholder(reply, step.sentence)
        if dated is not None:
            return dated
        asking = step.kind == "question" or (
            step.kind == "instruction" and step.evidence[-1].lower_ in self._confirming
        )
        # the agent's own work may say how long it goes on ("we'll monitor it for the
        # next 48 hours"); anyone else's span is how long a state lasts
        ongoing = step.kind == "commitment"
        return self._times.for_step(step.sentence, step.evidence, asking=asking, ongoing=ongoing)

    def _date_placeholder(self, reply: AnalyzedReply, sentence: Span) -> Span | None:
        """A template date after a time preposition: "on {{subscription.end_date}}",
        "confirmed for {{appointment.datetime}}" (a macro's dates are fields)."""
        if not reply.placeholder_spans:
            return None
        for token in sentence[1:]:
            if token.nbor(-1).lower_ not in self._field_openers:
                continue
            if not reply.in_placeholder(token.idx, token.idx + len(token)):
                continue
            _, _, original = reply.to_original(token.idx, token.idx + len(token))
            if any(word in original.lower() for word in self._field_time_words):
                return sentence.doc[token.i - 1 : token.i + 1]
        return None

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Add when it will happen, e.g. "within 24 hours" or "by Friday".'
