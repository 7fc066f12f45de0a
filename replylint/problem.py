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
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from replylint.doctext import text_of
from replylint.folded import Folded
from replylint.matchers import MakeDoc, PhraseIndex, indexed_phrases, overlaps
from replylint.model.problem_model import ProblemModel
from replylint.packs import PackSet


@dataclass(frozen=True)
class ProblemSignal:
    """Whether the customer had a problem, and how replylint knows."""

    applicable: bool
    reason: str
    #: False when decided from the reply alone: findings then carry less confidence.
    from_customer: bool = True
    #: True when the customer-problem model found the problem, not the rules' words.
    by_model: bool = False

    @property
    def firm(self) -> bool:
        """The customer's own words show the problem (or its absence): a "missing
        apology" or "missing empathy" then carries more confidence than one found from
        the reply alone or by the problem model's reading."""
        return self.from_customer and not self.by_model


class ProblemDetector:
    """Looks for problem and negative-feeling words, built once per linter."""

    def __init__(
        self,
        packs: PackSet,
        make_doc: MakeDoc,
        *,
        index: PhraseIndex | None = None,
        model: ProblemModel | None = None,
    ) -> None:
        """``index``: the linter's shared phrase index, which then matches the reply's
        problem words too (else they get a matcher of their own). ``model``: the
        customer-problem model of the linter's model directory, asked about the
        messages the problem words find nothing in (None: the rules alone)."""
        self._model = model
        self._customer = Folded.of(
            phrase_regex,
            with_unmarked_contractions(packs.lexicon("customer.problem"), make_doc),
        )
        self._request_frame = request_frame_regex(
            with_unmarked_contractions(packs.lexicon("customer.request_frames"), make_doc),
            packs.lexicon("customer.request_fillers"),
        )
        self._actions = frozenset(
            " ".join(a.lower().split()) for a in packs.lexicon("customer.routine_actions")
        )
        self._reply = indexed_phrases(packs, make_doc, index, "customer.reply_problem")
        reassurances = with_unmarked_contractions(packs.lexicon("customer.reassurances"), make_doc)
        # said on its own, closing its clause ("No problem!", "not an issue at all"):
        # "no problem with my card, yet you declined it" reports one
        self._reassurance = phrase_regex(reassurances, followed_by=_REASSURANCE_END)
        # "it works again now", "thanks again", "it still works", "no issues anymore":
        # the problem word in them reports none
        self._recovery = Folded.of(
            phrase_regex, with_unmarked_contractions(packs.lexicon("customer.recoveries"), make_doc)
        )
        self._reply_reassurances = indexed_phrases(packs, make_doc, index, "customer.reassurances")
        # "my issue has been resolved", "Problem solved!": the problem word reports none
        self._resolution = Folded.of(
            resolution_regex,
            packs.lexicon("customer.resolved_problems"),
            packs.lexicon("customer.resolution_links"),
            packs.lexicon("customer.resolved_states"),
        )
        self._good_news = phrase_regex(packs.lexicon("customer.good_news_frames"))
        self._doubt_before = phrase_regex(packs.lexicon("customer.resolution_doubts_before"))
        self._doubt_after = phrase_regex(packs.lexicon("customer.resolution_doubts_after"))

    def assess(self, customer_text: str | None, reply_doc: Doc) -> ProblemSignal:
        """The customer message is only searched, never tokenised: a regex over its
        text is several times cheaper than a spaCy doc, and batch runs have millions."""
        if customer_text is not None:
            plain = plain_quotes(customer_text)
            found = self._problem_in(plain)
            if found is not None:
                return ProblemSignal(
                    True, f'the customer message reports a problem ("{found.group(0)}")'
                )
            if self._model is not None:
                probability = self._model.probability(self.model_text(customer_text))
                if probability >= self._model.threshold:
                    return ProblemSignal(
                        True,
                        "the customer message reads as reporting a problem "
                        f"(the problem model: {probability:.2f})",
                        by_model=True,
                    )
            return ProblemSignal(False, "the customer message reports no problem")
        match = self._reply_problem(reply_doc)
        if match is not None:
            return ProblemSignal(
                True,
                f'no customer message given; the reply deals with a problem ("{match.text}")',
                from_customer=False,
            )
        return ProblemSignal(
            False, "no customer message given; the reply mentions no problem", from_customer=False
        )

    def _reply_problem(self, reply_doc: Doc) -> Span | None:
        """The reply's first problem word outside a reassurance ("No problem at all") and
        a resolution the reply is glad of ("Glad your issue has been resolved!"): a reply
        to good news deals with no problem. A resolution the agent tells ("the login bug
        is fixed in 6.1") answers a problem the customer had."""
        found = self._reply.find(reply_doc)
        if not found:
            return None
        calm = [c for c in self._reply_reassurances.find(reply_doc) if _closes_clause(c)]
        found = [f for f in found if not any(overlaps(f, c) for c in calm)]
        if not found:
            return None
        solved = _Spans(
            [m.span() for m in self._resolution.finditer(plain_quotes(text_of(reply_doc)))
             if self._solved(m) and self._welcomed(m)]
        )  # fmt: skip
        return next((f for f in found if not solved.holds(f.start_char)), None)

    def _problem_in(self, text: str) -> re.Match[str] | None:
        """The first problem word of the customer's text that is not the action of a
        routine request nor inside a reassurance ("no problem, thanks") or a recovery
        ("it works again now", "thanks again"). Only a problem
        word that is a routine action is checked for a request frame before it, in a
        short window: most messages pay nothing extra."""
        calm: _Spans | None = None
        for found in self._customer.finditer(text):
            if self._requested(text, found):
                continue
            if calm is None:
                calm = _Spans(self._calm(text))
            if not calm.holds(found.start()):
                return found
        return None

    def model_text(self, customer_text: str) -> str:
        """The customer's message as the problem model reads it, in training and in use:
        without what says there is no problem, its reassurances and recoveries. Read
        whole, the model took the "still" and "update" of "It still works after the
        update" for a problem's words."""
        return _blanked(customer_text, self._calm(plain_quotes(customer_text)))

    def _calm(self, text: str) -> list[tuple[int, int]]:
        """Where the customer's text says there is no problem: its reassurances ("no
        problem, thanks"), recoveries ("it works again now", "it still works") and
        resolutions ("my issue has been resolved")."""
        calm = [m.span() for m in self._reassurance.finditer(text)]
        calm += [m.span() for m in self._recovery.finditer(text)]
        return calm + [m.span() for m in self._resolution.finditer(text) if self._solved(m)]

    def _solved(self, found: re.Match[str]) -> bool:
        """A resolution the customer states: not hoped, asked or waited for, nor
        reported from someone else, in its sentence before it ("I hope the issue is
        fixed", "you said the problem was solved"); not pending, partial or contradicted
        after it ("... resolved soon", "... fixed but has come back"); not a question;
        and, without a link ("Problem solved"), at the start of its clause ("I need the
        problem fixed" asks for one). Only a window each side is read: a long message
        without a full stop costs no more per resolution."""
        text, start, end = found.string, found.start(), found.end()
        window = text[max(0, start - _DOUBT_WINDOW) : start]
        before = _after_last(window, _SENTENCE_ENDS)
        after = text[end : end + _DOUBT_WINDOW]
        stop = _SENTENCE_END.search(after)
        if stop is not None:
            after = after[: stop.end()]
        if self._doubt_before.search(before) or self._doubt_after.search(after):
            return False
        if after.endswith("?"):
            return False
        if found.group("link") is None:
            # one word at most may open the clause ("My problem solved", "Thanks, issue
            # resolved"); a clause that opened before the window holds more
            clause = _after_last(window, _CLAUSE_ENDS)
            opened = len(clause) < len(window) or start <= _DOUBT_WINDOW
            return opened and len(clause.split()) <= 1
        return True

    def _welcomed(self, found: re.Match[str]) -> bool:
        """Good news greets the resolution in its sentence before it ("Glad your issue
        has been resolved")."""
        text, start = found.string, found.start()
        before = _after_last(text[max(0, start - _DOUBT_WINDOW) : start], _SENTENCE_ENDS)
        return self._good_news.search(before) is not None

    def _requested(self, text: str, found: re.Match[str]) -> bool:
        if self._request_frame is None or " ".join(found.group().lower().split()) not in (
            self._actions
        ):
            return False
        start = found.start()
        window = max(0, start - _REQUEST_WINDOW)
        return self._request_frame.search(text, window, start) is not None


