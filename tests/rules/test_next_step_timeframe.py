"""next_step_timeframe, run alone: a step says when it happens (dates, clock times,
durations, ranges, "right away"); hours, versions and rates are not timeframes; a reply
without a step, or whose steps are done already, asks for no time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "next_step_timeframe"

TIMED = [
    "I've booked our engineer for first thing tomorrow.",
    "We'll send the signed lease back by close of play Friday.",
    "Your delivery will now arrive the week of 14 July.",
    "We will rebook the visit for the week commencing March 3.",
    "Your refund reaches your card within 5 business days.",
    "It should reach you by Friday.",
    "Our billing team will email you within 24 hours.",
    "I'll send the replacement today.",
    "A technician will call you by Friday.",
    "Your refund will reach your card in 3-5 business days.",
    "We'll get back to you shortly.",
    "I've escalated this; you'll hear from us as soon as possible.",
    "We're sending a new one right away.",
    "Please call us immediately on 0800 123 456.",
    "Please run a speed test once the modem is back. It can take up to 10 minutes to restart.",
    "The fix is coming in our next release, so please update then.",
    "Your feedback has been passed to the product team with urgency.",
    "Your plan will end on {{subscription.end_date}}.",
    "Our panel will review your application in {{decision_month}}.",
    "We will call you to confirm the visit booked for {{appointment.datetime}}.",
    "We will send an update no later than {{next_update_time}}.",
]
UNTIMED = [
    "Our billing team will email you.",
    "Press and hold the power button for 10 seconds.",
    "Leave the dressing on for 3–5 days, then peel it off in the shower.",
    "We will refund you once the outage is over.",
    "Our office hours are 9am to 5pm. Please call us.",
    "Hopefully the service will be back soon.",
    "Please reply at your earliest convenience with your order number.",
    "For billing questions, please follow the steps in the next link: https://example.com",
    "We do our best to make the app as fast as possible. Please clear the cache.",
    "Your order {{order.id}} will ship in {{order.warehouse}}.",
    "We will send the new card for {{customer.first_name}}.",
]


@pytest.mark.parametrize("reply", TIMED)
def test_timeframe_present(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", UNTIMED)
def test_timeframe_missing(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply).present


def test_an_untimed_step_is_reported_as_info_with_a_suggestion(rule: RuleUnderTest) -> None:
    (finding,) = rule.findings("Our billing team will email you.")
    assert finding.severity.value == "info"
    assert finding.text == "Our billing team will email you."  # the step that says no time
    assert finding.suggestion and "within 24 hours" in finding.suggestion


def test_timeframe_not_applicable_without_step(rule: RuleUnderTest) -> None:
    result = rule.verdict("Thanks for the feedback!")
    assert not result.applicable and not result.present
    assert rule.passes("Thanks for the feedback!")


# -- scheduled facts carry their time; completed actions need none --------------------

SCHEDULED = [
    "Your refund reaches your bank in 5 days.",
    "Your delivery takes 7-10 working days.",
    "Your parcel is out for delivery today.",
    "Your new card usually arrives within 3 working days.",
    "Your refund takes 5–7 business days to appear on your statement.",
    # a general rule, beside a step that puts it in motion for the customer
    "Please post the item back to us. Refunds take 5–7 business days to appear.",
    "The technician arrives on 3 July between 8am and noon.",
    "Your order #4471 ships by Friday.",
]
COMPLETED = [
    "Done! Your plan is now switched to annual.",
    "All set, your account has been reactivated.",
    "You're all set.",
    "Your subscription has been cancelled as requested.",
    "I've cancelled your subscription.",
    "I have gone ahead and refunded the shipping fee for you.",
    "We switched your plan to the yearly one.",
    "Your password is now reset.",
]


@pytest.mark.parametrize("reply", SCHEDULED)
def test_scheduled_fact_is_a_timed_step(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result


@pytest.mark.parametrize("reply", COMPLETED)
def test_a_step_already_taken_asks_for_no_time(rule: RuleUnderTest, reply: str) -> None:
    # done already: no "does not say when" finding
    assert rule.passes(reply)


# -- time expressions ------------------------------------------------------------------

WHEN = {
    "We will post the new card by 30 June.": "by 30 June",
    "A technician will visit on 3 July.": "on 3 July",
    "We will ship it by the 3rd of July.": "by the 3rd of July",
    "We will send the quote by 2024-07-03.": "by 2024-07-03",
    "I will call you back by 5pm.": "by 5pm",
    "I will call you back by 5 p.m.": "by 5 p.m.",
    "Our courier will collect it by 17:00.": "by 17:00",
    "We will fix the listing by the weekend.": "by the weekend",
    "We will update the ticket by the end of business.": "by the end of business",
    "You will get a code within a minute.": "within a minute",
    "A driver will call you within about an hour.": "within about an hour",
    "Please send the form back by the end of May.": "by the end of May",
    "We'll confirm your pitch before the end of June.": "before the end of June",
    "We are sending your replacement right now.": "right now",
    "Your refund will reach your card in 3–5 business days.": "3–5 business days",
    "<p>Your refund will reach your card in 3&ndash;5 business days.</p>": "3–5 business days",
    "Your refund will reach your card in 3&ndash;5 business days.": "3–5 business days",
    "Please expect a call within 12—24 hours.": "12—24 hours",
    # a weekday with its date needs no preposition
    "I've moved your fitting to Thursday 14 November at 11:00.": "moved your fitting to Thursday",
    "The next collection on your road is Friday 8 March, please put the bin out.": "Friday 8 March",
    "We'll fit the new boiler Monday the 3rd of June.": "Monday the 3rd of June",
}


@pytest.mark.parametrize(("reply", "expected"), WHEN.items())
def test_common_date_and_time_forms_are_timeframes(
    rule: RuleUnderTest, reply: str, expected: str
) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert result.evidence == expected


NOT_WHEN = [
    "Our store is open 9am to 5pm. Please call us.",
    "Please update to version 12.3.1 and restart.",
    "You can pay for the plan by the month.",
    "Please read our announcement here: https://example.com/news We are busy right now.",
    "Please hold the button for 10 seconds.",
]


@pytest.mark.parametrize("reply", NOT_WHEN)
def test_hours_versions_rates_and_other_sentences_are_not_timeframes(
    rule: RuleUnderTest, reply: str
) -> None:
    assert not rule.verdict(reply).present
    assert rule.fires(f"Our team will email you. {reply}")  # beside a step of the company's


# -- what a time belongs to -------------------------------------------------------------


def test_a_reply_of_steps_already_taken_needs_no_time(rule: RuleUnderTest) -> None:
    """A step already taken leaves nothing to time: no finding, and no time claimed."""
    result = rule.verdict("I've removed the late charge from your account.")
    assert not result.present and not result.applicable
    assert rule.passes("I've removed the late charge from your account.")


@pytest.mark.parametrize(
    "reply",
    [
        "I've reset your door code, it should work within 30 seconds.",
        "I've refunded the booking fee. It should show up within 3-5 working days.",
        "We've moved your card balance to a new card, which will be posted within 5 days.",
    ],
)
def test_a_step_taken_says_when_it_takes_effect(rule: RuleUnderTest, reply: str) -> None:
    assert rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "Please confirm 2 tickets for the jazz night on March 5th.",
        "Do you want the table on Friday at 7pm?",
        "Can you confirm you'd like the room for next Tuesday?",
    ],
)
def test_a_date_asked_about_is_not_the_steps_time(rule: RuleUnderTest, reply: str) -> None:
    """In a question or a request to confirm details, a date is the booking's."""
    assert not rule.verdict(reply).present
    assert rule.fires(f"Our team will email you. {reply}")  # beside a step of the company's


