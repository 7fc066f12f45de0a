"""jargon: each acronym or technical term a customer would not know, left unexplained.

Standard: *listen and obtain clarity* (speak the customer's language). Candidates are
acronyms that are not widely known (RMA, SLA, DNS), code-like identifiers (Fx57Menu,
msmpeg2vdec.dll), and technical terms from the pack's lexicon ("proxy server",
"provisioning"). A candidate is dropped when the reply explains it ("EHR (electronic
health record)", "SSO, our single sign-on"), when the customer used it first, when it is
a product name, a placeholder, a link or a handle, or when the team glossary allows it:
the entry's words in any case, with a space, hyphen or slash between them and in the
plural ("RMA" allows "RMAs", "tier 2" allows "Tier-2"), anywhere the entry occurs ("Tier
2 escalation queue" allows the "escalation queue" in it), and in a term whose other words
are plain ones ("DNS" allows "DNS records"; "SSL" and "TLS" allow "SSL/TLS"). Terms the
glossary bans are left to the banned_terms rule, which reports them whether or not
jargon runs (one finding for a banned term, not one of each). Precision matters more
than recall here: one false "jargon" costs more trust than one miss.

With a model directory (``RuleContext.model_dir``) holding a trained term model
(``terms/``, see :mod:`replylint.model.terms`), candidates are also found more broadly
(rare words, CamelCase, identifiers, acronyms, the pack's terms; never inside a URL, a
Markdown link target, a placeholder, a bracketed fill-in slot or the sign-off) and
scored, and :func:`replylint.model.terms.combine` decides: the rules' terms are reported
(as the compound they are part of: "SSL/TLS", not "SSL") unless the model is confidently
against them, plus the model's confident additions (the model alone
learned which terms each source's annotators flag, and missed most jargon of an
organisation it never saw; the rules' cues hold across sources). Each finding's
confidence is the model's calibrated probability. Without a model, the rules below
decide alone. The glossary and explained terms are rules either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.tokens import Span, Token

from replylint.analysis import AnalyzedReply
from replylint.doctext import text_of
from replylint.model.terms import MODEL_FILE, TERMS_DIR, TermModel
from replylint.model.terms_candidates import (
    VERSIONED_STANDARD,
    CandidateFinder,
    explanation,
    greeted_names,
    mask_structures,
)
from replylint.packs import Example, Examples
from replylint.report import Finding, Severity
from replylint.rule import Rule, RuleContext
from replylint.team_terms import TermFinder, with_singulars
from replylint.tokencolumns import token_columns

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}s?$")
_ROMAN_NUMERAL = re.compile(r"^[IVXLC]+$")
_FILE_NAME = re.compile(
    r"^[\w-]+\.(dll|exe|sys|ini|json|js|css|sqlite|db|log|cfg|plist|xpi|apk)$", re.IGNORECASE
)
_SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
#: A word of a term, as the glossary's coverage of it is judged ("SSL/TLS": two).
_TERM_WORD = re.compile(r"[^\W_]+")
# A sentence without any of these cannot hold an acronym, a file name or an identifier,
# so its tokens need not be looked at one by one (the common case, and the hot path).
# Two capitals or a capital and a digit, an underscore, or a file name's extension (a
# word character, a dot, two to five letters); one character class opens it and each
# alternative reads on (or behind) from there, so the search skips to those characters
# instead of trying every alternative at every character of the sentence.
_TOKEN_CANDIDATE_HINT = re.compile(r"[A-Z_.](?:(?<=[A-Z])[A-Z0-9]|(?<=_)|(?<=\w\.)[A-Za-z]{2,5}\b)")


class JargonRule(Rule):
    id = "jargon"
    default_severity = Severity.warning
    standard = "Listen and obtain clarity"
    rationale = (
        "Customers do not share the team's vocabulary; an unexplained acronym or "
        "technical term makes them ask again or give up."
    )
    examples = Examples(
        fire=[
            Example(reply="Your RMA has been approved."),
            Example(reply="Set the outgoing SMTP server to port 587 with STARTTLS."),
            Example(reply="Your ticket is now in the Tier 2 escalation queue."),
        ],
        pass_=[
            Example(reply="Your return (RMA, return merchandise authorisation) is approved."),
            Example(reply="Send us a DM with your order ID and a PDF of the receipt."),
            Example(reply="Open Firefox on your iPhone and tap Settings."),
            Example(reply="Fit two new AA batteries, or post it to us at MW1 2AB."),
            # what every customer of a country knows (New Zealand's roadworthiness test)
            Example(reply="Kia ora Mere, your car is due its WOF next month."),
            Example(reply="Hi {{ticket.requester.first_name}}, your order {{ORDER_ID}} ships."),
            Example(reply="Hi [ CUSTOMER NAME ], your order ships today."),
            # a time zone after a clock time, and a code the customer types
            Example(reply="Our courier will call you by 17:00 SAST today."),
            Example(reply="Use the code **SPRING25** at checkout for 25% off."),
            Example(reply="See [the setup guide](https://help.example.com/SSO-DNS) for details."),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        self._model: TermModel | None = None
        self._finder: CandidateFinder | None = None
        model_dir = context.model_dir / TERMS_DIR if context.model_dir is not None else None
        packs = context.packs
        self._terms = context.analyses.phrases("jargon.technical_terms")
        self._salutations = context.analyses.phrases("greeting.salutations")
        if model_dir is not None and (model_dir / MODEL_FILE).is_file():
            self._model = TermModel.load(model_dir)
            # the same matchers: each runs once per reply for both
            self._finder = CandidateFinder(
                context,
                self._model.word_bands,
                technical_terms=self._terms,
                salutations=self._salutations,
            )
        single_terms = {w.lower() for w in packs.lexicon("jargon.technical_terms") if " " not in w}
        self._technical_words = frozenset(single_terms)
        #: The family names of the pack's versioned terms (pop3 -> POP, ctap2 -> CTAP): in
        #: capitals they are the acronym, even where the word is also an ordinary one.
        self._versioned_families = frozenset(
            base
            for term in single_terms
            if term[-1:].isdigit() and len(base := term.rstrip("0123456789")) >= 3
        )
        self._common_acronyms = {w.upper() for w in packs.lexicon("jargon.common_acronyms")}
        self._products = {w.lower() for w in packs.lexicon("jargon.product_names")}
        self._definition_openers = packs.words("jargon.definition_openers")
        self._definition_after_is = packs.words("jargon.definition_after_is")
        self._definition_verbs = packs.words("jargon.definition_verbs")
        self._common_words = context.common_words
        self._allowed = TermFinder(with_singulars(context.glossary_allowed))
        #: The glossary's banned terms: banned_terms reports them, not this rule.
        self._banned = TermFinder(context.glossary_banned)

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        seen: set[str] = set()
        if self._model is not None and self._finder is not None:
            yield from self._learned(reply, seen, self._model, self._finder)
            return
        for term, confidence in self.rule_terms(reply):
            key = term.text.lower()
            if key not in seen:
                seen.add(key)
                yield self._jargon(reply, term.text, term, confidence)

    def rule_terms(self, reply: AnalyzedReply) -> Iterator[tuple[Span, float]]:
        """The terms the rules alone call jargon, each once, with the rules' confidence.

        What it compares a term with (the masked text, the customer's words) is worked
        out at the first term only: most replies have none, and the customer's message
        can be long (reading its words took 1% of a run's time when done for every
        reply)."""
        customer_text = ""
        seen: set[str] = set()
        masked: str | None = None  # computed for the first candidate only
        glossary: _GlossarySpans | None = None
        for term, confidence in self._candidates(reply):
            if masked is None or glossary is None:
                text = reply.normalized.text
                masked = mask_structures(text, 0, len(text), reply.placeholder_spans)
                customer_text = (reply.customer_text or "").lower()
                glossary = self._glossary_spans(reply)
            if masked[term.start_char : term.end_char] != text_of(term):
                continue  # inside a URL, a Markdown link target, an address, a placeholder
            key = term.text.lower()
            if key in seen or key in reply.customer_words:
                continue
            if self._glossary_decides(reply, term.start_char, term.end_char, glossary):
                continue
            if term.text.upper() in self._common_acronyms:
                continue
            if " " in key and key in customer_text:
                continue
            if reply.in_placeholder(term.start_char, term.end_char) or self._is_defined(term):
                continue
            seen.add(key)
            yield term, confidence

    def _learned(
        self, reply: AnalyzedReply, seen: set[str], model: TermModel, finder: CandidateFinder
    ) -> Iterator[Finding]:
        """The terms the rules and the model decide on together (each term once)."""
        rule_terms = [(t.start_char, t.end_char, t.text) for t, _ in self.rule_terms(reply)]
        glossary: _GlossarySpans | None = None
        for decision in model.decide(finder.find(reply), rule_terms):
            key = decision.text.lower()
            if key in seen or key in reply.customer_words:
                continue  # the customer's own word they know, as the rules hold
            if glossary is None:
                glossary = self._glossary_spans(reply)
            if self._glossary_decides(reply, decision.start, decision.end, glossary):
                continue
            seen.add(key)
            span = (decision.start, decision.end)
            yield self._jargon(reply, decision.text, span, round(decision.confidence, 3))

    def _glossary_spans(self, reply: AnalyzedReply) -> _GlossarySpans:
        """Where the glossary's allowed and banned terms occur in the reply (none
        looked for without a glossary, the common case). The doc's text is the one it was
        made from (``Doc.text`` would rebuild it from every token, for every reply)."""
        if not self._allowed and not self._banned:
            return _GlossarySpans(allowed=[], banned=[])
        text = text_of(reply.doc)
        return _GlossarySpans(
            allowed=self._allowed.spans(text) if self._allowed else [],
            banned=self._banned.spans(text) if self._banned else [],
        )

    def _glossary_decides(
        self, reply: AnalyzedReply, start: int, end: int, glossary: _GlossarySpans
    ) -> bool:
        """Whether the glossary takes the term ``start:end`` out of this rule's hands:
        a banned term is banned_terms' to report, and an allowed one is no jargon.

        A term is allowed when the glossary covers its words: all of them ("RMAs" for
        "RMA", "escalation queue" inside "Tier 2 escalation queue", "SSL/TLS" for "SSL"
        and "TLS"), or some, the others being plain words ("DNS records" for "DNS"; not
        "DNS propagation", a technical term of its own, nor "DNS over HTTPS")."""
        if any(s <= start and end <= e for s, e in glossary.banned):
            return True
        if not glossary.allowed:
            return False
        text = text_of(reply.doc)
        covered = False
        for word in _TERM_WORD.finditer(text, start, end):
            if any(s <= word.start() and word.end() <= e for s, e in glossary.allowed):
                covered = True
            elif not self._plain_word(word.group()):
                return False
        return covered

    def _plain_word(self, word: str) -> bool:
        """A word any customer knows: a common one, written in lower case or as at a
        sentence start, neither a technical term of the pack nor holding a digit."""
        lower = word.lower()
        return (
            not (len(word) > 1 and word.isupper())
            and not any(c.isdigit() for c in word)
            and lower in self._common_words
            and lower not in self._technical_words
        )

    def _jargon(
        self, reply: AnalyzedReply, text: str, span: Span | tuple[int, int], confidence: float
    ) -> Finding:
        return self.finding(
            reply,
            f'"{text}" may be jargon to the customer; explain it or use plain words.',
            span,
            suggestion=(
                f'Spell out "{text}" on first use, or say it in plain words.'
                if text.isupper()
                else f'Explain "{text}" in plain words, or leave it out.'
            ),
            confidence=confidence,
        )

    def _candidates(self, reply: AnalyzedReply) -> Iterator[tuple[Span, float]]:
        shouting: bool | None = None  # both computed only once a token is worth a look
        greeted_names: set[str] | None = None
        doc = reply.doc
        for sentence in reply.sentences:
            terms = self._terms.find(sentence)
            covered = {i for t in terms for i in range(t.start, t.end)}
            found = [(t, 0.75) for t in terms if t.text.lower() not in self._products]
            if _TOKEN_CANDIDATE_HINT.search(text_of(sentence)):
                if shouting is None or greeted_names is None:
                    shouting, greeted_names = reply.shouting, self._greeted_names(reply)
                # the words as strings, a Token made only for one worth a look (a
                # sentence with a capital pair is read word by word, most words plain)
                texts = token_columns(doc).strings(ORTH)
                for i in range(sentence.start, sentence.end):
                    text = texts[i]
                    if not _worth_a_look(text) or i in covered or text in greeted_names:
                        continue
                    if self._is_odd_token(doc[i], shouting):
                        found.append((doc[i : i + 1], 0.65))
            yield from _joined_by_slash(sorted(found, key=lambda c: c[0].start))

    def _is_odd_token(self, token: Token, shouting: bool) -> bool:
        """Acronyms nobody outside the team knows, file names and code identifiers.

        CamelCase and letter-digit mixes are left alone: in replies they are far more
        often user names, hashtags and model numbers (FredMcD, FF57) than jargon.
        """
        text = token.text
        if not _worth_a_look(text):
            return False
        if _FILE_NAME.match(text):
            # (before the URL test: "avcodec64.dll" looks like a domain) "firefox.exe"
            # is the program the customer runs, by its public name
            return text.rsplit(".", 1)[0].lower() not in self._products
        if _SNAKE_CASE.match(text):
            return True
        if token.like_url or token.like_email or text.startswith(("@", "#")) or len(text) < 3:
            return False
        if text.lower() in self._products:
            return False
        if shouting or _ROMAN_NUMERAL.match(text):
            return False
        if VERSIONED_STANDARD.match(text):
            return True
        if text[-1].isdigit():  # a pack term with its version glued on: OAuth2, TLS1.2
            base = text.rstrip("0123456789.")
            return len(base) >= 3 and base.lower() in self._technical_words
        if not _ACRONYM.match(text) or any(c.isdigit() for c in text):
            return False
        letters = [c for c in text if c.isalpha()]
        uppercase = sum(c.isupper() for c in letters)
        if uppercase < len(letters) - (1 if text.endswith("s") else 0):
            return False
        bare = text[:-1] if text.endswith("s") and text[:-1].isupper() else text
        if bare.upper() in self._common_acronyms or text.upper() in self._common_acronyms:
            return False
        # An all-caps ordinary word is emphasis or a greeting ("HELP", "HI"), not an
        # acronym, unless it names a versioned term's family ("POP" of pop3).
        return bare.lower() not in self._common_words or bare.lower() in self._versioned_families

    def _is_defined(self, term: Span) -> bool:
        """'EHR (electronic health record)', 'SSO, our single sign-on', 'TTL means ...'."""
        return (
            explanation(
                term.doc,
                term.start,
                term.end,
                self._definition_openers,
                self._definition_after_is,
                self._definition_verbs,
            )
            is not None
        )

    def _greeted_names(self, reply: AnalyzedReply) -> set[str]:
        return greeted_names(reply, self._salutations)


@dataclass(frozen=True)
class _GlossarySpans:
    """Where a reply holds the glossary's terms: (start, end) offsets of its text."""

    allowed: list[tuple[int, int]]
    banned: list[tuple[int, int]]


def _worth_a_look(text: str) -> bool:
    """The word may be an odd token: every pattern of :meth:`JargonRule._is_odd_token`
    needs a capital first letter, a "." or a "_" (most words have none)."""
    return "A" <= text[:1] <= "Z" or "." in text or "_" in text


def _joined_by_slash(candidates: list[tuple[Span, float]]) -> Iterator[tuple[Span, float]]:
    """Candidates in text order, two joined by a slash made one term: "SSL/TLS",
    "SPF/DKIM", "SSL / TLS" name one setting (the choice the customer is shown), and
    the annotators write it whole; its parts alone would be reported as two terms."""
    i = 0
    while i < len(candidates):
        span, confidence = candidates[i]
        while i + 1 < len(candidates):
            after = candidates[i + 1][0]
            gap = span.doc[span.end : after.start]
            if len(gap) != 1 or gap[0].text != "/":
                break
            span, confidence = (
                span.doc[span.start : after.end],
                max(confidence, candidates[i + 1][1]),
            )
            i += 1
        yield span, confidence
        i += 1
