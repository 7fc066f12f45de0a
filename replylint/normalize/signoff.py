"""The agent's sign-off at the end of a reply: "^JK", "- Katie", "Best,\\nSam".

The sign-off is kept in the text (a closing-thanks check reads "Many thanks"
in it) but marked as a region, so that checks can tell an agent's name or
initials from the reply's words: "-KC" is not jargon, "Sam" is not the
customer's name. Recognition is deliberately conservative; an ordinary last
sentence is never a sign-off. A few contact-detail lines (phone, web address,
"Sam Lee | Support Team", a job title such as "Senior Support Specialist", a
company line such as "Acme Inc.") after a recognised sign-off are signature and
are reported for removal, so "Thanks,\nMia Wong\nSenior Support Specialist\n
Acme Inc." still ends with its thanks.

Macros often sign with a block of name, team and organisation lines that none of those
shapes covers ("Thanks for staying with us!\nFemi Adebayo\nHome Moves Team, Copperline
Broadband", "Thanks,\n$AGENT\nMarlow & Finch Deliveries", "Thanks for your patience!\n\n
[agent name]": a fill-in slot for the signer, :mod:`replylint.normalize.slots`, which
may also stand on the valediction's own line: "Thanks, <agent name>", as a name may,
with the team after a bar or on the lines under it: "Thank you, Sam | Acme Support",
"Thank you, Sam\nAcme Support"). The
lines under the name may be fields still to be filled in ("Sam\n<Job Title>", "Support
Team, <Venue Name>": :func:`replylint.normalize.slots.is_field_slot`). Such a
block of up to three short lines is a sign-off only under a line that closes the reply: a
valediction, a sentence that thanks, or a sentence ending the text above a blank line
when the block starts with a name. Anywhere else a short capitalised last line may be a
menu path or a heading, and stays reply text.

Written on one line, a sign-off gives the agent's team, organisation or support tier
after the name, past bars, spaced dashes or middle dots ("Thanks, Sam | Billing | Acme
Support", "Best, Priya - Tier 2 - Northwind", "Cheers \u2014 Jo \u00b7 Customer Care \u00b7
Brightline", "^Sam | Billing", "... today. Thanks, Kim - Billing"). Every part after the
name must read as a signature line, so "Thanks, Kim - see you soon" and "Settings - Apps
- Firefox" name no team; and a spaced dash after a first name sets off the team rather
than marking a sign-off: "Sam - Billing" is signed by Sam, not by "- Billing".

A name after a valediction, on its line or the line under it, may close with a full stop
or an exclamation mark, as a sentence does, and be set in capitals: "Thanks, Sam!",
"Cheers, Priya.", "Best,\\nSam!", "Best regards,\\nSAM ORTIZ". On the valediction's line
a comma or a dash must set such a name off ("Thanks Hartmut." thanks someone), on a line
of its own as after the last sentence of the body's line ("... within 3 days. Thanks,
Kim!", "... Cheers, Kim."; "... now! Thanks Hartmut." is no sign-off).

Contact lines are told by their shape, so a detail after a label in the agent's own words
is one too ("Support team: billing@acme.example", "Billing hotline: +1 555 0100"). Over
contact lines, a block of name lines under a closing is a sign-off as it is at the end of
the text, and so is a person's name (a known first name) right under the last sentence:
"... if it does not.\\nJonas Keller\\nCustomer Care Specialist\\nAcme GmbH | +49 30
1234567", where the title and the company say it is a signature as a valediction would.

A blank line may stand inside a sign-off, between the name and the team ("Kind regards,
\nSam\n\nAcme Support Team") or between the valediction and the block under it ("Yours
sincerely,\n\nRhodri Evans\nRights of Way Officer"): signature lines under a blank line
join the sign-off right above it, which reads the team as no sentence of the reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint.names import given_names
from replylint.normalize.quoting import looks_like_sentence
from replylint.normalize.slots import field_slot_spans, is_signer_slot
from replylint.normalize.vocabulary import alternation, shipped_lexicon

#: Closing phrases that may stand on a line of their own before the agent's name.
VALEDICTIONS: tuple[str, ...] = shipped_lexicon("signoff.valedictions")

_VALEDICTION = alternation(VALEDICTIONS, longest_first=True)
#: A line that is only a valediction ("Many thanks,", "Cheers!").
_VALEDICTION_LINE = re.compile(rf"(?:{_VALEDICTION})[ \t]*[,!.]{{0,3}}", re.IGNORECASE)
#: What separates the parts of a sign-off written on one line: the name, then the agent's
#: team and organisation or support tier ("Sam | Billing | Acme Support", "Priya - Tier 2 -
#: Northwind", "Jo \u00b7 Customer Care \u00b7 Brightline"). Spaced, so "Wi-Fi" is one word
#: (and from the first space of a run only: a search is not tried again from each one).
_PART_MARKS = "-\u2013\u2014|\u00b7\u2022"
_PART_SEPARATOR = re.compile(rf"(?<![ \t])[ \t]+[{_PART_MARKS}][ \t]+")
#: The punctuation between a valediction and the name after it: "Thanks, Sam", "Cheers \u2014
#: Jo" (a spaced dash, tried first: the name never starts with one).
_AFTER_VALEDICTION = r"(?:[ \t]+[-\u2013\u2014][ \t]+|[ \t]*[,!.]{0,3}[ \t]*)"
#: A valediction followed on the same line by a name ("Thanks, Sam").
_VALEDICTION_THEN_NAME = re.compile(
    rf"(?:{_VALEDICTION}){_AFTER_VALEDICTION}(?P<name>\S[^\n]{{0,80}})", re.IGNORECASE
)
#: A valediction right before a sign-off marker, at the start of a sentence.
_VALEDICTION_BEFORE_MARKER = re.compile(
    rf"(?:^|(?<=[.!?)\]]))[ \t]*(?P<val>{_VALEDICTION})[ \t]*[!,]?[ \t]*\Z", re.IGNORECASE
)
_ENDS_WITH_VALEDICTION = re.compile(rf"(?<![^\W\d_])(?:{_VALEDICTION})\Z", re.IGNORECASE)

#: A valediction and a name closing a line of prose after its last sentence, as chat and
#: short e-mails sign on one line: "... refunded it today. Thanks, Kim".
_INLINE_VALEDICTION_NAME = re.compile(
    rf"(?<=[.!?])[ \t]+(?P<val>{_VALEDICTION})(?:[ \t]+[-\u2013\u2014]|[ \t]*[,!.]{{0,3}})[ \t]+"
    r"(?P<name>[^\W\d_][^\n]{0,60})\Z",
    re.IGNORECASE,
)
#: One capitalised word after a sentence that thanks, closing the line: "... within 3
#: days. Thanks for your patience! Sam", perhaps with the agent's team after it ("Sam
#: (Billing)", "Sam - Billing team", "Sam | Billing | Acme": see ``_without_team``).
_THANKS_THEN_NAME = re.compile(
    r"(?i:\bthank)[^.!?\n]{0,80}[.!?]+[ \t]+"
    rf"(?P<name>[^\W\d_]+(?:[ \t]\([^()\n]{{1,40}}\)|[ \t][{_PART_MARKS}][ \t][^\n]{{1,60}})?)\Z"
)
#: A first name alone closing a line of prose after its last sentence, as chat and
#: social replies sign: "... Have a great flight! Josh", perhaps with the agent's team
#: or brand ("Kat, Acme Support", "Liam @ Volt", "Kat | Billing | Acme": the parts after
#: the name hold no sentence end, so the search goes on to the last sentence's) and an
#: emoji after it.
_NAME_AFTER_SENTENCE = re.compile(
    rf"[.!?][ \t]+(?P<name>[^\W\d_]+(?:[ \t]+[{_PART_MARKS}][ \t]+[^\n.!?]{{1,60}}?)?)"
    r"(?:,[ \t]+(?P<team>[^\W\d_][^\n,.!?]{0,40})|[ \t]@[ \t]?(?P<brand>[^\W\d_]\w{0,30}))?"
    r"(?:[ \t]*[^\w\s.,!?]{1,3})?\Z"
)
#: A marker and an agent's initials or name closing the last line: "^JK",
#: "- Katie", "*AngieShaw", "...Roland", "^Jane 2/2" (a tweet counter may follow), "^Jane
#: | Billing" (the agent's team after the name: see ``_without_team``).
_MARKER_NAME = re.compile(
    r"(?P<marker>\^[ \t]?\[?|\*|[~/=][ \t]?|[-\u2013\u2014][ \t]?|\.{1,4}[ \t]?)"
    r"(?P<name>[^\W\d_]{1,25}(?:[ \t][^\W\d_]{1,25})?)(?P<close>[\].])?"
    rf"(?P<team>[ \t]+[{_PART_MARKS}][ \t]+[^\n]{{1,60}}?)?"
    r"(?:[ \t]+\(?\d{1,2}/\d{1,2}\)?)?(?:[ \t]+https?://\S{1,200})?[ \t]*\Z"
)
#: The full stop or exclamation mark that may close a sign-off after the name: "Thanks,
#: Sam!", "Cheers, Priya." (not a question mark: "Thanks, Sam?" asks).
_CLOSING_MARKS = re.compile(r"[.!]{1,3}\Z")
#: What sets a name off from the valediction before it: "Thanks, Sam!", "Cheers - Jo."
_SETTING_OFF = ",-\u2013\u2014"
#: A tweet counter on a line of its own after the sign-off: "^Vinod\n2/2".
_COUNTER_LINE = re.compile(r"\(?\d{1,2}/\d{1,2}\)?")
#: An agent's bare initials closing a tweet, with no marker: "... travel-plans HRB". Only
#: after a link or a sentence end, where no sentence goes on: "... on your PC" is prose.
_BARE_INITIALS = re.compile(r"[A-Z]{2,3}")
_LINK_START = ("http://", "https://", "www.")
#: Capitals that close a sentence as a word of it, not as anyone's initials ("... OK").
_NOT_INITIALS = frozenset(shipped_lexicon("signoff.not_initials"))
_SENTENCE_END = re.compile(r"[.!?]")
_DASHES = "-\u2013\u2014"
#: Things after " - " that are a schedule or a menu path, not a person.
_NOT_NAMES = frozenset(shipped_lexicon("signoff.not_names"))
#: Lower-case words allowed inside a name line ("The Acme support team").
_NAME_PUNCT = "'\u2019-"
_NAME_CONNECTORS = frozenset(shipped_lexicon("signoff.name_connectors"))
#: A name line one word longer than a name ends in one of these ("Sam from the Help Team").
_TEAM_WORDS = frozenset(shipped_lexicon("signoff.team_words"))
#: Menu paths such as "Settings - Apps - Cached Data" end in words, not in a sign-off.
_PATH_SEPARATOR = re.compile(r" [-\u2013\u2014>\u2192|] |->|\u2192")

#: Lower-case words between the capitalised words of a signature block ("Zoe at Zestbox").
_SIGNATURE_CONNECTORS = frozenset(shipped_lexicon("signoff.signature_connectors"))
#: Symbols that may stand as words on a signature line ("Marlow & Finch", "Sam | Billing").
_SIGNATURE_SYMBOLS = frozenset({"&", "|", "-", "\u2013", "\u2014", "/", "+"})
#: A template field the normaliser leaves as written: "$AGENT", "[[agent_name]]".
#: A short code of capitals and digits in an organisation's name: "Layerworks 3D", "3M",
#: "B2B Supplies", "Studio 4B". Two to four characters, at least one of each, so a
#: number alone ("0800", a ticket's "12345") never makes a line a signature's.
_NAME_CODE = re.compile(r"(?=[A-Z\d]{0,3}\d)(?=[A-Z\d]{0,3}[A-Z])[A-Z\d]{2,4}")
_LEFT_FIELD = re.compile(r"\$[A-Z][A-Z0-9_]{1,40}|\[\[[\w. ]{1,40}\]\],?")
#: What a bracketed field inside a signature line reads as ("Support Team, <Venue Name>"):
#: one capitalised word, as the detail it stands for would be written.
_FIELD_WORD = "Field"
#: Thanks or a valediction inside a line that closes the reply ("Thanks for staying with
#: us!", "Thanks for cooking with us,"); the line must also end in one of ``,.!``.
_CLOSING_WORDS = re.compile(rf"(?<![^\W\d_])(?:{_VALEDICTION})(?![^\W\d_])", re.IGNORECASE)
#: A dash before the first line of a block: "– Sam, Acme Community Team".
_LEADING_DASH = re.compile(r"[-\u2013\u2014][ \t]+")

_PHONE_LABELS = alternation(shipped_lexicon("signoff.phone_labels"))
_PHONE = re.compile(
    rf"(?:(?:{_PHONE_LABELS})\.?:?[ \t]{{0,3}})?"
    r"\+?[\d(][\d \t().\-]{5,22}\d(?:[ \t]{0,3}(?:ext\.?|x)[ \t]{0,3}\d{1,6})?",
    re.IGNORECASE,
)
_CONTACT_LABELS = alternation(shipped_lexicon("signoff.contact_labels"))
_CONTACT_LABEL = re.compile(rf"(?:{_CONTACT_LABELS})[ \t]?:", re.IGNORECASE)
_ROLES = alternation(shipped_lexicon("signoff.role_words"))
_ROLE_WORDS = re.compile(rf"\b(?:{_ROLES})\b", re.IGNORECASE)
#: A job title on a signature line ("Senior Support Specialist", "Head of Customer Care").
_JOB_TITLES = alternation(shipped_lexicon("signoff.job_titles"))
_JOB_TITLE = re.compile(rf"\b(?:{_JOB_TITLES})\b", re.IGNORECASE)
#: A company line ends in a legal form: "Acme Inc.", "Widgets Ltd", "Acme GmbH".
_COMPANY_FORMS = frozenset(shipped_lexicon("signoff.company_forms"))
_MAX_TITLE_WORDS = 6
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}")
_URL_LINE = re.compile(r"(?:https?://|www\.)\S{1,300}", re.IGNORECASE)
#: A contact detail after a label in the agent's own words: "Support team: billing@acme.
#: example", "Billing hotline: +1 555 0100", "Help centre: https://...". The label is a
#: few words and no sentence; what follows it is told by its shape, not by the label.
_LABELLED = re.compile(r"(?P<label>[^\W\d_][\w'\u2019&/ -]{0,40}?)[ \t]*:[ \t]*(?P<detail>\S.*)")
_MAX_LABEL_WORDS = 4

_MAX_CONTACT_LINES = 4
_MAX_SIGNATURE_LINES = 3
_MAX_SIGNATURE_WORDS = 8
_MAX_SIGNATURE_CHARS = 80
_MAX_NAME_LINES = 3
_MAX_NAME_WORDS = 3
_MAX_INITIALS = 4
_TAIL = 600
_MARKER_WINDOW = 300
_LOOKBACK = 80


@dataclass(frozen=True, slots=True)
class Signoff:
    """Where the sign-off is, and where trailing contact lines begin (if any)."""

    start: int
    end: int
    contact_start: int | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # of the stripped content
    end: int
    content: str


def _tail_lines(text: str) -> list[_Line]:
    """The last lines of `text`, with leading and trailing blanks trimmed off each."""
    begin = 0
    if len(text) > _TAIL:
        begin = text.find("\n", len(text) - _TAIL) + 1
    lines: list[_Line] = []
    position = begin
    for raw in text[begin:].split("\n"):
        content = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(position + lead, position + lead + len(content), content))
        position += len(raw) + 1
    return lines


def _is_name_line(line: str) -> bool:
    """1-3 capitalised words without sentence punctuation: "Sam Lee", "The Acme Team"."""
    words = line.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS + 1:
        return False
    for index, word in enumerate(words):
        if len(word) == 2 and word[1] == "." and word[0].isupper():
            continue  # an initial: "Sam L."
        if not word[0].isalpha() or not all(c.isalpha() or c in _NAME_PUNCT for c in word):
            return False
        if word[0].isupper():
            if word.isupper() and len(word) > _MAX_INITIALS:
                return False  # "END QUOTE" is a heading, not a person
            continue
        if index and word.lower() in _NAME_CONNECTORS:
            continue
        return False
    last = words[-1].lower()
    return len(words) <= _MAX_NAME_WORDS or last in _TEAM_WORDS


def _is_title_line(line: str) -> bool:
    """A job title or a company: "Senior Support Specialist", "Customer Success Manager,
    EMEA", "Acme Inc." (capitalised words, no sentence)."""
    words = line.replace(",", " ").split()
    if not 1 <= len(words) <= _MAX_TITLE_WORDS or line[-1] in "!?:;":
        return False
    capitalised = all(w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words)
    if capitalised and len(words) > 1 and words[-1].rstrip(".").lower() in _COMPANY_FORMS:
        return True  # "Acme Inc."
    return capitalised and line[-1] != "." and _JOB_TITLE.search(line) is not None


