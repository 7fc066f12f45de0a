"""banned_terms: each term the team's glossary bans, with the wording it prefers.

Standard: the team's own wording. ``[glossary] banned`` maps each term to what the team
says instead ("" for nothing: leave it out); the first use of each term is reported,
with that wording as the suggestion. Without a glossary that bans terms the rule reports
nothing.

A term matches as written, in any case, with a space, hyphen or slash between its words
and in the plural ("end user" finds "End-users"; see :mod:`replylint.team_terms`), but not
as spaCy normalises spellings: banning "color" for "colour", or "don't" for "do not",
reported the very wording the team asked for. Nor is the preferred wording itself ever
reported ("follow up" for "follow-up").

A banned term is one finding: another rule that reports the very same words (the shipped
``tone.cold_phrases`` on "per our policy", a pack's phrase) leaves them to this one, as
jargon does, so a reply does not lose points twice for one phrase.

It is a rule of its own, not a part of jargon (which used to report them): a banned
term is a decision the team made, not a guess about what a customer knows, so a team that
turns jargon alerts off (``ignore = ["jargon"]``, or on one channel) still hears about the
phrases it banned. ``ignore = ["banned_terms"]`` turns this rule off, and
``[rules.banned_terms] severity = "error"`` makes a banned term fail a macro.
"""

from __future__ import annotations

from collections.abc import Iterator

from replylint.analysis import AnalyzedReply
from replylint.doctext import text_of
from replylint.packs import Example, Examples
from replylint.report import Finding, Severity
from replylint.rule import Rule, RuleContext
from replylint.team_terms import TermFinder, same_wording

_BANNED = {"kindly": "please", "ticket number": "reference number"}


class BannedTermsRule(Rule):
    id = "banned_terms"
    default_severity = Severity.warning
    standard = "Use the team's agreed wording"
    #: The terms are the team's own, matched as written: a team that also answers in
    #: German bans its German phrases too.
    languages = None
    rationale = (
        "A team bans a term for a reason (it reads as cold, it is internal, the brand "
        "guide says otherwise); a reply that uses it anyway undoes that decision."
    )
    examples = Examples(
        fire=[
            Example(reply="Kindly send us your ticket number.", glossary_banned=_BANNED),
        ],
        pass_=[
            Example(reply="Please send us your reference number.", glossary_banned=_BANNED),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._preferred = dict(context.glossary_banned)
        self._terms = TermFinder(self._preferred)

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if not self._terms:
            return
        text = text_of(reply.doc)  # (``Doc.text`` rebuilds it from every token)
        seen: set[str] = set()
        for match in self._terms.find(text):
            written = text[match.start : match.end]
            preferred = self._preferred.get(match.term, "")
            if match.term in seen or same_wording(written, preferred):
                continue
            seen.add(match.term)
            yield self.finding(
                reply,
                f'"{written}" is on the team\'s list of terms to avoid.',
                (match.start, match.end),
                suggestion=f'Say "{preferred}" instead.' if preferred else None,
                confidence=1.0,
            )
