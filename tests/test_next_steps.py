"""The step finder (replylint/next_steps.py), asked directly: one test per kind of step,
what is not a step, and that its vocabulary comes from the packs and its work is done
once per linter and once per reply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from replylint import Linter, LinterConfig
from replylint.next_steps import Step, StepFinder, _has_digit, _statement_of


def steps(linter: Linter, text: str) -> list[tuple[str, str]]:
    """(kind, evidence) of each step the linter's finder sees in the analysed reply."""
    reply = linter.analyze(text)
    found: tuple[Step, ...] = reply.analyses.steps.steps(reply.sentences)
    return [(step.kind, step.evidence.text) for step in found]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Please restart the app.", "restart"),
        ("Try clearing the cache, then restart the app.", "Try"),
        ("If it still crashes, reinstall it.", "reinstall"),
        ("You can reset your password on the sign-in page.", "You can reset"),
        # a verb of movement or attempt whose "to" opens where or what, not a noun
        ("Go to Preferences and untick the sync box.", "Go"),
        ("Head to the Accounts tab.", "Head"),
        ("Try to sign out and back in.", "Try"),
        ("Switch to the classic layout.", "Switch"),
        # a checking verb as a label heads what to check; "Update: ..." only heads news
        ("Check: the router lets the app through.", "Check"),
        ("Maybe try a fresh profile.", "try"),
        # advice put as "the thing to do"
        ("The first thing to do is to sign out.", "thing to do is to sign"),
        ("Something to check is whether sync is on.", "Something to check is whether"),
        ("You probably need to create an app password.", "You probably need to create"),
        ("All you need to do is sign in again.", "All you need to do is sign"),
    ],
)
def test_instruction(linter: Linter, reply: str, evidence: str) -> None:
    assert steps(linter, reply) == [("instruction", evidence)]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("We will refund you tomorrow.", "will refund"),
        ("I'll ask our developers about this.", "'ll ask"),
        ("We're looking into it.", "looking into"),
        ("We’d be glad to credit your account.", "’d be glad"),
    ],
)
def test_commitment(linter: Linter, reply: str, evidence: str) -> None:
    assert steps(linter, reply) == [("commitment", evidence)]


def test_handoff_is_a_commitment(linter: Linter) -> None:
    """A handoff ("I've passed this to billing") commits the company to the next move."""
    assert steps(linter, "I have passed this to our billing team.") == [
        ("commitment", "I have passed")
    ]
    assert steps(linter, "Your case has been escalated to our returns team.") == [
        ("commitment", "case has been escalated")
    ]


def test_question(linter: Linter) -> None:
    question = "Which version of the app are you using?"
    assert steps(linter, question) == [("question", question)]


def test_link(linter: Linter) -> None:
    assert steps(linter, "How to reset your password: https://example.com/reset") == [
        ("link", "How to")
    ]


def test_scheduled_fact(linter: Linter) -> None:
    assert steps(linter, "Your refund reaches your bank in 5 days.") == [
        ("scheduled", "refund reaches your bank in 5 days")
    ]
    assert steps(linter, "Your replacement ships today.") == [("scheduled", "ships today")]
    assert steps(linter, "Refunds go back to your card automatically.") == []  # no time


@pytest.mark.parametrize(
    "reply",
    [
        "Refunds go back to your card within 5 days.",
        "Refunds normally go back to your original card within 5–7 days.",
        "Any refund goes back to your original card within 5–7 days.",
        "Refunds are usually paid within 14 days.",
        "Standard orders are posted within 15 working days.",
        "Shipping takes 2-4 working days.",
    ],
)
def test_a_general_rule_alone_is_no_step(linter: Linter, reply: str) -> None:
    """A scheduled fact of a thing named in general states a policy: alone in a reply it
    explains, and nothing is in motion for this customer."""
    assert steps(linter, reply) == []