def _is_signature_line(line: str) -> bool:
    """A name, team or organisation line of a signature block: "Femi Adebayo", "Home
    Moves Team, Copperline Broadband", "Kettle & Co. Appliance Repair", "$AGENT".
    Capitalised words, a few connecting words and symbols, no digits but in a short code
    of an organisation's name (:data:`_NAME_CODE`), no sentence end."""
    if not line or len(line) > _MAX_SIGNATURE_CHARS or line[-1] in "!?:;,":
        return False
    if is_signer_slot(line):
        return True  # "[agent name]": the signature still to be filled in
    slots = field_slot_spans(line)
    if slots == [(0, len(line))]:
        return True  # "<Job Title>", "[Department]": a detail still to be filled in
    for start, end in reversed(slots):  # "Support Team, <Venue Name>"
        line = line[:start] + _FIELD_WORD + line[end:]
    if looks_like_sentence(line) or _VALEDICTION_LINE.fullmatch(line):
        return False
    head, *parts = _PART_SEPARATOR.split(line)
    if parts:  # "Priya - Tier 2 - Northwind", "Jo \u00b7 Customer Care \u00b7 Brightline"
        tier = _is_inline_name(head, _MAX_NAME_WORDS)  # a person's tier, not a team's
        return _is_signature_line(head) and all(_is_team_part(p, tier=tier) for p in parts)
    words = line.replace(",", " ").split()
    if not 1 <= len(words) <= _MAX_SIGNATURE_WORDS:
        return False
    named = False
    for word in words:
        if word in _SIGNATURE_SYMBOLS or word in _SIGNATURE_CONNECTORS:
            continue
        if _LEFT_FIELD.fullmatch(word):
            named = True
            continue
        if _NAME_CODE.fullmatch(word):
            continue  # (a name's code alone names nobody: "3D" is no signature)
        core = word.rstrip(".")
        if not core or not core[0].isupper():
            return False
        if not all(c.isalpha() or c in _NAME_PUNCT or c in "&." for c in core):
            return False
        named = True
    if line.endswith("."):  # only an abbreviation may end it: "Kettle & Co.", "Sam L."
        last = words[-1].rstrip(".")
        if last.lower() not in _COMPANY_FORMS and len(last) > 1:
            return False
    return named


