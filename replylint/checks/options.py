"""options: a refusal comes with an alternative, a workaround or a next step.

Standard: *offer your customer options*. "We can't refund this order", "that isn't
possible", "we don't ship to Norway" or "that's against our policy" leave the customer at
a dead end unless the reply goes on with something they can do: an alternative ("...but I
can offer store credit"), a workaround, a route to an exception ("you can appeal here"),
or a concrete next step. "Let us know if you have other questions" is not an option.
Applicable only when the reply refuses or says something cannot be done.

A refusal is found two ways, both from the vocabulary of ``rules/options.yaml``: a
refusal phrase ("not possible", "against our policy", "non-refundable", "there's no
setting for that"), or a negation read with its neighbours, the way a person reads it:
"can't" after the company or the thing asked for ("we can't refund opened items"),
after "I", "you" or a noun only before a verb of service ("I can't advise there", "you
cannot rename the Inbox"; not "I can't remember"), in the passive before a
participle of service ("tickets can't be refunded"); the company's "won't" before one
("we won't be restocking it"); "don't"/"doesn't" before a verb of
service ("we don't ship to Norway", "Firefox doesn't support MHTML"; not "I don't have
that printer", nor "they don't have parking", nor the past "didn't"); "no longer" before one
("the shop no longer accepts cheques"). A refusal counts only in a statement: a question
("can't you see the menu?"), a condition or reason ("if you can't log in, ...", "because
it can't ...") and a report of the customer's problem ("sorry to hear you can't log in")
refuse nothing.

Options are the pack's alternative phrases ("instead", "what you can do", "you can
appeal") or a next step from the shared step finder (``reply.next_steps``).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from spacy.tokens import Span, Token

from replylint.analysis import AnalyzedReply
from replylint.grammar import (
    CLAUSE_PUNCTUATION,
    FIRST_PERSON_SUBJECTS,
    NEGATIONS,
    SECOND_PERSON,
    SENTENCE_PUNCTUATION,
)
from replylint.matchers import Phrases
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

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
#: What stands before a refusal's auxiliary (see ``OptionsRule._subject``).
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
#: Steps that state a fact (an action already taken, a delivery date) rather than offer
#: the customer a way forward.
_FACTS = frozenset({"completed", "scheduled"})
#: "no longer have" tells what the customer lost, not what is refused.
_NOT_AFTER_NO_LONGER = frozenset({"have"})


class OptionsRule(PresenceRule):
    id = "options"
    default_severity = Severity.warning
    weight = 10
    standard = "Offer your customer options"
    rationale = (
        "A bare refusal is a dead end: the customer writes again or leaves. Saying what "
        "they can do instead (an alternative, a workaround, how to ask for an exception) "
        "keeps the conversation moving even when the answer is no."
    )
    missing_message = "The reply refuses without offering an alternative or a next step."
    missing_anchor: ClassVar = "end"
    done_by = "next_step"
    examples = Examples(
        fire=[
            Example(reply="Unfortunately we don't ship to Norway."),
            Example(reply="Hi Sam, that isn't possible, sorry. Let us know if you have questions."),
            Example(reply="We can't refund gift cards, as that's against our policy."),
            Example(reply="We have reviewed your dispute, and it has not been upheld."),
            Example(reply="Sorry, we won't be restocking the blue jumper."),
        ],
        pass_=[
            Example(reply="We won't charge you for the late delivery."),
            Example(reply="We can't refund this order, but I can offer store credit instead."),
            Example(
                reply="That isn't possible in the app. What you can do instead is export the "
                "list from the website."
            ),
            Example(
                reply="We can't lift the suspension early. You can appeal here: "
                "https://example.com/appeal"
            ),
            Example(reply="Your order ships on Monday. Thanks for shopping with us!"),
            Example(reply="If you can't log in, reset your password from the sign-in page."),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        packs, make_doc = context.packs, context.make_doc
        words = packs.words
        self._phrases = context.analyses.phrases("options.refusal_phrases")
        self._not_refusals = context.analyses.phrases("options.not_refusals")
        self._negations = Phrases.from_words(
            make_doc, "options.negations", [*sorted(NEGATIONS), "no longer"]
        )
        self._refused_verbs = words("options.refused_verbs")
        self._personal_verbs = words("options.refused_after_personal_cannot")
        self._refused_participles = words("options.refused_participles")
        self._not_after_cannot = words("options.not_refused_after_cannot")
        self._conditions = words("options.conditions")
        self._absence = context.analyses.phrases("options.absence_openers")
        self._absent_things = words("options.absent_things")
        self._echoes = context.analyses.phrases("options.echoes")
        self._providers = words("options.subjects")
        self._skippable = words("options.skippable")
        self._alternatives = context.analyses.phrases("options.alternatives")
        self._not_options = context.analyses.phrases("options.not_options")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        refusal = self.refusal(reply)
        if refusal is None:
            return Verdict(present=False, applicable=False, reason="nothing is refused")
        for sentence in reply.sentences:
            for alternative in self._alternatives.find(sentence):
                if not self._refused(sentence, alternative):
                    return Verdict(present=True, reason="an alternative", evidence=alternative)
        for step in reply.next_steps:
            if step.kind in _FACTS or self._not_options.first(step.sentence) is not None:
                continue
            return Verdict(
                present=True, reason=f"a next step ({step.kind})", evidence=step.evidence
            )
        return Verdict(present=False, reason=f"a bare refusal: {refusal.text}", confidence=0.7)

    def detect_after(self, reply: AnalyzedReply, basis: Span) -> Verdict | None:
        """The checks model read a next step in ``basis`` (a sentence) where the rules
        read none: a refusal the rules call bare has that step for its option ("I can't
        release it from here, but if you send the form today, the payment team can
        review it"), unless the step is only more information or further help."""
        verdict = self.detect(reply)
        if verdict.present or not verdict.applicable:
            return None
        if self._not_options.first(basis) is not None:
            return None
        return Verdict(
            present=True, reason="a next step (the model's reading)", evidence=basis, confidence=0.7
        )

    def refusal(self, reply: AnalyzedReply) -> Span | None:
        """The first words of the reply that refuse or say something cannot be done."""
        doc = reply.doc
        if not (self._negations.first(doc) or self._phrases.first(doc) or self._absence.first(doc)):
            return None  # one pass over the reply: most have no refusal word at all
        for sentence in reply.sentences:
            if sentence[-1].text == "?":
                continue
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
        return None

    def _refused(self, sentence: Span, alternative: Span) -> bool:
        """Whether the words of an alternative are themselves refused ("you can't",
        "you can no longer")."""
        after = self._skip_forward(sentence, alternative.end, words_only=False)
        return (
            after is not None
            and self._negations.first(sentence.doc[after.i : after.i + 2]) is not None
        )

    def _absent_thing(self, sentence: Span, opener: Span) -> Span | None:
        """ "There is no <thing>" where the thing is a way to do what was asked ("there
        is no setting for that", "there's no built-in converter"), within a few words."""
        end = min(sentence.end, opener.end + _ABSENCE_REACH)
        for token in sentence.doc[opener.end : end]:
            if self._is_break(token):
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
            opens = token.i == sentence.start or self._is_break(token.doc[token.i - 1])
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
            if self._is_break(token):
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

    @staticmethod
    def _is_break(token: Token) -> bool:
        return token.text in CLAUSE_PUNCTUATION or token.text in SENTENCE_PUNCTUATION

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return (
            'Say what the customer can do instead: an alternative ("...but I can offer '
            'store credit"), a workaround, or how to ask for an exception.'
        )


def _stem(verb: str) -> str:
    """A verb or its -ing form without the ending: "restocking" -> "restock", "shipping"
    -> "ship", "refunds" -> "refund"."""
    if verb.endswith("ing") and len(verb) > _MIN_STEM + 3:
        stem = verb[:-3]
        return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return _base(verb)


#: The shortest stem an -ing form is cut to ("ship" from "shipping").
_MIN_STEM = 2


def _base(verb: str) -> str:
    """A present-tense verb without its third-person "s": "accepts" -> "accept"."""
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb
