"""banned_terms, run alone and beside the other rules: each term the team glossary bans
is reported with its preferred wording, and turning jargon off (everywhere or on a
channel) leaves it reported: a banned term is the team's decision, not a jargon guess."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from replylint import Linter
from replylint.config import Glossary

if TYPE_CHECKING:
    from conftest import RunRule

RULE = "banned_terms"
GLOSSARY = Glossary(banned={"per our policy": "because", "end user": ""})
REPLY = "Hi Dana, per our policy the end user pays. Per our policy, sorry! Thanks, Sam"


def banned(linter: Linter, reply: str = REPLY, channel: str = "email") -> list[str]:
    return [f.text for f in linter.check(reply, channel=channel).findings if f.rule == RULE]


def test_each_banned_term_once_with_its_wording(run_rule: RunRule) -> None:
    found = run_rule(RULE, glossary=GLOSSARY).findings(REPLY)
    assert [(f.check, f.text, f.suggestion) for f in found] == [
        ("banned_terms", "per our policy", 'Say "because" instead.'),
        ("banned_terms", "end user", None),
    ]


def test_without_a_glossary_it_reports_nothing(run_rule: RunRule) -> None:
    assert run_rule(RULE).passes(REPLY)


def test_ignoring_jargon_keeps_the_banned_terms() -> None:
    """`ignore = ["jargon"]` dropped the banned terms too: jargon reported them."""
    ignored = Linter({"model": "none", "glossary": GLOSSARY, "ignore": ["jargon"]})
    assert banned(ignored) == ["per our policy", "end user"]
    on_chat = Linter(
        {"model": "none", "glossary": GLOSSARY, "channels": {"chat": {"ignore": ["jargon"]}}}
    )
    assert banned(on_chat, channel="chat") == ["per our policy", "end user"]


def test_ignoring_banned_terms_turns_them_off() -> None:
    assert banned(Linter({"model": "none", "glossary": GLOSSARY, "ignore": [RULE]})) == []


def test_a_banned_term_that_is_also_jargon_is_one_finding() -> None:
    linter = Linter({"model": "none", "glossary": {"banned": {"RMA": "return number"}}})
    findings = linter.check("Hi Dana, your RMA is approved. Thanks, Sam").findings
    assert [(f.rule, f.text) for f in findings if f.text == "RMA"] == [(RULE, "RMA")]


def test_a_reply_in_another_language_is_checked_for_the_teams_terms() -> None:
    """The English-only checks skip a German reply; the team's own terms still apply."""
    linter = Linter({"model": "none", "glossary": {"banned": {"leider": "", "kindly": ""}}})
    reply = (
        "Hallo Herr Becker,\n\nleider ist Ihre Bestellung noch nicht verschickt worden. Wir "
        "melden uns morgen bei Ihnen.\n\nMit freundlichen Grüßen\nIhr Kundenservice"
    )
    report = linter.check(reply)
    assert report.language == "de"
    assert [f.text for f in report.findings if f.rule == RULE] == ["leider"]


def test_a_term_both_allowed_and_banned_is_a_config_error() -> None:
    """It was banned, silently; which list wins would be a guess, so the team chooses."""
    from replylint.config import ConfigError

    glossary = {"allowed": ["RMA", "Going forward"], "banned": {"going  forward": "from now on"}}
    with pytest.raises(ConfigError, match="'Going forward' is both allowed and banned"):
        Linter({"model": "none", "glossary": glossary})


@pytest.mark.parametrize(
    ("banned", "reply", "found"),
    [
        ({"ticket number": "reference number"}, "Both Ticket numbers are here.", "Ticket numbers"),
        ({"end user": "customer"}, "Our end-users can see it.", "end-users"),
        ({"end user": "customer"}, "Our end\nuser can see it.", "end\nuser"),
        ({"can't": "cannot"}, "We can’t do that.", "can’t"),
    ],
)
def test_a_banned_term_is_found_as_agents_write_it(
    run_rule: RunRule, banned: dict[str, str], reply: str, found: str
) -> None:
    """A plural, a hyphen for a space, a line break, a curly apostrophe: each passed
    unreported (the terms were matched as exact tokens)."""
    [finding] = run_rule(RULE, glossary=Glossary(banned=banned)).findings(reply)
    assert finding.text == found
    assert finding.suggestion == f'Say "{next(iter(banned.values()))}" instead.'


