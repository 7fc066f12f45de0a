"""Batch scoring for QA teams: stream exported replies through the linter, in order,
one result per input row, on all cores, resumable, with a summary."""

from replylint.batch.columns import ColumnError, ColumnMap
from replylint.batch.rows import RowIn, result_for_error
from replylint.batch.runner import score_rows

__all__ = ["ColumnError", "ColumnMap", "RowIn", "result_for_error", "score_rows"]