class _Spans:
    """Spans of a text, merged, to ask whether one holds a position in logarithmic time:
    a message of thousands of "no problem, " has thousands of problem words and as many
    calm spans, and comparing each word with every span was quadratic (minutes)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def holds(self, position: int) -> bool:
        at = bisect_right(self._starts, position) - 1
        return at >= 0 and position < self._ends[at]


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of ``spans`` a run of spaces (the other offsets unchanged)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


#: What closes a reassurance said on its own: punctuation, the end, "at all", thanks.
_REASSURANCE_END = r"(?=\s*(?:[,.!;:)\u2014-]|$|at all\b|thanks?\b|thank you\b))"
#: The words after a reassurance that keep it one ("No problem at all", "no worries thanks").
_AFTER_REASSURANCE = frozenset({"at", "thanks", "thank"})


def _closes_clause(phrase: Span) -> bool:
    """The reassurance ends its clause: "No problem!", "not an issue at all", not "no
    problem with my card"."""
    doc = phrase.doc
    if phrase.end >= len(doc):
        return True
    following = doc[phrase.end]
    return following.is_punct or following.lower_ in _AFTER_REASSURANCE


#: How far before a resolution a word putting it in doubt may start ("I hope", "you
#: said"), within its sentence (characters).
_DOUBT_WINDOW = 60
#: What ends a sentence, and a clause: a resolution is read within its own.
_SENTENCE_ENDS = ".!?\n"
_CLAUSE_ENDS = _SENTENCE_ENDS + ",;:(\u2014-"
_SENTENCE_END = re.compile(r"[.!?\n]")


