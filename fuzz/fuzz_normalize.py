"""atheris target: ``replylint.normalize.normalize`` on any string.

The input bytes are decoded as UTF-8 with ``surrogateescape`` (so invalid bytes become
lone surrogates, as from bad decoding upstream) and the first byte picks the input
format. ``normalize`` promises never to raise for a string and to map every character of
its result back inside the raw input; any exception here is a finding.

Run: ``.venv/bin/python fuzz/fuzz_normalize.py fuzz/corpus/normalize fuzz/seeds/normalize``
(see fuzz/README.md).
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jsonschema  # noqa: F401  (not instrumented: imported before the hook)

with atheris.instrument_imports(include=["replylint"]):
    from replylint.normalize import normalize

from invariants import check_normalized

FORMATS = ("auto", "text", "html")


def test_one_input(data: bytes) -> None:
    input_format = FORMATS[data[0] % 3] if data else "auto"
    raw = data.decode("utf-8", "surrogateescape")
    result = normalize(raw, input_format=input_format)  # type: ignore[arg-type]
    check_normalized(raw, result)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
