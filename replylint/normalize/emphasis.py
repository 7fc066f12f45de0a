"""Markdown emphasis in plain-text and Markdown replies: ``**Hi Dana,**``, ``_Thanks,_``.

Macros kept as Markdown, and replies typed in chat tools that render it, bold the
greeting or the valediction. The customer reads "Hi Dana," in bold; the checks read a
line that starts with ``**`` and no greeting, a last line ``**Best regards,**`` that is
no valediction, and so no sign-off and no agent's name under it. Only the delimiters are
cut (as markup): the words stay where they are and the offset map still points at the
raw characters, so a finding quotes the reply as written. HTML is rendered already
(``<strong>`` is a tag), so this step is for plain text only.

A run of ``*`` or ``_`` counts as emphasis following CommonMark's flanking rules, made
stricter where a false match would change the words (precision first):

- an opening run (one to three of the same character) is followed by a non-space and a
  closing one of the same length is preceded by a non-space, in the same paragraph (over
  a line break, as Markdown renders ``*Sam Ortiz\nSupport team*``, never over a blank
  line); the text between holds a letter or a digit (``*.*`` is a wildcard, not
  emphasis);
- neither opens nor closes inside a word: ``user_id``, ``snake_case_name``,
  ``my_file_v2.txt`` and ``2*3*4`` stay. CommonMark lets ``*`` emphasise part of a word
  (``un*frigging*believable``); support replies write products, codes and sums that way
  far more often, so it is not read here;
- nor next to a character that joins a word to a path, an address or a file name: not
  after ``obj.`` or ``/``, not before ``.py`` or ``/``; and a name between underscores
  is a name, not a word in bold or italics: ``__init__`` (Python), ``__PARENT_NAME__``
  (a template field), ``_user_id_``;
- ``* item`` (a bullet) and ``2 * 3`` are no emphasis (a space follows the opener), nor a
  run escaped by a backslash, nor one of four or more (``****``, a rule of ``___``);
- nothing inside code (`` `a_b` ``, fenced blocks), a URL, an e-mail address, a handle,
  a Markdown link's target or a template placeholder is touched. Placeholders are
  replaced by words before this step (``**{{agent.name}}**`` reads ``**Name**``, and a
  merge tag's ``*|FNAME|*`` is gone); the brackets are still skipped in case one was not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from replylint.normalize.edits import Edit

#: A run of emphasis characters, or of backticks (code spans are paired per paragraph).
_RUN = re.compile(r"\*+|_+|`+")
_MAX_RUN = 3
#: A code fence line: three or more backticks or tildes, indented at most three spaces.
_FENCE = re.compile(r" {0,3}(?:`{3,}|~{3,})")
#: Spans whose characters are not prose: a URL (its closing punctuation, emphasis
#: characters included, is trimmed as GFM's autolinks do), an e-mail address or handle
#: (each starts only where its run of characters starts, so a long word is read once),
#: a Markdown link target, a placeholder in braces, chevrons, double brackets or a merge
#: tag's ``*|...|*``.
_PROTECTED = re.compile(
    r"(?P<url>(?:\b[A-Za-z][A-Za-z0-9+.-]{1,10}://|\bwww\.)[^\s<>]+)"
    r"|(?<![\w.+-])[\w.+-]*@[\w.-]+"
    r"|\]\([^()\s]*\)"
    r"|\{\{?[^{}\n]*\}\}?|<<[^<>\n]*>>|\[\[[^\[\]\n]*\]\]|\*\|[^|\n]*\|\*"
)
_URL_TRAILING = "*_~.,:;!?'\")]"
#: Characters that join the word before them to the word after: a run beside one of
#: these, with a letter or digit on its other side, is part of a path, address or name.
_JOINERS = frozenset("/\\.@#$%&=+:^|~")
_ALPHANUMERIC = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class _Opener:
    start: int
    end: int
    #: How many stretches of text holding a letter or digit came before it on its line.
    words_before: int


def emphasis_edits(text: str, *, html: bool = False) -> list[Edit]:
    """Edits that remove the delimiters of Markdown emphasis (none for HTML)."""
    if html or ("*" not in text and "_" not in text):  # most replies: nothing to look at
        return []
    edits: list[Edit] = []
    for start, end in _paragraphs(text):
        if "*" in text[start:end] or "_" in text[start:end]:
            for a, b in _pairs(text, start, end):
                edits.append(Edit(*a, removed="markup"))
                edits.append(Edit(*b, removed="markup"))
    return edits


def prose_lines(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each line outside fenced code blocks."""
    fence: str | None = None
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        opening = _FENCE.match(line)
        if fence is None:
            if opening is None:
                yield start, start + len(line)
            else:
                fence = opening.group().strip()[0] * 3
        elif opening is not None and opening.group().strip().startswith(fence):
            fence = None


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph outside fenced code blocks: a run of
    non-blank lines, the newlines between them included."""
    first: tuple[int, int] | None = None
    for start, end in prose_lines(text):
        if first is not None and start == first[1] + 1 and text[start:end].strip():
            first = (first[0], end)
            continue
        if first is not None:
            yield first
        first = (start, end) if text[start:end].strip() else None
    if first is not None:
        yield first


def _pairs(text: str, start: int, end: int) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """The (opening, closing) delimiter spans of the emphasis in one paragraph.

    Delimiters pair with the nearest open one of the same character and length; openers
    left inside a closed pair are dropped (``*a _b* c_`` pairs the stars only), and so
    are those before a run of the same kind that neither opens nor closes inside a word
    or a name: ``__init__.py`` and ``obj.__init__()`` pair no ``__``. Each run is pushed
    and popped at most once: linear in the length of the paragraph."""
    runs = list(_delimiter_runs(text, start, end))
    stacks: dict[str, list[_Opener]] = {}
    words = 0
    previous_end = start
    for run_start, run_end in runs:
        if _ALPHANUMERIC.search(text, previous_end, run_start):
            words += 1
        previous_end = run_end
        if run_end - run_start > _MAX_RUN or (run_start > 0 and text[run_start - 1] == "\\"):
            continue
        before = text[run_start - 1] if run_start > start else " "
        after = text[run_end] if run_end < end else " "
        key = text[run_start:run_end]
        stack = stacks.get(key)
        if stack and words > stack[-1].words_before and _can_close(text, run_end, before, after):
            opener = stack.pop()
            if not (key == "__" and _is_name(text[opener.end : run_start])):
                yield (opener.start, opener.end), (run_start, run_end)
            for other in stacks.values():
                while other and other[-1].start > opener.start:
                    other.pop()
            continue
        if _can_open(text, run_start, before, after):
            stacks.setdefault(key, []).append(_Opener(run_start, run_end, words))
        elif not (before.isspace() or after.isspace()):
            stacks.pop(key, None)  # glued into a name: "_Hi my_file_" is not read either


def _delimiter_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The runs of ``*`` and ``_`` in a paragraph that lie outside code spans and protected
    spans, in order."""
    protected = [_trimmed(match) for match in _PROTECTED.finditer(text, start, end)]
    runs = [match.span() for match in _RUN.finditer(text, start, end)]
    protected.extend(_code_spans(text, runs))
    protected.sort()
    index = 0
    for run_start, run_end in runs:
        if text[run_start] == "`":
            continue
        while index < len(protected) and protected[index][1] <= run_start:
            index += 1
        if index < len(protected) and protected[index][0] < run_end:
            continue  # inside (or cut by) a protected span
        yield run_start, run_end


