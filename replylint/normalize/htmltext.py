"""HTML replies -> the text a reader sees, with offsets back into the markup.

Forum answers and e-mail bodies arrive as HTML. The checks need the rendered
words: block elements become line breaks, entities become characters, runs of
whitespace collapse as a browser collapses them, and content no reader sees as
the agent's words (scripts, styles, the head, comments, ``<blockquote>``
history) disappears. The standard library's `HTMLParser` does the tokenising,
so odd markup is handled the way a real parser handles it, not the way a
regular expression guesses. A template's own tags are text here, as they are in
a plain-text macro (``<#if vip>`` and ``</#if>`` alike), so the template steps read
them; and an ``<hr>`` is written as the ``---`` line a plain-text reply draws.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape
from html.parser import HTMLParser
from typing import Literal

from replylint.normalize.comments import comment_spans, commented_block_tags, outside_comments
from replylint.normalize.edits import Draft, Edit, apply_edits
from replylint.normalize.model import Removed, RemovedKind
from replylint.normalize.offsets import OffsetBuilder
from replylint.normalize.plaintext import tidy_decoded
from replylint.normalize.quoting import attribution_before

#: Something that is unmistakably markup, not "<3" or "a < b". A comment is not: it
#: hides text but lays nothing out (see :mod:`replylint.normalize.comments`).
_LOOKS_LIKE_HTML = re.compile(
    r"</?(?P<tag>p|br|div|span|a|b|i|u|em|strong|li|ul|ol|table|tr|td|th|tbody|thead|h[1-6]"
    r"|blockquote|pre|code|img|font|hr|html|body|head|meta|style|script|section|article"
    r"|header|footer|center|dl|dt|dd)(?:\s[^<>]{0,2000})?/?>"
    r"|<!doctype\s",
    re.IGNORECASE,
)

#: Elements that start a new paragraph (a blank line) when they open or close.
_PARAGRAPH_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "details",
        "dialog", "dl", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "main", "nav",
        "ol", "p", "pre", "section", "table", "ul",
    }
)  # fmt: skip
#: Elements that start a new line. A ``<div>`` has no margin (Gmail, Outlook on the web
#: and help desks write a ``<div>`` a line, a blank line as ``<div><br></div>``).
_LINE_TAGS = frozenset({"div", "li", "dt", "dd", "tr", "caption", "option", "summary", "legend"})
#: Table cells sit side by side: separate them like words.
_CELL_TAGS = frozenset({"td", "th"})
#: Elements whose content is never reply text (``noscript`` holds "enable JavaScript"
#: boilerplate, not words an agent wrote).
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript"})
#: Classes mail clients put on the wrapper of the quoted previous message.
QUOTE_CLASSES = frozenset({"gmail_quote", "yahoo_quoted"})

#: Whitespace a browser collapses (a run of it, or one that is not a space), a space
#: that opens or ends the text, and a run of characters that render as nothing. A single
#: space between two words needs no work, so it is not matched. One character class
#: opens it, each alternative read after (and behind) its first character: searched in
#: every text node of an HTML reply, it is then tried only at those characters.
_SPACES = r" \t\n\r\f\v\xa0\u2007\u202f"
_NOT_SPACES = r"\t\n\r\f\v\xa0\u2007\u202f"  # (the whitespace other than a space)
_NOTHING = r"\u200b-\u200d\u2060\ufeff"
_HTML_SPACE = re.compile(
    rf"[{_SPACES}{_NOTHING}](?:(?<=[{_SPACES}])[{_SPACES}]+|(?<=[{_NOT_SPACES}])"
    rf"|(?<=\A )|(?<= )\Z|(?<=[{_NOTHING}])[{_NOTHING}]*)"
)

#: Spaces a browser does not collapse (``&nbsp;``): a line of them is a blank line.
_NON_BREAKING = frozenset("\xa0\u2007\u202f")
_NEWLINE = re.compile("\n")
#: Markup that, left unterminated at the end of the input, swallows the rest of it.
_UNTERMINATED = re.compile(r"<[A-Za-z!/?]")
#: How often parsing may resume after the parser raised (bounds the work on junk).
_MAX_RESTARTS = 32
#: A ``<br>`` tag, as the raw text spells it.
_BR_TAG = re.compile(r"<br(?:\s[^<>]*)?/?>", re.IGNORECASE)
#: What ``<hr>`` is written as: the rule a plain-text reply draws between two parts.
_RULE_LINE = "---"
#: How a template language's closing directive starts (FreeMarker's ``</#if>``,
#: ``</@macro>``): text for the template steps, not an HTML end tag.
_TEMPLATE_END_TAGS = ("</#", "</@")
#: Characters rewritten inside ``<pre>``, where spacing is otherwise kept.
_PRE_FIXUPS = re.compile(r"\r\n?|[\xa0\u2007\u202f\u2028\u2029\x85]|[\u200b-\u200d\u2060\ufeff]+")

EventKind = Literal["data", "ref", "start", "end", "startend", "other"]


#: Tags that style or link words inside a line (and ``<br>``, one line break): what a
#: Markdown macro holds where Markdown has no syntax ("within <b>5 days</b>"). Every other
#: tag of ``_LOOKS_LIKE_HTML`` lays out blocks (``<p>``, ``<li>``) or a document.
INLINE_TAGS = frozenset({"a", "b", "br", "code", "em", "font", "i", "img", "span", "strong", "u"})


def looks_like_html(raw: str) -> bool:
    """Whether `raw` is an HTML reply (for ``input_format="auto"``), decided by how its
    lines are laid out: by a block or document tag (``<p>``, ``<div>``, ``<ul>``,
    ``<!DOCTYPE``) anywhere outside comments, or, when its only tags are inline ones
    (``INLINE_TAGS``), by tags alone, no line break outside them ("Hi Sam,<br>Your
    refund is <b>sent</b>."). A Markdown or plain-text reply that breaks its own lines is
    plain text whatever inline tags it holds (one ``<b>5 days</b>``, a ``<br>``, an
    ``<a href>``), and so is one holding only comments (a directive, an author's note, an
    old paragraph with its tags commented out): read as HTML, its line breaks would
    collapse, and its paragraphs and sign-off run together."""
    pieces = list(outside_comments(raw))
    tagged = False
    for piece in pieces:
        for match in _LOOKS_LIKE_HTML.finditer(piece):
            if (match.group("tag") or "").lower() not in INLINE_TAGS:
                return True  # a block or document tag, or a doctype
            tagged = True
    if not tagged:
        return False
    text = "".join(_LOOKS_LIKE_HTML.sub("", piece) for piece in pieces).strip()
    return "\n" not in text and "\r" not in text


class _Tokens(HTMLParser):
    """Collects parser events with their absolute start offsets."""

    def __init__(
        self, line_starts: list[int], offset: int, commented_tags: dict[tuple[int, int], str]
    ) -> None:
        """Parse the raw input from `offset`; `line_starts` indexes the whole input, and
        `commented_tags` are its template tags inside comments that the template steps
        read, by their spans (:func:`~replylint.normalize.comments.commented_block_tags`)."""
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[int, EventKind, str, str]] = []
        self._line_starts = line_starts
        self._offset = offset
        self._base_line = bisect_right(line_starts, offset) - 1
        self._commented_tags = commented_tags
        self._commented_spans = sorted(commented_tags)

    def close(self) -> None:
        """Flush the input. Left over at this point is a tag, comment or declaration the
        input never finished; a browser reads it as markup running to the end (an
        unclosed ``<!--`` hides everything after it, an unclosed ``<p title="...`` is one
        endless attribute), so it is markup here too, not reply text. (The parser itself
        would flush it as text, and parse the tags inside an unclosed comment as tags.)"""
        if _UNTERMINATED.match(self.rawdata):
            self.events.append((self.position(), "other", "", ""))
            self.rawdata = ""
        super().close()

    def position(self) -> int:
        """Absolute offset of the event being reported (`getpos` is line/column)."""
        line, column = self.getpos()
        if line == 1:
            return self._offset + column
        return self._line_starts[self._base_line + line - 1] + column

    def parse_endtag(self, i: int) -> int:
        """A template's closing directive (FreeMarker's ``</#if>``, ``</#list>``,
        ``</@macro>``) is no end tag: it is reported as the text it is, as its opening
        ``<#if vip>`` is, so the template steps pair the two. (The parser read it as a
        bogus comment and dropped it, and the conditional never closed.)"""
        rawdata = self.rawdata
        if not rawdata.startswith(_TEMPLATE_END_TAGS, i):
            return super().parse_endtag(i)
        close = rawdata.find(">", i + 3)
        if close < 0:
            return -1  # not complete yet; left over at the end, it is markup (`close`)
        self.handle_data(rawdata[i : close + 1])
        return close + 1

    def handle_data(self, data: str) -> None:
        self.events.append((self.position(), "data", data, ""))

    def handle_entityref(self, name: str) -> None:
        self.events.append((self.position(), "ref", name, ""))

    def handle_charref(self, name: str) -> None:
        self.events.append((self.position(), "ref", name, ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self.position(), "start", tag, _class_of(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self.position(), "startend", tag, ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append((self.position(), "end", tag, ""))

    def handle_comment(self, data: str) -> None:
        """A comment is markup, but for the template tags in it that open, separate or
        close a block: the engine runs them, so they are text for the template steps,
        as a tag outside a comment is (:mod:`replylint.normalize.comments`)."""
        start = self.position()
        self.events.append((start, "other", "", ""))
        if not self._commented_tags:
            return
        spans = self._commented_spans
        end = start + len("<!--") + len(data) + len("-->")
        i = bisect_right(spans, (start, -1))
        while i < len(spans) and spans[i][1] <= end:
            tag_start, tag_end = spans[i]
            self.events.append((tag_start, "data", self._commented_tags[spans[i]], ""))
            self.events.append((tag_end, "other", "", ""))
            i += 1

    def handle_decl(self, decl: str) -> None:
        self.events.append((self.position(), "other", "", ""))

    def handle_pi(self, data: str) -> None:
        self.events.append((self.position(), "other", "", ""))

    def unknown_decl(self, data: str) -> None:
        self.events.append((self.position(), "other", "", ""))


def _class_of(attrs: list[tuple[str, str | None]]) -> str:
    for name, value in attrs:
        if name == "class" and value:
            return value
    return ""


class _Renderer:
    """Turns the event stream into text, one event at a time."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.out = OffsetBuilder()
        self.removed: list[Removed] = []
        self.pending_space: tuple[int, int] | None = None
        self.pending_breaks = 0
        self.break_span: tuple[int, int] | None = None
        #: A line holding only non-breaking spaces is under way (``<div>&nbsp;</div>``):
        #: a browser shows it as a blank line, where collapsible spaces show nothing.
        self.blank_line = False
        #: A ``<hr>`` (its span) waiting for text under it, to be written as a ``---`` line.
        self.pending_rule: tuple[int, int] | None = None
        self.hidden: dict[str, int] = {}
        self.pre_depth = 0
        self.quote_tag = ""
        self.quote_depth = 0
        self.quote_start = 0
        #: Where, in the text written so far, each quote was cut.
        self.quote_positions: list[int] = []

    # -- output -----------------------------------------------------------
    def emit(self, text: str, start: int, end: int, *, verbatim: bool) -> None:
        """Write visible text, first flushing the pending break or space."""
        out = self.out
        if out.length:
            if self.pending_breaks and self.break_span is not None:
                missing = self.pending_breaks - out.trailing_newlines()
                if self.pending_rule is not None:
                    self._write_rule(missing, *self.break_span)
                elif missing > 0:
                    out.replace("\n" * missing, *self.break_span)
            elif self.pending_space is not None:
                s, e = self.pending_space
                if e - s == 1 and self.raw[s] == " ":
                    out.copy(" ", s)
                else:
                    out.replace(" ", s, e)
        self.pending_breaks = 0
        self.break_span = None
        self.pending_space = None
        self.pending_rule = None
        self.blank_line = False
        if verbatim:
            out.copy(text, start)
        else:
            out.replace(text, start, end)

    def _write_rule(self, missing: int, start: int, end: int) -> None:
        """Write the pending ``<hr>`` as a ``---`` line between blank lines: the rule a
        plain-text reply draws, read by :mod:`replylint.normalize.separators` the same
        way (under the sign-off, it separates the signature). ``start:end`` is the span
        of the markup between the two texts, the ``<hr>`` inside it."""
        assert self.pending_rule is not None
        rule_start, rule_end = self.pending_rule
        out = self.out
        if missing > 0:
            out.replace("\n" * missing, start, rule_start)
        out.replace(_RULE_LINE, rule_start, rule_end)
        out.replace("\n\n", rule_end, max(rule_end, end))

    def request_break(self, count: int, start: int, end: int, *, add: bool = False) -> None:
        """Ask for `count` line breaks before the next visible text."""
        self.pending_breaks = (
            self.pending_breaks + count
            if add or self.blank_line
            else max(self.pending_breaks, count)
        )
        self.blank_line = False
        if self.break_span is None:
            self.break_span = (start, end)
        else:
            self.break_span = (self.break_span[0], end)

    def space(self, start: int, end: int, *, non_breaking: bool = False) -> None:
        """Whitespace between words: kept as one space unless a break comes first. A
        non-breaking space alone on a new line makes that line a blank one."""
        if non_breaking and self.pending_breaks and self.out.length:
            self.blank_line = True
        if self.pending_space is None:
            self.pending_space = (start, end)

    def note_removed(self, kind: RemovedKind, start: int, end: int) -> None:
        """Record ``raw[start:end]`` as left out, merged with an adjacent record of its kind."""
        if end <= start:
            return
        removed = self.removed
        if removed and removed[-1].kind == kind and removed[-1].end == start:
            removed[-1] = Removed(kind, removed[-1].start, end)
        else:
            removed.append(Removed(kind, start, end))

    # -- events -----------------------------------------------------------
    def text(self, data: str, start: int) -> None:
        """Visible character data starting at `start` in the raw input."""
        if self.pre_depth:
            self._pre_text(data, start)
            return
        cursor = 0
        for match in _HTML_SPACE.finditer(data):
            s, e = match.span()
            if s > cursor:
                self.emit(data[cursor:s], start + cursor, start + s, verbatim=True)
            if data[s] not in "\u200b\u200c\u200d\u2060\ufeff":
                non_breaking = not _NON_BREAKING.isdisjoint(data[s:e])
                self.space(start + s, start + e, non_breaking=non_breaking)
            cursor = e
        if cursor < len(data):
            self.emit(data[cursor:], start + cursor, start + len(data), verbatim=True)

    def _pre_text(self, data: str, start: int) -> None:
        """Preformatted text keeps its spacing and line breaks."""
        cursor = 0
        for match in _PRE_FIXUPS.finditer(data):
            s, e = match.span()
            if s > cursor:
                self.emit(data[cursor:s], start + cursor, start + s, verbatim=True)
            token = match.group()
            if token == "\r\n":
                self.emit("\n", start + s + 1, start + e, verbatim=True)
            else:
                fixed = tidy_decoded(token)
                if fixed:
                    self.emit(fixed, start + s, start + e, verbatim=False)
            cursor = e
        if cursor < len(data):
            self.emit(data[cursor:], start + cursor, start + len(data), verbatim=True)

    def reference(self, start: int, end: int) -> None:
        """An entity or character reference occupying ``raw[start:end]``."""
        source = self.raw[start:end]
        decoded = unescape(source)
        if decoded == source:
            self.text(source, start)
            return
        non_breaking = not _NON_BREAKING.isdisjoint(decoded)
        decoded = tidy_decoded(decoded)
        if not decoded:
            return
        if not self.pre_depth and decoded.isspace():
            self.space(start, end, non_breaking=non_breaking)
            return
        self.emit(decoded, start, end, verbatim=False)

    def start_tag(self, tag: str, css_class: str, start: int, end: int, *, closed: bool) -> None:
        quote = not closed and (
            tag == "blockquote" or bool(QUOTE_CLASSES.intersection(css_class.split()))
        )
        if not quote:
            self.note_removed("markup", start, end)  # a quote is recorded whole when it ends
        if tag in _HIDDEN_TAGS and not closed:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
        elif tag == "body":
            self.hidden.pop("head", None)
            self.hidden.pop("title", None)
        if tag == "br":
            self.request_break(1, start, end, add=True)
        elif tag in _PARAGRAPH_TAGS:
            self.request_break(2, start, end)
        elif tag in _LINE_TAGS:
            self.request_break(1, start, end)
        elif tag in _CELL_TAGS:
            self.space(start, end)
        shown = self.out.length and not self.hidden and not self.pre_depth
        if tag == "hr" and shown and self.pending_rule is None:  # (rules in a row: one line)
            self.pending_rule = (start, end)
        if tag == "pre" and not closed:
            self.pre_depth += 1
        if quote:
            self.quote_tag = tag
            self.quote_depth = 1
            self.quote_start = start
            self.quote_positions.append(self.out.length)

    def end_tag(self, tag: str, start: int, end: int) -> None:
        self.note_removed("markup", start, end)
        if tag in _HIDDEN_TAGS:
            if self.hidden.get(tag, 0) > 1:
                self.hidden[tag] -= 1
            else:
                self.hidden.pop(tag, None)
        if tag == "br":
            self.request_break(1, start, end, add=True)
        elif tag in _PARAGRAPH_TAGS:
            self.request_break(2, start, end)
        elif tag in _LINE_TAGS:
            self.request_break(1, start, end)
        elif tag in _CELL_TAGS:
            self.space(start, end)
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1

    def quoted(self, kind: EventKind, tag: str, start: int, end: int) -> None:
        """An event inside quoted history: only track where the quote ends."""
        if tag != self.quote_tag:
            return
        if kind == "start":
            self.quote_depth += 1
        elif kind == "end":
            self.quote_depth -= 1
            if self.quote_depth == 0:
                self.note_removed("quote", self.quote_start, end)
                self.quote_tag = ""
                self.request_break(2, start, end)


