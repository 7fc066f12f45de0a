"""The invariants both fuzz targets assert, written once.

They are the robustness contract of DESIGN.md ("any string: a result or a clear error")
spelled out: a normalised reply maps every character back inside the raw input, and a
report is valid JSON against its own schema with every finding pointing at exactly the
characters it quotes. The tests in ``tests/robustness`` assert the same things; this
module exists so the harnesses stay a few lines each.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]

from replylint.normalize import NormalizedReply
from replylint.report import Report, report_json_schema

_VALIDATOR = jsonschema.Draft202012Validator(report_json_schema())


def has_surrogates(text: str | None) -> bool:
    """Whether `text` holds a code point that UTF-8 (and so JSON output) cannot encode."""
    if text is None:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_normalized(raw: str, result: NormalizedReply) -> None:
    """The offset map of `result` stays inside `raw` and verbatim segments are exact."""
    size, length = len(raw), len(result.text)
    assert result.original is raw
    assert len(result.offsets) == length
    assert not has_surrogates(result.text), "normalised text must be encodable"
    a, b = result.offsets.to_original(0, length)
    assert 0 <= a <= b <= size
    for segment in result.offsets.segments:
        assert 0 <= segment.orig_start <= segment.orig_end <= size
        if segment.verbatim:
            piece = result.text[segment.norm_start : segment.norm_start + segment.length]
            assert raw[segment.orig_start : segment.orig_end] == piece
    step = max(1, length // 64)  # every character of short texts, a sample of long ones
    for index in range(0, length, step):
        a, b = result.offsets.to_original(index, index + 1)
        assert 0 <= a <= b <= size
    for region in result.regions:
        assert 0 <= region.start < region.end <= length
    for removed in result.removed:
        assert 0 <= removed.start < removed.end <= size


def report_json(report: Report, *, inputs_encodable: bool) -> dict[str, Any]:
    """The report as JSON, validated against the published schema.

    Reports of encodable input go through pydantic's own ``model_dump_json`` (what
    ``--format json`` prints). Input with lone surrogates cannot be UTF-8 at all, so
    there the standard library's escaping encoder is used.
    """
    if inputs_encodable:
        payload = report.model_dump_json()
    else:
        payload = json.dumps(report.model_dump(mode="json"))
    document: dict[str, Any] = json.loads(payload)
    _VALIDATOR.validate(document)
    return document


def check_report(raw: str, report: Report) -> None:
    """Every finding quotes exactly ``raw[start:end]``, inside the input."""
    assert isinstance(report, Report)
    # no score exactly when the reply was read as another language (see scoring.py)
    assert (report.score is None) == (report.language != "en")
    assert report.score is None or 0 <= report.score <= 100
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(raw), finding
        assert raw[finding.start : finding.end] == finding.text, finding
