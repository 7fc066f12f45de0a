"""Is an apology or empathy called for? Decided from the customer's message when given.

The guide makes apology and empathy *applicable* only where the customer reports a
problem or a negative feeling. A routine request ("Please cancel my subscription", "I'd
like a refund") is not a problem report, although its action word is a problem word in
other messages ("my order was cancelled"): a problem word that is the action of a request
frame does not count. Without a customer message the reply itself is the only evidence:
if it talks about a problem (or already apologises), the customer had one. Every verdict
says which of the two it used, so a user can see why.
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
        self._customer = phrase_regex(
            with_unmarked_contractions(packs.lexicon("customer.problem"), make_doc)
        )
        self._request_frame = request_frame_regex(
            with_unmarked_contractions(packs.lexicon("customer.request_frames"), make_doc),
            packs.lexicon("customer.request_fillers"),
        )
        self._actions = frozenset(
            " ".join(a.lower().split()) for a in packs.lexicon("customer.routine_actions")
        )
        self._reply = Phrases(packs, make_doc, "customer.reply_problem")

    def assess(self, customer_text: str | None, reply_doc: Doc) -> ProblemSignal:
        """The customer message is only searched, never tokenised: a regex over its
        text is several times cheaper than a spaCy doc, and batch runs have millions."""
        if customer_text is not None:
            found = self._problem_in(plain_quotes(customer_text))
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

    def _problem_in(self, text: str) -> re.Match[str] | None:
        """The first problem word of the customer's text that is not the action of a
        routine request. Only a problem word that is a routine action is checked for a
        request frame before it, in a short window: most messages pay nothing extra."""
        for found in self._customer.finditer(text):
            if not self._requested(text, found):
                return found
        return None

    def _requested(self, text: str, found: re.Match[str]) -> bool:
        if self._request_frame is None or " ".join(found.group().lower().split()) not in (
            self._actions
        ):
            return False
        start = found.start()
        window = max(0, start - _REQUEST_WINDOW)
        return self._request_frame.search(text, window, start) is not None


#: How far before a routine action word its request frame may start (characters).
_REQUEST_WINDOW = 60


def plain_quotes(text: str) -> str:
    """Curly apostrophes as straight ones, so "can’t" matches "can't"."""
    return text.replace("’", "'").replace("‘", "'")


def with_unmarked_contractions(phrases: tuple[str, ...], make_doc: MakeDoc) -> tuple[str, ...]:
    """The phrases, plus each one written without its apostrophes where spaCy's tokenizer
    reads that spelling as the same words, i.e. gives it the same norms: "cant" is
    "can't" and "doesnt work" is "doesn't work", but "well" is not "we'll" nor "its"
    "it's". The customer's text is searched with a regex, not tokenised, so the spellings
    the tokenizer would have normalised are added to the regex instead; the lexicon lists
    each contraction once."""
    extra: list[str] = []
    for phrase in phrases:
        bare = phrase.replace("'", "")
        if bare != phrase and bare.strip() and _norms(make_doc, bare) == _norms(make_doc, phrase):
            extra.append(bare)
    return tuple(dict.fromkeys([*phrases, *extra]))


def _norms(make_doc: MakeDoc, text: str) -> list[str]:
    return [token.norm_ for token in make_doc(text.lower())]


def request_frame_regex(
    frames: tuple[str, ...], fillers: tuple[str, ...] = ()
) -> re.Pattern[str] | None:
    """A request frame, perhaps then one filler ("please", "just"), ending where the text
    searched ends (the action word follows it: "could you please | cancel"); None for no
    frame."""
    frame = _alternation(frames)
    if frame is None:
        return None
    filler = _alternation(fillers)
    between = rf"(?:{filler}\s+)?" if filler is not None else ""
    return re.compile(rf"(?<!\w){frame}\s+{between}\Z", re.IGNORECASE)


def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex for whole-word occurrences of any phrase (a literal
    alternation: linear time, no backtracking)."""
    return re.compile(rf"(?<!\w){_alternation(phrases) or '(?!)'}(?!\w)", re.IGNORECASE)


def _alternation(phrases: tuple[str, ...]) -> str | None:
    """A non-capturing group matching any of the phrases, longest first, any run of
    whitespace between words; None for no phrase."""
    alternatives = sorted(
        (r"\s+".join(re.escape(part) for part in p.split()) for p in phrases if p.strip()),
        key=len,
        reverse=True,
    )
    return f"(?:{'|'.join(alternatives)})" if alternatives else None
