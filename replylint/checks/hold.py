"""hold: a request to wait in a live conversation says why or for how long.

Standard: *no unexplained silences*. In a chat, "One moment." or "Please hold." leaves the
customer staring at a silent window, unsure whether anyone is still there. Saying what
the agent is doing ("while I check your order", "let me pull up your booking") or how
long it takes ("about 2 minutes") keeps them with you. Applicable only when the reply asks
the customer to wait, and only in a live conversation (chat, or a social thread answered
as it happens); an email is not read while the agent works.

A wait request is a phrase of ``rules/hold.yaml`` ("one moment", "bear with me", "please
hold"), "let me" before a verb of looking something up ("let me check"), or a time the
agent's work takes ("this takes about 2 minutes"). It is explained by a length of time
outside the request's own words ("one moment" is the request, "about 2 minutes" the
explanation) or by what the agent is doing: "while I ...", "let me check <something>",
"I'm checking / I'm going to ...", "I'll <do something>", or a verb of looking up after
the request ("give me a minute to check the schedule").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from replylint.analysis import AnalyzedReply
from replylint.doctext import lowers
from replylint.grammar import BE_FORMS, FIRST_PERSON_SUBJECTS, FUTURE_SPELLINGS
from replylint.packs import Example, Examples
from replylint.report import Channel, Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

#: Channels read as they are written: a wait there is a silence the customer sits through.
LIVE_CHANNELS: frozenset[Channel] = frozenset({"chat", "social"})
#: What follows "let" when the agent speaks of themselves ("let me check", "let us look").
_LET_OBJECTS = frozenset({"me", "us"})
#: Words that ask for a wait when a length of time follows: "this takes about 2
#: minutes", "back in 2 mins", "give me 2 minutes".
_TAKING_TIME = frozenset({"take", "takes", "taking", "back", "give", "gimme"})
#: How far after such a word the length may stand ("takes up to 10 minutes").
_TAKE_REACH = 4
#: What follows a verb of looking up opening a sentence ("Checking with the team").
_LOOKUP_PREPOSITIONS = frozenset({"with", "on", "into", "for", "up", "at", "in", "over"})
#: ... or what it looks up ("Checking your account", "just checking that for you").
_LOOKUP_OBJECTS = frozenset({"that", "this", "it", "your", "the"})
#: Words that may stand before such a gerund after a comma ("One sec, just checking").
_GERUND_LEAD_INS = frozenset({"just", "quickly", "still", "now"})
#: How far before a unit its amount may stand ("a couple of minutes", "5-10 minutes").
_AMOUNT_REACH = 3


class HoldRule(PresenceRule):
    id = "hold"
    default_severity = Severity.warning
    weight = 10
    standard = "No unexplained silences"
    rationale = (
        'A bare "one moment" in a live chat leaves the customer unsure whether anyone is '
        "still there; saying what you are doing and how long it takes keeps them with you."
    )
    missing_message = "The reply asks the customer to wait without saying why or for how long."
    examples = Examples(
        fire=[
            Example(reply="One moment please.", channel="chat"),
            Example(reply="Thanks for the order number. Please hold.", channel="chat"),
            Example(reply="Bear with me.", channel="chat"),
            # a purpose in another sentence explains no wait
            Example(reply="Oh no, that's a worrying letter to get. Bear with me.", channel="chat"),
        ],
        pass_=[
            Example(reply="One sec, just checking that for you.", channel="chat"),
            Example(reply="One moment while I pull up your order.", channel="chat"),
            Example(reply="Please hold, this takes about 2 minutes.", channel="chat"),
            Example(reply="Let me check the delivery slots for Friday.", channel="chat"),
            Example(reply="Your order ships on Monday.", channel="chat"),
            Example(reply="One moment please.", channel="email"),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        packs = context.packs
        self._requests = context.analyses.phrases("hold.wait_requests")
        self._not_requests = context.analyses.phrases("hold.not_wait_requests")
        self._lookup_verbs = packs.words("hold.lookup_verbs")
        self._units = packs.words("hold.units")
        self._amounts = packs.words("hold.amounts")

    def detect(self, reply: AnalyzedReply) -> Verdict:
        if reply.channel not in LIVE_CHANNELS:
            return Verdict(present=False, applicable=False, reason="not a live conversation")
        requests = [r for s in reply.sentences for r in self._wait_requests(s, reply.channel)]
        if not requests:
            return Verdict(present=False, applicable=False, reason="no wait is asked")
        for sentence in reply.sentences:
            why = self._activity(sentence, requests) or self._length(sentence, requests)
            if why is not None:
                return Verdict(present=True, evidence=why, confidence=0.85)
        return Verdict(
            present=False,
            reason=f"a bare wait: {requests[0].text}",
            evidence=requests[0],
            missing_at=requests[0],  # the finding is on the wait that says nothing more
        )

    def _wait_requests(self, sentence: Span, channel: Channel) -> list[Span]:
        """The words of ``sentence`` that ask the customer to wait: a phrase ("one
        moment"), a length of time the agent's work takes ("this takes about 2 minutes",
        "back in 2 mins", "give me 2 minutes"), and in a chat "let me" before a verb of
        looking up ("let me check") or a sentence opening on one ("Checking with the
        server team"). On social, "let me look into this" promises a later answer rather
        than a wait, so only the phrases and lengths count there."""
        found = self._requests.find(sentence, excluding=self._not_requests)
        doc = sentence.doc
        if channel != "chat" and not _TAKING_TIME.intersection(lowers(doc)):
            return found  # nothing more to look for, and no need to walk the tokens
        for token in sentence:
            word = token.lower_
            if word in _TAKING_TIME:
                length = self._length_after(sentence, token)
                if length is not None:
                    found.append(doc[token.i : token.i + 1])  # the length itself explains
            if channel != "chat":
                continue
            following = _next(sentence, token)
            if (
                word == "let"
                and following is not None
                and following.lower_ in _LET_OBJECTS
                and (verb := _next(sentence, following)) is not None
                and verb.lower_ in self._lookup_verbs
            ):
                found.append(doc[token.i : verb.i + 1])
            elif token.i == sentence.start and self._is_lookup_gerund(token, following):
                found.append(doc[token.i : token.i + 1])
        return found

    def _is_lookup_gerund(self, token: Token, following: Token | None) -> bool:
        """ "Checking with ...", "Looking into ...", "checking your account": a verb of
        looking up in its -ing form, then a preposition or what it looks up (not
        "Confirming 2 passengers", a read-back)."""
        return (
            _is_gerund(token)
            and token.lower_[:-3] in self._lookup_verbs
            and following is not None
            and (following.lower_ in _LOOKUP_PREPOSITIONS or following.lower_ in _LOOKUP_OBJECTS)
        )

    def _activity(self, sentence: Span, requests: list[Span]) -> Span | None:
        """What the agent is doing, said in ``sentence``: "while I check", "let me check
        your order", "I'm checking", "I'll transfer you", "to check the schedule" (beside a
        request in its sentence, as in "give me 2 minutes to check": elsewhere "to" and a
        verb are a purpose of anything, "a worrying letter to get. Bear with me.")."""
        doc = sentence.doc
        for token in sentence:
            word = token.lower_
            following = _next(sentence, token)
            if following is None:
                return None
            if word == "while" and following.lower_ in FIRST_PERSON_SUBJECTS:
                return doc[token.i : following.i + 1]
            if word == "let" and following.lower_ in _LET_OBJECTS:
                verb = _next(sentence, following)
                after = _next(sentence, verb) if verb is not None else None
                if verb is not None and verb.is_alpha and after is not None and after.is_alpha:
                    return doc[token.i : verb.i + 2]  # "let me check your ..."
            if word in FIRST_PERSON_SUBJECTS and self._doing(sentence, following):
                return doc[token.i : following.i + 2]
            if (
                word == "to"
                and following.lower_ in self._lookup_verbs
                and any(sentence.start <= r.start and r.end <= sentence.end for r in requests)
            ):
                return doc[token.i : following.i + 1]  # "give me 2 minutes to check"
            if self._opens_clause(sentence, token) and self._is_lookup_gerund(token, following):
                return doc[token.i : following.i + 1]  # "Checking with the server team"
        return None

    @staticmethod
    def _opens_clause(sentence: Span, token: Token) -> bool:
        """``token`` opens the sentence, or a clause after a comma with at most "just"
        before it ("One sec, just checking that for you")."""
        i = token.i - 1
        while i >= sentence.start and sentence.doc[i].lower_ in _GERUND_LEAD_INS:
            i -= 1
        return i < sentence.start or sentence.doc[i].text == ","

    def _doing(self, sentence: Span, auxiliary: Token) -> bool:
        """After "I"/"we": "'m checking", "am going to", "'ll transfer you"."""
        verb = _next(sentence, auxiliary)
        if verb is None or not verb.is_alpha:
            return False
        if auxiliary.norm_ in BE_FORMS or auxiliary.lower_ in BE_FORMS:
            return _is_gerund(verb)
        return auxiliary.lower_ in FUTURE_SPELLINGS and _next(sentence, verb) is not None

    def _length(self, sentence: Span, requests: list[Span]) -> Span | None:
        """A length of time in ``sentence`` outside the wait requests' own words ("about
        2 minutes", "a minute or two"); "one moment" asking for the wait is not one."""
        doc = sentence.doc
        for token in sentence:
            if token.lower_ not in self._units:
                continue
            if any(r.start <= token.i < r.end for r in requests):
                continue
            start = max(sentence.start, token.i - _AMOUNT_REACH)
            for before in range(token.i - 1, start - 1, -1):
                amount = doc[before]
                if amount.like_num or amount.lower_ in self._amounts:
                    return doc[before : token.i + 1]
        return None

    def _length_after(self, sentence: Span, verb: Token) -> Span | None:
        """A length of time within a few words after ``verb`` ("takes up to 10 minutes"),
        from the verb on."""
        end = min(sentence.end, verb.i + 1 + _TAKE_REACH)
        doc = sentence.doc
        for index in range(verb.i + 1, end):
            if doc[index].lower_ in self._units:
                return doc[verb.i : index + 1]
        return None

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return (
            'Say what you are doing and how long it takes, e.g. "One moment while I check '
            'your order, this takes about 2 minutes."'
        )


def _next(sentence: Span, token: Token) -> Token | None:
    return sentence.doc[token.i + 1] if token.i + 1 < sentence.end else None


def _is_gerund(token: Token) -> bool:
    return token.is_alpha and len(token.text) > 4 and token.lower_.endswith("ing")
