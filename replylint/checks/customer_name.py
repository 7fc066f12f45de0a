"""customer_name: when the reply addresses the customer by name, it is their name.

Standard: *personalise, and get it right*. "Hi Sarah" to John Miller, or "Hi Jhon", tells
the customer they got someone else's reply or a careless one. Applicable only when the
customer's name is known (``Linter.check(customer_name=...)``).

Where a reply addresses someone by name is read from its words, not guessed from every
capitalised word: after a salutation ("Hi Dana", "Dear Dana", "Good morning Dana"), after
thanks or an apology and before punctuation ("Thanks Dana,", "Sorry, Dana!"), at the end
of a sentence after a comma ("Just a moment, Dana."), or alone at the start of the reply
("Dana, ..."). After a title ("Dear Mr. Miller") the name is compared with the surname;
when only a first name is known, a surname after a title is fine unless it misspells that
first name. A name is fine when it is the customer's first name, their surname after a
title, or a short form of their first name (Rob for Robert, Kate for Katherine: the
``nicknames`` dataset, maintained and shipped with its package, read offline once per
process; a "nickname" barely shorter that starts alike, such as Emma for Emily, is a name
of its own; and the name's front clipped, Seun for Oluwaseun). Anything else is reported
on its words, with the right name as the suggestion: a misspelling ("Jhon") or another
name ("Sarah").

The sign-off reader takes a name after thanks on the reply's last line for the agent's
("... on its way. Thanks, Emma!"), so the sentences end above it. That name is read as
the customer's too when it is meant for them, rightly or by mistake: their name, a
misspelling of it, or a name the dataset relates to it, either way (Emma for Emily). Any
other name there ("Thanks, Priya!"), after another valediction ("Best, Emma") or on a
line of its own ("Thanks,\nEmma"), is the agent signing, never a wrong name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from replylint.analysis import AnalyzedReply
from replylint.names import fold, given_names, short_forms, similar, stands_for
from replylint.packs import Example, Examples
from replylint.report import CheckResult, Finding, Severity
from replylint.rule import Rule, RuleContext, RuleOutcome

#: Punctuation after a name that addresses the customer ("Thanks Dana," "Dana!").
_AFTER_VOCATIVE = frozenset(",.!?;:-–—")
#: Letters of the first name a short form keeps at least ("Leo" of Leonardo).
_MIN_STEM = 3
#: Letters a short form made by clipping the front keeps at least ("Seun" of Oluwaseun;
#: "Ian" is not Brian).
_MIN_TAIL = 4
_NAME_PART = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")


@dataclass(frozen=True)
class _KnownName:
    """The customer's name as the ticket system gave it, split for comparing."""

    full: str
    first: str
    surname: str | None

    @classmethod
    def parse(cls, raw: str, titles: frozenset[str]) -> _KnownName | None:
        """ "John Miller", "Miller, John", "Dr. Jane Smith" or "Dana"; None when it holds
        no name at all (an empty or punctuation-only field)."""
        text = " ".join(raw.split())
        if "," in text:  # "Miller, John"
            last, _, first = text.partition(",")
            text = f"{first.strip()} {last.strip()}"
        parts = [p for p in text.split() if p.rstrip(".").lower() not in titles]
        parts = [p for p in parts if _NAME_PART.fullmatch(p)]
        if not parts:
            return None
        return cls(
            full=" ".join(parts), first=parts[0], surname=parts[-1] if len(parts) > 1 else None
        )


@dataclass(frozen=True)
class _Address:
    """A place where the reply addresses someone by name."""

    name: Span
    titled: bool


