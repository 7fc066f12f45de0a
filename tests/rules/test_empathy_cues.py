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
    # agreeing that the customer is right about their problem
    "right, a norm after": "You're right, that should never have happened.",
    "right to feel": "You're quite right to be annoyed about the missed visit.",
    "right to expect": "You're right to expect better from us after two visits.",
    "agree, not good enough": "I agree, that's not good enough. A plumber comes today.",
    "agree with you": "I completely agree with you. A plumber comes today.",
    "couldn't agree more": "I couldn't agree more. A plumber comes today.",
    "agree a judgement": "I agree this is bad, and a plumber comes today.",
    "right alone": "You're absolutely right. A plumber comes today.",
    # "I know" the weight of the situation without naming the customer
    "know how stressful": "I know how stressful a broken boiler in winter is.",
    "know it is hard": "I know a week without heating is hard. A plumber comes today.",
    # the same, after a comma that ends the agent's own clause
    "understand, it is hard": "I understand, a week without heating is really hard.",
    "understand your situation": "I understand your situation, and a plumber comes today.",
    # the company acknowledging what the customer goes through
    "rely on us": "We understand how much you rely on us for hot water.",
    # imagining oneself in the customer's place
    "upset too": "I'd be upset too. A plumber comes today.",
    "just as annoyed": "I would be just as annoyed. A plumber comes today.",
    "feel the same": "I'd feel exactly the same way. A plumber comes today.",
    "if I were in your shoes": "If I were in your shoes, I'd be furious as well.",
    "in your shoes, no comma": "If I were in your shoes I'd be annoyed too.",
    "if I were you, no comma": "If I were you I would be just as frustrated.",
    "only imagine": "I can only imagine. A plumber comes today.",
    # the customer's trouble reflected back to them
    "sounds like having trouble": "It sounds like you're having trouble with the boiler again.",
    "seems like facing an issue": "It seems like you've been facing an issue with the timer.",
    "sounds like struggling": "Sounds like you're struggling with the new thermostat.",
    "sounds like ran into": "It sounds as if you ran into a real problem with the engineer.",
    # a universal experience: anyone would feel it, nobody wants or deserves it
    "would worry anyone": "A cold house with a baby would worry anyone.",
    "hard for anyone": "Five days without heating would be hard for anyone.",
    "nobody wants": "Nobody wants to wait in all day for an engineer.",
    "nobody should be": "No one should be left without heating for a week.",
    "last thing anyone": "A cold shower is the last thing anyone needs in December.",
    # knowing a hardship predicated of the situation; taking the matter seriously
    "know it is a lot": "I know it can be a lot to juggle with a newborn.",
    "know money is tight": "We know money is tight after a repair bill like that.",
    "take seriously": "We take missed appointments like this very seriously.",
    "understand what you want": "I understand what you want: a warm house by Friday.",
    "condolences": "Please accept our condolences; I've moved the account to your name.",
    # a spoiled occasion: a spoiling word or "what a" / "no" before it
    "a rotten start": "That's a rotten start to the weekend, sorry. A plumber comes today.",
    "a grim way to go": "That's a grim way for a birthday to go. A plumber comes today.",
    "what a way": "What a way to begin the new year! A plumber comes today.",
    "no way to spend": "A cold flat is no way to spend a bank holiday.",
    "a nasty surprise": "A bill like that is a nasty surprise. A plumber comes today.",
    "what a thing": "What a thing to wake up to on a Monday. A plumber comes today.",
    # the situation is barely what it should be
    "barely a holiday": "A holiday cottage without heating is barely a holiday cottage.",
    # broken norms with any subject, after a grant, elliptical, owned, spared
    "any subject not acceptable": "Three missed visits in a row isn't acceptable.",
    "not something anyone wants": "A cold shower is not something anyone wants in May.",
    "elliptical not what anyone wants": "Not what anyone wants on a Friday night!",
    "elliptical not ideal": "Sorry about that, definitely not ideal! DM us your order.",
    "elliptical not ideal before": "Oh no, not ideal before a party! We'll send a new one.",
    "granted a hope": "We appreciate this isn't the news you were hoping for.",
    "granted a norm": "I know that's not OK, and a plumber comes today.",
    "we should have": "You're right, we should have called you on Friday.",
    "you shouldn't have to": "You shouldn't have had to ring us three times.",
    # negated good things where a judgement counts
    "know never welcome": "We know a surprise repair bill is never welcome.",
    "can't be easy": "That can't be easy with two small children.",
    "know not easy": "I know it hasn't been an easy week.",
    # an effect on the customer; an experience that would distress anyone
    "must have thrown": "That must have thrown your whole weekend out.",
    "would wear anyone down": "Three cold nights would wear anyone down.",
    "no use to anyone": "A boiler that only works on Tuesdays is no use to anyone.",
    # in the customer's place: a strong feeling alone, a past-tense counterfactual
    "beside myself": "I'd be livid. A plumber comes today.",
    "if I came home": "If I came home to a cold house, I'd be furious too.",
    "if I came home, strong": "If I woke up to no heating, I'd be fuming, so it's urgent.",
    # agreeing with the customer in a clause of its own
    "agree with you, dash": "I agree with you - nobody warned you about the shutdown.",
    # feelings and hedging adverbs the lists lacked; the idiom of a point of view
    "tiring": "Waiting in for an engineer every day must be so tiring.",
    "admittedly": "It's admittedly confusing to have two thermostats in one flat.",
    "where you're coming from": "I understand where you're coming from.",
    # the company wants something for the customer; puts their wellbeing first
    "want your": "We want your heating to work the way it should.",
    "safety first": "The safety of our tenants is our top priority.",
    "safe important": "Keeping your home safe is important to us.",
    # the generic "I understand" alone; understanding in other words
    "I understand alone": "I understand. I'm booking a plumber for tomorrow morning.",
    "get why": "I totally get why you'd be cross after a weekend with no heat.",
    # a hard time; a trying word predicated; a coordinated predicate
    "difficult time": "Thank you for telling us at what must be a very difficult time.",
    "uncertain times": "We're here for you during these uncertain times.",
    "grim": "A cold flat all weekend with no word from us is grim.",
    "and a nuisance": "That's a week of cold showers, and a nuisance for the whole house.",
    "and a nasty surprise": "It's easy to miss, and a nasty surprise on a winter bill.",
    # what the customer should have had from the company; no way to get through a day
    "should get from us": "A no-show twice is not the service you should get from us.",
    "should have had": "A cold house for three days is not what you should have had.",
    "no way to get through": "No hot water is no way to get through a winter week.",
    # a feeling called normal; a second thing known after "and that"
    "normal to feel": "It's perfectly normal to feel anxious after a gas scare.",
    "natural to want": "It's completely natural to want answers after a gas scare.",
    # a British degree word; the timing judged
    "proper": "It's a proper nuisance with the boiler off all weekend.",
    "timing": "With your guests due on Saturday, the timing couldn't be worse.",
    # a reassurance that the trouble is common
    "don't worry, common": "Please don't worry, this can happen after a power cut.",
    "don't worry, the same": "Don't worry, nearly every new tenant asks the same thing.",
    "and that": "I know the repair took long, and that you had to take a day off for it.",
    "know a feeling noun": "I know it takes a lot to talk to us about money worries.",
}