def _render(raw: str, events: list[tuple[int, EventKind, str, str]]) -> Draft:
    renderer = _Renderer(raw)
    size = len(raw)
    count = len(events)
    for index, (start, kind, name, css_class) in enumerate(events):
        end = events[index + 1][0] if index + 1 < count else size
        if end < start:
            end = start
        if renderer.quote_tag:
            renderer.quoted(kind, name, start, end)
            continue
        if kind == "start" or kind == "startend":
            renderer.start_tag(name, css_class, start, end, closed=kind == "startend")
        elif kind == "end":
            renderer.end_tag(name, start, end)
        elif renderer.hidden:
            renderer.note_removed("markup", start, end)
        elif kind == "data":
            if raw.startswith(name, start):
                renderer.text(name, start)
                if start + len(name) < end:
                    renderer.note_removed("markup", start + len(name), end)
            else:
                renderer.note_removed("markup", start, end)
        elif kind == "ref":
            renderer.reference(start, end)
        else:
            renderer.note_removed("markup", start, end)
    if renderer.quote_tag:
        renderer.note_removed("quote", renderer.quote_start, size)
    text, offsets = renderer.out.build()
    draft = Draft(text, offsets, (), tuple(renderer.removed))
    return apply_edits(draft, _attribution_edits(text, renderer.quote_positions))


