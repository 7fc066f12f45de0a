"""empathy, read clause by clause: where a feeling, a judgement, "I know" or a wish sits
decides whether it acknowledges the customer (replylint/empathy_cues.py). Each case
below failed before the clause reading: a miss (the apology-object rule dropped every
feeling in an apologising sentence; "we know ...", wishes, judgements and broken norms
were not read) or a false alarm (a hedged, negated, attributive or agent's own use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest

RULE = "empathy"
PROBLEM = "The boiler broke again and nobody came on Friday. I'm furious."

#: Replies that acknowledge the customer, one per mechanism, written for these tests.
ACKNOWLEDGING = {
    # a feeling in a clause of its own after the apology (not the apology's object)
    "feeling after apology": "I'm so sorry: waiting in all day for nobody is really annoying.",
    "judgement after apology": "Sorry about the wasted morning, that's rough.",
    "judgement before apology": "That's so annoying when you've cleared your diary, sorry!",
    "judgement noun": "Five days without hot water is a real headache. A plumber comes today.",
    "exclamation": "What a mess. A plumber comes today.",
    "customer's own feeling": "What caused your frustration? Tell me and I'll fix it.",
    # a broken norm
    "not OK": "That's not OK at all. A plumber comes today.",
    "not fair": "We're sorry, and it's not fair on you. A plumber comes today.",
    "not what should happen": "That's not what should happen after a repair.",
    "shouldn't have happened": "That shouldn't have happened, and I've told the manager.",
    # the agent knows the customer's situation
    "we know a clause about you": "We know this upsets your whole week. A plumber comes today.",
    "I understand you": "I understand you've waited since Friday. A plumber comes today.",
    "we know a feeling": "We know a cold house can be stressful. A plumber comes today.",
    # a wish through a hardship
    "hope feeling better": "Sorry to hear you've been ill, and we hope you're feeling better.",
    "hope the surgery": "Of course, and I hope the surgery goes well.",
    "glad no one hurt": "We're sorry about the leak and glad no one was hurt.",
    # an apology that goes on to name what makes it worse
    "especially": "I'm sorry the engineer missed you, especially after you took the day off.",
    # a degree word before the negation of a broken norm
    "really not acceptable": "That's really not acceptable. A plumber comes today.",
    # a broken norm that is a want of the company's or of anyone's
    "not how anyone wants": "That's not how anyone wants to spend a cold weekend.",
    "not the start we want": "That's not the start to the week we want for anyone, sorry.",
    # a degree word inside a wellbeing phrase
    "feeling much better": "I hope your son is feeling much better now.",
    # a reaction to the customer's report that judges it: a hardship after it
    "sounds like a hardship": "It sounds like it can be difficult to keep the house warm.",
    "must be a hardship": "That must be tough with a newborn at home. A plumber comes today.",
}

#: Replies that do not: hedged, negated, asked, attributive, the agent's own feeling, a
#: method or a fact, a thing hoped for, a group, an apology's object.
NOT_ACKNOWLEDGING = {
    "hedged understanding": "If I understand your setup, the boiler is on a timer.",
    "as I understand it": "As I understand it, the part ships on Monday.",
    "negated understanding": "I don't think I understand your setup. Which model is it?",
    "negated frame": "I can't fully understand the problem from the photo.",
    "a method": "At least we know how to reset it now. The part ships Monday.",
    "a fact": "I know of no way to change the timer remotely.",
    "a technical fact": "I know the valve can be replaced in an hour.",
    "a group": "We know lots of you are waiting for the new model to be in stock.",
    "attributive": "Close the annoying pop-up and restart the boiler.",
    "verb use": "Are you confusing the thermostat with the timer?",
    "conditional feeling": "If the noise is too annoying, turn the pump down.",
    "conditional sentence": "If you set it yourself, that's concerning. Please call us.",
    "agent's own feeling": "I'm so frustrated with this supplier. The part ships Monday.",
    "apology object": "Sorry for the frustration. The part ships Monday.",
    "apology object clause": "I'm sorry you're frustrated. The part ships Monday.",
    "norm in a subordinate clause": "It's not that we're right and the supplier is wrong.",
    "no problem ahead": "That shouldn't be a problem. The part ships Monday.",
    "it shouldn't happen": "Ideally, it should not happen after the update.",
    "a wish about a thing": "I hope that's alright with you. The part ships Monday.",
    "a wish without hardship": "I hope this helps. The part ships Monday.",
    "especially without apology": "Check the pressure, especially after a repair.",
    # the old broad frames ("that sounds", "must have been", "how much you", "I understand
    # that", "I get it", "understandable", "sounds really"): a diagnosis, a guess, a fact
    "sounds like a diagnosis": "That sounds like the timer was reset in the power cut.",
    "must have been a guess": "The valve must have been closed by the last engineer.",
    "how much you can": "Not sure how much you can save on the night tariff.",
    "I understand that a fact": "I understand that the supplier has changed its delivery days.",
    "I get it now": "Oh, I get it now: the boiler is on the old timer.",
    "more understandable": "This diagram may make the wiring more understandable.",
    "sounds really good": "The new model sounds really good, but it is out of stock.",
    # a hardship stated as a fact, not a reaction; a want of the customer's alone
    "hardship as a fact": "It can be difficult to bleed that radiator without the key.",
    "the valve you want": "That's not the valve you want; order the 22 mm one instead.",
}


@pytest.mark.parametrize("reply", ACKNOWLEDGING.values(), ids=ACKNOWLEDGING.keys())
def test_acknowledges(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, customer_message=PROBLEM)
    assert result.present, result
    assert result.evidence is not None


@pytest.mark.parametrize("reply", NOT_ACKNOWLEDGING.values(), ids=NOT_ACKNOWLEDGING.keys())
def test_does_not_acknowledge(rule: RuleUnderTest, reply: str) -> None:
    result = rule.verdict(reply, customer_message=PROBLEM)
    assert not result.present, result
    assert rule.fires(reply, customer_message=PROBLEM)


def test_evidence_is_the_cue(rule: RuleUnderTest) -> None:
    """The finding points at the words that acknowledge: the judgement, not the
    apology before it."""
    result = rule.verdict("Sorry about the wasted morning, that's rough.", customer_message=PROBLEM)
    assert result.evidence == "rough"


def test_reaction_evidence_reaches_the_judgement(rule: RuleUnderTest) -> None:
    """A reaction's finding runs from the reaction verb to the hardship it judges."""
    reply = "That sounds like it could be dangerous for the kids."
    result = rule.verdict(reply, customer_message=PROBLEM)
    assert result.evidence == "sounds like it could be dangerous"