def _signature_block(lines: list[_Line], last: int) -> tuple[int, int] | None:
    """Up to three signature lines ending at ``lines[last]`` under a line that closes
    the reply (see the module docstring); the valediction line itself joins the
    sign-off, a sentence that thanks stays reply text."""
    top = last
    while top >= 0 and last - top < _MAX_SIGNATURE_LINES:
        content = lines[top].content
        if _is_signature_line(content) and not _signed_valediction(content):
            top -= 1  # ("Thanks, Sam" reads as capitalised words, but closes the block)
            continue
        undashed = _LEADING_DASH.sub("", content, count=1)
        if undashed != content and _is_signature_line(undashed):
            top -= 1  # "– Sam, Acme Community Team" opens the block
        break
    first = top + 1
    if first > last or top < 0:
        return None
    start, end = lines[first].start, lines[last].end
    above = lines[top].content
    if above:
        if _VALEDICTION_LINE.fullmatch(above) or _signed_valediction(above):
            return (lines[top].start, end)
        if above[-1] in ",.!" and _CLOSING_WORDS.search(above):
            return (start, end)
        return None
    opener = _LEADING_DASH.sub("", lines[first].content, count=1)
    starts_with_name = (
        _is_name_line(opener) or _LEFT_FIELD.fullmatch(opener) is not None or is_signer_slot(opener)
    )
    if top >= 1 and starts_with_name and _ends_a_sentence(lines[top - 1].content):
        return (start, end)
    return None


