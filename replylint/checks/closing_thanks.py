"""closing_thanks: the reply ends with thanks.

Standard: *close with sincere thanks*. Thanks in the sign-off ("Many thanks, Sam",
"TY - Jayne") or the last sentence count, and so do thanks in the closing paragraph
followed only by pleasantries, well-wishes or generic offers ("Thank you for your
patience. Let us know if anything is unclear."), not by a real next step, and so do thanks
followed by the agent introducing themselves, which says who wrote as a sign-off does
("Thanks, Kim! I'm Sam from billing.", "Thank you. This is Priya from the card team."): a
first name after the words of ``agent_identity.introductions``, then at most the agent's
team or role, never a clause that goes on ("I'm Sam, and I'll call you tomorrow"). A job title,
company or contact line (a labelled one too: "Support team: billing@acme.example"), or
``--`` signature block (legal notice included) under the sign-off is
signature, and so is a macro's block of name, team and organisation lines under its
closing ("Thanks for staying with us!\nFemi Adebayo\nHome Moves, Copperline", with a
blank line above the team too: "Many thanks,\nSam\n\nHome Moves Team, Copperline") or
under a name signed on the closing's own line ("Thank you, Sam\nAcme Support"), and so is
a template's fill-in slot for the agent's name there or on the closing's own line, in any
case and brackets ("[agent name]", "<your name>", "{{agent_name}}", "Thanks, <agent
name>"), so the thanks above it still closes the reply. Thanks only at the start,
thanks to other people ("thanks to everyone who helped") and "Cheers" do not.

A macro whose conditional gives each customer a different closing closes with thanks
when any branch does ("{% if vip %}Thanks so much for being with us!\\nBest,\\n
{{agent.name}}{% else %}Best,\\nThe Acme team{% endif %}"): the customer is sent one
branch. Each branch's closing is read as the reply's is, from the sign-off ending it, and
the sign-off of an earlier branch is no sentence of the body under which the thanks above
it would end. A branch with no sign-off of its own is read as its customer is sent it,
without its sibling branches and above the text and sign-off under the conditional:
"{% if refund %}Your refund is on its way. Thanks for waiting!{% else %}We can't refund
this order.{% endif %}\n\nBest,\nKim" closes the refund with thanks.
"""

from __future__ import annotations

from typing import ClassVar

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.grammar import SUBJECT_PRONOUNS
from replylint.names import fold, given_names
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict


class ClosingThanksRule(PresenceRule):
    id = "closing_thanks"
    default_severity = Severity.info
    weight = 10
    standard = "Close with sincere thanks"
    rationale = (
        "Ending with thanks (for their patience, for reporting, for choosing us) leaves "
        "the customer valued rather than processed."
    )
    missing_message = "The reply does not close with thanks."
    missing_anchor: ClassVar = "end"
    examples = Examples(
        fire=[
            Example(reply="Thanks for reaching out! Your order ships Monday. Cheers, Sam"),
            Example(reply="Your refund is on its way. Best regards,\nSam"),
            Example(reply="The fix is live. Thanks to everyone who reported it!"),
            Example(reply="The fix is live. Many thanks to everyone who reported it!"),
            Example(reply="Thanks for asking! The allergen list is on the menu page, by dish."),
            Example(
                reply="Hi Sam. Thank you for your feedback. We keep the design under review "
                "and may change it in a later release."
            ),
        ],
        pass_=[
            Example(reply="Your refund is on its way. Thanks for your patience!"),
            Example(reply="Your refund is done. Thanks for your patience. And have a lovely day!"),
            Example(reply="Your order ships Monday.\n\nMany thanks,\nSam"),
            # an organisation whose name holds a code of capitals and digits
            Example(reply="Your order ships Monday.\n\nThanks,\nSam\nLayerworks 3D"),
            Example(
                reply="It arrives within 3 days. Thanks for your patience! Sam", channel="chat"
            ),
            Example(reply="It ships to your home. Thanks for asking, and have a good week."),
            Example(reply="We appreciate your patience. Let us know if anything is unclear."),
            Example(reply="Your gift has been received. Thank you. It means a lot to us all."),
            Example(reply="Please restart the app. TY - Jayne", channel="social"),
            Example(reply="Which version are you on? Thanks.^Kim", channel="social"),
            # the agent introducing themselves after the thanks, as a sign-off would
            Example(
                reply="Hi Kim,\n\nYour card ships Monday.\n\nThanks, Kim! I'm Sam from billing."
            ),
            # the thanks closing one branch of a conditional: a customer is sent that one
            Example(
                reply="Your order ships Monday.\n\n{% if vip %}Thanks for being a member!\nBest,"
                "\n{{agent.name}}{% else %}Please reply with your address.\nBest,\nThe Acme "
                "team{% endif %}",
                template=True,
            ),
            Example(
                reply="Your order ships Monday.\n\nThanks,\nRavi Shah\nSupport Team Lead\n"
                "Globex Ltd."
            ),
            Example(
                reply="Your order ships Monday.\n\nThanks for shopping with us!\nRavi Shah\n"
                "Orders Team, Hope & Anchor Crafts"
            ),
            Example(
                reply="Your order ships Monday.\n\nMany thanks,\nRavi Shah\n"
                "Orders team: orders@globex.example"
            ),
            Example(reply="Your order ships Monday.\n\nThanks,\n$AGENT_NAME\nHope & Anchor Crafts"),
            Example(reply="Your marquee is booked.\n\nThanks again,\nThe Canopy Marquees crew"),
            Example(
                reply="Your order ships Monday.\n\nThanks for your patience!\n\n[agent name]",
                template=True,
            ),
            Example(
                reply="Your order ships Monday.\n\nThank you!\n\n-- \nRavi Shah | Globex\n"
                "This email is confidential and intended only for the addressee."
            ),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._thanks = context.analyses.phrases("closing.thanks")
        self._not_thanks = context.analyses.phrases("closing.not_thanks")
        self._pleasantries = context.analyses.phrases("closing.pleasantries")
        self._imperatives = context.analyses.phrases("closing.imperative_pleasantries")
        self._introductions = context.analyses.phrases("agent_identity.introductions")
        packs = context.packs
        self._given_names = given_names() | {
            fold(name) for name in packs.words("agent_identity.given_names")
        }
        self._introduction_links = packs.words("closing.introduction_links")
        self._clause_words = packs.words("closing.introduction_clause_words") | SUBJECT_PRONOUNS

    def detect(self, reply: AnalyzedReply) -> Verdict:
        sentences = _without_branch_signoffs(reply.sentences, reply.branch_signoffs)
        if reply.signoff is None and not sentences and not reply.branch_signoffs:
            return Verdict(present=False, reason="the reply is empty")
        verdict = self._closing(reply, reply.signoff, sentences)
        for branch in () if verdict.present else reply.branch_signoffs:
            before = [sentence for sentence in sentences if sentence.end <= branch.start]
            closed = self._closing(reply, branch, before)
            if closed.present:
                return closed
        for start, end in () if verdict.present else reply.branches:
            closed = self._closing(reply, *_as_sent(reply, sentences, start, end))
            if closed.present:
                return closed
        return verdict

    def _closing(
        self, reply: AnalyzedReply, signoff: Span | None, sentences: list[Span]
    ) -> Verdict:
        """Whether one closing thanks: the ``signoff`` (the reply's, or one closing an
        earlier branch of a macro's conditional), else the last of the ``sentences`` above
        it that are no mere pleasantry."""
        if signoff is not None:
            found = self._gratitude(signoff)
            if found is not None:
                return Verdict(present=True, evidence=found, confidence=0.95)
        if not sentences:
            return Verdict(present=False, reason="the reply is empty")
        step_sentences = {step.sentence.start for step in reply.next_steps}
        for index in range(len(sentences) - 1, -1, -1):
            sentence = sentences[index]
            found = self._gratitude(sentence)
            if found is not None:
                at_start_only = index == 0 and len(sentences) > 2
                if not at_start_only:
                    return Verdict(present=True, evidence=found, confidence=0.9)
                return Verdict(present=False, reason="thanks only at the start", confidence=0.7)
            if sentence.start in step_sentences:
                break  # a real next step after the thanks: the thanks is not the close
            if not (self._is_pleasantry(sentence) or self._introduces_agent(sentence)):
                break
        return Verdict(present=False, confidence=0.85)

    def _gratitude(self, span: Span) -> Span | None:
        return self._thanks.first(span, excluding=self._not_thanks)

    def _is_pleasantry(self, sentence: Span) -> bool:
        if not any(t.is_alpha for t in sentence):
            return True  # emoji, "!!", a lone link
        if _is_name_line(sentence):
            return True  # an unmarked sign-off: "Thanks for your patience,\nSam"
        match = self._pleasantries.first(sentence)
        if match is not None and match.start - sentence.start <= _LEAD_IN:
            return True
        bare = self._imperatives.first(sentence)
        if bare is None or bare.start - sentence.start > _LEAD_IN:
            return False
        before = sentence.doc[sentence.start : bare.start]
        return not any(t.lower_ in SUBJECT_PRONOUNS for t in before)  # "We keep it under review"

    def _introduces_agent(self, sentence: Span) -> bool:
        """Whether ``sentence`` only introduces the agent, as a sign-off names them: "I'm
        Sam from billing.", "This is Priya Shah, your account manager.", "My name is Sam."
        A first name must follow the introducing words ("This is the fastest way" names
        no one), and after the name (and surname) only the agent's team or role, after a
        link word or a comma, of a few words none of which goes on to a clause ("I'm Sam,
        and I'll call you tomorrow", "I'm Sam from billing, could you ...?")."""
        match = self._introductions.first(sentence)
        if match is None or match.start - sentence.start > _LEAD_IN:
            return False
        words = [t for t in sentence.doc[match.end : sentence.end] if not t.is_space]
        if words and words[0].text == ",":
            words = words[1:]  # "This is, Sam"
        if not words or not self._is_first_name(words[0].text):
            return False
        rest = words[1:]
        if rest and rest[0].is_alpha and rest[0].is_title:
            rest = rest[1:]  # a surname: "Priya Shah"
        if any(t.text == "?" for t in rest):
            return False  # "I'm Sam, how can I help?" asks
        tail = [t for t in rest if not t.is_punct]
        if not tail:
            return True  # "My name is Sam."
        if rest[0].text != "," and rest[0].lower_ not in self._introduction_links:
            return False  # "This is Mark's new process": no introduction
        return len(tail) <= _MAX_TEAM_WORDS and not any(
            t.lower_ in self._clause_words for t in tail
        )

    def _is_first_name(self, word: str) -> bool:
        return word[:1].isupper() and word.isalpha() and fold(word) in self._given_names

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'End with thanks, e.g. "Thanks for your patience!"'


#: How many words ("Oh, and", "I") may come before a pleasantry that opens a sentence.
_LEAD_IN = 2
#: How many words may give the agent's team or role after an introduction's name ("from
#: the Acme card team").
_MAX_TEAM_WORDS = 5


def _without_branch_signoffs(sentences: tuple[Span, ...], branches: tuple[Span, ...]) -> list[Span]:
    """The reply's sentences without the lines of the sign-offs closing earlier branches
    of a macro's conditional, which stay among the sentences: a sign-off is no sentence
    of the body, and "{{agent.name}} | Acme Billing" read as one ended the last branch's
    closing paragraph with no thanks."""
    if not branches:
        return list(sentences)
    kept = []
    for sentence in sentences:
        signoff = next(
            (b for b in branches if b.start < sentence.end and sentence.start < b.end), None
        )
        if signoff is None:
            kept.append(sentence)
        elif sentence.start < signoff.start:
            kept.append(sentence.doc[sentence.start : signoff.start])  # its words above it
    return kept


def _as_sent(
    reply: AnalyzedReply, sentences: list[Span], start: int, end: int
) -> tuple[Span | None, list[Span]]:
    """The sign-off and the sentences of the reply a customer is sent with the branch of a
    conditional at characters ``start`` to ``end``: those outside its sibling branches (a
    branch apart from it), so the shared sign-off under the conditional closes each branch
    and each branch's own last sentences come right above it. The sign-off is the last of
    the reply's and the branches' sign-offs left, and the sentences those above it."""

    def kept(span: Span) -> bool:
        return not any(
            b_start <= span.start_char < b_end and (b_end <= start or end <= b_start)
            for b_start, b_end in reply.branches
        )

    signoffs = [s for s in (*reply.branch_signoffs, reply.signoff) if s is not None and kept(s)]
    signoff = max(signoffs, key=lambda s: s.start, default=None)
    cut = signoff.start if signoff is not None else len(reply.doc)
    return signoff, [s for s in sentences if kept(s) and s.end <= cut]


def _is_name_line(sentence: Span) -> bool:
    """One to four capitalised words and nothing else on a line of their own."""
    words = [t for t in sentence if not t.is_punct]
    starts_line = sentence.start == 0 or "\n" in sentence.doc[sentence.start - 1].text_with_ws
    return (
        starts_line
        and 0 < len(words) <= 4
        and all(t.is_alpha and t.text[:1].isupper() for t in words)
    )
