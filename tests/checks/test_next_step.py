"""next_step and next_step_timeframe: instructions, commitments, handoffs and questions
versus generic offers and hopes; timeframes tied to a step."""

from __future__ import annotations

import pytest

from replylint import Linter

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
]
NO_STEPS = [
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
    "If you have any other issue, please open a new ticket.",
    "Mozilla does not sell phones or change your carrier plan.",
    "Nobody knows what will happen with the old plans.",
    "I'm sure things will turn around soon.",
]


@pytest.mark.parametrize("reply", STEPS)
def test_next_step_present(linter: Linter, reply: str) -> None:
    result = linter.check(reply).checks["next_step"]
    assert result.present, result


@pytest.mark.parametrize("reply", NO_STEPS)
def test_next_step_missing(linter: Linter, reply: str) -> None:
    report = linter.check(reply)
    assert not report.checks["next_step"].present, report.checks["next_step"]
    assert any(f.rule == "next_step" for f in report.findings)


TIMED = [
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
]
UNTIMED = [
    "Our billing team will email you.",
    "Press and hold the power button for 10 seconds.",
    "We will refund you once the outage is over.",
    "Our office hours are 9am to 5pm. Please call us.",
    "Hopefully the service will be back soon.",
    "Please reply at your earliest convenience with your order number.",
    "For billing questions, please follow the steps in the next link: https://example.com",
    "We do our best to make the app as fast as possible. Please clear the cache.",
    "Your order {{order.id}} will ship in {{order.warehouse}}.",
]


@pytest.mark.parametrize("reply", TIMED)
def test_timeframe_present(linter: Linter, reply: str) -> None:
    result = linter.check(reply).checks["next_step_timeframe"]
    assert result.present, result


@pytest.mark.parametrize("reply", UNTIMED)
def test_timeframe_missing(linter: Linter, reply: str) -> None:
    assert not linter.check(reply).checks["next_step_timeframe"].present


def test_timeframe_not_applicable_without_step(linter: Linter) -> None:
    report = linter.check("Thanks for the feedback!")
    result = report.checks["next_step_timeframe"]
    assert not result.applicable and not result.present
    assert not any(f.rule == "next_step_timeframe" for f in report.findings)


# -- scheduled facts and completed actions ------------------------------------------

SCHEDULED = [
    "Your refund reaches your bank in 5 days.",
    "Delivery takes 7-10 working days.",
    "Your parcel is out for delivery today.",
    "Your new card usually arrives within 3 working days.",
    "Refunds take 5–7 business days to appear on your statement.",
    "The technician arrives on 3 July between 8am and noon.",
    "Your order #4471 ships by Friday.",
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
def test_scheduled_fact_is_a_timed_step(linter: Linter, reply: str) -> None:
    checks = linter.check(reply).checks
    assert checks["next_step"].present, checks["next_step"]
    assert checks["next_step"].reason == "scheduled"
    assert checks["next_step_timeframe"].present, checks["next_step_timeframe"]


@pytest.mark.parametrize("reply", NOT_SCHEDULED)
def test_facts_without_a_schedule_are_not_steps(linter: Linter, reply: str) -> None:
    assert not linter.check(reply).checks["next_step"].present


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
def test_completed_action_is_a_step_already_taken(linter: Linter, reply: str) -> None:
    report = linter.check(reply)
    assert report.checks["next_step"].present, report.checks["next_step"]
    assert report.checks["next_step"].reason == "completed"
    # done already: no "does not say when" finding either
    assert not any(f.check.startswith("next_step") for f in report.findings), report.findings


@pytest.mark.parametrize("reply", NOT_COMPLETED)
def test_states_and_conditions_are_not_completed_actions(linter: Linter, reply: str) -> None:
    assert linter.check(reply).checks["next_step"].reason != "completed"


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
    "We are sending your replacement right now.": "right now",
    "Your refund will reach your card in 3–5 business days.": "3–5 business days",
    "<p>Your refund will reach your card in 3&ndash;5 business days.</p>": "3–5 business days",
    "Your refund will reach your card in 3&ndash;5 business days.": "3–5 business days",
    "Please expect a call within 12—24 hours.": "12—24 hours",
}


@pytest.mark.parametrize(("reply", "expected"), WHEN.items())
def test_common_date_and_time_forms_are_timeframes(
    linter: Linter, reply: str, expected: str
) -> None:
    result = linter.check(reply).checks["next_step_timeframe"]
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
    linter: Linter, reply: str
) -> None:
    assert not linter.check(reply).checks["next_step_timeframe"].present
