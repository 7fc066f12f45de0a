"""next_step_timeframe: a next step says when it will happen or how long it takes.

Standard: *manage expectations* (how **and when** the issue will be addressed). "Within
24 hours", "by Friday", "by 30 June", "by 5pm", "in 3–5 days", "today", "right away",
"shortly" count when they belong to a next step, and so does a time counted from an
event ("24 hours after you reply", "5-7 days later", "within 3 business days of
delivery"): it says when, once the event has; office hours, how long to hold a button or
wait between steps, a state lasting "until 30 days later", a comparison ("a day later
than usual") and conditions ("once the outage is over") do not, nor a time in a clause
of its own before the step, across a semicolon ("Returns are accepted within 30 days;
I'll send you the form"), unless that clause takes a step ("Your card ships today;
please activate it"); in a question or a request to confirm details only a deadline
counts (the date of the booking confirmed is not when a step happens). A step already
taken may say when it takes effect ("I've refunded you; it should show up within 3
days"); a reply whose steps are all done and untimed has nothing left to time: neither
present nor applicable, like a reply with no step (the ``next_step`` finding already
covers that). A plan beside the step may carry the time as a template date ("your
delivery is booked for {{delivery_date}}").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from spacy.tokens import Span, Token

from replylint.analysis import AnalyzedReply
from replylint.doctext import lowers, text_of
from replylint.grammar import (
    CLAUSE_PUNCTUATION,
    FUTURE_SPELLINGS,
    NEGATIONS,
    PAST_AUXILIARIES,
    SECOND_PERSON_POSSESSIVES,
    SENTENCE_PUNCTUATION,
)
from replylint.matchers import Patterns
from replylint.next_steps import Step, StepKind
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

#: Where the clause of a template date starts, going back from it.
_CLAUSE_BREAKS = CLAUSE_PUNCTUATION | SENTENCE_PUNCTUATION
#: Brackets a field may stand in, around its own ("on [[NEW_DATE]]" reads "on [Placeholder]"),
#: and those of a drafter's note ("by [insert date]", "on <next dispatch date>").
_FIELD_BRACKETS = frozenset({"[", "(", "<"})
#: The brackets of a drafter's note for a value, and their closers ("by [insert date]",
#: "on <next dispatch date>").
_SLOT_BRACKETS = {"[": "]", "<": ">"}
#: The most words such a note holds, its closing bracket included.
_SLOT_WORDS = 6
#: How far before "to" a verb moving a booking may stand ("moved your visit to").
_MOVE_REACH = 4
#: The past "be" of a passive: "your payment was taken on {{date}}".
_PASSIVE_PAST = frozenset({"was", "were"})
#: The present "be" that states the customer's booking ("your appointment is on [Date]").
_PRESENT_BE = frozenset({"is", "are", "'s", "’s"})


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
            # the time is the opening hours', or the reason's, not the step's
            Example(reply="We'll call you back; the lines are open till 8 today."),
            Example(reply="As it's within 48 hours of the start, we'll move your lesson instead."),
            Example(
                reply="We'll post a new remote; meanwhile, hold the power button for 10 seconds."
            ),
            Example(reply="We will refund you once the outage is over."),
            # the time is the refused thing's, not the step's
            Example(reply="We can't deliver on Saturday, so we'll ask the depot to keep it."),
            Example(reply="We'll be in touch about your application in due course."),
            Example(reply="Our shop is open 9am to 5pm, and our team will call you back."),
            Example(reply="We will fix it in version 12.3.1."),
            Example(reply="Our box office will call you. Please confirm 2 tickets for March 5th."),
            # ... nor a bare count back from an event: it may be what is confirmed
            Example(
                reply="Our box office will call. Please confirm 2 seats 3 days before the show."
            ),
            # ... nor a field after "booked for" whose name says it holds something else
            Example(
                reply="We'll call you. Your table is booked for {{party_size}}.", template=True
            ),
            Example(reply="We'll review the contract which you signed on 2 March."),
            Example(reply="Your card stays blocked for the next 30 days; we'll post a new PIN."),
            Example(reply="If the noise starts again tonight, our night team will come out."),
            # what happens if something goes wrong is supposed, not what happens next
            Example(reply="We'll collect it. If it arrives damaged, you're paid within 5 days."),
            Example(reply="We'll text you as soon as the courier collects it."),
            # a fraction is no date
            Example(reply="We'll cut the monthly fee by 1/2 and post a new statement."),
            Example(reply="We'll correct it; please check next month's payslip."),
            Example(
                reply="The gym is closed until {{reopen_date}}; we'll email you the timetable."
            ),
            Example(reply="We'll send the parcel by [courier name]."),
            Example(reply="We'll leave the ticket open for now and email you the results."),
            Example(reply="I usually hear back within a day. Our team will email you."),
            Example(reply="Please allow 2 minutes between attempts; we'll send a new code."),
            Example(reply="We'll send a new code; wait a few minutes after it arrives."),
            Example(reply="We'll post your new card; it arrives a day later than usual."),
            Example(reply="We'll delete them, but they stay on the server until 30 days later."),
            Example(reply="Returns are accepted within 30 days of delivery; I'll send the form."),
            # an amount of something, not when the step happens
            Example(
                reply="Your sensor stores up to 8 hours of readings, and we'll send a new one."
            ),
            # a rank, not a day of the month
            Example(reply="We'll deliver it to the flat on the 2nd floor."),
            # "as soon as you ..." with no "can" is a condition
            Example(reply="We'll call you as soon as you send the photos."),
            # an event's hour and a product's release month, not a commitment's
            Example(reply="The match will start at 8pm; we'll email your tickets."),
            Example(reply="The new range will launch in March, and our team will email you."),
            # a month of a past event after the commitment, not its time
            Example(reply="We'll refund the order you placed in July."),
            # times asked about in the past, not offered: when something happened
            Example(reply="We'll look into it. Was it Monday or Tuesday that it broke?"),
            Example(reply="We'll look into it. It broke on Monday or Tuesday. Any photos?"),
            # a count back from an event that is a window's edge or a wait, not a step's
            Example(reply="We'll email the tickets. You can swap names up to 48 hours before."),
            Example(reply="We'll send a new code; wait 24 hours before trying it again."),
            Example(reply="We'll email you. Check-in closes 40 minutes before departure."),
            Example(
                reply="We'll email the tickets. Names can change less than 7 days before sailing."
            ),
            # "shortly" counted from another event is its order, not the step's time
            Example(reply="We'll restore the backup made shortly before the loss of your folders."),
            # a wait that is the customer's own step, not when the agent is back
            Example(reply="Let me reset it; then hold the button for a second."),
            # a window that is opening hours, not a commitment's
            Example(reply="Please call us between 9am and 5pm and we'll sort it out."),
        ],
        pass_=[
            # a time counted from an event ("of" after "within" is no amount)
            Example(reply="We'll refund you within 5 days of receiving the parcel."),
            # what happens once the step is done, with its time
            Example(
                reply="Open the resale page to list it. Once it sells, you're paid within 5 days."
            ),
            # a short wait after a request to hold, beside the agent's check
            Example(reply="Let me check the stable plan - bear with me a minute."),
            Example(reply="Let me look up the rider's tracking, give me a sec."),
            # a visit's window after a commitment
            Example(reply="Thanks for booking! Our team will arrive between 8am and 10am."),
            # a count back from the customer's event: when the step is due
            Example(reply="Your travel documents will be sent 14 days before departure."),
            Example(reply="Please upload the forms at least 21 days before the event."),
            Example(reply="Please enter the weights no later than 48 hours before the flight."),
            # ... in a request to confirm, too, when it says it is the latest
            Example(
                reply="We will call. Please confirm sizes no later than 6 weeks before the wedding."
            ),
            Example(reply="Our driver will phone you 48 hours before delivery."),
            Example(reply="We'll have your boots ready; please arrive 10 minutes early."),
            # times offered to choose from: whichever is picked, the step's time
            Example(reply="Our fitter can visit. Would Tuesday or Thursday morning suit you?"),
            Example(reply="We've got a table free at 7pm or 8.30pm - which would you prefer?"),
            # ... or in the sentence before the question that asks which
            Example(reply="We've got Thursday at 8:30 or Friday at 2pm. Want one of those?"),
            # a booking pencilled in for a day
            Example(reply="We'll treat it again. I've pencilled you in for Tuesday morning."),
            # an event that happens then, named by a possessive after "to"
            Example(reply="We've added your address to tomorrow's round."),
            # a clock time or a day after a colleague's or the agent's own commitment, a
            # month after the agent's
            Example(reply="The engineer will call you at 3pm to arrange access."),
            Example(reply="We'll arrive at 6:30 to set up the stage."),
            Example(reply="I'll ring you the evening before to confirm the slot."),
            Example(reply="We'll text you the gate code on the morning of your arrival."),
            Example(reply="We'll post your statement on the first of every month."),
            Example(reply="We'll post your seedlings in mid-April, once the frosts are over."),
            Example(reply="I'll message the surgery now to chase your prescription."),
            Example(reply="We'll resize it while you wait, usually in under an hour."),
            Example(reply="I'm transferring you to our claims team now."),
            Example(reply="Our billing team will email you within 24 hours."),
            Example(reply="I'll send the replacement today."),
            Example(reply="I've booked you in for Monday at 10am with our optician."),
            Example(reply="I've scheduled the engineer for 14 May."),
            Example(reply="A technician will call you by Friday."),
            Example(reply="Your refund will reach your card in 3-5 business days."),
            Example(reply="We will post the replacement by 30 June."),
            # Indian English's "as soon as possible"
            Example(reply="Kindly DM your complaint number; we will revert at the earliest."),
            # a day and a month, with no year
            Example(reply="The transport office will clear your file by 20/03."),
            Example(reply="I will call you back by 5pm."),
            Example(reply="Your car should be ready by about 10:15."),
            # a change done, with the day it takes effect, in the American order too
            Example(reply="I've switched you to weekly cleanings starting Tuesday, May 6."),
            Example(reply="We'll email you the board's decision the following week."),
            Example(reply="Our courier will collect the box by 17:00."),
            Example(reply="We will have a new quote for you by the weekend."),
            Example(reply="The sweep will confirm your slot within a fortnight."),
            Example(reply="Our plumber will ring you back in half an hour."),
            Example(reply="We'll have your keys cut by noon."),
            Example(reply="I'll call the landlord first thing Monday."),
            Example(reply="Your voucher will be emailed in 2–3 days."),
            Example(reply="<p>Your voucher will be emailed in 2&ndash;3 days.</p>"),
            Example(reply="We are sending your replacement right now."),
            Example(reply="Done! Your plan is now switched to yearly billing."),
            Example(reply="Please restart the app and try again."),
            Example(reply="Could I take your policy number, please?"),
            Example(reply="I've refunded the fee. It should show up within 3-5 working days."),
            Example(reply="Your internet connection should be back by 6pm."),
            Example(reply="We'll watch the line for the next 48 hours and let you know."),
            Example(reply="If you haven't heard from us by Friday, please call us."),
            Example(reply="I've credited £20 to your account, which will show up within 3 days."),
            Example(reply="Your bag is on tomorrow's first ferry; collect it at the port."),
            Example(reply="To confirm your boiler service on [Date]. Please clear the hall."),
            Example(reply="I've moved your fitting to Thursday 14 November at 11:00."),
            # a day of the month without its month; a template field for the number
            Example(reply="Our engineer will call on the 14th to book the survey."),
            Example(reply="We'll book you in for the week of the 20th."),
            Example(reply="We'll send the report within {{sla_days}} working days.", template=True),
            # a field after a booking's "booked for" holds its time, whatever its name
            Example(
                reply="We will call. Your next visit is booked for {%custom.next_visit%}.",
                template=True,
            ),
            # an event that happens then, after "onto"
            Example(reply="I've moved your order onto tomorrow's route."),
            Example(reply="Bring us a fresh water sample next Saturday and we'll test it."),
            Example(reply="Bring it back with the receipt and we'll swap it on the spot."),
            Example(reply="Please report the damage to your insurer as soon as you can."),
            # how long the work takes, as the service states it
            Example(reply="Turnaround is currently 5 to 7 months. We'll email you when it's done."),
            Example(
                reply="We will confirm the interpreters by {{booking.confirm_by}}.", template=True
            ),
            Example(reply="Let me pull up your account, won't be a minute."),
            Example(reply="Your refund is on its way. You should see it by [insert date]."),
            Example(reply="Your lenses will be dispatched on <next dispatch date> as usual."),
            Example(reply="I've refunded the fee. It normally appears within 5 business days."),
            Example(reply="I'm transferring you now. Someone usually picks up within 3 minutes."),
            Example(reply="I've sent your form to our visa team. Please allow 10 days for it."),
            Example(reply="Please hold on, I'm calling the driver. He's about 8 minutes away."),
            # counted from an event: when the step happens, once the event has
            Example(reply="We will close the ticket 24 hours after you reply."),
            Example(reply="Your replacement ships 2 business days after we receive the old one."),
            Example(reply="Your refund will be issued 5–7 days after the return arrives."),
            Example(reply="We'll refund you; it shows on your statement a few days later."),
            Example(reply="We'll collect the old unit within 3 business days of delivery."),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._times = context.analyses.times
        self._steps = context.analyses.steps
        self._takes = Patterns(context.packs, context.make_doc, "timeframe.takes")
        self._field_time_words = tuple(
            word.lower() for word in context.packs.lexicon("timeframe.placeholder_time_words")
        )
        self._field_openers = context.packs.words("timeframe.placeholder_openers")
        self._confirming = context.packs.words("next_step.confirming_verbs")
        self._booking_frames = context.packs.words("timeframe.booking_frames")
        self._booked_for = context.packs.words("timeframe.booked_for")
        self._booked_not_times = context.packs.words("timeframe.booked_field_not_times")
        self._move_verbs = context.packs.words("timeframe.move_verbs")
        self._irregular_participles = context.packs.words("timeframe.irregular_participles")
        self._choice_askers = context.packs.words("timeframe.choice_askers")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        steps = reply.next_steps
        if not steps:
            return Verdict(present=False, applicable=False, reason="the reply has no next step")
        return self._verdict(reply, steps)

    def detect_after(self, reply: AnalyzedReply, basis: Span) -> Verdict | None:
        """The model read a next step in ``basis`` (a sentence) where the rules read
        none: when that sentence says when it happens ("Refunds go back to your card
        within 5-7 working days"), the step is timed, rather than "the reply has no next
        step" under a report that says it has one. An untimed one is left as the rules
        had it (not applicable, no finding): a step only the model reads may be wrong,
        and a finding on it would stack a second alarm on a doubtful first. Its words
        are unknown, so it is read from the sentence's start: a question asks (only a
        deadline times it), anything else is read as a plan ("scheduled"), which any
        time in it that is not a past event's times."""
        if reply.next_steps:
            return None  # the rules' steps were timed (or not) already
        kind: StepKind = "question" if basis[-1].text == "?" else "scheduled"
        step = Step(kind=kind, sentence=basis, evidence=basis[:1])
        verdict = self._verdict(reply, [step])
        return verdict if verdict.present else None

    def _verdict(self, reply: AnalyzedReply, steps: Sequence[Step]) -> Verdict:
        """Whether `steps` (at least one) say when they happen."""
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
            # for {{delivery_date}}" (a plan whose time is a template field), "your
            # chimney sweep on [Date]" (the customer's booking and its template date)
            duration = self._takes.first(sentence)
            if duration is None and reply.placeholder_spans:
                duration = self._field_beside(reply, sentence)
            if duration is not None:
                return Verdict(present=True, evidence=duration, confidence=0.7)
        # each step read once for a company step beside it (the step finder runs again)
        alone = [self._customers_alone(step) for step in steps]
        if all(alone) and not _company_may_act(reply):
            # "Could I take your policy number?", "Restart the app": the customer acts
            # next, now; when the company will act is what a time would tell, and no
            # step here is the company's
            return Verdict(
                present=False, applicable=False, reason="every step is the customer's to take"
            )
        # the finding points where the time belongs: the first step of the company's
        # still to come, else the first step still to come
        ahead = [
            (step, mine)
            for step, mine in zip(steps, alone, strict=True)
            if step.kind != "completed"
        ]
        pending = next(
            (step for step, mine in ahead if not mine), ahead[0][0] if ahead else steps[0]
        )
        return Verdict(
            present=False,
            reason="no step says when",
            confidence=0.7,
            missing_at=pending.sentence,
        )

    def _customers_alone(self, step: Step) -> bool:
        """The step is done, or the customer's with no step of the company's beside it in
        its sentence ("Please restart the app", not "We'll send a new card; please
        activate it")."""
        if step.kind == "completed":
            return True
        return step.customers and self._steps.company_step(step.sentence) is None

    def _timeframe(self, reply: AnalyzedReply, step: Step) -> Span | None:
        """A time in the step's sentence, not cut off from the step by a link that ends
        an unpunctuated sentence. In a question or a request to confirm details ("please
        confirm 2 tickets on March 5th") only a deadline times the step."""
        if step.when is not None:  # the short wait of a live-chat hold
            return step.when
        question = step.sentence
        if step.kind == "question" and not self._choice_askers.isdisjoint(
            lowers(question.doc)[question.start : question.end]
        ):
            # "We've got Thursday at 8:30 or Friday at 2pm. Want me to pop you in for one
            # of those?": the question asks which of the times the sentence before offers
            # (``timeframe.choice_askers``; "It broke on Monday or Tuesday. Can you send a
            # photo?" asks for something else)
            before = _sentence_before(reply, step.sentence)
            offered = None if before is None else self._times.offered_times(before)
            if offered is not None:
                return offered
        asking = step.kind == "question" or (
            step.kind == "instruction" and step.evidence[-1].lower_ in self._confirming
        )
        # the agent's own work may say how long it goes on ("we'll monitor it for the
        # next 48 hours"); anyone else's span is how long a state lasts
        ongoing = step.kind == "commitment"
        fields = self._date_fields(reply, step.sentence)
        when = self._times.for_step(
            step.sentence, step.evidence, asking=asking, ongoing=ongoing, fields=fields
        )
        parted = None if when is None else _semicolon_between(when, step.evidence)
        if when is None or parted is None or self._clause_steps(step.sentence, when, parted):
            return when
        # "Fees start within 10 minutes of parking; we'll email you the receipt": the
        # time is when the other clause's policy applies; the step's own part may still
        # say when ("... ; today we'll email you the receipt")
        own = step.sentence.doc[parted + 1 : step.sentence.end]
        return self._times.for_step(
            own, step.evidence, asking=asking, ongoing=ongoing, fields=fields
        )

    def _clause_steps(self, sentence: Span, when: Span, parted: int) -> bool:
        """The clause holding `when`, up to the semicolon at `parted`, takes a step of its
        own that `when` times ("Your card ships today; please activate it"), not a
        general rule ("Returns are accepted within 30 days; I'll send the form")."""
        start = next(
            (i + 1 for i in range(when.start - 1, sentence.start - 1, -1)
             if sentence.doc[i].text in _INDEPENDENT_CLAUSE_BREAKS),
            sentence.start,
        )  # fmt: skip
        found = self._steps.classify(sentence.doc[start:parted])
        return found is not None and not found.policy

    def _date_fields(self, reply: AnalyzedReply, sentence: Span) -> list[Span]:
        """The template dates of `sentence` with the time preposition before them: "on
        {{subscription.end_date}}", "confirmed for {{appointment.datetime}}", "departing
        {{tour.start_date}}" (a macro's dates are fields). A field after "until" is not
        one: it is when a state ends ("closed until {{reopen_date}}"). A drafter's note
        ("by [insert date]") counts too. Most sentences hold neither, and are not read
        token by token (this runs for every step)."""
        if not reply.placeholder_spans and not any(b in text_of(sentence) for b in _SLOT_BRACKETS):
            return []
        fields = []
        for token in sentence[1:]:
            opener = token.i - 1
            if token.nbor(-1).text in _FIELD_BRACKETS and opener > sentence.start:
                opener -= 1  # "on [[NEW_DATE]]", "by [insert date]": in brackets
            if not self._opens_field(sentence, opener):
                continue
            end: int | None = token.i + 1
            if reply.placeholder_spans and reply.in_placeholder(token.idx, token.idx + len(token)):
                _, _, original = reply.to_original(token.idx, token.idx + len(token))
            else:
                end = self._drafting_slot_end(sentence, token)
                if end is None:
                    continue
                original = sentence.doc[token.i : end].text
            dated = any(
                word in original.lower() for word in self._field_time_words
            ) or self._booked_for_field(sentence, opener, original)
            if dated and not self._passive_past(sentence, opener):
                fields.append(sentence.doc[opener:end])
        return fields

    def _booked_for_field(self, sentence: Span, opener: int, original: str) -> bool:
        """A field right after a booking's participle and "for" holds its time whatever
        its name ("your next visit is booked for {%custom.next_visit%}"), unless a part
        of its name says what else it holds ("booked for {{party_size}}")."""
        if opener - 1 < sentence.start or sentence.doc[opener].lower_ != "for":
            return False
        if sentence.doc[opener - 1].lower_ not in self._booked_for:
            return False
        parts = set(re.split(r"[^a-z]+", original.lower()))
        return self._booked_not_times.isdisjoint(parts)

    @staticmethod
    def _drafting_slot_end(sentence: Span, token: Token) -> int | None:
        """Where a drafter's note for a value ends, when ``token`` opens one: "by
        [insert date]", "on <next dispatch date>" (the words left for the agent to fill
        in, in square or angle brackets, a few words long). Not a template field, so
        not a placeholder; a date all the same, once the agent fills it in. The end is
        the token after the closing bracket; None when ``token`` opens no such note."""
        if token.i == sentence.start or token.nbor(-1).text not in _SLOT_BRACKETS:
            return None
        closer = _SLOT_BRACKETS[token.nbor(-1).text]
        for i in range(token.i, min(token.i + _SLOT_WORDS, sentence.end)):
            word = sentence.doc[i]
            if word.text == closer:
                return i + 1 if i > token.i else None
            if not word.is_alpha:
                return None
        return None

    def _opens_field(self, sentence: Span, opener: int) -> bool:
        """A time preposition before a template field, or "to" after a verb that moves a
        booking ("moved to {{new_date}}", "rescheduled your visit to [[DATE]]"): "to"
        after other words goes to a place or a person ("sent to {{email}}")."""
        word = sentence.doc[opener].lower_
        if word in self._field_openers:
            return True
        if word != "to":
            return False
        before = sentence.doc[max(sentence.start, opener - _MOVE_REACH) : opener]
        return any(token.lower_ in self._move_verbs for token in before)

    def _passive_past(self, sentence: Span, opener: int) -> bool:
        """The field is the date of a past event told in the passive, the participle
        right before its preposition (an agent "by us" between): "your final payment
        was taken on {{last_payment_date}}", "the van was returned on [return_date]",
        "the hold was cancelled by us on [release_date]". A booking moved or made ("your
        visit has been rebooked for {{new_date}}") has no "was" or "were"."""
        words = [token.lower_ for token in sentence.doc[sentence.start : opener]]
        if len(words) >= 2 and words[-2] == "by":
            words = words[:-2]
        if len(words) < 2 or words[-2] not in _PASSIVE_PAST:
            return False
        participle = words[-1]
        return participle.endswith(("ed", "en")) or participle in self._irregular_participles

    def _field_beside(self, reply: AnalyzedReply, sentence: Span) -> Span | None:
        """A template date beside the steps that times what happens next: a plan's
        ("your delivery is booked for {{delivery_date}}"), or the customer's booking's,
        confirmed or stated ("this is to confirm your sweep on [Date] at [Time]", "your
        appointment is on [Date]"), but not a past event's ("your order was placed on
        {{order_date}}", "your instalment due on [Due Date] has not been paid") nor a
        thing merely named ("changes to your journey on {{journey.date}}")."""
        fields = self._date_fields(reply, sentence)
        if not fields:
            return None
        steps = reply.analyses.steps
        for plan in steps.plans(sentence):
            when = self._times.for_step(sentence, plan, fields=fields)
            if when is not None and when in fields:
                return when
        if sentence[-1].text == "?":
            return None
        words = [token.lower_ for token in sentence]
        for field in fields:
            start = field.start - sentence.start
            clause = start
            while clause > 0 and words[clause - 1] not in _CLAUSE_BREAKS:
                clause -= 1
            owner = next(
                (i for i in range(clause, start) if words[i] in SECOND_PERSON_POSSESSIVES), None
            )
            if owner is None or any(self._past(word) for word in words[owner:start]):
                continue
            if self._booking_frames.isdisjoint(words[clause:owner]) and _PRESENT_BE.isdisjoint(
                words[owner:start]
            ):
                continue  # "changes to your journey on {{journey.date}}": no booking said
            rest = words[start:]
            end = next((i for i, word in enumerate(rest) if word in _CLAUSE_BREAKS), len(rest))
            if not NEGATIONS.isdisjoint(rest[:end]) or any(self._past(w) for w in rest[:end]):
                continue  # "your instalment due on [Due Date] has not been paid"
            evidence = sentence[owner : owner + 1]
            if self._times.for_step(sentence, evidence, fields=[field]) == field:
                return field
        return None

    @staticmethod
    def _past(word: str) -> bool:
        """A past form between the customer's thing and its date: the date is when it
        happened ("your payment taken on", "your order was placed on")."""
        return word in PAST_AUXILIARIES or (len(word) > 3 and word.endswith("ed"))

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Add when it will happen, e.g. "within 24 hours" or "by Friday".'


