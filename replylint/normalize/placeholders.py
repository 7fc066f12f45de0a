"""Template placeholders in macros: ``{{ticket.requester.first_name}}`` and friends.

Support macros are templates. Unrendered, a placeholder is a lump of braces a
tokenizer splits into nonsense, and a greeting check sees no name in
"Hi {{first_name}},". Each value placeholder becomes one ordinary word (``Name``
when it stands for a name, else ``Placeholder``) that maps back to the whole
placeholder and is marked as a region; template control tags and comments
produce no text at all and are dropped. A partial (``{{> signature}}``, ``{% include
'footer' %}``) includes text the linter cannot see: it reads as a value does, except above
the reply's first words (a header). A dotted name alone between ``{%`` and ``%}``
(``{%customer.firstName%}``, Help Scout's form, fallback optional) is a value, not a
Liquid or Jinja tag: a tag starts with a keyword (``{% if ... %}``, ``{%endif%}``).

Macros from other tools write their fields in other brackets, read the same way:
``${customer.firstName}`` (FreeMarker's ``${user.firstName!"there"}`` with its default),
``%{ticket.name.first}`` (osTicket), Smarty's ``{$firstname}``
(``{$user.name|default:'there'}``, ``{$order->number}``), Salesforce Marketing Cloud's
``%%FirstName%%``, ``##NEW_DATE##``, ``<<Surname>>``, ``«FirstName»`` (Word's mail merge),
``<FirstName>`` or ``<DELIVERY_DATE>`` (a field's name in single angle brackets, not a key:
``<Enter>``),
``[[Date]]``, Salesforce's merge fields (``{!Contact.FirstName}``, ``{!$User.FirstName}``, a
formula such as ``{!NullValue(Contact.FirstName, "there")}``); and ``$DELIVERY_DATE`` or
``__FIRST_NAME__``, a bare dollar name or a name in capitals between double underscores,
when a part of it names a field (``$NAME``, ``$AGENT``, ``__NEW_DATE__``; not a shell's
``$HOME``, nor Python's ``__init__`` or a build's ``__DEBUG__``), and a dollar name in lower
or camel case on the same terms (``$first_name``, ``$customerName``, ``$contact.firstname``;
not ``$profile``). ``%name%`` is a field when its word names one (not ``%appdata%``), and
``{{ }}``, a field whose name was deleted, is a leftover too. A date field must read as
one word whatever its brackets, or a step timed by it ("rebooked for ##NEW_DATE##") reads as
untimed; a name field must read as a name, or "{$firstname}, your order ships" opens with no
greeting.

Their tags and comments render no words either: FreeMarker's ``<#if vip>``, ``</#if>``,
``<@macro/>`` and ``<#-- note -->``; Smarty's ``{if $vip}``, ``{else}``, ``{/if}`` and
``{* note *}``; Mailchimp's conditional merge tags ``*|IF:VIP|*``, ``*|ELSE:|*``,
``*|END:IF|*`` (not values, as ``*|FNAME|*`` is); Salesforce Marketing Cloud's AMPscript
blocks, ``%%[ IF @vip == "true" THEN ]%%``, ``%%[ ELSE ]%%``, ``%%[ ENDIF ]%%`` and ``%%[ SET
@n = AttributeValue("FirstName") ]%%``, each block one tag however many statements and
lines it holds (what it does to a conditional is read from its keywords:
:mod:`replylint.normalize.branches`), while its inline output, ``%%=v(@firstName)=%%``, is a
value as ``%%FirstName%%`` is. Smarty's condition may name no variable
(``{if vip}``, ``{if has_gift()}``, ``{if total > 100}``, ``{if tier eq 'gold'}``): such a
tag is read as one in a macro that closes an ``{/if}`` (or a ``{/while}``) or has an
``{else}`` or ``{elseif}``, where it is Smarty, and its operands must be joined by
operators; elsewhere ``{if applicable}`` is a field or a note in braces, as
``{first_name}`` is, and ``{if you want}`` never a tag.
"""