def test_a_general_rule_beside_a_step_is_its_time(linter: Linter) -> None:
    """Beside a step that puts it in motion (a return to post, a refund issued), the rule
    says when the customer's own thing happens; the customer's own thing is a step
    alone."""
    assert steps(
        linter, "Please post the boots back. Refunds go back to your card within 5 days."
    ) == [
        ("instruction", "post"),
        ("scheduled", "Refunds go back to your card within 5 days"),
    ]
    assert steps(linter, "Your refund goes back to your card within 5 days.") == [
        ("scheduled", "refund goes back to your card within 5 days")
    ]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("It should show up on your statement within 3 working days.", "should show up"),
        ("Overpayments are paid back to your card within 10 days.", "are paid"),
        ("Plumbers are booked to fix the leak tomorrow morning.", "are booked"),
        ("We expect the phone lines to be working by 4pm.", "expect"),
        ("An update is rolling out to all users tonight.", "is rolling"),
        ("Your water supply should be back by 6pm.", "should be back"),
    ],
)
def test_a_plan_with_a_time_is_scheduled(linter: Linter, reply: str, evidence: str) -> None:
    """Whoever acts, a statement of what is expected to happen with a time after it is
    what happens next: the time makes it a plan, as with an arrival."""
    ((kind, found),) = steps(linter, reply)
    assert kind == "scheduled" and found.startswith(evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "The booking page is running slowly this morning.",  # a description, not a plan
        "When you close the account, your files are deleted within 30 days.",  # a policy
        "A patch is supposed to be released soon.",  # a guess
        "Your tickets are booked.",  # no time: a plan needs one
        "You are coming in tomorrow.",  # the customer's own doing
        "Exchanges are only accepted within 14 days of purchase.",  # a limit: a policy
        "The late fee is set out in the terms, which you accepted on 3 May.",  # a past date
        "Hopefully the water supply should be back by 6pm.",  # a hope
    ],
)
def test_not_a_plan(linter: Linter, reply: str) -> None:
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    ("reply", "found"),
    [
        ("You'll have received an email from us about this.", []),
        ("It didn't come today, and I know you'll have taken time off for it.", []),
        ("You will have received your refund by Friday.", [("commitment", "will have")]),
        ("We'll have it fixed by Friday.", [("commitment", "'ll have")]),
    ],
)
def test_a_supposition_of_the_customers_is_no_step(
    linter: Linter, reply: str, found: list[tuple[str, str]]
) -> None:
    """A future perfect of the customer's supposes what already happened ("you'll have
    received an email"); with a time after it, it is when something will be done."""
    assert steps(linter, reply) == found


def test_completed_action(linter: Linter) -> None:
    assert steps(linter, "I've cancelled your subscription.") == [("completed", "I've cancelled")]
    assert steps(linter, "I refunded you this morning.") == [("completed", "I refunded")]
    assert steps(linter, "We updated the app last week.") == []
    assert steps(linter, "Your account is unlocked now.") == [
        ("completed", "Your account is unlocked")
    ]
    assert steps(linter, "Your account is unlocked.") == []  # a state, as far as it says
    assert steps(linter, "Done! Your plan is now switched to yearly.") == [
        ("completed", "Done"),
        ("completed", "Your plan is now switched"),
    ]


@pytest.mark.parametrize(
    ("reply", "found"),
    [
        # an ending state beside a refusal says why nothing is done: information
        ("We can't reopen it. Your account is closed now.", []),
        ("Your account is closed now, so we cannot reopen it.", []),
        ("Your plan is already cancelled. We're unable to restore it.", []),
        ("We are not able to reopen it, as your account is closed now.", []),
        # ... but the step the customer asked for, a reported action, or an ending
        # state with no refusal beside it is a step taken for them
        (
            "We can't waive the fee. Your account is unlocked now.",
            [("completed", "Your account is unlocked")],
        ),
        (
            "We can't refund the fee. Your subscription has been cancelled.",
            [("completed", "Your subscription has been cancelled")],
        ),
        ("Your subscription is cancelled now.", [("completed", "Your subscription is cancelled")]),
        # another step of the same sentence is still found
        (
            "We can't reopen it. Your account is closed now, please open a new one here: "
            "https://example.com/new",
            [("instruction", "open")],
        ),
    ],
)
def test_an_ending_state_beside_a_refusal_is_no_step(
    linter: Linter, reply: str, found: list[tuple[str, str]]
) -> None:
    assert steps(linter, reply) == found


@pytest.mark.parametrize(
    "reply",
    [
        "Let us know if you need anything else.",  # a generic offer
        "Hopefully it will be back soon.",  # a hope
        "Anything else?",  # a question that only offers help
        "Please find attached your invoice.",  # a letter-writing formula
        "Your new card reaches you by post.",  # an arrival with no time
        "This is done by clicking the blue icon.",  # how, not a result
        "What will happen next is unclear.",  # "will" that predicts
        "Update: the outage is over.",  # a heading
    ],
)
def test_not_a_step(linter: Linter, reply: str) -> None:
    assert steps(linter, reply) == []