#: What parts two independent clauses of a sentence: a time before it is its clause's,
#: not a step's after it. A comma or a colon does not ("By Friday, we'll call you",
#: "the plan for today: we'll call you").
_INDEPENDENT_CLAUSE_BREAKS = frozenset({";", "\uff1b"})


def _sentence_before(reply: AnalyzedReply, sentence: Span) -> Span | None:
    """The reply's content sentence right before `sentence`, if any."""
    previous = None
    for candidate in reply.sentences:
        if candidate.start >= sentence.start:
            return previous
        previous = candidate
    return None


def _semicolon_between(when: Span, evidence: Span) -> int | None:
    """The index of the last semicolon between a time and the step after it, or None
    (also when the time is not before the step)."""
    doc = when.doc
    return next(
        (i for i in range(evidence.start - 1, when.end - 1, -1)
         if doc[i].text in _INDEPENDENT_CLAUSE_BREAKS),
        None,
    )  # fmt: skip


#: Words after which someone may be acting for the customer, though the step finder
#: reads no step there: a third party's or a department's future ("FedEx will pick it
#: up", "Engineering will investigate"), a passive in progress ("a new card is being
#: sent"), a purpose ("so we can refund you"), an offer ("would you like me to send a
#: new one?", "allow us to look into this").
_AFTER_SO = frozenset({"we", "our", "someone", "they", "i", "the"})


def _company_may_act(reply: AnalyzedReply) -> bool:
    """Whether the reply may hold a step of the company's that the step finder does not
    read: then a reply whose read steps are all the customer's still asks for a time."""
    words = lowers(reply.doc)
    for i, word in enumerate(words):
        if word in FUTURE_SPELLINGS or word == "being":
            return True
        following = words[i + 1] if i + 1 < len(words) else ""
        if (word == "so" and following in _AFTER_SO) or (
            word in ("me", "us") and following == "to"
        ):
            return True
    return False