from __future__ import annotations

import re
from functools import lru_cache

from replylint.normalize.branches import (
    AMPSCRIPT_BLOCK,
    UnbalancedTag,
    dropped_tag,
    read_branches,
    unbalanced_tags,
)
from replylint.normalize.edits import Edit
from replylint.packs import load_pack
from replylint.resources import data_dir

#: Stand-in for a placeholder whose inner text mentions a name.
NAME_WORD = "Name"
#: Stand-in for any other value placeholder.
PLACEHOLDER_WORD = "Placeholder"
#: x's standing for a value a drafter meant to fill in: XXX, xxxx, xx/xx, XX.XX, the XX
#: of £XX (a word of x's only: not XXL), a date with only its year filled in (XX/XX/2025),
#: and a date with x's in one part only (12/XX/2025, 12/xx, XX/12/2025: the drafter
#: knew the month but not the day). Partial dates are read with slashes only, since
#: "3.xx" or "115-xx" is a series of versions, not a date left open.
#: Residue in a reply about to be sent (``template_residue``), and never jargon.
DRAFTING_XS = re.compile(
    r"(?<![\w.\\/@\[-])(?:"
    r"(?:[xX]{3,6}|[xX]{2}(?=[/:.,\-][xX]))(?:[/:.,\-][xX]{2,6})*(?:[/.\-](?:\d{4}|\d{2}))?"
    r"|\d{1,2}/[xX]{2}(?:/(?:\d{4}|\d{2}|[xX]{2}|[xX]{4}))?"
    r"|[xX]{2}/\d{1,2}/(?:\d{4}|\d{2})"
    r")(?![\w\\@\]]|[./]\w)"
)