def test_steps_are_in_sentence_order(linter: Linter) -> None:
    reply = "Which plan are you on? We will switch it today. Please restart the app."
    assert [kind for kind, _ in steps(linter, reply)] == ["question", "commitment", "instruction"]


def test_vocabulary_comes_from_the_packs(tmp_path: Path) -> None:
    """Request openers are pack vocabulary a team extends, not a set in the code: with
    "bitte" added, "Bitte restart the app" asks the customer to do something."""
    pack = tmp_path / "team.yaml"
    pack.write_text(
        "schema: replylint.pack/1\nname: team\nlexicons:\n  next_step.request_openers: [bitte]\n",
        encoding="utf-8",
    )
    reply = "Bitte restart the app."
    assert steps(Linter(LinterConfig(packs=[pack])), reply) == [("instruction", "restart")]


def test_one_finder_per_linter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The three checks that read steps share the linter's one finder; none builds its own."""
    built: list[StepFinder] = []
    original = StepFinder.__init__

    def counting_init(self: StepFinder, *args: object, **kwargs: object) -> None:
        built.append(self)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StepFinder, "__init__", counting_init)
    linter = Linter(LinterConfig(select=["next_step", "next_step_timeframe", "closing_thanks"]))
    assert len(linter.rules) == 3
    assert len(built) == 1


def test_steps_are_found_once_per_reply(linter: Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    """next_step, next_step_timeframe and closing_thanks all read the reply's steps; the
    sentences are classified once, and every reader sees the same steps."""
    calls: list[int] = []
    original = StepFinder.steps

    def counting_steps(self: StepFinder, sentences: object) -> tuple[Step, ...]:
        calls.append(1)
        return original(self, sentences)  # type: ignore[arg-type]

    monkeypatch.setattr(StepFinder, "steps", counting_steps)
    report = linter.check("Hi Sam, I've refunded you; it arrives within 5 days. Thanks!")
    assert report.checks["next_step"].present and report.checks["next_step_timeframe"].present
    assert report.checks["closing_thanks"].present
    assert len(calls) == 1
    reply = linter.analyze("Please restart the app.")
    assert reply.next_steps is reply.next_steps


@pytest.mark.parametrize(
    "text",
    ["by 03/07/2024", "no digits here", "ship by ٣ June", "the ² footnote", "", "x1", "١٢"],
)
def test_has_digit_is_str_isdigit(text: str) -> None:
    """The quick test for a numeric date agrees with ``str.isdigit`` on any text:
    Arabic-Indic digits and superscripts count, in and out of ASCII."""
    assert _has_digit(text) is any(c.isdigit() for c in text)


# -- live-chat holds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "evidence", "when"),
    [
        ("One sec while I look up your parcel.", "One sec while I", "One sec"),
        ("Give me 3 minutes to read the warranty terms.", "Give me 3 minutes to read", "3 minutes"),
        (
            "Could take a minute or two while we test the line.",
            "a minute or two while we",
            "a minute or two",
        ),
        ("Hang on a second while I ask the kitchen.", "Hang on a second while I", "a second"),
        ("Bear with us while I open your file.", "Bear with us while I", None),
        ("Hold on, we're phoning the depot.", "Hold on, we're", None),
    ],
)
def test_an_explained_hold_is_a_step_timed_by_its_wait(
    linter: Linter, reply: str, evidence: str, when: str | None
) -> None:
    """A request to wait with what the agent does meanwhile is a step; its short wait, as
    the request itself or running "while I ...", is the step's time."""
    reply_ = linter.analyze(reply)
    (step,) = reply_.analyses.steps.steps(reply_.sentences)
    assert (step.kind, step.evidence.text) == ("hold", evidence)
    assert (step.when.text if step.when is not None else None) == when


@pytest.mark.parametrize(
    ("reply", "when"),
    [
        ("Let me pull up the timetable, one sec.", "one sec"),
        ("I'll ask the stockroom, just a moment please!", "a moment"),
        ("Let me see what the depot says, shouldn't be long.", "shouldn't be long"),
        ("Let us know the colour you want, one moment.", None),  # asks the customer
        ("Please reset the router, one moment.", None),  # the customer's step
    ],
)
def test_a_wait_in_its_own_clause_times_the_agents_step(
    linter: Linter, reply: str, when: str | None
) -> None:
    reply_ = linter.analyze(reply)
    (step,) = reply_.analyses.steps.steps(reply_.sentences)
    assert (step.when.text if step.when is not None else None) == when


