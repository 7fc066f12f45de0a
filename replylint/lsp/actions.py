"""The suppression quick fix: the edit that writes a ``replylint: disable`` directive
for one finding, in the comment syntax of the file as the linter reads it (see
:mod:`replylint.lsp.filetypes`: a ``.txt`` macro with real tags is read as HTML).

Two fixes are offered per finding: ``disable-next-line`` on a line of its own above the
finding's line (preferred for a finding on some words), and ``disable`` for the whole
file (preferred for a missing element, which is about the whole reply and sits at its
end, where no next-line directive can point). In Markdown the line fix is offered only
above a line that opens a block, where a comment line cannot change the rendering. A
directive that already targets the same line (or the whole file) gets the rule added to
its list instead of a second directive: two stacked next-line directives would not both
reach the line below them, because the first covers the line the second is written on.

Edits are plain offsets into the text, converted to LSP ranges by the caller, so this
module is tested without a language server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint.lsp.filetypes import FileType
from replylint.normalize import normalize
from replylint.normalize.directives import (
    ACTIONS,
    LINE_BREAK,
    RULE_LIST,
    line_of,
    line_starts,
)
from replylint.normalize.frontmatter import front_matter_end
from replylint.normalize.model import Directive
from replylint.report import Finding

NEXT_LINE, WHOLE_FILE = "disable-next-line", "disable"
#: The action and rule list of a directive, to add a rule to it in place.
_RULE_LIST = re.compile(
    r"(?P<head>(?i:replylint):[ \t]*(?i:" + "|".join(ACTIONS) + "))[ \t]*=[ \t]*" + RULE_LIST
)


#: Markdown lines the quick fix must know: a list item, a code fence, an ATX heading.
#: (A list item's marker is matched on the line without its indentation.)
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_FENCE = re.compile(r"[ ]{0,3}(?:```|~~~)")
_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` with ``new_text`` (an insertion when start == end)."""

    title: str
    start: int
    end: int
    new_text: str
    preferred: bool


def suppression_fixes(text: str, finding: Finding, file_type: FileType) -> list[Fix]:
    """The fixes that silence ``finding`` in ``text``: next line, then whole file."""
    reply = normalize(text, input_format=file_type.input_format)
    # The directives the linter sees in this text (not those in a comment of a plain
    # text), and the syntax it reads them in: the normaliser says whether it read the text
    # as HTML, so the fix and the linter never disagree.
    directives = reply.directives
    file_type = file_type.read_as(html=reply.is_html)
    missing = finding.start == finding.end
    fixes = []
    content_start = front_matter_end(text) or 0
    if not missing:
        starts = line_starts(text)
        line = line_of(starts, finding.start)
        existing = [d for d in directives if d.target_line == line]
        if (
            not file_type.markdown
            or any(d.rules for d in existing)  # joined: nothing is inserted
            or _opens_markdown_block(text, starts, line, content_start)
        ):
            fixes.append(
                _fix(
                    f"Disable {finding.rule} for this line (replylint)",
                    text, file_type, finding.rule, NEXT_LINE,
                    existing=existing,
                    at=starts[line],
                    preferred=True,
                )
            )  # fmt: skip
    fixes.append(
        _fix(
            f"Disable {finding.rule} in this file (replylint)",
            text, file_type, finding.rule, WHOLE_FILE,
            existing=[d for d in directives if d.action == WHOLE_FILE],
            # below YAML front matter: a Markdown macro's ``---`` must stay on line 1
            at=content_start,
            preferred=not fixes,
        )
    )  # fmt: skip
    return fixes


def _opens_markdown_block(text: str, starts: list[int], line: int, content_start: int) -> bool:
    """Can a comment line go above ``line`` without changing how the Markdown renders?

    CommonMark starts an HTML block at a comment, and that block interrupts a paragraph:
    between two lines of a paragraph, a table or a list the comment splits it in two (a
    table's rows below it become a paragraph of pipes). So only above a line that opens a
    block: the first line of the content (below any front matter), or a line after a blank
    line or a heading, indented less than a code block, not inside a fenced code block
    (the comment would be shown as code), and not a list item or an indented line that
    may continue a list above it (a comment between two items ends the list)."""
    ends = [*starts[1:], len(text)]
    lines = [text[start:end].rstrip("\r\n") for start, end in zip(starts, ends, strict=True)]
    first = line_of(starts, content_start)
    if sum(1 for above in lines[first:line] if _FENCE.match(above)) % 2:
        return False
    current = lines[line]
    indent = len(current.expandtabs(4)) - len(current.expandtabs(4).lstrip(" "))
    if indent > 3:
        return False
    if line > first:
        above = lines[line - 1]
        if _HEADING.match(above):
            return True
        if above.strip():
            return False
    if indent or _LIST_ITEM.match(current.lstrip()):
        # The block above (after the blank lines): a list the line may belong to?
        block_end = line
        while block_end > first and not lines[block_end - 1].strip():
            block_end -= 1
        block_start = block_end
        while block_start > first and lines[block_start - 1].strip():
            block_start -= 1
        for above in lines[block_start:block_end]:
            if _LIST_ITEM.match(above.lstrip()) or above[:1] in (" ", "\t"):
                return False
    return True


def _fix(
    title: str,
    text: str,
    file_type: FileType,
    rule: str,
    action: str,
    *,
    existing: list[Directive],
    at: int,
    preferred: bool,
) -> Fix:
    """Add ``rule`` to the first existing directive that lists rules, else insert a new
    directive on a line of its own at ``at`` (a line start), indented like that line."""
    for directive in existing:
        found = _RULE_LIST.search(text, directive.start, directive.end)
        if directive.rules and found is not None:
            rules = ",".join([*directive.rules, rule])
            new = f"{found.group('head')}={rules}"
            return Fix(title, found.start(), found.end(), new, preferred)
    line_end = LINE_BREAK.search(text, at)
    line = text[at : len(text) if line_end is None else line_end.start()]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    first_break = LINE_BREAK.search(text)  # the file's own line ending, old Mac's too
    newline = "\n" if first_break is None else first_break.group()
    # at the very end of a text with no final line break (front matter and nothing else)
    before = newline if at and text[at - 1] not in "\r\n" else ""
    new_text = f"{before}{indent}{file_type.directive(action, rule)}{newline}"
    return Fix(title, at, at, new_text, preferred)
