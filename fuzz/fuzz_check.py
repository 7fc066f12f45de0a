"""atheris target: the full ``Linter.check`` path (normalise, tokenise, rules, report).

Input layout, chosen so plain-text seed files work as they are: the bytes are decoded as
UTF-8 with ``surrogateescape``; an ASCII record separator (0x1E) splits the reply from
an optional customer message; the first byte picks the input format and the second the
channel. Invariants: ``check`` returns a ``Report`` or raises ``InputError`` and nothing
else; the report's JSON validates against ``report_json_schema()``; every finding quotes
``reply[start:end]``; checking twice gives the same report.

Run: ``.venv/bin/python fuzz/fuzz_check.py fuzz/corpus/check fuzz/seeds/check``
(see fuzz/README.md).
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# Heavy dependencies are imported before the hook, so only replylint is instrumented.
import jsonschema  # noqa: F401
import pydantic  # noqa: F401
import spacy  # noqa: F401
import textstat  # noqa: F401
import yaml  # noqa: F401

with atheris.instrument_imports(include=["replylint"]):
    from replylint.linter import InputError, Linter

from invariants import check_report, has_surrogates, report_json

FORMATS = ("auto", "text", "html")
CHANNELS = ("email", "chat", "social")
LINTER = Linter()


def test_one_input(data: bytes) -> None:
    input_format = FORMATS[data[0] % 3] if data else "auto"
    channel = CHANNELS[data[1] % 3] if len(data) > 1 else "email"
    text = data.decode("utf-8", "surrogateescape")
    reply, _, customer = text.partition("\x1e")
    customer_message = customer or None
    try:
        report = LINTER.check(
            reply,
            channel=channel,  # type: ignore[arg-type]
            customer_message=customer_message,
            input_format=input_format,  # type: ignore[arg-type]
        )
    except InputError as error:
        assert str(error), "an InputError must say what is wrong"
        return
    check_report(reply, report)
    encodable = not (has_surrogates(reply) or has_surrogates(customer_message))
    report_json(report, inputs_encodable=encodable)
    again = LINTER.check(
        reply,
        channel=channel,  # type: ignore[arg-type]
        customer_message=customer_message,
        input_format=input_format,  # type: ignore[arg-type]
    )
    assert again == report, "the same input must give the same report"


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