@pytest.mark.parametrize(
    "reply",
    ["Please hold on.", "Hang on a sec please.", "hold up, just a sec", "Wait one moment.",
     "One moment please.", "Give us a sec!"],
)  # fmt: skip
def test_a_bare_hold_is_not_a_step(linter: Linter, reply: str) -> None:
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Please wait 20 seconds, then switch the router back on.",
        "Hold the reset button for 5 seconds, we can then check the lights.",
        "It takes a minute while the app reloads, then sign in.",
    ],
)
def test_a_wait_between_the_customers_steps_is_not_a_hold(linter: Linter, reply: str) -> None:
    reply_ = linter.analyze(reply)
    found = reply_.analyses.steps.steps(reply_.sentences)
    assert found and all(step.kind != "hold" and step.when is None for step in found)


@pytest.mark.parametrize(
    ("reply", "when"),
    [
        ("We'll watch your line for the next 48 hours and email you.", "for the next 48 hours"),
        ("We'll refund the order you placed on Monday, by Friday at the latest.", "by Friday"),
        # the condition's "tonight" is skipped; the next clause's time is the sentence's
        (
            "If the noise starts tonight, call us; we'll send someone within the hour.",
            "within the hour",
        ),
    ],
)
def test_the_time_that_belongs_to_a_step(linter: Linter, reply: str, when: str | None) -> None:
    """`TimeExpressions.for_step`: the agent's ongoing work may say how long it goes on;
    a past event's date or a condition's time is skipped for the step's own."""
    reply_ = linter.analyze(reply)
    step = reply_.analyses.steps.steps(reply_.sentences)[0]
    found = reply_.analyses.times.for_step(
        step.sentence, step.evidence, ongoing=step.kind == "commitment"
    )
    assert (found.text if found is not None else None) == when


@pytest.mark.parametrize(
    "reply",
    [
        # "will" announcing a price, a value or a state of a thing
        "The cost of your bundle will go from £20 to £24 in June.",
        "The premium tier will cost $9 a month.",
        "Next year's fees will be announced in the autumn.",
        "The car park will be closed from 8pm tonight.",
        "It is going to be $140 in total.",
        # "will" promising thought, not action on the case
        "We will consider opening a second branch.",
        "We'll take your comments on board.",
        "We'll take your suggestion into account.",
        "We'll bear your idea in mind.",
        "We'll continue to review our opening hours.",
        # feedback passed on, with nothing promised of it
        "I've passed your comments to the design team.",
        "We're always working to make checkout faster.",
        # a subject that looks like a verb
        "Call waiting times are long today.",
        "Return rates were higher last month.",
        # past perfect: a narrative
        "The parcel had been delivered to your neighbour by mistake.",
        # a bare request to wait
        "Please bear with us.",
        "Sit tight!",
        # a live chat's introduction says who answers
        "Hi, I'm Sam and I'll be helping you today.",
        "I will be looking after you this evening!",
    ],
)
def test_announcements_considerations_and_narratives_are_not_steps(
    linter: Linter, reply: str
) -> None:
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("Your replacement will be sent by Thursday.", "commitment"),
        ("An engineer will visit tomorrow morning.", "commitment"),
        ("Your new SIM will arrive within 3 days.", "commitment"),
        ("Your booking fee will be refunded.", "commitment"),  # done for the customer
        ("Your account will be closed at the end of the month.", "commitment"),
        ("We'll change your tariff to the cheaper one.", "commitment"),  # the agent acts
        ("We'll pass your comments to the design team.", "commitment"),
        # feedback passed on is a step by what the receiver will do, or with a time
        ("I've passed your comments to the design team, who will reply.", "commitment"),
        ("I've passed your comments to the design team today.", "commitment"),
        ("We're working on a fix.", "commitment"),
        ("We'll consider your claim and email you by Monday.", "commitment"),
        ("Check cookies are enabled in Settings.", "instruction"),  # takes a clause
        ("Bear with us, I'm looking up your order.", "hold"),
        ("I'm just asking the warehouse what sizes we have left, bear with me.", "hold"),
    ],
)
def test_actions_on_the_case_stay_steps(linter: Linter, reply: str, kind: str) -> None:
    assert [found for found, _ in steps(linter, reply)][:1] == [kind]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        # a pointer to information is skipped; the commitment beside it is the step
        (
            "Check out https://example.com/news for more info, we're in the process of "
            "removing those listings.",
            "in the process of",
        ),
        ("We're working tirelessly to restore the service.", "working tirelessly to"),
    ],
)
def test_a_progressive_of_work_under_way_commits(linter: Linter, reply: str, evidence: str) -> None:
    assert steps(linter, reply) == [("commitment", evidence)]


