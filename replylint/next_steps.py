"""Finding next steps in a reply: instructions, commitments, handoffs, questions, links.

Read by the ``next_step``, ``next_step_timeframe`` (a timeframe only counts when it
belongs to a step) and ``closing_thanks`` (thanks followed by a real step is not the
close) checks, so it lives below the checks: the linter builds one :class:`StepFinder`
and each reply's steps are found once, as ``AnalyzedReply.next_steps``.

Its vocabulary (instruction verbs, request openers, offer and hope words, ...) is the
``next_step.*`` lexicons of ``rules/next_step.yaml``; the closed-class words its patterns
are made of (pronouns, auxiliaries, conjunctions) come from :mod:`replylint.grammar`.

The decision is lexical and positional, no parser needed: an *instruction* is a clause
that starts with an action verb ("restart the app", "please DM us") or advice ("you can
reset it here", "I suggest..."); a *commitment* is a "will"/"going to" future that is not
an offer of goodwill ("we'll be happy to help") and not a hope ("hopefully it will be
back"), a perfect "I've escalated this", or a progressive "we're looking into it"; a
*question* asks the customer for something ("Which version are you on?"), unless it only
offers help ("Anything else?"). A contact instruction with a generic condition ("if you
need anything, DM us", "feel free to reach out") is an offer, not a step.

Two kinds tell the customer what happens without a verb of promise. A *scheduled* fact
is the customer's thing, a movement or arrival and a time ("your refund reaches your
bank in 5 days", "your delivery takes 7-10 working days"): the time is what makes it a
plan rather than a description; so is a plan or expected outcome of anyone's with a time
after it ("it should show up within 3 days", "overpayments are paid within 14 days", "a
fix is rolling out tonight", "we expect power back by 2am"). A fact of the customer's
kind of thing named in general ("Refunds go back to your card within 5-7 days", "any
refund goes back ...") states a policy: a step only beside another step of the reply,
which puts it in motion for this customer. A *completed* action is a step
already taken for the customer ("Done!", "your plan is now switched to annual", "I've
cancelled your subscription"); the next_step check counts it only where it says when
something comes of it or another step stands beside it (see
:mod:`replylint.checks.next_step`).
The customer's thing in an ending state beside a refusal ("We can't reopen it. Your
account is closed now.") is not one: it says why nothing was done.

When something happens is recognised by :class:`TimeExpressions`, shared with the
timeframe check: a closed set of shapes (weekdays, month-name and ISO dates, clock
times, durations and ranges) from the pack vocabulary. Date parsers were measured for
this and rejected: ``dateparser``'s ``search_dates`` costs more than the whole check path,
``dateutil``'s fuzzy parser about a third of it and finds one date per string, and both
read "7-10 days" as a date (figures in docs/accuracy.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, LIKE_URL, NORM, ORTH
from spacy.tokens import Doc, Span, Token

from replylint.doctext import lowers, text_of
from replylint.grammar import (
    BE_FORMS,
    CLAUSE_PUNCTUATION,
    CONTRACTED_IS_SUBJECTS,
    DASHES,
    FIRST_PERSON_AFTER_LET,
    FIRST_PERSON_SUBJECTS,
    FUTURE_SPELLINGS,
    HAVE_FORMS,
    HAVE_SPELLINGS,
    NEGATIONS,
    OBJECT_PRONOUNS,
    PAST_AUXILIARIES,
    PERSON_POSSESSIVES,
    SECOND_PERSON,
    SECOND_PERSON_POSSESSIVES,
    SENTENCE_PUNCTUATION,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    WOULD_SPELLINGS,
)
from replylint.matchers import (
    MakeDoc,
    Patterns,
    PhraseIndex,
    Phrases,
    indexed_phrases,
)
from replylint.names import given_names
from replylint.nlp import item_words
from replylint.packs import PackSet
from replylint.refusals import RefusalFinder
from replylint.tokencolumns import token_columns

StepKind = Literal[
    "instruction", "commitment", "question", "link", "scheduled", "completed", "hold"
]

#: The only digits of ASCII text (``str.isdigit``'s others are all outside it).
_ASCII_DIGIT = re.compile(r"[0-9]")
# Text that may hold a link ("://", "www.", a word character, a dot and two letters): a
# cheap test before looking at tokens one by one. One character class opens it, the rest
# read after it (case ignored only there: a class of letters read ignoring case gives
# the engine no first characters to skip to), so the search skips to ":", "w" and ".".
_URLISH = re.compile(r"[:wW.](?:(?<=:)//|(?i:(?<=w)ww\.)|(?i:(?<=\w\.)[a-z]{2,}(?:/|\b)))")
#: A Markdown link's middle: the text's closing bracket and the address's opening.
_MARKDOWN_LINK = re.compile(r"\]\((?:https?://|www\.)", re.IGNORECASE)
#: A path of three capitalised names joined by slashes that opens a sentence ("View/Threads/
#: Ignored Threads."; inside one, "on Windows/Mac/Linux" is more often a list).
_SLASH_PATH = re.compile(r"([^/\n]{1,30})/([^/\n]{1,30})/[A-Z&]")
#: Symbols that stand for a menu ("☰ > Settings").
_MENU_SYMBOLS = frozenset({"≡", "☰", "⋮"})
#: Where an imperative may start after a fronted clause ("If it fails, reinstall").
_CLAUSE_BREAKS = (CLAUSE_PUNCTUATION - {")"}) | {"then"}
#: The marks that may open a clause of its own anywhere in a sentence (see
#: ``StepFinder._opens_new_clause``).
_NEW_CLAUSE_MARKS = DASHES | {";"}
#: Where a clause stops, for the time of a plan ("is booked; please call us today").
_CLAUSE_ENDS = frozenset({";", ":"}) | SENTENCE_PUNCTUATION
#: How far after "have" the state of what to have may stand ("have | your booking
#: reference number | ready"): what is had, at most five words, then the state.
_PREPARED_REACH = 6
#: Where the last clause of a sentence starts ("Sorry to hear that, what could we do?").
_LAST_CLAUSE_BREAKS = DASHES | {",", ";"}
#: Words at which a commitment form can start: will/'ll/shall, going (to), have/has/'ve
#: (escalated), let (me check), would/'d (be glad to credit).
_COMMIT_TRIGGERS = FUTURE_SPELLINGS | HAVE_SPELLINGS | WOULD_SPELLINGS | {"going", "let"}
#: After a verb, these make it a label ("Update: ..."), an address ("Update you") or a
#: noun ("Update of the app"), not an imperative. Not "to": "Go to Settings", "Try to
#: sign out", "Switch to the classic view" are the commonest instructions of all.
_NON_IMPERATIVE_NEXT = {":", "-", "you", "of"}
#: What "I've cancelled ..." must touch to be done for the customer ("your plan", "it").
_DONE_OBJECTS = SECOND_PERSON | OBJECT_PRONOUNS
#: Where the subject of an auxiliary starts, going back from it ("... and the price will").
_SUBJECT_BOUNDS = SUBORDINATORS | {"and", "but", "so", "that", "which", "because", "or"}
#: Words that cannot be inside the noun compound a verb-looking word opens ("Call us is").
_NOT_IN_COMPOUND = SUBJECT_PRONOUNS | OBJECT_PRONOUNS | SECOND_PERSON | FIRST_PERSON_AFTER_LET
#: The possessive ending, as the tokenizer splits it off ("Friday" "'s" "delivery").
_POSSESSIVE_MARKS = frozenset({"'s", "’s"})
#: The first word after a first-person simple past that makes it done for the customer
#: ("we switched your plan", "I refunded you"): the customer or the customer's thing.
_SERVED = frozenset({"your", "you"})
#: How many words before the customer's thing may modify it in a general rule ("Standard
#: certificate orders are posted ...").
_GENERIC_REACH = 3

#: "don't hesitate to contact us": the idiom that makes any contact instruction an offer.
_HESITATE = "hesitate"
#: The customer as someone who acts ("once you restart", not "your Mac").
_CUSTOMER_ACTING = SECOND_PERSON - SECOND_PERSON_POSSESSIVES - {"yours"}
#: How many words after a fronted purpose's verb an instruction may follow it without a
#: comma ("To show the bar all the time open ...").
_PURPOSE_REACH = 9
#: Words after a fronted "to" that make it no purpose ("To me it looks ...", "To whom").
_NOT_PURPOSE_VERBS = (
    SUBJECT_PRONOUNS
    | OBJECT_PRONOUNS
    | SECOND_PERSON
    | {"me", "him", "her", "us", "whom", "what", "which", "the", "a", "an", "my", "our"}
    | {"their", "his", "its", "your", "be", "date", "this", "that"}
)
#: The forms of "be" of a first-person present progressive ("I'm checking", "we are").
_PROGRESSIVE_BE = frozenset({"am", "are", "'m", "'re", "’m", "’re"})
_ARRIVALS = "next_step.arrival_verbs"
_COMPLETION = "next_step.completion_phrases"
_COMPLETED = "next_step.completed_verbs"
_PRESENT = "timeframe.present_words"
#: The longest clock written as one token ("10:30am").
_CLOCK_LENGTH = 7
#: Where the thing passed on ends and where it went begins ("passed your message *to*").
_PASSED_UNTIL = frozenset({"to", "with", "on", "onto", "across", "along", "over", "back", ",", "."})


#: Months that time only a first-person commitment ("we'll ship it in July").
_COMMITTED_MONTHS = "timeframe.committed_months"
#: After a comma, opens a clause that may be an instruction ("..., so check the page");
#: after a done action, what it means for the customer (the next_step check).
SO = "so"
#: The lexicons the step finder matches as phrases (one matcher run for all).
#: Days of the month named without their month ("the 14th"): read apart from ranks.
_DAYS_OF_MONTH = "timeframe.days_of_month"
_PHRASE_LEXICONS = (
    "next_step.lead_ins", "next_step.advice_frames", "next_step.commit_progressive",
    "next_step.hope_words", "next_step.open_ended_conditions", "next_step.commit_phrases",
    "next_step.offer_questions", "next_step.link_cues", "next_step.letter_formulas",
    "next_step.introductions",
    "next_step.farewells", "next_step.wait_units", "next_step.hold_requests",
    "next_step.wait_askers", "next_step.information_purposes", "next_step.contact_phrases",
    "next_step.ready_states",
)  # fmt: skip


class TimeExpressions:
    """When something happens: "today", "within 24 hours", "by 30 June", "by 5pm",
    "by 17:00", "by the weekend", "in 3–5 days", "right now". Built once per linter
    (see :class:`replylint.analysis.SharedAnalyses`); thread-safe.

    Durations of doing something ("hold the button for 10 seconds") are not times, and
    a time cut off from the step by an unpunctuated sentence break is another sentence's.
    """

    def __init__(
        self, packs: PackSet, make_doc: MakeDoc, *, index: PhraseIndex | None = None
    ) -> None:
        """``index``: the linter's shared phrase index, which then matches the time
        words too (else they get a matcher of their own)."""
        self._words = indexed_phrases(packs, make_doc, index, "timeframe.words", _PRESENT)
        self._shapes = Patterns(
            packs, make_doc, "timeframe.durations", "timeframe.dates", _DAYS_OF_MONTH
        )
        self._day_followers = packs.words("timeframe.day_of_month_followers")
        self._numeric = Patterns(packs, make_doc, "timeframe.numeric_dates")
        self._not_deadlines = Patterns(packs, make_doc, "timeframe.not_deadlines")
        self._deadline_openers = packs.words("timeframe.deadline_openers")
        self._ongoing = Patterns(packs, make_doc, "timeframe.ongoing")
        self._committed = Patterns(packs, make_doc, "timeframe.committed_times", _COMMITTED_MONTHS)
        self._offered = Patterns(packs, make_doc, "timeframe.offered_times")
        self._relative = Patterns(packs, make_doc, "timeframe.relative_times")
        self._relative_not_after = packs.words("timeframe.relative_not_after")
        self._relative_count_words = packs.words("timeframe.relative_count_words")
        self._relative_deadline_marks = packs.words("timeframe.relative_deadline_marks")
        self._offered_words = packs.words("timeframe.offered_time_words")
        self._persons = packs.words("next_step.person_nouns")
        self._past_events = Patterns(packs, make_doc, "timeframe.past_events")
        self._condition_openers = packs.words("timeframe.condition_openers")
        self._reason_openers = packs.words("timeframe.reason_openers")
        self._opening_states = packs.words("timeframe.opening_states")
        self._waiting_words = packs.words("timeframe.waiting_words")
        self._possessive_openers = packs.words("timeframe.possessive_openers")
        self._anchored_openers = packs.words("timeframe.anchored_openers")
        self._amount_units = packs.words("timeframe.amount_units")
        self._forward_openers = packs.words("timeframe.forward_openers")
        self._immediacy = packs.words("timeframe.immediacy_words")
        self._not_immediate_before = packs.words("timeframe.not_immediate_before")

    def appear_in(self, sentence: Span) -> bool:
        """Whether any time word or shape is in `sentence` at all: a cheap test that
        spares looking for plans in the many sentences without a time."""
        if self._words.first(sentence) is not None:
            return True
        if _has_digit(text_of(sentence)) and self._numeric.first(sentence) is not None:
            return True
        return self._shapes.first(sentence) is not None

    def for_step(
        self,
        sentence: Span,
        evidence: Span,
        *,
        asking: bool = False,
        ongoing: bool = False,
        fields: Sequence[Span] = (),
    ) -> Span | None:
        """The first time in `sentence` that says when the step shown by `evidence`
        happens. A present-state word ("right now") counts only after the step's words
        in the same clause, and never in a question ("which version are you using right
        now?"). When `asking` (a question, a request to confirm details) only a deadline
        counts ("by Friday", "as soon as possible"): a date or a day there is what is
        asked about ("do you want the table on March 1st?"). A time that a past event
        stands right before is that event's ("the form which you signed on 14 August").
        When `ongoing` (the agent's commitment), how long its work goes on counts too,
        right after its words ("we'll monitor it for the next 48 hours"). `fields` are
        template dates with their preposition ("on {{appointment_date}}"), times like
        the others (the timeframe check finds them: only it sees the placeholders)."""
        # Words first: they are found in one pass per reply, while the shapes need a
        # token-pattern run over the sentence, skipped when a word already answers. A
        # time after the step's words answers at once; one before it only when none
        # follows ("the engineer came on Tuesday we'll send the report next week").
        earlier: Span | None = None
        for times in (self._words, self._shapes, self._numeric, None):
            if times is None:  # the template dates, last
                found = [f for f in fields if sentence.start <= f.start < sentence.end]
            elif times is self._numeric and not _has_digit(text_of(sentence)):
                continue  # "by 03/07/2024", "by 17:00": no word to look for first
            else:
                found = times.find(sentence, excluding=self._not_deadlines)
            for when in found:
                if not _same_statement(evidence, when):
                    continue
                if when.label_ == _PRESENT and (asking or not _later_in_clause(evidence, when)):
                    continue
                if asking and when[0].lower_ not in self._deadline_openers:
                    continue
                if self._names_a_thing(sentence, when) or self._ranks(sentence, when):
                    continue  # "check next month's payslip", "on the 2nd floor"
                if self._measures_an_amount(sentence, when):
                    continue  # "it stores up to 8 hours of readings"
                if self._belongs_elsewhere(sentence, evidence, when):
                    continue
                if when.start >= evidence.start:
                    return when
                if earlier is None or when.start < earlier.start:
                    earlier = when
        if earlier is not None:
            return earlier
        if asking and self._offered.may_match(sentence):
            return self.offered_times(sentence, evidence)
        if self._relative.may_match(sentence):
            relative = self._relative_time(sentence, evidence, deadline_only=asking)
            if relative is not None:
                return relative
        if ongoing and self._committed.may_match(sentence):
            committed = self._committed_time(sentence, evidence)
            if committed is not None:
                return committed
        if ongoing and self._ongoing.may_match(sentence):
            return self._ongoing_time(sentence, evidence)
        if ongoing:
            return self._immediately_after(sentence, evidence)
        return None

    def offered_times(self, sentence: Span, evidence: Span | None = None) -> Span | None:
        """Times offered to choose from (``timeframe.offered_times``: "Would Tuesday
        morning or Thursday afternoon suit you?", or "We've got Thursday at 8:30 or
        Friday at 2pm." before the question that asks which), as the words of the times
        either side of the "or"; none in a question about the past ("was it Monday or
        Tuesday that you ordered?", "did it start on Monday or Tuesday?"). With the
        step's `evidence`, only a choice that belongs to its statement."""
        if not self._offered.may_match(sentence):
            return None
        words = lowers(sentence.doc)
        if words[sentence.start] in PAST_AUXILIARIES or self._past_events.first(sentence):
            return None
        for choice in self._offered.find(sentence):
            if evidence is not None and (
                not _same_statement(evidence, choice)
                or self._belongs_elsewhere(sentence, evidence, choice)
            ):
                continue
            doc = sentence.doc
            start, end = choice.start, choice.end
            while start > sentence.start and self._in_offered_time(doc[start - 1]):
                start -= 1
            while end < sentence.end and self._in_offered_time(doc[end]):
                end += 1
            return doc[start:end]
        return None

    def _in_offered_time(self, token: Token) -> bool:
        """`token` belongs to an offered time: one of ``timeframe.offered_time_words``
        ("at", "Thursday", "afternoon", "pm") or a clock's digits ("8:30", "12")."""
        return token.lower_ in self._offered_words or (
            token.text[:1].isdigit() and len(token) <= _CLOCK_LENGTH
        )

    def _committed_time(self, sentence: Span, evidence: Span) -> Span | None:
        """When the agent's, a colleague's or the company's own commitment happens, in its
        clause right after its words: "the engineer will call at 3pm", "I'll ring you the
        evening before" (``timeframe.committed_times``), and a month where the
        commitment is in the first person, "we'll ship it in mid-July"
        (``timeframe.committed_months``). Elsewhere such a time is as often what is
        booked, an event's or when a rule applies ("a table for 3 at 5pm", "the game
        will start at 8 pm", "sales run in July")."""
        for span in self._committed.find(sentence):
            if not self._committed_by_someone(
                evidence, first_person=span.label_ == _COMMITTED_MONTHS
            ):
                continue
            if (
                _later_in_clause(evidence, span)
                and _same_statement(evidence, span)
                and not self._belongs_elsewhere(sentence, evidence, span, absolute=True)
            ):
                return span
        return None

    def _relative_time(
        self, sentence: Span, evidence: Span, *, deadline_only: bool = False
    ) -> Span | None:
        """A time counted back from the customer's event, in the step's clause after its
        words (``timeframe.relative_times``: "we'll phone you 48 hours before delivery",
        "please arrive 15 minutes before your booking"): when the step is due. A count
        after one of ``timeframe.relative_not_after`` is a window's edge ("transfer them
        up to 48 hours before the event") or a wait between steps ("wait 24 hours before
        trying again"), and a count of its own, in another clause, is
        a rule's ("check-in closes 40 minutes before departure"). When `deadline_only`
        (a request to confirm details), only a count that says it is the latest
        (``timeframe.relative_deadline_marks``: "please confirm the numbers no later than
        6 weeks before the wedding", "at least 21 days before"): a bare count there may
        be what is confirmed ("please confirm a table 2 days before the show")."""
        words = lowers(sentence.doc)
        for span in self._relative.find(sentence):
            before = span.start - 1
            while before > sentence.start and words[before] in self._relative_count_words:
                before -= 1
            if before >= sentence.start and words[before] in self._relative_not_after:
                continue
            if deadline_only and self._relative_deadline_marks.isdisjoint(
                words[before + 1 : span.start]
            ):
                continue
            if (
                _later_in_clause(evidence, span)
                and _same_statement(evidence, span)
                and not self._belongs_elsewhere(sentence, evidence, span, absolute=True)
            ):
                # the event's first word, matched only to see that one is named, is left
                # out: "14 days before", "10 minutes early"
                return span if span[-1].lower_ == "early" else span[:-1]
        return None

    def _committed_by_someone(self, evidence: Span, *, first_person: bool) -> bool:
        """The commitment is someone's: "we" or "I" in its clause up to its words ("we'll
        arrive at 6:30"), or, unless ``first_person``, a person or a team of
        ``next_step.person_nouns`` ("the engineer will call at 3pm"). "The game will
        start at 8 pm" tells when an event is, not a step."""
        doc = evidence.doc
        start = _clause_start(doc[evidence.sent.start : evidence.end], evidence.start)
        words = {token.lower_ for token in doc[start : evidence.end]}
        if not FIRST_PERSON_SUBJECTS.isdisjoint(words):
            return True
        return not first_person and not self._persons.isdisjoint(words)

    def _immediately_after(self, sentence: Span, evidence: Span) -> Span | None:
        """ "now" after the words of the agent's commitment still to do, in its clause
        ("I'll message the surgery now", "I'm transferring you now"); not after a perfect
        ("I've re-sent it just now": done) nor in "for now", "from now on"."""
        doc = sentence.doc
        if any(token.lower_ in HAVE_SPELLINGS for token in evidence):
            return None
        for i in range(evidence.end, sentence.end):
            token = doc[i]
            if token.text in CLAUSE_PUNCTUATION or token.text in SENTENCE_PUNCTUATION:
                return None
            if token.lower_ not in self._immediacy:
                continue
            before = doc[i - 1].lower_
            after = doc[i + 1].lower_ if i + 1 < sentence.end else ""
            if before in self._not_immediate_before or after == "on":
                return None
            return doc[i : i + 1]
        return None

    def _names_a_thing(self, sentence: Span, when: Span) -> bool:
        """The time is a possessive that names a thing ("check next month's payslip",
        "including today's lesson"), not when something happens; after one of
        ``timeframe.possessive_openers`` the thing is an event that happens then ("on
        tomorrow's first van", "scheduled for Thursday's release"), also when the opener
        is the time's own first word ("it goes out on Monday's van", "by Friday's
        cut-off")."""
        doc = sentence.doc
        if when.end >= sentence.end or doc[when.end].text not in _POSSESSIVE_MARKS:
            return False
        if when[0].lower_ in self._possessive_openers:
            return False
        return when.start == sentence.start or doc[when.start - 1].lower_ not in (
            self._possessive_openers
        )

    def _measures_an_amount(self, sentence: Span, when: Span) -> bool:
        """A stretch of time that "of" and a thing follow measures an amount of the thing
        ("your sensor stores up to 8 hours of readings", "about 3 days of footage"), not
        when a step happens, unless ``timeframe.anchored_openers`` open it: then the thing
        is what the time counts from ("within 2 hours of payment")."""
        doc = sentence.doc
        if when.end >= sentence.end or doc[when.end].lower_ != "of":
            return False
        if when[-1].lower_ not in self._amount_units or any(w.lower_ == "the" for w in when):
            return False  # "in the first week of August" is a date
        opener = doc[when.start - 1].lower_ if when.start > sentence.start else ""
        return when[0].lower_ not in self._anchored_openers and (
            opener not in self._anchored_openers
        )

    def _ranks(self, sentence: Span, when: Span) -> bool:
        """A day of the month without its month, after a preposition alone, that a word
        follows other than ``timeframe.day_of_month_followers``: a rank ("on the 2nd
        floor", "for the 3rd time"), not a date ("on the 14th at 10am")."""
        if when.label_ != _DAYS_OF_MONTH or when.end >= sentence.end:
            return False
        after = sentence.doc[when.end]
        return after.is_alpha and after.lower_ not in self._day_followers

    def _counted_from_now(self, when: Span) -> bool:
        """The time is a wait counted from now: it opens with one of
        ``timeframe.forward_openers`` ("within 5 days") or follows one ("within 7–10
        days", where the range alone is the match)."""
        doc = when.doc
        return when[0].lower_ in self._forward_openers or (
            when.start > 0 and doc[when.start - 1].lower_ in self._forward_openers
        )

    def _ongoing_time(self, sentence: Span, evidence: Span) -> Span | None:
        """How long the agent's committed work goes on, in its clause right after its
        words: "we'll keep an eye on it for the next 24 hours and email you". Elsewhere
        such a span is how long a state lasts ("the offer runs for the next 2 weeks")."""
        for span in self._ongoing.find(sentence):
            if _later_in_clause(evidence, span) and _same_statement(evidence, span):
                return span
        return None

    def _is_condition(self, words: list[str]) -> bool:
        """`words`, the words of the clause before a time, open a condition that is not a
        wait and that goes on up to the time: "if the music starts (tonight)", but not
        "if I don't hear back (in the next 2 minutes)", whose time is when the step
        comes, nor "if it's overturned we'll issue a credit (within 5 days)", where a
        future ends the condition and the time is the main clause's."""
        opener = next((i for i, word in enumerate(words) if word in self._condition_openers), None)
        if opener is None:
            return False
        condition = words[opener:]
        return self._waiting_words.isdisjoint(condition) and FUTURE_SPELLINGS.isdisjoint(condition)

    def _tells_opening_hours(self, words: list[str]) -> bool:
        """`words`, the clause before a time, say when a place is open: a form of "be"
        and then one of ``timeframe.opening_states`` ("we're open (till 6 today)", "the
        lines are closed (tomorrow)")."""
        return any(
            word in self._opening_states and i > 0 and words[i - 1] in BE_FORMS
            for i, word in enumerate(words)
        )

    def _belongs_elsewhere(
        self, sentence: Span, evidence: Span, when: Span, *, absolute: bool = False
    ) -> bool:
        """The time attaches to a clause of its own between the step (or the clause's
        start) and the time, not to the step: a condition ("if the music starts tonight,
        call us"), opening hours ("pop in, we're open till 6 today"), a reason before the
        step ("as it's within 48 hours of the start, we can't refund it, but we can move
        it"), a refusal before the step ("we can't deliver on Saturday, but you can
        collect it"), or a past event ("please
        sign the form which you signed on 14 August", "we'll refund the order you placed
        on Tuesday"): what happens then, or what happened then, not when the step
        happens. The step's own words ("I've booked you in on Friday") are never that
        clause. ``absolute``: the time names a date or an hour ("in July", "at 3pm"),
        never a wait counted from now, whatever its preposition."""
        if evidence.start <= when.start < evidence.end:
            return False  # the step's own words hold the time ("should reach you in 3 days")
        start = _clause_start(sentence, when.start)
        if evidence.end <= when.start:
            start = max(start, evidence.end)
        if start >= when.start:
            return False
        words = lowers(sentence.doc)[start : when.start]
        if self._is_condition(words) or self._tells_opening_hours(words):
            return True
        if when.start < evidence.start and len(words) > 1 and words[0] in self._reason_openers:
            return True  # "As it's within 48 hours of the start, we can't refund, but ..."
        if (
            when.start < evidence.start
            and not NEGATIONS.isdisjoint(words)
            and self._condition_openers.isdisjoint(words)  # "if you don't hear by Friday"
        ):
            return True  # what is refused: "we can't deliver on Saturday, but you can ..."
        if evidence.end <= when.start and not absolute and self._counted_from_now(when):
            # after the step, a wait from now is no past event's time ("it will reach the
            # card you paid with within 5 days"); before it, it may be ("you returned it
            # within 14 days, so we will refund you")
            return False
        # from the token before, which tells a subject from an object ("get you booked")
        before = sentence.doc[max(start - 1, 0) : when.start]
        return self._past_events.may_match(before) and self._past_events.first(before) is not None


@dataclass(frozen=True)
class Step:
    """One next step: what kind it is, its sentence, and the words that made it one;
    ``when``, a time the finder already read as the step's own (the short wait of a
    live-chat hold: "one moment while I pull up your order")."""

    kind: StepKind
    sentence: Span
    evidence: Span
    when: Span | None = None
    #: A scheduled fact stated as a general rule, of a thing no one's in particular
    #: ("Refunds go back to your card within 5-7 days", "Any refund goes back ..."): a
    #: step only beside another step of the reply, which puts it in motion for the
    #: customer (see :meth:`StepFinder.steps`).
    policy: bool = False

    @property
    def customers(self) -> bool:
        """The customer takes this step: an instruction, a question asking them for
        something, a link to follow; not the agent's "let me check" (an instruction in
        form) nor anything the agent or the company does."""
        if self.kind not in ("instruction", "question", "link"):
            return False
        if self.kind != "instruction" or self.evidence[0].lower_ != "let":
            return True
        # "let me check" is the agent's; "let me know", "let us know" ask the customer
        doc, after = self.sentence.doc, self.evidence[0].i + 2
        return after < self.sentence.end and doc[after].lower_ == "know"


class StepFinder:
    """Finds the next steps of a reply, sentence by sentence, from the ``next_step``
    pack's vocabulary. Built once per linter (see
    :class:`replylint.analysis.SharedAnalyses`, which computes each reply's steps once
    for every check that reads them); thread-safe to share.

    ``times`` is the linter's one :class:`TimeExpressions`, shared with the timeframe
    check so a reply's time words are matched once."""

    def __init__(
        self,
        packs: PackSet,
        make_doc: MakeDoc,
        times: TimeExpressions,
        refusals: RefusalFinder,
        *,
        index: PhraseIndex | None = None,
    ) -> None:
        """``refusals``: the linter's one refusal reader, which the options check reads
        too. ``index``: the linter's shared phrase index, to which the finder's lexicons
        are added (else they get an index of their own)."""
        words = packs.words
        # The phrase lexicons, matched in one run per reply (most replies have none of
        # them: a run per lexicon was a fixed cost a dozen times over).
        lexicons = (*_PHRASE_LEXICONS, _ARRIVALS, _COMPLETION, _COMPLETED)
        if index is None:
            index = PhraseIndex(packs, make_doc)
        index.add(*lexicons)

        def phrases(name: str) -> Phrases:
            return index.phrases(name)

        self._conditional_openers = words("next_step.fronted_openers")
        self._link_clause_openers = words("next_step.link_clause_openers")
        self._completion_openers = words("next_step.completion_openers")
        self._adverbs = words("next_step.skippable_adverbs")
        self._asking_openers = words("next_step.asking_openers")
        self._question_lead_ins = words("next_step.question_lead_ins")
        self._offer_openers = frozenset(
            tuple(entry.lower().split()) for entry in packs.lexicon("next_step.offer_openers")
        )
        self._musing_openers = words("next_step.musing_openers")
        self._musing_subjects = words("next_step.musing_subjects")
        self._musing_words = words("next_step.musing_words")
        self._offer_cues = words("next_step.offer_cues")
        self._condition_cues = words("next_step.condition_cues")
        self._specific_after_know = words("next_step.specific_after_know")
        self._proceed_conditions = words("next_step.proceed_conditions")
        self._wish_verbs = words("next_step.wish_verbs")
        self._proceed_verbs = words("next_step.proceed_verbs")
        self._willing_words = words("next_step.willing_words")
        self._verbs = words("next_step.instruction_verbs")
        self._label_instructions = words("next_step.label_instructions")
        self._contact_verbs = words("next_step.contact_verbs")
        self._contact_phrases = phrases("next_step.contact_phrases")
        self._lead_ins = _single_words(packs.lexicon("next_step.lead_ins"))
        self._emphatic = words("next_step.emphatic_auxiliaries")
        self._lead_in_phrases = phrases("next_step.lead_ins")
        self._lead_in_first_words = frozenset(
            w.split()[0].lower() for w in packs.lexicon("next_step.lead_ins") if " " in w
        )
        self._advice = phrases("next_step.advice_frames")
        self._worth = words("next_step.worth_words")
        self._worth_remarks = words("next_step.worth_remarks")
        self._progressive = phrases("next_step.commit_progressive")
        self._perfect = words("next_step.commit_perfect")
        self._passing_verbs = words("next_step.passing_verbs")
        self._passed_words = words("next_step.passed_words")
        self._offer_words = words("next_step.offer_words")
        self._hope = phrases("next_step.hope_words")
        self._generic = words("next_step.generic_conditions")
        self._open_ended = _single_words(packs.lexicon("next_step.open_ended_conditions"))
        self._open_ended_phrases = phrases("next_step.open_ended_conditions")
        self._not_advice = words("next_step.not_advice_verbs")
        self._prepared_states = words("next_step.prepared_states")
        self._commit_phrases = phrases("next_step.commit_phrases")
        self._ready_states = phrases("next_step.ready_states")
        self._request_offer_modals = words("next_step.request_offer_modals")
        self._request_skips = words("next_step.request_skips")
        self._open_request_words = words("next_step.open_request_words")
        self._scheduled = Patterns(packs, make_doc, "next_step.scheduled")
        self._plans = Patterns(packs, make_doc, "next_step.plans")
        self._plan_not_subjects = words("next_step.plan_not_subjects")
        self._habit_adverbs = words("next_step.habit_adverbs")
        self._offer_verbs = words("next_step.offer_verbs")
        self._offer_questions = phrases("next_step.offer_questions")
        self._link_cues = phrases("next_step.link_cues")
        self._pointer_verbs = words("next_step.pointer_verbs")
        self._information = phrases("next_step.information_purposes")
        self._purpose_breaks = words("next_step.purpose_breaks")
        self._pointer_targets = words("next_step.pointer_targets")
        self._menu_separators = frozenset(packs.lexicon("next_step.menu_separators"))
        self._times = times
        self._participles = words("timeframe.irregular_participles")
        self._customer_things = words("next_step.customer_things")
        # One matcher pass per reply for the three vocabularies of finished and planned
        # facts; each match is labelled with its lexicon.
        self._facts = index.phrases(_ARRIVALS, _COMPLETION, _COMPLETED)
        self._schedule_skips = words("next_step.schedule_skips")
        self._completed_skips = words("next_step.completed_skips") | BE_FORMS
        self._not_after_completion = words("next_step.not_after_completion")
        self._request_openers = words("next_step.request_openers")
        #: Every word after which :meth:`_clause_starts` may start a clause.
        self._clause_marks = (
            self._request_openers | _CLAUSE_BREAKS | {"then", ",", SO} | _NEW_CLAUSE_MARKS
        )
        self._advice_skips = words("next_step.advice_skips")
        self._advice_openers = words("next_step.advice_openers")
        self._help_words = words("next_step.help_words")
        self._more_words = words("next_step.more_words")
        self._link_hedges = words("next_step.link_hedges")
        self._place_openers = words("next_step.place_openers")
        self._place_enders_not = (
            words("next_step.not_place_enders")
            | SUBJECT_PRONOUNS
            | OBJECT_PRONOUNS
            | SECOND_PERSON
            | BE_FORMS
            | HAVE_FORMS
            | FUTURE_SPELLINGS
            | WOULD_SPELLINGS
        )
        self._not_after_purpose = words("next_step.not_after_purpose")
        self._purpose_continuers = words("next_step.purpose_instruction_continuers")
        self._purpose_enders_not = (
            words("next_step.not_purpose_enders")
            | (SUBJECT_PRONOUNS - {"it"})
            | BE_FORMS
            | HAVE_FORMS
            | FUTURE_SPELLINGS
            | WOULD_SPELLINGS
        )
        self._advice_embedders = words("next_step.advice_embedders")
        self._possessive_before_advice = words("next_step.possessive_before_advice")
        self._predicting_subjects = words("next_step.predicting_subjects")
        self._relatives = words("next_step.relative_pronouns")
        self._perfect_subjects = words("next_step.perfect_subjects")
        self._price_nouns = words("next_step.price_nouns")
        self._event_nouns = words("next_step.event_nouns")
        self._announced_nouns = self._price_nouns | self._event_nouns
        self._introductions = phrases("next_step.introductions")
        self._after_introduction = words("next_step.after_introduction")
        self._state_verbs = words("next_step.state_verbs")
        self._effective_openers = words("next_step.effective_openers")
        self._effective_lead_ins = words("next_step.effective_lead_ins")
        self._reminder_verbs = words("next_step.reminder_verbs")
        self._effective_ranges = words("next_step.effective_ranges")
        self._likelihood = words("next_step.likelihood_adverbs")
        self._perception_verbs = words("next_step.perception_verbs")
        self._effective_times = words("next_step.effective_times")
        self._state_complements = words("next_step.state_complements")
        self._completed_words = words(_COMPLETED)
        self._again_prefixes = words("next_step.again_prefixes")
        self._again_starts = tuple(self._again_prefixes)  # one str.startswith call a word
        self._persons = words("next_step.person_nouns")
        self._consequence_openers = words("next_step.consequence_openers")
        self._narrative = words("next_step.narrative_auxiliaries")
        self._habitual_adverbs = words("next_step.habitual_adverbs")
        self._frequency_adverbs = words("next_step.frequency_adverbs")
        self._content_verbs = words("next_step.content_verbs")
        self._arrival_particles = words("next_step.arrival_particles")
        self._finite = words("next_step.finite_after_subject")
        self._clause_taking = words("next_step.clause_taking_verbs")
        self._noncommittal = Patterns(packs, make_doc, "next_step.noncommittal")
        self._offer_fillers = words("next_step.offer_fillers")
        self._done_markers = words("next_step.done_markers")
        self._ending_states = words("next_step.ending_states")
        self._specific_determiners = words("next_step.specific_determiners")
        self._generic_quantifiers = words("next_step.generic_quantifiers")
        self._offer_actions = words("next_step.offer_actions")
        self._working_gerunds = words("next_step.working_gerunds")
        self._working_objects = words("next_step.working_objects")
        self._relative_openers = words("next_step.relative_openers")
        self._refusals = refusals
        self._formulas = phrases("next_step.letter_formulas")
        self._farewells = phrases("next_step.farewells")
        self._formula_verbs = frozenset(
            w.split()[0].lower()
            for name in ("next_step.letter_formulas", "next_step.farewells")
            for w in packs.lexicon(name)
            if w.strip()
        )
        self._wait_units = phrases("next_step.wait_units")
        self._short_waits = Patterns(packs, make_doc, "next_step.short_waits")
        self._hold_requests = phrases("next_step.hold_requests")
        self._request_first_words = frozenset(
            w.split()[0].lower() for w in packs.lexicon("next_step.hold_requests") if w.strip()
        )
        self._wait_askers = phrases("next_step.wait_askers")
        self._asker_verbs = frozenset(
            w.split()[0].lower() for w in packs.lexicon("next_step.wait_askers") if w.strip()
        )
        self._wait_fillers = words("next_step.wait_fillers")
        self._hold_explainers = words("next_step.hold_explainers")
        self._hold_verbs = words("next_step.hold_verbs")
        self._hold_particles = words("next_step.hold_particles")

    def steps(self, sentences: Sequence[Span]) -> tuple[Step, ...]:
        """The steps among ``sentences`` (a reply's content sentences), in order.

        Rules read them as ``reply.next_steps`` (:class:`replylint.analysis.AnalyzedReply`),
        computed once per reply. A completed step that is only an ending state beside a
        refusal is information (see :meth:`_ending_state`): the sentence is read again
        without it, for any other step it takes. A general rule with a time ("Refunds go
        back to your card within 5-7 days", a ``policy`` step) tells the customer what
        happens next only beside a step that puts it in motion for them (a return to
        post, a refund issued, a report received and acted on); alone it explains the
        policy, and the reply has no step."""
        found: list[Step] = []
        for index, sentence in enumerate(sentences):
            item = item_words(sentence)  # "Open Settings" of "1. Open Settings"
            step = self.classify(item)
            if (
                step is not None
                and self._ending_state(step)
                and any(
                    self._refusals.in_sentence(near) is not None
                    for near in sentences[max(0, index - 1) : index + 2]
                )
            ):
                step = self.classify(item, beside_refusal=True)
            if step is not None:
                found.append(step)
        if found and all(step.policy for step in found):
            return ()  # "Refunds go back to your card within 5-7 days." alone: information
        return tuple(found)

    def classify(self, sentence: Span, *, beside_refusal: bool = False) -> Step | None:
        """The step ``sentence`` takes, or None. The kinds are tried in a fixed order (a
        question before an instruction, ...) and the first that matches wins.
        ``beside_refusal``: the sentence, the one before or the one after refuses ("We
        can't reopen it."), so an ending state is no step."""
        hopeful = self._hope.first(sentence) is not None
        # a short wait ("one moment", "2 minutes"): the pattern runs only where a word of
        # one is in the sentence (most sentences have none)
        waits = (
            self._short_waits.find(sentence) if self._wait_units.first(sentence) is not None else []
        )
        hold = self._hold(sentence, waits)
        if hold is not None:
            return hold
        finders = (
            self._question, self._instruction, self._offer_on_request, self._commitment,
            self._completed, self._scheduled_fact, self._ready_to_collect, self._link,
            self._menu,
        )  # fmt: skip
        for finder in finders:
            found = finder(sentence, hopeful)
            if found is not None and beside_refusal and self._ending_state(found):
                continue  # "We can't reopen it. Your account is closed now.": information
            if found is not None:
                if waits and self._agents_own(found):
                    return self._timed_by_wait(found, waits)
                return found
        return None

    def company_step(self, sentence: Span) -> Step | None:
        """A step the agent or the company takes in ``sentence``, looked for even where
        the sentence's step (the first kind that matched) is the customer's: "We'll send
        a new card; please activate it" is an instruction with a commitment beside it."""
        hopeful = self._hope.first(sentence) is not None
        return self._commitment(sentence, hopeful) or self._scheduled_fact(sentence, hopeful)

    # -- live-chat holds -------------------------------------------------------------
    def _hold(self, sentence: Span, waits: list[Span]) -> Step | None:
        """An explained hold: a request to wait ("one moment", "bear with me", "give me 2
        minutes") and, after it in the sentence, what the agent does meanwhile ("while I
        pull up your order", "Bear with me, I'm checking the stock", "to check the
        schedule"). A short wait that is the request itself (in a clause of its own, after
        "give me" or "hold on") or that runs "while I ..." is the step's time. A bare
        "Please hold." explains nothing, and "wait 10 seconds, then restart" is the
        customer's own step: neither is a hold."""
        requests = self._hold_requests.find(sentence)
        if not waits and not requests:
            return None
        askers = self._wait_askers.find(sentence) if waits else []
        tagged = [(wait, True) for wait in waits] + [(request, False) for request in requests]
        for request, is_wait in sorted(tagged, key=lambda pair: pair[0].start):
            start = request.start
            if is_wait:
                asker = self._right_after(sentence, request.start, askers)
                asked = asker is not None
                start = asker.start if asker is not None else start
                meanwhile = self._meanwhile_follows(
                    sentence,
                    request.end,
                    waits,
                    to_verb=asked,
                    # a wait that is not itself a request ("it'll take a minute or two
                    # while I check") holds only with "while I ..." right after it
                    explainer_only=not asked
                    and self._right_after(sentence, request.start, requests) is None
                    and not self._opens_clause(sentence, request.start),
                )
                when: Span | None = request
            else:
                meanwhile = self._meanwhile_follows(sentence, request.end, waits)
                when = self._wait_after(sentence, request.end, waits)
                doing = None if meanwhile is not None else self._doing_before(sentence, request)
                if doing is not None:  # "I'm checking the stock, bear with me"
                    start, meanwhile = doing, request.end
            if meanwhile is not None:
                return Step("hold", sentence, sentence.doc[start:meanwhile], when=when)
        return None

    def _doing_before(self, sentence: Span, request: Span) -> int | None:
        """Where a clause before a request to wait, in a clause of its own, says what the
        agent is doing now, as a present progressive ("I'm just checking the fleet system,
        bear with me"): the wait is explained, as by "while I ..." after it."""
        doc, words = sentence.doc, lowers(sentence.doc)
        if request.start == sentence.start or words[request.start - 1] not in CLAUSE_PUNCTUATION:
            return None
        for i in range(sentence.start, request.start - 2):
            opens = i == sentence.start or words[i - 1] in CLAUSE_PUNCTUATION
            if not opens or words[i] not in FIRST_PERSON_SUBJECTS:
                continue
            if doc[i + 1].norm_ not in _PROGRESSIVE_BE and words[i + 1] not in _PROGRESSIVE_BE:
                continue
            doing = self._after_adverbs(sentence, i + 2)
            if doing is not None and doing.is_alpha and doing.lower_.endswith("ing"):
                return i
        return None

    @staticmethod
    def _agents_own(step: Step) -> bool:
        """A step the agent takes: a commitment, or "let me/us ..." (an instruction in
        form only: see :meth:`_is_specific_let`)."""
        if step.kind == "commitment":
            return True
        let = step.evidence[0]
        return (
            step.kind == "instruction"
            and let.lower_ == "let"
            and let.i + 2 < len(let.doc)
            and let.nbor(2).lower_ != "know"  # "let us know ..." asks the customer
        )

    def _timed_by_wait(self, step: Step, waits: list[Span]) -> Step:
        """The agent's commitment with a short wait in a clause of its own beside it ("Let
        me check your meter reading, one moment", "Let me see if we have it, won't be
        long!"), also after a request to hold or to be given the time ("let me check the
        plan - bear with me a minute", "..., give me a sec"): the wait is when the agent
        comes back."""
        sentence = step.sentence
        requests: list[Span] | None = None  # looked for only when a wait is beside the step
        for wait in waits:
            if not (wait.start >= step.evidence.end or wait.end <= step.evidence.start):
                continue
            if not self._ends_clause(sentence, wait.end):
                continue
            if self._opens_clause(sentence, wait.start):
                return replace(step, when=wait)
            if requests is None:
                requests = self._hold_requests.find(sentence) + self._wait_askers.find(sentence)
            request = self._right_after(sentence, wait.start, requests)
            if request is not None and self._opens_clause(sentence, request.start):
                return replace(step, when=wait)
        return step

    def _skip_fillers(self, sentence: Span, index: int, step: int) -> int:
        """The first index from `index`, going by `step` (1 or -1), that is not a filler
        of a short wait ("just", "please", "back in")."""
        words = lowers(sentence.doc)
        while sentence.start <= index < sentence.end and words[index] in self._wait_fillers:
            index += step
        return index

    def _opens_clause(self, sentence: Span, index: int) -> bool:
        """Only fillers stand between the clause's start and `index`."""
        before = self._skip_fillers(sentence, index - 1, -1)
        if before < sentence.start:
            return True
        text = sentence.doc[before].text
        return text in CLAUSE_PUNCTUATION or text in SENTENCE_PUNCTUATION

    def _ends_clause(self, sentence: Span, index: int) -> bool:
        """Only fillers, then punctuation or the sentence's end, follow `index`."""
        after = self._skip_fillers(sentence, index, 1)
        return after >= sentence.end or not sentence.doc[after].is_alpha

    def _right_after(self, sentence: Span, index: int, spans: list[Span]) -> Span | None:
        """The one of `spans` that ends right before `index`, fillers aside ("give me just
        a sec", "hold on a moment")."""
        before = self._skip_fillers(sentence, index - 1, -1) + 1
        return next((span for span in spans if span.end == before), None)

    def _wait_after(self, sentence: Span, index: int, waits: list[Span]) -> Span | None:
        """A short wait right after a request to hold ("hold on a sec while I ...")."""
        after = self._skip_fillers(sentence, index, 1)
        return next((wait for wait in waits if wait.start == after), None)

    def _meanwhile_follows(
        self,
        sentence: Span,
        index: int,
        waits: list[Span],
        *,
        to_verb: bool = False,
        explainer_only: bool = False,
    ) -> int | None:
        """Where the words saying what the agent does meanwhile end, when they follow
        `index` (across fillers, a short wait and a comma): "while I/we ...", a clause of
        its own opening with "I"/"we" ("Bear with me, I'm checking"), or, when `to_verb`,
        an infinitive ("give me 2 minutes to check"). None when nothing follows."""
        doc, words = sentence.doc, lowers(sentence.doc)
        i = self._skip_fillers(sentence, index, 1)
        wait = None if explainer_only else next((w for w in waits if w.start == i), None)
        if wait is not None:
            i = self._skip_fillers(sentence, wait.end, 1)
        broke = False
        while not explainer_only and i < sentence.end and words[i] in _LAST_CLAUSE_BREAKS:
            broke, i = True, i + 1
        if i + 1 >= sentence.end:
            return None
        if words[i] in self._hold_explainers and words[i + 1] in FIRST_PERSON_SUBJECTS:
            return i + 2
        if explainer_only:
            return None
        if broke and words[i] in FIRST_PERSON_SUBJECTS:
            return i + 2
        if to_verb and words[i] == "to" and doc[i + 1].is_alpha:
            return i + 2
        return None

    # -- questions -------------------------------------------------------------------
    def _question(self, sentence: Span, hopeful: bool) -> Step | None:
        """A question to the customer: it names them ("you") or opens like a request for
        information ("Which version...?", "Any error message?"); "is this a bug?" musing
        about the problem is not a request."""
        text = text_of(sentence)
        if "?" not in text:
            return None
        if self._offer_questions.first(sentence) is not None:
            return None
        if not _asks(sentence) and self._information_pointer(sentence) is not None:
            return None  # the "?" is a link's ("... here: https://...?id=2")
        words = _alpha_words(sentence.doc, sentence.start, sentence.end)
        if not words:
            return None
        spanish = text.lstrip().startswith("¿")
        words = self._past_lead_ins(words)  # "And are its eyes open yet?"
        if self._muses(words) or self._offers_more_help(words):
            return None
        if spanish or SECOND_PERSON & set(words) or self._opens_question(words):
            return Step("question", sentence, sentence)
        clause = _last_clause_words(sentence)  # "Sorry to hear that, what could we do?"
        if clause and self._opens_question(clause):
            return Step("question", sentence, sentence)
        return None

    def offers_help(self, sentence: Span) -> bool:
        """The sentence offers help in general ("let us know if you need anything",
        "feel free to DM us with any questions", "anything else I can help with?"), the
        offer GUIDE.md reads as no step: an instruction the step finder sets aside as
        generic, or a question that only offers help. The checks model reads it as a
        feature (``__offer__``) and learns how far such a sentence is no step: without
        it, its words ("DM us") outweighed the rule that had already set it aside."""
        words = lowers(sentence.doc)[sentence.start : sentence.end]
        if "?" in words:
            alpha = _alpha_words(sentence.doc, sentence.start, sentence.end)
            if self._offer_questions.first(sentence) is not None or (
                alpha and self._offers_more_help(alpha)
            ):
                return True
        if self._offer_cues.isdisjoint(words):
            return False  # (most sentences: no condition or "feel free")
        if _HESITATE in words:  # "please don't hesitate to contact us": an offer whatever follows
            after = words[words.index(_HESITATE) + 1 :]
            if not self._contact_verbs.isdisjoint(after):
                return True
        for advice in self._advice.find(sentence):
            verb = self._next_word(sentence, advice.end)
            if verb is not None and self._is_generic(sentence, verb):
                return True
        for start in self._clause_starts(sentence):
            verb = self._skip_lead_ins(sentence, start)
            if (
                verb is not None
                and (verb.lower_ in self._verbs or verb.lower_ in self._contact_verbs
                     or self._invites_contact(sentence, verb))
                and self._is_generic(sentence, verb)
            ):  # fmt: skip
                return True
        return False

    def _past_lead_ins(self, words: list[str]) -> list[str]:
        """The words from the question's opener on, past the words that may come before
        it (``next_step.question_lead_ins``: "And are its eyes open yet?", "Roughly how
        big is it?")."""
        lead = 0
        while lead < len(words) - 1 and words[lead] in self._question_lead_ins:
            lead += 1
        return words[lead:]

    def _opens_question(self, words: list[str]) -> bool:
        """The words open a request: for information ("Which version ...?") or for the
        customer's answer to an offer ("Shall I go ahead?", "Want me to set that up?")."""
        if words[0] in self._asking_openers:
            return True
        return any(tuple(words[: len(opener)]) == opener for opener in self._offer_openers)

    def _offers_more_help(self, words: list[str]) -> bool:
        """ "May I further assist you?", "Could I help with another thing?", "Do you need
        any other help?": a question that offers more help, however it is worded, asks the
        customer for nothing. The agent offers to help ("I"/"we" and a verb of help) with
        something more, or the help itself is more ("other help", "further assistance")."""
        helping = [i for i, word in enumerate(words) if word in self._help_words]
        if not helping:
            return False
        more = [i for i, word in enumerate(words) if word in self._more_words]
        if not more:
            return False
        if not FIRST_PERSON_SUBJECTS.isdisjoint(words):
            return True
        return any(h - 1 in more or (h - 2 in more and words[h - 1] == "any") for h in helping)

    def _muses(self, words: list[str]) -> bool:
        """ "Is this a bug?", "Is it caused by malware?": a guess at the cause, put as a
        question about the problem, asks the customer for nothing; with alternatives
        ("Is this a bug or a setting?") it asks them to tell which."""
        return (
            len(words) > 1
            and words[0] in self._musing_openers
            and words[1] in self._musing_subjects
            and "or" not in words
            and not self._musing_words.isdisjoint(words)
        )

    # -- instructions ----------------------------------------------------------------
    def _instruction(self, sentence: Span, hopeful: bool) -> Step | None:
        worth = self._worth_doing(sentence)
        if worth is not None:
            return worth
        for advice in self._advice.find(sentence):
            if not self._opens_advice(sentence, advice):
                continue
            verb = self._next_word(sentence, advice.end)
            if (
                verb is not None
                and verb.lower_ not in self._not_advice
                and not self._is_generic(sentence, verb)
                and not self._points_to_information(sentence, verb)
            ):
                return Step("instruction", sentence, sentence.doc[advice.start : verb.i + 1])
        for start in self._clause_starts(sentence):
            verb = self._skip_lead_ins(sentence, start)
            if (
                verb is None
                or self._is_formula(sentence, verb)
                or self._is_generic(sentence, verb)
                or self._bare_hold(sentence, verb)
                or self._points_to_information(sentence, verb)
            ):
                continue
            if self._prepares(sentence, verb):
                return Step("instruction", sentence, sentence.doc[verb.i : verb.i + 1])
            requested = (
                start > sentence.start and lowers(sentence.doc)[start - 1] in self._request_openers
            )
            if (requested and verb.is_alpha and verb.lower_ not in self._not_advice) or (
                self._is_imperative(sentence, verb)
            ):
                return Step("instruction", sentence, sentence.doc[verb.i : verb.i + 1])
        return None

    def _worth_doing(self, sentence: Span) -> Step | None:
        """ "It could be worth giving them a call", "worth contacting your bank first": a
        worth word and the gerund of an instruction verb recommend the step, as "you could"
        and the verb do. "Worth noting" (``next_step.worth_remarks``) and "worth every
        penny" recommend nothing. Not in a question ("is it worth booking?" asks)."""
        words = lowers(sentence.doc)
        if self._worth.isdisjoint(words[sentence.start : sentence.end - 1]):
            return None  # (most sentences: one set test)
        if text_of(sentence).rstrip().endswith("?"):
            return None
        for i in range(sentence.start, sentence.end - 1):
            if words[i] not in self._worth:
                continue
            gerund = words[i + 1]
            if gerund in self._worth_remarks or not gerund.endswith("ing"):
                continue
            if not self._verbs.isdisjoint(_gerund_bases(gerund)):
                return Step("instruction", sentence, sentence.doc[i : i + 2])
        return None

    def _prepares(self, sentence: Span, verb: Token) -> bool:
        """ "(Please) have your order number ready when you call", "have the pad finished by
        Friday": "have" opening its clause, then what to have, then the state it is to be in
        (``next_step.prepared_states``) before the clause ends. "Have a great day" names no
        state, and "Have you got it ready?" asks ("you" after "have")."""
        if verb.lower_ != "have" or verb.i + 1 >= sentence.end:
            return False
        words = lowers(sentence.doc)
        if words[verb.i + 1] in SUBJECT_PRONOUNS:
            return False
        for i in range(verb.i + 2, min(verb.i + _PREPARED_REACH + 1, sentence.end)):
            if words[i] in self._prepared_states:
                return True
            if words[i] in _CLAUSE_ENDS or words[i] in CLAUSE_PUNCTUATION:
                return False
        return False

    def _opens_advice(self, sentence: Span, advice: Span) -> bool:
        """The advice frame opens its clause, so it advises. After a possessive it is part of
        a noun phrase ("we do our best to make it light"). A frame that opens with "you"
        advises at the start of a clause, after a lead-in or a verb of opinion ("so you
        can restart", "I think you can reset it"); after anything else it is inside a
        relative or subordinate clause that says what is possible ("the shows that you can
        record", "ways you can opt out", "as you can see", "events you might enjoy"), unless
        a fronted clause without its comma stands before it ("If it fails you can reinstall
        it"). "You can try" and "you're welcome to" advise wherever they stand."""
        if advice.start == sentence.start:
            return True
        doc = sentence.doc
        before = doc[advice.start - 1]
        word = before.lower_
        if word in self._possessive_before_advice:
            return False
        if advice[0].lower_ not in SECOND_PERSON or advice[-1].lower_ == "try":
            return True  # "As a workaround you can try ..." advises wherever it stands
        if advice[-2].lower_ == "welcome":
            return True  # "kennels by the car park you're welcome to use": an invitation
        if word in self._advice_embedders:
            return False
        return (
            not before.is_alpha
            or word in self._lead_ins
            or word in self._lead_in_first_words
            or word in self._advice_openers
            # a fronted clause without its comma ("If it fails you can reinstall it")
            or lowers(doc)[sentence.start] in self._conditional_openers
        )

    def _clause_starts(self, sentence: Span) -> list[int]:
        """Where an imperative may start: the sentence start, after a vocative or a
        conditional clause ("If it still fails, reinstall"), after "please", after a
        comma that offers an alternative ("Walk-ins welcome until 6pm, or book online")
        and after ", so" ("The SLA is two days, so check the RMA page tomorrow")."""
        words = lowers(sentence.doc)
        first = sentence.start
        starts = [first]
        conditional = words[first] in self._conditional_openers
        marks = self._clause_marks
        for i in range(first, sentence.end - 1):
            word = words[i]
            if word not in marks:
                continue  # (most words: one set test, not six)
            if (
                word in self._request_openers
                or (word in _CLAUSE_BREAKS and (conditional or i - first <= 3))
                or (word == "then" and i > first)
                or (word == "," and words[i + 1] == "or")
                or (word == SO and i > first and words[i - 1] == ",")
                or (word in _NEW_CLAUSE_MARKS and self._opens_new_clause(sentence, i))
            ):
                starts.append(i + 1)
        if words[first] in self._place_openers:
            starts.extend(self._after_place(sentence))
        starts.extend(self._after_purpose(sentence))
        starts.extend(self._after_link_ended_clause(sentence))
        return starts

    def _after_link_ended_clause(self, sentence: Span) -> list[int]:
        """Where an instruction may follow a fronted clause that ends with a link and no
        comma ("If you go to https://example.org/download make sure Windows 7 is
        selected", "when you sign in at www.example.org use your new password"): right after
        a web address, in a sentence where a word of ``next_step.link_clause_openers``
        stands before it. A file name ("prefs.js", "autoconfig.js.js") looks like an
        address to spaCy, so an address here has a scheme, a path or "www."."""
        doc, words = sentence.doc, lowers(sentence.doc)
        found: list[int] = []
        opened = False
        for i in range(sentence.start, sentence.end - 1):
            if words[i] in self._link_clause_openers:
                opened = True
            elif opened and doc[i].like_url and _web_address(doc[i].text):
                found.append(i + 1)
        return found

    def _opens_new_clause(self, sentence: Span, index: int) -> bool:
        """A semicolon or a spaced dash at ``index`` starts a clause of its own, where an
        imperative may stand however far into the sentence ("Members can bring a guest;
        just add their name in the app", "... for free - just add their name"); a comma
        there more often joins a list or a clause that goes on ("Options, Help, Print").
        A hyphen inside a word ("pick-up") starts nothing, nor does a capitalised word
        after the mark: it is the next item of a menu path ("File - Close", "Reading &
        Display - Message list", "find; Delete account"). (Asked of every word of a
        sentence: a word that is no mark answers before a token is built.)"""
        doc = sentence.doc
        word = lowers(doc)[index]
        if word not in _NEW_CLAUSE_MARKS:
            return False
        if index + 1 >= sentence.end or not doc[index + 1].is_lower:
            return False
        if word == ";":
            return True
        return index > sentence.start and bool(doc[index - 1].whitespace_)

    def _after_place(self, sentence: Span) -> list[int]:
        """Where an instruction verb may follow a fronted place without its comma ("In
        Thunderbird go to Tools", "On Android tap the menu"): an instruction verb in the
        first words after the place's preposition, right after a word that can end the
        place's name (not an article, a pronoun, an auxiliary or "to": "In the settings
        you can", "In order to reset")."""
        doc, words = sentence.doc, lowers(sentence.doc)
        first = sentence.start
        found: list[int] = []
        for i in range(first + 2, min(first + 7, sentence.end - 1)):
            if not doc[i - 1].is_alpha or words[i - 1] in self._place_enders_not:
                break
            if words[i] in self._verbs:
                found.append(i)
                break
        return found

    def _after_purpose(self, sentence: Span) -> list[int]:
        """Where an instruction verb may follow a fronted purpose without its comma ("To
        show the bar all the time open the config editor", "In order to fix this go to
        Settings"): the first instruction verb within the purpose's reach, right after a
        word that can end the purpose (its object or an adverb; not an article, "and", an
        auxiliary or a subject: "To fix this we will send ..."). With its comma the
        purpose is a clause of its own (``_clause_starts``)."""
        doc, words = sentence.doc, lowers(sentence.doc)
        first = sentence.start
        verb = first + 1
        if words[first] == "in" and words[first + 1 : first + 3] == ["order", "to"]:
            verb = first + 3
        elif words[first] != "to":
            return []
        if verb >= sentence.end or not doc[verb].is_alpha or words[verb] in _NOT_PURPOSE_VERBS:
            return []  # "To me it looks ...", "To whom it may concern"

        for i in range(verb + 2, min(verb + _PURPOSE_REACH, sentence.end - 1)):
            if not doc[i - 1].is_alpha:
                break  # punctuation inside the purpose: a comma is a clause start already
            if (
                words[i] in self._verbs
                and words[i] not in self._not_after_purpose
                and words[i - 1] not in self._purpose_enders_not
                and doc[i].is_lower  # "To Change Touchpad Scroll Direction": a title
                and (words[i + 1] in self._purpose_continuers or doc[i + 1].is_title)
                and not self._purpose_is_subject(sentence, i)
            ):
                return [i]
        return []

    def _purpose_is_subject(self, sentence: Span, index: int) -> bool:
        """The fronted "to" clause is the subject of a finite verb in the same clause ("To
        get a cancellation text after a long drive is awful"), so the verb-looking word at
        ``index`` is the purpose's noun, not an instruction."""
        doc, words = sentence.doc, lowers(sentence.doc)
        for i in range(index + 1, sentence.end):
            infix = doc[i - 1].whitespace_ == "" and not doc[i].whitespace_  # "four-hour"
            if (words[i] in _CLAUSE_BREAKS and not infix) or words[i] in SENTENCE_PUNCTUATION:
                return False
            if words[i] in self._finite:
                return True
        return False

    def _skip_lead_ins(self, sentence: Span, start: int) -> Token | None:
        doc, words = sentence.doc, lowers(sentence.doc)
        punct, space = _flags(doc, IS_PUNCT), _flags(doc, IS_SPACE)
        i = start
        while i < sentence.end:
            phrase = (
                self._lead_in_phrases.first(doc[i : min(i + 4, sentence.end)])
                if words[i] in self._lead_in_first_words
                else None
            )
            if phrase is not None and phrase.start == i and len(phrase) > 1:
                i = phrase.end
            elif words[i] in self._lead_ins or punct[i] or space[i] or self._emphatic_do(words, i):
                i += 1
            elif (skipped := self._prohibition_or_reminder(words, i, sentence.end)) > i:
                i = skipped
            else:
                return doc[i]
        return None

    def _prohibition_or_reminder(self, words: Sequence[str], i: int, end: int) -> int:
        """Where the instruction verb stands after a prohibition or a reminder that opens
        the clause: "don't put any cream on it", "do not switch it back on", "never leave
        it plugged in", "remember to bring your ID", "don't forget to bring your ID" (the
        verbs of ``next_step.reminder_verbs`` with "to"). ``i`` itself when none opens
        there, or no instruction verb follows ("don't worry", "don't hesitate to ...")."""
        j = i
        if words[j] == "do" and j + 1 < end and words[j + 1] in NEGATIONS:
            j += 2
        elif words[j] == "never":
            j += 1
        if j + 1 < end and words[j] in self._reminder_verbs and words[j + 1] == "to":
            j += 2
        if j == i or j >= end or words[j] not in self._verbs:
            return i
        return j

    def _emphatic_do(self, words: Sequence[str], i: int) -> bool:
        """An emphatic "do" right before an instruction verb ("Do bring your ID")."""
        return words[i] in self._emphatic and i + 1 < len(words) and words[i + 1] in self._verbs

    def _is_imperative(self, sentence: Span, verb: Token) -> bool:
        word = verb.lower_
        if self._heads_subject(sentence, verb) or not (
            word in self._verbs or self._invites_contact(sentence, verb)
        ):
            return False
        # the words beside the verb read from the doc's lists, not as Token objects
        following = _texts(sentence.doc)[verb.i + 1] if verb.i + 1 < sentence.end else None
        if following is not None and following in _NON_IMPERATIVE_NEXT:
            return word == "reach" or (following == ":" and word in self._label_instructions)
        if word == "let":
            return self._is_specific_let(sentence, verb)
        before = lowers(sentence.doc)[verb.i - 1] if verb.i > sentence.start else None
        return before not in SUBJECT_PRONOUNS

    def _heads_subject(self, sentence: Span, verb: Token) -> bool:
        """The verb-looking word opens a noun (compound) that a finite verb follows, so it
        is a subject, not an imperative: "Call volumes are very high", "Update is rolling
        out". Verbs that take a clause keep it an imperative ("Check cookies are on")."""
        if verb.lower_ in self._clause_taking:
            return False
        words, alpha = lowers(sentence.doc), _flags(sentence.doc, IS_ALPHA)
        for i in range(verb.i + 1, min(verb.i + 4, sentence.end)):
            if words[i] in self._finite:
                return True
            if not alpha[i] or words[i] in _NOT_IN_COMPOUND or words[i] in self._verbs:
                return False
        return False

    def _bare_hold(self, sentence: Span, verb: Token) -> bool:
        """ "Please hold.", "Hold on a moment.", "hold up, one sec", "give me a sec!": a
        request to wait with nothing else in its clause (what the agent does meanwhile
        would make it a hold: see :meth:`_hold`)."""
        request = (
            next((r for r in self._hold_requests.find(sentence) if r.start == verb.i), None)
            if verb.lower_ in self._request_first_words
            else None
        )
        if request is not None:  # "Please bear with me.", "Sit tight!"
            i = request.end
        elif verb.lower_ in self._hold_verbs:
            i = verb.i + 1
        elif verb.lower_ not in self._asker_verbs:
            return False  # (most verbs: nothing more to look at)
        else:  # "give me a sec!"
            asker = next((a for a in self._wait_askers.find(sentence) if a.start == verb.i), None)
            if asker is None:
                return False
            i = asker.end
        words = lowers(sentence.doc)
        waits = self._short_waits.find(sentence) if self._wait_units.first(sentence) else []
        if (
            request is None
            and verb.lower_ not in self._hold_verbs
            and self._wait_after(sentence, i, waits) is None
        ):
            return False  # "give me your order number"
        while (
            i < sentence.end and words[i] not in _CLAUSE_ENDS and words[i] not in CLAUSE_PUNCTUATION
        ):
            wait = next((w for w in waits if w.start == i), None)
            if wait is not None:
                i = wait.end
            elif (
                words[i] in self._hold_particles
                or words[i] in self._wait_fillers
                or not sentence.doc[i].is_alpha  # "!", an emoji
            ):
                i += 1
            else:
                return False
        return True

    def _is_formula(self, sentence: Span, verb: Token) -> bool:
        """ "Please find attached ...": a letter-writing formula, not something to do."""
        if verb.lower_ not in self._formula_verbs:
            return False  # (most verbs: no matcher run)
        if any(formula.start == verb.i for formula in self._formulas.find(sentence)):
            return True
        return any(
            farewell.start == verb.i and self._ends_clause(sentence, farewell.end)
            for farewell in self._farewells.find(sentence)
        )

    def _is_specific_let(self, sentence: Span, let: Token) -> bool:
        """'Let me check' commits; 'let us know your order number' asks; 'let us know if
        you need anything' only offers."""
        rest = sentence.doc[let.i + 1 : min(let.i + 4, sentence.end)]
        words = [t.lower_ for t in rest]
        if len(words) < 2 or words[0] not in FIRST_PERSON_AFTER_LET:
            return False
        if words[1] != "know":
            return True
        after = words[2] if len(words) > 2 else ""
        if after in self._proceed_conditions:
            return self._asks_to_proceed(sentence, let.i + 4)
        return after in self._specific_after_know

    def _asks_to_proceed(self, sentence: Span, index: int) -> bool:
        """The condition at ``index`` (the word after "if" or "whether") asks the customer to
        say yes to one thing: "if you want to go ahead", "whether you'd like us to
        proceed", "if you're happy for me to book it" (an action of
        ``next_step.offer_actions``). The agent waits on that answer to act, so "let me
        know" or "reply" asks for what is needed to proceed, as GUIDE.md's question
        does; "if you'd like any help" or "if you want to know more" offers in general."""
        words = lowers(sentence.doc)
        end = sentence.end
        if index >= end or words[index] != "you":
            return False
        i = index + 1
        if i < end and words[i] in WOULD_SPELLINGS:
            i += 1
        if i < end and words[i] in self._wish_verbs:
            i += 1
        elif i + 1 < end and words[i] in BE_FORMS and words[i + 1] in self._willing_words:
            i += 2
            if i < end and words[i] == "for":
                i += 1
        else:
            return False
        if i < end and words[i] in FIRST_PERSON_AFTER_LET:
            i += 1
        if i + 1 >= end or words[i] != "to":
            return False
        verb = words[i + 1]
        if verb == "go":
            return i + 2 < end and words[i + 2] == "ahead"
        return verb in self._proceed_verbs or verb in self._offer_actions

    def _is_generic(self, sentence: Span, verb: Token) -> bool:
        """An offer dressed as an instruction: "if you need anything, DM us", "feel free to
        reach out", "if you have any other issue, please open a new question". Only the
        instruction's own statement counts: in a tweet a link often ends a sentence with
        no full stop ("reach out here: <link> If there's anything else, let us know")."""
        words = lowers(sentence.doc)
        if self._offer_cues.isdisjoint(words[sentence.start : sentence.end]):
            return False  # (most sentences: no cue in them, so none in the statement)
        statement = _statement_of(sentence, verb.i)
        words = words[statement.start : statement.end]
        if self._offer_cues.isdisjoint(words):
            return False  # (no set of their words to build)
        lowered = set(words)
        cues = lowered & self._offer_cues
        if lowered & self._open_ended or self._open_ended_phrases.first(statement) is not None:
            return True
        if verb.lower_ not in self._contact_verbs and not self._invites_contact(sentence, verb):
            return False
        if "if" in cues and self._proceeds_on_answer(statement):
            return False  # "reply to confirm if you'd like us to go ahead"
        if cues <= self._condition_cues:
            # only a condition makes it an offer: what it asks about is in the condition
            # ("if you need support, contact us"), not in the instruction ("if the bonus
            # does not appear, please contact us for support")
            return not self._generic.isdisjoint(self._condition_words(statement, verb))
        return bool(lowered & self._generic)

    def _proceeds_on_answer(self, statement: Span) -> bool:
        """A condition of the statement asks to go ahead with one thing (see
        :meth:`_asks_to_proceed`)."""
        words = lowers(statement.doc)
        return any(
            words[i] in self._proceed_conditions and self._asks_to_proceed(statement, i + 1)
            for i in range(statement.start, statement.end - 1)
        )

    def _invites_contact(self, sentence: Span, verb: Token) -> bool:
        """``verb`` opens a contact idiom ("get | in touch", "give | us a shout")."""
        return any(phrase.start == verb.i for phrase in self._contact_phrases.find(sentence))

    def _condition_words(self, sentence: Span, verb: Token) -> list[str]:
        """The words of the sentence's conditions: from each condition cue ("if",
        "should", "whenever", "in case") to the clause's end or the instruction's verb."""
        words = lowers(sentence.doc)
        found: list[str] = []
        inside = False
        for i in range(sentence.start, sentence.end):
            word = words[i]
            if i == verb.i or word in CLAUSE_PUNCTUATION or word in SENTENCE_PUNCTUATION:
                inside = False
            elif word in self._condition_cues:
                inside = True
            elif inside:
                found.append(word)
        return found

    def _next_word(self, sentence: Span, index: int) -> Token | None:
        doc, words = sentence.doc, lowers(sentence.doc)
        while index < sentence.end and words[index] in self._advice_skips:
            index += 1
        if index < sentence.end and _flags(doc, IS_ALPHA)[index]:
            return doc[index]
        return None

    # -- commitments -----------------------------------------------------------------
    def _commitment(self, sentence: Span, hopeful: bool) -> Step | None:
        if hopeful:
            return None
        doc, words = sentence.doc, lowers(sentence.doc)
        for i in range(sentence.start, sentence.end):
            if words[i] not in _COMMIT_TRIGGERS:
                continue  # (most tokens: skip without building a Token)
            token = doc[i]
            evidence = (
                self._future(sentence, token)
                or self._perfect_commitment(sentence, token)
                or self._let_me(sentence, token)
                or self._concrete_would(sentence, token)
            )
            if evidence is not None:
                return Step("commitment", sentence, evidence)
        planned = self._commit_phrases.first(sentence)
        if planned is not None:
            return Step("commitment", sentence, planned)
        offered = self._offered_action(sentence) or self._working_now(sentence)
        if offered is not None:
            return Step("commitment", sentence, offered)
        progressive = self._progressive.first(sentence)
        if (
            progressive is not None
            and self._be_right_before(sentence, progressive.start)
            and not self._habitual(sentence, progressive.start)
        ):
            return Step("commitment", sentence, progressive)
        return None

    def _offered_action(self, sentence: Span) -> Span | None:
        """ "I can book an engineer visit for Thursday", "we can move you onto the 18:30
        instead": the agent offers a concrete service action (``next_step.offer_actions``)
        that is theirs to do once the customer takes it up; "I can confirm ...", "we can
        help" and "we can't refund" offer nothing to do."""
        doc, words = sentence.doc, lowers(sentence.doc)
        if "can" not in words[sentence.start : sentence.end]:
            return None  # (most sentences: no token walk)
        for i in range(sentence.start + 1, sentence.end - 1):
            if words[i] != "can" or words[i - 1] not in FIRST_PERSON_SUBJECTS:
                continue
            if i - 2 >= sentence.start and words[i - 2] in self._relative_openers:
                continue  # "situations where we can waive the charge": what is possible
            verb = self._after_adverbs(sentence, i + 1)
            if verb is not None and verb.lower_ in self._offer_actions:
                return doc[i - 1 : verb.i + 1]
        return None

    def _working_now(self, sentence: Span) -> Span | None:
        """ "One sec, just checking that for you", "Bear with me, pulling up your order":
        a gerund of the agent's work opening the sentence's last clause with no subject (a
        live reply's "I'm" left out), with what it works on after it; "Just checking: did
        you restart?" asks instead, and "Looking at your screenshot, the add-on is off"
        is a participle before its clause."""
        doc, words = sentence.doc, lowers(sentence.doc)
        if self._working_gerunds.isdisjoint(words[sentence.start : sentence.end]):
            return None  # (most sentences: no token walk)
        starts = [sentence.start] + [
            i + 1 for i in range(sentence.start, sentence.end - 1) if words[i] == ","
        ]
        for start in starts:
            i = start
            while i < sentence.end and words[i] in self._adverbs:
                i += 1  # "just", "quickly", "now"
            if (
                i + 1 < sentence.end
                and words[i] in self._working_gerunds
                and words[i + 1] in self._working_objects
                and "," not in words[i : sentence.end]  # "Looking at it, the add-on is off"
                and ":" not in words[i : sentence.end]  # "Searching the forum uses: &w=2"
            ):
                return doc[i : i + 1]
        return None

    def _be_right_before(self, sentence: Span, index: int) -> bool:
        """A form of "be" stands right before `index`, adverbs aside ("we're currently
        looking into it", "our team is tirelessly working to"): the words at `index` are
        a progressive. Elsewhere they are a noun or a gerund ("Tracking Protection is
        on", "an issue with sending mail", "clicking on it does nothing")."""
        doc = sentence.doc
        i = index - 1
        while i >= sentence.start and (
            doc[i].lower_ in self._adverbs
            or doc[i].lower_ in self._habitual_adverbs
            or (doc[i].lower_.endswith("ly") and doc[i].is_alpha)
        ):
            i -= 1
        if i < sentence.start or not _is_be(doc[i]):
            return False
        if doc[i].lower_ in ("'s", "’s"):  # after a noun, a possessive: "your father's passing"
            return i > sentence.start and doc[i - 1].lower_ in CONTRACTED_IS_SUBJECTS
        return True

    def _habitual(self, sentence: Span, index: int) -> bool:
        """An adverb of habit stands right before the progressive at `index`: "we're
        always working to bring wait times down" is what the company does in general, not
        what it does on this case ("we're working on it")."""
        words = lowers(sentence.doc)
        i = index - 1
        while i >= sentence.start and words[i] in self._adverbs:
            i -= 1
        return i >= sentence.start and words[i] in self._habitual_adverbs

    def _future(self, sentence: Span, token: Token) -> Span | None:
        """ "we'll refund you", "a technician is going to call" (not "we'll be happy to")."""
        doc, words = sentence.doc, lowers(sentence.doc)
        if token.norm_ in {"will", "shall"}:
            verb_index = token.i + 1
        elif token.norm_ == "going" and token.i + 1 < sentence.end and token.nbor(1).lower_ == "to":
            verb_index = token.i + 2
        else:
            return None
        if token.i > sentence.start and self._predicts(sentence, token.i - 1):
            return None
        if not self._commits(sentence, verb_index):
            return None
        if verb_index < sentence.end and doc[verb_index].lower_ in self._frequency_adverbs:
            return None  # "you'll occasionally be asked": how things go, not what's next
        if verb_index < sentence.end and words[verb_index] in self._likelihood:
            subject = self._subject_words(sentence, token.i)
            if subject and not self._someone_acts(sentence, token.i):
                return None  # "it'll probably need rebacking": a guess, not a promise
        verb = self._after_adverbs(sentence, verb_index)
        if verb is not None and self._points_to_information(sentence, verb):
            return None  # "You'll find more details here: <link>"
        if (
            self._announces(sentence, token.i, verb_index)
            or self._introduces(sentence, verb_index)
            or self._noncommittal_at(sentence, verb_index)
            or self._thing_predicts(sentence, token.i, verb_index)
            or self._supposes(sentence, token.i, verb_index)
            or self._in_force_from(sentence, token.i)
            or self._customer_will_notice(sentence, token.i, verb)
        ):
            return None
        return doc[token.i : verb_index + 1]

    def _introduces(self, sentence: Span, verb_index: int) -> bool:
        """ "I'll be helping you today", "I'll be looking after you": the agent's
        introduction in a live chat (``next_step.introductions``, after "I" and "will")
        says who answers, not what happens
        on the customer's case, unless a task follows ("I'll be helping you set up the
        router": a word other than those of ``next_step.after_introduction``, a time
        or punctuation)."""
        found = self._introductions.first(sentence.doc[verb_index : sentence.end])
        if found is None or found.start != verb_index:
            return False
        if self._subject_words(sentence, verb_index - 1) != ["i"]:
            return False  # "an engineer will be assisting you today" is a step
        if found.end >= sentence.end:
            return True
        after = sentence.doc[found.end]
        return after.is_punct or after.lower_ in self._after_introduction

    def _supposes(self, sentence: Span, aux: int, verb_index: int) -> bool:
        """ "You'll have received an email", "I know you'll have taken time off": a future
        perfect of the customer's, with no time to be done by, supposes what has already
        happened; "you'll have it by Friday" and "we'll have it fixed" are steps."""
        words = lowers(sentence.doc)
        if words[verb_index] != "have" or verb_index + 1 >= sentence.end:
            return False
        if self._subject_words(sentence, aux)[-1:] != ["you"]:
            return False
        participle = words[verb_index + 1]
        if not (participle.endswith(("ed", "en")) or participle in self._participles):
            return False
        step = sentence.doc[aux : verb_index + 2]
        when = self._times.for_step(sentence, step)
        return when is None or when.start < step.start  # a time before it is another clause's

    def _subject_words(self, sentence: Span, aux: int) -> list[str]:
        """The words of the subject of the auxiliary at `aux`: back from it to its
        clause's start, a conjunction or a pronoun ("the price of your package", "we")."""
        return lowers(sentence.doc)[self._subject_start(sentence, aux) : aux]

    def _subject_start(self, sentence: Span, aux: int) -> int:
        """Where the subject of the auxiliary at `aux` starts (see :meth:`_subject_words`)."""
        words = lowers(sentence.doc)
        start = _clause_start(sentence, aux)
        i = aux
        while i > start and words[i - 1] not in _SUBJECT_BOUNDS:
            i -= 1
            if words[i] in SUBJECT_PRONOUNS:
                break
        return i

    def _thing_predicts(self, sentence: Span, aux: int, verb_index: int) -> bool:
        """The subject of "will" is a thing acting on its own, a prediction rather than
        anyone's promise: "Firefox will open a new window", "the page will reload", "the
        update will install itself". Not when someone acts (a pronoun of a person, "our
        ...", a person or team of ``next_step.person_nouns``, a first name: "a technician
        will call you"), nor in a passive or a state ("it will be fixed": see
        :meth:`_announces`), nor when a time follows (what the thing does then is a
        scheduled fact: "the hold will drop off your card within 3 days"), nor as the
        consequence of the customer's action, which the sentence names before the subject
        ("once you restart, Firefox will open a new window", "what you can do is tap
        Forgot password, and a reset link will come") or follows ("Then it will appear
        under Accounts"): that belongs to an instruction."""
        doc, words = sentence.doc, lowers(sentence.doc)
        start = self._subject_start(sentence, aux)
        subject = doc[start:aux]
        verb = self._after_adverbs(sentence, verb_index)
        if not len(subject) or verb is None or verb.lower_ == "be":
            return False
        if self._someone_acts(sentence, aux) or any(
            word.lower_ in SECOND_PERSON or word.lower_ in FIRST_PERSON_AFTER_LET
            for word in subject
        ):
            return False
        if words[sentence.start] in self._consequence_openers:
            return False  # "Then it will appear under Accounts"
        before = words[sentence.start : start]
        if not _CUSTOMER_ACTING.isdisjoint(before):
            return False  # "once you restart, Firefox will open", "you tap X and a link comes"
        return self._times.for_step(sentence, doc[aux : verb.i + 1]) is None

    def _announces(self, sentence: Span, aux: int, verb_index: int) -> bool:
        """ "will" announces a price or a state, not an action on the customer's case: a
        price subject ("the price of your package will increase", "our prices will be
        published in May") unless what happens to it is done for the customer ("your fee
        will be waived"); a state verb ("the plan will cost £12", "it will stay the
        same") or a state after "be" ("the bridge will be closed from 10pm"), unless the
        agent acts ("we'll change your plan") or, for a state, the thing is the
        customer's ("your account will be closed")."""
        subject = self._subject_words(sentence, aux)
        if not subject or not self._perfect_subjects.isdisjoint(subject):
            return False  # the agent, the team: an action
        verb = self._after_adverbs(sentence, verb_index)
        if verb is None:
            return False
        action = verb
        if verb.lower_ == "be":
            after = self._after_adverbs(sentence, verb.i + 1)
            if after is None:
                return False
            action = after
            if after.like_num or after.is_currency:
                return True  # a value: "it will be $212", "the high will be 79 degrees"
            if after.lower_ in self._state_complements and SECOND_PERSON_POSSESSIVES.isdisjoint(
                subject
            ):
                return True
        elif verb.lower_ in self._state_verbs:
            return True
        elif verb.lower_ in self._content_verbs:
            arrives = verb.i + 1 < sentence.end and verb.nbor().lower_ in self._arrival_particles
            before = lowers(sentence.doc)[sentence.start : self._subject_start(sentence, aux)]
            follows_customer = not _CUSTOMER_ACTING.isdisjoint(before)  # "once you sign in, ..."
            return not (arrives or follows_customer or self._someone_acts(sentence, aux))
        return (
            not self._announced_nouns.isdisjoint(subject)
            and action.lower_ not in self._completed_words
            and not self._someone_acts(sentence, aux)  # "our sales desk will send you"
        )

    def _customer_will_notice(self, sentence: Span, aux: int, verb: Token | None) -> bool:
        """ "you'll see the 750 mark inside the band", "you will see those images": the
        customer, and only the customer, will notice something (a verb of
        ``next_step.perception_verbs``), with no time for it: a description of what they
        will find, not a step. With a time ("you'll see the refund within 5 days") it
        says what happens next."""
        if verb is None or verb.lower_ not in self._perception_verbs:
            return False
        if self._subject_words(sentence, aux) not in (["you"], ["u"]):
            return False
        return self._times.for_step(sentence, sentence.doc[aux : verb.i + 1]) is None

    def _in_force_from(self, sentence: Span, aux: int) -> bool:
        """The sentence (or what follows its colon) opens with when a rule takes effect, a
        time after one of ``next_step.effective_openers`` ("From 1 June, Switzerland will
        be added to the add-on", "As of next month the depot will close at 4"), and the
        subject of the "will" at `aux` is nobody who acts for the customer: a policy
        announced to all, whose date "belongs to a policy" (GUIDE.md), not a step on this
        case. The agent's own ("from tomorrow we'll send the new boxes"), someone's who
        acts ("from Monday a new driver will collect your bins") and the customer's thing
        ("from Monday your account will move to the new plan", "from today his hearing
        aids will be kept in a case") stay steps."""
        doc, words = sentence.doc, lowers(sentence.doc)
        first = next(
            (i + 1 for i in range(aux - 1, sentence.start - 1, -1) if words[i] == ":"),
            sentence.start,
        )  # "A quick note before the holidays: from 20 December ..."
        while first < aux and (
            words[first] in self._effective_lead_ins or words[first] in CLAUSE_PUNCTUATION
        ):
            first += 1  # "Yes, sadly from 1 March ..."
        if words[first] not in self._effective_openers:
            return False
        when = first + 1
        if words[first] == "as":
            if when >= aux or words[when] != "of":
                return False
            when += 1  # "as of"
        if when >= aux or not (doc[when].like_num or words[when] in self._effective_times):
            return False  # "From the settings page, the app will ...": a place, not a date
        start = max(self._subject_start(sentence, aux), when)
        while start < aux and (
            doc[start].like_num
            or words[start] in self._effective_times
            or words[start] in self._effective_ranges
        ):
            start += 1  # the dates: "April" is no person ("From 7 April garden waste", "from
            # 20 December to 2 January each visit")
        subject = doc[start:aux]
        return not any(
            token.lower_ in self._perfect_subjects
            or token.lower_ in SECOND_PERSON_POSSESSIVES
            or token.lower_ in PERSON_POSSESSIVES
            or self._names_someone(token)
            for token in subject
        )

    def _someone_acts(self, sentence: Span, aux: int) -> bool:
        """The subject of the auxiliary at `aux` names someone who can act: a person or
        team (``next_step.person_nouns``), a pronoun of a person, or a first name; or it
        is "who" after a comma, a relative clause on the one just named ("I've passed it
        to the site manager, who will review the rota"), as "who" is said of people ("anyone
        who will be travelling", without the comma, is a kind of customer)."""
        doc = sentence.doc
        start = self._subject_start(sentence, aux)
        if (
            aux - start == 1
            and doc[start].lower_ == "who"
            and start > sentence.start
            and doc[start - 1].text == ","
        ):
            return True
        return any(self._names_someone(doc[i]) for i in range(start, aux))

    def _names_someone(self, token: Token) -> bool:
        """`token` names someone who can act: a person or team
        (``next_step.person_nouns``), a pronoun of a person, or a first name."""
        word = token.lower_
        return (
            word in self._persons
            or (word in SUBJECT_PRONOUNS and word not in OBJECT_PRONOUNS)
            or (token.is_title and word in given_names())
        )

    def _noncommittal_at(self, sentence: Span, verb_index: int) -> bool:
        """The verb group after "will" promises thought, not action: "we will consider
        adding more booths", "we'll take it on board", "we'll be keeping it in mind"."""
        if not self._noncommittal.may_match(sentence):
            return False  # (most sentences: no pattern run)
        verb = self._after_adverbs(sentence, verb_index)
        if verb is not None and verb.lower_ == "be":
            verb = self._after_adverbs(sentence, verb.i + 1)
        if verb is None:
            return False
        match = next((m for m in self._noncommittal.find(sentence) if m.start == verb.i), None)
        return match is not None and not self._action_joined(sentence, match.end)

    def _action_joined(self, sentence: Span, index: int) -> bool:
        """After a non-committal verb group, the clause goes on with "and" and an action:
        "we'll consider your request and reply within 5 days" promises the reply."""
        words = lowers(sentence.doc)
        for i in range(index, sentence.end - 1):
            if words[i] in CLAUSE_PUNCTUATION or words[i] in SENTENCE_PUNCTUATION:
                return False
            if words[i] == "and":
                verb = self._after_adverbs(sentence, i + 1)
                return verb is not None and verb.lower_ in self._verbs
        return False

    def _predicts(self, sentence: Span, subject: int) -> bool:
        """The subject of "will" predicts rather than commits ("what will happen",
        "things will improve"); but a relative pronoun after a comma goes on about what
        the agent just did ("I've credited £20, which will be applied by Friday")."""
        doc = sentence.doc
        word = doc[subject].lower_
        if word not in self._predicting_subjects:
            return False
        relative = word in self._relatives and subject > sentence.start
        return not (relative and doc[subject - 1].text == ",")

    def _perfect_commitment(self, sentence: Span, token: Token) -> Span | None:
        """ "I've escalated this", "your case has been passed to billing"."""
        if token.norm_ not in HAVE_FORMS or token.i == sentence.start:
            return None
        if token.lower_ in self._narrative:
            return None  # "it had been sent out by mistake": what had happened, a narrative
        if self._subordinate(sentence, token.i):
            return None  # "no name changes once they have been issued": a condition
        subject = token.nbor(-1).lower_
        done = self._after_adverbs(sentence, token.i + 1)
        if done is not None and done.lower_ == "been":
            done = self._after_adverbs(sentence, done.i + 1)
            subject = "we"  # passive: the company did it
        if done is not None:
            done = self._past_prefix(sentence, done)  # "re-sent": the verb after "re-"
        if (
            subject in self._perfect_subjects
            and done is not None
            and (done.lower_ in self._perfect or self._done_again(done.lower_, self._perfect))
            and not self._passes_on_words(sentence, token.i, done.i)
        ):
            return sentence.doc[token.i - 1 : done.i + 1]
        return None

    @staticmethod
    def _subordinate(sentence: Span, index: int) -> bool:
        """A subordinator opens the clause of `index`: "once they have been issued", "if
        it has been opened", "until your card has been replaced": a condition or a time
        the sentence's main clause depends on, nothing done for the customer. (Unlike
        :meth:`_conditional`, a negation does not count: "it didn't arrive so we have
        refunded you" takes a step.)"""
        texts, words = _texts(sentence.doc), lowers(sentence.doc)
        for i in range(index - 1, sentence.start - 1, -1):
            if texts[i] in CLAUSE_PUNCTUATION:
                return False
            if words[i] in SUBORDINATORS:
                return True
        return False

    def _passes_on_words(self, sentence: Span, aux: int, done: int) -> bool:
        """ "I've passed your kind words on to Sunil", "your comments have been shared
        with the manager": what the customer said was passed on (one of
        ``next_step.passed_words`` after the verb, up to where it goes, or in the passive's
        subject). That promises nothing; what the receiver will do is the step ("..., who
        will call you", which the finder reads on its own), unless the sentence times it
        ("passed to the product team with urgency", "shared with the manager today")."""
        words = lowers(sentence.doc)
        if words[done] not in self._passing_verbs or self._times.appear_in(sentence):
            return False
        passed = self._subject_words(sentence, aux) if words[aux + 1 : done].count("been") else []
        for i in range(done + 1, min(done + 5, sentence.end)):
            if words[i] in _PASSED_UNTIL:
                break
            passed.append(words[i])
        return not self._passed_words.isdisjoint(passed)

    def _done_again(self, word: str, verbs: frozenset[str]) -> bool:
        """`word` is one of `verbs` done again, written as one word: "reissued",
        "resent", "rebooked" (a prefix of ``next_step.again_prefixes`` and the verb)."""
        return any(
            word.startswith(prefix) and word[len(prefix) :] in verbs
            for prefix in self._again_prefixes
        )

    def _past_prefix(self, sentence: Span, token: Token) -> Token:
        """The verb after a hyphenated prefix of a verb done again ("re-sent", which the
        tokenizer splits as "re", "-", "sent"), or `token` itself."""
        if (
            token.lower_ in self._again_prefixes
            and token.i + 2 < sentence.end
            and token.nbor(1).text == "-"
        ):
            return token.nbor(2)
        return token

    def _prefix_start(self, sentence: Span, verb: int) -> int:
        """Where the verb at `verb` starts with a hyphenated prefix before it ("re-" of
        "re-activated"), or `verb`."""
        words = lowers(sentence.doc)
        if (
            verb - 2 >= sentence.start
            and words[verb - 1] == "-"
            and words[verb - 2] in self._again_prefixes
        ):
            return verb - 2
        return verb

    def _let_me(self, sentence: Span, token: Token) -> Span | None:
        """ "Let me check with the warehouse" (but not "let us know")."""
        if token.lower_ != "let" or not self._is_specific_let(sentence, token):
            return None
        if token.i + 2 < sentence.end and token.nbor(2).lower_ != "know":
            return sentence.doc[token.i : token.i + 3]
        return None

    def _concrete_would(self, sentence: Span, token: Token) -> Span | None:
        """ "we'd be glad to credit your account" commits; "happy to help" only offers."""
        would = token.norm_ in WOULD_SPELLINGS  # "'d be" is always "would be"
        if not would or token.i + 2 >= sentence.end or token.nbor(1).lower_ != "be":
            return None
        offer = token.nbor(2)
        if offer.lower_ in self._offer_words and self._concrete_offer(sentence, offer.i + 1):
            return sentence.doc[token.i : offer.i + 1]
        return None

    def _commits(self, sentence: Span, index: int) -> bool:
        nxt = self._after_adverbs(sentence, index, skip_be=False)
        if nxt is None or not nxt.is_alpha:
            return False
        if nxt.lower_ == "be":
            complement = self._after_adverbs(sentence, nxt.i + 1)
            if complement is None:
                return False
            if complement.lower_ in self._offer_words:
                return self._concrete_offer(sentence, complement.i + 1)
            return True
        return nxt.lower_ not in self._offer_words and nxt.lower_ not in NEGATIONS

    def _concrete_offer(self, sentence: Span, index: int) -> bool:
        """'glad to credit your account' commits; 'happy to help' only offers."""
        words = lowers(sentence.doc)
        while index < sentence.end and words[index] in self._offer_fillers:
            index += 1
        return (
            index < sentence.end
            and _flags(sentence.doc, IS_ALPHA)[index]
            and (words[index] not in self._offer_verbs)
        )

    def _after_adverbs(self, sentence: Span, index: int, skip_be: bool = False) -> Token | None:
        doc, words = sentence.doc, lowers(sentence.doc)
        skip = self._adverbs if skip_be else self._adverbs - {"be"}
        while index < sentence.end and words[index] in skip:
            index += 1
        return doc[index] if index < sentence.end else None

    # -- completed actions -----------------------------------------------------------
    def _completed(self, sentence: Span, hopeful: bool) -> Step | None:
        """A step already taken for the customer: "Done!", "You're all set.", "your plan
        is now switched to annual", "I've cancelled your subscription"."""
        if hopeful or _asks(sentence):
            return None
        for match in self._facts.find(sentence):
            if match.label_ == _COMPLETION and self._opens_sentence(sentence, match):
                return Step("completed", sentence, match)
            if match.label_ == _COMPLETED and len(match) == 1:
                done = self._done_for_customer(sentence, match.start)
                if done is not None:
                    return Step("completed", sentence, done)
        # a verb done again, written as one word, which the vocabulary need not list:
        # "we've reissued your card", "your visit has been rebooked"
        words = lowers(sentence.doc)
        for i in range(sentence.start, sentence.end):
            if words[i].startswith(self._again_starts) and self._done_again(
                words[i], self._completed_words
            ):
                done = self._done_for_customer(sentence, i)
                if done is not None:
                    return Step("completed", sentence, done)
        return None

    def _offer_on_request(self, sentence: Span, hopeful: bool) -> Step | None:
        """ "We can look into this further if you submit your account details in a private
        request", "we can fit it this afternoon if you call us before 3pm": the agent's
        offer (I or we, then a modal) waits on something the customer does, and the
        condition names it (an instruction verb right after "if you", "could" or "just"
        aside), so the condition is the instruction: GUIDE.md's "specific conditional
        instruction", and a handoff to a private channel. A condition about what the
        customer wants or has ("if you'd like", "if you have any questions") or one that
        stays open (``next_step.open_request_words``: "if you send us any questions")
        offers in general, and so does help offered for contact ("we'd be glad to help if
        you reach out"); "even if you ..." concedes, and a negated modal ("we can't refund
        it if you open it") refuses."""
        if hopeful:
            return None
        doc, words = sentence.doc, lowers(sentence.doc)
        end = sentence.end
        if "if" not in words[sentence.start : end]:
            return None  # (most sentences: no token walk)
        offered: int | None = None  # where the offer's subject stands
        for i in range(sentence.start, end - 2):
            word = words[i]
            if (
                word in FIRST_PERSON_SUBJECTS
                and words[i + 1] in self._request_offer_modals
                and words[i + 2] not in NEGATIONS
            ):
                offered = i
            elif word in _CLAUSE_ENDS:
                offered = None
            if offered is None or word != "if" or words[i + 1] != "you":
                continue
            if i > sentence.start and words[i - 1] == "even":
                return None
            verb = self._after_request_skips(sentence, i + 2)
            if verb is None or not (
                verb.lower_ in self._verbs or self._invites_contact(sentence, verb)
            ):
                return None
            if verb.lower_ == "let" and not self._is_specific_let(sentence, verb):
                return None
            contact = verb.lower_ in self._contact_verbs or self._invites_contact(sentence, verb)
            if contact and not self._help_words.isdisjoint(words[offered:i]):
                return None  # "we'd be glad to help if you reach out": help in general
            stop = next(
                (j for j in range(verb.i, end) if words[j] in _CLAUSE_ENDS or words[j] == ","),
                end,
            )
            if not self._open_request_words.isdisjoint(words[verb.i : stop]):
                return None
            return Step("instruction", sentence, doc[i : verb.i + 1])
        return None

    def _after_request_skips(self, sentence: Span, index: int) -> Token | None:
        """The word after "if you" and the words ``next_step.request_skips`` ("could",
        "just", "can")."""
        words = lowers(sentence.doc)
        while index < sentence.end and words[index] in self._request_skips:
            index += 1
        return sentence.doc[index] if index < sentence.end else None

    def _ready_to_collect(self, sentence: Span, hopeful: bool) -> Step | None:
        """ "Your bike's ready to collect", "your glasses are now ready for collection from
        the Market Street branch": the customer's thing waits for them (one of
        ``next_step.ready_states`` after a form of "be", adverbs aside, or last of a
        list of states after one: "is repaired and ready to collect"), an instruction
        to come for it though no verb says so. The thing is the customer's ("your ...") or
        one already named ("it's ready to collect"); "repairs are usually ready to collect
        in a week" says how things go. Every such reply in the training split is
        labelled as giving a next step."""
        if hopeful:
            return None
        found = self._ready_states.first(sentence)
        if found is None:
            return None
        doc = sentence.doc
        i = found.start - 1
        while i >= sentence.start and doc[i].lower_ in self._adverbs:
            i -= 1  # "is now ready"
        if i >= sentence.start and doc[i].lower_ == "and":
            # the last of a list of states: "is cleaned, pressed and ready to collect"
            i -= 1
            while (
                i > sentence.start
                and (doc[i].is_alpha or doc[i].text == ",")
                and not _is_be(doc[i])
            ):
                i -= 1
        if i < sentence.start or not _is_be(doc[i]):
            return None
        subject = lowers(doc)[_clause_start(sentence, i) : i]
        if (
            SECOND_PERSON_POSSESSIVES.isdisjoint(subject)
            and subject[-1:] not in (["it"], ["they"], ["this"], ["these"])
            and not any(_names_by_number(word) for word in subject)
        ):
            return None  # "repairs are usually ready to collect in a week": how things go
        return Step("instruction", sentence, found)

    def _ending_state(self, step: Step) -> bool:
        """A completed step that is only the customer's thing in an ending state now
        ("your account is closed now", "your plan is already cancelled": a form of "be",
        no "been" or "have"; ``next_step.ending_states``). Beside a refusal ("We can't
        reopen it. Your account is closed now.") the refusal says the agent did nothing
        and the state says why: information, not a step taken for the customer. A state
        the customer asked for ("your account is unlocked now") is no ending, and a
        reported action ("your account has been closed") is still a step."""
        if step.kind != "completed":
            return False
        words = [token.lower_ for token in step.evidence]
        return (
            words[0] in SECOND_PERSON_POSSESSIVES
            and words[-1] in self._ending_states
            and "been" not in words
            and HAVE_FORMS.isdisjoint(words)
            and not BE_FORMS.isdisjoint(words)
        )

    def _opens_sentence(self, sentence: Span, phrase: Span) -> bool:
        """The phrase opens the sentence, perhaps after a vocative or "OK,"; a single word
        ("Done") must also stand alone, and no phrase may go on to say how something is
        done ("This is done by clicking the icon")."""
        punct = _flags(sentence.doc, IS_PUNCT)
        before = punct[sentence.start : phrase.start].count(False)  # words before it
        if before > 2 or (before and _texts(sentence.doc)[phrase.start - 1] not in {",", "!"}):
            return False
        if phrase.end >= sentence.end:
            return True
        if len(phrase) == 1:
            return punct[phrase.end]
        return lowers(sentence.doc)[phrase.end] not in self._not_after_completion

    def _done_for_customer(self, sentence: Span, verb: int) -> Span | None:
        """ "your plan is now switched", "your refund has been processed": the customer's
        thing and a perfect or "is now" passive; "I've cancelled", "we switched your plan":
        the agent and a perfect, or a past tense with an object."""
        doc, words = sentence.doc, lowers(sentence.doc)
        j = self._prefix_start(sentence, verb) - 1  # "have re-activated"
        while j > sentence.start and words[j] in self._completed_skips:
            j -= 1
        if j < sentence.start or self._conditional(sentence, verb):
            return None
        between = set(words[j + 1 : verb])
        if not self._narrative.isdisjoint(words[j:verb]):
            return None  # "your order had been dispatched": a narrative
        have = bool(between & HAVE_FORMS) or "'s" in between
        if words[j] in FIRST_PERSON_SUBJECTS:
            # "I've cancelled it for you" / "we switched your plan", "I refunded you" (not
            # "we updated the app")
            after = _rest_of_clause(words, verb + 1, sentence.end)
            if have:
                done = bool(_DONE_OBJECTS.intersection(after))
            else:
                done = bool(after) and after[0] in _SERVED
            return doc[j : verb + 1] if done else None
        owner = self._owner_before(sentence, j)
        if owner is None or words[j] in SUBJECT_PRONOUNS:
            return None
        # passive: "has been processed", "is now switched" ("your provider has changed
        # its servers" is something the provider did, not a step taken for the customer)
        # ("is now switched", or the marker after it: "your account is unlocked now")
        marked = bool(between & self._done_markers) or (
            verb + 1 < sentence.end and words[verb + 1] in self._done_markers
        )
        passive = "been" in between or (marked and bool(between & BE_FORMS))
        return doc[owner : verb + 1] if passive else None

    def _owner_before(self, sentence: Span, head: int) -> int | None:
        """Index of "your" opening the noun phrase that ends at `head` ("your Pro plan")."""
        words, punct = lowers(sentence.doc), _flags(sentence.doc, IS_PUNCT)
        for k in range(head, max(sentence.start, head - 4) - 1, -1):
            if words[k] in SECOND_PERSON_POSSESSIVES:
                return k
            if punct[k] and words[k] != "#":
                return None
        return None

    def _conditional(self, sentence: Span, index: int) -> bool:
        """A condition or a denial stands before `index` in its clause ("if your order
        has been shipped", "your refund has not been processed")."""
        texts, words, norms = _texts(sentence.doc), lowers(sentence.doc), _norms(sentence.doc)
        for i in range(index - 1, sentence.start - 1, -1):
            if texts[i] in CLAUSE_PUNCTUATION:
                return False
            if words[i] in SUBORDINATORS or norms[i] in NEGATIONS:
                return True
        return False

    # -- scheduled facts -------------------------------------------------------------
    def _scheduled_fact(self, sentence: Span, hopeful: bool) -> Step | None:
        """The customer's thing, a movement or arrival, then a time: "your refund reaches
        your bank in 5 days", "your delivery takes 7-10 working days", "your parcel is out
        for delivery today"; also the pack's present-tense schedules ("ships today"). A
        thing named in general ("Refunds go back ...") makes it a ``policy`` step (see
        :meth:`_generic_thing` and :meth:`steps`)."""
        if hopeful or _asks(sentence):
            return None
        planned = self._scheduled.first(sentence)
        if (
            planned is not None
            and not self._conditional(sentence, planned.start)
            and not self._company_event(sentence, planned.start)
        ):
            policy = self._generic_thing(sentence, self._thing_before(sentence, planned.start))
            return Step("scheduled", sentence, planned, policy=policy)
        for arrival in self._facts.find(sentence):
            if arrival.label_ != _ARRIVALS:
                continue
            thing = self._thing_before(sentence, arrival.start)
            if thing is None or self._conditional(sentence, arrival.start):
                continue
            when = self._times.for_step(sentence[arrival.end - sentence.start :], arrival)
            if when is not None:
                evidence = sentence.doc[thing : when.end]
                policy = self._generic_thing(sentence, thing)
                return Step("scheduled", sentence, evidence, policy=policy)
        if not self._plans.may_match(sentence) or not self._times.appear_in(sentence):
            return None  # no plan's words, or no time: a plan needs one to be a step
        for plan in self.plans(sentence):
            when = self._times.for_step(_clause_after(sentence, plan), plan)
            if when is not None:
                policy = self._generic_thing(sentence, self._thing_before(sentence, plan.start))
                evidence = sentence.doc[plan.start : when.end]
                return Step("scheduled", sentence, evidence, policy=policy)
        for plan in self._plans_after_condition(sentence):
            when = self._times.for_step(_clause_after(sentence, plan), plan)
            if when is not None:
                evidence = sentence.doc[plan.start : when.end]
                return Step("scheduled", sentence, evidence, policy=True)
        return None

    def _plans_after_condition(self, sentence: Span) -> list[Span]:
        """The plans of the main clause after a fronted condition and its comma ("Once
        it sells, the money is paid back to your card within 5 working days", a word of
        ``next_step.completion_openers`` first): what happens once a step is done
        ("if it arrives damaged" supposes instead), so a ``policy`` step, one only beside a step of
        the reply that puts it in motion ("To list it, open the resale page"); alone it
        states a policy ("When you close your account, your data is deleted within 30
        days")."""
        words = lowers(sentence.doc)
        if words[sentence.start] not in self._completion_openers or _asks(sentence):
            return []
        comma = next((i for i in range(sentence.start, sentence.end) if words[i] == ","), None)
        if comma is None or self._hope.first(sentence) is not None:
            return []
        return [plan for plan in self._standing_plans(sentence) if plan.start > comma]

    def _company_event(self, sentence: Span, verb: int) -> bool:
        """The subject of the verb at `verb` is an event the company holds for everyone
        ("our summer sale starts Thursday"), not someone who acts ("the sales team")."""
        subject = self._subject_words(sentence, verb)
        return not self._event_nouns.isdisjoint(subject) and not self._someone_acts(sentence, verb)

    def _generic_thing(self, sentence: Span, thing: int | None) -> bool:
        """The customer's kind of thing at ``thing`` is named in general, as a rule
        names it: no word of ``next_step.specific_determiners`` ("your", "the", "this")
        before it in its clause, or a quantifier that means any at all
        (``next_step.generic_quantifiers``: "any refund", "all orders"): "Refunds go back
        to your card within 5-7 days", "Standard orders are posted within 15 days",
        "Any refund goes back ...". "Your refund goes back ..." and "The replacement
        arrives Friday" are this customer's."""
        if thing is None:
            return False
        words = lowers(sentence.doc)
        for i in range(thing - 1, max(sentence.start, thing - _GENERIC_REACH) - 1, -1):
            if words[i] in self._generic_quantifiers:
                return True
            if words[i] in self._specific_determiners or not sentence.doc[i].is_alpha:
                return words[i] in CLAUSE_PUNCTUATION or words[i] in SENTENCE_PUNCTUATION
        return thing - sentence.start <= _GENERIC_REACH

    def plans(self, sentence: Span) -> list[Span]:
        """The verb groups that state a plan or an expected outcome in ``sentence``: an
        expectation ("it should show up"), a present passive ("refunds are paid"), a
        progressive ("a fix is rolling out"), an aim ("we expect power to be restored").
        With a time after them in their clause they are scheduled facts, whoever acts:
        the time is what makes the statement a plan, as with an arrival. The timeframe
        check also reads them for a template date ("booked for {{delivery_date}}").
        Not in a question, a hope, or under a condition ("if it is sent today", "when
        you close your account, your data is deleted within 30 days": what happens
        then, a policy, not what happens next)."""
        words = lowers(sentence.doc)
        if (
            _asks(sentence)
            or words[sentence.start] in SUBORDINATORS  # "When you delete it, it is removed"
            or self._hope.first(sentence) is not None
        ):
            return []
        return self._standing_plans(sentence)

    def _standing_plans(self, sentence: Span) -> list[Span]:
        """The plan words of ``sentence`` under no condition or denial of their own clause
        and not what the customer or the agent does (:meth:`_own_doing`)."""
        return [
            plan
            for plan in self._plans.find(sentence)
            if not self._conditional(sentence, plan.start) and not self._own_doing(sentence, plan)
        ]

    def _own_doing(self, sentence: Span, plan: Span) -> bool:
        """A progressive or a habit whose subject is the customer or the agent
        (``next_step.plan_not_subjects``) tells what they do, not what happens next:
        "you are coming in today", "I still usually receive mail within minutes"."""
        if not (plan[-1].lower_.endswith("ing") or plan[0].lower_ in self._habit_adverbs):
            return False
        words = lowers(sentence.doc)
        j = plan.start - 1
        while j >= sentence.start and words[j] in self._schedule_skips:
            j -= 1
        return j >= sentence.start and words[j] in self._plan_not_subjects

    def _thing_before(self, sentence: Span, index: int) -> int | None:
        """Index of the customer's thing standing right before a movement verb, across
        words such as "usually", "is", "should" and an order number ("order #123")."""
        words, numbers = lowers(sentence.doc), _flags(sentence.doc, LIKE_NUM)
        j = index - 1
        while j >= sentence.start and (words[j] in self._schedule_skips or numbers[j]):
            j -= 1
        if j >= sentence.start and words[j] in self._customer_things:
            return j
        return None

    # -- pointers to information ------------------------------------------------------
    def _points_to_information(self, sentence: Span, verb: Token) -> bool:
        """The verb points the customer at something to read whose stated purpose is only
        information, so it explains and is no step: "For more information, please visit
        <link>", "Please see this article for more details: <link>", "You'll find more
        details here", "You can learn more about our prices here". A pointer verb
        (``next_step.pointer_verbs``), an information purpose attached to it
        (``next_step.information_purposes``, nothing of ``next_step.purpose_breaks``
        between them: "check this article and send us more details" asks for details),
        and what it points at: a link, a word of ``next_step.pointer_targets`` ("here",
        "this article") or an article's title right after it ("See Unable to print for
        more details"). A link cue in the sentence ("more information on how to reset
        it", "steps") offers the link as the way to do something: a step."""
        if verb.lower_ not in self._pointer_verbs:
            return False  # (most verbs: no matcher run)
        if not any(self._attached(sentence, verb, p) for p in self._information.find(sentence)):
            return False
        if self._link_cues.first(sentence) is not None:
            return False
        return self._points_at_something(sentence, verb) and not self._joined_instruction(
            sentence, verb
        )

    def _joined_instruction(self, sentence: Span, verb: Token) -> bool:
        """After `verb`, "and" joins an instruction that is no pointer ("visit our site for
        more details and reply with your order number"): the sentence asks something."""
        words = lowers(sentence.doc)
        for i in range(verb.i + 1, sentence.end - 1):
            if words[i] != "and":
                continue
            joined = self._skip_lead_ins(sentence, i + 1)
            if (
                joined is not None
                and joined.lower_ not in self._pointer_verbs
                and self._is_imperative(sentence, joined)
            ):
                return True
        return False

    def _attached(self, sentence: Span, verb: Token, purpose: Span) -> bool:
        """Nothing of ``next_step.purpose_breaks`` stands between `verb` and `purpose`
        (either may come first; the purpose may hold the verb: "learn more")."""
        words = lowers(sentence.doc)
        if purpose.start <= verb.i < purpose.end:
            return True
        if verb.i < purpose.start:
            start, end = verb.i + 1, purpose.start
        else:
            start, end = purpose.end, verb.i
        return self._purpose_breaks.isdisjoint(words[start:end])

    def _points_at_something(self, sentence: Span, verb: Token) -> bool:
        """A link in or right after the sentence, a word of ``next_step.pointer_targets``,
        or a title (a capitalised word that is no pronoun) right after `verb`; a title
        that opens with an instruction verb ("See Clear the cache for more details") names
        the way to do something, and is no pointer to information only."""
        doc = sentence.doc
        if _link_near(sentence):
            return True
        if not self._pointer_targets.isdisjoint(lowers(doc)[sentence.start : sentence.end]):
            return True
        title = doc[verb.i + 1] if verb.i + 1 < sentence.end else None
        return (
            title is not None
            and title.is_title
            and title.is_alpha
            and title.lower_ not in SUBJECT_PRONOUNS
            and title.lower_ not in OBJECT_PRONOUNS
            and title.lower_ not in self._verbs  # "See Clear the cache": the way to do it
        )

    def _information_pointer(self, sentence: Span) -> Token | None:
        """The first verb of `sentence` that points to information only (see
        :meth:`_points_to_information`)."""
        words = lowers(sentence.doc)
        for i in range(sentence.start, sentence.end):
            if words[i] in self._pointer_verbs and self._points_to_information(
                sentence, sentence.doc[i]
            ):
                return sentence.doc[i]
        return None

    # -- links -----------------------------------------------------------------------
    def _link(self, sentence: Span, hopeful: bool) -> Step | None:
        """A link offered as the way to do something; the link may stand right after the
        sentence that offers it ("... on our Support Forum. https://...")."""
        if not _link_near(sentence):
            return None
        cue = self._link_cues.first(sentence)
        if cue is not None:
            return Step("link", sentence, cue)
        return self._hedged_link(sentence)

    def _hedged_link(self, sentence: Span) -> Step | None:
        """A link given as the answer with only a hedge beside it ("Perhaps <link>", "like
        <link>?", "Maybe this: <link>"): the reply offers the page as what to try. A link
        alone says nothing of what it is for (it may only explain), so it takes a hedge."""
        words = [t for t in sentence if t.is_alpha and not t.like_url]
        links = [t for t in sentence if t.like_url]
        if not links or not words or any(t.lower_ not in self._link_hedges for t in words):
            return None
        return Step("link", sentence, sentence.doc[words[0].i : links[0].i + 1])

    # -- menu paths ------------------------------------------------------------------
    def _menu(self, sentence: Span, hopeful: bool) -> Step | None:
        """A path through the program's menus ("Settings > Privacy > Cookies",
        "View/Threads/Ignored Threads"): given bare as the answer, or inside advice, it
        says where the customer is to go, so it is an instruction. A separator counts
        between a menu name (a word, or a menu symbol) and a capitalised one."""
        doc, texts = sentence.doc, _texts(sentence.doc)
        for i in range(sentence.start + 1, sentence.end - 1):
            if texts[i] not in self._menu_separators:
                continue  # (most tokens: no Token object built)
            before, after = doc[i - 1], doc[i + 1]
            if before.i > sentence.start and before.text + doc[i].text in self._menu_separators:
                before = doc[before.i - 1]  # "->", "=>": split into two tokens
            if after.is_quote and i + 2 < sentence.end:
                after = doc[i + 2]
            if (before.is_alpha or before.text in _MENU_SYMBOLS or before.is_quote) and (
                after.text[:1].isupper() or after.text in _MENU_SYMBOLS
            ):
                return Step("instruction", sentence, doc[before.i : after.i + 1])
        found = _slash_path(text_of(sentence))
        if found is None:
            return None
        evidence = doc.char_span(
            sentence.start_char + found.start(),
            sentence.start_char + found.end(),
            alignment_mode="expand",
        )
        return Step("instruction", sentence, evidence) if evidence is not None else None


def _slash_path(text: str) -> re.Match[str] | None:
    """The path of capitalised menu names joined by slashes that opens `text`, if any
    (none in a text with a link: its slashes are the address's)."""
    found = _SLASH_PATH.match(text)
    if found is None or _URLISH.search(text):
        return None
    names = (found.group(1), found.group(2))
    if all(word[0].isupper() or word == "&" for name in names for word in name.split()):
        return found
    return None


def _texts(doc: Doc) -> list[str]:
    """Every token's text (``Token.text``), read once per doc (see
    :class:`replylint.tokencolumns.TokenColumns`): the finder looks at tokens many times per
    sentence, and a list costs no ``Token`` object per look."""
    return token_columns(doc).strings(ORTH)


def _norms(doc: Doc) -> list[str]:
    """Every token's norm (``Token.norm_``), read once per doc."""
    return token_columns(doc).strings(NORM)


def _flags(doc: Doc, attr: int) -> list[bool]:
    """Every token's boolean attribute ``attr`` (``IS_ALPHA``, ``IS_PUNCT``, ...), read
    once per doc."""
    return token_columns(doc).flags(attr)


def _has_digit(text: str) -> bool:
    """Any character ``str.isdigit`` calls a digit; in ASCII text, one regular-expression
    scan for 0-9 (the only ASCII digits) rather than a call per character."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def _link_near(sentence: Span) -> bool:
    """A link in `sentence` or in the three tokens after it (the link a sentence offers
    often stands right after it: "... on our Support Forum. https://..."), bare or as a
    Markdown link ("[Junior sessions](https://...)", which the tokenizer leaves in pieces
    that are no URL)."""
    doc = sentence.doc
    end = min(sentence.end + 3, len(doc))
    text = text_of(doc[sentence.start : end])
    if _URLISH.search(text) is None:
        return False
    return _MARKDOWN_LINK.search(text) is not None or any(
        _flags(doc, LIKE_URL)[sentence.start : end]
    )


def _web_address(text: str) -> bool:
    """``text`` (a token spaCy finds URL-like) is a web address, not a file name
    ("prefs.js"): it has a scheme or a path, or opens with "www."."""
    return "://" in text or "/" in text or text.lower().startswith("www.")


def _asks(sentence: Span) -> bool:
    """The sentence is a question (a "?" of its own, not one inside a link)."""
    return "?" in text_of(sentence) and any(
        text.startswith("?") for text in _texts(sentence.doc)[sentence.start : sentence.end]
    )


def _later_in_clause(first: Span, later: Span) -> bool:
    """`later` follows `first` with no clause break between them."""
    texts = _texts(first.doc)
    return later.start >= first.end and not any(
        text in CLAUSE_PUNCTUATION or text in SENTENCE_PUNCTUATION
        for text in texts[first.end : later.start]
    )


def _same_statement(a: Span, b: Span) -> bool:
    """No unpunctuated sentence break between two spans of one sentence: in tweets a
    link often ends a sentence without a full stop ("...here: https://... We have all
    hands on deck right now"), so a link followed by a capitalised word is a break."""
    doc = a.doc
    start, end = min(a.end, b.end), max(a.start, b.start)
    urls = _flags(doc, LIKE_URL)
    if True not in urls[start : min(end, len(doc) - 1)]:
        return True  # (no link between them: no generator to run)
    return not any(
        urls[i] and doc[i + 1].is_title and doc[i + 1].is_alpha
        for i in range(start, min(end, len(doc) - 1))
    )


#: The fewest digits of a bare number that names one thing (an order, a ticket).
_ID_DIGITS = 4


def _names_by_number(word: str) -> bool:
    """`word` names one thing by its number ("#48213", "A-1043", "48213"): "Order #48213 is
    ready for pickup" is the customer's order, as "your order" is. A short count is no
    name ("orders over 20 kg are ready in 3 days" says how things go)."""
    digits = any(character.isdigit() for character in word)
    return word.startswith("#") or (digits and (not word.isdigit() or len(word) >= _ID_DIGITS))


def _statement_of(sentence: Span, index: int) -> Span:
    """The part of `sentence` around `index` between unpunctuated sentence breaks (a link
    followed by a capitalised word: see :func:`_same_statement`)."""
    doc = sentence.doc
    start, end = sentence.start, sentence.end
    urls = _flags(doc, LIKE_URL)  # (a Token object per word only where a link is)
    if True not in urls[start : end - 1]:
        return doc[start:end]  # (most sentences: no link, no word to walk in Python)
    for i in range(sentence.start, sentence.end - 1):
        if urls[i] and doc[i + 1].is_title and doc[i + 1].is_alpha:
            if i < index:
                start = i + 1
            else:
                end = i + 1
                break
    return doc[start:end]


def _is_be(token: Token) -> bool:
    """`token` is a form of "be", contracted ones included ("'s" after "it")."""
    return token.lower_ in BE_FORMS or token.norm_ in BE_FORMS


def _clause_start(sentence: Span, index: int) -> int:
    """Where the clause holding `index` starts: after the last clause or sentence
    punctuation before it in `sentence`, or at the sentence's start."""
    texts = _texts(sentence.doc)
    for i in range(index - 1, sentence.start - 1, -1):
        if texts[i] in CLAUSE_PUNCTUATION or texts[i] in SENTENCE_PUNCTUATION:
            return i + 1
    return sentence.start


def _clause_after(sentence: Span, span: Span) -> Span:
    """The words of `sentence` after `span` up to the end of its clause (a semicolon, a
    colon or the sentence's end): a time there is the time of what `span` says."""
    doc, texts = sentence.doc, _texts(sentence.doc)
    for i in range(span.end, sentence.end):
        if texts[i] in _CLAUSE_ENDS:
            return doc[span.end : i]
    return doc[span.end : sentence.end]


def _gerund_bases(gerund: str) -> tuple[str, ...]:
    """The verbs a gerund may come from: "checking" -> "check", "giving" -> "give",
    "getting" -> "get" (the pipeline tags no lemmas)."""
    stem = gerund[: -len("ing")]
    bases = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        bases.append(stem[:-1])
    return tuple(bases)


def _rest_of_clause(words: list[str], start: int, end: int) -> list[str]:
    """Lower-cased words from `start` up to the next clause break or `end`."""
    rest: list[str] = []
    for word in words[start:end]:
        if word in CLAUSE_PUNCTUATION or word in SENTENCE_PUNCTUATION:
            break
        rest.append(word)
    return rest


def _last_clause_words(sentence: Span) -> list[str]:
    """Lower-cased words after the last comma, semicolon or dash of the sentence."""
    texts = _texts(sentence.doc)
    start = sentence.start
    for i in range(sentence.start, sentence.end):
        if texts[i] in _LAST_CLAUSE_BREAKS:
            start = i + 1
    return _alpha_words(sentence.doc, start, sentence.end)


def _alpha_words(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-cased words (tokens of letters only) from `start` to `end`."""
    alpha = _flags(doc, IS_ALPHA)
    words = lowers(doc)
    return [words[i] for i in range(start, end) if alpha[i]]


def _single_words(entries: Sequence[str]) -> frozenset[str]:
    """The one-word entries of a lexicon read both as words and as phrases (its phrases
    are matched separately)."""
    return frozenset(entry.lower() for entry in entries if " " not in entry)
