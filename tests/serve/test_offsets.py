"""``?offsets=``: the check endpoints count ``start`` and ``end`` in the unit the client's
strings do (UTF-16 code units for JavaScript, Java and C#; UTF-8 bytes for Go and Rust),
so a highlight after an emoji lands on the finding's words; the conversion itself is
checked on random text with characters outside the Basic Multilingual Plane."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import Linter, Report
from replylint.report import Finding
from replylint.serve.app import create_app
from replylint.serve.offsets import OFFSET_UNITS, offsets_in_unit, report_in_unit
from replylint.serve.settings import ServeSettings

#: Deterministic and database-less, as the suite's other property tests.
PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None)
#: Text in which characters outside the BMP are common: emoji, flags, skin tones, a ZWJ
#: family, CJK beside ASCII and two-byte letters. No lone surrogate: those have their own
#: test (a client's UTF-16 string cannot hold one beside its pair as two characters).
PIECES = [
    "👋",
    "🎉",
    "📦",
    "🇯🇵",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "\U0010ffff",
    "日本",
    "é",
    "RMA",
    " ",
]
ASTRAL_TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=["Cs"]))),
    max_size=20,
).map("".join)

#: An emoji before each piece of jargon: a code-point offset is one UTF-16 unit short per
#: emoji before it, and three UTF-8 bytes short.
REPLY = "Hi Dana 👋🎉, your RMA 📦 is approved and the SLA is 5 days. Thanks!"
ENCODING = {"utf16": "utf-16-le", "utf8": "utf-8"}
UNIT_BYTES = {"utf16": 2, "utf8": 1}


def sliced(text: str, start: int, end: int, unit: str) -> str:
    """``text[start:end]`` as a client whose strings count ``unit`` slices it."""
    if unit == "codepoints":
        return text[start:end]
    encoded = text.encode(ENCODING[unit], "surrogatepass")
    size = UNIT_BYTES[unit]
    return encoded[start * size : end * size].decode(ENCODING[unit], "surrogatepass")


@PROPERTY
@given(text=ASTRAL_TEXT, data=st.data())
def test_converted_offsets_slice_the_same_text_in_every_unit(text: str, data: Any) -> None:
    bounds = st.integers(min_value=0, max_value=len(text))
    pairs = data.draw(st.lists(st.tuples(bounds, bounds).map(sorted), max_size=8))
    for unit in OFFSET_UNITS:
        moved = offsets_in_unit(text, [o for pair in pairs for o in pair], unit)
        for start, end in pairs:
            assert sliced(text, moved[start], moved[end], unit) == text[start:end]


def test_the_conversion_counts_what_each_unit_counts() -> None:
    text = "a👋é日🇯🇵b"
    assert offsets_in_unit(text, [0, 1, 2, 3, 4, 6, 7], "codepoints") == {
        0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 6: 6, 7: 7
    }  # fmt: skip
    # a flag is two regional indicators, each outside the BMP
    assert offsets_in_unit(text, [7, 0, 2, 1, 6, 4, 3, 2], "utf16") == {
        0: 0, 1: 1, 2: 3, 3: 4, 4: 5, 6: 9, 7: 10
    }  # fmt: skip
    assert offsets_in_unit(text, [0, 1, 2, 3, 4, 6, 7], "utf8") == {
        0: 0, 1: 1, 2: 5, 3: 7, 4: 10, 6: 18, 7: 19
    }  # fmt: skip
    assert offsets_in_unit("plain ASCII", [3, 11], "utf16") == {3: 3, 11: 11}
    assert offsets_in_unit("", [], "utf8") == {}


def test_a_lone_surrogate_is_one_utf16_unit_and_three_utf8_bytes() -> None:
    """A bad decoding upstream sends one (``"\\ud800"`` in the JSON): the client's string
    holds it as one unit, a UTF-8 decoder puts a three-byte U+FFFD in its place."""
    text = "x\ud800👋y"
    assert offsets_in_unit(text, [1, 2, 3, 4], "utf16") == {1: 1, 2: 2, 3: 4, 4: 5}
    assert offsets_in_unit(text, [1, 2, 3, 4], "utf8") == {1: 1, 2: 4, 3: 8, 4: 9}


def test_a_report_has_its_findings_offsets_converted_and_nothing_else() -> None:
    finding = Finding(
        rule="jargon", check="jargon", severity="warning", message="m", start=3, end=6,
        text="RMA", suggestion="return authorisation",
    )  # fmt: skip
    missing = finding.model_copy(update={"rule": "greeting", "start": 0, "end": 0, "text": ""})
    report = Report(checks={}, score=90, findings=[finding, missing], notices=["n"])
    converted = report_in_unit(report, "🎉🎉 RMA", "utf16")
    assert [(f.start, f.end, f.text) for f in converted.findings] == [(5, 8, "RMA"), (0, 0, "")]
    assert converted.model_dump(exclude={"findings"}) == report.model_dump(exclude={"findings"})
    assert report.findings[0].start == 3  # the library's report is left as it was
    assert report_in_unit(report, "🎉🎉 RMA", "codepoints") is report


@pytest.mark.parametrize("unit", ["utf16", "utf8"])
def test_check_answers_offsets_in_the_unit_asked(api: Any, linter: Linter, unit: str) -> None:
    answer = api.post(f"/v1/check?offsets={unit}", {"reply": REPLY, "id": "T-1"})
    assert answer.status == 200, answer.body
    report = answer.json()
    assert list(report)[:2] == ["id", "offsets"] and report["offsets"] == unit
    marked = [f for f in report["findings"] if f["end"] > f["start"]]
    assert {f["text"] for f in marked} >= {"RMA", "SLA"}
    for finding in marked:
        assert sliced(REPLY, finding["start"], finding["end"], unit) == finding["text"]
    # the library's report otherwise: the same findings, words and all
    expected = linter.check(REPLY).model_dump(mode="json")
    assert {k: v for k, v in report.items() if k not in ("id", "offsets", "findings")} == {
        k: v for k, v in expected.items() if k != "findings"
    }
    assert [f["text"] for f in report["findings"]] == [f["text"] for f in expected["findings"]]


def test_without_the_parameter_the_answer_is_the_librarys_in_code_points(
    api: Any, linter: Linter
) -> None:
    expected = linter.check(REPLY).model_dump(mode="json")
    assert api.post("/v1/check", {"reply": REPLY}).json() == expected
    # asked explicitly, the same offsets, and the answer says their unit
    asked = api.post("/v1/check?offsets=codepoints", {"reply": REPLY}).json()
    assert asked == {"offsets": "codepoints", **expected}
    for finding in asked["findings"]:
        assert REPLY[finding["start"] : finding["end"]] == finding["text"]


def test_check_many_converts_each_report_against_its_own_reply(api: Any) -> None:
    """Each report's offsets are counted in its own reply (an emoji in one moves nothing
    in the next), an item refused in between included."""
    items: list[Any] = [
        {"reply": REPLY, "id": "a"},
        {"reply": 42, "id": "bad"},  # not a reply: an error in its place, no offsets
        {"reply": "Your RMA is approved. Thanks!", "id": "b"},
        {"reply": "🎉" * 40 + " The SLA is 5 days.", "id": "c"},
    ]
    answer = api.post("/v1/check-many?offsets=utf16", {"items": items})
    assert answer.status == 200, answer.body
    results = answer.json()["results"]
    assert [r["id"] for r in results] == ["a", "bad", "b", "c"]
    assert "offsets" not in results[1] and results[1]["index"] == 1
    for item, result in zip(items, results, strict=True):
        if item["id"] == "bad":
            continue
        assert list(result)[:2] == ["id", "offsets"] and result["offsets"] == "utf16"
        marked = [f for f in result["findings"] if f["end"] > f["start"]]
        assert marked, result
        for finding in marked:
            assert (
                sliced(item["reply"], finding["start"], finding["end"], "utf16")
                == (finding["text"])
            )


@pytest.mark.parametrize("path", ["/v1/check", "/v1/check-many"])
@pytest.mark.parametrize(
    ("query", "error", "loc"),
    [
        ("offsets=utf-16", "query.offsets: Input should be 'codepoints', 'utf16' or 'utf8'",
         ["query", "offsets"]),
        ("offsets=", "query.offsets: Input should be 'codepoints', 'utf16' or 'utf8'",
         ["query", "offsets"]),
        ("offset=utf16", "query.offset: unknown query parameter (did you mean 'offsets'?)",
         ["query", "offset"]),
        ("offsets=utf16&units=x",
         "query.units: unknown query parameter (allowed: offsets)", ["query", "units"]),
        ("offsets=utf16&offsets=utf8",
         "query.offsets: given 2 times (utf16, utf8); give it once", ["query", "offsets"]),
    ],
)  # fmt: skip
def test_an_unknown_unit_or_parameter_is_a_422_naming_the_allowed_ones(
    api: Any, path: str, query: str, error: str, loc: list[str]
) -> None:
    """A misspelt unit or parameter is refused, never read as code points: a JavaScript
    client would mark every finding after an emoji one place off, unseen."""
    body = {"reply": REPLY} if path == "/v1/check" else {"items": [{"reply": REPLY}]}
    answer = api.post(f"{path}?{query}", body)
    assert answer.status == 422, answer.body
    assert answer.json()["error"] == error
    assert [problem["loc"] for problem in answer.json()["errors"]] == [loc]


def test_check_reads_the_parameter_as_the_fastapi_route_does(
    linter: Linter, asgi_post: Any
) -> None:
    """``/v1/check`` is answered in front of FastAPI; the route FastAPI declares (and
    describes in the OpenAPI document) gives the same answer for every query."""
    app = create_app(ServeSettings(), linter=linter, token_from_env=False)
    body = json.dumps({"reply": REPLY, "id": "T-9"}).encode()
    queries = [
        b"", b"offsets=utf16", b"offsets=utf8", b"offsets=codepoints", b"offsets=UTF16",
        b"offsets=utf8&offsets=utf16", b"offset=utf16", b"a=1&b=2", b"offsets=%75tf16",
    ]  # fmt: skip

    async def both() -> list[tuple[tuple[int, bytes], tuple[int, bytes]]]:
        return [
            (await asgi_post(app, q, body), await asgi_post(app.fastapi, q, body)) for q in queries
        ]

    answers = asyncio.run(both())
    for query, (front, route) in zip(queries, answers, strict=True):
        assert front == route, query
    assert [front[0] for front, _ in answers] == [200] * 4 + [422] * 4 + [200]
    assert json.loads(answers[5][0][1])["error"].startswith("query.offsets: given 2 times")


def test_the_openapi_document_shows_the_parameter_and_its_values(api: Any) -> None:
    openapi = api.request("GET", "/openapi.json", auth=False).json()
    for path in ("/v1/check", "/v1/check-many"):
        (parameter,) = openapi["paths"][path]["post"]["parameters"]
        assert (parameter["name"], parameter["in"]) == ("offsets", "query")
        assert parameter["schema"]["enum"] == ["codepoints", "utf16", "utf8"]
        assert parameter["schema"]["default"] == "codepoints"
        assert "UTF-16" in parameter["description"] or "utf16" in parameter["description"]
    served = openapi["components"]["schemas"]["ServedReport"]["properties"]["offsets"]
    assert {"type": "string", "enum": ["codepoints", "utf16", "utf8"]} in served["anyOf"]
