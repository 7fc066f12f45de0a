"""next_step, run alone: instructions, commitments, handoffs, questions, scheduled facts
and completed actions are steps; generic offers, hopes, states and conditions are not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "next_step"

STEPS = [
    "Please DM us your order number.",
    "DM us and we'll take a look.",
    "Try clearing the cache, then restart the app.",
    "Restart the app and try again.",
    "Click Reset password on the sign-in page.",
    "I've escalated this and our billing team will email you.",
    "I've passed this to our billing team, who will email you.",
    "A technician will call you on Tuesday.",
    "We'll refund you in full.",
    "We will fix it in the next release.",
    "Can you send a screenshot of the error?",
    "Which version of the app are you using?",
    "If the app still crashes, reinstall it.",
    "I suggest you update to the latest version.",
    "You can reset your password here: https://example.com/reset",
    "I'll ask our developers about this.",
    "We're looking into it now.",
    "We have reproduced this problem and are working on a fix.",
    "Shoot me a DM here https://example.com/dm",
    "Let me check with the warehouse.",
    "Let us know your order number and we'll sort it.",
    "Hi Sam, make sure the app is up to date.",
    "Feel free to DM us your booking reference.",
    "We plan on shipping the fix with the spring update.",
    "We'll be glad to credit your account for the outage.",
    "Maybe our community forum can help. https://forum.example.com",
    "Por favor revisa tus DMs.",  # under 6 words: too short to call Spanish, still checked
    "Your case has been escalated to our returns team.",
    "Your replacement ships today.",
    "Sorry to hear that, what could we do to make it right?",
    "From the home screen, tap the menu and choose Settings.",
    "To change your password: open Settings and tap Security.",
    "May we have a photo of the damaged box.",
    "Let's go through your options here: https://example.com/options",
    "We’ll refund you in full.",
    "I’ve escalated this to our billing team.",
    "We’d be glad to credit your account.",
    "Your refund was sent and reaches your card within 5 business days.",
    "It should reach your card within 5 business days.",
    "The fix should be live by Friday.",
    "Please find the Export button and click it.",
    "Your replacement will be collected by a courier on Monday.",
    "We'll pass your comments on to the app team.",
    "Hang on, I'm checking which rooms we have free.",
    "I'm looking up the timetable now, bear with me.",
    # a yes/no question about the customer's setup asks for what is needed to proceed
    "Are the missing messages still on the server?",
    "Is this a work laptop or your own?",
    "Go to Preferences > Privacy and untick the box.",
    # what the customer said, passed on, and what the one it went to will do
    "Your comments have been passed to the depot manager, who will review the footage.",
    "I've passed your feedback to Dana, who'll call you tomorrow.",
    "I've passed this to the warehouse team.",
]
NO_STEPS = [
    # "'s" after a noun is a possessive, not "is": no progressive commitment
    "I'm so sorry to hear about your father's passing.",
    "Firefox's tracking protection blocks that script.",
    "The monthly fee will rise to £15 from May.",
    "The gym will be closed over the bank holiday.",
    "We will consider adding a vegan menu.",
    "We'll keep your feedback in mind.",
    "We're always looking for ways to do better.",
    "Call volumes are higher than usual.",
    "Your order had been packed with the wrong label.",
    "Please bear with me.",
    "Let us know if you need anything else.",
    "It should be fine.",
    "Please find attached your invoice for March.",
    "Please see attached the report you asked for.",
    "The parcel arrives at your door if you are home.",
    "Thanks for the feedback!",
    "Hopefully it will be back soon.",
    "We hope to fix this.",
    "If you need assistance, please DM us.",
    "Feel free to contact us for assistance in the future.",
    "I'd be happy to look into this.",
    "We'll be happy to help if anything comes up.",
    "Is there anything else I can help with?",
    "Glad you enjoyed your visit!",
    "Please don't hesitate to reach out if you have questions.",
    "The outage was caused by a power cut.",
    "We always try to make the app as fast as possible.",
    "Is this a bug in the old version?",
    "Is it caused by a faulty driver?",
    "Was this helpful?",
    "If you have any other issue, please open a new ticket.",
    "Mozilla does not sell phones or change your carrier plan.",
    "Nobody knows what will happen with the old plans.",
    "I'm sure things will turn around soon.",
    # what the customer said, passed on, with nothing promised of it
    "I've passed your feedback to our rider team.",
    "We have shared your kind words with the ward manager.",
    "Your comments have been shared with the head chef.",
]


@pytest.mark.parametrize("reply", STEPS)
def test_next_step_present(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert rule.passes(reply)


@pytest.mark.parametrize("reply", NO_STEPS)
def test_next_step_missing(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert not result.present, result
    assert rule.fires(reply)


def test_the_missing_step_is_an_error_pointing_at_the_end(rule: RuleUnderTest) -> None:
    reply = "Let us know if you need anything else."
    (finding,) = rule.findings(reply)
    assert finding.severity.value == "error"
    assert finding.start == finding.end == len(reply) and finding.text == ""


# -- scheduled facts and completed actions ------------------------------------------

SCHEDULED = [
    "Your refund reaches your bank in 5 days.",
    "Your delivery takes 7-10 working days.",
    "Your parcel is out for delivery today.",
    "Your new card usually arrives within 3 working days.",
    "Your refund takes 5–7 business days to appear on your statement.",
    "The technician arrives on 3 July between 8am and noon.",
    "Your order #4471 ships by Friday.",
    "Your parcel is now expected to arrive on Thursday.",
    "Your replacement is scheduled to ship within 2 days.",
]
NOT_SCHEDULED = [
    "Your refund reaches your bank.",  # no time: a description, not a plan
    "Your parcel arrived yesterday.",
    "Your computer takes 5 minutes to start.",  # not the customer's delivery
    "Most people are happy when their parcel arrives within 3 days.",
    "Your refund has not reached your bank in 5 days.",
    "Refunds take longer at the moment.",
]


@pytest.mark.parametrize("reply", SCHEDULED)
def test_scheduled_fact_is_a_step(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply)
    assert result.present, result
    assert result.reason == "scheduled"


@pytest.mark.parametrize(
    "reply",
    [
        "Delivery takes 7-10 working days.",
        "Refunds take 5–7 business days to appear on your statement.",
        "Refunds go back to your original card within 5–7 days.",
        "Any refund goes back to your original card within 5–7 days.",
        "Refunds are typically paid within 14 days.",
    ],
)
def test_a_general_rule_alone_is_no_step(rule: RuleUnderTest, reply: str) -> None:
    """A policy with a time, of a thing named in general, puts nothing in motion for this
    customer: information, as an explanation is."""
    assert not rule.verdict(reply).present


@pytest.mark.parametrize("reply", NOT_SCHEDULED)
def test_facts_without_a_schedule_are_not_steps(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply).present
    assert rule.fires(reply)


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
NOT_COMPLETED = [
    "Your plan has not been switched yet.",
    "If your subscription has been cancelled, the app stops syncing.",
    "Has your order been cancelled?",
    "We updated the app last week.",
    "Your account is locked.",
    "Done with the old version, the team moved on.",
    "This is done by clicking the toolbar icon.",
    "Your provider has changed its server software.",
    "Your post says you have linked the two accounts.",
]


@pytest.mark.parametrize("reply", COMPLETED)
def test_completed_action_is_a_step_beside_another(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(f"{reply} We'll email you a receipt.")
    assert result.present, result
    assert result.reason == "completed"
    assert rule.passes(f"{reply} We'll email you a receipt.")


@pytest.mark.parametrize("reply", COMPLETED)
def test_completed_action_alone_and_untimed_is_no_step(rule: RuleUnderTest, reply: str) -> None:
    """GUIDE.md: a next step tells the customer what happens next; an action already
    taken, with nothing said of what comes of it, does not (the annotators' reading of
    11 of 16 such replies)."""
    result = rule.verdict(reply)
    assert not result.present, result
    assert "already taken" in (result.reason or "")
    assert not rule.passes(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I've moved your fitting to Friday at 10am.",
        "Your account is unblocked straight away.",
        "Hi {{first_name}}, I've cancelled your booking for {{booking_date}}.",
        "Your address has been updated. The warehouse will ship the order there.",
    ],
)
def test_completed_action_saying_what_comes_of_it_is_a_step(
    rule: RuleUnderTest, reply: str
) -> None:
    assert rule.verdict(reply).present


@pytest.mark.parametrize("reply", NOT_COMPLETED)
def test_states_and_conditions_are_not_completed_actions(rule: RuleUnderTest, reply: str) -> None:
    assert rule.verdict(reply).reason != "completed"


@pytest.mark.parametrize(
    "reply",
    [
        "Your broadband should be back by 6pm.",
        "If the credit does not appear after 3 days, please contact us for support.",
        "If the app still won't open, reach out to our support team here: https://example.com/help",
        "I've issued a credit note, which will reach you by email within 2 days.",
    ],
)
def test_expectations_specific_conditions_and_relative_plans_are_steps(
    rule: RuleUnderTest, reply: str
) -> None:
    """An expectation with a time is a plan (not a hope); a condition that is not generic
    makes a specific instruction, whatever the instruction's own words ("for support");
    "..., which will ..." goes on about what the agent did."""
    assert rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "If you need support, please contact us.",
        "Contact us for support if needed.",
        "Hopefully your broadband will be back by 6pm.",
        "It should be back.",
    ],
)
def test_generic_conditions_and_hopes_stay_no_steps(rule: RuleUnderTest, reply: str) -> None:
    assert not rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "Safari will open the page in a new tab.",
        "The screen will refresh by itself.",
        "The patch will replace the old driver.",
        "This will clear the warning.",
        "Unfortunately the old tablet will not run the new version.",
    ],
)
def test_a_thing_acting_on_its_own_is_a_prediction_not_a_step(
    rule: RuleUnderTest, reply: str
) -> None:
    """Software or a thing as the subject of "will" predicts what it does; nobody
    promises anything (GUIDE: a next step is an instruction, a commitment or a handoff)."""
    assert not rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "A plumber will ring you to arrange a visit.",
        "Amanda will send you the forms.",
        "Our system will seat you together at check-in.",
        "Once you sign out, the app will ask for your new password.",
        "What you can do is tap Forgot password, and a new link will come to your inbox.",
        "Then the folder will show up in the sidebar.",
        "The hold will drop off your card within 3 working days.",
        "Your parcel will reach the depot tonight.",
    ],
)
def test_a_thing_after_the_customers_action_or_someone_acting_is_still_a_step(
    rule: RuleUnderTest, reply: str
) -> None:
    """A person or a team acts; what a thing does after the customer's own action is part
    of an instruction; with a time it is a scheduled fact; the customer's thing is theirs."""
    assert rule.verdict(reply).present