#: One operand of a Smarty condition that names no variable: a constant or a dotted name
#: (``vip``, ``true``, ``order.paid``), a function call (``has_gift()``), a config variable
#: (``#vip_offer#``), a number, a quoted string or a group in brackets, after any ``!`` or
#: ``not``. (One space after ``not``, the
#: rest after it, so a run of them is split one way only.)
_SMARTY_OPERAND = (
    r"(?:(?:!|not[ \t])[ \t]*){0,4}"
    r"(?:[A-Za-z_]\w{0,40}(?:(?:\.|->|::)\w{1,40}){0,4}(?:\([^(){}\n]{0,80}\))?"
    r"|\#[A-Za-z_]\w{0,40}\#|\d{1,12}(?:\.\d{1,6})?|'[^'{}\n]{0,60}'|\"[^\"{}\n]{0,60}\""
    r"|\([^(){}\n]{1,80}\))"
    r"(?:[ \t]+is[ \t]+(?:not[ \t]+)?(?:even|odd|div)(?:[ \t]+by[ \t]+\w{1,40})?)?"
)
#: An operator between two operands: a sign (escaped too, as an HTML editor writes ``>``:
#: ``&gt;``), or one of Smarty's words for one.
_SMARTY_OPERATOR = (
    r"(?:[ \t]*(?:===|!==|==|!=|<>|>=|<=|&&|\|\||[<>+*/%-]|&[gl]t;|&amp;&amp;)[ \t]*"
    r"|[ \t]+(?:eq|ne|neq|gt|lt|gte|ge|lte|le|and|or|xor|mod)[ \t]+)"
)
#: Smarty's ``{if}``, ``{elseif}`` or ``{while}`` whose condition names no variable, which
#: Smarty reads as a condition all the same: ``{if vip}``, ``{if true}``, ``{if
#: has_gift()}``, ``{if total > 100}``, ``{if tier eq 'gold'}``, ``{if not paid}``. Its
#: operands must be joined by operators, so ``{if you want}`` (two words side by side)
#: is never one; and it is read so only in a text that closes a block of its kind, or
#: separates its branches (:func:`_smarty_conditions_read`): ``{if applicable}`` in a
#: note is no tag.
_SMARTY_CONDITION_TAG = (
    r"| \{(?:if|elseif|while)[ \t]+"
    + _SMARTY_OPERAND
    + f"(?:{_SMARTY_OPERATOR}{_SMARTY_OPERAND}){{0,8}}"
    + r"[ \t]*\}"
)
#: Where :data:`_SMARTY_CONDITION_TAG` stands among the tags of :data:`_PLACEHOLDER_SOURCE`.
_SMARTY_CONDITIONS = "<smarty-conditions>"
_PLACEHOLDER_SOURCE = r"""
      (?P<comment>\{\{~?![^}]{0,500}\}\}|\{\#[^#]{0,500}\#\}
        | <\#--(?:[^<]|<(?!\#--)){0,2000}?-->|\{\*(?:[^{]|\{(?!\*)){0,2000}?\*\})
    | (?P<partial>\{\{~?>[ \t]{0,5}[^{}\s~]{1,100}[^{}]{0,200}\}\}
        | \{%-?[ \t]{0,5}(?:include|render|include_relative)[ \t]+[^%{}\s]{1,100}[^%{}]{0,200}%\}
        | <\#include[ \t]+[^<>\s]{1,100}[^<>]{0,100}>
        | \{include[ \t]+file[ \t]*=[ \t]*[^{}\s]{1,100}[^{}\n]{0,100}\})
    | \{%[ \t]?(?P<helpscout>[A-Za-z_]\w*(?:\.\w+)+)(?:,[^{}%\n]{0,80})?[ \t]?%\}
    | (?P<control>\{\{~?[ \t]{0,5}(?:[\#/^>]|else\b)[^{}]{0,200}\}\}|\{%[^{}%]{0,300}%\}
        | </?[\#@][A-Za-z][^<>]{0,300}>
        | \{(?:(?:if|elseif|foreach|section|assign|capture|while)
               [ \t][^{}\n$=]{0,200}[$=][^{}\n]{0,200}
            |else|foreachelse|sectionelse|literal|strip
            |/(?:if|foreach|section|capture|while|literal|strip))\}
        <smarty-conditions>
        | \*\|(?:IF|IFNOT|ELSEIF|ELSE|END|INTERESTED)(?::[^|\n]{0,80})?\|\*
        | <ampscript-block>)
    | \{\{\{?(?P<double>[^{}\n]{1,200})\}\}\}?
    | \{\$(?P<smarty>[A-Za-z_]\w{0,60}(?:(?:\.|->)\w{1,40}){0,5})(?:\|[^{}\n]{0,80})?\}
    | \$\{(?P<freemarker>[A-Za-z_][\w.]{0,60})[!?][^{}\n]{0,80}\}
    | [$%]?\{[ \t]?(?P<single>[A-Za-z_][A-Za-z0-9_.]{0,60}(?:[ ][A-Za-z_][\w.]{0,30}){0,3})[ \t]?\}
    | \{!(?P<salesforce>\$?[A-Za-z_][^{}\n]{0,200})\}
    | (?<![!\]\w^\[])\[\[(?P<wiki>[A-Za-z][A-Za-z_ ]{0,60})\]\](?![(\[\]])
    | (?<![!\]\w^])\[(?P<square>[A-Za-z][A-Za-z_ ]{0,60})\](?![(\[])
    | %%(?P<ampscript>[A-Za-z_][A-Za-z0-9_.]{0,60})%%
    | %%=(?P<ampscript_inline>(?:[^=%\n]|=(?!%%)|%(?!%)){1,300})=%%
    | %(?P<percent>[A-Za-z][A-Za-z0-9_.]{1,40})%
    | \*\|(?P<merge>[A-Z0-9_:]{1,40})\|\*
    | (?<!\#)\#\#(?P<hashes>[A-Za-z][A-Za-z0-9_.]{0,40})\#\#(?!\#)
    | (?<!<)<<(?P<chevrons>[A-Za-z][A-Za-z0-9_.]{0,40}(?:[ ][A-Za-z][\w.]{0,30}){0,3})>>(?!>)
    | «(?P<guillemets>[A-Za-z][A-Za-z0-9_.]{0,40})»
    | (?<![<\w])<(?P<angle>[A-Z][A-Za-z0-9_]{0,40}(?:[ ][A-Z][A-Za-z0-9_]{0,30}){0,3})>(?![>\w])
    | (?<![\w$\\])\$(?P<dollar>[A-Z][A-Z0-9_]{1,40})\b
    | (?<![\w$\\])\$(?P<dollar_ident>[a-z][A-Za-z0-9_]{1,40}(?:\.[A-Za-z_]\w{0,40}){0,3})\b
    | (?<![\w@])__(?P<dunder>[A-Z][A-Za-z0-9]{0,40}(?:_[A-Za-z0-9]{1,40}){0,5})__(?!\w)
    """
