"""The regular expressions searched over every reply (or every sentence) let the engine
skip to where a match can start.

Python's engine searches a pattern that opens with a literal, a character class or an
alternation of literals by scanning for those characters in C; one that opens with a
lookbehind, a word boundary or an alternative led by ``\\w`` is tried at every character
of the text, which made each of these cheap tests cost several microseconds a reply
(one of them a third of the time of a normalised HTML answer). Each was rewritten to
open with its first character, the character before it read behind; the rewrites find
exactly what the old forms found (compared on the pool's replies, their normalised
texts and lines, and 60,000 random strings of the characters that matter), which the
pairs below check again on the cases each form has to tell apart.
"""

from __future__ import annotations

import re

import pytest

from replylint import next_steps
from replylint.checks import jargon, template_residue
from replylint.normalize import htmltext, placeholders, quoting, whitespace

try:  # Python 3.11+: the compiler moved into the re package
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

HOT = {
    "jargon candidates": jargon._TOKEN_CANDIDATE_HINT,
    "bracketed fields": template_residue._BRACKETED,
    "drafting marks": template_residue._CAPITALS,
    "mail headers": quoting._HEADER_HINT,
    "template marks": placeholders._TRIGGER,
    "untidy whitespace": whitespace._UNTIDY,
    "links": next_steps._URLISH,
    "HTML whitespace": htmltext._HTML_SPACE,
    "lower-case words": quoting._LOWER_WORD,
    "footer phrases": quoting._FOOTER_PHRASE_SCAN,
    "mailing-list opt-outs": quoting._OPT_OUT_SCAN,
}


@pytest.mark.parametrize("name", sorted(HOT))
def test_the_search_skips_to_where_a_match_can_start(name: str) -> None:
    pattern = HOT[name]
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    prefix = _compiler._get_literal_prefix(parsed, pattern.flags)[0]
    assert prefix or _compiler._get_charset_prefix(parsed, pattern.flags), name


#: The old forms, and texts on which each must find what its rewrite finds.
OLD_AND_CASES = [
    (
        jargon._TOKEN_CANDIDATE_HINT,
        r"[A-Z][A-Z0-9]|_|\w\.[A-Za-z]{2,5}\b",
        [
            "Open the PDF.",
            "see a.b",
            "file.docx please",
            "my_file",
            "A1 ok",
            "Ab.",
            ".com",
            "é.html",
            "fine",
        ],
    ),
    (
        template_residue._BRACKETED,
        r"(?<![\w\]\\/.!])(?:\[(?P<square>[^\[\]\n]{1,60})\](?![(\[])"
        r"|\((?P<round>[^()\n]{1,60})\)|<(?P<angle>[^<>\n]{1,60})>)",
        [
            "Hi [first name], see (link here) or <Agent Name>.",
            "call(link)",
            "x[y]",
            "![a](b)",
            "[a](b) [c][d] [e]",
            ".(x) /<y> \\[z]",
            "[\n]",
        ],
    ),
    (
        template_residue._CAPITALS,
        r"\b[A-Z]{2,8}\b",
        ["TODO: send it", "aTBD TBD_x TBD", "ABCDEFGHIJ AB", "ÉTB XX", "A B", "x TBC."],
    ),
    (
        quoting._LOWER_WORD,
        r"(?<![\w'\u2019])[a-z][a-z'\u2019]*\b",
        [
            "the refund reaches you by friday",
            "a",
            "Sam's don't isn’t x'y o'clock 3pm",
            "aB ab_c über über-nice '’a a'",
            "McDonald ohne Straße rock'n'roll",
        ],
    ),
    (
        quoting._HEADER_HINT,
        r"(?<![^\s>])(?:From|Von|De|Da|Van)[ \t]?:",
        ["From: Sam", ">From:x", "xFrom: a", "Von : b", "De: c\nDa:", "Vanish: no", "From :"],
    ),
    (
        placeholders._TRIGGER,
        r"[{\[%«]|\*\||\$[A-Z{]|\#\#|<<|</?[\#@]|__[A-Z]",
        [
            "Hi {{name}}",
            "100%",
            "*|FNAME|*",
            "$NAME ${x} $5",
            "##x",
            "a << b",
            "</#if>",
            "<@x>",
            "__NAME__",
            "_x_ <b> * | $ #",
            "plain",
        ],
    ),
]


@pytest.mark.parametrize(("new", "old", "cases"), OLD_AND_CASES)
def test_the_rewrite_finds_what_the_old_form_found(
    new: re.Pattern[str], old: str, cases: list[str]
) -> None:
    before = re.compile(old)
    for text in cases:
        if new in (jargon._TOKEN_CANDIDATE_HINT, next_steps._URLISH):  # (asked: is there one?)
            assert (new.search(text) is None) == (before.search(text) is None), text
        else:
            found = [(m.span(), m.groupdict()) for m in new.finditer(text)]
            assert found == [(m.span(), m.groupdict()) for m in before.finditer(text)], text
