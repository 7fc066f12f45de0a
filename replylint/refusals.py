"""Where a reply refuses, or says something cannot be done: one reading for every rule.

The options check asks whether a refusal comes with an alternative; the step finder asks
whether an ending state ("your account is closed now") stands beside a refusal, where it
explains why nothing is done rather than reporting a step. Both read the refusal here,
the same way (``reply.refusal``, :meth:`RefusalFinder.in_sentence`).

A refusal is found two ways, both from the vocabulary of ``rules/options.yaml``: a
refusal phrase ("not possible", "against our policy", "non-refundable", "we are unable
to", "there's no setting for that"), or a negation read with its neighbours, the way a
person reads it: "can't" (or "unable to", "not able/willing/permitted to") after the
company or the thing asked for ("we can't refund opened items"), after "I", "you" or a
noun only before a verb of service ("I can't advise there", "I am therefore unable to
change your banding", "you cannot rename the Inbox"; not "I can't remember"), in the passive
before a participle of service ("tickets can't be refunded"); the company's "won't"
before one ("we won't be restocking it"); "don't"/"doesn't" before a verb of service
("we don't ship to Norway", "Firefox doesn't support MHTML"; not "I don't have that
printer", nor "they don't have parking", nor the past "didn't"); "no longer" before one
("the shop no longer accepts cheques"). A refusal counts only in a statement: a question
("can't you see the menu?"), a condition or reason ("if you can't log in, ...", "because
it can't ...") and a report of the customer's problem ("sorry to hear you can't log in")
refuse nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from spacy.tokens import Span, Token

from replylint.grammar import (
    BE_FORMS,
    CLAUSE_PUNCTUATION,
    FIRST_PERSON_SUBJECTS,
    NEGATIONS,
    SECOND_PERSON,
    SENTENCE_PUNCTUATION,
)
from replylint.matchers import MakeDoc, PhraseIndex, Phrases, indexed_phrases
from replylint.packs import PackSet

#: Auxiliaries (as ``Token.norm_`` gives them) whose negation says something cannot be
#: done: "can't", "cannot", "couldn't".
_ABILITY = frozenset({"can"})
#: Auxiliaries of "don't"/"doesn't" as written: "didn't" tells what happened, not what
#: is refused.
_DO = frozenset({"do", "does"})
#: "won't" / "will not": with the company as subject a decision not to serve ("we won't
#: be restocking it", "we will not refund opened items").
_WILL = frozenset({"will"})
_PASSIVE = frozenset({"be"})
#: What stands before a refusal's auxiliary (see ``RefusalFinder._subject``).
Subject = Literal["provider", "name", "customer", "agent", "third", "relative", "other", "none"]
#: Relative pronouns: "messages which don't ..." describes, it does not refuse.
_RELATIVES = frozenset({"which", "who", "whom", "whose"})
#: Third persons: "they don't have parking" describes a place, it refuses nothing.
_THIRD_PERSON = frozenset({"they", "he", "she"})
#: Verbs that refuse after "don't" only with the company, the product or a name as
#: subject ("Firefox doesn't have a converter"), not after any noun ("the other accounts
#: do not have that problem").
_WEAK_VERBS = frozenset({"have", "do"})
#: How many words after "there is no" may name the missing thing ("there is no global
#: setting", "there's no simple built-in way").
_ABSENCE_REACH = 4
#: "no longer have" tells what the customer lost, not what is refused.
_NOT_AFTER_NO_LONGER = frozenset({"have"})
#: The shortest stem an -ing form is cut to ("ship" from "shipping").
_MIN_STEM = 2


class RefusalFinder:
    """Finds refusals, built once per linter from the packs (see
    :class:`replylint.analysis.SharedAnalyses`); read-only afterwards."""

    def __init__(
        self, packs: PackSet, make_doc: MakeDoc, *, index: PhraseIndex | None = None
    ) -> None:
        """``index``: the linter's shared phrase index, which then matches the refusal
        phrases too (else they get a matcher of their own)."""
        words = packs.words

        def phrases(name: str) -> Phrases:
            return indexed_phrases(packs, make_doc, index, name)

        self._phrases = phrases("options.refusal_phrases")
        self._not_refusals = phrases("options.not_refusals")
        self._absence = phrases("options.absence_openers")
        self._echoes = phrases("options.echoes")
        self._negations = Phrases.from_words(
            make_doc, "options.negations", [*sorted(NEGATIONS), "no longer"]
        )
        self._refused_verbs = words("options.refused_verbs")
        self._personal_verbs = words("options.refused_after_personal_cannot")
        self._refused_participles = words("options.refused_participles")
        self._not_after_cannot = words("options.not_refused_after_cannot")
        self._conditions = words("options.conditions")
        self._absent_things = words("options.absent_things")
        self._providers = words("options.subjects")
        self._skippable = words("options.skippable")
        self._ability_adjectives = words("options.ability_adjectives")
        self._inability = phrases("options.inability_words")

    def first(self, sentences: Sequence[Span]) -> Span | None:
        """The first words among ``sentences`` (a reply's content sentences) that refuse
        or say something cannot be done."""
        if not sentences:
            return None
        doc = sentences[0].doc
        if not (
            self._negations.first(doc)
            or self._phrases.first(doc)
            or self._absence.first(doc)
            or self._inability.first(doc)
        ):
            return None  # one pass over the reply: most have no refusal word at all
        for sentence in sentences:
            found = self.in_sentence(sentence)
            if found is not None:
                return found
        return None

    def in_sentence(self, sentence: Span) -> Span | None:
        """The words of ``sentence`` that refuse, or None (always None in a question)."""
        if len(sentence) == 0 or sentence[-1].text == "?":
            return None
        for match in self._phrases.find(sentence, excluding=self._not_refusals):
            if self._stated(sentence, match):
                return match
        for opener in self._absence.find(sentence, excluding=self._not_refusals):
            found = self._absent_thing(sentence, opener)
            if found is not None and self._stated(sentence, found):
                return found
        for negation in self._negations.find(sentence, excluding=self._not_refusals):
            found = self._negated_service(sentence, negation)
            if found is not None and self._stated(sentence, found):
                return found
        for unable in self._inability.find(sentence):
            found = self._unable(sentence, unable.start, unable.end)
            if found is not None and self._stated(sentence, found):
                return found
        return None

    def _unable(self, sentence: Span, start: int, to: int) -> Span | None:
        """ "Unable to <verb>" (``start`` at "unable"), or "not able to <verb>" (``start``
        at "not", ``to`` after "able"), read as "can't <verb>" with its subject before
        the form of "be": "I am therefore unable to change your banding", "we're not
        willing to waive it"."""
        doc = sentence.doc
        if to >= sentence.end or doc[to].lower_ != "to":
            return None
        verb = self._skip_forward(sentence, to + 1)
        if verb is None:
            return None
        before = self._skip_back(sentence, start - 1)
        be = before is not None and before.norm_ in BE_FORMS
        subject = self._subject(sentence, before.i - 1 if be and before is not None else start - 1)
        if not self._cannot_refuses(subject, verb):
            return None
        return doc[before.i if be and before is not None else start : verb.i + 1]

    def negated_at(self, sentence: Span, index: int) -> bool:
        """Whether the words from ``index`` on, past skippable adverbs, are negated:
        the words of an alternative refused in turn ("what you can't do", "you can no
        longer")."""
        after = self._skip_forward(sentence, index, words_only=False)
        return (
            after is not None
            and self._negations.first(sentence.doc[after.i : after.i + 2]) is not None
        )

    def _absent_thing(self, sentence: Span, opener: Span) -> Span | None:
        """ "There is no <thing>" where the thing is a way to do what was asked ("there
        is no setting for that", "there's no built-in converter"), within a few words."""
        end = min(sentence.end, opener.end + _ABSENCE_REACH)
        for token in sentence.doc[opener.end : end]:
            if _is_break(token):
                return None
            if token.lower_ in self._absent_things:
                return sentence.doc[opener.start : token.i + 1]
        return None

    def _negated_service(self, sentence: Span, negation: Span) -> Span | None:
        """The refusal a negation makes with its auxiliary, subject and verb, if any:
        "we can't refund", "tickets can't be refunded", "Firefox doesn't support",
        "the shop no longer accepts"."""
        doc = sentence.doc
        verb = self._skip_forward(sentence, negation.end)
        if verb is None:
            return None
        if verb.lower_ in self._ability_adjectives and len(negation) == 1:
            return self._unable(sentence, negation.start, verb.i + 1)  # "not able to"
        aux = self._skip_back(sentence, negation.start - 1)
        no_longer = len(negation) > 1
        can = aux is not None and aux.norm_ in _ABILITY
        if verb.norm_ in _PASSIVE and (can or no_longer):
            # "tickets can't be refunded", "it can no longer be changed"
            participle = self._skip_forward(sentence, verb.i + 1)
            if participle is None or participle.lower_ not in self._refused_participles:
                return None
            return doc[negation.start if aux is None else aux.i : participle.i + 1]
        if can:
            assert aux is not None
            subject = self._subject(sentence, aux.i - 1)
            if self._cannot_refuses(subject, verb):
                return doc[aux.i : verb.i + 1]
            return None
        if no_longer:
            base = _base(verb.lower_)
            if (
                base in self._refused_verbs - _NOT_AFTER_NO_LONGER
                or verb.lower_ in self._refused_participles
            ):
                return doc[negation.start : verb.i + 1]
            return None
        if aux is not None and aux.norm_ in _WILL:
            if self._subject(sentence, aux.i - 1) != "provider":
                return None  # "it won't open", "you won't be charged"
            action = verb
            if verb.norm_ in _PASSIVE:  # "we won't be restocking it"
                gerund = self._skip_forward(sentence, verb.i + 1)
                if gerund is None or not gerund.lower_.endswith("ing"):
                    return None
                action = gerund
            if _stem(action.lower_) in self._refused_verbs:
                return doc[aux.i : action.i + 1]
            return None
        if aux is not None and aux.lower_ in _DO:
            after = self._skip_forward(sentence, verb.i + 1)
            if verb.lower_ == "have" and after is not None and after.lower_ == "to":
                return None  # "we don't have to": no need, not a refusal
            subject = self._subject(sentence, aux.i - 1)
            refused = verb.lower_ in self._refused_verbs
            if refused and (
                subject in ("provider", "name")
                or (subject == "other" and verb.lower_ not in _WEAK_VERBS)
            ):
                return doc[aux.i : verb.i + 1]
        return None

    def _cannot_refuses(self, subject: Subject, verb: Token) -> bool:
        """Whether "<subject> can't <verb>" refuses. After the company, the product or
        the thing asked for ("we can't refund opened items") and after the customer
        ("you cannot rename the Inbox") any verb does but a few ("I can't wait");
        after "I", a noun or no subject only a verb of service ("I can't advise there",
        "HP cannot guarantee", "Can't help with the dark theme"; not "I can't
        remember")."""
        word = verb.lower_
        if word in self._not_after_cannot or subject == "relative":
            return False
        if subject == "provider":
            return True
        return word in self._personal_verbs or word in self._refused_verbs

    def _subject(self, sentence: Span, index: int) -> Subject:
        """What kind of subject stands before the auxiliary at ``index + 1``: the
        company or the thing asked for ("we", "it", "this", "that" opening a clause), the
        customer ("you"), the agent ("I"), a relative pronoun ("messages that don't
        ..."), another word (a noun, a name), or none."""
        token = self._skip_back(sentence, index)
        if token is None or token.text in CLAUSE_PUNCTUATION:
            return "none"
        word = token.lower_
        if word == "that":
            opens = token.i == sentence.start or _is_break(token.doc[token.i - 1])
            return "provider" if opens else "relative"
        if word in _RELATIVES:
            return "relative"
        if word in self._providers:
            return "provider"
        if word in SECOND_PERSON:
            return "customer"
        if word in FIRST_PERSON_SUBJECTS:
            return "agent"
        if word in _THIRD_PERSON:
            return "third"
        return "name" if token.text[:1].isupper() else "other"

    def _stated(self, sentence: Span, match: Span) -> bool:
        """Whether the refusal is stated: not in a condition or reason clause, and not
        after words that report the customer's own problem."""
        clause_start = sentence.start
        for index in range(match.start - 1, sentence.start - 1, -1):
            token = sentence.doc[index]
            if _is_break(token):
                clause_start = index + 1
                break
            if token.lower_ in self._conditions:
                return False
        return not any(
            clause_start <= echo.start and echo.end <= match.start
            for echo in self._echoes.find(sentence)
        )

    def _skip_back(self, sentence: Span, index: int) -> Token | None:
        while index >= sentence.start:
            token = sentence.doc[index]
            if token.lower_ not in self._skippable:
                return token
            index -= 1
        return None

    def _skip_forward(self, sentence: Span, index: int, *, words_only: bool = True) -> Token | None:
        """The next token from ``index`` that is not a skippable adverb: a word, or
        None at punctuation (any token with ``words_only=False``)."""
        while index < sentence.end:
            token = sentence.doc[index]
            if token.lower_ not in self._skippable:
                return token if token.is_alpha or not words_only else None
            index += 1
        return None


def _is_break(token: Token) -> bool:
    return token.text in CLAUSE_PUNCTUATION or token.text in SENTENCE_PUNCTUATION


def _stem(verb: str) -> str:
    """A verb or its -ing form without the ending: "restocking" -> "restock", "shipping"
    -> "ship", "refunds" -> "refund"."""
    if verb.endswith("ing") and len(verb) > _MIN_STEM + 3:
        stem = verb[:-3]
        return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return _base(verb)


def _base(verb: str) -> str:
    """A present-tense verb without its third-person "s": "accepts" -> "accept"."""
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb
