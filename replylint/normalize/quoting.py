"""Text that is in the message but is not the agent's reply.

An e-mail reply drags along the customer's earlier message (``>`` lines, an
"On Mon, Dana wrote:" block, an Outlook header block), the agent's signature
after ``--`` and the company's legal footer. An apology quoted from the
customer is not the agent apologising, so all of this is cut before the checks
run. Every rule here prefers keeping text: a line that reads like a sentence of
the reply is never cut as a signature.
"""

from __future__ import annotations

import re
from itertools import islice

from replylint.normalize.edits import Edit
from replylint.normalize.model import RemovedKind
from replylint.normalize.vocabulary import alternation, shipped_lexicon, substring_scan

#: Lines (or paragraphs) starting with one of these are a legal or device footer.
#: Compared in lower case after leading punctuation such as ``*`` or ``[``.
FOOTER_PHRASES: tuple[str, ...] = shipped_lexicon("quoting.footer_phrases")

#: A legal footer talks about the message itself; one of these must occur in it.
_MAIL_WORDS: tuple[str, ...] = shipped_lexicon("quoting.mail_words")

#: Footer phrases that end at their own line ("Sent from my iPhone"); the others
#: run to the end of their paragraph.
_ONE_LINE_FOOTERS: tuple[str, ...] = tuple(
    f"{words} " for words in shipped_lexicon("quoting.one_line_footers")
)

#: The links a mailing footer's line of links holds; one way off the list must be among
#: them. Items are parted by a bar, a middle dot or a bullet.
_OPT_OUT_LINKS = frozenset(shipped_lexicon("quoting.footer_opt_out_links"))
_FOOTER_LINKS = _OPT_OUT_LINKS | frozenset(shipped_lexicon("quoting.footer_links"))
#: Whether a lower-cased text holds a footer phrase, or a way off a mailing list: one
#: scan each, not one per entry (see :func:`substring_scan`).
_FOOTER_PHRASE_SCAN = substring_scan(FOOTER_PHRASES)
_OPT_OUT_SCAN = substring_scan(_OPT_OUT_LINKS)
_LINK_SEPARATORS = re.compile(r"[|·•]")
_LINK_BRACKETS = " \t[]()<>*_."

_QUOTED_LINES = re.compile(r"(?:^[ \t]*>[^\n]*(?:\n|\Z))+", re.MULTILINE)