def _after_last(text: str, ends: str) -> str:
    """``text`` after the last of the characters ``ends`` in it (all of it without)."""
    return text[max(text.rfind(c) for c in ends) + 1 :]


def resolution_regex(
    problems: tuple[str, ...],
    links: tuple[str, ...],
    states: tuple[str, ...],
    *,
    ignore_case: bool = True,
) -> re.Pattern[str]:
    """A problem, perhaps a link, then a state, as whole words ("issue has been
    resolved", "problem's been sorted out", "problem solved"); the group ``link`` is the
    link, None without one. A link opening with an apostrophe follows its problem
    without a space ("issue's been"). The problems and the states are grouped by first
    letter, as a phrase regex's are (:func:`_by_first_letter`: the same matches, about
    twice as fast over a customer's message or a reply)."""
    problem = _alternation(problems, by_first_letter=True) or "(?!)"
    state = _alternation(states, by_first_letter=True) or "(?!)"
    joined = [rf"\s*{link}" if link.startswith("'") else rf"\s+{link}" for link in _links(links)]
    link = f"(?P<link>{'|'.join(joined)})?" if joined else "(?P<link>(?!))?"
    flags = re.IGNORECASE if ignore_case else re.NOFLAG
    return re.compile(rf"(?<!\w){problem}{link}\s+{state}(?!\w)", flags)


def _links(links: tuple[str, ...]) -> list[str]:
    """Each link as a regex, longest first, any run of whitespace between its words."""
    alternatives = (r"\s+".join(re.escape(part) for part in p.split()) for p in links if p.strip())
    return sorted(alternatives, key=len, reverse=True)


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


def phrase_regex(
    phrases: tuple[str, ...], *, followed_by: str = "", ignore_case: bool = True
) -> re.Pattern[str]:
    """One case-insensitive regex for whole-word occurrences of any phrase (a literal
    alternation: linear time, no backtracking), its phrases grouped by first letter
    (see :func:`_by_first_letter`); ``followed_by``, a lookahead the match must meet.
    ``ignore_case=False``: case-sensitive (a :class:`replylint.folded.Folded` twin)."""
    alternation = _alternation(phrases, by_first_letter=True) or "(?!)"
    flags = re.IGNORECASE if ignore_case else re.NOFLAG
    return re.compile(rf"(?<!\w){alternation}(?!\w){followed_by}", flags)


def _alternation(phrases: tuple[str, ...], *, by_first_letter: bool = False) -> str | None:
    """A non-capturing group matching any of the phrases, longest first, any run of
    whitespace between words; None for no phrase."""
    alternatives = sorted(
        (r"\s+".join(re.escape(part) for part in p.split()) for p in phrases if p.strip()),
        key=len,
        reverse=True,
    )
    if not alternatives:
        return None
    if by_first_letter:
        return _by_first_letter(alternatives)
    return f"(?:{'|'.join(alternatives)})"


def _by_first_letter(alternatives: list[str]) -> str:
    r"""The alternation with its alternatives grouped by first letter
    (``(?:d(?:oes\s+not\s+work|id\s+not\s+work)|s(?:topped\s+working)|...)``).

    Why: ignoring case, the regex engine has no quick test for a branch's first letter,
    so at every word of a customer's message a flat alternation tries every phrase (a
    hundred and fifty); grouped, it tries one branch per first letter, then the phrases
    of the one letter that matched, several times faster.

    What it finds is unchanged: the engine takes the first alternative, in order, that
    matches at the leftmost position. At a position only the alternatives whose first
    letter matches the text can match, and two different ASCII letters never match the
    same character, case ignored; so only the order within a group matters, and it is
    kept. An alternative opening with another ASCII character (a digit, an escaped
    symbol) matches where no letter does and stays as it is, after the groups. A
    non-ASCII first character could match an ASCII letter, case ignored (the Kelvin sign
    is a "k"): then the alternation is left flat."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in alternatives:
        first = alternative[0]
        if not first.isascii():
            return f"(?:{'|'.join(alternatives)})"
        if first.isalpha():
            groups.setdefault(first.lower(), []).append(alternative[1:])
        else:
            others.append(alternative)
    branches = [
        f"{letter}(?:{'|'.join(rests)})" if len(rests) > 1 else letter + rests[0]
        for letter, rests in groups.items()
    ]
    return f"(?:{'|'.join([*branches, *others])})"