@pytest.mark.parametrize(
    "reply",
    [
        "Would Tuesday morning or Thursday afternoon next week suit you?",
        "Shall I move your booking to tomorrow at 10am or Saturday at 2pm?",
        "We've got tables at 6:00 or 8:30 tonight, which would you prefer?",
        "We've got Thursday at 8:30 or Friday at 2pm. Want me to book one of those?",
        "We have Monday or Tuesday free. Which would you prefer?",
    ],
)
def test_times_offered_to_choose_from_time_the_step(rule: RuleUnderTest, reply: str) -> None:
    """Times joined by "or" in a question are offered slots: the step's time."""
    assert rule.verdict(reply).present
    assert rule.passes(f"Our team will email you. {reply}")


@pytest.mark.parametrize(
    "reply",
    [
        "Shall I move you to the same time next Saturday, or would you prefer a refund?",
        "Was it Monday or Tuesday that the parcel came?",
        "Did it stop on Monday or Tuesday?",
        # times in the sentence before a question that asks for something else
        "It stopped on Monday or Tuesday. Can you send a photo?",
    ],
)
def test_one_time_or_times_past_are_not_offered(rule: RuleUnderTest, reply: str) -> None:
    """One time against another choice, or times of the past, offer no slot."""
    assert not rule.verdict(reply).present
    assert rule.fires(f"Our team will email you. {reply}")