class CustomerNameRule(Rule):
    id = "customer_name"
    default_severity = Severity.warning
    #: Counted only when a wrong name is found (replylint/scoring.py), as an apology.
    weight = 15
    standard = "Personalise, and get the name right"
    rationale = (
        "Calling the customer by someone else's name, or misspelling theirs, tells them the "
        "reply was written for another ticket or without care; it undoes the personal touch."
    )
    examples = Examples(
        fire=[
            Example(reply="Hi Sarah, your refund was sent today.", customer_name="John Miller"),
            Example(reply="Hi Jhon, your refund was sent today.", customer_name="John Miller"),
            Example(reply="Dear Mr. Millar, your policy is renewed.", customer_name="John Miller"),
            Example(reply="Thanks, Emma! Your parcel is on its way.", customer_name="Emily Rhodes"),
            Example(
                reply="Hi Emily, your parcel is on its way. Thanks, Emma!",
                customer_name="Emily Rhodes",
            ),
            Example(reply="Hi Ian, your refund was sent today.", customer_name="Brian"),
            Example(reply="Hi Hayley, your refund was sent today.", customer_name="Hailey Berg"),
            Example(reply="Dear Mr. Grahm, your policy is renewed.", customer_name="Graham"),
        ],
        pass_=[
            Example(reply="Hi Rob, your refund was sent today.", customer_name="Robert Lee"),
            Example(
                reply="Dear Ms. Brooks, your policy is renewed.", customer_name="Natalie Brooks"
            ),
            Example(reply="Hi there, your refund was sent today.", customer_name="John Miller"),
            Example(
                reply="Hi Kate! I've asked Sarah in billing to call you.",
                customer_name="Katherine Hill",
            ),
            Example(reply="Hi Sarah, your refund was sent today."),
            # the agent signing on the thanks' line
            Example(
                reply="Hi Emily, your parcel is on its way. Thanks, Priya!",
                customer_name="Emily Rhodes",
            ),
            Example(
                reply="Dear Mr Pike, your pension pack is in the post.", customer_name="Graham"
            ),
            Example(reply="Dear Seun, your booking is changed.", customer_name="Oluwaseun"),
            Example(reply="Hey Ollie! Which size was it?", customer_name="Oliver Price"),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        packs = context.packs
        self._salutations = context.analyses.phrases("customer_name.salutations")
        self._asides = context.analyses.phrases("customer_name.asides")
        self._titles = packs.words("customer_name.titles")
        self._not_names = packs.words("customer_name.not_names")
        self._endings = packs.words("customer_name.diminutive_endings")
        given_names()  # load the dataset now, not on the first reply

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        yield from self.run(reply).findings

    def run(self, reply: AnalyzedReply) -> RuleOutcome:
        """The verdict (present = every name the reply addresses is the customer's) and
        one finding per wrong name."""
        known = _KnownName.parse(reply.customer_name or "", self._titles)
        if known is None:
            verdict = CheckResult(
                present=True,
                applicable=False,
                reason="the customer's name is not known",
                evidence=None,
            )
            return RuleOutcome(verdict=verdict, findings=[])
        findings: list[Finding] = []
        right: Span | None = None
        for address in self._addresses(reply, known):
            if self._matches(address, known):
                right = right or address.name
            else:
                findings.append(self._finding(reply, address, known))
        verdict = CheckResult(
            present=not findings,
            applicable=True,
            reason=f"addressed as {findings[0].text!r}" if findings else None,
            evidence=right.text if right is not None and not findings else None,
        )
        return RuleOutcome(verdict=verdict, findings=findings)

    # --- where the reply addresses someone ------------------------------------------------

    def _addresses(self, reply: AnalyzedReply, known: _KnownName) -> Iterator[_Address]:
        seen: set[int] = set()
        for index, sentence in enumerate(reply.sentences):
            for found in self._in_sentence(reply, sentence, known, leading=index == 0):
                if found.name.start not in seen and not reply.in_placeholder(
                    found.name.start_char, found.name.end_char
                ):
                    seen.add(found.name.start)
                    yield found
        thanked = self._thanked_at_the_end(reply, known)
        if thanked is not None and not reply.in_placeholder(
            thanked.name.start_char, thanked.name.end_char
        ):
            yield thanked

    def _thanked_at_the_end(self, reply: AnalyzedReply, known: _KnownName) -> _Address | None:
        """The name thanked on the sign-off's first line, after a comma ("Thanks, Emily!",
        "Many thanks, Jhon"), when it is meant for the customer, rightly or by mistake (see
        :func:`stands_for`): the sign-off reader takes it for the agent's name, and the
        sentences, which the customer's name is looked for in, end above it. Any other name
        there ("Thanks, Sam!"), and a name on a line of its own ("Thanks,\nSam"), is the
        agent signing."""
        signoff = reply.signoff
        if signoff is None:
            return None
        doc = signoff.doc
        line_end = next(
            (t.i for t in signoff if t.i > signoff.start and "\n" in doc[t.i - 1].whitespace_),
            signoff.end,
        )
        for opener in self._asides.find(signoff):
            if opener.start != signoff.start or opener.end >= line_end:
                return None
            if "thank" not in opener.text.lower():
                return None  # "Cheers, Sam", "Bye, Sam": the agent signing
            if doc[opener.end].text not in (",", "-", "–", "—"):
                return None  # "Thanks Hartmut" is read among the sentences
            name = _name_span(doc, opener.end + 1, line_end)
            if name is None or not name.text[:1].isupper():
                return None
            rest = [t for t in doc[name.end : line_end] if not t.is_punct]
            if len(rest) > 1 or (rest and not rest[0].text[:1].isupper()):
                return None  # a first name, perhaps a surname, and closing marks
            return _Address(name, titled=False) if stands_for(name.text, known.first) else None
        return None

    def _in_sentence(
        self, reply: AnalyzedReply, sentence: Span, known: _KnownName, *, leading: bool
    ) -> Iterator[_Address]:
        doc = sentence.doc
        for opener in self._salutations.find(sentence):
            found = self._name_after(doc, opener.end, sentence.end, known, strict=False)
            if found is not None:
                yield found
        for opener in self._asides.find(sentence):
            found = self._name_after(doc, opener.end, sentence.end, known, strict=True)
            if found is not None:
                yield found
        # "..., Dana." at the end of a sentence, and "Dana, ..." opening the reply
        last = sentence.end - 1
        if doc[last].is_punct and last - 2 >= sentence.start and doc[last - 2].text == ",":
            name = _name_span(doc, last - 1, sentence.end)
            if name is not None and name.end == last and self._is_name(name, known, loose=True):
                yield _Address(name, titled=False)
        if leading:
            name = _name_span(doc, sentence.start, sentence.end)
            if (
                name is not None
                and name.end < sentence.end
                and doc[name.end].text in (",", "-", "–", "—")
                and self._is_name(name, known, loose=False)
            ):
                yield _Address(name, titled=False)

    def _name_after(
        self, doc: Doc, start: int, limit: int, known: _KnownName, *, strict: bool
    ) -> _Address | None:
        """The name right after an opener ("Hi Dana", "Hi, Dana", "Dear Mr. Miller").
        ``strict`` (after thanks or an apology): only a name that punctuation closes,
        and only one that reads as a name, so "Thanks Acme Pay is..." names no one."""
        index = start
        if index < limit and doc[index].text == ",":
            index += 1
        titled = False
        if index < limit and doc[index].lower_.rstrip(".") in self._titles:
            titled = True
            index += 1
            if index < limit and doc[index].text == ".":
                index += 1
        name = _name_span(doc, index, limit)
        if name is None:
            return None
        closed = name.end < limit and doc[name.end].text in _AFTER_VOCATIVE
        if strict and not closed and not (titled and name.end >= limit):
            return None
        if not self._is_name(name, known, loose=not strict or titled):
            return None
        return _Address(name, titled)

    def _is_name(self, name: Span, known: _KnownName, *, loose: bool) -> bool:
        """Does the word in a name's place read as a name? After a salutation (``loose``)
        any capitalised word but the pack's non-names does; elsewhere it must be a given
        name the dataset knows, or close to the customer's."""
        word = name.text.lower()
        if word in self._not_names:
            return False
        capitalised = name.text[:1].isupper()
        if similar(word, known.first) or (known.surname and similar(word, known.surname)):
            return True
        if loose and capitalised and len(word) > 1 and not name.text.isupper():
            return True
        return capitalised and word in given_names()

    # --- comparing ------------------------------------------------------------------------

    def _matches(self, address: _Address, known: _KnownName) -> bool:
        word = fold(address.name.text)
        if address.titled:
            if known.surname is None:
                # "Dear Mr. Pike" when only his first name is known: a surname nothing
                # says is wrong (GUIDE.md: title and surname are fine), unless it is
                # the known first name misspelt ("Dear Ms. Jhon")
                return word == fold(known.first) or not similar(word, known.first)
            # "Dear Mr. John" reads odd, but it is his name
            return word in (fold(known.surname), fold(known.first))
        if word in (fold(known.first), fold(known.full)):
            return True
        if known.surname is not None and word == fold(known.surname):
            return True
        return _short_form(word, fold(known.first), self._endings)

    def _finding(self, reply: AnalyzedReply, address: _Address, known: _KnownName) -> Finding:
        wrong = address.name
        expected = known.surname if address.titled and known.surname else known.first
        text = reply.to_original(wrong.start_char, wrong.end_char)[2]
        if similar(text.lower(), expected):
            message = f'"{text}" looks like a misspelling of the customer\'s name, {expected}.'
        else:
            message = f'"{text}" is not the customer\'s name ({known.full}).'
        return self.finding(
            reply, message, wrong, suggestion=f'Address them as "{expected}".', confidence=0.85
        )


def _name_span(doc: Doc, index: int, limit: int) -> Span | None:
    """The name starting at token ``index``: one word, or hyphenated parts written
    together ("Anne-Marie"); None when that token is no word."""
    if index >= limit or not _NAME_PART.fullmatch(doc[index].text):
        return None
    end = index + 1
    while (
        end + 1 < limit
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and _NAME_PART.fullmatch(doc[end + 1].text)
    ):
        end += 2
    return doc[index:end]


def _short_form(word: str, first: str, endings: frozenset[str]) -> bool:
    """Is ``word`` a short form of the first name ``first``? The dataset's nicknames
    (Rob, Bob and Bobby for Robert), or the name's first letters with a pet-name ending
    (Leo for Leonardo, Rosie for Rosemary), in either case clearly shorter when it starts
    alike: the dataset also lists names in their own right as nicknames (Emma for
    Emily), and "Hanna" for Hannah is a misspelling, not a short form. A nickname of the
    dataset's with a pet-name ending is one however long (Ollie for Oliver, Danny for
    Daniel), unless the name has such an ending too: then it is the name spelt another
    way (Hayley for Hailey, Vicky for Vicki). A name's last
    letters, four or more, are a short form too (Seun for Oluwaseun, Bella for Isabella)."""
    clearly_shorter = len(word) <= len(first) - 2
    if word in short_forms().get(first, "").split():
        return (
            word[:1] != first[:1]
            or clearly_shorter
            or (_pet_name(word, endings) and not _pet_name(first, endings))
        )
    if not clearly_shorter:
        return False
    if len(word) >= _MIN_TAIL and first.endswith(word):
        return True  # the front clipped: Seun of Oluwaseun, Tina of Christina
    return any(
        len(stem) >= _MIN_STEM and first.startswith(stem)
        for stem in (word, *(word[: -len(e)] for e in endings if word.endswith(e)))
    )


def _pet_name(word: str, endings: frozenset[str]) -> bool:
    """Does ``word`` end in a pet-name ending after a stem of two letters or more?"""
    return any(word.endswith(e) and len(word) - len(e) >= 2 for e in endings)