#: The words opening and closing an attribution line, in its mail client's language.
_OPENERS = alternation(shipped_lexicon("quoting.attribution_openers"))
_VERBS = alternation(shipped_lexicon("quoting.attribution_verbs"), space=r"\s+")
_VERBS_BEFORE_NAME = alternation(shipped_lexicon("quoting.attribution_verbs_before_name"))
_ATTRIBUTION_WORDS = rf"(?:{_OPENERS})\b"
#: The verb and the colon ending the line, or (German, Dutch) the verb, the name and
#: address, maybe wrapped once onto a line that is no ``>`` quote, and the colon.
_WROTE = (
    rf"(?:(?:{_VERBS})\s?:"
    rf"|(?:{_VERBS_BEFORE_NAME})[ \t][^\n]{{1,200}}?(?:\n(?![ \t]*>)[^\n]{{1,200}}?)??:)[ \t]*$"
)
#: "On Tue, 3 Oct 2023, Dana <dana@example.com> wrote:", possibly wrapped once.
_ATTRIBUTION = re.compile(
    rf"^[ \t]*{_ATTRIBUTION_WORDS}[^\n]{{0,300}}{_WROTE}"
    rf"|^[ \t]*{_ATTRIBUTION_WORDS}[^\n]{{0,300}}\n[^\n]{{0,300}}{_WROTE}",
    re.MULTILINE,
)
#: A forum's attribution line, "Bazza said" or "cor-el wrote:", alone on its line: a
#: name of up to three words (no sentence punctuation), then the verb. Its quote is cut
#: already (an HTML ``<blockquote>``) or follows as ``>`` lines; without this, the name
#: would be the reply's first sentence (no greeting) and a user name like "joker_break"
#: a jargon term. User names often hold full stops ("dana.cole", "J. Ortola", "n.p."), so
#: a word may contain or end in one but not start with one; a forum whose user was
#: deleted leaves the verb alone on its line, which is never reply text either.
_FORUM_VERBS = alternation(shipped_lexicon("quoting.forum_attribution_verbs"))
_FORUM_NAME_WORD = r"[^\s.!?,;:][^\s!?,;:]{0,39}"
_FORUM_ATTRIBUTION = re.compile(
    rf"^[ \t]*(?:{_FORUM_NAME_WORD}(?:[ \t]{_FORUM_NAME_WORD}){{0,2}}[ \t]+)?"
    rf"(?:{_FORUM_VERBS})[ \t]*:?[ \t]*$\n?",
    re.MULTILINE,
)
#: A forum helper's quote of one line of the post answered: "re : It won't sync since
#: the update" (or "re:"), alone on its line, the answer in the lines after it. Said in
#: the helper's own words it would read as the agent's instruction or feelings. The line
#: is cut only when reply text follows it, so a reply made of that line alone is kept.
_REFERENCE_OPENERS = alternation(shipped_lexicon("quoting.quote_openers"))
_QUOTED_REFERENCE = re.compile(
    rf"^[ \t]*(?:{_REFERENCE_OPENERS})[ \t]*:[^\n]*\n(?=[ \t\n]*\S)",
    re.MULTILINE | re.IGNORECASE,
)
#: Separators after which everything is a forwarded or replied-to message.
_SEPARATORS = alternation(shipped_lexicon("quoting.history_separators"))
_FORWARD_HEADERS = alternation(shipped_lexicon("quoting.forward_headers"))
_HISTORY_SEPARATOR = re.compile(
    rf"^[ \t]*-{{2,}}[ \t]*(?:{_SEPARATORS})[ \t]*-{{2,}}[ \t]*$"
    rf"|^[ \t]*(?:{_FORWARD_HEADERS})[ \t]?:[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: A help desk's "##- Please type your reply above this line -##", a line of its own.
_REPLY_ABOVE = re.compile(
    rf"^[-#=_*~ \t]*(?:{alternation(shipped_lexicon('quoting.reply_above_markers'))})"
    r"[.!]?[-#=_*~ \t]*(?:\n|\Z)",
    re.MULTILINE | re.IGNORECASE,
)
#: An Outlook-style header block: "From: ..." then, within three lines, "Sent:" or "Date:",
#: in the mail client's language ("Von: ... Gesendet:", "De : ... Envoyé :": a French
#: client puts a space before the colon).
_HEADER_FROM = alternation(shipped_lexicon("quoting.header_from"))
_HEADER_SENT = alternation(shipped_lexicon("quoting.header_sent"), space=r"[ \t]+")
_HEADER_BLOCK = re.compile(
    rf"^(?:_{{8,}}[ \t]*\n)?[ \t]*\*?(?:{_HEADER_FROM})[ \t]?:\*?[ \t][^\n]{{1,300}}\n"
    rf"(?:[^\n]{{0,300}}\n){{0,2}}[ \t]*\*?(?:{_HEADER_SENT})[ \t]?:",
    re.MULTILINE,
)
#: A header block's subject line, looked for in the lines under its "From:" line.
_HEADER_SUBJECT = re.compile(
    rf"^[ \t]*\*?(?:{alternation(shipped_lexicon('quoting.header_subject'))})[ \t]?:\*?(?:[ \t]|$)",
    re.MULTILINE,
)
#: How many lines under "From:" may hold the subject (Outlook: Sent, To, Cc, Subject).
_HEADER_LINES = 6
#: What a mail client's "On ... wrote:" line holds and an agent's "On Monday our
#: billing team wrote:" or "On 3 March our billing team wrote:" does not: a year, a time,
#: a date in figures ("03/03/26", "02.03.26") or an address. A day alone is what a person
#: writes when quoting a message inside the reply, which goes on under the quote.
_MAIL_ATTRIBUTION_MARK = re.compile(
    r"@|\d:\d\d|(?<!\d)(?:1[89]|2\d)\d\d(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
)
#: A first person writing an "On ... wrote:" line: the agent quoting a message inside
#: the reply ("On 3 March 2026 our billing team wrote:"), not a mail client, which names
#: the sender (see the pack's ``quoting.first_person_writers``).
_FIRST_PERSON = re.compile(
    rf"(?<![\w.])(?:{alternation(shipped_lexicon('quoting.first_person_writers'))})(?![\w.])"
)
#: How far back an attribution line (two lines at most) may start.
_MAX_ATTRIBUTION = 1000
_SIGNATURE_DELIMITER = re.compile(r"^--[ \t]?$", re.MULTILINE)
_NON_SPACE = re.compile(r"\S")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LEADING_PUNCT = " \t*_-=~#[(<>•·"
#: (Opens with its letter, the character before it read behind: see
#: tests/test_regex_first_characters.py.)
_LOWER_WORD = re.compile(r"[a-z](?<![\w'\u2019][a-z])[a-z'\u2019]*\b")
#: How many lower-case words make a line prose (:func:`looks_like_sentence`).
_SENTENCE_WORDS = 5

#: A signature is short; a longer "signature" is probably reply text after "--".
MAX_SIGNATURE_LINES = 8
#: Closing words the agent types above their mail client's "-- " signature ("Best
#: regards,"), whose signature then starts with the agent's name.
_VALEDICTIONS = frozenset(shipped_lexicon("signoff.valedictions"))
#: A signature's first line that may be a name ("Tom Reyes", "Tom Reyes | Acme"): a
#: capital first, no digit, address, link or colon, a few words.
_NAME_LINE = re.compile(r"[A-Z][^\d@:/<>\n]{0,60}")
_MAX_NAME_WORDS = 5
#: A legal notice in a ``--`` signature block reads like prose but is not reply text: a
#: paragraph with one of these and one of `_MAIL_WORDS` (or a company-registration line).
_LEGAL_MARKERS: tuple[str, ...] = shipped_lexicon("quoting.legal_markers")
_REGISTRATION_PHRASES = alternation(shipped_lexicon("quoting.registration_phrases"))
_REGISTRATION = re.compile(rf"{_REGISTRATION_PHRASES}|\(c\) \d{{4}}", re.IGNORECASE)


#: What quoted history holds, in lower case: an attribution's verb, a separator, a
#: forward header or a help desk's "reply above this line"; with a ``>`` line (``&gt;``
#: in HTML) and a header block's "From:" label, a first filter, so that a message
#: without any of them costs no parsing. (Plain substring tests: one regex of these
#: alternatives in any case took 400 µs a message.)
_HISTORY_WORDS: tuple[str, ...] = tuple(
    word.lower()
    for name in (
        "quoting.attribution_verbs",
        "quoting.attribution_verbs_before_name",
        "quoting.history_separators",
        "quoting.forward_headers",
        "quoting.reply_above_markers",
    )
    for word in shipped_lexicon(name)
)
_QUOTE_LINE_HINT = re.compile(r"^[ \t]*(?:>|&gt;)", re.MULTILINE)
#: "From:" (or its word in the client's language) after a space, a ">" or nothing. Each
#: word opens its alternative and the character before it is read behind its first
#: letter: searched in every reply and customer message, the pattern is then tried only
#: where such a letter is, not at every character as one opening with a lookbehind is.
_HEADER_HINT = re.compile(
    "|".join(
        rf"{re.escape(word[:1])}(?<![^\s>]{re.escape(word[:1])}){re.escape(word[1:])}[ \t]?:"
        for word in shipped_lexicon("quoting.header_from")
        if word
    )
)


def may_hold_history(text: str) -> bool:
    """Whether `text` (plain or HTML) may hold quoted history in the shapes
    :func:`history_edits` cuts; a cheap first look, before any parsing (an HTML
    ``<blockquote>`` is not looked for here)."""
    if _QUOTE_LINE_HINT.search(text) or _HEADER_HINT.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in _HISTORY_WORDS)


