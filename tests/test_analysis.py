"""Segmentation: opening, body, closing and sign-off are cut where a reader would."""

from __future__ import annotations

from replylint import Linter


def test_segments_of_an_email(linter: Linter) -> None:
    reply = (
        "Hi Dana,\n\nYour parcel left our warehouse today. It should arrive on Friday.\n"
        "Thanks for your patience!\n\nBest regards,\nSam"
    )
    analyzed = linter.analyze(reply)
    assert analyzed.opening is not None and analyzed.opening.text == "Hi Dana,"
    assert [s.text for s in analyzed.body] == [
        "Your parcel left our warehouse today.",
        "It should arrive on Friday.",
    ]
    assert analyzed.closing is not None and analyzed.closing.text == "Thanks for your patience!"
    assert analyzed.signoff is not None and analyzed.signoff.text == "Best regards,\nSam"


def test_quoted_history_and_handles_are_not_segments(linter: Linter) -> None:
    reply = "@acme_help Hi there! Please DM us. ^JK\n\n> my order is late"
    analyzed = linter.analyze(reply, channel="social")
    assert [s.text for s in analyzed.sentences] == ["Hi there!", "Please DM us."]
    assert analyzed.signoff is not None and analyzed.signoff.text == "^JK"


def test_sentence_splitter_matches_spacy_sentencizer_plus_line_breaks(linter: Linter) -> None:
    import spacy

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    texts = [
        "Hi Dana! Your order shipped... It arrives Friday?! Thanks.",
        'He said "stop." Then left. (Really.) Ok',
        "Line one\nLine two.\n\nLine three",
        "Wait...what? No!!! Yes.",
        "",
        "...",
    ]
    for text in texts:
        ours = linter._pipeline.nlp(text)
        theirs = reference(text)
        expected = {s.start for s in theirs.sents}
        for token in theirs:
            if "\n" in token.text and token.i + 1 < len(theirs):
                expected.add(token.i + 1)
        assert {s.start for s in ours.sents} == expected, text
