"""Suppression directives: ``replylint: disable=RULE[,RULE]`` written into a reply or macro.

Teams keep macros in plain text, HTML and template languages, so a directive can stand
in whatever comment the file already has, and is never part of what is checked:

- ``<!-- replylint: disable=jargon -->`` (HTML, Markdown)
- ``{# replylint: disable=jargon #}`` (Jinja, Twig)
- ``{{! replylint: disable=jargon }}`` or ``{{!-- ... --}}`` (Handlebars, Mustache)
- ``{% comment %}replylint: disable=jargon{% endcomment %}`` or ``{% # ... %}`` (Liquid)
- ``{* replylint: disable=jargon *}`` (Smarty), ``<#-- replylint: disable=jargon -->``
  (FreeMarker)
- ``%%[ /* replylint: disable=jargon */ ]%%`` (AMPscript: a comment filling a block of its
  own, on one line or with ``%%[`` and ``]%%`` on lines of their own)
- in plain text, a line of its own: ``replylint: disable=jargon``

A comment holding a directive may span lines (``<!--``, the directive and ``-->`` each on
a line of its own), as long as it holds nothing else. ``disable`` covers the whole reply;
``disable-next-line`` only the next line with text on it after the comment closes (a
line of template tags, comments or directives alone, ``{{#if vip}}``, renders none).
Without ``=RULES`` a directive covers every rule (as ``eslint-disable`` does).
``replylint`` and the directive word may be in any case (an editor capitalises the first
letter of a line), and a reason may follow a ``#``: ``replylint: disable=jargon # brand``.
Anything else that is meant for replylint but is no directive is found by
:mod:`replylint.normalize.misdirectives`, so that it is reported instead of doing nothing.

This module only finds directives and says where they are; which findings they silence
is decided after the rules ran (``replylint.suppression``).
"""

from __future__ import annotations

import bisect
import re

from replylint.normalize.comments import comment_spans
from replylint.normalize.edits import Edit
from replylint.normalize.model import Action, Directive
from replylint.normalize.placeholders import template_markup_spans

#: The directive words, longest first so that ``disable`` does not stop the regex inside
#: ``disable-next-line``.
ACTIONS: tuple[Action, ...] = ("disable-next-line", "disable")
#: The rule list after ``=``: a comma between names, so no two quantifiers compete for the
#: same spaces.
RULE_LIST = r"[\w.\-]+(?:[ \t]*,[ \t]*[\w.\-]+)*"
#: A reason after ``#``: plain words to the end of the comment. It never runs past a ``<``
#: or ``{`` (where the next comment could open), so a line of unclosed directives is still
#: read in linear time.
_REASON = r"#[^\n<{]*"
#: The directive itself: ``replylint: disable-next-line = jargon, tone.blame # why``.
_BODY = (
    r"(?i:replylint):[ \t]*(?P<action>(?i:" + "|".join(ACTIONS) + "))"
    r"(?:[ \t]*=[ \t]*(?P<rules>" + RULE_LIST + r"))?[ \t]*(?:" + _REASON + ")?"
)
#: The comments of the template languages macros are written in, as (opener, closer):
#: HTML and Markdown, Handlebars and Mustache, Jinja and Twig, Liquid's block and inline
#: comments, Smarty's and FreeMarker's, and AMPscript's comment filling a block (``%%[`` and
#: ``]%%`` may stand on lines of their own). A directive fills one comment; the directive is
#: on one line, and the opener and closer may stand on lines of their own around it
#: (:data:`OPEN_GAP`, :data:`CLOSE_GAP`), as an editor's "comment out" writes them.
COMMENT_FORMS: tuple[tuple[str, str], ...] = (
    (r"<!--", r"-->"),
    (r"\{\{~?!(?:--)?", r"(?:--)?~?\}\}"),
    (r"\{#-?", r"-?#\}"),
    (r"\{%-?[ \t]*comment[ \t]*-?%\}", r"\{%-?[ \t]*endcomment[ \t]*-?%\}"),
    (r"\{%-?[ \t]*#", r"-?%\}"),
    (r"\{\*", r"\*\}"),
    (r"<#--", r"-->"),
    (r"%%\[(?:[ \t]*\r?\n)*[ \t]*/\*", r"\*/(?:[ \t]*\r?\n)*[ \t]*\]%%"),
)
#: What may stand between an opener and the directive: spaces, and line breaks (blank
#: lines too). One way only to match each space, so a long run of them stays linear.
OPEN_GAP = r"(?:[ \t]*\r?\n)*[ \t]*"
#: What may stand between the directive (its trailing spaces are its own) and the closer:
#: line breaks, each with the next line's indentation.
CLOSE_GAP = r"(?:\r?\n[ \t]*)*"
#: One set of group names per form, so a match says which form it is.
_PREFIXES = (*(f"c{i}_" for i in range(len(COMMENT_FORMS))), "pl_")
_COMMENT = re.compile(
    "|".join(
        opener + OPEN_GAP + _BODY.replace("?P<", f"?P<c{i}_") + CLOSE_GAP + closer
        for i, (opener, closer) in enumerate(COMMENT_FORMS)
    )
)
#: Plain text: a line holding nothing but the directive.
_LINE = re.compile(r"(?m)^[ \t]*" + _BODY.replace("?P<", "?P<pl_") + r"\r?$")
#: Cheap test first: nearly every reply has no directive at all.
_TRIGGER = "replylint"