_PLACEHOLDER_SOURCE = _PLACEHOLDER_SOURCE.replace("<ampscript-block>", AMPSCRIPT_BLOCK)
#: Every character a placeholder, tag or comment of :data:`_PLACEHOLDER_SOURCE` can open
#: with (each alternative's first, past its lookbehind; ``tests/normalize/
#: test_normalize_placeholders.py`` reads them off the parsed source).
PLACEHOLDER_FIRSTS = "{<*$%[#«_"
#: A lookahead for one of them, opening the regexes below. Why: their alternatives open
#: with lookbehinds and groups, so the engine has no quick test of where a match may
#: start and tried some thirty alternatives at every character of a text that has one
#: of the trigger characters (about 300 µs a reply); this test fails at once at most
#: characters, and where it passes the alternatives run as before (the same matches).
_PLACEHOLDER_START = "(?=[" + re.escape(PLACEHOLDER_FIRSTS) + "])"
#: Placeholders, tags and comments, in a text that is no Smarty macro.
_PLACEHOLDER = re.compile(
    f"{_PLACEHOLDER_START}(?:{_PLACEHOLDER_SOURCE.replace(_SMARTY_CONDITIONS, '')})", re.VERBOSE
)
#: The same, and Smarty's conditions that name no variable (``{if vip}``), read as tags.
_PLACEHOLDER_SMARTY = re.compile(
    f"{_PLACEHOLDER_START}(?:"
    + _PLACEHOLDER_SOURCE.replace(_SMARTY_CONDITIONS, _SMARTY_CONDITION_TAG)
    + ")",
    re.VERBOSE,
)
#: The tags that close a Smarty ``{if}`` or ``{while}``, or separate an ``{if}``'s branches.
_SMARTY_CONDITION_TAGS = ("{/if}", "{/while}", "{else}", "{elseif ")


def _smarty_conditions_read(text: str) -> bool:
    """Whether :data:`_SMARTY_CONDITION_TAG` is read in ``text``: whether it closes a
    Smarty ``{if}`` or ``{while}``, or has an ``{else}`` or ``{elseif}``, a Smarty macro,
    where ``{if vip}`` opens a conditional as ``{if $vip}`` does. Elsewhere braces around
    a word or two are a field or a note (``{if applicable}``), as ``{first_name}`` is: a
    condition without a variable is no evidence of Smarty by itself, and read as a tag
    there, never closed, it failed a template that has no conditional at all."""
    return "{" in text and any(tag in text for tag in _SMARTY_CONDITION_TAGS)


_MAX_SQUARE_WORDS = 4
#: The words of which one, as a part of a ``$NAME`` (split at underscores; or run
#: together with another, ``$FIRSTNAME``, ``$NEWTIME``), makes it a template field: the
#: variable words of the template_residue check, and the time words a date field's
#: name holds (``$DELIVERY_DAY``), read from the pack of the check they time.
_VARIABLE_LEXICONS = (
    ("template_residue.yaml", "template_residue.variable_words"),
    ("next_step_timeframe.yaml", "timeframe.placeholder_time_words"),
)
#: The pack and lexicon of the words that make a one-word ``[Bracketed]`` label a template
#: field; the template_residue check reads the same list for bracketed drafting notes.
_FIELD_WORDS_PACK = "template_residue.yaml"
_FIELD_WORDS_LEXICON = "template_residue.field_words"