def _is_name(inner: str) -> bool:
    """What stands between double underscores as a name, not as words in bold: a
    lower-case identifier (Python's ``__init__``) or one holding an underscore (a template
    field in the ``__PARENT_NAME__`` style). (Between single ones, ``_user_id_``, the
    inner underscore already stops the pair.)"""
    if not inner.isascii() or not inner[:1].isalpha() or not inner.replace("_", "").isalnum():
        return False
    return inner.islower() or "_" in inner


def _trimmed(match: re.Match[str]) -> tuple[int, int]:
    start, end = match.span()
    if match.group("url") is not None:
        end = start + len(match.group().rstrip(_URL_TRAILING))
    return start, end


def _code_spans(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code spans: a backtick run up to the next run of the same length (CommonMark)."""
    ticks = [(a, b) for a, b in runs if text[a] == "`"]
    following: dict[int, int] = {}
    next_of_length: dict[int, int] = {}
    for i in range(len(ticks) - 1, -1, -1):
        length = ticks[i][1] - ticks[i][0]
        if length in next_of_length:
            following[i] = next_of_length[length]
        next_of_length[length] = i
    spans = []
    reached = -1
    for i, (a, _) in enumerate(ticks):
        if a >= reached and i in following:
            reached = ticks[following[i]][1]
            spans.append((a, reached))
    return spans


def _is_punctuation(character: str) -> bool:
    """Punctuation or a symbol, as CommonMark counts them."""
    return unicodedata.category(character)[0] in "PS"


def _is_word(character: str) -> bool:
    return not character.isspace() and not _is_punctuation(character)


def _can_open(text: str, start: int, before: str, after: str) -> bool:
    """Left-flanking (`before` is a space or punctuation, `after` is no space), and not
    inside a path or name (``obj.__init__``, ``/var/*``)."""
    if after.isspace() or _is_word(before):
        return False
    return not (before in _JOINERS and start >= 2 and _is_word(text[start - 2]))


def _can_close(text: str, end: int, before: str, after: str) -> bool:
    """Right-flanking (`before` is no space, `after` is a space or punctuation), and not
    inside a file name or address (``__init__.py``, ``*note*/``)."""
    if before.isspace() or _is_word(after):
        return False
    return not (after in _JOINERS and end + 1 < len(text) and _is_word(text[end + 1]))