#: Replies that do not: hedged, negated, asked, attributive, the agent's own feeling, a
#: method or a fact, a thing hoped for, a group, an apology's object.
NOT_ACKNOWLEDGING = {
    # a product weighed, or a correction, with no subject: not the situation judged
    "elliptical not ideal for a use": "Not ideal for large files, so please use the app.",
    "elliptical not right": "Left, not right. The switch is by the door.",
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
    # agreeing about a fact, a bare agreement that may answer someone else
    "right about a fact": "You're right that the valve is on the left.",
    "right, a fact after": "You're right, the timer is under the stairs.",
    "agree, a fact after": "I agree, the part is on back order.",
    "agree alone": "I agree.",
    # a reassurance that something does not matter, or about what happens by itself
    "don't worry about": "Don't worry about the old timer, it happens to be unused.",
    "don't worry if": "Don't worry if the display shows 'E4'; it's common.",
    "don't worry, automatic": "Don't worry, this happens automatically overnight.",
    "don't agree": "I don't agree with the engineer's report.",
    "right to check": "You're right to check the pressure first.",
    # knowing a fact, a thing asked for, a concession, a supposition
    "know the answer": "I know the answer: bleed the radiator.",
    "know the cause": "We know the cause and the part ships Monday.",
    "know a hard drive": "I know the hard drive in the controller is full.",
    "understand, a fact after": "I understand, the hard drive in the controller is full.",
    "understand, then a step": "I understand, I'll check the valve with the team.",
    "understand your request": "We understand your request and will process it.",
    "conceded fact": "I know you don't have this problem upstairs, but check the valve.",
    "supposition": "I imagine you should be able to see the pressure gauge.",
    # company boilerplate
    "value feedback": "We value your feedback.",
    "satisfaction priority": "Your satisfaction is our priority.",
    # the agent's own hypothetical, not the customer's feeling
    "happy to help": "I'd be happy to help with the timer.",
    "advice": "I would be worried about the valve; please call us.",
    # a counterfactual that gives advice, with or without its comma
    "in your shoes, advice": "If I were in your shoes I would bleed the radiators first.",
    "in your shoes, advice, comma": "If I were in your shoes, I would bleed the radiators.",
    "if I were you, advice": "If I were you I'd be worried about the valve.",
    "suggest too": "I'd suggest bleeding the radiators too.",
    # a reflection that diagnoses or reads the customer's logs, or asks
    "sounds like you have a problem": "It sounds like you have a problem with the pump wiring.",
    "looks like having trouble": "It looks like you're having trouble with the pressure.",
    "sounds like you want": "It sounds like you want the timer set to eco mode.",
    "trouble in another clause": (
        "It sounds like you're having the old valve fitted, and the issue is the seal."
    ),
    "asked reflection": "Does it sound like you're having trouble with the timer?",
    # a universal that says nothing of the customer
    "everyone wants": "Everyone wants the new model, so it is out of stock.",
    "anyone asked": "Has anyone else found the timer annoying?",
    "no one should have access": "No one should have access to your boiler code.",
    "no one wants a thing": "No one wants the old thermostat any more.",
    "not good advice": "It's not good to run the pump dry.",
    "a lot of users": "I know a lot of users set the timer to eco mode.",
    "sounds like a lot of": "It sounds like a lot of radiators need bleeding.",
    "tight as a fit": "I know the tight fit makes the valve hard to reach.",
    "not taken seriously": "Please read the safety notes seriously before starting.",
    "appreciate you reaching out": "We appreciate you reaching out about the boiler.",
    "appreciate concern": "We appreciate your concern, and the part ships Monday.",
    "understand what you mean": "I understand what you mean by the second valve.",
    "asked with how": "How hard is it to add a timer to the app?!",
    "denied feeling": "I don't think the noise at night is scary.",
    # a way that is a method, a missing feature, a dismissal
    "a bad way to fix it": "That's a bad way to fix the valve; use the spanner.",
    "there's no way to": "There's no way to start the boiler remotely.",
    "not a bad way": "It's not a bad way to start: bleed the radiators first.",
    "hardly a problem": "It's hardly a problem, just top up the pressure.",
    # the weaker norms with any subject; a want of the customer's own
    "password not right": "The pressure reading isn't right, so check the gauge.",
    "the valve you want, any subject": "This part is not the valve you want for a combi.",
    # the helper's own slip; a plan, not a failure owned
    "I should have asked": "I should have asked earlier: is it a combi boiler?",
    "we should have a part": "We should have the part by Monday.",
    # not negated, or a fact stated of a thing
    "easy to fix": "It's easy to fix: bleed the radiator.",
    "not easy to find": "It's not easy to find the valve behind the panel.",
    "the agent's own": "I can't be bothered with the old timer, as far as I'm concerned.",
    # no customer in the clause; a group after the universal
    "must have worn": "The seal must have worn out after ten years.",
    "no use to anyone using": "The old app is no use to anyone using the new boiler.",
    # a strong feeling in advice, an agreement conceded or about a fact
    "I'd be careful": "I'd be careful with the pressure valve.",
    "conceded agreement": "Even though I agree with you; there is nothing we can do.",
    "agree with you that": "I agree with you that, if anything, the timer should come first.",
    # a want of the company's that is a policy; a slogan
    "don't want your": "We don't want your data to leave the boiler's controller.",
    "satisfaction important": "Your satisfaction is important to us.",
    # "I understand" after a fact it hedges; a guess; a task that is hard; a suggestion
    "fact I understand": "Some boilers reset at midnight I understand.",
    "I imagine alone": "I imagine.",
    "difficult time finding": "You may have a difficult time finding the reset switch.",
    "see how useful": "We can see how that would be useful for other tenants!",
    # a coordinated attributive; advice about what to get; a missing feature
    "and an annoying one": "It's a setting, and an annoying one to find.",
    "should get advice": "That's the valve you should get from the hardware shop.",
    "there's no way to get": "There's no way to get the old timer back.",
    "normal to be asked": "It's normal to be asked for a code at the first login.",
    "the proper way": "The proper way to reset the boiler is in the manual.",
    "and that a fact": "I know the part is in stock, and that the van leaves at nine.",
    # knowing of a thing a feeling word describes; knowing words, through "exactly"
    "know attributive": "I know I need to turn off the annoying beeping alarms first.",
    "know exactly what you tell": "We know exactly what you tell us in the form.",
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