@pytest.mark.parametrize(
    "reply",
    [
        "You'll find more details here: https://example.com/faq",  # not a commitment
        "You can find out more about our plans here https://example.com/plans?src=tw",
        "For more information, please visit https://example.com/plans",
        "For more info, check out https://example.com/news and let us know.",
        # what the company is doing in general is news, not the customer's next step
        "Read what we're doing to keep stores safe: https://example.com/safety",
        "Visit https://example.com/news for the actions we are taking.",
    ],
)
def test_a_pointer_to_information_is_no_step_of_any_kind(linter: Linter, reply: str) -> None:
    """Not an instruction, nor a commitment ("you'll find"), nor a question (the "?" is the
    link's), nor an instruction joined by "and" to a generic offer ("let us know")."""
    assert steps(linter, reply) == []


def test_a_purpose_cut_off_from_the_pointer_is_not_its_purpose(linter: Linter) -> None:
    """A condition stands between the verb and "learn more": the purpose belongs to
    something else ("when you click Learn more")."""
    reply = "Please read the article that opens when you click Learn more: https://x.io/a"
    assert steps(linter, reply) == [("instruction", "read")]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Settings > Accounts > Sync.", "Settings > Accounts"),
        ("Tools → Options → Privacy will show it.", "Tools → Options"),
        ("The toggle is under ☰ > Preferences.", "☰ > Preferences"),
        ("The toggle is under main menu -> Preferences.", "menu -> Preferences"),
        ("Account Settings/Server/Security.", "Account Settings/Server/Security"),
    ],
)
def test_a_menu_path_says_where_to_go(linter: Linter, reply: str, evidence: str) -> None:
    """A path through the menus, even given bare as the answer, is an instruction."""
    assert steps(linter, reply) == [("instruction", evidence)]


@pytest.mark.parametrize(
    "reply",
    [
        "It runs the same on Windows/Mac/Linux.",  # a list, inside the sentence
        "Messages older than (> 30 days) were removed.",  # a comparison, not a menu
        "The old version 2 > the new one, in my view.",
    ],
)
def test_what_is_not_a_menu_path(linter: Linter, reply: str) -> None:
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("So you can reset it from the sign-in page.", "you can reset"),
        ("I think you can switch it off in the settings.", "you can switch"),
        ("If it keeps failing you can reinstall the add-on.", "you can reinstall"),
        ("As a last resort you can try a new profile.", "you can try a"),
    ],
)
def test_advice_that_opens_its_clause(linter: Linter, reply: str, evidence: str) -> None:
    """ "you can ..." at the start of its clause, after a lead-in, a verb of opinion or a
    fronted clause without its comma, advises."""
    assert steps(linter, reply) == [("instruction", evidence)]


@pytest.mark.parametrize(
    "reply",
    [
        "There is no cap on the shows that you can store in the cloud library.",
        "There are several ways you can opt out of these mails.",
        "As you can see, the release notes list every version.",
        "We found three concerts you might enjoy this month.",
        "We always do our best to make the app small and quick.",
    ],
)
def test_advice_words_inside_another_clause(linter: Linter, reply: str) -> None:
    """Inside a relative or subordinate clause "you can" says what is possible, and after
    a possessive "best to" is a noun phrase: neither advises."""
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("We're currently looking into the outage.", "looking into"),
        ("Our engineers are tirelessly working to restore it.", "working to"),
    ],
)
def test_a_progressive_after_be_commits(linter: Linter, reply: str, evidence: str) -> None:
    assert steps(linter, reply) == [("commitment", evidence)]