def _team_after_a_blank_line(lines: list[_Line], last: int) -> tuple[int, int] | None:
    """A sign-off with a blank line inside it: the team or organisation under the name
    ("Kind regards,\nSam\n\nAcme Support Team"), or the block of name, title and
    organisation under the valediction ("Yours sincerely,\n\nRhodri Evans\nRights of Way
    Officer\nPenmor County Council"). Up to three signature lines end at ``lines[last]``,
    and right above the blank line over them is a sign-off, read as any other, which they
    close. Under no sign-off such lines may be a heading or a menu, and stay text."""
    top = last
    while top >= 0 and last - top < _MAX_SIGNATURE_LINES and _is_signature_line(lines[top].content):
        top -= 1
    if top == last or top < 1 or lines[top].content or not lines[top - 1].content:
        return None
    above = _signoff_ending_at(lines, top - 1) or _signature_block(lines, top - 1)
    return (above[0], lines[last].end) if above is not None else None


def _is_contact_line(line: str) -> bool:
    """A phone number, web or e-mail address, job title or company, or "Name | Title |
    Company" line."""
    if not line or _signed_valediction(line):
        return False  # (a team after the name: "Thanks, Sam | Acme Support" signs)
    if _labelled_detail(line) is not None:
        return True  # (before the prose test: a web address's pieces read as its words)
    if looks_like_sentence(line):
        return False
    if _is_contact_detail(line) or _CONTACT_LABEL.match(line) or _is_title_line(line):
        return True
    if "|" not in line:
        return False
    parts = [part.strip() for part in line.split("|") if part.strip()]
    return any(_is_contact_detail(part) or _ROLE_WORDS.search(part) for part in parts)


def _is_contact_detail(text: str) -> bool:
    """A phone number, e-mail or web address, alone or after a label of a few words
    ("Tel: ...", "Support team: billing@acme.example")."""
    return _labelled_detail(text) is not None or _is_bare_detail(text)


def _is_bare_detail(text: str) -> bool:
    return bool(_PHONE.fullmatch(text) or _EMAIL.fullmatch(text) or _URL_LINE.fullmatch(text))


def _labelled_detail(text: str) -> str | None:
    """The contact detail after a label in the agent's own words, if ``text`` is one:
    "Support team: billing@acme.example", "Billing hotline: +1 555 0100"."""
    labelled = _LABELLED.fullmatch(text)
    if labelled is None or len(labelled.group("label").split()) > _MAX_LABEL_WORDS:
        return None
    detail = labelled.group("detail").strip()
    return detail if _is_bare_detail(detail) else None


def _is_name(name: str, marker: str) -> bool:
    if marker == "^":
        return True
    words = name.split()
    if words[0].lower() in _NOT_NAMES:
        return False
    return all(word[0].isupper() for word in words)


def _marker_signoff(line: str, previous: str) -> tuple[int, int] | None:
    """Span of a marker sign-off ending `line` ("^JK", "TY - Jayne"), if any."""
    if not line:
        return None
    position = max(0, len(line) - _MARKER_WINDOW)
    while True:
        match = _MARKER_NAME.search(line, position)
        if match is None:
            return None
        span = _validate_marker(line, previous, match)
        if span is not None:
            return span
        position = match.start() + 1