@lru_cache(maxsize=1)
def _field_words() -> frozenset[str]:
    """The shipped field words (normalising happens before a linter's packs are known,
    so a team pack extends the check's list but not this one)."""
    pack = load_pack(data_dir("rules") / _FIELD_WORDS_PACK)
    return frozenset(w.lower() for w in pack.lexicons[_FIELD_WORDS_LEXICON])


@lru_cache(maxsize=1)
def _variable_words() -> frozenset[str]:
    words: set[str] = set()
    for pack_name, lexicon in _VARIABLE_LEXICONS:
        pack = load_pack(data_dir("rules") / pack_name)
        words.update(w.lower() for w in pack.lexicons[lexicon])
    return frozenset(words)


def _names_a_variable(inner: str) -> bool:
    """``$NAME``, ``$DELIVERY_DATE``, ``$NEWTIME``, ``__FIRST_NAME__``: a part names a
    field (whole, or run together with another word when four letters or more). ``$HOME``,
    ``$PATH``, ``$YOUR_KEY_ID`` or ``__DEBUG__`` are the shell, code and build variables
    of technical answers."""
    known = _variable_words()
    for part in inner.lower().split("_"):
        if part in known:
            return True
        if any(len(w) >= 4 and (part.startswith(w) or part.endswith(w)) for w in known):
            return True
    return False


def _identifier_names_a_variable(inner: str) -> bool:
    """``$name``, ``$first_name``, ``$customerName``, ``$contact.firstname`` (help desks'
    variables in lower or camel case): a part, split at dots, underscores and capitals,
    names a field as :func:`_names_a_variable` reads one. ``$profile`` or ``$env`` of a
    shell or a script in a technical answer names none."""
    parts = [p for piece in re.split(r"[._]", inner) for p in _IDENTIFIER_PART.findall(piece)]
    return any(_names_a_variable(part.upper()) for part in parts)


_IDENTIFIER_PART = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_CAMEL_PART = re.compile(r"[A-Z][a-z]*")
_URL_ESCAPE = re.compile(r"[0-9A-Fa-f]{2}")

#: Cheap test run first: most replies contain none of these characters ("{", "[", "%",
#: "«", "*|", "$X" or "${", "##", "<<", "<#" or "</@", "__X"). One character class
#: opens it, the rest of each mark read after it (and the character read behind), so
#: the search skips to those characters rather than trying every alternative at every
#: character of the reply (a third of the time on HTML answers, a quarter on text).
_TRIGGER = re.compile(
    r"[{\[%«*$#<_](?:(?<=[{\[%«])|(?<=\*)\||(?<=\$)[A-Za-z{]|(?<=\#)\#|(?<=<)(?:<|/?[\#@]|[A-Z])|(?<=_)_[A-Z])"
)
#: Jinja's and Liquid's ``{% raw %}`` and Django's ``{% verbatim %}``, Smarty's
#: ``{literal}`` and FreeMarker's ``<#noparse>`` (``<#noParse>``), and their ends.
_LITERAL_TAG = re.compile(
    r"\{%[-+]?\s*(?P<end>end)?(?P<kind>raw|verbatim)\s*-?%\}"
    r"|\{(?P<smarty_end>/)?(?P<smarty>literal)\}"
    r"|<(?P<freemarker_end>/)?\#(?P<freemarker>no[pP]arse)>"
)
#: Text without one of these has no literal block (nearly every macro).
_LITERAL_WORDS = ("raw", "verbatim", "{literal}", "#noparse>", "#noParse>")
#: The name a partial includes: "{{> signature}}", "{% include 'footer.html' %}".
_PARTIAL_NAME = re.compile(
    r"(?:>|include|render|include_relative|file[ \t]*=)[ \t]*['\"]?([^'\"\s{}%<>~]+)"
)

