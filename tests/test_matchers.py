"""Matching with exclusions: one helper, one overlap rule, for every check that sets
words aside ("sorry" inside "no need to be sorry", "thanks" inside "thanks to everyone",
a time inside "open 9am to 5pm")."""

from __future__ import annotations

from replylint import Linter
from replylint.matchers import Phrases, overlaps


def test_a_match_overlapping_an_exclusion_is_dropped(linter: Linter) -> None:
    make_doc = linter._pipeline.nlp.tokenizer
    thanks = Phrases.from_words(make_doc, "thanks", ["thanks", "many thanks"])
    not_thanks = Phrases.from_words(make_doc, "not_thanks", ["thanks to everyone"])
    doc = make_doc("Many thanks to everyone who helped. Thanks, Sam!")
    # "Many thanks" starts before "thanks to everyone" but shares "thanks" with it.
    assert [m.text for m in thanks.find(doc)] == ["Many thanks", "Thanks"]
    assert [m.text for m in thanks.find(doc, excluding=not_thanks)] == ["Thanks"]
    first = thanks.first(doc, excluding=not_thanks)
    assert first is not None and first.text == "Thanks"
    assert thanks.first(doc[:5], excluding=not_thanks) is None


def test_overlap_means_sharing_a_token(linter: Linter) -> None:
    doc = linter._pipeline.nlp.tokenizer("one two three four")
    assert overlaps(doc[0:2], doc[1:3]) and overlaps(doc[1:3], doc[0:2])
    assert overlaps(doc[0:4], doc[1:2])
    assert not overlaps(doc[0:2], doc[2:4])


def test_thanks_to_others_is_not_closing_thanks(linter: Linter) -> None:
    """The closing_thanks check uses the same rule: thanks that overlap thanks to other
    people do not close the reply, whichever of the two starts first."""
    report = linter.check("The fix is live. Many thanks to everyone who reported it!")
    assert not report.checks["closing_thanks"].present
