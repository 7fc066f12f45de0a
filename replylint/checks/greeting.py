"""greeting: the reply opens by addressing the customer.

Standard: *a positive greeting*. A reply that starts straight with business reads cold;
a salutation ("Hi Dana", "Hello", "Good morning"), a welcoming opener ("Welcome to ...!")
or the customer's name alone at the very start ("Dana, ...") sets the tone. A name there
is a template variable, a first name replylint knows (:mod:`replylint.names`, "Robin"
too), a title ("Mr. Lee -") or a word that is no common English word: "Refunds, as you
know, ..." opens with a word, not a name. "Thanks for reaching out" alone is gratitude,
not a greeting. Only the first sentence counts; a
Markdown macro's ``# Title`` and YAML front matter are not part of the reply.
"""

from __future__ import annotations

from typing import ClassVar

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.names import given_names, word_names
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

_NAME_SEPARATORS = {",", "-", "–", "—", ":", "!"}


class GreetingRule(PresenceRule):
    id = "greeting"
    default_severity = Severity.warning
    weight = 10
    standard = "A positive greeting"
    rationale = (
        "Opening by addressing the customer shows a person is listening; a reply that "
        "starts straight with business reads as cold and automated."
    )
    missing_message = "The reply does not open with a greeting."
    missing_anchor: ClassVar = "start"
    examples = Examples(
        fire=[
            Example(reply="Your refund was processed yesterday."),
            Example(reply="Thanks for reaching out. Your order ships Monday."),
            Example(reply="Unfortunately, we cannot change the delivery address now."),
            Example(reply="Yikes, that sounds annoying. Please DM us your order number."),
            # a common word before a comma is no name
            Example(reply="Refunds, as you know, take up to 5 days to show."),
        ],
        pass_=[
            Example(reply="Hi Dana, your refund was processed yesterday."),
            Example(reply="Happy birthday Sam!! Your voucher is in your account."),
            Example(reply="Good morning! Your order ships Monday."),
            # another English's greeting, before a placeholder
            Example(reply="Kia ora {{ requester.first_name }},\n\nYour tank ships Monday."),
            Example(reply="Dana, your order ships Monday."),
            Example(reply="Robin, your order ships Monday."),
            Example(reply="{{customer.first_name}}, all done: your order ships Monday."),
            Example(reply="Hey there - the app update is live now."),
            Example(reply="Welcome to Acme! Your account is ready."),
            Example(reply="Hi {{ticket.requester.first_name}}, your order ships Monday."),
            Example(reply="# Order shipped\n\nHi {{customer.first_name}}, it ships Monday."),
            Example(reply="---\ntitle: Order shipped\n---\nHello Dana, your order ships Monday."),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._salutations = context.analyses.phrases("greeting.salutations")
        self._welcome = context.analyses.phrases("greeting.welcome")
        self._not_names = context.packs.words("greeting.not_names")
        #: What may open a name whatever the word: first names (those that are words too,
        #: "Robin") and titles ("Mr. Lee -"); built once, not per reply.
        self._names = given_names() | word_names() | context.packs.words("customer_name.titles")
        self._common_words = context.common_words

    def detect(self, reply: AnalyzedReply) -> Verdict:
        opening = reply.opening
        if opening is None:
            return Verdict(present=False, reason="the reply is empty")
        head = opening[: min(len(opening), 4)]
        for phrases in (self._salutations, self._welcome):
            match = phrases.first(head)
            if match is not None and match.start == opening.start:
                return Verdict(present=True, evidence=match, confidence=0.95)
        name = self._leading_name(reply, opening)
        if name is not None:
            return Verdict(present=True, evidence=name, confidence=0.8)
        return Verdict(present=False, confidence=0.9)

    def _leading_name(self, reply: AnalyzedReply, opening: Span) -> Span | None:
        """'Dana, ...' or 'Mr. Lee - ...': one to three capitalised words, then a separator."""
        for length in (1, 2, 3):
            if len(opening) <= length:
                return None
            words = opening[:length]
            after = opening[length]
            if not all(_looks_like_name_part(t.text) for t in words):
                return None
            if words[0].lower_ in self._not_names or not self._may_name(reply, words[:1]):
                return None
            if after.text in _NAME_SEPARATORS:
                return words
        return None

    def _may_name(self, reply: AnalyzedReply, word: Span) -> bool:
        """Whether the first word of a leading "Dana, ..." may be (the start of) a name: a
        template variable in the name's place ("{{first_name}}, ..."), a first name
        replylint knows (:mod:`replylint.names`, those that are words too: "Robin, ..."),
        a title ("Mr. Lee -"), or a word that is no common English word (a rarer name).
        "Refunds, as you know, ...", "Orders, once shipped, ..." and "Check, ..." open
        with a common word, not a name."""
        if reply.in_placeholder(word.start_char, word.end_char):
            return True
        plain = word.text.lower().rstrip(".")
        return plain in self._names or plain not in self._common_words

    def suggest(self, reply: AnalyzedReply) -> str | None:
        if reply.customer_name:
            return f'Start with a greeting that uses their name, e.g. "Hi {reply.customer_name},"'
        return 'Start with a greeting, e.g. "Hi there," or the customer\'s name.'


def _looks_like_name_part(text: str) -> bool:
    return (text[:1].isupper() and text.replace(".", "").replace("'", "").isalpha()) or (
        text == "Name"
    )