def _attribution_edits(text: str, quote_positions: list[int]) -> list[Edit]:
    """Edits cutting, as part of the quote, an "On ... wrote:" line right above a cut
    quote, as one above ``>`` lines is cut in plain text. Left in, it read as the start
    of the thread (:mod:`replylint.normalize.quoting`), and the reply under the quote
    was cut with it."""
    edits = []
    for position in quote_positions:
        start = attribution_before(text, position) if position else None
        if start is not None:
            edits.append(Edit(start, position, removed="quote"))
    return edits


def _tokenize(raw: str) -> list[tuple[int, EventKind, str, str]]:
    """Parser events for `raw`, in order, each with its absolute start offset.

    The standard library parser raises on malformed marked sections such as
    ``<![junk[``. Browsers read any ``<![`` in HTML content as a bogus comment
    running to the next ``>``, so the parser is shown ``<!_`` instead (same
    length, so offsets stay exact) and reports exactly that. Should it still
    raise, the construct it choked on becomes markup up to the next ``>`` and
    parsing resumes after it, a bounded number of times.
    """
    source = raw.replace("<![", "<!_")
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(raw))]
    commented_tags = {
        (start, end): raw[start:end]
        for start, end in (commented_block_tags(raw, comment_spans(raw)) if "<!--" in raw else [])
    }
    events: list[tuple[int, EventKind, str, str]] = []
    offset = 0
    size = len(raw)
    for _ in range(_MAX_RESTARTS):
        tokens = _Tokens(line_starts, offset, commented_tags)
        try:
            tokens.feed(source[offset:] if offset else source)
            tokens.close()
        except Exception:
            bad = max(tokens.position(), offset)
            events.extend(event for event in tokens.events if event[0] < bad)
            events.append((bad, "other", "", ""))
            close = raw.find(">", bad + 1)
            offset = size if close < 0 else close + 1
            if offset >= size:
                break
            continue
        events.extend(tokens.events)
        break
    return events


def prepare_html(raw: str) -> Draft:
    """Render an HTML reply into the first intermediate `Draft`."""
    return _render(raw, _tokenize(raw))


def br_line_breaks(draft: Draft, raw: str) -> list[int]:
    """Where ``draft`` (a later draft of the HTML reply ``raw``) holds a line break that a
    lone ``<br>`` wrote: one line break, not a blank line, standing for that tag alone.
    Block elements (``<p>``, ``<div>``, ``<li>``) end a line by design; a ``<br>`` may
    stand inside a sentence (:func:`replylint.normalize.reflow.continued_line_edits`)."""
    text = draft.text
    found: list[int] = []
    position = text.find("\n")
    while position >= 0:
        if text[position - 1 : position] != "\n" and text[position + 1 : position + 2] != "\n":
            start, end = draft.offsets.to_original(position, position + 1)
            if _BR_TAG.fullmatch(raw, start, end):
                found.append(position)
        position = text.find("\n", position + 1)
    return found