@pytest.mark.parametrize(
    "reply",
    [
        "We've reissued your boarding pass.",
        "I've resent your invoice.",
        "I have re-sent the invoice.",
        "We have re-activated your account.",
        "Your visit has been rebooked.",
    ],
)
def test_a_verb_done_again_is_a_step_taken(rule: RuleUnderTest, reply: str) -> None:
    """ "re" and a verb of the completed or committed lists is that verb done again,
    one word or hyphenated, without a line of its own in the vocabulary (the step read is
    the first sentence's, before the commitment that follows it)."""
    result = rule.verdict(f"{reply} We'll email you a receipt.")
    assert result.present
    assert result.evidence is not None and result.evidence in reply, result


# -- pointers to information ----------------------------------------------------------

INFORMATION_POINTERS = [
    "For more information, please visit https://example.com/plans",
    "Please see this article for more details: https://help.example.com/a/123",
    "You'll find more details here: https://example.com/faq",
    "Check out https://example.com/news for more info.",
    "You can read more about our new opening hours here.",
    "You can learn more about our delivery charges here: https://example.com/fees?ref=tw",
    "You can find information about our loyalty tiers on our website.",
    "Take a look at this page for further details: https://example.com/a",
    "See Unable to sync bookmarks on a new laptop for more information.",
]


