"""next_step: the reply says what happens next or what the customer should do.

Standard: *manage expectations* and *collaborate or hand off*. An instruction ("please DM
us your order number"), a commitment ("our billing team will email you"), a handoff, a
question asking for what is needed to proceed, or a link offered as the way to do
something (a pointer whose purpose is only information, "for more details, see <link>",
is not one); a scheduled fact about the customer's thing ("your new card arrives within 3
days") counts too. An action already taken for the customer counts when it says when
something comes of it ("I've moved your booking to Friday", "your borrowing is unblocked
straight away") or what it means for the customer, beside another step, or in a reply
that speaks of the future; alone and untimed ("I've removed the late fee.", "Your
reservation has been cancelled.") it tells the customer nothing of what happens next, and
the guide's annotators call it no step (11 of 16 such replies in the training split and
audit V). "Let us know if you need anything" and hopes ("hopefully it's back soon") are
not next steps. The sentence classifier lives in ``replylint.next_steps``.
"""

from __future__ import annotations

from typing import ClassVar

from replylint.analysis import AnalyzedReply
from replylint.grammar import FUTURE_SPELLINGS, SECOND_PERSON
from replylint.next_steps import SO, Step
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict


class NextStepRule(PresenceRule):
    id = "next_step"
    default_severity = Severity.error
    weight = 30
    standard = "Manage expectations"
    rationale = (
        "A reply that does not say what happens next, who does it, or what the customer "
        "should do leaves them waiting and writing again."
    )
    missing_message = "The reply does not tell the customer what happens next."
    missing_anchor: ClassVar = "end"
    examples = Examples(
        fire=[
            Example(reply="Thanks for the feedback! Let us know if you need anything."),
            Example(reply="Hopefully the service will be back soon."),
            Example(reply="Show times are listed on our website."),
            # "worth" and a remark, or no gerund: nothing recommended
            Example(reply="It's worth noting that the booking fee is £5."),
            Example(reply="Do you have any other questions about your plan?"),
            Example(reply="If you need assistance, please DM us."),
            Example(reply="I'd be happy to look into this for you."),
            Example(reply="Your new card reaches you by post."),
            Example(reply="This is done by clicking the blue icon."),
            Example(reply="Hopefully your broadband will be back by 6pm."),
            Example(reply="Contact us for support if needed."),
            Example(reply="The annual plan will cost £90 from January."),
            # what one thing leads on from, not what follows and when
            Example(reply="This follows on from today's update about the new timetable."),
            # how things go, not the customer's thing waiting for them
            Example(reply="Repairs are usually ready to collect in about a week."),
            Example(reply="Orders over 20 kg are ready to collect after 3 days."),
            # what the customer will notice, with no time: a description
            Example(reply="Every ring is hallmarked, so you'll see the 750 mark inside the band."),
            # a policy in force from a date, on nobody's case
            Example(reply="From 1 June, Switzerland will be added to the roaming add-on."),
            Example(reply="We will consider extending our opening hours."),
            Example(reply="Call volumes are very high today."),
            Example(reply="Pay is processed on Fridays."),
            Example(reply="Please bear with us."),
            Example(reply="The page will reload by itself."),
            Example(reply="For more information, please visit https://example.com/prices"),
            # a file name is no link ending a clause: "file" is its noun
            Example(reply="It fails when the prefs.js file mentions an old account."),
            Example(reply="Want to know more about our plans? We have three."),
            Example(reply="The limit is £100. You'll occasionally be asked for your PIN."),
            # an action already taken, alone and untimed: nothing said of what comes next
            Example(reply="All set! Your account has been reactivated."),
            Example(reply="I've switched your plan to yearly billing."),
            Example(reply="Your account is unlocked now."),
            Example(reply="Your invoice will show 'VAT 0% - reverse charge'."),
            Example(reply="Our summer sale starts Thursday at midnight."),
            Example(reply="Please accept our condolences. Take care!"),
            # a farewell said with "have" names no state to be ready in
            Example(reply="Thanks for the kind words! Have a great day."),
            Example(reply="Looking at your screenshot, the add-on is switched off."),
            # a purpose's noun that looks like a verb ("book") is no instruction
            Example(reply="To keep my address book tidy I made a filter for it."),
            # a perfect in a condition: nothing was done for the customer
            Example(reply="Sorry, we can't change the name on a ticket once it has been issued."),
            # a refusal, and the state that explains it: nothing was done for the customer
            Example(reply="We can't reopen it. Your account is closed now."),
            # a general rule alone: nothing is in motion for this customer
            Example(reply="Refunds normally go back to your original card within 5-7 days."),
            # a contact idiom with a generic condition is an offer
            Example(reply="Thanks! Feel free to get in touch if you have any questions."),
            Example(reply="Give us a shout if you need anything else."),
            # help offered on contact, and a refusal on a condition: no step
            Example(reply="We'd be glad to help if you reach out."),
            Example(reply="We can't refund it if the seal is broken or if you open it."),
            # a feeling foretold, a guess at what a thing will need, a policy from a date
            Example(reply="Aw, Bev will be thrilled to hear this. Thanks for the shout out!"),
            Example(reply="From what you describe, it'll probably need a new seal."),
            Example(reply="Yes, sadly from 1 March our Friday van will only cover the harbour."),
            Example(reply="A quick note: from 20 December to 2 January each visit costs £5 more."),
            Example(reply="A quick note: from 20 December to 2 January each visit will cost £5."),
            # a notice of information, and a prohibition of nothing the step list knows
            Example(reply="Please note that from 1 January hawk walks will be £65 per person."),
            Example(reply="Don't worry, it happens to everyone!"),
            # what the customer said, passed on: nothing promised by itself
            Example(reply="What a lovely message! I've passed your kind words on to Sunil."),
            # what the customer may want in general, not one thing to go ahead with
            Example(reply="The quote is £240 for the repair. Let me know if you'd like any help."),
            Example(reply="Our brochure covers the range. Let us know if you want to know more."),
        ],
        pass_=[
            Example(reply="You'll see the refund on your statement within 5 days."),
            # what to have ready, and in what state
            Example(reply="Please have your order number ready when you call us."),
            # someone else's promise, passed on
            Example(reply="The plumber has promised to call you this afternoon."),
            # what follows a visit, and when
            Example(reply="The written report follows within 3 working days of the visit."),
            # the customer's thing waiting for them: come and collect it
            Example(reply="Hi Jo, good news: your bike's repaired and ready to collect."),
            # ... named by its number
            Example(reply="Yes! Order #48213 is ready for pickup at the front counter."),
            # the same opening, on the customer's own thing or by the agent
            Example(reply="From Monday your account will move to the new plan."),
            Example(reply="From tomorrow we'll send the new boxes by tracked post."),
            # a contact idiom tied to something specific instructs
            Example(reply="Get in touch with the courier on 0300 123 456 to rebook it."),
            Example(reply="Drop us a line with your order number and we'll look into it."),
            # a third party's part, with its time, is what happens next
            Example(reply="We released the hold; your bank can take up to 10 days to return it."),
            Example(reply="Please DM us your order number."),
            Example(reply="Try clearing the cache, then restart the app."),
            # an emphatic "do" before the imperative
            Example(reply="Do bring your passport to the appointment."),
            # the next step named as such
            Example(reply="Thanks for the photos. The next step is to book a survey."),
            Example(reply="The best course of action would be to tell the venue directly."),
            # an offer that waits on the customer's action: the condition instructs
            Example(reply="We can look into it if you send your booking details in a DM."),
            # someone who acts, hedged; a page to act on, linked in Markdown
            Example(reply="Your engineer will probably call first."),
            # ... and what the one it went to will do, in a relative clause
            Example(reply="I've shared your comments with the site manager, who will call you."),
            # a yes to one thing asked for, which the agent waits on to act
            Example(reply="The quote is £240 for the repair. Let me know if you want to go ahead."),
            Example(reply="It's £85. Please reply to confirm if you'd like us to proceed."),
            Example(reply="There's a 7pm slot free. Let me know if you'd like me to book it."),
            # a prohibition or a reminder instructs; an invitation wherever it stands
            Example(reply="Please don't put any cream on the area for a week beforehand."),
            Example(reply="Don't forget to bring your ID on the day."),
            Example(reply="There are kennels by the car park you're welcome to use for free."),
            Example(reply="Here's the booking page: [Junior sessions](https://example.com/jnr)"),
            Example(reply="To restore access, pay the balance on the billing page."),
            # hands-on instructions of goods and trades
            Example(reply="To bring it back, stand the jar in warm water and stir."),
            Example(reply="Welcome back! Walk to the island and wait at bay 12.", channel="chat"),
            Example(
                reply="Your car insurer may cover it, so it could be worth giving them a call."
            ),
            Example(reply="There's a pump-out at the junction; show them your hire pack."),
            # a fronted purpose without its comma, or a clause a link ends
            Example(reply="To see the bar all the time open the config editor."),
            Example(reply="If you go to https://example.com/app make sure iOS is selected."),
            Example(reply="I've passed this to our billing team, who will email you."),
            Example(reply="Which version of the app are you using?"),
            Example(reply="If the app still crashes, reinstall it."),
            Example(reply="We will fix this in the next release."),
            Example(reply="Your new card arrives within 3 working days."),
            Example(
                reply="Please post the item back. Refunds go back to your card within 5-7 days."
            ),
            Example(reply="Your order ships in 2-4 working days."),
            Example(reply="Your broadband should be back by 6pm."),
            Example(reply="If the credit does not appear in 3 days, please contact support."),
            Example(reply="Your replacement card will arrive by Friday."),
            Example(reply="I'm checking the stock in our other store, bear with me."),
            Example(reply="We've reissued your ticket."),
            # a question after a lead-in, and an instruction after ", so"
            Example(reply="Roughly how big is the hedgehog?", channel="chat"),
            Example(reply="Returns take two days, so check the tracking page on Friday."),
            # an action already taken, with when something comes of it
            Example(reply="I've moved your fitting to Friday at 10am."),
            Example(reply="All set! Your account is unblocked straight away."),
            Example(reply="I've cancelled the order and we'll refund you within 5 days."),
            Example(reply="Once you sign in, the app will show your new plan."),
            Example(reply="I can move you to monthly billing. Want me to do that?"),
            Example(reply="Shall I cancel the second order for you?"),
            Example(reply="I'm transferring you to our claims team now."),
            Example(reply="The technician will show you how to use the new boiler."),
            Example(reply="Our sales desk will send you a quote within a day."),
            Example(reply="Walk-ins are welcome until 6pm, or book online at example.com/flu"),
            Example(reply="Or call us on 0800 123 456."),
            Example(reply="I can book an engineer visit for Thursday, if that suits you."),
            Example(reply="Take care when you lift the panel off: the edge is sharp."),
            Example(reply="One sec, just checking that for you.", channel="chat"),
            Example(
                reply="For more information on how to reset your PIN, see https://example.com/pin"
            ),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._times = context.analyses.times
        self._field_time_words = tuple(
            word.lower() for word in context.packs.lexicon("timeframe.placeholder_time_words")
        )

    def detect(self, reply: AnalyzedReply) -> Verdict:
        steps = reply.next_steps
        if steps and self._only_done_untimed(reply, steps):
            return Verdict(
                present=False,
                reason="the reply only reports an action already taken, and not what comes of it",
                confidence=0.6,
            )
        if steps:
            step = steps[0]
            return Verdict(
                present=True, reason=f"{step.kind}", evidence=step.evidence, confidence=0.8
            )
        return Verdict(present=False, confidence=0.75)

    def _only_done_untimed(self, reply: AnalyzedReply, steps: tuple[Step, ...]) -> bool:
        """Every step is an action already taken, and nothing says what comes of it: no
        step's sentence holds a time ("unblocked straight away", "moved to Friday"), a
        template field named for one ("{{booking_date}}") or goes on to what it means for
        the customer ("I've applied the discount, so it shows when you refresh"), and no
        sentence of the reply speaks of the future ("Your address has been updated. The
        warehouse will ship the order to the new address.", a step in words the step
        finder does not read as one)."""
        if any(step.kind != "completed" for step in steps):
            return False
        if any(
            self._times.appear_in(step.sentence)
            or self._dated_field(reply, step)
            or _consequence(step)
            for step in steps
        ):
            return False
        return not any(
            token.lower_ in FUTURE_SPELLINGS for sentence in reply.sentences for token in sentence
        )

    def _dated_field(self, reply: AnalyzedReply, step: Step) -> bool:
        """A template field in the step's sentence whose name says it holds a time
        ("{{new_date}}", "[[slot_time]]": ``timeframe.placeholder_time_words``)."""
        if not reply.placeholder_spans:
            return False
        sentence = step.sentence
        for token in sentence:
            if reply.in_placeholder(token.idx, token.idx + len(token)):
                _, _, original = reply.to_original(token.idx, token.idx + len(token))
                if any(word in original.lower() for word in self._field_time_words):
                    return True
        return False

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return (
            "Say what happens next, who does it and when (e.g. \"I've asked our billing "
            'team to refund you; you will get an email within 24 hours"), or what the '
            "customer should do."
        )


def _consequence(step: Step) -> bool:
    """After the action's words, its sentence goes on to what it means for the customer:
    "so" and then the customer ("..., so you can sign in", "so it shows when you
    refresh"); "I've removed you manually so it's done" only says it is done."""
    doc = step.sentence.doc
    after = [token.lower_ for token in doc[step.evidence.end : step.sentence.end]]
    if SO not in after:
        return False
    return not SECOND_PERSON.isdisjoint(after[after.index(SO) + 1 :])