@pytest.mark.parametrize(
    "reply",
    [
        "The privacy panel is where Enhanced Tracking Protection lives.",
        "The old password guards both sending and receiving.",
        "It is the button itself, but clicking on it changes nothing.",
    ],
)
def test_a_progressive_word_that_is_a_noun(linter: Linter, reply: str) -> None:
    """Without a form of "be" right before it, "tracking" or "sending" is a noun or a
    gerund, no work going on."""
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("In Mail go to the account settings and untick it.", "go"),
        ("On Android tap the menu and pick Sync.", "tap"),
        ("Right click on the folder and choose Properties.", "click"),
    ],
)
def test_an_instruction_after_a_place_without_comma(
    linter: Linter, reply: str, evidence: str
) -> None:
    """A fronted place without its comma, or "right"/"double" before "click", still opens
    an instruction."""
    assert steps(linter, reply)[0] == ("instruction", evidence)


def test_no_instruction_after_an_article_in_the_place(linter: Linter) -> None:
    assert steps(linter, "In the list check marks show the state.") == []


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Members can bring one guest a day; just add their name in the app.", "add"),
        ("Sorry, the link was my fault - try it again now.", "try"),
        ("Guests are free on weekdays — just add their name at reception.", "add"),
    ],
)
def test_an_instruction_after_a_semicolon_or_a_dash(
    linter: Linter, reply: str, evidence: str
) -> None:
    """A semicolon or a spaced dash starts a clause wherever it stands."""
    assert steps(linter, reply)[0] == ("instruction", evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "The setting lives under Settings - General - Message list.",
        "Our shop is on Mill Lane; pick-up is at the back door.",
        "The option is under Autoplay - Block Audio and Video.",
    ],
)
def test_no_instruction_in_a_menu_path_or_after_a_hyphen(linter: Linter, reply: str) -> None:
    """A capitalised word after a dash is the next item of a menu path, and a hyphen
    inside a word starts no clause."""
    assert "instruction" not in [kind for kind, _ in steps(linter, reply)]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("To see the bar all the time open the config editor and set it to 0.", "open"),
        ("To fix this go to Settings and turn off sync.", "go"),
        ("In order to do that open the menu and pick Export.", "open"),
        ("To change the display settings click the gear icon.", "click"),
    ],
)
def test_an_instruction_after_a_purpose_without_comma(
    linter: Linter, reply: str, evidence: str
) -> None:
    """A fronted purpose without its comma still opens an instruction, found after it."""
    assert steps(linter, reply)[0] == ("instruction", evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "To me it looks like a cache problem.",
        "To get a cancellation text after a long drive is awful.",
        "To keep my address book from being cluttered I set up a second one.",
        "To enable that message again it takes a restart.",
        "To Change Touchpad Scroll Direction",
        "To fix this we have sent a patch.",
    ],
)
def test_no_instruction_inside_a_purpose(linter: Linter, reply: str) -> None:
    """The purpose's own noun ("address book", "text"), a subject clause ("To get ...
    is awful"), a title and a clause with its own subject give no instruction."""
    assert "instruction" not in [kind for kind, _ in steps(linter, reply)]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Perhaps https://example.com/kb/fix-sync", "Perhaps https://example.com/kb/fix-sync"),
        ("like https://example.com/q/123 ?", "like https://example.com/q/123"),
    ],
)
def test_a_hedged_link_is_offered_as_the_answer(linter: Linter, reply: str, evidence: str) -> None:
    assert steps(linter, reply) == [("link", evidence)]


@pytest.mark.parametrize(
    "reply", ["https://example.com/q/123", "The release notes: https://example.com/notes"]
)
def test_a_bare_link_says_nothing_of_its_purpose(linter: Linter, reply: str) -> None:
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "May I further assist you today?",
        "Could we help with one more thing?",
        "Is there some other help you need?",
        "Would you like further assistance?",
    ],
)
def test_a_question_offering_more_help_asks_nothing(linter: Linter, reply: str) -> None:
    assert steps(linter, reply) == []


@pytest.mark.parametrize(
    "reply",
    ["Did the other fix help at all?", "Could I help you move the bookings?"],
)
def test_a_question_about_help_that_asks(linter: Linter, reply: str) -> None:
    """Whether a fix helped, or an offer of one specific thing, asks the customer."""
    assert [kind for kind, _ in steps(linter, reply)] == ["question"]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Here's a guide that can help with that: https://example.com/kb/sync", "can help"),
        ("This page may help: https://example.com/kb/printing", "may help"),
        (
            "Here is an article that can walk you through it: https://example.com/a",
            "walk you through",
        ),
    ],
)
def test_a_link_offered_as_help(linter: Linter, reply: str, evidence: str) -> None:
    """A link said to help, or to walk the customer through, is offered as the way."""
    assert steps(linter, reply) == [("link", evidence)]


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("We'd also suggest turning on two-step sign-in.", "We'd also suggest turning"),
        ("Have a look at the settings page first.", "Have a look at"),
    ],
)
def test_more_advice_frames(linter: Linter, reply: str, evidence: str) -> None:
    assert steps(linter, reply) == [("instruction", evidence)]


