"""The branches of a macro's conditional, read apart from each other.

``{% if refund %}Your refund is on its way.{% else %}We can't refund this order.{% endif %}``
sends each customer one branch. The checks read every branch (a macro passes a check when
some branch has what it asks for, and jargon is found in any of them), but two branches
must never read as one sentence or one line: "Hi Name, Hello Name," is two greetings on
one line, "Sam Kind regards," a name glued to the next valediction, and a step in one
branch ran on into the other's sentence. So each tag that separates two branches
(``{% else %}``, ``{% elsif %}``/``{% elif %}``, Liquid's ``{% when %}``, Django's
``{% empty %}``, ``{{else}}``, ``{{^}}``, Mustache's ``{{/vip}}{{^vip}}``, FreeMarker's
``<#else>``/``<#elseif>`` (``<#elseIf>``), Smarty's ``{else}``, Mailchimp's ``*|ELSE:|*``)
is read by what the branches are:

- whole lines or sentences (a branch spans lines; or the conditional fills its line; or it
  starts where a sentence does and every branch ends one): each branch is a line of its
  own, so a greeting, a step or a sign-off stays with its branch. As for a file of
  variants, the opening is then read from the first branch and the closing and sign-off
  from the last;
- words inside a sentence ("our {% if eu %}EU{% else %}US{% endif %} warehouse"): the
  branches are alternatives for the same words, and the first with words is read, as the
  sentence would be sent ("our EU warehouse"). Read together they made a sentence no one
  is sent ("our EU US warehouse", "your order has shipped is being packed"); a slash
  between them ("EU / US") read as a sign-off's marker under a valediction ("Sam / Alex")
  and hid a name opening the reply. The other branches' tags and fields are cut one by
  one, as tags and fields are, so a reply sent unrendered has each reported.

Read as lines, every branch but the last ends at a line break, where the text keeps no
sign of the tag: :func:`branch_ends` finds those places again in the finished text, so
the sign-off closing each branch is read too ("Best,\nSam" above "{% else %}Best,\nThe
Acme team", where the reply as sent is one branch or the other).

A separator with an empty branch on either side (``{% if vip %}{% else %}...``) separates
nothing and is dropped as any other tag. The tags that open and close a conditional are
dropped by :mod:`replylint.normalize.placeholders`; this module pairs them to find each
conditional's branches (in HTML too: :mod:`replylint.normalize.htmltext` keeps
``</#if>`` as text). A conditional never closed has its last branch run to the end of
its line, and inside a sentence none of its words are cut: where it ends is not known, so
its text is read as written (each separator still ends a line where the branches are
lines), and it has no branch a customer would be sent apart (:func:`line_branches`).

A closing tag closes the innermost block open of its own kind (``{% endif %}`` an ``if``,
``{{/each}}`` an ``{{#each}}``, ``{{/vip}}`` a ``{{#vip}}``), as a template engine pairs
them: in ``{% if a %}{% for x in items %}...{% endif %}`` the ``for`` is the block never
closed, not the ``if``; one that closes none (an ``{% endif %}`` with no ``if`` open) ends
no branch, and is dropped as any other tag. A template engine refuses to render either a
block never closed or a closing tag that closes none, and a tag separating two branches
outside a block that takes it (an ``{% else %}`` with no ``if`` open, an ``{% elsif %}``
in a ``{% for %}``): :func:`unbalanced_tags` finds them all, with the tag to add to each,
for the template_residue check to say so. A separator with no block open ends no branch
and is dropped as any other tag; one inside a block of another kind is read as a branch
of it all the same. So is one after its block's else branch (``{% elsif b %}`` or a second
``{% else %}`` after the ``{% else %}``, ``{{else if b}}`` after ``{{else}}``), which Jinja,
Django, Handlebars, FreeMarker and Smarty refuse and Liquid never sends: it is found too.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from replylint.normalize.edits import Edit
from replylint.normalize.offsets import OffsetMap

Span = tuple[int, int]

#: A tag that opens a conditional or a loop (whose ``else`` is the empty case). The named
#: group that matched is its template language, and its text the name of its block, which
#: the tag that closes it names again (``{% for %}``: ``for``, ``{{#if}}``: ``if``, a
#: Mustache ``{{#vip}}`` or ``{{^vip}}``: ``vip``, ``{{#> box}}``: ``box``).
_OPEN = re.compile(
    r"""\{%[-+]?[ \t]*(?P<liquid>if|unless|case|for|ifchanged|ifequal|ifnotequal)\b
      | \{\{~?[ \t]*[\#^][ \t]*(?:[>*][ \t]*)?(?P<mustache>[^\s}~]+)
      | <\#(?P<freemarker>if|list|switch)\b
      | \{(?P<smarty>if|foreach|section)[ \t]
      | \*\|(?P<mailchimp>IF|INTERESTED)(?:NOT)?:""",
    re.VERBOSE,
)
#: A tag that ends one branch and starts the next: its group and text, the language and
#: word of the tag (``("liquid", "elsif")``, a Handlebars ``{{^}}``: ``("mustache", "^")``).
_SEPARATOR = re.compile(
    r"""\{%[-+]?[ \t]*(?P<liquid>else|elsif|elif|elseif|when|empty)\b
      | \{\{~?[ \t]*(?P<mustache>else\b|\^(?=[ \t]*~?\}\}))
      | <\#(?P<freemarker>else|elseif|elseIf|case|default)\b
      | \{(?P<smarty>else|elseif|foreachelse|sectionelse)\b
      | \*\|(?P<mailchimp>ELSE|ELSEIF):""",
    re.VERBOSE,
)
#: A tag that closes a conditional or a loop: its group and text, the language and name
#: of the block it closes, as :data:`_OPEN`'s.
_CLOSE = re.compile(
    r"""\{%[-+]?[ \t]*end(?P<liquid>if|unless|case|for|ifchanged|ifequal|ifnotequal)\b
      | \{\{~?[ \t]*/[ \t]*(?P<mustache>[^\s}~]*)
      | </\#(?P<freemarker>if|list|switch)\b
      | \{/(?P<smarty>if|foreach|section)\b
      | \*\|END:(?P<mailchimp>IF|INTERESTED)\|""",
    re.VERBOSE,
)
#: An AMPscript block (Salesforce Marketing Cloud): ``%%[ IF @vip == "true" THEN ]%%``,
#: ``%%[ SET @n = 1 ]%%``, to the first ``]%%`` (a block of many lines too). A block holds
#: statements, not one tag word: what it does to a conditional or loop is read from its
#: keywords (:func:`_ampscript_roles`). No block runs past the next ``%%[``, so a text of
#: blocks never closed is read in linear time, not each to the end of its reach.
AMPSCRIPT_BLOCK = r"%%\[(?:[^\]%]|%(?!%\[)|\](?!%%)){0,5000}\]%%"
_AMPSCRIPT_BLOCK = re.compile(AMPSCRIPT_BLOCK)
#: What an AMPscript block holds that is no statement: its comments and strings (a
#: doubled quote inside a string is the quote itself).
_AMPSCRIPT_NOISE = re.compile(r"/\*.*?\*/|\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'", re.DOTALL)
#: The keywords of AMPscript's conditionals and loops, in any case (``If``, ``ENDIF``);
#: not a variable of the same name (``@if``).
_AMPSCRIPT_KEYWORD = re.compile(r"(?<![@\w])(ELSEIF|ELSE|ENDIF|IF|FOR|NEXT)\b", re.IGNORECASE)
#: Of each AMPscript keyword: what it does (its role) and the block it names.
_AMPSCRIPT_ROLES: dict[str, tuple[Role, str]] = {
    "IF": ("open", "IF"),
    "FOR": ("open", "FOR"),
    "ELSEIF": ("separator", "ELSEIF"),
    "ELSE": ("separator", "ELSE"),
    "ENDIF": ("close", "IF"),
    "NEXT": ("close", "FOR"),
}
#: An AMPscript else, in any case: a text without one has no AMPscript branches.
_AMPSCRIPT_ELSE = re.compile(r"\belse", re.IGNORECASE)
#: Mustache has no else: ``{{#vip}}...{{/vip}}{{^vip}}...{{/vip}}``, a section closed and
#: the same name's inverted section opened at once, is one.
_MUSTACHE_INVERTED = re.compile(r"\{\{~?[ \t]*\^[ \t]*([\w.]+)")
#: Text that ends a sentence, possibly inside quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")
#: What separates two branches that are lines or sentences: a line break, which the
#: analysis reads as the end of a sentence and the greeting and sign-off readers as the
#: end of a line (a blank line under "Kind regards,\nSam" would part the valediction from
#: a name in the next branch).
LINE_BREAK = "\n"
#: Conditionals nested deeper than this are not read apart (their tags are dropped as
#: others are): no macro nests so deep, and each level reads its branches' words again.
_MAX_DEPTH = 12
#: A dropped tag between these and a word leaves no space ("today{% endif %}.").
_NO_SPACE_AFTER = frozenset("([{'\"")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}'\"")


#: Which block a tag opens or closes: its template language and the block's name
#: (``("liquid", "for")``, ``("mustache", "vip")``).
_Kind = tuple[str, str]
#: What a tag does to a block: opens it, separates two of its branches, or closes it.
Role = Literal["open", "separator", "close"]


@dataclass
class _Conditional:
    open: Span
    kind: _Kind
    separators: list[Span] = field(default_factory=list)
    close: Span | None = None
    #: Tags read with a separator: a Mustache ``{{^vip}}`` after its ``{{/vip}}``.
    joined: list[Span] = field(default_factory=list)
    #: Never closed, inside a block that is: the tag closing that block, before which it
    #: had to end (``{% endif %}`` of ``{% if a %}{% for x in items %}...{% endif %}``).
    cut_by: Span | None = None
    #: Its else branch's tag (``{% else %}``, ``{{else}}``, ``<#else>``), once read: the
    #: last branch, after which no branch tag of the block belongs.
    last_branch: Span | None = None
    #: Its branch tag that also opened a nested conditional (AMPscript's ``%%[ ELSE IF
    #: @b THEN ]%%``: an ELSE, then an IF needing an ENDIF of its own), if any: left open,
    #: the conditional is said to be so on that tag, where the author wrote one ENDIF
    #: for two conditionals (meaning ELSEIF).
    else_if: Span | None = None


@dataclass
class _Pairing:
    """The conditionals of a text, its closing tags that close none, and its tags that
    separate branches outside a block that takes them, each with the block open around
    it of its language (None: none is). A stray or misplaced tag comes with the kind it
    was read as (an AMPscript block may do several things: ``%%[ ENDIF IF @b THEN ]%%``
    is a stray by its ENDIF alone)."""

    conditionals: list[_Conditional]
    strays: list[tuple[Span, _Kind]]
    misplaced: list[tuple[Span, _Kind, _Conditional | None]] = field(default_factory=list)
    #: Branch tags after their block's else branch, with that block.
    after_last: list[tuple[Span, _Conditional]] = field(default_factory=list)


#: What an :class:`UnbalancedTag` is: an opening tag never closed, a closing tag that
#: closes none, or a tag separating two branches that stands outside a block taking it.
UnbalancedRole = Literal["unclosed", "stray", "misplaced"]


@dataclass(frozen=True)
class UnbalancedTag:
    """A tag that makes a macro no template engine renders: the opening tag of a
    conditional or loop never closed, a closing tag that closes none, or a tag that
    separates two branches (``{% else %}``, ``{{else}}``, ``{% when %}``) outside the
    block it belongs in."""

    span: Span
    role: UnbalancedRole
    #: Whether its block is a loop (``{% for %}``, ``{{#each}}``, ``<#list>``,
    #: ``{foreach}``) rather than a conditional; of a misplaced separator, the block it
    #: stands inside.
    loop: bool
    #: The tag to add: the one that closes it (``{% endfor %}``), or that opens it
    #: (``{% if ... %}``); of a misplaced separator, the one opening the block it belongs in
    #: (of one after its block's else branch, none: "").
    missing: str
    #: Of an opening tag left open inside a block that is closed, the tag that closes that
    #: block: its own closing tag belongs before it.
    before: Span | None = None
    #: Of a misplaced separator: the tag closing the block it belongs in (``{% endif %}``)
    #: and what that block is ("conditional", "conditional or loop", "block").
    belongs: tuple[str, str] | None = None
    #: Of a separator inside a block that takes none such (``{% elsif %}`` in a ``{% for
    #: %}``): that block's opening tag, and the tag that closes it.
    inside: tuple[Span, str] | None = None
    #: Of a separator after its block's else branch (``{% elsif b %}`` after ``{% else
    #: %}``): that else branch's tag. ``inside`` is then the block it follows the else of.
    after: Span | None = None


@dataclass(frozen=True)
class BranchReading:
    """How the conditionals of a text are read: the edits, and the spans of tags and
    values they take care of (the caller drops the other tags and reads the other values)."""

    edits: list[Edit]
    handled: frozenset[Span]


class _Spans:
    """Spans of a text in order, none overlapping another, found by bisection (a macro of
    thousands of tags is read in n log n, not in n squared)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def within(self, start: int, end: int) -> list[Span]:
        """The spans wholly inside ``[start, end)``."""
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.spans) and self.spans[i][1] <= end:
            found.append(self.spans[i])
            i += 1
        return found

    def covering(self, position: int) -> Span | None:
        """The span ``position`` is inside, if any."""
        i = bisect_right(self.starts, position) - 1
        return self.spans[i] if i >= 0 and self.spans[i][1] > position else None

    def words(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` without the spans in it (a nested conditional's tags)."""
        pieces = []
        cursor = start
        for span_start, span_end in self.within(start, end):
            pieces.append(text[cursor:span_start])
            cursor = span_end
        pieces.append(text[cursor:end])
        return "".join(pieces)


def read_branches(text: str, tags: Sequence[Span], values: Sequence[Span]) -> BranchReading:
    """Read the branches of every conditional in ``text`` apart (see the module's doc).
    ``tags`` are the spans of its template tags and comments, ``values`` those of its value
    placeholders and partials, none overlapping another."""
    tag_spans = _Spans(tags)
    cuttable = _Spans([*tags, *values])
    edits: list[Edit] = []
    handled: set[Span] = set()
    conditionals = sorted(_conditionals(text, tag_spans.spans), key=lambda c: c.open)
    #: the tags that end another conditional's branch: of AMPscript, a block may also
    #: open the next conditional there (``%%[ ELSE IF @b THEN ]%%`` a nested one, ``%%[
    #: ENDIF IF @b THEN ]%%`` the one after), which is read too unless its branches were
    #: cut with the other's
    bounds = {span for c in conditionals for span in (*c.separators, c.close) if span}
    for conditional in conditionals:
        taken_with_another = conditional.open in handled and (
            conditional.open not in bounds or not handled.isdisjoint(conditional.separators)
        )
        if conditional.separators and not taken_with_another:
            taken = _read_apart(text, conditional, tag_spans, cuttable)
            edits += taken.edits
            handled |= taken.handled
    return BranchReading(edits, frozenset(handled))


def branch_ends(text: str, offsets: OffsetMap, original: str) -> list[int]:
    """Where branches of a conditional end in the normalised ``text``: the end of each line
    (``offsets`` mapping ``text`` to ``original``) whose line break stands where the
    ``original`` has a tag that separates two branches or closes a conditional. The last
    branch ends with the text, or with its line where more text follows the conditional."""
    if (
        _SEPARATOR.search(original) is None
        and _CLOSE.search(original) is None
        and "%%[" not in original
    ):
        return []  # (nearly every reply: no template tags)
    ends = []
    for breaks in _LINE_BREAKS.finditer(text):
        start, end = breaks.span()
        if start == 0 or end == len(text):
            continue
        gap_start = offsets.to_original(start - 1, start)[1]
        gap_end = offsets.to_original(end, end + 1)[0]
        if _ends_branch(original, gap_start, gap_end):
            ends.append(start)
    return ends


def may_branch(original: str) -> bool:
    """Whether ``original`` may hold a conditional with two branches or more: a tag that
    separates branches, or a Mustache inverted section (nearly every reply has neither)."""
    return bool(
        _SEPARATOR.search(original)
        or _MUSTACHE_INVERTED.search(original)
        or ("%%[" in original and _AMPSCRIPT_ELSE.search(original))
    )


def line_branches(text: str, offsets: OffsetMap, original: str, tags: Sequence[Span]) -> list[Span]:
    """The spans of the normalised ``text`` (``offsets`` mapping it to ``original``) that
    hold one branch each of a conditional read as lines, every branch of it, the last
    too; ``tags`` are the spans of the ``original``'s template tags and comments.

    A customer sent one branch reads the text around the conditional with it ("{% if
    refund %}Your refund is on its way. Thanks for waiting!{% else %}...{% endif %}\n\n
    Best,\nKim" closes the refund with thanks), and not the sibling branches: a check
    reading what one customer is sent leaves out the spans apart from that branch's.
    A conditional never closed, or read as words of a sentence, has none."""
    if not tags or not may_branch(original):
        return []
    spans = _Spans(tags)
    found: list[Span] = []
    for conditional in _conditionals(original, spans.spans):
        if not conditional.separators or conditional.close is None:
            continue
        bounds = [conditional.open, *conditional.separators]
        ends = [start for start, _ in conditional.separators] + [conditional.close[0]]
        branches = [
            (_in_text(offsets, bound[1]), _in_text(offsets, stop))
            for bound, stop in zip(bounds, ends, strict=True)
        ]
        if _read_as_lines(text, branches):
            found += branches
    return sorted(found)


def unbalanced_tags(text: str, tags: Sequence[Span]) -> list[UnbalancedTag]:
    """The tags of ``text`` no template engine renders, in order: the opening tags of its
    conditionals and loops never closed (``{% if vip %}`` with no ``{% endif %}`` after it,
    ``{{#if vip}}`` with no ``{{/if}}``), and its closing tags that close none (an ``{%
    endif %}`` with no ``{% if %}`` open before it). ``tags`` are the spans of its template
    tags and comments.

    A closing tag closes the innermost block open of its own kind: in ``{% if a %}{% for
    x in items %}...{% endif %}`` the ``{% endif %}`` closes the ``if``, and the ``for``
    opened inside it is the block never closed (Jinja's error names it "the innermost block
    that needs to be closed"). Of a Mustache section and the same name's inverted section
    that follows it (``{{#vip}}...{{/vip}}{{^vip}}...``), the inverted one is the one left
    open.

    A tag that separates two branches belongs to the innermost block open of its template
    language, as the engine reads it, and that block must take it (:data:`_SEPARATES`): an
    ``{% else %}`` with no block open (before any ``{% if %}``, or after it closed), or an
    ``{% elsif %}`` inside a ``{% for %}`` (Jinja: "Encountered unknown tag 'elif'... The
    innermost block that needs to be closed is 'for'"), is no branch the engine renders
    either. A separator of another template language than the block around it stands
    outside any block of its own: a macro mixes none."""
    if not tags or not (
        _OPEN.search(text) or _CLOSE.search(text) or _SEPARATOR.search(text) or "%%[" in text
    ):
        return []
    pairing = _pair(text, tags)
    found = [
        _unclosed(conditional) for conditional in pairing.conditionals if conditional.close is None
    ]
    found += [_misplaced(span, kind, block) for span, kind, block in pairing.misplaced]
    found += [_after_last(text, span, block) for span, block in pairing.after_last]
    if pairing.strays:
        blocks = _inheritance_blocks(text)
        found += [
            _stray(span, kind)
            for span, kind in pairing.strays
            if not _closes_inheritance_block(text, span, blocks)
        ]
    return sorted(found, key=lambda tag: tag.span)


#: Mustache's inheritance tags, a block (``{{$note}}``) and a parent (``{{<layout}}``),
#: which ``{{/note}}`` closes. Not read as tags elsewhere: Blade writes a value so
#: (``{{ $name }}``), and only a closing tag of the same name tells them apart.
_INHERITANCE_OPEN = re.compile(r"\{\{~?[ \t]*[$<][ \t]*([^\s}~]+)")


def _inheritance_blocks(text: str) -> dict[str, int]:
    """Where each name's first Mustache block or parent tag ends (``{{$note}}``,
    ``{{<layout}}``), found in one pass."""
    first: dict[str, int] = {}
    if "{{" in text:
        for match in _INHERITANCE_OPEN.finditer(text):
            first.setdefault(match.group(1), match.end())
    return first


def _closes_inheritance_block(text: str, span: Span, blocks: dict[str, int]) -> bool:
    """Whether a stray closing tag is the end of a Mustache block or parent of its name
    opened before it (``{{$note}}Call us.{{/note}}``): no stray, though the pairing,
    which reads no such tag, found none open."""
    closing = _CLOSE.match(text, *span)
    if closing is None or _kind(closing)[0] != "mustache":
        return False
    opened = blocks.get(closing.group("mustache"))
    return opened is not None and opened <= span[0]


#: The names of blocks that are loops, in any template language.
_LOOPS = frozenset({"for", "each", "list", "foreach", "section", "FOR"})
#: Block helpers of Handlebars that take an argument (``{{#if vip}}``); any other name is a
#: Mustache section (``{{#vip}}``), opened by its name alone.
_HANDLEBARS_HELPERS = frozenset({"if", "unless", "each", "with"})
#: The tag that closes a block, and the one that opens it (``...`` standing for what a
#: macro writes there), by its template language.
_CLOSING_TAG = {
    "liquid": "{{% end{} %}}",
    "mustache": "{{{{/{}}}}}",
    "freemarker": "</#{}>",
    "smarty": "{{/{}}}",
    "mailchimp": "*|END:{}|*",
}
_OPENING_TAG = {
    "liquid": "{{% {} ... %}}",
    "freemarker": "<#{} ...>",
    "smarty": "{{{} ...}}",
    "mailchimp": "*|{}:...|*",
}
#: AMPscript's, by the block's name: its keywords differ from block to block.
_AMPSCRIPT_TAGS = {
    "IF": ("%%[ IF ... THEN ]%%", "%%[ ENDIF ]%%"),
    "FOR": ("%%[ FOR ... DO ]%%", "%%[ NEXT ]%%"),
}


def _closing_tag(kind: _Kind) -> str:
    """The tag that closes a block of ``kind`` (``{% endif %}``, ``%%[ ENDIF ]%%``)."""
    language, name = kind
    if language == "ampscript":
        return _AMPSCRIPT_TAGS[name][1]
    return _CLOSING_TAG[language].format(name)


def _opening_tag(kind: _Kind) -> str:
    """The tag that opens a block of ``kind`` (``{% if ... %}``), but for Mustache's."""
    language, name = kind
    if language == "ampscript":
        return _AMPSCRIPT_TAGS[name][0]
    return _OPENING_TAG[language].format(name)


#: The blocks a tag separating two branches may stand in, by its template language and
#: word, and the block a finding names for it (a Handlebars ``{{else}}`` or ``{{^}}``
#: stands in any block: :func:`_takes`).
_SEPARATES: dict[_Kind, tuple[frozenset[str], str]] = {
    ("liquid", "else"): (
        frozenset({"if", "unless", "case", "for", "ifchanged", "ifequal", "ifnotequal"}),
        "if",
    ),
    ("liquid", "elsif"): (frozenset({"if", "unless"}), "if"),  # Liquid
    ("liquid", "elif"): (frozenset({"if"}), "if"),  # Jinja
    ("liquid", "elseif"): (frozenset({"if"}), "if"),  # Twig
    ("liquid", "when"): (frozenset({"case"}), "case"),
    ("liquid", "empty"): (frozenset({"for"}), "for"),  # Django's for ... empty
    ("freemarker", "else"): (frozenset({"if", "list"}), "if"),
    ("freemarker", "elseif"): (frozenset({"if"}), "if"),
    ("freemarker", "elseIf"): (frozenset({"if"}), "if"),  # its camel-case form
    ("freemarker", "case"): (frozenset({"switch"}), "switch"),
    ("freemarker", "default"): (frozenset({"switch"}), "switch"),
    ("smarty", "else"): (frozenset({"if"}), "if"),
    ("smarty", "elseif"): (frozenset({"if"}), "if"),
    ("smarty", "foreachelse"): (frozenset({"foreach"}), "foreach"),
    ("smarty", "sectionelse"): (frozenset({"section"}), "section"),
    ("mailchimp", "ELSE"): (frozenset({"IF", "INTERESTED"}), "IF"),
    ("mailchimp", "ELSEIF"): (frozenset({"IF"}), "IF"),
    ("ampscript", "ELSE"): (frozenset({"IF"}), "IF"),
    ("ampscript", "ELSEIF"): (frozenset({"IF"}), "IF"),
}


def _kind(match: re.Match[str]) -> _Kind:
    """The template language and block name a match of :data:`_OPEN` or :data:`_CLOSE`
    reads (of :data:`_SEPARATOR`, the language and the separator's word)."""
    language = match.lastgroup or ""
    return language, match.group(language)


def _role(tag: str) -> tuple[Role, _Kind] | None:
    """What ``tag`` does to a block, and its kind (:func:`_kind`): None when it opens,
    separates and closes none. (Of an AMPscript block that does several things, such as
    ``%%[ ELSE IF @b THEN ]%%``, which separates and then opens: the first; :func:`_roles`
    gives them all.)"""
    roles = _roles(tag)
    return roles[0] if roles else None


def _roles(tag: str) -> list[tuple[Role, _Kind]]:
    """What ``tag`` does to blocks, in order: one thing, or none; more only for an
    AMPscript block of several statements (:func:`_ampscript_roles`)."""
    if tag.startswith("%%["):
        return _ampscript_roles(tag)
    role = _single_role(tag)
    return [role] if role is not None else []


def _single_role(tag: str) -> tuple[Role, _Kind] | None:
    """What a tag of a language other than AMPscript does to a block (it does one thing
    at most), and its kind; None when it does nothing to one."""
    closing = _CLOSE.match(tag)
    if closing is not None:
        return "close", _kind(closing)
    separating = _SEPARATOR.match(tag)
    if separating is not None:
        return "separator", _kind(separating)
    opening = _OPEN.match(tag)
    return ("open", _kind(opening)) if opening is not None else None


def _ampscript_roles(block: str) -> list[tuple[Role, _Kind]]:
    """What an AMPscript block does to conditionals and loops, read from its keywords
    outside its comments and strings: ``%%[ IF @vip THEN ]%%`` opens one (so does ``%%[
    SET @n = AttributeValue("FirstName") IF Empty(@n) THEN ]%%``, and ``%%[ IF @a THEN SET
    @b = 1 ELSE ]%%``, whose else is its own), ``%%[ ELSE ]%%`` separates two branches,
    ``%%[ ENDIF ]%%`` closes one, and ``%%[ IF @a THEN SET @b = 1 ENDIF ]%%``, whole in
    itself, does none of these.

    A block holds statements, so it may do several of these, read in order as the
    engine runs them: ``%%[ ELSE IF @b THEN ]%%`` separates and opens (AMPscript's
    keyword is ELSEIF, and ``ELSE IF`` in two words is an ELSE whose branch opens a
    nested IF, which needs an ENDIF of its own, as VB's ``Else If`` does), ``%%[ ENDIF IF
    @b THEN ]%%`` closes one conditional and opens the next, ``%%[ ENDIF ELSE ]%%``
    closes a nested one and separates the branches of the one around it. Read as no tag,
    such a block left its ENDIF to close nothing: the next ENDIF closed the conditional
    before it, whose else branch a second ELSE then followed ("comes after the last
    branch"), and the IF never closed was said of the one that was."""
    if not _AMPSCRIPT_KEYWORD.search(block):
        return []
    code = _AMPSCRIPT_NOISE.sub(" ", block[3:-3])
    events: list[tuple[Role, str]] = []
    for keyword in _AMPSCRIPT_KEYWORD.findall(code):
        role, name = _AMPSCRIPT_ROLES[keyword.upper()]
        if role == "separator" and events and events[-1][0] == "open":
            continue  # the else of an IF opened in this very block: the block opens it
        if role == "close":
            opened = next(
                (i for i in range(len(events) - 1, -1, -1) if events[i][0] == "open"), None
            )
            if opened is not None and events[opened][1] == name:
                del events[opened:]  # opened and closed inside the block
                continue
        events.append((role, name))
    return [(role, ("ampscript", name)) for role, name in events]


def _takes(block: _Kind, word: str) -> bool:
    """Whether a block of ``block``'s kind takes the separator ``word`` of its language."""
    language, name = block
    if language == "mustache":
        return True
    takers = _SEPARATES.get((language, word))
    return takers is not None and name in takers[0]


def _unclosed(conditional: _Conditional) -> UnbalancedTag:
    """The tag left open of a conditional never closed, and the tag that closes it. Of
    one with an AMPscript ``ELSE IF`` among its branch tags, that tag: it opened the
    nested IF whose ENDIF the author counted as this one's."""
    name = conditional.kind[1]
    span = conditional.joined[-1] if conditional.joined else conditional.open
    return UnbalancedTag(
        span=conditional.else_if or span,
        role="unclosed",
        loop=name in _LOOPS,
        missing=_closing_tag(conditional.kind),
        before=conditional.cut_by,
    )


def _misplaced(span: Span, kind: _Kind, block: _Conditional | None) -> UnbalancedTag:
    """A separator (its language and word: ``kind``) outside a block that takes it
    (``block``, the one open around it of its language, if any), with the tags of the
    block it belongs in."""
    language, word = kind
    if language == "mustache":
        home, opening, what = "if", "{{#if ...}}", "block"
    else:
        takers, home = _SEPARATES[(language, word)]
        opening = _opening_tag((language, home))
        what = "loop" if takers <= _LOOPS else "conditional"
        if takers & _LOOPS and what == "conditional":
            what = "conditional or loop"
    inside = None
    if block is not None:
        inside = (block.open, _closing_tag(block.kind))
    return UnbalancedTag(
        span=span,
        role="misplaced",
        loop=block is not None and block.kind[1] in _LOOPS,
        missing=opening,
        belongs=(_closing_tag((language, home)), what),
        inside=inside,
    )


#: The branch tags that start a block's last branch, the one sent when no other is (by
#: template language): a branch tag of the block after it is refused by the engine
#: (Jinja, Django, Handlebars, FreeMarker, Smarty), or its branch is never sent (Liquid's
#: ``{% elsif %}``). A Handlebars ``{{else}}`` is one only bare: ``{{else if b}}`` is not.
_LAST_BRANCH = frozenset(
    {
        ("liquid", "else"),
        ("liquid", "empty"),
        ("mustache", "^"),
        ("freemarker", "else"),
        ("smarty", "else"),
        ("smarty", "foreachelse"),
        ("smarty", "sectionelse"),
        ("mailchimp", "ELSE"),
        ("ampscript", "ELSE"),
    }
)
#: Handlebars' bare ``{{else}}`` (``{{~ else ~}}``), not ``{{else if b}}``.
_BARE_ELSE = re.compile(r"\{\{~?[ \t]*else[ \t]*~?\}\}")


def _is_last_branch(language: str, word: str, tag: str) -> bool:
    """Whether a branch tag (``tag``, of ``language`` and ``word``) starts its block's last
    branch: an else, not an elsif."""
    if language == "mustache" and word == "else":
        return _BARE_ELSE.fullmatch(tag) is not None
    return (language, word) in _LAST_BRANCH


def is_block_tag(tag: str) -> bool:
    """Whether ``tag`` opens a conditional or loop, separates its branches or closes it
    (``{% if vip %}``, ``{{else}}``, ``</#list>``): a tag the pairing reads."""
    return _role(tag) is not None


def is_last_branch_tag(tag: str) -> bool:
    """Whether ``tag`` is a branch tag starting its block's last branch (``{% else %}``,
    ``{{else}}``, ``<#else>``, ``{else}``, ``*|ELSE:|*``), not one with a condition."""
    return any(role == "separator" and _is_last_branch(*kind, tag) for role, kind in _roles(tag))


def _after_last(text: str, span: Span, block: _Conditional) -> UnbalancedTag:
    """A branch tag after the last branch of ``block`` (an ``{% elsif %}`` or a second
    ``{% else %}`` after its ``{% else %}``)."""
    name = block.kind[1]
    return UnbalancedTag(
        span=span,
        role="misplaced",
        loop=name in _LOOPS,
        missing="",  # (none: the tag is to move, not a tag to add)
        inside=(block.open, _closing_tag(block.kind)),
        after=block.last_branch,
    )


def _stray(span: Span, kind: _Kind) -> UnbalancedTag:
    """A closing tag (of ``kind``: the block it would close) that closes nothing, and the
    tag that would open its block."""
    language, name = kind
    if language != "mustache":
        opening = _opening_tag((language, name))
    elif name in _HANDLEBARS_HELPERS:
        opening = f"{{{{#{name} ...}}}}"
    else:
        opening = f"{{{{#{name}}}}}"
    return UnbalancedTag(span=span, role="stray", loop=name in _LOOPS, missing=opening)


def _read_as_lines(text: str, branches: list[Span]) -> bool:
    """Whether the normalised ``text`` holds these branches (their spans in it) as lines:
    a line break between each two that kept words (in HTML too, where a paragraph's
    lines were read apart), where branches read as words of a sentence keep the first."""
    kept = [(start, end) for start, end in branches if text[start:end].strip()]
    return len(kept) > 1 and all(
        "\n" in text[max(end - 1, 0) : following + 1]
        for (_, end), (following, _) in itertools.pairwise(kept)
    )


def _in_text(offsets: OffsetMap, position: int) -> int:
    """The first place of the normalised text that comes from ``position`` of the
    original or after it (the text's end when none does)."""
    low, high = 0, len(offsets)
    while low < high:
        middle = (low + high) // 2
        if offsets.to_original(middle, middle + 1)[0] < position:
            low = middle + 1
        else:
            high = middle
    return low


#: A run of line breaks in the normalised text.
_LINE_BREAKS = re.compile(r"\n+")


def _ends_branch(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a tag that ends a branch: one that starts the
    next, or closes the conditional."""
    if _SEPARATOR.search(text, start, end) or _CLOSE.search(text, start, end):
        return True
    return any(
        role != "open"
        for block in _AMPSCRIPT_BLOCK.finditer(text, start, end)
        for role, _ in _ampscript_roles(block.group())
    )


def dropped_tag(text: str, start: int, end: int) -> Edit:
    """Remove a tag; keep one space where the words either side would glue."""
    return Edit(start, end, _space_between(text, start, end), removed="markup")


def _space_between(text: str, start: int, end: int) -> str:
    """What stands where ``text[start:end]`` is cut: one space where the words either side
    would glue, else nothing."""
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    glue = not (
        left.isspace() or right.isspace() or left in _NO_SPACE_AFTER or right in _NO_SPACE_BEFORE
    )
    return " " if glue else ""


def _conditionals(text: str, tags: Sequence[Span]) -> list[_Conditional]:
    """The conditionals of ``text``, those nested too deep left out (:func:`_pair`)."""
    return _pair(text, tags).conditionals


def _pair(text: str, tags: Sequence[Span]) -> _Pairing:
    """Pair opening, separating and closing tags into conditionals (one stack for every
    template language: a macro mixes none). A closing tag closes the innermost block open
    of its kind (``{% endfor %}`` a ``for``, ``{{/each}}`` an ``{{#each}}``, ``{{/vip}}`` a
    ``{{#vip}}``), as a template engine reads it: the blocks opened inside that one and
    still open are never closed, and a closing tag with no block of its kind open closes
    none (a stray). Blocks nested too deep are left out."""
    stack: list[_Conditional] = []
    #: How many blocks of each kind the stack holds: a closing tag of a kind none is open
    #: of is a stray at once, not after a search of the whole stack (a macro of thousands
    #: of tags, each closing none, is read in linear time).
    open_kinds: Counter[_Kind] = Counter()
    #: The blocks of the stack by template language, in the stack's order: the innermost
    #: one a separator of that language belongs to is at hand.
    open_blocks: dict[str, list[_Conditional]] = {}
    found: list[_Conditional] = []
    strays: list[tuple[Span, _Kind]] = []
    misplaced: list[tuple[Span, _Kind, _Conditional | None]] = []
    after_last: list[tuple[Span, _Conditional]] = []
    skip: Span | None = None
    for i, (start, end) in enumerate(tags):
        if (start, end) == skip:
            continue
        tag = text[start:end]
        roles = _roles(tag)
        for at, role in enumerate(roles):
            if role[0] == "close":
                kind = role[1]
                if not open_kinds[kind]:
                    strays.append(((start, end), kind))
                    continue
                while stack[-1].kind != kind:  # opened inside it, and never closed
                    left_open = stack.pop()
                    open_kinds[left_open.kind] -= 1
                    open_blocks[left_open.kind[0]].pop()
                    left_open.cut_by = (start, end)
                    if len(stack) < _MAX_DEPTH:
                        found.append(left_open)
                inverted = _inverted_after(text, tags, i, kind)
                if inverted is not None:
                    stack[-1].separators.append((start, end))
                    stack[-1].joined.append(inverted)
                    skip = inverted
                else:
                    conditional = stack.pop()
                    open_kinds[kind] -= 1
                    open_blocks[kind[0]].pop()
                    conditional.close = (start, end)
                    if len(stack) < _MAX_DEPTH:
                        found.append(conditional)
            elif role[0] == "separator":
                if stack:
                    stack[-1].separators.append((start, end))
                language, word = role[1]
                around = open_blocks.get(language)
                block = around[-1] if around else None
                if block is None or not _takes(block.kind, word):
                    misplaced.append(((start, end), role[1], block))
                elif block.last_branch is not None:
                    after_last.append(((start, end), block))
                elif _is_last_branch(language, word, tag):
                    block.last_branch = (start, end)
            else:
                if at and roles[at - 1][0] == "separator" and stack:
                    stack[-1].else_if = (start, end)  # an ELSE IF: its ELSE went to stack[-1]
                stack.append(_Conditional((start, end), role[1]))
                open_kinds[stack[-1].kind] += 1
                open_blocks.setdefault(stack[-1].kind[0], []).append(stack[-1])
    return _Pairing(found + stack[:_MAX_DEPTH], strays, misplaced, after_last)


def _inverted_after(text: str, tags: Sequence[Span], i: int, kind: _Kind) -> Span | None:
    """The Mustache ``{{^vip}}`` right after the ``{{/vip}}`` at ``tags[i]`` (a closing tag
    of ``kind``), if any."""
    if i + 1 >= len(tags) or kind[0] != "mustache":
        return None
    following = tags[i + 1]
    opened = _OPEN.match(text, *following)
    if opened is None or text[tags[i][1] : following[0]].strip():
        return None
    inverted = _MUSTACHE_INVERTED.match(text, *following) is not None
    return following if inverted and _kind(opened) == kind else None


def _read_apart(
    text: str, conditional: _Conditional, tags: _Spans, cuttable: _Spans
) -> BranchReading:
    """The edits for one conditional's separators (and, read as words of a sentence, for
    the branches after its first)."""
    bounds = [conditional.open, *conditional.separators]
    end = _branch_end(text, conditional)
    ends = [start for start, _ in conditional.separators] + [end]
    spans = [(bound[1], stop) for bound, stop in zip(bounds, ends, strict=True)]
    branches = [tags.words(text, start, stop) for start, stop in spans]
    if not _reads_as_lines(text, conditional, branches, end, tags):
        if conditional.close is None:
            return BranchReading([], frozenset())  # where it ends is not known: cut no words
        return _first_branch(text, conditional, spans, branches, cuttable)
    edits: list[Edit] = []
    seen_words = bool(branches[0].strip())
    for (start, stop), following in zip(conditional.separators, branches[1:], strict=True):
        if seen_words and following.strip():
            edits += _line_break(text, start, stop)
        else:
            edits.append(Edit(start, stop, removed="markup"))
        seen_words = seen_words or bool(following.strip())
    edits += [Edit(start, stop, removed="markup") for start, stop in conditional.joined]
    handled = frozenset([*conditional.separators, *conditional.joined])
    return BranchReading(edits, handled)


def _first_branch(
    text: str,
    conditional: _Conditional,
    spans: list[Span],
    branches: list[str],
    cuttable: _Spans,
) -> BranchReading:
    """Words of one sentence: the first branch with words is read, as the sentence would be
    sent to one customer, and the branches after it are not ("our EU warehouse", not "our
    EU US warehouse"). Their tags and values are still cut as tags and values are, each
    apart, so a reply sent unrendered has every one of them reported."""
    edits = [Edit(start, stop, removed="markup") for start, stop in conditional.separators]
    edits += [Edit(start, stop, removed="markup") for start, stop in conditional.joined]
    handled: set[Span] = {*conditional.separators, *conditional.joined}
    kept = next((i for i, branch in enumerate(branches) if branch.strip()), len(branches))
    for start, stop in spans[kept + 1 :]:
        cursor = start
        for span in cuttable.within(start, stop):
            if span[0] > cursor:
                edits.append(Edit(cursor, span[0]))
            edits.append(Edit(*span, removed="markup"))
            handled.add(span)
            cursor = span[1]
        if stop > cursor:
            edits.append(Edit(cursor, stop))
    if conditional.close is not None and kept + 1 < len(spans):
        # the words either side of all that is cut, not of the closing tag alone
        space = _space_between(text, conditional.separators[kept][0], conditional.close[1])
        edits.append(Edit(*conditional.close, space, removed="markup"))
        handled.add(conditional.close)
    return BranchReading(edits, frozenset(handled))


def _branch_end(text: str, conditional: _Conditional) -> int:
    """Where the last branch ends: at the closing tag, or unclosed, at the end of the line
    its last separator is on."""
    if conditional.close is not None:
        return conditional.close[0]
    last = conditional.separators[-1][1]
    line_end = text.find("\n", last)
    return len(text) if line_end < 0 else line_end


def _reads_as_lines(
    text: str, conditional: _Conditional, branches: list[str], end: int, tags: _Spans
) -> bool:
    """Whether the branches are whole lines or sentences, not words of one sentence."""
    if any("\n" in branch for branch in branches):
        return True
    before = _last_words(text, conditional.open[0], tags)
    after_close = conditional.close[1] if conditional.close is not None else end
    if not before and not _words_follow(text, after_close, tags):
        return True  # the conditional fills its line
    starts_sentence = not before or _SENTENCE_END.search(before) is not None
    return starts_sentence and all(
        not branch.strip() or _SENTENCE_END.search(branch.strip()) is not None
        for branch in branches
    )


#: How much of the text before a conditional is read to tell whether a sentence ends there.
_TAIL_CHARS = 4


def _last_words(text: str, position: int, tags: _Spans) -> str:
    """The last few characters of the words before ``position`` on its line, skipping
    spaces and template tags ("" when there are none)."""
    i = position - 1
    while i >= 0 and text[i] != "\n":
        tag = tags.covering(i)
        if tag is not None:
            i = tag[0] - 1
        elif text[i].isspace():
            i -= 1
        else:
            line_start = text.rfind("\n", 0, i) + 1
            return text[max(line_start, i + 1 - _TAIL_CHARS) : i + 1]
    return ""


def _words_follow(text: str, position: int, tags: _Spans) -> bool:
    """Whether words follow ``position`` on its line, template tags and spaces skipped."""
    i = position
    while i < len(text) and text[i] != "\n":
        tag = tags.covering(i)
        if tag is not None:
            i = tag[1]
        elif text[i].isspace():
            i += 1
        else:
            return True
    return False


def _line_break(text: str, start: int, end: int) -> list[Edit]:
    """The separator tag at ``text[start:end]`` replaced by a line break, and the spaces
    either side of it cut (they would indent the next branch)."""
    edits = [Edit(start, end, LINE_BREAK, removed="markup")]
    left, right = start, end
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    while right < len(text) and text[right] in " \t":
        right += 1
    if left < start:
        edits.append(Edit(left, start))
    if right > end:
        edits.append(Edit(end, right))
    return edits