@pytest.mark.parametrize("reply", INFORMATION_POINTERS)
def test_a_pointer_whose_purpose_is_only_information_is_not_a_step(
    rule: RuleUnderTest, reply: str
) -> None:
    """GUIDE: "An explanation or a bare link to an article that only explains is not a next
    step". A "?" inside the link makes no question of it."""
    assert not rule.verdict(reply).present
    assert rule.fires(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Follow the steps here for more details: https://example.com/reset",
        "For more information on how to update the app, see https://example.com/update",
        "You can read more about it and what to do next here: https://example.com/a",
        "Check this article and send us more details: https://example.com/a",
        "For more info, visit https://example.com/plans and reply with your account number.",
        "See Clear your browsing history for more details.",
        "For more information, see this step-by-step guide: https://example.com/guide",
        "Please read this article (the one under Learn more) first: https://example.com/a",
        "Check the error log for more details.",
        "We'll email you more details tomorrow.",
        "For more information, please visit https://example.com/plans. "
        "Meanwhile, please restart the router.",
    ],
)
def test_a_pointer_offered_as_the_way_to_do_something_is_still_a_step(
    rule: RuleUnderTest, reply: str
) -> None:
    """A how-to article ("how to", "steps", "what to do", a title that opens with a verb),
    an instruction joined to the pointer or the purpose, a check of something that is not
    an article, a commitment to send details, and a step elsewhere in the reply."""
    assert rule.verdict(reply).present