def _validate_marker(line: str, previous: str, match: re.Match[str]) -> tuple[int, int] | None:
    """Check a candidate marker sign-off against the characters around it.

    `line` is stripped, so a marker at index 0 starts its line.
    """
    raw_marker = match.group("marker")
    marker = raw_marker.strip(" \t[")[:1]
    close = match.group("close") or ""
    start = match.start()
    if not _is_name(match.group("name"), marker):
        return None
    if (close == "]") != raw_marker.endswith("[") or (close == "." and marker not in "^~"):
        return None  # "~Mark Y." as "^JK.": a tilde or caret is never prose punctuation
    window = max(0, start - _LOOKBACK)
    before = line[window:start]
    prev_char = before[-1:]
    clause = _SENTENCE_END.split(before)[-1]  # its line's words since the last sentence end
    team = match.group("team")
    if team is not None and ((clause.strip() and marker in _DASHES) or not _is_team_tail(team)):
        return None  # the parts after the name are no team, or the dash is one of a path's
    if marker == "^":
        if prev_char.isalpha():
            return None
    elif marker in _DASHES:
        if prev_char.isalnum() and not _ENDS_WITH_VALEDICTION.search(line, window, start):
            return None
        spaced = raw_marker.endswith((" ", "\t")) or prev_char in (" ", "\t")
        if spaced and _PATH_SEPARATOR.search(clause):
            return None  # "Settings - Storage - Cached Data"
        if spaced and _sets_off_a_team(clause.strip(), match.group("name")):
            return None  # "Kim - Billing", "Thanks, Kim - Billing": Kim signs
    elif marker == ".":
        if prev_char not in ("", " ", "\t", "!") or (len(raw_marker.strip()) == 1 and start):
            return None  # ".NET" in a sentence
    elif prev_char not in ("", " ", "\t") and not (marker == "~" and prev_char in ".!?)"):
        return None  # "...for the community.~Olivia": a tweet signs right after its last full stop
    if start == 0 and marker in "-*" and (previous.startswith(marker) or previous.endswith(":")):
        return None  # a bulleted list item, not a sign-off
    end = match.end("team") if team is not None else match.end("name") + (close == "]")
    valediction = _VALEDICTION_BEFORE_MARKER.search(line, window, start)
    if valediction is not None:
        start = valediction.start("val")
    return (start, end)


def _valediction_above(lines: list[_Line], top: int) -> int | None:
    """Start of a valediction line right above line `top` (one blank line allowed)."""
    index = top - 1
    if index >= 0 and not lines[index].content:
        index -= 1
    if index >= 0 and _VALEDICTION_LINE.fullmatch(lines[index].content):
        return lines[index].start
    return None


def _ends_a_sentence(line: str) -> bool:
    return bool(line) and line[-1] not in ":,;-" and not line[-1].isalnum()


def _bare_initials(line: str) -> int | None:
    """Start of an agent's initials closing `line` without a marker, after a link, a
    sentence end or an inline thanks ("... some more info. Thanks, AK")."""
    word = max(line.rfind(" "), line.rfind("\t")) + 1
    initials = line[word:]
    if not word or not _BARE_INITIALS.fullmatch(initials):
        return None
    if initials.lower() in _NOT_INITIALS:
        return None
    head = line[:word].rstrip()
    before = head[max(head.rfind(" "), head.rfind("\t")) + 1 :]
    if before[-1:] in (".", "!", "?") or before.lower().startswith(_LINK_START):
        return word
    thanked = _VALEDICTION_BEFORE_MARKER.search(head, max(0, len(head) - _LOOKBACK))
    return thanked.start("val") if thanked is not None else None


def _inline_signoff(line: str) -> int | None:
    """Start of a sign-off closing a line of prose on the same line: a valediction and a
    name after the last sentence ("... today. Thanks, Kim"), or a first name alone after
    the last sentence ("... Thanks for your patience! Sam", "... Have a great flight!
    Josh", perhaps with a team or brand: "Kat, Acme Support", "Liam @ Volt"). The name is one or two
    capitalised words, not a day or a farewell (``signoff.not_names``), and may carry
    the agent's team ("Kim (Billing)", "Kim - Billing team").

    The valediction is looked for after every sentence end of the line's tail, not only
    the first: a sentence of thanks before it ("... Thanks for your patience. Best, Kim")
    also opens with a valediction's word, and its words are no name."""
    window = max(0, len(line) - _LOOKBACK)
    for end in _SENTENCE_END.finditer(line, window):
        found = _INLINE_VALEDICTION_NAME.match(line, end.end())
        if found is not None and _is_inline_name(_inline_name(found), 2):
            return found.start("val")
    thanked = _THANKS_THEN_NAME.search(line, window)
    if thanked is not None and _is_inline_name(_without_team(thanked.group("name")), 1):
        return thanked.start("name")
    named = _NAME_AFTER_SENTENCE.search(line, window)
    if (
        named is not None
        and _is_inline_name(_without_team(named.group("name")), 1)
        and (named.group("team") is None or _is_name_line(named.group("team").strip()))
    ):
        return named.start("name")
    return None


