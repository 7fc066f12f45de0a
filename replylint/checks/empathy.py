"""empathy: the agent acknowledges the customer's feelings or situation.

Standard: *express empathy*. "I understand how frustrating this is", "I can imagine",
"that's not the experience we want for you" count. An apology that merely names a
feeling ("sorry for the frustration") is an apology only: a feeling word that is the
object of an apology in its clause does not count, but one predicated in a clause of its
own does ("I'm so sorry: missing it twice is really annoying"). Besides the pack's
frames, the rule reads each sentence clause by clause (:mod:`replylint.empathy_cues`):
a feeling or judgement predicated of the situation, a broken norm ("that's not OK"),
the agent knowing the customer's situation ("we know this disrupts your plans"), a wish
through a hardship ("we hope you're feeling better"), an apology that names what makes
it worse ("..., especially in this weather"), a reaction to the customer's report that
judges it ("that sounds dangerous"); each only where it is stated, not hedged, negated
or asked. Applicable like ``apology``.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.empathy_cues import (
    CueWords,
    SentenceReader,
    about_customer,
    first_person_subject,
)
from replylint.grammar import FIRST_PERSON_SUBJECTS
from replylint.packs import Example, Examples
from replylint.problem import ProblemSignal
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict


class EmpathyRule(PresenceRule):
    id = "empathy"
    default_severity = Severity.info
    weight = 10
    standard = "Express empathy"
    rationale = (
        "Naming the customer's situation or feeling shows it was heard; an apology alone "
        "can read as a formula."
    )
    missing_message = (
        "The customer had a problem, but the reply does not acknowledge how it affects them."
    )
    examples = Examples(
        fire=[
            Example(
                reply="Sorry for the frustration. Please reinstall the app.",
                customer_message="The app keeps crashing, so annoying.",
            ),
            Example(
                reply="Please send us your order number.",
                customer_message="My parcel is two weeks late!",
            ),
            Example(
                reply="If I understand your setup, the router is on a timer.",
                customer_message="My internet keeps cutting out, so annoying!",
            ),
        ],
        pass_=[
            Example(
                reply="I understand how frustrating this is. Please reinstall the app.",
                customer_message="The app keeps crashing, so annoying.",
            ),
            Example(
                reply="I can imagine how worrying that was. Your card is now blocked.",
                customer_message="Someone used my card!",
            ),
            Example(
                reply="That's not the experience we want for you. A refund is on its way.",
                customer_message="Worst delivery ever.",
            ),
            Example(
                reply="Delays are never fun. Your parcel arrives tomorrow.",
                customer_message="Still waiting for my parcel.",
            ),
            Example(
                reply="I'm so sorry: missing it twice is really annoying. It ships today.",
                customer_message="My box was missing the sauce again.",
            ),
            Example(
                reply="We know this disrupts your plans. Your new seat is 14C.",
                customer_message="My flight was cancelled.",
            ),
            Example(
                reply="Sorry to hear you've been ill; we hope you're feeling better.",
                customer_message="I missed my classes, I was in hospital.",
            ),
            Example(
                reply="Hi Sam, your refund is on its way.",
                customer_message="I'd like a refund for my unused ticket, please.",
            ),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        analyses = context.analyses
        self._frames = analyses.phrases("empathy.frames")
        self._feelings = analyses.phrases("empathy.feelings")
        self._norms = analyses.phrases(
            "empathy.norm_words", "empathy.norm_modals", "empathy.norm_wants"
        )
        self._cognition = analyses.phrases("empathy.cognition_verbs")
        self._wishes = analyses.phrases("empathy.wishes")
        self._wellbeing = analyses.phrases("empathy.wellbeing")
        self._wellbeing_words = tuple(
            tuple(entry.lower().split()) for entry in context.packs.lexicon("empathy.wellbeing")
        )
        self._elaborations = analyses.phrases("empathy.elaborations")
        self._reactions = analyses.phrases("empathy.reactions")
        self._hardships = analyses.phrases("empathy.hardships")
        self._apologies = analyses.phrases("apology.phrases")
        self._cue_words = (
            self._frames, self._feelings, self._norms, self._cognition, self._wishes,
            self._elaborations, self._reactions,
        )  # fmt: skip
        self._words = CueWords.of(context.packs)

    def detect(self, reply: AnalyzedReply) -> Verdict:
        problem = reply.problem
        # where any cue word is (one cached lookup per lexicon): most sentences hold none
        # and need no clause reading at all
        starts = sorted(
            match.start for matcher in self._cue_words for match in matcher.find(reply.doc)
        )
        for sentence in reply.sentences if starts else ():
            i = bisect_left(starts, sentence.start)
            if i == len(starts) or starts[i] >= sentence.end:
                continue
            found = self._cue(sentence)
            if found is not None:
                evidence, confidence = found
                return self._verdict(problem, evidence, confidence)
        confidence = 0.75 if problem.from_customer else 0.5
        return Verdict(
            present=False,
            applicable=problem.applicable,
            reason=problem.reason,
            confidence=confidence,
        )

    def _cue(self, sentence: Span) -> tuple[Span, float] | None:
        """The first acknowledgement in the sentence and how sure of it the rule is.
        The lexicons come from the linter's one phrase-matcher run: a sentence none of
        them matches (most) costs nothing more."""
        frames = self._frames.find(sentence)
        feelings = self._feelings.find(sentence)
        norms = self._norms.find(sentence)
        cognition = self._cognition.find(sentence)
        wishes = self._wishes.find(sentence)
        elaborations = self._elaborations.find(sentence)
        reactions = self._reactions.find(sentence)
        if not (frames or feelings or norms or cognition or wishes or elaborations or reactions):
            return None
        reader = SentenceReader(sentence, self._words)
        apologies = self._apologies.find(sentence)
        for frame in frames:
            if self._frame_holds(reader, frame, cognition):
                return frame, 0.85
        for word in feelings:
            if self._predicated(reader, word, apologies):
                return word, 0.7
        if norms:
            for clause in reader.clauses:
                breach = reader.breaks_norm(clause)
                if breach is not None:
                    return breach, 0.7
        for verb in cognition:
            knowing = self._knows_situation(reader, verb, feelings)
            if knowing is not None:
                return knowing, 0.7
        for wish in wishes:
            if self._wishes_well(reader, wish):
                return wish, 0.7
        for word in elaborations:
            if any(apology.start < word.start for apology in apologies):
                return word, 0.6
        for reaction in reactions:
            judged = self._reacts(reader, reaction, feelings)
            if judged is not None:
                return judged, 0.7
        return None

    def _reacts(self, reader: SentenceReader, reaction: Span, feelings: list[Span]) -> Span | None:
        """The agent reacts to what the customer reported with a judgement of it: "that
        sounds dangerous", "that sounds like it can be difficult to use your phone": a
        reaction verb, then in its clause a hardship or a feeling; stated, not asked.
        A diagnosis ("that sounds like you clicked New Account") names no hardship."""
        if reader.question or not reader.stated(reaction):
            return None
        rest = reader.after(reaction, reader.clause_of(reaction))
        if not len(rest):
            return None
        judged = self._hardships.find(rest) + [
            f for f in feelings if rest.start <= f.start and f.end <= rest.end
        ]
        if not judged:
            return None
        return reader.sentence.doc[reaction.start : max(j.end for j in judged)]

    @staticmethod
    def _frame_holds(reader: SentenceReader, frame: Span, cognition: list[Span]) -> bool:
        """A frame is stated, and one that knows or understands ("I understand how",
        "we know how") is neither negated ("I don't fully understand"), asked ("Do I
        understand that ...?") nor knowledge of a method ("we know how to fix it")."""
        if not reader.stated(frame):
            return False
        knows = [verb for verb in cognition if frame.start <= verb.start < frame.end]
        if not knows:
            return True
        if reader.question or reader.negated_before(knows[0]):
            return False
        return not reader.of_fact(knows[0])

    def _predicated(self, reader: SentenceReader, word: Span, apologies: list[Span]) -> bool:
        """A feeling or judgement predicated of the situation: stated, not the agent's
        own ("I'm so frustrated with ..."), not the object of an apology before it in its
        clause ("sorry for the frustration", "sorry you're frustrated")."""
        link = reader.predicated(word)
        if link is None or not reader.stated(word):
            return False
        if link.i < word.start and first_person_subject(reader, link, self._words.degree):
            return False
        clause = reader.clause_of(word)
        return not any(clause.start <= a.start < word.start for a in apologies)

    def _knows_situation(
        self, reader: SentenceReader, verb: Span, feelings: list[Span]
    ) -> Span | None:
        """The agent knows the customer's situation: "we know this disrupts your plans",
        "I understand you've waited a week": a first-person subject, stated, not negated
        or asked, and what is known is about the customer (a second-person word, not
        "lots of you") or a feeling; not a fact or a method ("I know of no way")."""
        if reader.question or not reader.stated(verb) or reader.negated_before(verb):
            return None
        token = verb[0]
        subject = reader.subject_before(token, self._words.auxiliaries)
        if (
            subject is None
            or reader.norms[subject] not in FIRST_PERSON_SUBJECTS
            or reader.of_fact(verb)
        ):
            return None
        clause = reader.clause_of(verb)
        known = reader.after(verb, clause)
        if not len(known):
            return None
        if about_customer(known) or any(
            known.start <= f.start and f.end <= known.end for f in feelings
        ):
            return reader.sentence.doc[reader.sentence.start + subject : clause.end]
        return None

    def _wishes_well(self, reader: SentenceReader, wish: Span) -> bool:
        """A wish through a hardship: "we hope you're feeling better", "I hope the
        surgery goes well", "glad no one was hurt", degree words inside it too ("I hope
        you're feeling much better"); not a wish about a thing ("I hope that's
        alright")."""
        if not reader.stated(wish) or reader.wish_about_thing(wish):
            return False
        rest = reader.after(wish, reader.clause_of(wish))
        if not len(rest):
            return False
        return bool(self._wellbeing.find(rest)) or reader.holds_phrase(rest, self._wellbeing_words)

    @staticmethod
    def _verdict(problem: ProblemSignal, evidence: Span, confidence: float) -> Verdict:
        """Empathy found: applicable as the customer's problem says."""
        return Verdict(
            present=True,
            applicable=problem.applicable,
            reason=problem.reason,
            evidence=evidence,
            confidence=confidence,
        )

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Acknowledge their situation, e.g. "I understand how frustrating this must be."'
