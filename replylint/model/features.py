"""What the checks model reads: one *feature doc* per sentence, built from the analysis.

The model never tokenises again. Each content sentence (and the sign-off block) of the
analysed reply becomes a list of words: the sentence's own tokens, lower-cased, with
URLs, e-mail addresses and numbers masked (so "call 0800 123" and "call 0161 555" are
one feature), plus marker tokens the bag of words can weigh:

- where the sentence sits: ``__first__``, ``__last__`` (last content sentence),
  ``__lastpara__``, ``__short__`` (a reply of one or two sentences), ``__signoff__``,
  and the channel (``__ch_chat__``);
- what the rules said about the whole reply: ``__r_next_step_yes__`` or ``_no__`` per
  check, the rule's reason (``__r_next_step_instruction__``), ``__problem__`` when the
  rules' problem words found the customer had one (not the problem model's reading);
- ``__r_<check>_here__`` on the sentence holding a rule's evidence;
- ``__offer__`` on a sentence that offers help in general ("let us know if you need
  anything", ``reply.help_offers``), which GUIDE.md reads as no step.

So the rules are inputs: the model learns how far to trust each of them, and where
they are precise it follows them. Training (``replylint train``) and prediction build
these words with the same functions, which is what keeps them in step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.attrs import IS_SPACE, LIKE_EMAIL, LIKE_URL
from spacy.tokens import Doc, Span, Token

from replylint.analysis import AnalyzedReply
from replylint.doctext import lowers
from replylint.report import CORE_CHECKS
from replylint.rule import RuleOutcome
from replylint.tokencolumns import token_columns

#: The checks the model predicts (one multi-label classifier for all of them).
MODEL_CHECKS: tuple[str, ...] = CORE_CHECKS

#: Checks whose rule reason is left out of the features: theirs say why an apology is
#: (not) applicable, which ``__problem__`` already carries.
_REASON_SILENT = frozenset({"apology", "empathy"})

_NUMBER_CHARS = frozenset("0123456789.,:/-")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_REASON_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class RuleView:
    """What the model reads of one rule's verdict."""

    present: bool
    applicable: bool
    reason: str | None
    #: Char span (in the analysed text) of the rule's evidence, when it found some.
    evidence: tuple[int, int] | None


def rule_view(outcome: RuleOutcome) -> RuleView:
    """What the model reads of a presence rule's outcome (which always has a verdict)."""
    verdict = outcome.verdict
    assert verdict is not None
    span = outcome.evidence
    return RuleView(
        present=verdict.present,
        applicable=verdict.applicable,
        reason=verdict.reason,
        evidence=(span.start_char, span.end_char) if span is not None else None,
    )


@dataclass(frozen=True)
class Segment:
    """One sentence (or the sign-off) and its feature words."""

    span: Span
    words: tuple[str, ...]


def word_form(token: Token) -> str:
    """The model's form of a token: lower case; URLs, e-mails and numbers masked."""
    return _form(token.lower_, token.like_url or token.like_email)


def _form(low: str, link: bool) -> str:
    """:func:`word_form` of a token from its lower-cased text and whether it is a URL or
    an e-mail address (both attributes of its lexeme)."""
    if link:
        return "__url__"
    return "__num__" if _numeric(low) else low


def word_forms(doc: Doc) -> list[str | None]:
    """:func:`word_form` of every token of ``doc`` (None for a space token, which feature
    docs leave out), read from the doc's attribute arrays and its lower-cased words
    rather than from a ``Token`` object per token: the model reads every sentence of
    every reply."""
    forms: list[str | None] = []
    columns = token_columns(doc)  # (the rules have read most of them already)
    urls, emails = columns.flags(LIKE_URL), columns.flags(LIKE_EMAIL)
    spaces = columns.flags(IS_SPACE)
    for low, url, email, space in zip(lowers(doc), urls, emails, spaces, strict=True):
        # _form, inlined: this runs for every token of every reply the model reads
        if space:
            forms.append(None)
        elif url or email:
            forms.append("__url__")
        elif low[:1].isdigit() and _numeric(low):
            forms.append("__num__")
        else:
            forms.append(low)
    return forms


def _numeric(word: str) -> bool:
    """A number, a date, a time or a version, with at most two letters after it (12th,
    5pm, 3.2.1, 10/12): digits first, then digits and ``.,:/-``. A scan, not a regular
    expression, because a backtracking pattern is quadratic on a long run of digits."""
    if not word[:1].isdigit():
        return False  # (most words: the scan below would say so, more slowly)
    core = word.rstrip(_LETTERS)
    if len(word) - len(core) > 2 or not core or not core[0].isdigit():
        return False
    return all(char.isdigit() or char in _NUMBER_CHARS for char in core)


def _reason_slug(reason: str | None) -> str | None:
    words = _REASON_WORD.findall(reason.lower())[:3] if reason else []
    return "_".join(words) if words else None


def rule_tokens(rules: Mapping[str, RuleView], problem: bool) -> list[str]:
    """The reply-level markers for the rules' verdicts."""
    tokens = []
    for check in MODEL_CHECKS:
        view = rules.get(check)
        if view is None:  # the rule is not enabled: the model reads nothing for it
            continue
        tokens.append(f"__r_{check}_{'yes' if view.present else 'no'}__")
        slug = _reason_slug(view.reason)
        if slug and check not in _REASON_SILENT:
            tokens.append(f"__r_{check}_{slug}__")
    if problem:
        tokens.append("__problem__")
    return tokens


def segments(reply: AnalyzedReply, rules: Mapping[str, RuleView]) -> list[Segment]:
    """The reply's sentences and sign-off, each with its feature words."""
    sentences = reply.sentences
    paragraphs = reply.paragraph_of
    last_paragraph = paragraphs[-1] if paragraphs else 0
    channel = f"__ch_{reply.channel}__"
    # the rules' problem words, not the problem model's reading: the checks model reads
    # the rules, and so learns and runs on the same marker whatever problem model a
    # model directory holds
    problem = reply.problem.applicable and not reply.problem.by_model
    reply_level = rule_tokens(rules, problem)
    offers = {offer.start for offer in reply.help_offers}
    spans: list[tuple[Span, list[str]]] = []
    for index, sentence in enumerate(sentences):
        marks = ["__offer__"] if sentence.start in offers else []
        if index == 0:
            marks.append("__first__")
        if index == len(sentences) - 1:
            marks.append("__last__")
        if paragraphs[index] == last_paragraph and len(sentences) > 1:
            marks.append("__lastpara__")
        if len(sentences) <= 2:
            marks.append("__short__")
        spans.append((sentence, marks))
    if reply.signoff is not None:
        spans.append((reply.signoff, ["__signoff__"]))
    forms = word_forms(reply.doc)
    # each rule's evidence and its marker, in the rules' order, worked out once a reply
    evidence = [
        (f"__r_{check}_here__", *view.evidence)
        for check, view in rules.items()
        if view.evidence is not None
    ]
    result = []
    for span, marks in spans:
        words = [*marks, channel, *[f for f in forms[span.start : span.end] if f is not None]]
        if evidence:
            first, end = span.start_char, span.end_char
            words.extend(here for here, start, stop in evidence if start < end and first < stop)
        words.extend(reply_level)
        result.append(Segment(span=span, words=tuple(words)))
    return result
