"""Is an apology or empathy called for? Decided from the customer's message when given.

The guide makes apology and empathy *applicable* only where the customer reports a
problem or a negative feeling. Without a customer message the reply itself is the only
evidence: if it talks about a problem (or already apologises), the customer had one.
Every verdict says which of the two it used, so a user can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from replylint.matchers import MakeDoc, Phrases
from replylint.packs import PackSet


@dataclass(frozen=True)
class ProblemSignal:
    """Whether the customer had a problem, and how replylint knows."""

    applicable: bool
    reason: str
    #: False when decided from the reply alone: findings then carry less confidence.
    from_customer: bool = True


class ProblemDetector:
    """Looks for problem and negative-feeling words, built once per linter."""

    def __init__(self, packs: PackSet, make_doc: MakeDoc) -> None:
        self._customer = phrase_regex(packs.lexicon("customer.problem"))
        self._reply = Phrases(packs, make_doc, "customer.reply_problem")

    def assess(self, customer_text: str | None, reply_doc: Doc) -> ProblemSignal:
        """The customer message is only searched, never tokenised: a regex over its
        text is several times cheaper than a spaCy doc, and batch runs have millions."""
        if customer_text is not None:
            found = self._customer.search(plain_quotes(customer_text))
            if found is not None:
                return ProblemSignal(
                    True, f'the customer message reports a problem ("{found.group(0)}")'
                )
            return ProblemSignal(False, "the customer message reports no problem")
        match = self._reply.first(reply_doc)
        if match is not None:
            return ProblemSignal(
                True,
                f'no customer message given; the reply deals with a problem ("{match.text}")',
                from_customer=False,
            )
        return ProblemSignal(
            False, "no customer message given; the reply mentions no problem", from_customer=False
        )


def plain_quotes(text: str) -> str:
    """Curly apostrophes as straight ones, so "can’t" matches "can't"."""
    return text.replace("’", "'").replace("‘", "'")


def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex for whole-word occurrences of any phrase (a literal
    alternation: linear time, no backtracking)."""
    alternatives = sorted(
        (r"\s+".join(re.escape(part) for part in p.split()) for p in phrases if p.strip()),
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)