def test_an_offer_after_a_link_break_is_another_statement(linter: Linter) -> None:
    """In a tweet a link often ends a sentence with no full stop: the generic offer after
    it does not make the instruction before it generic."""
    reply = (
        "Please contact our sales team here: https://example.com/sales "
        "If there is anything else, just let us know."
    )
    assert steps(linter, reply)[0] == ("instruction", "contact")


@pytest.mark.parametrize(
    "reply",
    [
        "I'll be helping you set up the router tomorrow.",
        "An engineer will be assisting you today.",
        "Our team will be helping you today.",
    ],
)
def test_help_with_a_task_or_by_someone_else_is_a_step(linter: Linter, reply: str) -> None:
    assert [kind for kind, _ in steps(linter, reply)] == ["commitment"]


def test_the_clause_marks_are_looked_at_without_a_token_per_word(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a word opens a clause of its own is asked of every word of a sentence;
    only a semicolon or a dash can, so the question (which builds the following token)
    is asked at those alone, and the instruction after one is still found."""
    asked: list[str] = []
    opens = StepFinder._opens_new_clause

    def noting(self: StepFinder, sentence: Any, index: int) -> bool:
        asked.append(sentence.doc[index].text)
        return opens(self, sentence, index)

    monkeypatch.setattr(StepFinder, "_opens_new_clause", noting)
    assert steps(linter, "Members can bring a guest to the Friday session for free.") == []
    assert asked == []
    found = steps(linter, "Members can bring a guest for free - just add their name in the app.")
    assert found == [("instruction", "add")]
    assert asked == ["-"]


class _EveryWord:
    """A vocabulary that holds every word: the clause marks with no word passed over."""

    def __contains__(self, word: object) -> bool:
        return True


#: Sentences with the words after which a clause may start, and links that break one.
_CLAUSE_TEXTS = [
    "Hi Dana, please restart the app, or reinstall it if it still fails.",
    "If it still crashes, reinstall it; then sign in again - it should work.",
    "The SLA is two days, so check the RMA page tomorrow, then reply here.",
    "Walk-ins welcome until 6pm, or book online. Members can bring a guest; just add them.",
    "In Thunderbird go to Tools, then Settings. To fix this open the config editor.",
    "Reach out here: https://example.com/help If there's anything else, let us know",
    "See https://example.com/a and https://example.com/b Then tell us what you find.",
    "Thanks so much - kindly confirm, or just reply, whenever you can.",
]


def test_clause_starts_pass_over_only_words_that_start_no_clause(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_clause_starts`` tests each word against its marks first (one set test, not
    six): what it finds is what it finds testing every word."""
    finder = linter._analyses.steps
    sentences = [s for text in _CLAUSE_TEXTS for s in linter.analyze(text).sentences]
    found = [finder._clause_starts(s) for s in sentences]
    monkeypatch.setattr(finder, "_clause_marks", _EveryWord())
    assert found == [finder._clause_starts(s) for s in sentences]
    assert any(len(starts) > 1 for starts in found)


def _statement_walked(sentence: Any, index: int) -> tuple[int, int]:
    """:func:`_statement_of` as it was, walking every word: the bounds it gives."""
    doc = sentence.doc
    start, end = sentence.start, sentence.end
    for i in range(sentence.start, sentence.end - 1):
        if doc[i].like_url and doc[i + 1].is_title and doc[i + 1].is_alpha:
            if i < index:
                start = i + 1
            else:
                end = i + 1
                break
    return start, end


def test_a_statement_without_a_link_is_its_sentence(linter: Linter) -> None:
    """``_statement_of`` walks a sentence's words only when it holds a link; with one or
    without, the bounds are those of the walk."""
    linked = 0
    for text in _CLAUSE_TEXTS:
        for sentence in linter.analyze(text).sentences:
            linked += any(t.like_url for t in sentence)
            for index in range(sentence.start, sentence.end):
                statement = _statement_of(sentence, index)
                assert (statement.start, statement.end) == _statement_walked(sentence, index)
    assert linked