@pytest.mark.parametrize(
    "reply",
    [
        "Could I take your policy number, please?",
        "Please restart the app and try again.",
        "Follow the steps in this guide: https://example.com/reset",
        "I've reset your password. Please sign in again.",
        "Let me know your order number, please.",
    ],
)
def test_steps_the_customer_takes_ask_for_no_time(rule: RuleUnderTest, reply: str) -> None:
    """When every step is the customer's (or already done), the customer acts now: a time
    tells when the company acts, and none of the steps is the company's."""
    verdict = rule.verdict(reply)
    assert not verdict.applicable and verdict.reason == "every step is the customer's to take"
    assert rule.passes(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Please fill in the form. FedEx will pick up the package.",
        "Please DM us your order number so we can refund you.",
        "Please confirm your address. A new card is being sent to you.",
        "Would you like me to send you a replacement?",
    ],
)
def test_a_step_of_anyone_elses_the_finder_misses_still_asks_for_a_time(
    rule: RuleUnderTest, reply: str
) -> None:
    """A future, a passive in progress, a purpose or an offer may carry someone's step
    that the step finder does not read: the reply is not the customer's alone."""
    assert rule.fires(reply)


def test_the_finding_points_at_the_companys_step(rule: RuleUnderTest) -> None:
    reply = "Please send us your order number. Our team will look into it."
    assert rule.spans(reply) == ["Our team will look into it."]


def test_the_agents_let_me_is_a_step_of_the_company(rule: RuleUnderTest) -> None:
    """ "Let me check" is an instruction in form, the agent's step in fact."""
    assert rule.fires("Let me check that with the warehouse.")


def test_a_deadline_in_a_question_is_the_steps_time(rule: RuleUnderTest) -> None:
    assert rule.verdict("Could you send us the signed form by Friday?").present


def test_a_plan_dated_by_a_template_field(rule: RuleUnderTest) -> None:
    """A plan beside the step, whose time is a template date field."""
    dated = "Your boiler service is booked for {{visit.date}}. Please clear the cupboard."
    assert rule.verdict(dated).present
    past = "Your account was suspended on {{suspension.date}}. Please pay the balance."
    assert not rule.verdict(past).present


@pytest.mark.parametrize(
    "reply",
    [
        # the customer's booking, confirmed or stated, with its template date
        "This is to confirm your gutter clean on [Date] at [Time]. Please move the car.",
        "Just a reminder that your eye test is on {{appointment_date}}. Bring your glasses.",
        "We are writing to confirm your stay starting {{booking.arrival_date}}. Bring ID.",
        # a Help Scout field is a value, and a dated one times the step
        "Your plan renews on {%plan.renewalDate%}. Please check your card details.",
        "We'll ring you back on {{callback_slot}}.",
        # a field in brackets of its own: the preposition stands before the bracket
        "Your skip is booked for collection on [[COLLECTION_DATE]]. Please keep it clear.",
    ],
)
def test_a_booking_dated_by_a_template_field(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert "Placeholder" in str(result.evidence)


@pytest.mark.parametrize(
    "reply",
    [
        # when a state ends, not when a step happens
        "The car park is shut for resurfacing until {{reopen_date}}, so please use the "
        "side entrance.",
        "Your cover stays active till {{policy.end_date}}. Please keep your documents.",
        # a past event's date, or a thing only named by its date
        "Your order was placed on {{order_date}}. Please reply with a photo of the damage.",
        "Your instalment due on [Due Date] has not been paid. Please call our team.",
        "There are changes to your trip on {{trip.date}}. Please check the journey planner.",
    ],
)
def test_a_template_date_of_a_state_or_the_past_is_not_the_steps(
    rule: RuleUnderTest, reply: str
) -> None:
    assert not rule.verdict(reply).present


def test_how_far_ahead_is_not_when(rule: RuleUnderTest) -> None:
    assert not rule.verdict("You can book a slot up to 6 weeks ahead.").present


# -- live-chat holds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "expected"),
    {
        "Hi, I'm Tom. One moment while I find your booking.": "One moment",
        "Give me 5 minutes to look through the invoices.": "5 minutes",
        "Let me ask our engineers, won't be long!": "won't be long",
        "Let me pull up your points balance, won't be a minute.": "won't be a minute",
        "I'll move you to our fares team; the wait is around 4 minutes.": (
            "wait is around 4 minutes"
        ),
        "I'm passing you to a specialist. It shouldn't be more than 10 minutes.": (
            "n't be more than 10 minutes"
        ),
    }.items(),
)
def test_an_explained_hold_is_timed_by_its_short_wait(
    rule: RuleUnderTest, reply: str, expected: str
) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert result.evidence == expected


