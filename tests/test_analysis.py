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
