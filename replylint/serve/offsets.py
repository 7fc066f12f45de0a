"""Offsets in the unit the client's strings count, for ``?offsets=`` on the check endpoints.

A report's ``start`` and ``end`` count code points (Python's string indices). JavaScript,
Java and C# strings count UTF-16 code units, where a character outside the Basic
Multilingual Plane (most emoji) is two; Go and Rust index UTF-8 bytes. A client that
slices its own string at code-point offsets marks the wrong words after every such
character, so the service converts them when asked. Only offsets are converted: a
finding's ``text`` is the same words in any unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, get_args

from replylint.report import Report

#: What ``start`` and ``end`` count: code points (Python's ``str``, the default),
#: UTF-16 code units (JavaScript, Java, C#) or UTF-8 bytes (Go, Rust).
OffsetUnit = Literal["codepoints", "utf16", "utf8"]
OFFSET_UNITS: tuple[OffsetUnit, ...] = get_args(OffsetUnit)


def _utf16_units(segment: str) -> int:
    # surrogatepass: a lone surrogate (a bad decoding upstream) is one unit, as it was
    # in the client's string
    return len(segment.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_bytes(segment: str) -> int:
    # surrogatepass: a lone surrogate is three bytes, as the U+FFFD a decoder puts there
    return len(segment.encode("utf-8", "surrogatepass"))


_WIDTH: dict[OffsetUnit, Callable[[str], int]] = {
    "utf16": _utf16_units,
    "utf8": _utf8_bytes,
}


def offsets_in_unit(text: str, offsets: Iterable[int], unit: OffsetUnit) -> dict[int, int]:
    """Each of ``offsets`` (code-point indices into ``text``) as the same place counted
    in ``unit``. One pass over the text however many offsets there are: a long reply
    with thousands of findings costs no more than encoding it once."""
    wanted = sorted(set(offsets))
    width = _WIDTH.get(unit)
    if width is None or text.isascii():  # code points, or one unit per character anyway
        return {offset: offset for offset in wanted}
    converted: dict[int, int] = {}
    at = units = 0
    for offset in wanted:
        units += width(text[at:offset])
        at = offset
        converted[offset] = units
    return converted


def report_in_unit(report: Report, text: str, unit: OffsetUnit) -> Report:
    """``report`` of ``text`` with every offset it carries (its findings' ``start`` and
    ``end``) counted in ``unit``."""
    if unit == "codepoints" or not report.findings:
        return report
    spans = [offset for finding in report.findings for offset in (finding.start, finding.end)]
    moved = offsets_in_unit(text, spans, unit)
    findings = [
        finding.model_copy(update={"start": moved[finding.start], "end": moved[finding.end]})
        for finding in report.findings
    ]
    return report.model_copy(update={"findings": findings})