@pytest.mark.parametrize(
    "reply",
    [
        "Bear with me while I look over your plan.",  # a hold without a wait
        "Unplug the router, wait 30 seconds, then plug it back in.",  # the customer's steps
        "Hold the button for 10 seconds, then let go.",
        "Please hold on a moment.",  # a bare hold: no step at all
    ],
)
def test_a_hold_without_a_short_wait_of_its_own_is_untimed(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "Your internet connection should be back by 6pm.",
        "The app should be back up within the hour.",
    ],
)
def test_an_expected_outcome_with_a_time_is_timed(rule: RuleUnderTest, reply: str) -> None:
    """ "Should be back" is an expectation, like "should show up": with a time after it,
    it is a timed plan, not a hope."""
    assert rule.verdict(reply).present


@pytest.mark.parametrize(
    ("reply", "timed"),
    [
        ("We'll watch the line for the next 48 hours and let you know.", True),
        ("Our engineers will monitor the router for the coming 3 days.", True),
        ("The discount runs for the next 2 weeks. Please order here.", False),
        ("Your card stays blocked for the next 30 days. Please call us.", False),
        ("Please avoid using the old card for the next 24 hours.", False),
        ("Open slots are listed for the next 5 working days. Pick one here.", False),
    ],
)
def test_for_the_next_days_times_only_the_agents_ongoing_work(
    rule: RuleUnderTest, reply: str, timed: bool
) -> None:
    """How long the agent's committed work goes on is its time; how long a state lasts
    or how long the customer is to do something is not."""
    assert rule.verdict(reply).present is timed


@pytest.mark.parametrize(
    "reply",
    [
        "Please send us the contract which you signed on 2 March.",
        "We'll replace the parcel you ordered on Monday.",
        "Hi Dana, you returned the item within 14 days, so we will refund you.",
        "We'll send a new router; the reset takes about a minute.",
        "We'll look into the payment that was taken on 4 May.",
        "Please bring the letter we sent on Friday.",
        "If the noise starts again tonight, call our out-of-hours line.",
        "We'll text you as soon as the courier collects it.",
    ],
)
def test_a_time_of_a_past_event_or_a_condition_is_not_the_steps(
    rule: RuleUnderTest, reply: str
) -> None:
    """A time attaches to the nearest clause before it: a relative clause or a past event
    ("the parcel you ordered on Monday"), a condition ("if it starts again tonight")."""
    assert not rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "We'll get it repaired by Friday.",
        "We'll have you booked in on Monday.",
        "Please return the form signed by Friday.",
        "If you haven't heard from us by Friday, please call us.",
        "If I don't hear back in the next 2 minutes, I'll close this chat.",
        "If the claim is approved we'll pay you within 5 working days.",
        "The crew will take the old fridge away when they deliver on Saturday.",
        "I've credited £20 to your account, which will show up within 3 days.",
        "Our manager will call you within 24h.",
        "The gate will open in a few seconds.",
        "I'll post it by the end of Thursday.",
        "The refund will reach the card you booked with within 7-10 working days.",
        "The refund will reach the card you booked with within 7–10 working days.",
        "We'll refund the order you placed in the next few days.",
    ],
)
def test_a_time_of_the_step_itself_is_kept(rule: RuleUnderTest, reply: str) -> None:
    """Objects before a participle ("get it repaired"), a wait in a condition ("if you
    haven't heard by Friday"), the main clause after a condition, and a "when" clause
    still time the step."""
    assert rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "Please check next month's payslip for the change.",
        "I've updated your plan, so it now counts today's class too. Please book online.",
    ],
)
def test_a_time_that_names_a_thing_is_not_the_steps(rule: RuleUnderTest, reply: str) -> None:
    """A possessive time ("next month's payslip") names a thing, not when the step
    happens."""
    assert not rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "Your bag is on tomorrow's first ferry, so please collect it at the port.",
        "The fix is scheduled for this Friday's release.",
        "Your parcel will go out on Monday's van.",
        "We'll send the signed copy by Friday's cut-off.",
    ],
)
def test_a_possessive_time_after_a_preposition_is_when_it_happens(
    rule: RuleUnderTest, reply: str
) -> None:
    """After "on", "for", "during", ... the possessive names an event that happens then."""
    assert rule.verdict(reply).present


