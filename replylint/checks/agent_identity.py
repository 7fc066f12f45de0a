"""agent_identity: the customer can tell who answered.

Standard: *give your customer your name*. A reply signed by a person ("- Maria", "Best,
Sam Lee", "Mr D. Ashworth, Exams Officer") or in which the agent introduces themselves
("I'm Sam from billing", "you're chatting with Joaquín") tells the customer who is
looking after them; initials alone ("^JK", "-KC"), a team or company ("The Acme Team",
"Brightpool Air Reservations") or nothing do not. In a template kept in a macro
repository (``template=True``) a variable that will hold the agent's name
(``{{agent.first_name}}``), or a fill-in slot for it under the closing or on the
closing's own line in any bracket the sign-off reader takes (``<agent name>``, ``Thanks,
(your name)``), counts; in a reply about to be sent an unfilled variable or slot names no
one. A macro whose conditional gives each customer a different sign-off is signed by a
person when any branch is ("{% if agent %}Best,\\n{{agent.name}}{% else %}Best,\\nThe
Acme team{% endif %}"): the customer is sent one branch, and the name signed there is the
one they read. Applicable on email and chat; a social post is signed by the brand.

The customer's own name signs nothing: the name given with the reply
(``customer_name``), else the one the greeting opening it addresses. "Hi Kim, ... Thanks,
Kim!" thanks the customer, and so does "Thanks,\nKim" on a line of its own under that
greeting: a name the customer was just greeted by does not tell them who answered. Nor
does a name after thanks on the valediction's line that is meant for the customer by
mistake, a misspelling of theirs or a name the dataset relates to it ("Hi Emily, ...
Thanks, Emma!", which customer_name reports).

The sign-off is read from its first line after the valediction ("Kind regards,"): a
person's line opens with a first name (from the ``nicknames`` dataset and the pack's
``agent_identity.given_names``), a title and surname, or, failing that, a word that is no
common word, no organisation word, no brand coined from two common words ("Oakhaven",
or in camel case: "TicketBox", "SpinCycle Laundry", where "DeShawn" and "MacKenzie" stay
names) and not the company named elsewhere in the reply, alone or before a surname
("Teodor Evans", not "Brightpool Grid Energy"). A business named by its head noun ("Hollin
Bakery", "Brackley Opticians": the pack's ``agent_identity.organisation_words``) is no
person even after a first name ("Orla Pharmacy"); a handle with a first name in brackets
after it ("Wisewiz (Dan)") is signed by a person. A name in capitals reads as written in small
letters ("SAM ORTIZ") unless it is initials ("JK"), and a first name may close the line
with a full stop or an exclamation mark ("Thanks, Sam!"), on a line of its own or after
the body's last sentence ("... within 3 days. Thanks, Kim!"). An e-mail
signature block under a ``--`` line, which the normaliser cuts from the text the checks
read, is read the same way from its first line ("Sam Jones | Customer Support"). In a
chat transcript given whole, a label of the agent's turns that opens with a first name
counts ("Kim (Agent):": the chat shows it beside each turn); a role alone ("Agent:")
does not.
"""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from spacy.tokens import Span

from replylint.analysis import AnalyzedReply
from replylint.names import given_names, stands_for
from replylint.normalize.signoff import VALEDICTIONS
from replylint.normalize.slots import is_signer_slot
from replylint.packs import Example, Examples
from replylint.report import Severity
from replylint.rule import PresenceRule, RuleContext, Verdict

