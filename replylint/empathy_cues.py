"""Where a sentence acknowledges the customer: the clause-level reading behind ``empathy``.

A phrase list alone over-fits: "annoying" is empathy in "missing it twice is really
annoying" and not in "an annoying pop-up" or "if the pop-up is annoying, turn it off";
"I understand" is empathy in "I understand you've waited a week" and not in "if I
understand your setup" or "I don't understand your setup". What decides is where the
word sits, so this module reads a sentence as clauses (cut at clause punctuation and at
"and"/"but" before a new subject) and asks of each cue:

- **is it stated?** A cue in a clause opened by a hedge ("if", "as", "unless": a
  condition or "as I understand it"), or in a sentence that opens with a condition, or a
  cognition verb after a negation in its clause, or in a question, states nothing about
  the customer.
- **is a feeling or judgement word predicated of the situation?** It must follow a
  linking verb ("is", "sounds", "must be", "would be"), perhaps through degree words
  ("really", "so", "a real"), or open the sentence ("So frustrating!"), or follow "what"
  ("what a mess"); an attributive or verbal use ("an annoying pop-up", "are you
  confusing the two?") judges nothing. Nor is it the agent's own feeling ("I'm so
  frustrated with ..."), nor the object of an apology before it in its clause ("sorry
  for the frustration", which the guide calls an apology only); in a clause of its own
  after the apology ("I'm so sorry: missing it twice is really annoying") it counts.
- **does the agent say they know the customer's situation?** "I know"/"we understand"
  (a first-person subject and a cognition verb), then a clause about the customer (a
  second-person word, not "lots of you"; not "your request", a thing asked for, unless it
  is "your situation"), or a feeling word, or a hardship predicated of the situation ("I
  know a week without heating is hard", not "I know the hard drive is full"). Knowing
  the customer without a feeling is only a fact granted before a "but" ("I know you
  don't have this problem in Edge, but ..."), a guess with "imagine", or knowledge of
  words ("I understand what you mean by ...").
- **does the agent agree that the customer is right?** "I agree this is bad", "I
  couldn't agree more", "I agree with you", "you're right to expect better", "you're
  absolutely right." alone, "you're right that we should have called you" (a broken
  norm agreed to): validation of the customer's view of their problem; not
  agreement with a fact ("you're right that the button is on the left", "I agree, the
  setting is under Options").
- **does the agent imagine being in the customer's place?** "I'd be upset too", "I'd
  feel exactly the same way", "If I were in your shoes, I'd be furious as well", "if
  that happened to me, I'd be livid too" (a counterfactual "if I were" is no condition),
  "that would make me nervous too"; "I'd be happy to help" feels nothing.
- **does the agent judge the customer's wait too long?** "that's far too long to be
  left without an update", "three weeks is a long time to wait"; "the subject line is
  too long" and "that was a long time ago" judge no wait.
- **would it be bad for anyone?** "a bill that size would worry anyone", "nobody likes
  finding extra costs", "no one should be sworn at"; "no one wants threads" is an
  opinion of a thing.
- **does the agent take the matter seriously?** "we take incidents like this very
  seriously".
- **does the agent wish the customer well through a personal hardship?** "we hope
  you're feeling better", "I hope the surgery goes well", "glad no one was hurt": a wish
  and a wellbeing or hardship word in one clause, the wish not about a thing ("I hope
  that's alright").
- **does an apology go on to name what makes it worse for the customer?** "I'm sorry
  you're without heating, especially in this weather".
- **does the situation break a norm?** "that's (really) not OK", "that shouldn't have
  happened", "that's not what should happen", or a want of the company's or anyone's
  it missed: "that's not how anyone wants to start a holiday", "not the welcome we want".
- **does the agent react to the customer's report with a judgement of it?** "that sounds
  dangerous", "that must be difficult", "it sounds like it can be difficult to use your
  phone", "that can't be easy", "that must have thrown your whole day out": a reaction
  verb and, in its clause, a hardship, a feeling, a good thing negated, or a verb of
  distress with the customer; a diagnosis ("that sounds like you clicked New Account")
  names none, nor the agent's own state ("I can't be bothered").
- **does the agent reflect the customer's trouble back?** "it sounds like you're having
  trouble sending mail", "it seems like you've been facing an issue with the calendar":
  the customer experiencing a trouble, in progress or past; not "it looks like you're
  having an issue" (reading logs) nor "it sounds like you have a problem with the SMTP
  settings" (a diagnosis).
- **was an occasion spoiled?** "that's a rubbish end to a night out", "what a way to
  start the week", "sore feet are no way to spend a ski day": an occasion noun
  predicated with a spoiling word, "what a" or "no" before it ("a bad way to fix it"
  advises; "there's no way to export" is a missing feature).
- **is the situation barely what it should be?** "a lunch with no sandwiches is barely a
  lunch": the subject's noun again after "barely" ("it's hardly a problem" dismisses).
- **does the company put the customer's wellbeing first?** "your safety is our top
  priority", "keeping your account safe is important to us" (not "your satisfaction is
  our priority"); or want something for them: "we want your phone to work as it should".

The norm reading also takes a strong norm broken by any subject ("a room in that state
isn't acceptable"), a want of anyone's or a hope missed ("not something anyone wants",
"this isn't the answer you were hoping for", after the agent grants it), the company owning
a failure ("we should have told you"), the customer put to trouble ("you shouldn't have
to chase us") and what the customer should have had from the company ("not the service
you should get from us", "not what you should have had"). A predicate may be shared by a
second noun phrase after ", and a" ("that's a lot of wasted water, and a nuisance for
everyone"); a trying word before a time noun names a hard time ("at such a difficult
time").

The words are the empathy pack's lexicons (closed classes, documented there); the
grammar words (negations, pronouns, clause punctuation) are :mod:`replylint.grammar`'s.
Built once per rule; read-only afterwards, so threads share it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.attrs import IS_ALPHA, NORM, ORTH, SPACY
from spacy.tokens import Span, Token

from replylint.doctext import text_of
from replylint.grammar import (
    BE_FORMS,
    CLAUSE_PUNCTUATION,
    DASHES,
    FIRST_PERSON_SUBJECTS,
    NEGATIONS,
    SECOND_PERSON,
    SECOND_PERSON_POSSESSIVES,
    SUBJECT_PRONOUNS,
    WOULD_SPELLINGS,
)
from replylint.packs import PackSet
from replylint.tokencolumns import token_columns

#: Coordinators that start a new clause when a subject follows ("..., and we're sorry").
_COORDINATORS = frozenset({"and", "but"})
#: Demonstratives that can be a new clause's subject ("... and that's not fair on you").
_DEMONSTRATIVES = frozenset({"that", "this", "it", "which"})
#: What may follow "shouldn't" before "happen" or the clause's end ("shouldn't have
#: happened", "should not be happening", "this simply shouldn't be!").
_PERFECT_OR_BE = frozenset({"have", "'ve", "be", "been"})
#: Question words that, before "to", make a cognition verb knowledge of a method ("we
#: know how to fix it"); "how" alone is the customer's situation ("I know how hard").
_WH_WORDS = frozenset({"how", "what", "where", "when", "which", "who"})
#: "what" after a cognition verb, then a subject and a saying verb: "I know what you
#: mean" knows words.
_CONTENT_WORDS = frozenset({"what"})
#: Determiners that, right after "that's not", open the norm a situation missed ("not
#: the welcome we want for anyone", "not a start anyone wants").
_DETERMINERS = frozenset({"the", "a", "an"})
#: Pronouns that, right after "that's not", open a norm as a determiner does ("not
#: something anyone wants to open").
_INDEFINITES = frozenset({"something"})
#: "no" before an occasion noun: "no way to spend a ski day".
_NO = "no"
#: "there's no way to ...": a missing feature, not a spoiled occasion.
_THERE = "there"
#: "what a way to start the week!": an exclamation.
_WHAT = "what"
#: "how" links ("how frustrating") but a way after it is a method ("how way").
_HOW = "how"
#: What opens a missed norm after the negation: "not | what ...", "not | the welcome ...".
_NORM_OPENERS = _WH_WORDS | _DETERMINERS | _INDEFINITES
#: "have" after a modal: "we should | have told you", "we should've".
_PERFECT = frozenset({"have", "'ve"})
#: "you shouldn't have | had | to ...".
_HAD = "had"
#: "to" before a verb: "you shouldn't have | to".
_INFINITIVE = "to"
#: The ending of a regular past participle: "we should have posted".
_PAST_ENDING = "ed"
#: Forms of *be* that, before "you", ask rather than predicate ("are you confusing").
_BE_INVERTED = BE_FORMS | {"was", "were"}
#: Marks that may close a sentence together: "...?!" asks as "...?" does.
_CLOSING_MARKS = "?!.…"
#: The articles after ", and" that make what follows a second predicate ("..., and a
#: nuisance for everyone").
_ARTICLES = frozenset({"a", "an"})
#: Words that may follow the head of a coordinated predicate ("and a nuisance | for
#: everyone"); any other word makes the feeling attributive ("an annoying | one").
_HEAD_FOLLOWERS = frozenset({"for", "to", "on", "in", "with", "of", "at", "when", "and"})
#: Words that open a second object of a cognition verb after "and": "..., and | that".
_COMPLEMENTISERS = frozenset({"that", "how"})

#: The agent, or what is theirs, right after a counterfactual "if" ("If I were you",
#: "If my dog had been sick after dinner, I'd be worried too").
_FIRST_PERSON_OPENERS = FIRST_PERSON_SUBJECTS | {"my", "our"}

#: Pronouns that open a relative clause on the noun before them ("a parcel that never came").
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})

#: "be" as a main clause's finite verb after a relative clause ("... never came | is ...").
_FINITE_BE = frozenset({"is", "are", "was", "were"})
#: The company as the one the customer should have had something from: "from | us".
_US = "us"
#: The word that makes "lots of you" a group rather than the customer.
_PARTITIVE = "of"
#: The subjects a wait is judged of: "that's | far too long" ("it" is as often a thing).
_WAIT_DEMONSTRATIVES = frozenset({"that", "this"})
#: How far before the linking verb a stretch of time may stand to be the wait judged:
#: "twelve days without a delivery | is far too long".
_WAIT_SUBJECT_WORDS = 5


@dataclass(frozen=True)
class Clause:
    """Token offsets (in the doc) of one clause of a sentence."""

    start: int
    end: int

    def holds(self, span: Span) -> bool:
        return self.start <= span.start < self.end


@dataclass(frozen=True)
class CueWords:
    """The single-word classes the clause reading needs, from the empathy pack."""

    #: Verbs that predicate what follows of their subject ("is", "sounds", "feel").
    linking: frozenset[str]
    #: Words that may stand between a linking verb and the word it predicates
    #: ("really", "so", "a", "real", "must").
    degree: frozenset[str]
    #: Words that may stand between the agent and a cognition verb ("can", "do").
    auxiliaries: frozenset[str]
    #: Clause openers that make what follows a condition or a hedge ("if", "as").
    hedges: frozenset[str]
    #: Sentence openers that make the whole sentence a condition ("if", "unless").
    conditions: frozenset[str]
    #: Words after a cognition verb that make it knowledge of a fact or a method, not of
    #: the customer ("how to", "of", "where").
    fact_openers: frozenset[str]
    #: Norms a situation breaks after "that's not ..." ("OK", "fair").
    norm_words: frozenset[str]
    bare_norm_words: frozenset[str]
    bare_norm_occasions: frozenset[str]
    #: "should": "that's not what should happen", "that shouldn't have happened".
    norm_modals: frozenset[str]
    #: "happen" and its forms, after "that shouldn't ...".
    mishaps: frozenset[str]
    #: Wants that set a norm: "not how anyone wants to ...", "not the welcome we want".
    norm_wants: frozenset[str]
    #: Whose wants set a norm: the company or anyone ("we", "anyone", "nobody").
    norm_holders: frozenset[str]
    #: Norms only with a sufficiency word after them: "not good enough".
    standard_words: frozenset[str]
    #: "enough", after a standard word.
    sufficiency: frozenset[str]
    #: Pity for a being, opening its clause: "poor | pup".
    pitied: frozenset[str]
    pity_openers: frozenset[str]
    #: What follows "enough" after a spoiling word when the situation was a burden before
    #: what came on top: "hard enough | without ...", "stressful enough | as it is".
    burden_tails: tuple[tuple[str, ...], ...]
    #: Words after "good enough" that give what it is good enough for: then a fitness
    #: ("good enough to read"), not a standard the situation falls short of.
    purpose_words: frozenset[str]
    #: Verbs of a guess before such a clause: the helper's guess at why something did not
    #: work ("I guess 'Odd' wasn't good enough"), not a judgement of the situation.
    guesses: frozenset[str]
    #: What may follow an agreement that still stands alone ("with you", "more").
    agreement_tails: frozenset[str]
    #: Words that make the agent's hypothetical feeling the customer's ("too", "as well").
    likewise: frozenset[str]
    #: "the same": the agent would feel as the customer does ("I'd feel the same way").
    sameness: frozenset[str]
    #: "were" after "if I": a counterfactual that puts the agent in the customer's place.
    counterfactuals: frozenset[str]
    #: The agent as the object of a condition ("if that happened to me").
    agent_objects: frozenset[str]
    #: What the customer has that the agent can understand: "your situation".
    situations: frozenset[str]
    #: Cognition verbs that suppose rather than know ("I imagine you should see it").
    suppositions: frozenset[str]
    #: Words after which what the agent knew is conceded, a fact granted ("but").
    concessions: frozenset[str]
    #: Verbs of saying: "I understand what you | mean", "what you | tell us".
    sayings: frozenset[str]
    #: "take" and its forms, before "seriously".
    taking: frozenset[str]
    #: Norms a negation breaks whatever the subject: "a room like that isn't acceptable".
    strong_norms: frozenset[str]
    #: Hopes, a norm even when the customer's alone: "not the answer you were hoping for".
    hopes: frozenset[str]
    #: Verbs that grant a broken norm after them: "we appreciate this isn't ...".
    granting: frozenset[str]
    #: Subjects that own a failure with "should have": the company ("we").
    admitting: frozenset[str]
    #: Irregular past participles: "we should have | told you".
    participles: frozenset[str]
    #: Adverbs inside "you shouldn't (then) have to ...".
    norm_adverbs: frozenset[str]
    #: Words that spoil an occasion: feelings, hardships and "rotten", "rubbish", "nasty".
    spoilers: frozenset[str]
    #: "way", "thing": an occasion only with "to" and an occasion verb after it.
    manners: frozenset[str]
    #: What one does with an occasion: "a way to | start the week", "to | spend a day".
    occasion_verbs: frozenset[str]
    #: Negated, a judgement as a hardship is: "it won't have been an easy decision".
    positives: frozenset[str]
    #: Clause openers that concede: "even though I agree with you; ...".
    concessive_openers: frozenset[str]
    #: What is of no use to anyone: "no | use | to anyone".
    uses: frozenset[str]
    #: The customer's wellbeing: "health", "safety", "safe".
    wellbeing_nouns: frozenset[str]
    #: Words between a linking verb and a priority: "are | our top | priorities".
    priority_modifiers: frozenset[str]
    #: Nouns of a stretch of time a trying word makes hard: "a difficult | time".
    times: frozenset[str]
    #: What a suggestion is when a frame sees how it would be: "useful", "handy".
    merits: frozenset[str]
    #: What the customer should have had: "you should | get | from us".
    deserved: frozenset[str]
    #: Words that call a feeling normal: "it's | normal | to feel lost".
    normal_words: frozenset[str]
    #: Verbs of feeling after "normal to": "normal to | feel".
    feeling_verbs: frozenset[str]
    #: Experiencing verbs after a reflection and the customer: "you're | having",
    #: "you've | gone through" (each as its words).
    experiencing: tuple[tuple[str, ...], ...]
    #: What the customer is reflected as experiencing: "trouble", "an issue".
    troubles: frozenset[str]
    #: Intensifiers of an excess: "far | too long".
    excess_degrees: frozenset[str]
    #: Stretches of time a wait is: "two hours | is too long".
    wait_nouns: frozenset[str]
    #: Verbs of waiting after "too long to": "to | wait", "to | be left".
    wait_verbs: frozenset[str]
    #: Words that may follow a judged wait: "too long | to wait", "| for anyone".
    wait_followers: frozenset[str]

    @classmethod
    def of(cls, packs: PackSet) -> CueWords:
        return cls(
            linking=packs.words("empathy.linking_verbs"),
            degree=packs.words("empathy.degree_words"),
            auxiliaries=packs.words("empathy.auxiliaries"),
            hedges=packs.words("empathy.hedges"),
            conditions=packs.words("empathy.conditions"),
            fact_openers=packs.words("empathy.fact_openers"),
            norm_words=packs.words("empathy.norm_words"),
            bare_norm_words=packs.words("empathy.bare_norm_words"),
            bare_norm_occasions=packs.words("empathy.bare_norm_occasions"),
            norm_modals=packs.words("empathy.norm_modals"),
            mishaps=packs.words("empathy.mishaps"),
            norm_wants=packs.words("empathy.norm_wants") | packs.words("empathy.common_wants"),
            norm_holders=packs.words("empathy.norm_holders"),
            standard_words=packs.words("empathy.standard_words"),
            sufficiency=packs.words("empathy.sufficiency"),
            pitied=packs.words("empathy.pitied"),
            pity_openers=frozenset(
                word for entry in packs.lexicon("empathy.pity_openers") for word in entry.split()
            ),
            burden_tails=tuple(
                tuple(entry.lower().split()) for entry in packs.lexicon("empathy.burden_tails")
            ),
            purpose_words=packs.words("empathy.purpose_words"),
            guesses=packs.words("empathy.guesses"),
            agreement_tails=packs.words("empathy.agreement_tails"),
            likewise=packs.words("empathy.likewise"),
            sameness=packs.words("empathy.sameness"),
            counterfactuals=packs.words("empathy.counterfactuals"),
            agent_objects=packs.words("empathy.agent_objects"),
            situations=packs.words("empathy.situations"),
            suppositions=packs.words("empathy.suppositions"),
            concessions=packs.words("empathy.concessions"),
            taking=packs.words("empathy.taking"),
            sayings=packs.words("empathy.sayings"),
            strong_norms=packs.words("empathy.strong_norms"),
            hopes=packs.words("empathy.hopes"),
            granting=packs.words("empathy.granting"),
            admitting=packs.words("empathy.admitting"),
            participles=packs.words("empathy.participles"),
            norm_adverbs=packs.words("empathy.norm_adverbs"),
            spoilers=packs.words("empathy.spoilers")
            | packs.words("empathy.hardships")
            | frozenset(e.lower() for e in packs.lexicon("empathy.feelings") if " " not in e),
            manners=packs.words("empathy.manners"),
            occasion_verbs=packs.words("empathy.occasion_verbs"),
            positives=packs.words("empathy.positives"),
            concessive_openers=packs.words("empathy.concessive_openers"),
            uses=packs.words("empathy.uses"),
            wellbeing_nouns=packs.words("empathy.wellbeing_nouns"),
            priority_modifiers=packs.words("empathy.priority_modifiers"),
            times=packs.words("empathy.times"),
            merits=packs.words("empathy.merits"),
            deserved=packs.words("empathy.deserved"),
            normal_words=packs.words("empathy.normal_words"),
            feeling_verbs=packs.words("empathy.feeling_verbs"),
            experiencing=tuple(
                tuple(entry.lower().split()) for entry in packs.lexicon("empathy.experiencing")
            ),
            troubles=packs.words("empathy.troubles"),
            excess_degrees=packs.words("empathy.excess_degrees"),
            wait_nouns=packs.words("empathy.wait_nouns"),
            wait_verbs=packs.words("empathy.wait_verbs"),
            wait_followers=packs.words("empathy.wait_followers"),
        )


class SentenceReader:
    """The clause reading of one sentence (cheap: built only for a sentence that holds
    a cue)."""

    def __init__(self, sentence: Span, words: CueWords) -> None:
        self.sentence = sentence
        self.words = words
        columns = token_columns(sentence.doc)
        self.norms = columns.strings(NORM)[sentence.start : sentence.end]
        #: Which tokens are words (letters only), by offset in the sentence.
        self.alpha = columns.flags(IS_ALPHA)[sentence.start : sentence.end]
        self.clauses = _clauses(sentence, self.norms)
        self.question = _asks(text_of(sentence))
        opener = self._first_word(0)
        self.conditional = (
            opener is not None
            and self.norms[opener] in words.conditions
            and not self._counterfactual(opener)
        )

    def _counterfactual(self, opener: int) -> bool:
        """The condition puts the agent in the customer's place ("If I were in your
        shoes", "if I were you", "if I came home to that, I'd ...", "if my dog had been
        sick, I'd be worried too"): it imagines, it does not make the sentence hinge on a
        fact about the customer."""
        norms = self.norms
        if opener + 2 >= len(norms):
            return False
        subject = norms[opener + 1]
        if subject in _FIRST_PERSON_OPENERS and norms[opener + 2] in self.words.counterfactuals:
            return True
        # "If that happened to me, I'd be livid too", "if it were us, ...": the agent as
        # the one the condition happens to, a few words in
        agent_in_it = subject in _FIRST_PERSON_OPENERS or (
            subject in _DEMONSTRATIVES
            and any(n in self.words.agent_objects for n in norms[opener + 2 : opener + 6])
        )
        if not agent_in_it:
            return False
        # "If I came downstairs to find ..., I'd be beside myself": the agent in the
        # condition and in a would-clause after it imagines, it states no condition
        return any(
            norms[k] in FIRST_PERSON_SUBJECTS and norms[k + 1] in WOULD_SPELLINGS
            for k in range(opener + 3, len(norms) - 1)
        )

    def clause_of(self, span: Span) -> Clause:
        for clause in self.clauses:
            if clause.holds(span):
                return clause
        return self.clauses[-1]

    def stated(self, span: Span, *, imagining: bool = False) -> bool:
        """The clause of ``span`` states something: it is not a condition or a hedge.

        ``imagining``: ``span`` is the agent's own would-clause ("I'd be upset too"),
        which a counterfactual before it in the same clause ("If I were in your shoes
        I'd ...", no comma) does not hedge. Only there: "in your shoes" inside such a
        clause ("If I were in your shoes I would update the app") is still advice."""
        if self.conditional:
            return False
        clause = self.clause_of(span)
        start = clause.start - self.sentence.start
        first = self._first_word(start)
        # a connective may come first: "so if I understand ...", "but as you know ..."
        for offset in (first, None if first is None else self._first_word(first + 1)):
            if (
                offset is not None
                and offset < span.start - self.sentence.start
                and self.norms[offset] in self.words.hedges
                and not (imagining and self._counterfactual(offset))
            ):
                return False
        return True

    def negated_before(self, span: Span) -> bool:
        """A negation in the clause before ``span`` ("I don't think I understand"), other
        than one inside a relative clause the main verb closes ("a delivery that never
        comes | is maddening" denies the coming, not the feeling)."""
        clause = self.clause_of(span)
        base = self.sentence.start
        first, end = clause.start - base, span.start - base
        return any(
            self.norms[i] in NEGATIONS and not self._in_relative_clause(i, first, end)
            for i in range(first, end)
        )

    def _in_relative_clause(self, negation: int, first: int, end: int) -> bool:
        """``negation`` follows a relative pronoun after a word ("a parcel | that | never
        came") and a finite "be" comes after its verb, before ``end`` ("... came | is")."""
        norms = self.norms
        opener = next(
            (r for r in range(negation - 1, first, -1) if norms[r] in _RELATIVE_PRONOUNS), None
        )
        if opener is None or not self.alpha[opener - 1]:
            return False
        return any(norms[k] in _FINITE_BE for k in range(negation + 2, end))

    def predicated(self, span: Span) -> Token | None:
        """The linking word ``span`` is predicated by ("is" in "that's really annoying",
        "what" in "what a mess"), or the span itself when it opens the sentence ("So
        frustrating!"); None for an attributive or verbal use."""
        base = self.sentence.start
        i = span.start - base - 1
        while i >= 0 and (self.norms[i] in self.words.degree or self.norms[i] in NEGATIONS):
            i -= 1
        if i < 0 or not any(self.alpha[: i + 1]):
            return self.sentence[span.start - base]  # "So frustrating!", "... anxiety"
        if self.norms[i] in SECOND_PERSON_POSSESSIVES:  # the customer's own: "your frustration"
            return self.sentence[i]
        if self.norms[i] == "you" and i > 0:  # "that made you | so upset"
            if self.norms[i - 1] in _BE_INVERTED:  # "are you | confusing ...?" asks
                return None
            i -= 1
        if self.norms[i] in self.words.linking:
            return self.sentence[i]
        link = self._coordinated_link(i)
        if link is None or self.modifies_next(span):
            return None  # ", and an annoying one": attributive
        return self.sentence[link]

    def modifies_next(self, span: Span) -> bool:
        """A word other than a preposition follows ``span`` in the sentence ("an annoying
        | one"): it is attributive (the pipeline tags no parts of speech, so the words
        that may end a noun phrase's head are listed)."""
        following = span.end
        if following >= self.sentence.end or not span.doc[following].is_alpha:
            return False
        return span.doc[following].norm_ not in _HEAD_FOLLOWERS

    def _coordinated_link(self, i: int) -> int | None:
        """The offset of the linking verb a coordinated predicate shares: in "that's a
        lot of wasted water, and a nuisance for everyone", "and a nuisance" is predicated
        by the "'s" of the clause before the comma. Only ", and a/an ..." (a second noun
        phrase parallel to the first); None otherwise."""
        norms = self.norms
        if (
            norms[i] not in _COORDINATORS
            or i < 2
            or i + 1 >= len(norms)
            or norms[i + 1] not in _ARTICLES
            or norms[i - 1] != ","
        ):
            return None
        before = self.clause_of(self.sentence[i - 2 : i - 1])
        for k in range(i - 2, before.start - self.sentence.start - 1, -1):
            if norms[k] in self.words.linking:
                return k
        return None

    def attributive(self, span: Span) -> bool:
        """A feeling word modifies the word after it ("annoying | pop-ups") and no
        linking verb predicates it: it names a thing, not a feeling ("money worries",
        "you're upset" and "your frustration" are feelings)."""
        return self.predicated(span) is None and self.modifies_next(span)

    def subject_before(self, token: Token, skipping: frozenset[str]) -> int | None:
        """The offset (in the sentence) of the word before ``token`` past ``skipping``:
        its subject when ``token`` is a verb ("I" in "I'm so frustrated", "we" in "we
        can totally understand")."""
        i = token.i - self.sentence.start - 1
        while i >= 0 and self.norms[i] in skipping:
            i -= 1
        return i if i >= 0 else None

    def after(self, span: Span, clause: Clause) -> Span:
        """The rest of ``clause`` after ``span``."""
        return self.sentence.doc[span.end : max(span.end, clause.end)]

    def spliced_after(self, span: Span, clause: Clause) -> Span:
        """The clause after ``clause`` when ``span`` ends it and a comma joins them ("I
        understand, | having no heating with a newborn is really hard"): what a verb
        with nothing after it in its own clause is about. Empty otherwise."""
        doc = self.sentence.doc
        rest = doc[span.end : max(span.end, clause.end)]
        following = next((c for c in self.clauses if c.start >= clause.end), None)
        if any(t.is_alpha for t in rest) or following is None or doc[following.start].text != ",":
            return doc[span.end : span.end]
        return doc[following.start + 1 : following.end]

    def of_fact(self, verb: Span) -> bool:
        """What follows a cognition verb makes it knowledge of a fact or a method: "I
        know of no way", "we know about the bug", "we know how to fix it"."""
        i = verb.end - self.sentence.start
        if i >= len(self.norms):
            return False
        if self.norms[i] in self.words.fact_openers:
            return True
        return self.norms[i] in _WH_WORDS and i + 1 < len(self.norms) and self.norms[i + 1] == "to"

    def asked_by(self, span: Span) -> bool:
        """``span`` opens a question with a question word: "How difficult is it for you
        to add a changelog?!" asks, it judges nothing."""
        first = self._first_word(0)
        return (
            self.question
            and first is not None
            and first == span.start - self.sentence.start
            and self.norms[first] in _WH_WORDS
        )

    def knows_content(self, verb: Span) -> bool:
        """A cognition verb whose object is what someone says or means ("I understand
        what you mean by scrolling", "we know exactly what you tell us"): knowing words,
        not a situation ("I understand what you want" knows the customer's wish)."""
        i = verb.end - self.sentence.start
        while i < len(self.norms) and self.norms[i] in self.words.degree:
            i += 1
        if i + 2 >= len(self.norms) or self.norms[i] not in _CONTENT_WORDS:
            return False
        return self.norms[i + 2] in self.words.sayings

    def wish_about_thing(self, wish: Span) -> bool:
        """The wish is about a thing, not a person: "I hope that's alright", "hope it
        helps" ("hope that you're ..." is about the customer)."""
        i = wish.end - self.sentence.start
        if (
            i + 1 < len(self.norms)
            and self.norms[i] == "that"
            and self.norms[i + 1] in SUBJECT_PRONOUNS
            and self.norms[i + 1] != "it"
        ):
            return False
        return i < len(self.norms) and self.norms[i] in _DEMONSTRATIVES

    def holds_phrase(self, words: Span, phrases: tuple[tuple[str, ...], ...]) -> bool:
        """One of ``phrases`` is in ``words`` with degree words inside it ("feeling much
        better" holds "feeling better")."""
        base = self.sentence.start
        norms = [
            norm
            for norm in self.norms[words.start - base : words.end - base]
            if norm not in self.words.degree
        ]
        return any(
            norms[i : i + len(phrase)] == list(phrase)
            for phrase in phrases
            for i in range(len(norms) - len(phrase) + 1)
        )

    def breaks_norm(self, clause: Clause) -> Span | None:
        """The clause says the situation broke a norm: "that's not OK", "it's not fair
        on you", "that's not what should happen", "that shouldn't have happened", "this
        should not be happening" (a demonstrative subject opens it, perhaps after the
        agent granting it: "we appreciate this isn't the answer you were hoping for");
        elliptically, "not what anyone wants!"; with any subject, a strong norm or a want
        of anyone's ("a room in that state isn't acceptable", "a bill like that is not
        something anyone wants to open"); the company owning a failure ("we should have
        told you"); the customer put to trouble ("you shouldn't have to chase us"). None
        otherwise."""
        base = self.sentence.start
        end = clause.end - base
        first = self._first_word(clause.start - base)
        if first is not None and first < end and self.norms[first] in _COORDINATORS:
            first = self._first_word(first + 1)
        if first is None or first >= end:
            return None
        lead = first
        while lead < end - 1 and self.norms[lead] in self.words.degree:
            lead += 1
        if self.norms[lead] in NEGATIONS:  # "definitely not ideal!", "really not OK"
            first = lead
        if self.norms[first] in NEGATIONS:  # "not what anyone wants coming out of the tap!"
            if self.question:
                return None
            return self._bare_norm(first, end) or self._missed_norm(first, first, end)
        first = self._past_granting(first, end)
        if self.norms[first] in self.words.admitting:
            return self._owned_failure(first, end)
        if self.norms[first] in SECOND_PERSON:
            return self._spared(first, end)
        if self.norms[first] not in _DEMONSTRATIVES:
            return self._denied_standard(clause, first, end)
        j = first + 1
        while j < end and self.norms[j] in self.words.degree:
            j += 1
        n = j + 1  # the negation, perhaps after degree words ("that's really not OK")
        while n < end and self.norms[n] in self.words.degree:
            n += 1
        if j >= end or n >= end or self.norms[n] not in NEGATIONS:
            return None
        verb = self.norms[j]
        if verb in self.words.linking:  # "that's not OK", "not what should happen"
            k = n + 1
            while k < end and self.norms[k] in self.words.degree:
                k += 1
            if k < end and self.norms[k] in self.words.norm_words:
                return self.sentence[first : k + 1]
            if (
                k + 1 < end
                and self.norms[k] in self.words.standard_words
                and self.norms[k + 1] in self.words.sufficiency
            ):  # "that's not good enough"
                return self.sentence[first : k + 2]
            return self._missed_norm(first, n, end)
        if verb in self.words.norm_modals and self.norms[first] != "it":
            # "that shouldn't (have) happen(ed)"; "it shouldn't happen" is as often a
            # technical expectation as a judgement
            k = n + 1
            while k < end and self.norms[k] in _PERFECT_OR_BE:
                k += 1
            at_end = k >= end or not self.sentence[k].is_alpha
            if at_end or self.norms[k] in self.words.mishaps:
                return self.sentence[first : min(k + 1, end)]
        return None

    def _bare_norm(self, negation: int, end: int) -> Span | None:
        """Elliptically, a norm the situation broke, with no subject: "definitely not
        ideal!", "oh no, not OK at all", "not ideal before a party!" (a norm word that
        ends its clause, or opens when the situation fell: ``empathy.bare_norm_words``,
        ``empathy.bare_norm_occasions``).
        "Not ideal for large files" weighs a product, not the customer's situation."""
        k = negation + 1
        while k < end and self.norms[k] in self.words.degree:
            k += 1
        if k >= end or self.norms[k] not in self.words.bare_norm_words:
            return None
        after = self._first_word(k + 1)
        if after is None or after >= end or self.norms[after] in self.words.bare_norm_occasions:
            return self.sentence[negation : k + 1]
        return None

    def _missed_norm(
        self, first: int, negation: int, end: int, anyone: bool = False
    ) -> Span | None:
        """After the negation, a question word or a determiner opens a norm the situation
        missed: "not what should happen", "not how anyone wants to start a holiday", "not
        the welcome we want for anyone", "not the answer you were hoping for". With
        ``anyone`` (a subject that is not a demonstrative) only a want of anyone's or a
        hope counts: "not the one you should use" advises."""
        k = negation + 1
        if k >= end or self.norms[k] not in _NORM_OPENERS:
            return None
        for m in range(k + 1, end):
            norm = self.norms[m]
            if self._hoped(m) or (
                self._wanted(m, universal_only=anyone)
                or (not anyone and norm in self.words.norm_modals)
            ):
                return self.sentence[first : m + 1]
            deserved = self._deserved(m, end)
            if deserved is not None:
                return self.sentence[first : deserved + 1]
        return None

    def _deserved(self, modal: int, end: int) -> int | None:
        """The offset of what the customer should have had from the company, after a
        missed norm: "not the service you should get from us" ("us" after it), "not
        what you should have had" (perfect); "not the one you should use" advises, "not
        the file you should get" names a download."""
        norms = self.norms
        if norms[modal] not in self.words.norm_modals or modal == 0 or norms[modal - 1] != "you":
            return None
        k = modal + 1
        perfect = k < end and norms[k] in _PERFECT
        if perfect:
            k += 1
        if k >= end or norms[k] not in self.words.deserved:
            return None
        if perfect or _US in norms[k + 1 : end]:
            return k
        return None

    def _past_granting(self, first: int, end: int) -> int:
        """The demonstrative after the agent granting a clause ("we appreciate | this
        isn't ...", "I know | that's not OK"), or ``first`` when there is none."""
        if self.norms[first] not in FIRST_PERSON_SUBJECTS:
            return first
        g = first + 1
        while g < end and self.norms[g] in self.words.auxiliaries:
            g += 1
        if g >= end or self.norms[g] not in self.words.granting:
            return first
        c = g + 1
        if c + 1 < end and self.norms[c] == "that" and self.norms[c + 1] not in self.words.linking:
            c += 1  # "that" as a conjunction: "I know that this isn't ..."
        if c < end and self.norms[c] in _DEMONSTRATIVES:
            return c
        return first

    def _denied_standard(self, clause: Clause, first: int, end: int) -> Span | None:
        """Any subject, then a linking verb and a negation before a strong norm ("a room
        in that state isn't acceptable") or a want of anyone's ("a bill like that is not
        something anyone wants to open"); stated, not asked or conditional."""
        if self.question or self.conditional or self.norms[first] in self.words.hedges:
            return None
        for n in range(first + 1, end):
            if self.norms[n] not in NEGATIONS:
                continue
            j = n - 1
            while j > first and self.norms[j] in self.words.degree:
                j -= 1
            if j <= first or self.norms[j] not in self.words.linking:
                continue
            if self.norms[j - 1] in SECOND_PERSON:  # "you're not ...": the customer
                continue
            k = n + 1
            while k < end and self.norms[k] in self.words.degree:
                k += 1
            if k < end and self.norms[k] in self.words.strong_norms:
                return self.sentence[first : k + 1]
            if self._not_enough(k, end) and self.words.guesses.isdisjoint(self.norms[first:n]):
                return self.sentence[first : k + 2]  # "40 minutes late isn't good enough"
            missed = self._missed_norm(first, n, end, anyone=True)
            if missed is not None:
                return missed
        return None

    def _not_enough(self, k: int, end: int) -> bool:
        """ "good enough" at `k`, not for a purpose after it: a standard the situation
        falls short of ("one volunteer on a Saturday isn't good enough"), not a fitness
        for something ("the photo isn't good enough to read", "not good enough for
        printing")."""
        if k + 1 >= end or self.norms[k] not in self.words.standard_words:
            return False
        if self.norms[k + 1] not in self.words.sufficiency:
            return False
        return k + 2 >= end or self.norms[k + 2] not in self.words.purpose_words

    def _owned_failure(self, first: int, end: int) -> Span | None:
        """The company owns a failure: "we should have told you sooner", "we should've
        been clearer": "we", a norm modal not negated, "have", then a past participle
        (not "we should have a fix soon")."""
        m = first + 1
        while m < end and self.norms[m] in self.words.degree:
            m += 1
        if m + 2 >= end or self.norms[m] not in self.words.norm_modals:
            return None
        if self.norms[m + 1] not in _PERFECT:
            return None
        p = m + 2
        while p < end and self.norms[p] in self.words.degree:
            p += 1
        if p >= end or self.question:
            return None
        token = self.sentence[p]
        participle = self.norms[p] in self.words.participles or (
            token.is_alpha and self.norms[p].endswith(_PAST_ENDING)
        )
        return self.sentence[first : p + 1] if participle else None

    def _spared(self, first: int, end: int) -> Span | None:
        """The customer was put to trouble they should not have been: "you shouldn't
        have to chase us", "you should never have had to call twice": "you", a negated
        norm modal, then "have to" or "have had to"."""
        m = first + 1
        while m < end and self.norms[m] in self.words.degree:
            m += 1
        if m + 1 >= end or self.norms[m] not in self.words.norm_modals:
            return None
        n = m + 1
        if self.norms[n] not in NEGATIONS or self.question:
            return None
        k = n + 1
        while k < end and self.norms[k] in self.words.norm_adverbs | _PERFECT:
            if self.norms[k] in _PERFECT and k + 1 < end and self.norms[k + 1] == _INFINITIVE:
                return self.sentence[first : k + 2]
            k += 1
        if k + 1 < end and self.norms[k] == _HAD and self.norms[k + 1] == _INFINITIVE:
            return self.sentence[first : k + 2]
        return None

    def judges_wait(self, excess: Span) -> Span | None:
        """The agent judges the customer's wait too long: "that's far too long to be left
        without an update", "two hours on hold is way too long", "three weeks is a long
        time to wait": ``excess`` ("too long", "a long time") after a linking verb, whose
        subject is "that"/"this" or a stretch of time in its clause; stated, not asked
        or negated. "It's too long", "the subject line is too long", "too long to fit in
        the box" and "that was a long time ago" judge no wait."""
        if self.question or not self.stated(excess) or self.negated_before(excess):
            return None
        words = self.words
        base = self.sentence.start
        j = excess.start - base - 1
        while j >= 0 and (self.norms[j] in words.degree or self.norms[j] in words.excess_degrees):
            j -= 1
        if j <= 0 or self.norms[j] not in words.linking:
            return None
        clause = self.clause_of(excess)
        start = clause.start - base
        while start < j and not self.alpha[start]:
            start += 1
        # "that" as the subject of its own clause ("you're right, that's | far too long"),
        # not a relative pronoun ("the list that is too long")
        demonstrative = self.norms[j - 1] in _WAIT_DEMONSTRATIVES and (
            j == 1 or not self.alpha[j - 2] or self.norms[j - 2] in _COORDINATORS
        )
        if demonstrative:
            start = j - 1
        elif not any(
            norm in words.wait_nouns for norm in self.norms[max(start, j - _WAIT_SUBJECT_WORDS) : j]
        ):
            return None
        after = self.next_word(excess, frozenset())
        if after is not None and self.alpha[after]:
            following = self.norms[after]
            if following not in words.wait_followers:
                return None  # "a long time user", "that was a long time ago"
            if following == _INFINITIVE:
                verb = self.next_word(self.sentence[after : after + 1], frozenset())
                if verb is None or self.norms[verb] not in words.wait_verbs:
                    return None
        return self.sentence[start : excess.end - base]

    def spoils_occasion(self, noun: Span) -> Span | None:
        """The situation spoiled an occasion: "that's a rubbish end to a night out", "a
        nasty surprise to find on your statement", "what a way to start the week", "sore
        feet are no way to spend a ski day", "a rotten way for Mother's Day to go": the
        noun predicated (after a linking verb or "what") with a spoiling word before it,
        or after "what a" or "no"; "way" and "thing" only with "to" and an occasion verb
        after them ("a bad way to fix it" advises). Stated, not asked or negated."""
        if self.question or not self.stated(noun) or self.negated_before(noun):
            return None
        base = self.sentence.start
        words = self.words
        i = noun.start - base
        j = i - 1
        spoiled = False
        while j >= 0 and (self.norms[j] in words.spoilers or self.norms[j] in words.degree):
            spoiled = spoiled or self.norms[j] in words.spoilers
            j -= 1
        if j < 0:
            return None
        opener = self.norms[j]
        if opener == _NO:  # "are no way to spend a ski day"; "there's no way to" lacks
            if j == 0 or self.norms[j - 1] not in words.linking:
                return None
            if j >= 2 and self.norms[j - 2] == _THERE:
                return None
            spoiled = True
        elif opener == _WHAT:
            spoiled = True
        elif (opener not in words.linking or opener == _HOW) and self._coordinated_link(j) is None:
            return None
        if not spoiled:
            return None
        if self.norms[i] in words.manners:
            clause = self.clause_of(noun)
            ends = [
                k
                for k in range(i + 1, clause.end - base - 1)
                if self.norms[k] == _INFINITIVE and self.norms[k + 1] in words.occasion_verbs
            ]
            if not ends:
                return None
            return self.sentence[j : ends[0] + 2]
        return self.sentence[j : i + 1]

    def pities(self, pity: Span) -> Span | None:
        """The agent pities a being of the customer's, or the customer: "Oh no, poor pup.",
        "Poor thing, chickenpox right before his party", "poor you!": a pity word that
        opens its clause (after interjections only) with a being right after it. "The
        poor signal" and "a poor choice of words" judge a thing (a determiner before the
        word, or no being after it)."""
        if self.question:
            return None
        base = self.sentence.start
        i = pity.start - base
        start = self.clause_of(pity).start - base
        if any(
            self.alpha[k] and self.norms[k] not in self.words.pity_openers for k in range(start, i)
        ):
            return None
        if i + 1 >= len(self.norms) or self.norms[i + 1] not in self.words.pitied:
            return None
        following = i + 2
        if following < len(self.norms) and self.alpha[following]:
            return None  # "poor thing quality": the being names a thing's kind
        return self.sentence[i : i + 2]

    def burdened_enough(self, enough: Span) -> Span | None:
        """The situation was a burden before what came on top of it: "broken nights are
        hard enough without the monitor adding to them", "moving house is stressful enough
        as it is": a spoiling word predicated, "enough" and, later in its clause, a burden
        tail (``without``, "as it is"); stated, not asked or negated, and no purpose right
        after "enough" ("hard enough to reach without a ladder" is a fitness). "It's big
        enough without a case" measures a thing ("big" spoils nothing); "not good enough"
        is a broken standard (:meth:`breaks_norm`)."""
        base = self.sentence.start
        i = enough.start - base
        if self.question or i == 0 or self.norms[i - 1] not in self.words.spoilers:
            return None
        judged = self.sentence[i - 1 : i]
        if self.predicated(judged) is None or not self.stated(judged):
            return None
        if self.negated_before(judged):
            return None
        end = self.clause_of(enough).end - base
        if i + 1 < end and self.norms[i + 1] in self.words.purpose_words:
            return None  # "hard enough to reach without a ladder": a fitness
        for k in range(i + 1, end):
            for tail in self.words.burden_tails:
                if tuple(self.norms[k : k + len(tail)]) == tail:
                    return self.sentence[i - 1 : k + len(tail)]
        return None

    def normalises_feeling(self, word: Span) -> Span | None:
        """The agent calls the customer's feeling normal: "it's normal to feel a bit
        lost", "it's natural to worry": a normalising word predicated, then "to" and a
        verb of feeling; stated, not asked or negated ("it's normal to be asked for a
        code" normalises a step, not a feeling)."""
        if self.question or not self.stated(word) or self.negated_before(word):
            return None
        if self.predicated(word) is None:
            return None
        i = word.end - self.sentence.start
        if i + 1 >= len(self.norms) or self.norms[i] != _INFINITIVE:
            return None
        if self.norms[i + 1] not in self.words.feeling_verbs:
            return None
        return self.sentence[word.start - self.sentence.start : i + 2]

    def known_after(self, verb: Span) -> Span:
        """What a cognition verb knows: the rest of its clause, and the clauses
        coordinated with it by "and that" / "and how" ("I understand this is a big
        increase, and that it makes a real difference to your budget")."""
        clause = self.clause_of(verb)
        end = clause.end
        base = self.sentence.start
        for following in self.clauses:
            if following.start < end:
                continue
            if following.start > end:
                break
            first = self._first_word(following.start - base)
            if first is not None and first >= following.end - base:
                end = following.end  # punctuation alone: ", | and that ..."
                continue
            if (
                first is None
                or first + 1 >= following.end - base
                or self.norms[first] not in _COORDINATORS
                or self.norms[first + 1] not in _COMPLEMENTISERS
            ):
                break
            end = following.end
        return self.sentence.doc[verb.end : max(verb.end, end)]

    def hard_time(self, word: Span) -> Span | None:
        """The customer is going through a hard time: "at such a difficult time", "what
        must be a worrying time for you", "during these uncertain times": a trying word
        right before a time noun, stated, not asked or negated, and not a task that is
        hard ("a difficult time finding the setting", a gerund after it)."""
        if self.question or not self.stated(word) or self.negated_before(word):
            return None
        i = word.end - self.sentence.start
        if i >= len(self.norms) or self.norms[i] not in self.words.times:
            return None
        following = i + 1
        if (
            following < len(self.norms)
            and self.sentence[following].is_alpha
            and self.norms[following].endswith("ing")
        ):
            return None
        return self.sentence[word.start - self.sentence.start : i + 1]

    def reflects_trouble(self, reflection: Span) -> Span | None:
        """The agent reflects the customer's trouble back: "it sounds like you're having
        trouble sending mail", "it seems like you've been facing an issue with ...": a
        reflection, "you", perhaps "are"/"have been", an experiencing verb, then a trouble
        in its clause; stated, not asked. The simple present ("it sounds like you have a
        problem with the SMTP settings") diagnoses, and is left alone."""
        if self.question or not self.stated(reflection):
            return None
        norms = self.norms
        i = reflection.end - self.sentence.start
        if i >= len(norms) or norms[i] not in _REFLECTED_SUBJECTS:
            return None
        i += 1
        while i < len(norms) and (
            norms[i] in _PROGRESSIVE_OR_PERFECT or norms[i] in self.words.degree
        ):
            i += 1
        verb = next(
            (
                phrase
                for phrase in self.words.experiencing
                if tuple(norms[i : i + len(phrase)]) == phrase
            ),
            None,
        )
        if verb is None:
            return None
        clause = self.clause_of(reflection)
        for j in range(i, clause.end - self.sentence.start):
            if norms[j] in self.words.troubles:
                return self.sentence[reflection.start - self.sentence.start : j + 1]
        return None

    def denies_identity(self, word: Span) -> Span | None:
        """The situation is barely what it should be: "a lunch with no sandwiches is
        barely a lunch", "a holiday without luggage is hardly a holiday": a linking verb,
        "barely" and the noun of the subject again; "it's hardly a problem" dismisses."""
        if self.question or not self.stated(word):
            return None
        base = self.sentence.start
        i = word.start - base
        if i == 0 or self.norms[i - 1] not in self.words.linking:
            return None
        k = i + 1
        while k < len(self.norms) and self.norms[k] in self.words.degree:
            k += 1
        if k >= len(self.norms) or not self.sentence[k].is_alpha:
            return None
        noun = self.norms[k]
        earlier = set(self.norms[: i - 1])
        plural = noun + "s"
        singular = noun[:-1] if noun.endswith("s") else noun
        if noun in earlier or plural in earlier or singular in earlier:
            return self.sentence[i - 1 : k + 1]
        return None

    def puts_wellbeing_first(self, priority: Span) -> Span | None:
        """The company puts the customer's wellbeing first: "the health and safety of our
        customers are our top priorities", "keeping your account safe is important to
        us": a priority predicated (a linking verb before it, past "our top"), a wellbeing
        word before the verb in its clause; "your satisfaction is our priority" is a
        slogan about what the company wants."""
        if self.question or not self.stated(priority) or self.negated_before(priority):
            return None
        base = self.sentence.start
        j = priority.start - base - 1
        while j >= 0 and (
            self.norms[j] in self.words.priority_modifiers or self.norms[j] in self.words.degree
        ):
            j -= 1
        if j <= 0 or self.norms[j] not in self.words.linking:
            return None
        clause = self.clause_of(priority)
        for k in range(clause.start - base, j):
            if self.norms[k] in self.words.wellbeing_nouns:
                return self.sentence[k : priority.end - base]
        return None

    def alone_after(self, span: Span) -> bool:
        """Nothing but agreement tails, degree words and punctuation follows ``span`` in
        the sentence ("I agree with you!", "you're absolutely right."): what is agreed to
        is what the customer said, not a fact stated next ("I agree, the setting is under
        Options")."""
        return self.only_tails(self.sentence.doc[span.end : self.sentence.end])

    def only_tails(self, words: Span) -> bool:
        """``words`` (a span of this sentence) hold nothing but agreement tails, degree
        words and punctuation ("with you", "completely")."""
        skip = self.words.agreement_tails | self.words.degree
        base = self.sentence.start
        return all(
            not token.is_alpha or norm in skip
            for token, norm in zip(
                words, self.norms[words.start - base : words.end - base], strict=True
            )
        )

    def conceding(self, clause: Clause) -> bool:
        """The clause opens with a concession ("Even though I agree with you; ..."):
        what it grants is set aside by what follows."""
        first = self._first_word(clause.start - self.sentence.start)
        if first is None:
            return False
        second = self._first_word(first + 1)
        return any(
            offset is not None
            and offset < clause.end - self.sentence.start
            and self.norms[offset] in self.words.concessive_openers
            for offset in (first, second)
        )

    def holds_word(self, words: Span, vocabulary: frozenset[str]) -> bool:
        """A word of ``vocabulary`` is in ``words`` (a span of this sentence)."""
        base = self.sentence.start
        return any(n in vocabulary for n in self.norms[words.start - base : words.end - base])

    def next_word(self, span: Span, skipping: frozenset[str]) -> int | None:
        """The offset (in the sentence) of the first word after ``span`` past
        ``skipping`` ("expect" after "right | to", "be" after "I'd | really")."""
        i = span.end - self.sentence.start
        while i < len(self.norms) and self.norms[i] in skipping:
            i += 1
        return i if i < len(self.norms) else None

    def _wanted(self, offset: int, universal_only: bool = False) -> bool:
        """The word at ``offset`` is a want of someone whose wants set a norm ("anyone
        wants", "we'd want"), not of a thing or of the customer alone ("not the file
        you want"); with ``universal_only``, of anyone at all ("anyone", "nobody")."""
        if self.norms[offset] not in self.words.norm_wants:
            return False
        i = offset - 1
        while i >= 0 and self.norms[i] in self.words.auxiliaries | WOULD_SPELLINGS:
            i -= 1
        if i < 0 or self.norms[i] not in self.words.norm_holders:
            return False
        return not universal_only or self.norms[i] not in FIRST_PERSON_SUBJECTS

    def _hoped(self, offset: int) -> bool:
        """The word at ``offset`` is a hope of the customer's, the company's or anyone's:
        "the answer you were hoping for", "what we'd hoped"."""
        if self.norms[offset] not in self.words.hopes:
            return False
        i = offset - 1
        while i >= 0 and self.norms[i] in self.words.auxiliaries | WOULD_SPELLINGS | _BE_INVERTED:
            i -= 1
        return i >= 0 and (
            self.norms[i] in self.words.norm_holders or self.norms[i] in SECOND_PERSON
        )

    def _first_word(self, offset: int) -> int | None:
        """The first token at or after ``offset`` that is a word (not punctuation)."""
        for i in range(offset, len(self.norms)):
            if self.alpha[i]:
                return i
        return None


#: Who a reflection is about: the customer ("it sounds like | you're having trouble").
_REFLECTED_SUBJECTS = frozenset({"you", "u"})
#: The auxiliaries of an experience in progress or past: "you | 're | having", "you | 've
#: been | facing" ("have" alone is the simple present: "you have a problem with ...",
#: which the experiencing verbs then do not follow).
_PROGRESSIVE_OR_PERFECT = frozenset({"are", "were", "have", "been", "r"})


def _asks(text: str) -> bool:
    """The sentence is a question: a "?" among its closing marks ("...?", "...?!")."""
    kept = text.rstrip()
    return "?" in kept[len(kept.rstrip(_CLOSING_MARKS)) :]


def about_customer(words: Span) -> bool:
    """The words refer to the customer: a second-person word that is not part of a
    group ("lots of you")."""
    norms = [t.norm_ for t in words]
    return any(
        norm in SECOND_PERSON and not (i > 0 and norms[i - 1] == _PARTITIVE)
        for i, norm in enumerate(norms)
    )


def _clauses(sentence: Span, norms: list[str]) -> tuple[Clause, ...]:
    """The sentence cut at clause punctuation (a dash only between spaces: "e-mail" is
    one word) and before "and"/"but" followed by a subject ("..., and we're sorry")."""
    columns = token_columns(sentence.doc)
    start = sentence.start
    texts = columns.strings(ORTH)[start : sentence.end]
    spaced = columns.flags(SPACY)  # whitespace after the token
    cuts = [start]
    for i, text in enumerate(texts):
        boundary = text in CLAUSE_PUNCTUATION and (
            text not in DASHES or i == 0 or spaced[start + i - 1]
        )
        if not boundary and norms[i] in _COORDINATORS and i + 1 < len(norms):
            following = norms[i + 1]
            boundary = following in SUBJECT_PRONOUNS or following in _DEMONSTRATIVES
        if boundary and start + i > cuts[-1]:
            cuts.append(start + i)
    cuts.append(sentence.end)
    return tuple(Clause(a, b) for a, b in itertools.pairwise(cuts) if b > a)


def first_person_subject(reader: SentenceReader, token: Token, skipping: frozenset[str]) -> bool:
    """``token`` (a linking verb or a cognition verb) has the agent as its subject."""
    i = reader.subject_before(token, skipping)
    return i is not None and reader.norms[i] in FIRST_PERSON_SUBJECTS