def looks_like_sentence(line: str) -> bool:
    """Whether `line` reads like running prose rather than a name or contact line.

    Counts the line's lower-case words up to the fifth, not all of them: a reply
    written as one line (chat, a tweet) is asked about as a whole, and listing its
    hundred-odd words cost about 20 µs where five cost 3."""
    first_words = islice(_LOWER_WORD.finditer(line), _SENTENCE_WORDS)
    return len(list(first_words)) == _SENTENCE_WORDS


def _reads_as_reply(line: str) -> bool:
    """A line after ``--`` that is reply text, so the ``--`` is no signature delimiter:
    running prose, or a short sentence ending as one ("The refund reaches you by
    Friday."). Contact lines seldom end in a full stop after three lower-case words."""
    if looks_like_sentence(line):
        return True
    stripped = line.rstrip()
    return stripped.endswith((".", "!", "?")) and len(_LOWER_WORD.findall(stripped)) >= 3


def _history_start(text: str) -> int | None:
    """Where the replied-to or forwarded message begins, if anywhere."""
    starts: list[int] = []
    for match in _ATTRIBUTION.finditer(text):
        after = _NON_SPACE.search(text, match.end())
        if after is not None and after.group() == ">":
            continue  # cut with its quote (`_quoted_attributions`)
        if _is_mail_attribution(match.group()):
            starts.append(match.start())
            break
    found = _HISTORY_SEPARATOR.search(text)
    if found:
        starts.append(found.start())
    header = next((m for m in _HEADER_BLOCK.finditer(text) if _is_mail_header(text, m)), None)
    if header:
        starts.append(header.start())
    return min(starts) if starts else None