def test_the_time_after_the_step_wins_over_one_before_it(rule: RuleUnderTest) -> None:
    """Two times without a comma: the one after the step's words is its own, the one
    before it another clause's."""
    verdict = rule.verdict("Your bin was skipped on Monday we will empty it tomorrow.")
    assert verdict.present
    assert verdict.evidence == "tomorrow"


# -- macros from other tools, and a few more forms -----------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        # every bracket style of a date field times the step like {{delivery_date}}
        "Hi $NAME, your sofa is booked for $DELIVERY_DATE. Please clear the hallway.",
        "Hi ##FIRSTNAME##, our fitter will visit on ##VISIT_DATE##.",
        "Dear <<Surname>>, we will call you on <<call_date>>.",
        "Dear «FirstName», we will post your new card by «DispatchDay».",
        "Hi ${customer.firstName}, the engineer will arrive at ${slot_time}.",
        "Your tyre fitting has been rebooked for [[NEW_DATE]].",
        # a booking moved to a date: "to" after a move verb
        "Your eye test has been moved to {{new_date}}.",
        "I've moved your cleaning visit to Friday.",
        "We've rescheduled it to next Tuesday.",
        # the agent's own work, how long it takes
        "Let me look up your last three bills. It'll take me about five minutes.",
        "Let me pull up your account. This will take about a minute.",
        "I'll rebuild the index for you now; it may take up to an hour.",
        "Change the record at your registrar, then allow up to 24h for it to update.",
        "She reviews claims on Mondays and we'll let you know the outcome the same week.",
    ],
)
def test_macro_date_fields_and_moves_time_the_step(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result


@pytest.mark.parametrize(
    "reply",
    [
        # a field that is no date, a shell variable, a price
        "Hi $NAME, we will send the forms to $CUSTOMER_EMAIL.",
        "Set $HOME first, then run the installer again.",
        "Please pay the $60 balance online.",
        # "to" after other words goes to a place or a person
        "We will forward your letter to {{branch_name}}.",
        "Open Monday to Friday. Please call us.",
        # a date field of a past event in the passive
        "Your last payment was taken on {{last_payment_date}}. Please call our team.",
        "The van was returned by you on [[RETURN_DATE]]. Please send us the keys.",
        "Your deposit was sent on ##REFUND_DATE##. Please check with your bank.",
        # how long the customer's own task takes is not when a step happens
        "Please fill in the form. It takes you about 10 minutes.",
    ],
)
def test_macro_fields_that_are_no_step_time(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply).present


def test_the_finding_points_at_the_step_that_says_no_time(rule: RuleUnderTest) -> None:
    """An agent (or an editor) is shown where the time belongs: the first step still to
    come, not the end of the reply."""
    reply = (
        "Hi Sam, I've cancelled the old order. Our billing team will email you about the "
        "refund. Thanks, Jo"
    )
    assert rule.spans(reply) == ["Our billing team will email you about the refund."]


# -- a time in a clause of its own before the step, across a semicolon ------------------


@pytest.mark.parametrize(
    "reply",
    [
        # the time is when a policy applies, not when the step happens
        "Parking charges begin within 15 minutes of arrival; we'll text you the receipt.",
        "The sale ends on Friday; our team will call you about the order.",
        "Returns are accepted within 30 days of delivery; I'll send you the form.",
    ],
)
def test_a_time_of_another_clause_before_the_step_is_not_its_time(
    rule: RuleUnderTest, reply: str
) -> None:
    assert not rule.verdict(reply).present


@pytest.mark.parametrize(
    ("reply", "when"),
    [
        # the time opens the step's own clause, or the step has one of its own
        ("By Friday, our courier will collect the box.", "By Friday"),
        ("Today I'll send the replacement.", "Today"),
        ("The sale ends on Friday; our team will call you tomorrow.", "tomorrow"),
        ("Returns are accepted within 30 days; today I'll send you the form.", "today"),
        ("Your card ships today; please activate it when it arrives.", "today"),
    ],
)
def test_a_time_in_the_steps_own_clause_before_it_still_counts(
    rule: RuleUnderTest, reply: str, when: str
) -> None:
    result = rule.verdict(reply)
    assert result.present and result.evidence == when, result