def _inline_name(found: re.Match[str]) -> str:
    """The name after a valediction closing a line of prose (``_INLINE_VALEDICTION_NAME``),
    without its team and without the full stop or exclamation mark it may close with
    when a comma or a dash sets it off, as on a line of its own: "... within 3 days.
    Thanks, Kim!", "... Cheers - Priya."; "... now! Thanks Hartmut." thanks someone."""
    name = found.group("name")
    set_off = found.string[: found.start("name")].rstrip()[-1:] in _SETTING_OFF
    if set_off:
        name = _CLOSING_MARKS.sub("", name).rstrip()
    return _without_team(name)


def _without_team(name: str) -> str:
    """The name of a sign-off without the team written after it ("Kim (Billing)", "Kim -
    Billing team", "Kim | Billing | Acme Support", "Kim \u00b7 Tier 2 \u00b7 Acme"): the team
    says where the agent works, the name who answered. The parts are cut only when each
    reads as a line of a signature block (:func:`_is_team_part`), so "Kim - see you soon"
    keeps its words and is no name."""
    stripped = name.strip()
    if stripped.endswith(")") and " (" in stripped:
        head, _, team = stripped[:-1].rpartition(" (")
        return head.strip() if head.strip() and _is_name_line(team.strip()) else stripped
    head, *parts = _PART_SEPARATOR.split(stripped)
    if parts and head and all(_is_team_part(part) for part in parts):
        return head
    return stripped


def _is_team_tail(tail: str) -> bool:
    """Whether `tail`, which opens with a separator, is the agent's team after a name: "
    | Billing | Acme", " - Tier 2"."""
    first, *parts = _PART_SEPARATOR.split(tail)
    return not first and bool(parts) and all(_is_team_part(part) for part in parts)


def _sets_off_a_team(clause: str, after: str) -> bool:
    """Whether a spaced dash after `clause` sets the agent's team off the name before it,
    rather than marking a sign-off: the clause is a first name, or a valediction signed by
    one, and the word after the dash is no first name ("Kim - Billing", "Thanks, Kim -
    Billing"; "Thanks Dana - Jo" is signed by Jo, "TY - Struan" by Struan)."""
    if (
        not clause
        or after.split()[0].lower() in given_names()
        or _VALEDICTION_LINE.fullmatch(clause)
    ):
        return False
    return _is_inline_name(clause, 2) or _signed_valediction(clause)


def _is_team_part(part: str, *, tier: bool = True) -> bool:
    """One part of what a sign-off line gives after the name, read as a line of a
    signature block: a team or an organisation ("Customer Care", "Marlow & Finch"). With
    `tier` (after a person's name) it may also be the agent's support tier, where a number
    stands: "Priya - Tier 2 - Northwind", "Level 3 Support". On an organisation's line
    ("Stackhouse Hosting \u2014 Tier 2") the number keeps the line out of the sign-off:
    no check of the text reads the sign-off's words, and annotators call such a tier
    jargon."""
    words = part.split()
    kept = [w for i, w in enumerate(words) if not (tier and i and w.isdigit() and len(w) <= 2)]
    line = " ".join(kept)
    return bool(line) and (_is_name_line(line) or _is_signature_line(line))


def _is_inline_name(name: str, most_words: int) -> bool:
    """One or two capitalised words opening with a first name the names dataset knows:
    on the line of a sentence, "Thanks! Enjoy", "Thanks! Jira" or "Thanks! Sorry" close
    the prose, they do not sign it."""
    words = name.split()
    return (
        len(words) <= most_words
        and _is_name_line(name)
        and all(word[0].isupper() for word in words)
        and words[0].lower() not in _NOT_NAMES
        and words[0].lower() in given_names()
    )


def _signs(name: str) -> bool:
    """Whether what follows a valediction on its line signs the reply: a name ("Thanks,
    Sam Lee", "Thanks, Sam!": :func:`_as_name`) or a fill-in slot for the signer
    ("Thanks, <agent name>", "Best regards, (your name)"), which the placeholder step
    leaves as written. The slot is the signature still to be filled in, as it is on the
    line under "Thanks,"."""
    return _is_name_line(_as_name(name)) or is_signer_slot(name)


def _as_name(text: str) -> str:
    """What follows a valediction, on its line or the line under it, read as the name it
    gives: without the full stop or exclamation mark a sign-off may close with, as a
    sentence does ("Thanks, Sam!", "Cheers, Priya.", "Best,\\nSam!"), and a name in
    capitals as written in small letters ("SAM ORTIZ"). Only after a valediction: a
    line of capitals or one closed by a full stop is otherwise a heading or a sentence."""
    bare = _CLOSING_MARKS.sub("", text).rstrip()
    return bare.title() if bare.isupper() else bare


