"""Very long and adversarial replies: refused over the limit, finished in time under it.

``max_reply_chars`` (default 100,000) bounds the work per reply; under it, no input may
make any step super-linear. The worst case found so far was spaCy's tokenizer on a long
run of one punctuation character or emoji: it strips affixes one at a time and rescans
the rest each time, so 100,000 ``<`` would take about an hour. ``normalize`` now breaks
such runs (``replylint/normalize/tokensafe.py``). The time bound below is a hang guard,
generous on purpose: every case takes well under a second on one core.
"""

from __future__ import annotations

import contextlib
import re
import time
from typing import TYPE_CHECKING

import pytest

from replylint import Linter
from replylint.config import LinterConfig
from replylint.linter import InputError
from replylint.normalize import normalize
from replylint.normalize.tokensafe import MAX_SYMBOL_RUN

if TYPE_CHECKING:
    from conftest import Contract

LIMIT = LinterConfig().max_reply_chars
HANG_GUARD_SECONDS = 30
PROSE = "Hi Sam, your refund goes out today and should arrive within 3 days. Thanks! "


def _prose(length: int) -> str:
    return (PROSE * (length // len(PROSE) + 1))[:length]


def test_default_limit_is_100k() -> None:
    assert LIMIT == 100_000


def test_reply_exactly_at_the_limit_is_checked(contract: Contract) -> None:
    reply = _prose(LIMIT)
    assert len(reply) == LIMIT
    assert not isinstance(contract.check(reply, twice=False), InputError)


def test_reply_one_character_over_the_limit_is_refused(linter: Linter) -> None:
    with pytest.raises(InputError, match=r"100,001 characters, over the limit of 100,000"):
        linter.check(_prose(LIMIT + 1))


def test_limit_counts_the_raw_input_not_the_rendered_text(linter: Linter) -> None:
    reply = "<p>Hi Sam, done today. Thanks!</p>" + "<!-- -->" * (LIMIT // 8)
    with pytest.raises(InputError, match="over the limit"):
        linter.check(reply)


ADVERSARIAL = {
    "one-giant-word": "a" * LIMIT,
    "giant-word-of-digits": "7" * LIMIT,
    "100k-newlines": "\n" * (LIMIT - 3) + "Hi!",
    "100k-crlf": "\r\n" * (LIMIT // 2),
    "50k-braces": "{{" * (LIMIT // 2),
    "33k-placeholders": "{{x}}" * (LIMIT // 5),
    "100k-less-than": "<" * LIMIT,
    "100k-underscores": "_" * LIMIT,
    "50k-exclamation-question": "!?" * (LIMIT // 2),
    "50k-emoji": "\U0001f600" * LIMIT,
    "zwj-family-sequences": ("👨\u200d👩\u200d👧" * LIMIT)[:LIMIT],
    "combining-marks": "e" + "\u0301" * (LIMIT - 1),
    "100k-lone-surrogates": "\ud800" * LIMIT,
    "100k-nul": "\x00" * LIMIT,
    "100k-zero-width": "Hi" + "\u200b" * (LIMIT - 2),
    "quoted-lines": "> quoted\n" * (LIMIT // 9),
    "signature-dashes": "Hi Sam,\n" + "--\n" * ((LIMIT - 8) // 3),
    "attribution-lines": "On Mon, Kim wrote:\n" * (LIMIT // 19),
    "handles": "@a " * (LIMIT // 3),
    "one-long-line-of-words": "word " * (LIMIT // 5),
    "rtl-override-runs": "\u202eabc\u202c" * (LIMIT // 5),
    # conditionals: one with thousands of branches, thousands nested, thousands in a line
    "one-if-20k-elses": "{% if a %}" + "x{% else %}" * ((LIMIT - 10) // 11),
    "nested-ifs": "{% if a %}b{% else %}" * (LIMIT // 40) + "{% endif %}" * (LIMIT // 40),
    "freemarker-ifs-in-a-line": "<#if a>x<#else>y</#if> " * (LIMIT // 23),
    "mustache-else-pairs": "{{#x}}a{{/x}}{{^x}}b{{/x}} " * (LIMIT // 27),
    # closing tags that close none, alone or under thousands of blocks of another kind
    "closing-tags-closing-none": "{% endfor %}" * (LIMIT // 12),
    "ifs-then-endfors": "{% if a %}" * (LIMIT // 22) + "{% endfor %}" * (LIMIT // 22),
    "unclosed-freemarker-comments": "<#--" * (LIMIT // 4),
    "unclosed-smarty-comments": "{*" * (LIMIT // 2),
    "partials": "{{> a}} " * (LIMIT // 8),
    "separator-lines": "Thanks,\nSam\n" + "***\n" * ((LIMIT - 20) // 4),
    "spaced-rule": "- " * (LIMIT // 2),
    # AMPscript: blocks and inline output never closed, and thousands of conditionals
    "unclosed-ampscript-blocks": "%%[" * (LIMIT // 3),
    "unclosed-ampscript-inline": "%%=a" * (LIMIT // 4),
    "ampscript-ifs-with-elses": "%%[ IF @a THEN ]%%x%%[ ELSE ]%%y" * (LIMIT // 32),
    # tags in HTML comments, read as tags
    "commented-tags": "<!-- {% if a %} -->" * (LIMIT // 19),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_100k_replies_finish(contract: Contract, name: str) -> None:
    reply = ADVERSARIAL[name]
    assert len(reply) <= LIMIT
    started = time.perf_counter()
    contract.check(reply, twice=False)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS


@pytest.mark.parametrize("tag", ["<b>", "<p>", "<br>", "<div>", "</b>"])
def test_50k_tags_finish(tag: str) -> None:
    reply = tag * 50_000 + "Hi Sam, done today. Thanks!"
    linter = Linter(LinterConfig(max_reply_chars=len(reply)))
    started = time.perf_counter()
    with contextlib.suppress(InputError):
        linter.check(reply)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS


@pytest.mark.parametrize("run", ["<" * 5_000, "😀" * 5_000, "_" * 5_000, "!?" * 2_500])
def test_long_symbol_runs_reach_the_tokenizer_in_short_pieces(run: str) -> None:
    reply = f"Hi Sam, {run} done today."
    result = normalize(reply)
    longest = max(len(m.group()) for m in re.finditer(r"\S+", result.text))
    assert longest <= MAX_SYMBOL_RUN
    assert result.text.replace(" ", "") == reply.replace(" ", "")


def test_urls_and_long_words_are_not_broken() -> None:
    url = "https://example.com/" + "/".join(["segment"] * 60) + "?a=1&b=2"
    reply = f"Hi Sam, see {url} and {'x' * 500} today."
    assert normalize(reply).text == reply


def test_raised_limit_above_spacy_max_length_gives_report_or_input_error() -> None:
    linter = Linter(LinterConfig(max_reply_chars=2_000_000))
    with contextlib.suppress(InputError):
        linter.check("word " * 220_000)