def _is_mail_attribution(line: str) -> bool:
    """Whether an "On ... wrote:" line is a mail client's, which starts the thread: it
    holds an address, or a year, a time or a date in figures with no first person
    writing it. "On 3 March 2026 our billing team wrote:" and "On 3 March 2026, I
    wrote:" are the agent quoting an earlier message, and the reply goes on under it."""
    if "@" in line:
        return True
    return _MAIL_ATTRIBUTION_MARK.search(line) is not None and not _FIRST_PERSON.search(line)


def _is_mail_header(text: str, block: re.Match[str]) -> bool:
    """Whether a "From: ... Sent:/Date:" block is a mail client's header: its "From:"
    line holds an address, or a subject line follows within a few lines. An itinerary
    or a schedule in the reply ("From: Lisbon", "To: Hamburg", "Date: Friday") has
    neither."""
    lines = block.group().lstrip("_ \t\n").split("\n")
    if "@" in lines[0]:
        return True
    end = block.start()
    for _ in range(_HEADER_LINES + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    return _HEADER_SUBJECT.search(text, block.start(), end) is not None


def attribution_before(text: str, position: int) -> int | None:
    """Where an attribution line ("On ... wrote:", maybe wrapped once) starts when it is
    the last text before `position` (blanks aside), else None. An HTML reply's quote is
    cut already where it stood: the line right above it introduces it."""
    end = position
    while end and text[end - 1] in " \t\n":  # walked, not sliced: a reply may hold
        end -= 1  # thousands of quotes
    if not end or text[end - 1] != ":":
        return None  # (every attribution ends in its colon)
    floor = max(0, end - _MAX_ATTRIBUTION)
    start = end
    for _ in range(2):  # its last line, then its last two lines
        newline = text.rfind("\n", floor, start - 1 if start < end else start)
        if newline < 0 and floor:
            return None  # a longer line than any attribution
        start = newline + 1
        if _ATTRIBUTION.fullmatch(text, start, end):
            return start
        if not start:
            break
    return None


def _quoted_attributions(text: str, quote_starts: set[int]) -> list[tuple[int, int]]:
    """Attribution lines directly followed by ``>`` quoted lines."""
    spans: list[tuple[int, int]] = []
    for match in _ATTRIBUTION.finditer(text):
        after = _NON_SPACE.search(text, match.end())
        if after is not None and text.rfind("\n", 0, after.start()) + 1 in quote_starts:
            spans.append((match.start(), match.end()))
    return spans


def _signature_start(text: str, limit: int) -> int | None:
    """Start of a ``--`` signature block that ends the reply, if there is one."""
    first_content = len(text) - len(text.lstrip())
    # A signature is at most a few lines long, so only the tail can hold its delimiter.
    tail = len(text[:limit].rstrip())
    for _ in range(MAX_SIGNATURE_LINES + 1):
        tail = text.rfind("\n", 0, tail)
        if tail < 0:
            tail = 0
            break
    for match in _SIGNATURE_DELIMITER.finditer(text, tail, limit):
        if match.start() <= first_content:
            continue
        if is_signature_block(text[match.end() : limit].strip()):
            return match.start()
    return None


def is_signature_block(block: str) -> bool:
    """Whether ``block``, the stripped text under a signature delimiter, can be a signature:
    a few lines, none of them (outside a legal notice) a sentence of the reply."""
    if block.count("\n") >= MAX_SIGNATURE_LINES:
        return False
    return not any(_reads_as_reply(line) for line in _non_legal_lines(block))


def _signed_name(text: str, delimiter: int, limit: int) -> tuple[int, int] | None:
    """The span of the agent's name heading the ``--`` signature at `delimiter`, when
    the reply above it ends with a valediction and no name ("Best regards,", then Gmail's
    "-- " and "Tom Reyes" with the contact lines): cut with the signature, the name
    would leave the reply unsigned. None when the signature is to be cut whole."""
    above = text[:delimiter].rstrip()
    last_line = above[above.rfind("\n") + 1 :].strip(" \t*_").rstrip(",.!").lower()
    if last_line not in _VALEDICTIONS:
        return None
    line_end = text.find("\n", delimiter, limit)
    first = _NON_SPACE.search(text, line_end, limit) if line_end >= 0 else None
    if first is None:
        return None
    end = text.find("\n", first.start(), limit)
    line = text[first.start() : limit if end < 0 else end].rstrip()
    if not _NAME_LINE.fullmatch(line) or len(line.split()) > _MAX_NAME_WORDS:
        return None
    return first.start(), first.start() + len(line)


def _non_legal_lines(block: str) -> list[str]:
    """The lines of a signature block outside its legal-notice paragraphs."""
    lines: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(block):
        lowered = paragraph.lower()
        legal = _REGISTRATION.search(paragraph) is not None or (
            any(marker in lowered for marker in _LEGAL_MARKERS)
            and any(word in lowered for word in _MAIL_WORDS)
        )
        if not legal:
            lines.extend(paragraph.split("\n"))
    return lines


def _footer_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Footer paragraphs (or footer lines) before `limit`, never the first line."""
    lowered = text[:limit].lower()  # only to test for a phrase: lower() may change lengths
    links = _OPT_OUT_SCAN.search(lowered) is not None
    if not links and _FOOTER_PHRASE_SCAN.search(lowered) is None:
        return []
    first_content = len(text) - len(text.lstrip())
    spans: list[tuple[int, int]] = []
    position = 0
    while position < limit:
        newline = text.find("\n", position, limit)
        line_end = limit if newline < 0 else newline
        line = text[position:line_end].lower()
        body = line.lstrip(_LEADING_PUNCT)
        phrase = next((p for p in FOOTER_PHRASES if body.startswith(p)), None)
        if links and phrase is None and position > first_content and _is_link_line(line):
            spans.append((position, line_end))
            position = line_end + 1
            continue
        if phrase is not None and position > first_content:
            if phrase.startswith(_ONE_LINE_FOOTERS):
                end = line_end
            else:
                gap = _PARAGRAPH_BREAK.search(text, line_end, limit)
                end = gap.start() if gap else limit
                paragraph = text[position:end].lower()
                if not any(word in paragraph for word in _MAIL_WORDS):
                    end = -1  # "If you are not the intended recipient of the parcel..."
            if end >= 0:
                spans.append((position, end))
                position = end
                continue
        position = line_end + 1
    return spans


def _is_link_line(line: str) -> bool:
    """Whether ``line`` (in lower case) is a mailing footer's line of links: each item
    between bars or dots is a footer link, and one is a way off the list."""
    items = [item.strip(_LINK_BRACKETS) for item in _LINK_SEPARATORS.split(line)]
    return all(item in _FOOTER_LINKS for item in items) and not _OPT_OUT_LINKS.isdisjoint(items)


def history_edits(text: str) -> list[Edit]:
    """Edits that cut quoted history, a ``--`` signature and legal footers."""
    spans: list[tuple[int, int, RemovedKind]] = []
    size = len(text)
    limit = size
    history = _history_start(text) if (":" in text or "--" in text) else None
    marker = _REPLY_ABOVE.search(text) if "above this line" in text.lower() else None
    if marker is not None and (history is None or marker.start() < history):
        if text[: marker.start()].strip():
            history = marker.start()  # the thread under it
        else:  # a notification pasted whole: the marker heads what it quotes
            spans.append((marker.start(), marker.end(), "quote"))
    if history is not None:
        spans.append((history, size, "quote"))
        limit = history
    quote_starts: set[int] = set()
    if ">" in text:
        for match in _QUOTED_LINES.finditer(text, 0, limit):
            spans.append((match.start(), match.end(), "quote"))
            quote_starts.add(match.start())
        for start, end in _quoted_attributions(text[:limit], quote_starts):
            spans.append((start, end, "quote"))
    for match in _FORUM_ATTRIBUTION.finditer(text, 0, limit):
        if not _FIRST_PERSON.search(match.group()):  # "As I said:" is the agent's
            spans.append((match.start(), match.end(), "quote"))
    for match in _QUOTED_REFERENCE.finditer(text, 0, limit):
        spans.append((match.start(), match.end(), "quote"))
    if "--" in text:
        signature = _signature_start(text, limit)
        if signature is not None:
            name = _signed_name(text, signature, limit)
            if name is None:
                spans.append((signature, limit, "signature"))
            else:  # the name goes right under the valediction, as the agent would sign
                above = len(text[:signature].rstrip())
                cut = above + 1 if text[above] == "\n" else signature
                spans.append((cut, name[0], "signature"))
                spans.append((name[1], limit, "signature"))
            limit = signature
    footers = _footer_spans(text, limit)
    for start, end in footers:
        spans.append((start, end, "footer"))
    for start, end in reversed(footers):  # the registration lines may be above a footer
        if not text[end:limit].strip():
            limit = start
    registration = _registration_start(text, limit)
    if registration is not None:
        spans.append((registration, limit, "footer"))
    return _without_overlaps(spans)


def _registration_start(text: str, limit: int) -> int | None:
    """Start of a last paragraph (not the first) that is a company's registration
    notice ("Registered in Berlin, HRB 12345", "© 2026 Acme Ltd. All rights reserved."),
    with its address lines: no line of it reads as reply text."""
    end = len(text[:limit].rstrip())
    gap = next(reversed(list(_PARAGRAPH_BREAK.finditer(text, 0, end))), None)
    if gap is None or not text[: gap.start()].strip():
        return None
    paragraph = text[gap.end() : end]
    if _REGISTRATION.search(paragraph) is None:
        return None
    lines = paragraph.split("\n")
    if len(lines) > MAX_SIGNATURE_LINES or any(_reads_as_reply(line) for line in lines):
        return None
    return gap.end() + len(paragraph) - len(paragraph.lstrip())


def _without_overlaps(spans: list[tuple[int, int, RemovedKind]]) -> list[Edit]:
    """Deletion edits for `spans`; a span inside an earlier one is dropped."""
    edits: list[Edit] = []
    cursor = 0
    for start, end, kind in sorted(spans):
        if end <= start:
            continue
        start = max(start, cursor)
        if start >= end:
            continue
        edits.append(Edit(start, end, removed=kind))
        cursor = end
    return edits
