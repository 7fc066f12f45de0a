"""banned_terms: each term the team's glossary bans, with the wording it prefers.

Standard: the team's own wording. ``[glossary] banned`` maps each term to what the team
says instead ("" for nothing: leave it out); every use is reported, once per term, with
that wording as the suggestion. Without a glossary that bans terms the rule reports
nothing.

It is a rule of its own, not a part of jargon (which used to report them): a banned
term is a decision the team made, not a guess about what a customer knows, so a team that
turns jargon alerts off (``ignore = ["jargon"]``, or on one channel) still hears about the
phrases it banned. ``ignore = ["banned_terms"]`` turns this rule off, and
``[rules.banned_terms] severity = "error"`` makes a banned term fail a macro.
"""

from __future__ import annotations

from collections.abc import Iterator

from replylint.analysis import AnalyzedReply
from replylint.matchers import Phrases
from replylint.packs import Example, Examples
from replylint.report import Finding, Severity
from replylint.rule import Rule, RuleContext

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
        self._preferred = {term.lower(): better for term, better in context.glossary_banned.items()}
        terms = [*context.glossary_banned]
        self._phrases = (
            Phrases.from_words(context.make_doc, "glossary.banned", terms) if terms else None
        )

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if self._phrases is None:
            return
        seen: set[str] = set()
        for match in self._phrases.find(reply.doc):
            key = match.text.lower()
            if key in seen:
                continue
            seen.add(key)
            preferred = self._preferred.get(key)
            yield self.finding(
                reply,
                f'"{match.text}" is on the team\'s list of terms to avoid.',
                match,
                suggestion=f'Say "{preferred}" instead.' if preferred else None,
                confidence=1.0,
            )