@pytest.mark.parametrize(
    ("banned", "reply"),
    [
        ({"color": "colour"}, "The colour is blue."),
        ({"organize": "organise"}, "We organise it."),
        ({"don't": "do not"}, "Please do not worry."),
        ({"kindly": ""}, "Kind regards, and kind words."),
    ],
)
def test_a_banned_term_does_not_find_the_wording_the_team_prefers(
    run_rule: RunRule, banned: dict[str, str], reply: str
) -> None:
    """Terms were matched as spaCy normalises spellings: a British team banning "color"
    for "colour" had every "colour" reported, with the advice to write "colour"."""
    assert run_rule(RULE, glossary=Glossary(banned=banned)).passes(reply)


def test_a_banned_term_is_reported_once_whatever_its_form(run_rule: RunRule) -> None:
    custom = run_rule(RULE, glossary=Glossary(banned={"ticket number": "reference number"}))
    found = custom.findings("Your ticket number and both ticket numbers are here.")
    assert [f.text for f in found] == ["ticket number"]


def test_a_banned_phrase_another_rule_reports_too_is_one_finding() -> None:
    """Banning "per our policy" (README's own example) gave a banned_terms finding and
    the shipped tone.cold_phrases one on the same words, with the same advice: two
    findings, points lost twice. With banned_terms off, tone.cold_phrases still speaks."""
    reply = "Hi Dana, per our policy refunds take 5 days. Thanks, Sam"
    glossary = {"banned": {"per our policy": "because"}}
    report = Linter({"model": "none", "glossary": glossary}).check(reply)
    assert [(f.rule, f.text) for f in report.findings if f.text == "per our policy"] == [
        (RULE, "per our policy")
    ]
    alone = Linter({"model": "none"}).check(reply)
    assert report.score == alone.score + 2 - 5  # tone's info (2) replaced by the ban (5)
    quiet = Linter({"model": "none", "glossary": glossary, "ignore": [RULE]}).check(reply)
    assert [f.rule for f in quiet.findings if f.text == "per our policy"] == ["tone.cold_phrases"]


def test_a_term_allowed_and_banned_in_two_spellings_is_a_config_error() -> None:
    """ "tier 2" allowed and "tier-2" banned name one term (the glossary matches either
    spelling): the ban won, silently."""
    from replylint.config import ConfigError

    glossary = {"allowed": ["tier 2", "RMA"], "banned": {"Tier-2": "second line"}}
    with pytest.raises(ConfigError, match="'tier 2' is both allowed and banned"):
        Linter({"model": "none", "glossary": glossary})
    with pytest.raises(ConfigError, match='"Can\'t" is both allowed and banned'):
        Linter({"model": "none", "glossary": {"allowed": ["Can't"], "banned": {"can’t": ""}}})


def test_one_term_banned_twice_with_two_wordings_is_a_config_error() -> None:
    """ "unfortunately" and "Unfortunately" are one term (matched in any case): with two
    wordings, which was suggested depended on the order of the entries, silently."""
    from replylint.config import ConfigError

    glossary = {"banned": {"unfortunately": "", "Unfortunately": "sadly"}}
    with pytest.raises(ConfigError, match=r"one banned term .* with two wordings"):
        Linter({"model": "none", "glossary": glossary})
    same = {"banned": {"per our policy": "because", "Per our policy": "because"}}
    linter = Linter({"model": "none", "glossary": same})  # the same wording twice: no doubt
    report = linter.check("Per our policy, the refund ships today.")
    assert [f.text for f in report.findings if f.rule == RULE] == ["Per our policy"]
