"""The run summary: numbers only where there is something to count."""

from __future__ import annotations


def test_summary_json_has_no_made_up_numbers_when_nothing_was_scored() -> None:
    from replylint.batch.summary import Summary

    summary = Summary()
    summary.add({"id": "1", "error": "the reply is empty"})
    data = summary.as_dict()
    assert data["mean_score"] is None
    assert set(data["missing_rate"].values()) == {None}


def test_error_rows_are_counted_by_reason_with_row_details_blanked() -> None:
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    for error in (
        "empty reply",
        "unknown channel 'fax'; use email, chat or social",
        "unknown channel 'sms'; use email, chat or social",
        "line 12: 3 fields where the header has 5 (a stray quote?)",
        "line 40: 4 fields where the header has 5 (a stray quote?)",
        "empty reply",
    ):
        summary.add({"id": "x", "error": error})
    assert summary.as_dict()["error_kinds"] == {
        "empty reply": 2,
        "unknown channel '…'; use email, chat or social": 2,
        "line N: N fields where the header has N (a stray quote?)": 2,
    }
    printed = format_summary(summary)
    assert "rows not scored, by reason" in printed
    assert "unknown channel '…'; use email, chat or social" in printed


def test_error_kinds_stay_bounded_however_varied_the_errors() -> None:
    from replylint.batch.summary import MAX_ERROR_KINDS, Summary

    summary = Summary()
    for index in range(200):
        summary.add({"id": str(index), "error": f"internal error: Boom{chr(65 + index % 26)}x"})
    kinds = summary.as_dict()["error_kinds"]
    assert len(kinds) == MAX_ERROR_KINDS + 1  # 26 kinds: the first 20, then "other"
    assert kinds["other"] > 0 and sum(kinds.values()) == 200  # every row counted once
