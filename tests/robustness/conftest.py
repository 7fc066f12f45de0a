"""What every robustness test asserts about a check: the DESIGN.md robustness contract.

"Any string, any bytes, any size: a result or a clear error, never a crash or a hang."
For one call of ``Linter.check`` that means: a ``Report`` or an ``InputError`` and
nothing else; the report's JSON validates against the published schema; every finding
quotes exactly ``reply[start:end]``; the same input gives the same report. The helpers
live in a fixture (not a module the tests import) so no test depends on ``sys.path``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import jsonschema
import pytest

from replylint import Linter
from replylint.linter import InputError
from replylint.normalize.tokensafe import without_surrogates
from replylint.report import Report, report_json_schema


@dataclass
class Contract:
    """Runs a check and asserts the robustness contract on its outcome."""

    linter: Linter
    validator: jsonschema.protocols.Validator = field(
        default_factory=lambda: jsonschema.Draft202012Validator(report_json_schema())
    )

    def report_json(self, report: Report) -> dict[str, Any]:
        """``model_dump_json`` (what ``--format json`` prints), parsed and validated."""
        document: dict[str, Any] = json.loads(report.model_dump_json())
        self.validator.validate(document)
        return document

    def findings_quote_the_input(self, reply: str, report: Report) -> None:
        """Each finding quotes the input at its offsets; a lone surrogate in the input is
        quoted as U+FFFD (one for one), as the report writes it (it cannot be encoded)."""
        for finding in report.findings:
            assert 0 <= finding.start <= finding.end <= len(reply), finding
            assert without_surrogates(reply[finding.start : finding.end]) == finding.text, finding

    def check(self, reply: str, *, twice: bool = True, **kwargs: Any) -> Report | InputError:
        """Check `reply` (twice: the same report both times); assert the contract; return
        the report or the error."""
        try:
            report = self.linter.check(reply, **kwargs)
        except InputError as error:
            assert str(error), "an InputError must say what to do"
            return error
        assert isinstance(report, Report)
        # no score exactly when the reply was read as another language (scoring.py)
        assert (report.score is None) == (report.language != "en")
        assert report.score is None or 0 <= report.score <= 100
        self.findings_quote_the_input(reply, report)
        self.report_json(report)
        if twice:
            assert self.linter.check(reply, **kwargs) == report, "same input, same report"
        return report


@pytest.fixture(scope="session")
def contract(linter: Linter) -> Contract:
    return Contract(linter)