def _signed_valediction(line: str) -> bool:
    """Whether ``line`` is a valediction and what signs the reply after it on its line
    ("Thanks, Sam", "Thank you, Sam | Acme Support", "Thanks, <agent name>"): a sign-off
    line as "Thanks," over "Sam" is two. Its team after a bar does not make it a contact
    line, and the name or team lines under it are signature as they are under "Sam". A
    sentence after the valediction ("Thanks, that fixed it | see below") signs nothing."""
    then_name = _VALEDICTION_THEN_NAME.fullmatch(line)
    if then_name is None:
        return False
    name = _without_team(then_name.group("name"))
    set_off = line[: then_name.start("name")].rstrip()[-1:] in _SETTING_OFF
    if _CLOSING_MARKS.search(name) and not set_off:
        return False  # "Thanks Hartmut.": thanks to someone, not a name signed
    return _signs(name)


def _signoff_ending_at(lines: list[_Line], last: int) -> tuple[int, int] | None:
    """A sign-off whose last line is ``lines[last]``."""
    line = lines[last]
    content = line.content
    if not content:
        return None
    previous = lines[last - 1].content if last else ""
    marked = _marker_signoff(content, previous)
    if marked is not None:
        start, end = line.start + marked[0], line.start + marked[1]
        if marked[0] == 0:
            above = _valediction_above(lines, last)
            if above is not None:
                return (above, end)
        return (start, end)
    bare = _bare_initials(content)
    if bare is not None:
        return (line.start + bare, line.end)
    if _VALEDICTION_LINE.fullmatch(content):
        return (line.start, line.end)
    if _signed_valediction(content):
        return (line.start, line.end)
    if not _is_name_line(content):
        above = _valediction_above(lines, last)
        if above is not None and _is_name_line(_as_name(content)):
            return (above, line.end)  # "Best,\nSam!", "Kind regards,\nSAM ORTIZ"
        inline = _inline_signoff(content)
        return (line.start + inline, line.end) if inline is not None else None
    top = last
    while top > 0 and last - top + 1 < _MAX_NAME_LINES and _is_name_line(lines[top - 1].content):
        top -= 1
    for candidate in range(top, last + 1):
        above = _valediction_above(lines, candidate)
        if above is not None:
            return (above, line.end)
    if top >= 1 and _signed_valediction(lines[top - 1].content):
        return (lines[top - 1].start, line.end)  # "Thank you, Sam\nAcme Support"
    if last >= 2 and not lines[last - 1].content and _ends_a_sentence(lines[last - 2].content):
        return (line.start, line.end)
    one_word_after_sentence = (
        top == last and last >= 1 and len(content.split()) == 1
        and lines[last - 1].content[-1:] in (".", "!", "?")
    )  # fmt: skip
    if one_word_after_sentence:
        return (line.start, line.end)  # "...anything else?\nRobbie"
    return None


def _name_over_contact(lines: list[_Line], last: int) -> tuple[int, int] | None:
    """A person's name on the line above the contact lines closing the reply, right under
    its last sentence: "... if it does not.\nJonas Keller\nCustomer Care Specialist\nAcme
    GmbH | +49 30 1234567". The job title, company or phone number under it make the
    block a signature, as a valediction or a blank line above it would; without them a
    name line after a sentence may be a heading or a menu item, and stays text."""
    if last < 1 or not _ends_a_sentence(lines[last - 1].content):
        return None
    content = lines[last].content
    if not _is_inline_name(_as_name(content), _MAX_NAME_WORDS):
        return None
    return (lines[last].start, lines[last].end)


def find_signoff(text: str) -> Signoff | None:
    """The trailing sign-off of `text` (normalised, stripped), or None."""
    if not text:
        return None
    lines = _tail_lines(text)
    if len(lines) > 1 and _COUNTER_LINE.fullmatch(lines[-1].content):
        lines.pop()  # the counter of a tweet thread is not part of the sign-off
    bottom = last = len(lines) - 1
    while last >= 0 and bottom - last < _MAX_CONTACT_LINES:
        if not _is_contact_line(lines[last].content):
            break
        last -= 1
    if last < 0:
        return None
    found, contact_start = None, None
    if last == bottom:
        found = _signoff_ending_at(lines, last)
    elif not _VALEDICTION_LINE.fullmatch(lines[last].content):  # contact needs a name above
        contact_start = lines[last + 1].start
        found = _signoff_ending_at(lines, last)
    if found is None and last < bottom and _is_title_line(lines[bottom].content):
        # "Cheers,\nSupport Agent": the "title" was the sign-off itself.
        found, contact_start = _signoff_ending_at(lines, bottom), None
    if found is None:
        found, contact_start = _signature_block(lines, bottom), None
    if found is None and last < bottom and not _VALEDICTION_LINE.fullmatch(lines[last].content):
        # a block of name lines over the contact lines, under a closing or the last sentence
        found = _signature_block(lines, last) or _name_over_contact(lines, last)
        contact_start = lines[last + 1].start if found is not None else None
    if found is None:
        found = _team_after_a_blank_line(lines, last)
        contact_start = lines[last + 1].start if found is not None and last < bottom else None
    if found is None:
        return None
    start, end = found
    if not text[:start].strip():
        return None  # the whole reply: nothing would be left to read as the reply
    return Signoff(start, end, contact_start)
