"""Analyse a reply once: normalise it, run the pipeline, and cut it into segments.

Every rule reads the same :class:`AnalyzedReply`, so the expensive work (HTML parsing,
tokenising, sentence splitting) happens once per reply however many rules run. Segments
follow how a support reply is built: an *opening* (first sentence), a *body*, a *closing*
(last sentence before the sign-off) and a *sign-off* (valediction, agent name or
initials).

Analyses that several rules read (whether the customer had a problem, the reply's next
steps) have one home too: :class:`SharedAnalyses` builds their analysers once per linter,
and the analysed reply exposes each result as a typed attribute computed on first use,
at most once per reply (``reply.problem``, ``reply.next_steps``). A rule that does not
read one costs nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Span

from replylint.matchers import MakeDoc, PhraseIndex, Phrases
from replylint.model.problem_model import ProblemModel
from replylint.next_steps import Step, StepFinder, TimeExpressions
from replylint.normalize import NormalizedReply
from replylint.packs import PackSet
from replylint.problem import ProblemDetector, ProblemSignal, plain_quotes
from replylint.refusals import RefusalFinder
from replylint.report import Channel
from replylint.tokencolumns import token_columns

_WORD = re.compile(r"\w[\w.'&-]*\w|\w")
#: Letters (``[^\W\d_]``) and capitals (``[A-Z]``), counted in Unicode text by runs.
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CAPITAL_RUN = re.compile(r"[A-Z]+")
#: What is not a letter, or not a capital, among ASCII bytes: in ASCII text the letters
#: are exactly ``[A-Za-z]``, and ``bytes.translate`` deletes the rest in one C loop.
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_NON_CAPITALS = bytes(c for c in range(128) if not "A" <= chr(c) <= "Z")


def is_shouting(text: str) -> bool:
    """Mostly capitals (over 60% of more than 20 letters): then capitalised words are
    emphasis, not acronyms (the jargon rule and its term model both ask)."""
    if text.isascii():
        raw = text.encode("ascii")
        letters = len(raw.translate(None, _ASCII_NON_LETTERS))
        return letters > 20 and len(raw.translate(None, _ASCII_NON_CAPITALS)) > 0.6 * letters
    letters = sum(map(len, _LETTER_RUN.findall(text)))
    return letters > 20 and sum(map(len, _CAPITAL_RUN.findall(text))) > 0.6 * letters


@dataclass(frozen=True)
class SharedAnalyses:
    """The analysers whose results more than one rule reads, built once per linter from
    the packs; read-only afterwards, so threads share them.

    Each has a typed, lazily computed attribute on :class:`AnalyzedReply` that calls it,
    so a reply pays for an analysis once, and only if some rule reads it. Another shared
    analysis (the sentence model's predictions, for one) is another field here, built in
    :meth:`build`, and another cached property there.
    """

    #: Did the customer report a problem? (``reply.problem``: apology, empathy)
    problems: ProblemDetector
    #: When something happens: read by the step finder's scheduled facts and, step by
    #: step, by the timeframe check (one instance, so time words are matched once).
    times: TimeExpressions
    #: Where the reply refuses (``reply.refusal``: options; the step finder, which
    #: reads an ending state beside a refusal as no step).
    refusals: RefusalFinder
    #: The next steps (``reply.next_steps``: next_step, next_step_timeframe,
    #: closing_thanks, options).
    steps: StepFinder
    #: Every lexicon the analysers and rules match as phrases, matched in one
    #: ``PhraseMatcher`` run per reply (see :meth:`phrases`).
    lexicons: PhraseIndex

    @classmethod
    def build(
        cls, packs: PackSet, make_doc: MakeDoc, *, problem_model: ProblemModel | None = None
    ) -> SharedAnalyses:
        """``problem_model``: the model directory's customer-problem model (None: the
        rules alone decide whether the customer had a problem)."""
        lexicons = PhraseIndex(packs, make_doc)
        times = TimeExpressions(packs, make_doc, index=lexicons)
        refusals = RefusalFinder(packs, make_doc, index=lexicons)
        return cls(
            problems=ProblemDetector(packs, make_doc, index=lexicons, model=problem_model),
            times=times,
            refusals=refusals,
            steps=StepFinder(packs, make_doc, times, refusals, index=lexicons),
            lexicons=lexicons,
        )

    def phrases(self, *lexicons: str) -> Phrases:
        """The phrases of these pack lexicons, found in the linter's one matcher run per
        reply rather than a run of their own (a run costs microseconds even where
        nothing matches, and a reply is asked about some thirty lexicons). For a rule's
        ``setup``: lexicons are added while the linter is built."""
        self.lexicons.add(*lexicons)
        return self.lexicons.phrases(*lexicons)


@dataclass(frozen=True, eq=False)
class AnalyzedReply:
    """One reply, analysed; shared read-only by all rules."""

    normalized: NormalizedReply
    doc: Doc
    channel: Channel
    customer_text: str | None
    customer_name: str | None
    #: The linter's analysers; rules read their results through the properties below.
    analyses: SharedAnalyses = field(repr=False)
    #: Rules the caller asked not to report for this reply (``Linter.check(disable=)``).
    disable: tuple[str, ...] = ()
    #: True when the text is a template kept in a macro repository, where placeholders
    #: ({{first_name}}) are expected, rather than a reply about to be sent
    #: (``Linter.check(template=)``, else the configuration's ``template``).
    template: bool = False

    def release(self) -> None:
        """Drop what the matchers cached in the doc's ``user_data`` for this reply.

        Those caches hold spans, and a span holds its doc: a reference cycle, so a
        finished reply's doc (its token arrays and every cached match) would wait for
        Python's cyclic garbage collector, whose full passes over the growing heap of a
        batch cost a third of the scoring time (7,600 pool replies left 613,444 objects
        for it). Released, the doc is freed as soon as its last reference goes. The
        reply stays usable: whatever is read again is recomputed."""
        self.doc.user_data.clear()

    @cached_property
    def problem(self) -> ProblemSignal:
        """Whether the customer had a problem (from their message when given, else from
        the reply), which makes an apology and empathy applicable."""
        return self.analyses.problems.assess(self.customer_text, self.doc)

    @cached_property
    def next_steps(self) -> tuple[Step, ...]:
        """The next steps of the reply's content sentences, in order."""
        return self.analyses.steps.steps(self.sentences)

    @cached_property
    def help_offers(self) -> tuple[Span, ...]:
        """The content sentences that offer help in general ("let us know if you need
        anything"): no step by GUIDE.md, read by the checks model as a feature."""
        return tuple(s for s in self.sentences if self.analyses.steps.offers_help(s))

    @cached_property
    def refusal(self) -> Span | None:
        """The first words of the reply's content sentences that refuse or say something
        cannot be done ("we can't refund opened items"), or None."""
        return self.analyses.refusals.first(self.sentences)

    @cached_property
    def customer_words(self) -> frozenset[str]:
        """Lower-cased words of the customer message (terms they used are not jargon)."""
        if not self.customer_text:
            return frozenset()
        return frozenset(_WORD.findall(plain_quotes(self.customer_text).lower()))

    @cached_property
    def shouting(self) -> bool:
        """The reply is written mostly in capitals (see :func:`is_shouting`)."""
        return is_shouting(self.normalized.text)

    @property
    def original(self) -> str:
        return self.normalized.original

    @cached_property
    def signoff(self) -> Span | None:
        """The sign-off block (valediction, agent name or initials), if any."""
        for region in self.normalized.regions:
            if region.kind == "signoff":
                return self.doc.char_span(region.start, region.end, alignment_mode="expand")
        return None

    @cached_property
    def branch_signoffs(self) -> tuple[Span, ...]:
        """The sign-offs closing the earlier branches of a macro's conditional, in order
        (the last branch's is :attr:`signoff`): the reply as sent is one branch, so each
        may be the one the customer reads. Their lines stay among the sentences."""
        spans = (
            self.doc.char_span(region.start, region.end, alignment_mode="expand")
            for region in self.normalized.regions
            if region.kind == "branch_signoff"
        )
        return tuple(span for span in spans if span is not None)

    @cached_property
    def branches(self) -> tuple[tuple[int, int], ...]:
        """The character spans of the branches of a macro's conditionals read as lines, in
        order (nested ones inside their branch): a customer sent one branch reads the text
        outside the spans apart from it, not its sibling branches."""
        return tuple((r.start, r.end) for r in self.normalized.regions if r.kind == "branch")

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Content sentences in order: sign-off and blank lines left out.

        Read from the token arrays rather than ``doc.sents`` (which builds every token):
        this runs once per reply on the hot path."""
        doc = self.doc
        if len(doc) == 0:
            return ()
        cut = self.signoff.start if self.signoff is not None else len(doc)
        # (a list, not numpy's comparison and flatnonzero: on a reply's few dozen tokens
        # those steps cost more than the work; a start is 1, any other value is not)
        starts = doc.to_array(SENT_START).tolist()
        bounds = [i for i, start in enumerate(starts) if start == 1]
        bounds.append(len(doc))
        if bounds[0] != 0:
            bounds.insert(0, 0)
        # plain ints (indexing a numpy array boxes each value), read with the other readers'
        spaces = token_columns(doc).hashes(IS_SPACE)
        result = []
        for start, end in itertools.pairwise(bounds):
            end = min(end, cut)
            while start < end and spaces[start]:
                start += 1
            while end > start and spaces[end - 1]:
                end -= 1
            if start < end:
                result.append(Span(doc, start, end))
        return tuple(result)

    @property
    def opening(self) -> Span | None:
        return self.sentences[0] if self.sentences else None

    @property
    def body(self) -> tuple[Span, ...]:
        """Sentences between the opening and the closing."""
        return self.sentences[1:-1]

    @property
    def closing(self) -> Span | None:
        return self.sentences[-1] if self.sentences else None

    @cached_property
    def paragraph_of(self) -> tuple[int, ...]:
        """Paragraph index of each content sentence (a blank line starts a paragraph)."""
        result = []
        paragraph = 0
        previous_end = 0
        text = self.normalized.text
        for sent in self.sentences:
            if "\n\n" in text[previous_end : sent.start_char]:
                paragraph += 1
            result.append(paragraph)
            previous_end = sent.end_char
        return tuple(result)

    @cached_property
    def placeholder_spans(self) -> tuple[tuple[int, int], ...]:
        return tuple((r.start, r.end) for r in self.normalized.regions if r.kind == "placeholder")

    def in_placeholder(self, start_char: int, end_char: int) -> bool:
        return any(s < end_char and start_char < e for s, e in self.placeholder_spans)

    def to_original(self, start_char: int, end_char: int) -> tuple[int, int, str]:
        """Map a span of the analysed text back to the input: (start, end, input[start:end])."""
        start, end = self.normalized.offsets.to_original(start_char, end_char)
        return start, end, self.original[start:end]

    def anchor(self) -> tuple[int, int]:
        """Where a *missing* element is reported: an empty span at the start of the reply."""
        if not self.normalized.text:
            return 0, 0
        start, _ = self.normalized.offsets.to_original(0, 1)
        return start, start

    def end_anchor(self) -> int:
        """Where a *missing* element of the reply's end (thanks, a next step) is reported:
        just after the agent's last character in the input, not after the quoted history,
        signature, footer or closing markup under it (there, an editor or ``check``'s
        line and column would point at the customer's quoted "Many thanks!")."""
        text = self.normalized.text
        if not text:
            return len(self.original.rstrip())
        _, end = self.normalized.offsets.to_original(len(text) - 1, len(text))
        return end