#: A word of a sign-off line: letters, with inner apostrophes, dots or hyphens.
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: Valedictions that may open the sign-off's line ("Thanks, Phil"), longest first.
_VALEDICTION_WORDS = "|".join(re.escape(v) for v in sorted(VALEDICTIONS, key=len, reverse=True))
_VALEDICTION = re.compile(rf"^(?:{_VALEDICTION_WORDS})\b[\s,.!:;-]*", re.IGNORECASE)
#: Where the name part of a sign-off line ends: "Sam | Billing Support", "Jo \u00b7 Customer
#: Care", "Sam Lee, community volunteer", "Quillfox (Sam)".
_NAME_PART_END = re.compile(r"\s[|\u2013\u2014\u00b7\u2022-]\s|[|,(]")
#: Marks before a name in a sign-off: "- Maria", "^JK", "...Sam".
_MARKERS = "-\u2013\u2014^*~/=.\u2026 \t"
#: A first name in brackets after the name part: "Wisewiz (Dan)".
_BRACKETED_NAME = re.compile(r"\(([A-Z][\w'’-]*)\)")
#: How far after the name part such a bracket is looked for.
_BRACKET_REACH = 40
#: The shortest part of a brand coined from two words ("Zest|box").
_MIN_PART = 3
#: ... and of the whole: shorter names split too easily ("Con|nor", "Sun|ita").
_MIN_COMPOUND = 7
#: A line longer than this is a sentence, not a signature.
_MAX_NAME_LINE_WORDS = 8
#: How many lines at the end of a reply without a recognised sign-off are read as one.
_TAIL_LINES = 4
#: Words in a template variable that make it an organisation's, not the agent's.
_ORGANISATION_VARIABLES = frozenset(
    {"company", "team", "org", "organisation", "organization", "brand", "business", "shop",
     "store", "site", "customer", "requester", "recipient", "client", "contact"}
)  # fmt: skip
_SPLIT_VARIABLE = re.compile(r"[^a-z]+")
#: What else a variable's "name" may be the name of: a place, a product, a patient.
_THING_VARIABLES = frozenset(
    {"practice", "clinic", "surgery", "hospital", "hotel", "school", "office", "branch",
     "venue", "department", "dept", "firm", "agency", "council", "property", "restaurant",
     "product", "service", "app", "platform", "pet", "patient", "plan", "course", "event"}
)  # fmt: skip
_CAMEL = re.compile(r"([a-z])([A-Z])")
#: A word in camel case, and each capitalised part of it: "TicketBox", "SpinCycle".
_CAMEL_WORD = re.compile(r"(?:[A-Z][a-z]+){2,}")
_CAMEL_HUMP = re.compile(r"[A-Z][a-z]+")
#: An initial before a surname: "R. Delgado".
_INITIAL = re.compile(r"[A-Z]\.")
_MAX_INITIALS = 4
#: Marks no signature line has: sentence ends, menu paths, digits.
_NOT_SIGNATURE = re.compile(r"[?!:;>/\\=\d]")
#: Contact details under a name: a phone number, a web or e-mail address.
_CONTACT = re.compile(r"\d|https?:|www\.|@\w|:\s")
#: Introductions that also open other sentences ("this is Troubleshooting Information"):
#: only a known first name after them counts.
_FIRST_NAME_ONLY = frozenset({"this is"})
#: After "I'm" a capitalised common word is no name ("I'm Happy to help").
_NOT_COMMON_ONLY = frozenset({"i am"})
#: Template variables of syntaxes the normaliser leaves in the text: "$AGENT",
#: "##AGENT##", "[[agent_name]]", "<<agent>>", "${agent.name}", "%%AgentName%%".
_VARIABLE = re.compile(
    r"\$\{?[A-Za-z_][\w.]{0,40}\}?|#{2}[A-Za-z_][\w.]{0,40}#{2}|\[\[\s?[A-Za-z_][\w.]{0,40}\s?\]\]"
    r"|<<\s?[A-Za-z_][\w.]{0,40}\s?>>|\[[A-Za-z_][\w .]{0,40}\]|%%[A-Za-z_][\w.]{0,40}%%"
)
#: The full stop or exclamation mark closing a sign-off after the name: "Thanks, Sam!".
_CLOSING_MARKS = re.compile(r"[.!]{1,3}\Z")
_MAX_CLOSED_NAME_WORDS = 2
#: Lower-case words that make a line a closing phrase rather than a name ("Thanks for
#: flying with us"); a name line may hold one ("Zoe at Zestbox").
_MAX_LOWER_WORDS_IN_NAME = 1


