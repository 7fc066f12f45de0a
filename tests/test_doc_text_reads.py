"""Rules read a reply's text as the doc was made from it, never rebuilt from its tokens.

``Doc.text`` joins every token's text on each call: the jargon rule did it for every
reply to look for the team glossary's terms, with no glossary to look for (the common
case), and banned_terms and the problem detector's resolutions did it too. They read
the remembered string (:func:`replylint.doctext.text_of`), which is the same text: the
tests below change the remembered copy to show which one a rule reads, and that a rule
with nothing to look for reads neither.
"""

from __future__ import annotations

import cProfile
import pstats

from replylint import Linter
from replylint.checks.jargon import JargonRule
from replylint.doctext import remember_text


def _spacy_doc_calls(profile: cProfile.Profile) -> list[str]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return [f"{name}:{line}" for name, line, _ in stats if name.endswith("doc.pyx")]


def test_jargon_without_a_glossary_reads_no_text() -> None:
    linter = Linter({"model": "none"})
    rule = next(r for r in linter.rules if isinstance(r, JargonRule))
    reply = linter.analyze("Hi Dana, your RMA for the PSU is approved. Thanks, Sam")
    profile = cProfile.Profile()
    profile.runcall(rule._glossary_spans, reply)
    assert _spacy_doc_calls(profile) == []


def _planted(linter: Linter, reply: str, planted: str):  # type: ignore[no-untyped-def]
    """The analysed reply, its doc remembering ``planted`` (as long as the reply) as
    the text it was made from."""
    analysed = linter.analyze(reply)
    assert len(planted) == len(analysed.normalized.text)
    remember_text(analysed.doc, planted)
    return analysed


def test_banned_terms_are_found_in_the_remembered_text() -> None:
    linter = Linter({"model": "none", "glossary": {"banned": {"per our policy": "because"}}})
    rule = next(r for r in linter.rules if r.id == "banned_terms")
    reply = _planted(linter, "Per our policy we can't.", "Per our xxxxxx we can't.")
    assert list(rule.check(reply)) == []
    kept = _planted(linter, "Per our policy we can't.", "Per our policy we can't.")
    assert [f.text for f in rule.check(kept)] == ["Per our policy"]


def test_the_glossary_is_looked_for_in_the_remembered_text() -> None:
    linter = Linter({"model": "none", "glossary": {"allowed": ["RMA"]}})
    rule = next(r for r in linter.rules if isinstance(r, JargonRule))
    reply = _planted(linter, "Your RMA is approved.", "Your XYZ is approved.")
    assert rule._glossary_spans(reply).allowed == []
    kept = _planted(linter, "Your RMA is approved.", "Your RMA is approved.")
    assert rule._glossary_spans(kept).allowed == [(5, 8)]


def test_a_resolution_in_the_reply_is_read_in_the_remembered_text() -> None:
    """ "Glad your issue has been resolved": the reply deals with no problem; with the
    resolution taken out of the remembered text, the "issue" is one."""
    linter = Linter({"model": "none"})
    text = "Glad your issue has been resolved!"
    problems = linter._analyses.problems
    solved = _planted(linter, text, text)
    assert not problems.assess(None, solved.doc).applicable
    unsolved = _planted(linter, text, "Glad your issue has been xxxxxxxx!")
    assert problems.assess(None, unsolved.doc).applicable