#: A Liquid/Django comment block: its body is a note to the team, never reply text.
_COMMENT_BLOCK = re.compile(
    r"\{%-?[ \t]*comment[ \t]*-?%\}.{0,5000}?\{%-?[ \t]*endcomment[ \t]*-?%\}", re.DOTALL
)
#: A Handlebars block comment runs to ``--}}``, past any ``}}`` inside it
#: (``{{!-- Old line: {{rma_id}} --}}``): the short form ends at the first ``}}``.
_HANDLEBARS_BLOCK = re.compile(r"\{\{~?!--.{0,5000}?--~?\}\}", re.DOTALL)


def _square_is_placeholder(inner: str, *, double: bool = False) -> bool:
    """``[Customer Name]`` and ``[NAME]`` are placeholders; ``[see below]`` is prose.

    A single word is a placeholder only when it names a typical field (``[Date]``,
    ``[FirstName]``, ``[NAME]``, ``[FIRSTNAME]``): forum answers and instructions bracket
    UI labels and keys such as ``[Device] Language``, ``[OK]`` or ``[ENTER]``. A field name
    in lower case is one too when it is written as an identifier (``[return_date]``,
    ``[[first_name]]``), or, between double brackets, when it names a field
    (``[[date]]``): a wiki link names an article in words (``[[Clear cookies]]``).
    """
    words = inner.split()
    if not 1 <= len(words) <= _MAX_SQUARE_WORDS or inner != " ".join(words):
        return False
    if sum(c.isalpha() for c in inner) < 2:
        return False
    if len(words) == 1 and inner.islower():
        return "_" in inner.strip("_") or (double and _names_a_field(inner))
    parts = [part for word in words for part in word.split("_") if part]
    if inner.upper() == inner:
        return len(parts) > 1 or _names_a_field(inner.lower())
    if not all(part[0].isupper() for part in parts):
        return False
    if len(parts) > 1:
        return True
    field_words = _field_words()
    return any(p.lower() in field_words for p in _CAMEL_PART.findall(inner))


def _angle_is_placeholder(inner: str) -> bool:
    """``<FirstName>``, ``<DELIVERY_DATE>`` and ``<Customer First Name>`` are fields, read as
    ``[...]`` is when one of their words names a field; a key, a note or a tag in angle
    brackets is not (``<Enter>``, ``<Windows Only>``; HTML's tags are lower case)."""
    if not _square_is_placeholder(inner):
        return False
    field_words = _field_words()
    words = [w for part in inner.replace("_", " ").split() for w in _CAMEL_PART.findall(part)]
    return any(w.lower() in field_words for w in words) or _names_a_field(inner.lower())


def _names_a_field(word: str) -> bool:
    """A lower-case word written as one field name: a field word itself (``name``), or
    one run together with another word (``firstname``, ``ordernumber``; field words of
    four letters or more only, so ``[VIDEO]`` is not read as holding ``id``)."""
    field_words = _field_words()
    if word in field_words:
        return True
    return any(
        len(field) >= 4 and (word.startswith(field) or word.endswith(field))
        for field in field_words
    )


def _percent_is_placeholder(inner: str) -> bool:
    """``%FIRSTNAME%`` and ``%first_name%`` yes; ``50%off%`` no, nor the percent-encoding
    of a URL (``%C3%A2%E2``: two hex digits between percent signs)."""
    if _URL_ESCAPE.fullmatch(inner):
        return False
    return inner.upper() == inner or "_" in inner or _names_a_field(inner.lower())


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def placeholder_edits(text: str) -> list[Edit]:
    """Edits that replace value placeholders and drop control tags and comments.

    Every branch of a conditional is read, each apart from the next
    (:mod:`replylint.normalize.branches`): a macro passes a presence check when some
    branch has the element, and jargon is found in any of them (precision first: no
    "missing" finding for a branch the agent did write)."""
    if _TRIGGER.search(text) is None:
        return []
    dropped, matches = _template_matches(text)
    edits = [dropped_tag(text, start, end) for start, end in dropped]
    markup = _markup(dropped, matches)
    values = [m.span() for m in matches if m.lastgroup not in ("comment", "control")]
    branches = read_branches(text, markup, values)
    edits += branches.edits
    for match in matches:
        start, end = match.span()
        if (start, end) in branches.handled:
            continue
        group = match.lastgroup
        if group in ("comment", "control"):
            edits.append(dropped_tag(text, start, end))
            continue
        if group == "partial":
            edits.append(_partial(text, match, markup))
            continue
        word = _stand_in(match)
        if word is not None:
            edits.append(Edit(start, end, word, region="placeholder"))
    return edits


