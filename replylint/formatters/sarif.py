"""SARIF 2.1.0 output: the OASIS standard for static-analysis results.

Code-scanning tools (GitHub code scanning, Azure DevOps, IDE SARIF viewers) ingest SARIF
to show findings with rule documentation and exact regions, and to track them across
runs. Every linter rule is described in ``tool.driver.rules`` (its standard and
rationale), so a viewer can explain a finding without knowing replylint. Regions are
given both as 1-based line/column (computed from the original text, which is what the
user sees) and as ``charOffset``/``charLength`` (exact, independent of line endings),
all counted in Unicode code points, as the run's ``columnKind`` says.
An input that could not be read or checked is listed among the artifacts and reported
in the run's invocation as a tool execution notification, with ``executionSuccessful``
false, so an uploaded log never claims a clean run over files it did not check.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import replylint
from replylint.formatters.json import Configs
from replylint.formatters.jsontext import dumps
from replylint.formatters.outcome import Outcome, hidden_note, name_of, partition
from replylint.formatters.text import line_col
from replylint.report import Finding, Severity
from replylint.suppression import DIRECTIVE_RULES

if TYPE_CHECKING:  # a type only: replylint.rule imports spaCy
    from replylint.rule import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/replylint/replylint"

#: The unit of every column, ``charOffset`` and ``charLength`` in the log. replylint
#: counts Unicode code points (Python string indexes: the JSON report's ``start``/``end``
#: and the text output's columns are the same numbers). SARIF 2.1.0 (section 3.14.27)
#: requires a run with results over text files to state its unit, and readers that find
#: none assume UTF-16 code units, so a reply with an emoji (two UTF-16 units, one code
#: point) before a finding would have the highlighted span shifted. Declaring the unit
#: rather than converting keeps one set of positions across all formats; a reader that
#: counts in another unit is required by the standard to recompute from this one.
COLUMN_KIND = "unicodeCodePoints"

#: SARIF has no "info" level; "note" is its equivalent.
_LEVELS = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def artifact_uri(name: str) -> str:
    """The artifact URI of an input: paths as given (relative stays relative, which SARIF
    resolves against the checkout), with ``/`` separators, percent-encoded as a URI
    reference (``pct 100%.md`` is ``pct%20100%25.md``; ``/`` is kept, and a ``:`` is
    encoded so a first segment is never read as a scheme); ``<stdin>`` is not a valid
    URI reference, so it becomes ``stdin``. A name that is not UTF-8 (``r\\udce9ply.txt``
    for the bytes ``r\\xe9ply.txt``) is encoded as the file's own bytes (``r%E9ply.txt``):
    it was an internal error (UnicodeEncodeError) that wrote no log at all."""
    if name == "<stdin>":
        return "stdin"
    return urllib.parse.quote(os.fsencode(name.replace("\\", "/")), safe="/")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """The reportingDescriptor of one rule: what it enforces and why, at the severity
    the run gives it (a configuration's ``[rules.ID] severity``, else the rule's own):
    a viewer shows a rule's ``defaultConfiguration`` level beside its results, so the
    rule's built-in default would contradict the configuration the results follow."""
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.standard},
        "fullDescription": {"text": rule.rationale},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"check": rule.check_name},
    }


def _result(
    uri: str, artifact_index: int, original: str, finding: Finding, rule_index: int | None
) -> dict[str, Any]:
    start_line, start_column = line_col(original, finding.start)
    end_line, end_column = line_col(original, finding.end)
    text = finding.message
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    result: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = _LEVELS[finding.severity]
    result["message"] = {"text": text}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": uri, "index": artifact_index},
                "region": {
                    "startLine": start_line,
                    "startColumn": start_column,
                    "endLine": end_line,
                    "endColumn": end_column,
                    "charOffset": finding.start,
                    "charLength": finding.end - finding.start,
                },
            }
        }
    ]
    return result


def directive_descriptor(rule_id: str) -> dict[str, Any]:
    """The reportingDescriptor of a finding about a suppression directive itself."""
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": "Suppression directives"},
        "fullDescription": {"text": DIRECTIVE_RULES[rule_id]},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"check": "suppression"},
    }


def _notification(
    uri: str, artifact_index: int, text: str, *, level: str = "error"
) -> dict[str, Any]:
    """A toolExecutionNotification located on its artifact: an ``error`` for an input not
    checked, a ``note`` for a report's notice (a reply in another language, whose
    English-only checks were not applied; a chat transcript): without it such a file
    had no result at all, as if it had passed, as the language server shows it too."""
    return {
        "level": level,
        "message": {"text": text},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": uri, "index": artifact_index}}}
        ],
    }


def build_log(
    named: Sequence[Outcome], rules: Sequence[Rule], configs: Configs = None
) -> dict[str, Any]:
    """The SARIF log as a dict (for callers that post-process it before writing).
    ``configs``: the configuration file each input was checked with, which its artifact
    says (``properties.config``), as the JSON report's ``config`` does."""
    checked, unchecked = partition(named)
    descriptors = [rule_descriptor(rule) for rule in rules]
    reported = {f.rule for _, (_, _, report) in checked for f in report.findings}
    descriptors += [directive_descriptor(r) for r in sorted(reported & DIRECTIVE_RULES.keys())]
    indexes = {descriptor["id"]: index for index, descriptor in enumerate(descriptors)}
    uris = [artifact_uri(name_of(outcome)) for outcome in named]
    artifacts: list[dict[str, Any]] = [{"location": {"uri": uri}} for uri in uris]
    for index, config in enumerate(configs or ()):
        if config is not None:
            artifacts[index]["properties"] = {"config": config}
    for index, (_, _, report) in checked:
        # what the results leave out, so that a file with none is not read as clean
        left_out = {"suppressed": report.suppressed, "belowConfidence": report.below_confidence}
        if any(left_out.values()):
            artifacts[index]["properties"] = {**artifacts[index].get("properties", {}), **left_out}
    results = [
        _result(uris[index], index, original, finding, indexes.get(finding.rule))
        for index, (_, original, report) in checked
        for finding in report.findings
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not unchecked}
    notifications = (
        [_notification(uris[index], index, outcome.error) for index, outcome in unchecked]
        + [
            _notification(uris[index], index, notice, level="note")
            for index, (_, _, report) in checked
            for notice in report.notices
        ]
        + [
            _notification(uris[index], index, hidden_note(report.below_confidence), level="note")
            for index, (_, _, report) in checked
            if report.below_confidence
        ]
    )
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "replylint",
                        "informationUri": INFORMATION_URI,
                        "version": replylint.__version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": COLUMN_KIND,
                "invocations": [invocation],
                "artifacts": artifacts,
                "results": results,
            }
        ],
    }


def format_reports(named: Sequence[Outcome], rules: Sequence[Rule], configs: Configs = None) -> str:
    """One SARIF log with one run covering every input; ``rules`` should be the linter's
    enabled rules (``Linter().rules``) so every result can point at its descriptor."""
    return dumps(build_log(named, rules, configs), indent=2)
