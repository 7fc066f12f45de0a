"""The run summary: numbers only where there is something to count."""

from __future__ import annotations


def test_summary_json_has_no_made_up_numbers_when_nothing_was_scored() -> None:
    from replylint.batch.summary import Summary

    summary = Summary()
    summary.add({"id": "1", "error": "the reply is empty"})
    data = summary.as_dict()
    assert data["mean_score"] is None
    assert set(data["missing_rate"].values()) == {None}