def _template_matches(text: str) -> tuple[list[tuple[int, int]], list[re.Match[str]]]:
    """The comment blocks of ``text``, and its placeholders, tags and comments outside them."""
    dropped = [m.span() for m in _COMMENT_BLOCK.finditer(text)] if "comment" in text else []
    if "!--" in text:
        dropped += [m.span() for m in _HANDLEBARS_BLOCK.finditer(text)]
    pattern = _PLACEHOLDER_SMARTY if _smarty_conditions_read(text) else _PLACEHOLDER
    matches = [m for m in pattern.finditer(text) if not _inside(dropped, *m.span())]
    return dropped, matches


def _markup(dropped: list[tuple[int, int]], matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    return sorted(dropped + [m.span() for m in matches if m.lastgroup in ("comment", "control")])


def template_tag_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text``'s template tags and comments, in order (``{% if vip %}``,
    ``{{else}}``, ``{# note #}``): what :mod:`replylint.normalize.branches` pairs into
    conditionals."""
    if _TRIGGER.search(text) is None:
        return []
    return _markup(*_template_matches(text))


def unbalanced_template_tags(text: str) -> list[UnbalancedTag]:
    """The template tags of ``text`` that no template engine renders, in any template
    language this module reads: the opening tags of its conditionals and loops never closed
    (``{% if vip %}`` with no ``{% endif %}``), its closing tags that close none (an ``{%
    endif %}`` with no ``{% if %}``), and its tags separating branches outside their block
    (an ``{% else %}`` with no ``{% if %}``), each with the tag to add
    (:func:`~replylint.normalize.branches.unbalanced_tags`)."""
    tags = template_tag_spans(text)
    if tags and any(word in text for word in _LITERAL_WORDS):
        literal = _literal_blocks(text)
        tags = [tag for tag in tags if not any(s <= tag[0] < e for s, e in literal)]
    return unbalanced_tags(text, tags) if tags else []


def _literal_blocks(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` between a ``{% raw %}`` (or Django's ``{% verbatim %}``,
    Smarty's ``{literal}``, FreeMarker's ``<#noparse>``) and its end tag, whose tags the
    engine prints as written: an ``{% endif %}`` there closes nothing, an ``{% if %}`` opens
    nothing and an ``{else}`` separates nothing. An opening never ended runs to the end, as
    the engine reads it. (Paired in one pass over the tags, so any text is read in linear
    time.)"""
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for match in _LITERAL_TAG.finditer(text):
        ending, kind = _literal_kind(match)
        if opened is None and not ending:
            opened = (match.end(), kind)
        elif opened is not None and ending and kind == opened[1]:
            spans.append((opened[0], match.start()))
            opened = None
    if opened is not None:
        spans.append((opened[0], len(text)))
    return spans


def _literal_kind(match: re.Match[str]) -> tuple[bool, str]:
    """Whether a match of :data:`_LITERAL_TAG` ends its block, and which block it is."""
    for kind in ("kind", "smarty", "freemarker"):
        name = match.group(kind)
        if name is not None:
            ending = match.group("end" if kind == "kind" else f"{kind}_end") is not None
            return ending, name.lower()
    raise AssertionError("a literal tag names its block")  # pragma: no cover


def _stand_in(match: re.Match[str]) -> str | None:
    """The word a value placeholder reads as, or None when the match is none (prose in
    brackets, a shell's ``$HOME``, a URL's ``%C3%A2%``)."""
    group = match.lastgroup
    inner = (match.group(group) if group else "").strip()
    if not inner:
        # "{{ }}": a field whose name was deleted, still a leftover; other brackets with
        # nothing in them are no placeholder
        return PLACEHOLDER_WORD if group == "double" else None
    if group in ("square", "wiki") and not _square_is_placeholder(inner, double=group == "wiki"):
        return None
    if group == "angle" and not _angle_is_placeholder(inner):
        return None
    if group == "percent" and not _percent_is_placeholder(inner):
        return None
    if group in ("dollar", "dunder") and not _names_a_variable(inner):
        return None
    if group == "dollar_ident" and not _identifier_names_a_variable(inner):
        return None
    return NAME_WORD if "name" in inner.lower() else PLACEHOLDER_WORD


def is_value_placeholder(text: str) -> bool:
    """Whether ``text`` is one value placeholder (``{{first_name}}``, ``[Customer Name]``):
    what :func:`placeholder_edits` turns into a stand-in word where it is read."""
    match = _PLACEHOLDER.fullmatch(text)
    if match is None or match.lastgroup in ("comment", "control", "partial"):
        return False
    return _stand_in(match) is not None


def _partial(text: str, match: re.Match[str], markup: list[tuple[int, int]]) -> Edit:
    """A partial reads as one stand-in word where it stands: it pulls in text the linter
    cannot see, a signature or a footer (and ``{{> signature}}`` under the closing is where
    the agent signs). Above the reply's first words, with nothing but template tags and
    comments before it, it is a header (a logo, a banner), and dropped: a word there would
    be read as the opening, and hide the greeting under it."""
    start, end = match.span()
    cursor = 0
    for tag_start, tag_end in markup:
        if tag_start >= start:
            break
        if text[cursor:tag_start].strip():
            break
        cursor = max(cursor, tag_end)
    if not text[cursor:start].strip():
        return dropped_tag(text, start, end)
    name = _PARTIAL_NAME.search(match.group())
    word = NAME_WORD if name is not None and "name" in name.group(1).lower() else PLACEHOLDER_WORD
    return Edit(start, end, word, region="placeholder")


def is_partial(text: str) -> bool:
    """Whether ``text`` is one partial, a template's include of other text (``{{> footer}}``,
    ``{% include 'signature' %}``, ``<#include "footer.ftl">``)."""
    match = _PLACEHOLDER.fullmatch(text)
    return match is not None and match.lastgroup == "partial"


def is_template_tag(text: str) -> bool:
    """Whether ``text`` is one template tag or comment, of any language this module reads
    (``{% if vip %}``, ``{{else}}``, ``<#if vip>``, ``{/if}``, ``*|END:IF|*``, ``{# note #}``,
    a ``{% comment %}`` block, a partial): what a reply sent unrendered shows as is. Asked of
    what the normaliser dropped, where the text around it decided: a Smarty condition
    without a variable (``{if vip}``) is one (see :func:`_smarty_conditions_read`)."""
    match = _PLACEHOLDER_SMARTY.fullmatch(text)
    if match is not None:
        return match.lastgroup in ("comment", "control", "partial")
    return bool(_COMMENT_BLOCK.fullmatch(text) or _HANDLEBARS_BLOCK.fullmatch(text))


def template_markup_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds template tags and comments, which render no words (``{% if vip
    %}``, ``{{/if}}``, ``{# note #}``, and a partial above the reply's first words, dropped
    as a header): the tags :func:`placeholder_edits` drops. Not the words (and fields) of
    a conditional's later branch it cuts from a sentence ("our {% if eu %}EU{% else %}US
    {% endif %} warehouse" reads "our EU warehouse"), nor the spaces it cuts: the customer
    sent that branch reads its words, and a ``disable-next-line`` directive
    (:mod:`replylint.normalize.directives`) blanking them as markup passed over their line."""
    return [
        (e.start, e.end)
        for e in placeholder_edits(text)
        if e.region is None and is_template_tag(text[e.start : e.end])
    ]