def mentions_replylint(text: str) -> bool:
    """Could ``text`` hold a directive, or something meant as one? (``in`` on the lowered
    text is ten times as fast as a case-insensitive regex search.)"""
    return _TRIGGER in text.lower()


def _parse(match: re.Match[str]) -> tuple[Action, tuple[str, ...]]:
    groups = match.groupdict()
    for prefix in _PREFIXES:
        action = groups.get(prefix + "action")
        if action is not None:
            rules = groups.get(prefix + "rules") or ""
            names = tuple(dict.fromkeys(n.strip() for n in rules.split(",") if n.strip()))
            return action.lower(), names  # type: ignore[return-value]
    raise AssertionError("a directive match always has an action")  # pragma: no cover


def find_directives(raw: str, *, html: bool) -> tuple[Directive, ...]:
    """Every directive in ``raw``, in order. In HTML only comment forms count: a bare
    line of text in an HTML body is part of what the customer reads."""
    if not mentions_replylint(raw):
        return ()
    raw = lone_cr_as_lf(raw)
    patterns = (_COMMENT,) if html else (_COMMENT, _LINE)
    found = sorted(
        (m for pattern in patterns for m in pattern.finditer(raw)), key=lambda m: m.start()
    )
    starts = line_starts(raw)
    directives: list[Directive] = []
    cursor = 0
    readable: str | None = None
    for match in found:
        if match.start() < cursor:
            continue  # a comment directive on a line of its own also matches as a line
        cursor = match.end()
        action, rules = _parse(match)
        target = None
        if action == "disable-next-line":
            if readable is None:
                readable = _readable(raw, found, html=html)
            target = _next_text_line(readable, starts, match.end())
        directives.append(Directive(action, rules, match.start(), match.end(), target))
    return tuple(directives)


#: An HTML tag, which renders no words of its own ("<p>", "</div>"); comments are found
#: by :func:`~replylint.normalize.comments.comment_spans`, in linear time (a lazy
#: ``<!--.*?-->`` here rescanned the rest of the text from each unclosed ``<!--``).
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _readable(raw: str, found: list[re.Match[str]], *, html: bool) -> str:
    """``raw`` with what renders no words blanked, one space for each character, so its
    offsets and lines stay those of ``raw``: the directives, template tags and comments
    (``{{#if vip}}``, ``{% endif %}``, ``{# note #}``) and, in HTML, tags and comments. A
    ``disable-next-line`` above ``{{#if vip}}`` means the sentence inside the block, the
    line the customer reads; aimed at the tag's line, it silenced nothing."""
    spans = [m.span() for m in found] + template_markup_spans(raw)
    if html:
        spans += comment_spans(raw) + [m.span() for m in _HTML_TAG.finditer(raw)]
    chars = list(raw)
    for start, end in spans:
        chars[start:end] = (" " if c not in "\r\n" else c for c in raw[start:end])
    return "".join(chars)


def directive_edits(text: str, *, html: bool) -> list[Edit]:
    """Remove directives from the text the checks read (a directive alone on its line
    goes with its line break), so they read the reply as the customer will. HTML comments
    are gone by now; template comments inside HTML are still there. For a text that names the tool
    (:func:`mentions_replylint`: the caller tests it once for everything meant for us)."""
    edits = []
    for pattern in (_COMMENT,) if html else (_COMMENT, _LINE):
        for match in pattern.finditer(text):
            start, end = match.span()
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            alone = not text[line_start:start].strip() and not text[end:line_end].strip()
            if alone:
                start, end = line_start, min(line_end + 1, len(text))
            edits.append(Edit(start, end, removed="directive"))
    return edits


def line_of(starts: list[int], offset: int) -> int:
    """0-based line number of ``offset``, given the offsets where lines start."""
    return bisect.bisect_right(starts, offset) - 1


#: A line break as the editor and the normaliser count lines: ``\r\n``, ``\n``, or a
#: lone ``\r`` (old Mac files; the plain-text pass reads it as ``\n`` too).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


def line_starts(text: str) -> list[int]:
    """The offsets at which the lines of ``text`` start."""
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def lone_cr_as_lf(text: str) -> str:
    """``text`` with each lone ``\r`` read as ``\n``, one character for one, so offsets
    into it are offsets into ``text``: the line-based patterns here (``^``, ``$``,
    ``[^\n]``) then see the lines the editor and :func:`line_starts` see, instead of a
    whole old-Mac file as one line (a next-line directive covering all of it)."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def _next_text_line(raw: str, starts: list[int], after: int) -> int | None:
    """The first line after the one holding ``after`` that has any text on it (``raw``
    as :func:`_readable` leaves it)."""
    line = line_of(starts, max(after - 1, 0)) + 1
    while line < len(starts):
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(raw)
        if raw[start:end].strip():
            return line
        line += 1
    return None