def _is_closing_line(line: str) -> bool:
    """A closing phrase standing above the name: "Thanks for your patience,", "Happy
    reading,", "Thanks for supporting a tiny business". A name and its role ("Owen
    (volunteer moderator)", "Sam Lee, community volunteer") is none: the role's words,
    after the name part, are not counted."""
    stripped = line.rstrip()
    if stripped.endswith((",", "!")):
        return True
    words = _WORD.findall(stripped)
    part_end = _NAME_PART_END.search(stripped)
    if part_end is not None and not _VALEDICTION.match(stripped):
        name_part = _WORD.findall(stripped[: part_end.start()])
        if name_part and all(w[:1].isupper() for w in name_part):
            words = name_part
    lower = [w for w in words[1:] if w[:1].islower()]
    return len(lower) > _MAX_LOWER_WORDS_IN_NAME


def _plain(word: str) -> str:
    """Lower-case without accents, so "Lucía" is found as "lucia"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class AgentIdentityRule(PresenceRule):
    id = "agent_identity"
    default_severity = Severity.info
    #: Info only: reported, not counted in the score (most replies are signed by a team,
    #: and counting it would lower every one of them).
    weight = 0
    standard = "Give your customer your name"
    rationale = (
        "A named person is accountable and easy to come back to; a reply signed by a "
        "team or by initials leaves the customer starting over with someone new."
    )
    missing_message = "The customer cannot tell who answered: sign with your name."
    missing_anchor: ClassVar = "end"
    examples = Examples(
        fire=[
            # a chat transcript whose agent's label is a role, not a name
            Example(
                reply="Customer: my card was charged twice\nAgent: Sorry! I refunded one.\n"
                "Customer: thanks\nAgent: You're welcome, have a good day.",
                channel="chat",
            ),
            Example(reply="Your refund is on its way.\n\nKind regards,\nThe Acme Support Team"),
            # a business and its country's code: no person
            Example(reply="Your tank ships Monday.\n\nRegards,\nTankworks NZ"),
            Example(reply="Your order ships Monday.\n\n^JK"),
            # the customer greeted and thanked by name: no one signs
            Example(reply="Hi Kim,\n\nYour order ships Monday.\n\nThanks, Kim!"),
            Example(reply="Your refund is on its way.", channel="chat"),
            Example(
                reply="Your refund is on its way.\n\nThanks,\n-- \nAcme Support\n0800 555 0100"
            ),
            Example(reply="Your wardrobe is awaiting stock.\n\nOakhaven"),
            # a variable for the shop, its words run together
            Example(reply="Your order ships Monday.\n\nThanks,\n%SHOPNAME%", template=True),
            # a first name that names a business
            Example(reply="Your prescription is ready to collect.\n\nKind regards,\nOrla Pharmacy"),
            # a brand in camel case, or a business named by its head noun
            Example(reply="Your order ships Monday.\n\nBest,\nTicketBox"),
            Example(reply="Your duvet is ready to collect.\n\nRegards,\nSpinCycle Laundry"),
        ],
        pass_=[
            # a chat transcript: the chat shows the agent's name by each of their turns
            Example(
                reply="Dana: my card was charged twice\nKim (Agent): Sorry! I refunded one.\n"
                "Dana: thanks\nKim (Agent): You're welcome, have a good day.",
                channel="chat",
            ),
            Example(reply="Try a new profile first.\n\nRegards,\nWisewiz (Dan)"),
            Example(reply="Your refund is on its way.\n\nKind regards,\nMaria"),
            # a name and a role of several words after it, not a closing phrase
            Example(reply="Please open a new thread.\n\nCheers,\nOwen (volunteer moderator)"),
            Example(reply="I refunded the second charge today. Thanks, Kim", channel="chat"),
            Example(reply="Your refund arrives within 3 days. Thanks, Kim!"),
            # names from many countries, not only English ones and their short forms
            Example(reply="Dear Mr Hill, your deposit has been returned. Regards, Priya Shah"),
            Example(reply="All sorted! Have a lovely weekend. Kwame", channel="chat"),
            # signed on the line of the last sentence, after thanks, or with the team
            Example(
                reply="I refunded the second charge. Thanks for your patience. Best, Kim",
                channel="chat",
            ),
            Example(reply="I refunded the second charge. Thanks! Kim (Billing)", channel="chat"),
            Example(reply="Your order ships Monday.\n\nBest,\nSam Lee\nAcme Support"),
            # a name in capitals, or closed by an exclamation mark
            Example(reply="Your order ships Monday.\n\nBest regards,\nSAM ORTIZ"),
            Example(reply="Your order ships Monday.\n\nThanks, Sam!"),
            # a signature block with no valediction, right under the last sentence
            Example(
                reply="Your order ships Monday.\nJonas Keller\nCustomer Care Specialist\n"
                "Acme GmbH | +49 30 1234567"
            ),
            Example(reply="Hi, I'm Sam from billing. Your refund is on its way.", channel="chat"),
            Example(
                reply="Your refund is on its way.\n\nThanks,\n{{agent.first_name}}",
                template=True,
            ),
            # a variable whose words run together
            Example(reply="Your refund is on its way.\n\nThanks,\n%AGENTNAME%", template=True),
            Example(reply="Your refund is on its way.\n\nThanks,\n<agent name>", template=True),
            Example(reply="Your refund is on its way.\n\nThanks, <agent name>", template=True),
            # the name signed in one branch of a conditional: a customer is sent that one
            Example(
                reply="Your refund is on its way.\n\n{% if agent %}Thanks,\n{{agent.name}}"
                "{% else %}Thanks,\nThe Acme Team{% endif %}",
                template=True,
            ),
            Example(reply="Thanks for the shout-out! ^JK", channel="social"),
            Example(reply="Your refund is on its way.\n\nThanks,\n-- \nSam Lee | Acme Support"),
        ],
    )

    def setup(self, context: RuleContext) -> None:
        packs = context.packs
        self._given_names = given_names() | {
            _plain(n) for n in packs.words("agent_identity.given_names")
        }
        self._introductions = context.analyses.phrases("agent_identity.introductions")
        self._salutations = context.analyses.phrases("greeting.salutations")
        self._organisation = packs.words("agent_identity.organisation_words")
        self._titles = packs.words("agent_identity.titles")
        self._closing_words = packs.words("agent_identity.closing_words")
        self._agent_variables = packs.words("agent_identity.agent_variables")
        self._common_words = context.common_words

    def detect(self, reply: AnalyzedReply) -> Verdict:
        if reply.channel == "social":
            return Verdict(present=False, applicable=False, reason="a social post")
        introduced = self._introduction(reply)
        if introduced is not None:
            return Verdict(present=True, reason="introduced in the text", evidence=introduced)
        signed = self._signature(reply)
        if signed is not None:
            return Verdict(present=True, reason="signed by a person", evidence=signed)
        if self._signed_under_delimiter(reply):
            # (no evidence: the block is not in the analysed text)
            return Verdict(present=True, reason="signed by a person under the '--' line")
        transcript = reply.normalized.transcript
        if transcript is not None and transcript.agent_name is not None:
            # (no evidence: the label is cut from the analysed text; the chat shows it)
            return Verdict(present=True, reason="named in the chat's speaker labels")
        return Verdict(present=False, reason="no agent's name", confidence=0.8)

    # -- "I'm Sam from billing" ----------------------------------------------------------
    def _introduction(self, reply: AnalyzedReply) -> Span | None:
        for sentence in reply.sentences:
            for match in self._introductions.find(sentence):
                index = match.end
                if index < sentence.end and sentence.doc[index].text == ",":
                    index += 1
                if index >= sentence.end:
                    continue
                token = sentence.doc[index]
                if reply.in_placeholder(token.idx, token.idx + len(token.text)):
                    if self._agent_variable(reply, token.idx, token.idx + len(token.text)):
                        return sentence.doc[match.start : index + 1]
                    continue
                after = sentence.doc[index + 1] if index + 1 < sentence.end else None
                if after is not None and _plain(after.text) in self._organisation:
                    continue  # "you're chatting with Brightpool Pharmacy"
                if self._introduces_name(token.text, _plain(match.text)):
                    return sentence.doc[match.start : index + 1]
        return None

    def _introduces_name(self, word: str, introduction: str) -> bool:
        """A capitalised word after an introduction that names a person: any after "my
        name is" or "you're chatting with"; a first name or no common word after "I'm"
        ("I'm Sam", not "I'm Happy to help"); only a first name after "this is" (not
        "this is Troubleshooting Information")."""
        if not word[:1].isupper() or not word.replace("'", "").isalpha():
            return False
        plain = _plain(word)
        if plain in self._given_names:
            return True
        if introduction in _FIRST_NAME_ONLY or plain in self._organisation:
            return False
        return introduction not in _NOT_COMMON_ONLY or plain not in self._common_words

    # -- the sign-off --------------------------------------------------------------------
    def _signature(self, reply: AnalyzedReply) -> Span | None:
        """The agent's name in the first line of the sign-off, if it names a person: the
        reply's own sign-off, else one closing an earlier branch of a macro's conditional
        ("{% if agent %}Best,\\n{{agent.name}}{% else %}Best,\\nThe Acme team{% endif %}":
        the customer is sent one branch, and the name signed in one counts)."""
        signed = self._signed_in(reply, self._name_lines(reply))
        for branch in reply.branch_signoffs:
            if signed is not None:
                break
            signed = self._signed_in(
                reply, self._lines_of(reply, branch.start_char, branch.end_char)
            )
        return signed

    def _signed_in(self, reply: AnalyzedReply, lines: list[tuple[int, int]]) -> Span | None:
        """The agent's name in the first line of one sign-off's ``lines``, if it names a
        person."""
        text = reply.normalized.text
        for start, end in lines:
            line = text[start:end]
            opening = _VALEDICTION.match(line)
            offset = opening.end() if opening is not None else 0
            while offset < len(line) and line[offset] in _MARKERS:
                offset += 1
            if offset >= len(line):
                continue  # a valediction alone
            part_end = _NAME_PART_END.search(line, offset)
            stop = part_end.start() if part_end is not None else len(line)
            # (before the closing phrase's test, whose lower-case words "Thanks, <agent
            # name>" would pass: the slot's words are no closing phrase's)
            slot = self._signer_slot(line, offset, stop)
            if slot is not None:
                if not (reply.template and self._names_agent(line[slot[0] : slot[1]])):
                    return None  # in a reply about to be sent, the slot names no one
                return reply.doc.char_span(
                    start + slot[0], start + slot[1], alignment_mode="expand"
                )
            named = self._closed_name(line[offset:stop])
            if named is not None:
                stop = offset + named  # "Thanks, Sam!": the mark closes the sign-off
            elif _is_closing_line(line):
                continue  # "Thanks for your patience,": the name is on the next line
            if (
                opening is not None
                and "thank" in opening.group().lower()
                and self._thanks_the_customer(reply, line[offset:stop])
            ):
                return None  # "Hi Emma, ... Thanks, Emily!": the customer, misnamed
            if self._names_person(reply, start + offset, start + stop):
                return reply.doc.char_span(start + offset, start + stop, alignment_mode="expand")
            return None  # the first line after the valediction decides
        return None

    def _closed_name(self, part: str) -> int | None:
        """The length of a first name and surname before the full stop or exclamation
        mark closing the sign-off ("Sam!", "Priya Shah."), which would otherwise read as
        a closing phrase's; ``None`` when ``part`` is no such name. The first word must
        be a known first name: "Happy Holidays!" closes, it does not sign."""
        bare = _CLOSING_MARKS.sub("", part.rstrip()).rstrip()
        words = bare.split()
        if bare == part or not 1 <= len(words) <= _MAX_CLOSED_NAME_WORDS:
            return None
        if not all(w[:1].isupper() for w in words):
            return None
        return len(bare) if _plain(words[0]) in self._given_names else None

    @staticmethod
    def _signer_slot(line: str, offset: int, stop: int) -> tuple[int, int] | None:
        """Where in ``line`` a fill-in slot for the signer stands, from ``offset``: the
        rest of the line ("<agent name>", "(your name)", which the name part would cut at
        its bracket) or the name part before a role ("<Your Name> | Support"), in any
        bracket the sign-off reader takes (:func:`is_signer_slot`). The placeholder step
        leaves such a slot as written, so without this its words were read as a person's
        name ("<Agent Name>") or as none ("<agent name>")."""
        for end in (len(line), stop):
            if end > offset and is_signer_slot(line[offset:end].strip()):
                return offset, end
        return None

    def _signed_under_delimiter(self, reply: AnalyzedReply) -> bool:
        """Whether the first line of an e-mail signature block, which the normaliser cut
        at its ``--`` line as no part of the reply's text, names a person ("-- /
        Sam Jones | Customer Support"): the customer reads it all the same. Plain text
        only (an HTML block's first line is markup); a template's agent variable counts
        as in the sign-off."""
        normalized = reply.normalized
        if normalized.is_html:
            return False
        for removed in normalized.removed:
            block = normalized.original[removed.start : removed.end]
            lines = [line.strip() for line in block.splitlines() if line.strip()]
            if removed.kind != "signature" or len(lines) < 2 or lines[0] != "--":
                continue  # (the contact lines cut under a sign-off have no "--")
            line = lines[1]
            if _VARIABLE.fullmatch(line) or "{" in line or "%" in line:
                return reply.template and self._names_agent(line)
            part_end = _NAME_PART_END.search(line)
            slot = self._signer_slot(line, 0, part_end.start() if part_end else len(line))
            if slot is not None:
                return reply.template and self._names_agent(line[slot[0] : slot[1]])
            name = line[: part_end.start()] if part_end is not None else line
            return self._names_person_text(reply, name.strip(), reply.normalized.text)
        return False

    def _name_lines(self, reply: AnalyzedReply) -> list[tuple[int, int]]:
        """Where the sign-off's lines are in the analysed text: the recognised sign-off,
        else the short lines closing a reply of several lines."""
        text = reply.normalized.text
        if reply.signoff is not None:
            begin = reply.signoff.start_char
        else:
            lines = text.rstrip().split("\n")
            if len(lines) < 2:
                return []
            kept, contact = 0, 0
            for line in reversed(lines[-_TAIL_LINES:]):
                stripped = line.strip()
                if not stripped:
                    break
                if kept == 0 and _CONTACT.search(stripped):
                    contact += 1  # phone, web address, "Book a call: ..." under the name
                    continue
                if not self._signature_like(stripped):
                    break
                kept += 1
            if kept == 0 or kept + contact >= len(lines):
                return []
            begin = len("\n".join(lines[: -(kept + contact)])) + 1
        return self._lines_of(reply, begin, len(text))

    @staticmethod
    def _lines_of(reply: AnalyzedReply, begin: int, end: int) -> list[tuple[int, int]]:
        """Where the lines of the analysed text's ``[begin, end)`` are, blank ones left out."""
        text = reply.normalized.text
        spans: list[tuple[int, int]] = []
        position = begin
        for raw in text[begin:end].split("\n"):
            lead = len(raw) - len(raw.lstrip())
            if raw.strip():
                spans.append((position + lead, position + lead + len(raw.strip())))
            position += len(raw) + 1
        return spans

    @staticmethod
    def _signature_like(line: str) -> bool:
        """A line that may belong to a signature: a template variable ("$AGENT"), or a
        few words without the marks of a sentence ("Start Thunderbird.") or a menu path
        ("Options -> Privacy")."""
        if _VARIABLE.search(line):
            return True
        words = line.split()
        if len(words) > _MAX_NAME_LINE_WORDS or _NOT_SIGNATURE.search(line):
            return False
        return not line.endswith(".") or bool(_INITIAL.fullmatch(words[-1]))

    def _names_person(self, reply: AnalyzedReply, start: int, end: int) -> bool:
        text = reply.normalized.text
        if reply.in_placeholder(start, end) or _VARIABLE.fullmatch(text[start:end].strip()):
            return reply.template and self._agent_variable(reply, start, end)
        bracketed = _BRACKETED_NAME.match(text[end : end + _BRACKET_REACH].lstrip(" \t"))
        if (
            bracketed
            and len(_WORD.findall(text[start:end])) == 1
            and _plain(bracketed.group(1)) in self._given_names
        ):
            return True  # a forum handle and the person's name: "Wisewiz (Dan)"
        return self._names_person_text(reply, text[start:end], text[:start])

    def _names_person_text(self, reply: AnalyzedReply, line: str, before: str) -> bool:
        """Whether the name part of a sign-off line names a person; ``before`` is the
        reply's text above it (the company it names is no person)."""
        words = _WORD.findall(line)
        if not words or len(words) > _MAX_NAME_LINE_WORDS:
            return False
        if line.isupper() and self._name_in_capitals(words):
            words = [word.title() for word in words]  # "SAM ORTIZ": read as "Sam Ortiz"
        first, rest = words[0], words[1:]
        if any(w.endswith(("'s", "’s")) for w in words[:3]) or "&" in line:
            return False  # "Dr Hamid Sadeghi's secretary", "Marlow & Finch"
        plain = _plain(first.rstrip("."))
        if plain in self._titles or _INITIAL.fullmatch(first):
            return bool(rest) and rest[0][:1].isupper()  # "Mr D. Ashworth", "R. Delgado"
        if first.isupper() and len(first.replace(".", "")) <= _MAX_INITIALS:
            return False  # initials alone: "JK", "J.K."
        if not first[:1].isupper() or plain in self._closing_words:
            return False
        if self._is_customers_name(reply, plain):
            return False  # "Hi Kim, ... Thanks, Kim": the customer thanked, no one signing
        if rest and _plain(rest[0]) in self._organisation:
            return False  # "Orla Pharmacy", "Kim Travel": a first name naming a business
        if plain in self._given_names:
            return True  # "Ben Bucksch Owl team": the person, then their team
        if any(_plain(w) in self._organisation for w in words):
            return False  # "Brightpool Air", "Brightpool Grid Energy", "Reception Team"
        if plain in _plain(before):
            return False  # the company, named in the reply: "Thank you for contacting Brightpool"
        if not rest and first[1:].islower() and self._compound(plain):
            return False  # a brand made of two words: "Oakhaven", "Zestbox"
        if self._camel_coinage(first):
            return False  # "TicketBox", "SpinCycle Laundry" (not "DeShawn", "MacKenzie")
        # An unknown capitalised word alone ("Kai") or before a surname ("Teodor Evans");
        # three capitalised words are a company ("Brightpool Player Safety").
        return not rest or (len(rest) == 1 and rest[0][:1].isupper())

    def _is_customers_name(self, reply: AnalyzedReply, plain: str) -> bool:
        """Whether the first name ``plain`` (see :func:`_plain`) is the customer's: the one
        given with the reply, else the one its greeting addresses ("Hi Kim," "Dear Kim"). A
        reply whose only name at its close is the name it greets the customer by does not
        tell them who answered, the name on a line of its own too ("Thanks,\nKim")."""
        if reply.customer_name and reply.customer_name.split():
            return plain == _plain(reply.customer_name.split()[0])
        return plain == self._greeted(reply)

    def _thanks_the_customer(self, reply: AnalyzedReply, part: str) -> bool:
        """Whether the name after a valediction on its line ("Thanks, Emily!") is meant for
        the customer (given, or greeted), rightly or by mistake: a misspelling, or a name
        the dataset relates to theirs (:func:`stands_for`), which customer_name reports."""
        words = _WORD.findall(part)
        if not words:
            return False
        given = reply.customer_name.split() if reply.customer_name else []
        customer = given[0] if given else self._greeted(reply)
        return customer is not None and stands_for(words[0], customer)

    def _greeted(self, reply: AnalyzedReply) -> str | None:
        """The name right after the salutation opening the reply ("Hi Kim,", "Hello, Kim!",
        "Dear Kim"), see :func:`_plain`; None when the greeting names no one ("Hi there")."""
        opening = reply.opening
        if opening is None:
            return None
        doc = opening.doc
        for match in self._salutations.find(opening):
            if match.start != opening.start:
                return None  # a salutation inside a sentence greets no one: "... said hello"
            index = match.end + (match.end < opening.end and doc[match.end].text == ",")
            if index >= opening.end:
                return None
            word = doc[index].text
            if not (word.isalpha() and word[:1].isupper()):
                return None
            after = index + 1
            if after < opening.end and doc[after].is_title and doc[after].is_alpha:
                after += 1  # a surname: "Hi Kim Lee,"
            if after < opening.end and not (doc[after].is_punct or doc[after].is_space):
                return None  # the agent introduced: "Hi, Kim here", "Hi there, Kim from Acme"
            return _plain(word)
        return None

    def _name_in_capitals(self, words: list[str]) -> bool:
        """Whether a sign-off line in capitals is a name set in capitals ("SAM ORTIZ",
        "PRIYA") rather than initials ("JK", "J.K."): it opens with a known first name, or
        has a word longer than initials are ("ACME SUPPORT" is then read as "Acme
        Support", a team)."""
        return _plain(words[0]) in self._given_names or any(
            len(word.replace(".", "")) > _MAX_INITIALS for word in words
        )

    def _compound(self, word: str) -> bool:
        """``word``, of seven letters or more, is two common words of three letters or more
        run together ("oakhaven", "quillnote"): a brand's coinage, where a first name the
        dataset does not know ("Teodor", "Saoirse") seldom splits so."""
        return len(word) >= _MIN_COMPOUND and any(
            word[:i] in self._common_words and word[i:] in self._common_words
            for i in range(_MIN_PART, len(word) - _MIN_PART + 1)
        )

    def _camel_coinage(self, word: str) -> bool:
        """``word`` is a brand written in camel case from common words of three letters or
        more, none a first name ("TicketBox", "SpinCycle", "ClearPath"). A person's name
        in camel case opens with a short particle ("DeShawn", "McKenzie", "LaToya", "JoAnn")
        or joins a first name ("MacKenzie", "KeyShawn", "MaryKate", "VanDyke")."""
        if _CAMEL_WORD.fullmatch(word) is None:
            return False
        humps = [hump.lower() for hump in _CAMEL_HUMP.findall(word)]
        return all(
            len(hump) >= _MIN_PART and hump in self._common_words and hump not in self._given_names
            for hump in humps
        )

    def _agent_variable(self, reply: AnalyzedReply, start: int, end: int) -> bool:
        """Whether a template variable in [start, end) of the analysed text will hold the
        agent's name: its original text names an agent ("{{agent.first_name}}",
        "%AGENT_NAME%"), not the company or the customer."""
        return self._names_agent(reply.to_original(start, end)[2])

    def _names_agent(self, variable: str) -> bool:
        """Whether a template variable's original text names an agent."""
        original = _CAMEL.sub(r"\1 \2", variable).lower()
        parts = {
            part for word in _SPLIT_VARIABLE.split(original) for part in self._compound_parts(word)
        }
        agent = parts & self._agent_variables
        if not agent or parts & _ORGANISATION_VARIABLES:
            return False
        # "name" with no word for a person is whatever else the variable names:
        # "{{practice_name}}" the practice ("{{office_staff}}" is a person)
        return agent != {"name"} or not parts & _THING_VARIABLES

    def _compound_parts(self, word: str) -> tuple[str, ...]:
        """A variable's word written as one ("%AGENTNAME%", "$REPNAME"): a person's word
        and another variable word run together, split in two, so it reads as
        "%AGENT_NAME%" does; any other word whole."""
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if head in self._agent_variables and head != "name" and (tail in self._agent_variables):
                return head, tail
        return (word,)

    def suggest(self, reply: AnalyzedReply) -> str | None:
        return 'Sign with your first name under the closing, e.g. "Best regards," then "Sam"'
