"""The machine-readable formatters (SARIF, GitHub Actions, JSON Lines).

They are contracts with other tools (code scanning, the Actions runner, data pipelines),
so the tests pin exact positions and escaping, and validate SARIF against the official
schema rather than trusting our reading of it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from replylint import Finding, Linter, LinterConfig, Report, RuleSettings, Severity
from replylint.formatters import github, jsonl, sarif, text
from replylint.formatters.outcome import Unchecked

LINTER = Linter()

SARIF_SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
)

# Hand-written; "RMA" starts on line 3 at column 6 (offset 9 + 28 + 5 = 42).
MULTILINE = (
    "Hi Dana,\n"
    "Sorry for the wait on this.\n"
    "Your RMA is approved and the label is attached.\n"
    "We will email you the tracking number by Friday.\n"
    "Thanks,\n"
    "Sam"
)
NO_NEXT_STEP = "Hello Priya,\nThanks for the note about the invoice."


def _named() -> list[tuple[str, str, Report]]:
    return [
        ("replies/dana.txt", MULTILINE, LINTER.check(MULTILINE)),
        ("<stdin>", NO_NEXT_STEP, LINTER.check(NO_NEXT_STEP)),
    ]


def _sarif() -> dict[str, Any]:
    log: dict[str, Any] = json.loads(sarif.format_reports(_named(), LINTER.rules))
    return log


def test_sarif_validates_against_the_official_schema() -> None:
    if not SARIF_SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA_PATH}")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(_sarif()), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_sarif_says_whether_every_input_was_checked() -> None:
    assert _sarif()["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    blank = Unchecked("replies/blank.txt", "reply replies/blank.txt: is empty")
    log = json.loads(sarif.format_reports([*_named(), blank], LINTER.rules))
    run = log["runs"][0]
    assert run["artifacts"][2] == {"location": {"uri": "replies/blank.txt"}}
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"] == "reply replies/blank.txt: is empty"
    location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "replies/blank.txt", "index": 2}
    if SARIF_SCHEMA_PATH.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(log))


#: An RFC 3986 relative reference's path: unreserved, sub-delims, ":", "@", "/" and
#: percent-encoded octets only (no scheme, query or fragment in a file's name).
URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("mix/pct 100%.md", "mix/pct%20100%25.md"),
        ("mix\\a#b?.txt", "mix/a%23b%3F.txt"),
        ("réponses/merci.txt", "r%C3%A9ponses/merci.txt"),
        ("C:/macros/a.txt", "C%3A/macros/a.txt"),
        ("<stdin>", "stdin"),
    ],
)
def test_sarif_artifact_uri_is_a_percent_encoded_uri_reference(name: str, uri: str) -> None:
    assert sarif.artifact_uri(name) == uri
    assert URI_PATH.fullmatch(uri)


def test_sarif_encodes_the_uri_in_results_artifacts_and_notifications() -> None:
    name = "mix/pct 100%.md"
    blank = Unchecked("mix/50% off.txt", "reply mix/50% off.txt: is empty")
    log = json.loads(
        sarif.format_reports([(name, MULTILINE, LINTER.check(MULTILINE)), blank], LINTER.rules)
    )
    run = log["runs"][0]
    uris = ["mix/pct%20100%25.md", "mix/50%25%20off.txt"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == uris
    assert run["results"]
    for result in run["results"]:
        where = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert where == {"uri": uris[0], "index": 0}
    [notification] = run["invocations"][0]["toolExecutionNotifications"]
    where = notification["locations"][0]["physicalLocation"]["artifactLocation"]
    assert where == {"uri": uris[1], "index": 1}
    assert notification["message"]["text"] == blank.error  # the message keeps the path
    if SARIF_SCHEMA_PATH.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(log))


def test_sarif_describes_every_rule() -> None:
    run = _sarif()["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "replylint"
    descriptors = {d["id"]: d for d in driver["rules"]}
    assert set(descriptors) == {rule.id for rule in LINTER.rules}
    for index, rule in enumerate(LINTER.rules):
        descriptor = driver["rules"][index]
        assert descriptor["id"] == rule.id
        assert descriptor["shortDescription"]["text"] == rule.standard
        assert descriptor["fullDescription"]["text"] == rule.rationale
        assert descriptor["properties"]["check"] == rule.check_name
    assert descriptors["next_step"]["defaultConfiguration"]["level"] == "error"
    assert descriptors["empathy"]["defaultConfiguration"]["level"] == "note"
    assert descriptors["template_residue"]["defaultConfiguration"]["level"] == "error"
    assert descriptors["customer_name"]["properties"]["check"] == "customer_name"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["replies/dana.txt", "stdin"]


def test_sarif_rule_level_follows_a_severity_override() -> None:
    """A viewer shows a rule's defaultConfiguration level: it is the level the run's
    configuration gives the rule, the one its results carry, not the built-in one."""
    overridden = Linter(
        LinterConfig(
            model="none",
            rules={
                "greeting": RuleSettings(severity="info"),
                "jargon": RuleSettings(severity="error"),
            },
        )
    )
    reply = "Your RMA is approved and the label is attached.\nThanks,\nSam"
    named = [("reply.txt", reply, overridden.check(reply))]
    log = json.loads(sarif.format_reports(named, overridden.rules))
    run = log["runs"][0]
    levels = {d["id"]: d["defaultConfiguration"]["level"] for d in run["tool"]["driver"]["rules"]}
    results = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["greeting"] == results["greeting"] == "note"
    assert levels["jargon"] == results["jargon"] == "error"
    assert levels["next_step"] == "error"  # not overridden: the rule's own
    if SARIF_SCHEMA_PATH.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(log))


def test_sarif_region_of_a_jargon_finding() -> None:
    run = _sarif()["runs"][0]
    [result] = [r for r in run["results"] if r["ruleId"] == "jargon"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "jargon"
    assert result["level"] == "warning"
    assert "Suggestion: " in result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "replies/dana.txt"
    region = location["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 6)
    assert (region["endLine"], region["endColumn"]) == (3, 9)
    assert (region["charOffset"], region["charLength"]) == (42, 3)
    start = region["charOffset"]
    assert MULTILINE[start : start + region["charLength"]] == "RMA"


def test_sarif_columns_are_code_points_and_the_run_says_so() -> None:
    """An emoji is one code point but two UTF-16 units: without ``columnKind`` a reader
    would assume UTF-16 and highlight one character too far left of "RMA"."""
    reply = "Hi Noor \U0001f44b, your RMA is approved.\nThanks!"
    log = json.loads(sarif.format_reports([("r.txt", reply, LINTER.check(reply))], LINTER.rules))
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    [result] = [r for r in run["results"] if r["ruleId"] == "jargon"]
    region = result["locations"][0]["physicalLocation"]["region"]
    first_line = reply.split("\n")[0]
    assert first_line[region["startColumn"] - 1 : region["endColumn"] - 1] == "RMA"
    assert reply[region["charOffset"] :][: region["charLength"]] == "RMA"


def test_sarif_missing_finding_is_an_empty_region_and_unknown_rules_have_no_index() -> None:
    missing = Finding(
        rule="plugin.custom",
        check="custom",
        severity=Severity.info,
        message="Something is missing.",
        start=0,
        end=0,
        text="",
    )
    report = Report(checks={}, findings=[missing], score=90)
    log = json.loads(sarif.format_reports([("a.txt", "Hi there.", report)], LINTER.rules))
    [result] = log["runs"][0]["results"]
    assert "ruleIndex" not in result
    assert result["level"] == "note"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == region["endColumn"] == 1
    assert region["charLength"] == 0


def test_github_line_for_one_finding() -> None:
    original = "Hi Sam,\nYour RMA is ready."
    finding = Finding(
        rule="jargon",
        check="jargon",
        severity=Severity.warning,
        message='"RMA" may be jargon.',
        start=13,
        end=16,
        text="RMA",
        suggestion="Spell it out.",
    )
    report = Report(checks={}, findings=[finding], score=95)
    assert github.format_reports([("r.txt", original, report)], LINTER.rules) == (
        "::warning file=r.txt,line=2,col=6,endLine=2,endColumn=9,title=jargon::"
        '"RMA" may be jargon. Suggestion: Spell it out.'
    )


def test_github_escapes_messages_and_properties() -> None:
    finding = Finding(
        rule="x:y,z",
        check="x",
        severity=Severity.error,
        message="100% sure:\r\nnot, really",
        start=0,
        end=2,
        text="Hi",
    )
    report = Report(checks={}, findings=[finding], score=50)
    line = github.format_reports([("C:/a,b%.txt", "Hi", report)], LINTER.rules)
    assert line == (
        "::error file=C%3A/a%2Cb%25.txt,line=1,col=1,endLine=1,endColumn=3,title=x%3Ay%2Cz::"
        "100%25 sure:%0D%0Anot, really"
    )
    assert "\n" not in line


def test_github_shows_invisible_format_characters_in_messages_but_keeps_positions() -> None:
    """A direction mark or bidirectional control quoted in a message would reorder the
    quoted words in the pull request's annotation: it is shown as its escape, as in the
    text output; an emoji's joiner is kept, and the line and columns still count the
    characters of the reply."""
    original = "Hi Sam,\nYour \u200fRMA\u200e is ready \U0001f469\u200d\U0001f4bb"
    finding = Finding(
        rule="jargon",
        check="jargon",
        severity=Severity.warning,
        message='"\u200fRMA\u200e" may be jargon \U0001f469\u200d\U0001f4bb.',
        start=13,
        end=18,
        text="\u200fRMA\u200e",
        suggestion='Spell out "RMA\u202e".',
    )
    report = Report(checks={}, findings=[finding], score=95)
    line = github.format_reports([("r.txt", original, report)], LINTER.rules)
    assert line == (
        "::warning file=r.txt,line=2,col=6,endLine=2,endColumn=11,title=jargon::"
        '"\\u200fRMA\\u200e" may be jargon \U0001f469\u200d\U0001f4bb. '
        'Suggestion: Spell out "RMA\\u202e".'
    )


def test_github_levels() -> None:
    lines = github.format_reports(_named(), LINTER.rules).splitlines()
    commands = {line.split(" ", 1)[0] for line in lines}
    assert commands <= {"::error", "::warning", "::notice"}
    assert "::warning" in commands  # jargon
    assert any(line.startswith("::error file=<stdin>,") for line in lines)  # next_step


def test_jsonl_one_line_per_input() -> None:
    named = _named()
    lines = jsonl.format_reports(named, LINTER.rules).splitlines()
    assert len(lines) == len(named)
    for (name, _original, report), line in zip(named, lines, strict=True):
        item = json.loads(line)
        assert item["path"] == name
        assert item["score"] == report.score
        assert len(item["findings"]) == len(report.findings)


def test_sarif_describes_findings_about_suppression_directives() -> None:
    reply = "Hi Dana,\nreplylint: disable=jargn\nYour RMA is approved.\nThanks!"
    log = json.loads(
        sarif.format_reports([("m.txt", reply, LINTER.check(reply, template=True))], LINTER.rules)
    )
    run = log["runs"][0]
    [result] = [r for r in run["results"] if r["ruleId"] == "suppression.unknown-rule"]
    descriptor = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert descriptor["id"] == "suppression.unknown-rule"
    assert "typo" in descriptor["fullDescription"]["text"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    if SARIF_SCHEMA_PATH.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(log))


def test_text_output_escapes_control_characters_and_keeps_the_underline_aligned() -> None:
    from replylint.formatters.text import format_finding

    original = "Hi Sam,\n\x1b[2JYour RMA is ready."
    [finding] = [f for f in LINTER.check(original).findings if f.check == "jargon"]
    lines = format_finding("r.txt", original, finding, colour=False)
    source, marker = lines[1], lines[2]
    assert "\x1b" not in "".join(lines)
    assert "\\x1b[2JYour RMA" in source
    column = marker.index("^")
    assert source[column : column + 3] == "RMA" and marker.count("^") == 3


def test_text_output_shows_bidirectional_controls_and_keeps_the_underline_aligned() -> None:
    """A right-to-left override would show the agent the line's words in another order
    than the reply holds: it is shown as its escape, as editors and code hosts do."""
    from replylint.formatters.text import format_finding

    original = "Hi Sam,\nRefund \u202eyad 03\u202c due. Your RMA is ready."
    [finding] = [f for f in LINTER.check(original).findings if f.check == "jargon"]
    lines = format_finding("r.txt", original, finding, colour=False)
    source, marker = lines[1], lines[2]
    assert "\u202e" not in "".join(lines) and "\u202c" not in "".join(lines)
    assert "Refund \\u202eyad 03\\u202c due." in source
    column = marker.index("^")
    assert source[column : column + 3] == "RMA" and marker.count("^") == 3


def test_text_output_shows_direction_marks_and_invisibles_and_keeps_the_underline_aligned() -> None:
    """A direction mark (U+200F, U+200E, U+061C) moves the punctuation next to it on the
    agent's terminal, and a zero-width space, word joiner or byte order mark shows
    nothing where the reply holds something: each is shown as its escape."""
    from replylint.formatters.text import format_finding

    original = "Hi Sam,\nRefund \u200f(30 days)\u200e\u061c, \u2060ok\ufeff. Your RMA is ready."
    [finding] = [f for f in LINTER.check(original).findings if f.check == "jargon"]
    lines = format_finding("r.txt", original, finding, colour=False)
    source, marker = lines[1], lines[2]
    for mark in ("\u200f", "\u200e", "\u061c", "\u2060", "\ufeff"):
        assert mark not in "".join(lines)
    assert "Refund \\u200f(30 days)\\u200e\\u061c, \\u2060ok\\ufeff. Your RMA" in source
    column = marker.index("^")
    assert source[column : column + 3] == "RMA" and marker.count("^") == 3


def test_text_output_keeps_emoji_sequences_as_they_are() -> None:
    """The joiner inside an emoji (woman + ZWJ + laptop) and the tags of a subdivision
    flag are drawn as the emoji: they are printed as they are, while a tag character
    outside a flag (which can spell hidden words) is shown."""
    from replylint.formatters.text import printable

    technologist = "\U0001f469\u200d\U0001f4bb"
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert printable(f"Thanks {technologist} {england}!") == f"Thanks {technologist} {england}!"
    assert printable("ok\U000e0068\U000e0069") == "ok\\U000e0068\\U000e0069"


def test_every_invisible_format_character_is_shown_but_the_named_ones() -> None:
    """The escaped ranges follow Unicode's format characters (category Cf) in the
    unicodedata Python ships: a new one is shown unless the list says why not."""
    import unicodedata

    from replylint.formatters.text import printable
    from replylint.invisibles import INVISIBLE_RANGES

    drawn = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD}
    drawn |= {0x110CD, *range(0x13430, 0x13440)}
    kept = {0x200C, 0x200D} | drawn  # the joiners, and the marks that are drawn
    escaped = {code for low, high in INVISIBLE_RANGES for code in range(low, high + 1)}
    format_chars = {code for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"}
    assert escaped == format_chars - kept
    for code in format_chars:
        assert (printable(chr(code)) == chr(code)) == (code in kept), hex(code)


def test_text_output_shows_a_crlf_line_without_its_line_ending() -> None:
    from replylint.formatters.text import format_finding

    original = "Hi Sam,\r\nYour RMA is approved.\r\nWe ship it tomorrow.\r\n"
    [finding] = [f for f in LINTER.check(original).findings if f.check == "jargon"]
    lines = format_finding("r.txt", original, finding, colour=False)
    source, marker = lines[1], lines[2]
    assert source == "    2 | Your RMA is approved."
    column = marker.index("^")
    assert source[column : column + 3] == "RMA" and marker.count("^") == 3


def test_a_lone_carriage_return_ends_a_line_in_every_format() -> None:
    """An old Mac file's lines end at a lone \\r: the suppression directives and the
    language server count them so (as editors do), and the positions in the text,
    GitHub and SARIF output must name the same line, or a finding points at line 1."""
    from replylint.formatters.text import format_finding

    original = "Hi Sam,\rYour RMA ships today.\rThe SLA is two days.\rThanks!\rJo\r"
    report = LINTER.check(original)
    rma, sla = sorted((f for f in report.findings if f.check == "jargon"), key=lambda f: f.start)
    head, source, _ = format_finding("r.txt", original, sla, colour=False)[:3]
    assert head.startswith("r.txt:3:5: ") and source == "    3 | The SLA is two days."
    assert github.format_finding("r.txt", original, rma).startswith(
        "::warning file=r.txt,line=2,col=6,endLine=2,endColumn=9,"
    )
    log = json.loads(sarif.format_reports([("r.txt", original, report)], LINTER.rules))
    regions = [
        r["locations"][0]["physicalLocation"]["region"]
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "jargon"
    ]
    assert sorted((r["startLine"], r["startColumn"]) for r in regions) == [(2, 6), (3, 5)]


def test_text_output_on_a_long_line_shows_the_flagged_words_under_the_marker() -> None:
    from replylint.formatters.text import format_finding

    filler = "We looked at your order and everything about it seems to be in order. " * 6
    original = "Hi Sam, " + filler + "Your RMA is ready, and the label is attached."
    [finding] = [f for f in LINTER.check(original).findings if f.check == "jargon"]
    assert finding.start > 200  # beyond the shown width of the line
    lines = format_finding("r.txt", original, finding, colour=False)
    source, marker = lines[1], lines[2]
    column = marker.index("^")
    assert source[column : column + 3] == "RMA" and marker.count("^") == 3
    assert "…" in source and len(source) < 230


def test_text_output_on_a_short_line_is_not_cut() -> None:
    from replylint.formatters.text import format_finding

    original = "Hi Sam, your RMA is ready."
    [finding] = [f for f in LINTER.check(original).findings if f.check == "jargon"]
    source = format_finding("r.txt", original, finding, colour=False)[1]
    assert "…" not in source and source.endswith(original)


def _columns(char: str) -> int:
    """The columns a terminal gives ``char``: 2 wide, 0 for a mark or a joiner, else 1."""
    import unicodedata

    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _under_marker(source: str, marker: str) -> str:
    """What a terminal shows of ``source`` above ``marker``'s carets: the characters
    whose columns the carets cover, wholly or in part (a mark or a joiner with the
    character before it)."""
    first, last = marker.index("^"), marker.rindex("^") + 1
    covered, column = [], 0
    for char in source:
        width = _columns(char)
        if (column < last and column + width > first) or (width == 0 and first < column <= last):
            covered.append(char)
        column += width
    return "".join(covered)


def _jargon_lines(original: str, word: str) -> tuple[str, str, str]:
    """The header, the quoted line and the marker of the jargon finding on ``word``."""
    from replylint.formatters.text import format_finding

    [finding] = [f for f in LINTER.check(original).findings if f.text == word]
    head, source, marker = format_finding("r.txt", original, finding, colour=False)[:3]
    return head, source, marker


def test_text_output_expands_a_tab_and_underlines_the_words_after_it() -> None:
    """A terminal draws a tab as up to 8 columns: the carets were indented by one space
    for it and sat under its blank, 7 columns left of "RMA". The quoted line's tabs are
    now spaces, to the tab stops the terminal would use (the gutter is 8 wide), and the
    marker line counts the same columns. The header's column stays a code point's."""
    original = "Hi Dana,\n\n\tYour RMA is approved and ships today.\n\nThanks,\nSam"
    head, source, marker = _jargon_lines(original, "RMA")
    assert head.startswith("r.txt:3:7: ")
    assert source == "    3 | " + " " * 8 + "Your RMA is approved and ships today."
    assert marker == "      | " + " " * 13 + "^^^"
    # a tab further on stops at the next multiple of 8, in both lines
    original = "Hi Dana,\n\nRef:\tABC\tYour RMA is approved and ships today.\n\nThanks,\nSam"
    head, source, marker = _jargon_lines(original, "RMA")
    assert "\t" not in source and source.startswith("    3 | Ref:    ABC     Your RMA")
    assert head.startswith("r.txt:3:15: ") and _under_marker(source, marker) == "RMA"


@pytest.mark.parametrize(
    "line",
    [
        "Hi 王伟, your RMA is approved and ships today.",  # a customer's name in Chinese
        "Hi ＡＮＡ, your RMA is approved and ships today.",  # fullwidth letters
        "Hi Dana 👋, your RMA is approved and ships today.",  # an emoji: 2 columns
        "Hi Dana 👩\u200d💻, your RMA is approved and ships today.",  # joined by a ZWJ
        "Hi Zoë (Zoe\u0308) and Jose\u0301, your RMA is approved and ships today.",
        "\t中文中文 👩\u200d💻 Your RMA request is in the tier-2 queue.",  # all of them
    ],
)
def test_text_output_underlines_the_words_after_wide_and_combining_characters(line: str) -> None:
    """A CJK character or an emoji takes 2 columns of a terminal, a combining accent
    or the joiner inside an emoji none: the carets, indented by code points, fell 2
    columns left of "RMA" for a two-character Chinese name, and under "中文中" on a line
    with a tab, Chinese and an emoji. They are indented by display width now."""
    original = f"{line}\n\nThanks,\nSam"
    head, source, marker = _jargon_lines(original, "RMA")
    assert head.startswith(f"r.txt:1:{line.index('RMA') + 1}: ")  # code points, as documented
    assert source == "    1 | " + line.expandtabs(8)  # the tab at column 0: 8 spaces
    assert _under_marker(source, marker) == "RMA" and marker.count("^") == 3
    if "tier-2" in line:
        _, source, marker = _jargon_lines(original, "tier-2")
        assert _under_marker(source, marker) == "tier-2" and marker.count("^") == 6


def test_text_output_sizes_the_underline_by_display_width() -> None:
    """Flagged words in Chinese are underlined over their 2 columns each; accented by a
    combining mark, over the letters they are drawn as."""
    from replylint.formatters.text import format_finding

    for words, carets in (("王伟", 4), ("Jose\u0301", 4), ("👩\u200d💻", 4)):
        original = f"Hi Dana,\nAsk for\t{words} at the desk."
        start = original.index(words)
        finding = Finding(
            rule="team.banned", check="team", severity=Severity.warning,
            message="Not this.", start=start, end=start + len(words), text=words,
        )  # fmt: skip
        head, source, marker = format_finding("r.txt", original, finding, colour=False)[:3]
        assert head.startswith("r.txt:2:9: ")
        assert source == "    2 | Ask for " + words + " at the desk."
        assert marker == "      | " + " " * 8 + "^" * carets


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("RMA", 3),
        ("王伟", 4),
        ("ＡＮＡ", 6),  # fullwidth
        ("한국", 4),
        ("\u1112\u1161\u11ab", 2),  # 한 as conjoining jamo: the vowel and final add nothing
        ("e\u0301", 1),  # a combining acute accent
        ("👋", 2),
        ("👩\u200d💻", 4),  # two wide emoji, the joiner between them 0
        ("🇺🇸", 2),  # two regional indicators
        ("\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", 2),
        ("\u2764\ufe0f", 1),  # a variation selector adds nothing
        ("…", 1),
    ],
)
def test_display_width(text: str, width: int) -> None:
    from replylint.formatters.text import display_width

    assert display_width(text) == width


def test_expand_tabs_counts_columns_by_display_width() -> None:
    from replylint.formatters.text import expand_tabs

    assert expand_tabs("a\tb") == ("a       b", 9)
    assert expand_tabs("王伟\tb") == ("王伟    b", 9)  # the name takes 4 columns, not 2
    assert expand_tabs("\tb", 3) == ("     b", 9)  # from column 3: to the stop at 8
    assert expand_tabs("王伟") == ("王伟", 4)


def test_text_says_why_apology_and_empathy_are_not_expected() -> None:
    """ "apology: -" alone looks the same for a customer with nothing wrong and a problem
    the linter missed: with a customer message read, a note says what it read."""
    reply = "Hi Sam, your delivery day is now Friday.\nThanks, Kim"
    routine = LINTER.check(reply, customer_message="Can I change my delivery day?")
    out = text.format_report("r.txt", reply, routine, colour=False)
    assert "apology: -" in out
    assert out.endswith(
        "r.txt: note: apology and empathy not expected: the customer message reports no problem"
    )
    for report in (LINTER.check(reply), LINTER.check(reply, customer_message="It arrived broken")):
        assert "not expected" not in text.format_report("r.txt", reply, report, colour=False)


#: A file name that is not UTF-8 (the byte 0xE9, Latin-1's é), as Python reads it.
NOT_UTF8 = os.fsdecode(b"macros/r\xe9ply.txt")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_a_file_name_that_is_not_utf8_is_written_as_utf8_json(fmt: str) -> None:
    """SARIF was an internal error (UnicodeEncodeError in the artifact's URI), and the
    JSON and JSON Lines outputs held the raw byte: no UTF-8, so json.loads refused the
    document and jq read the name as another. The name is escaped now, and read back as
    Python read it."""
    from replylint.formatters import json as json_format

    blank = Unchecked(NOT_UTF8 + ".2", f"reply {NOT_UTF8}.2: is empty")
    checked = (NOT_UTF8, MULTILINE, LINTER.check(MULTILINE))
    if fmt == "json":
        written = json_format.format_reports([checked[::2], blank], listed=True)
    else:
        written = (jsonl if fmt == "jsonl" else sarif).format_reports([checked, blank], [])
    written.encode("utf-8")  # (raised UnicodeEncodeError: surrogates not allowed)
    if fmt == "sarif":
        run = json.loads(written)["runs"][0]
        assert [a["location"]["uri"] for a in run["artifacts"]] == [
            "macros/r%E9ply.txt", "macros/r%E9ply.txt.2"
        ]  # fmt: skip
        [notification] = run["invocations"][0]["toolExecutionNotifications"]
        assert notification["message"]["text"] == blank.error
    else:
        documents = json.loads(written) if fmt == "json" else map(json.loads, written.split("\n"))
        assert [d["path"] for d in documents] == [NOT_UTF8, blank.name]


# Hand-written: read as Spanish, so the English-only checks are not applied.
SPANISH = (
    "Hola Ana,\n\nLamentamos mucho el retraso de tu pedido. Te enviaremos el reembolso "
    "mañana por la mañana.\n\nGracias,\nKim"
)


def test_a_reports_notices_reach_the_sarif_log_as_notes() -> None:
    """A macro the English checks did not read had no result in the log, as if it had
    passed; the notice is now a ``note`` on its artifact, and the run still succeeded."""
    report = LINTER.check(SPANISH)
    assert report.notices and not report.findings
    log = json.loads(sarif.format_reports([("macros/es.txt", SPANISH, report)], LINTER.rules))
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "note" and note["message"]["text"] == report.notices[0]
    location = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "macros/es.txt", "index": 0}
    if SARIF_SCHEMA_PATH.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(log))


def test_a_reports_notices_are_github_notice_annotations() -> None:
    report = LINTER.check(SPANISH)
    out = github.format_reports([("macros/es,1.txt", SPANISH, report)], LINTER.rules)
    assert out == f"::notice file=macros/es%2C1.txt::replylint: note: {report.notices[0]}"


def test_github_notice_for_what_directives_and_min_confidence_left_out() -> None:
    """A file whose findings were all silenced or below ``min_confidence`` had no
    annotation, as if it had passed: one notice on the file says what was left out."""
    both = Report(checks={}, findings=[], score=90, suppressed=2, below_confidence=1)
    assert github.format_reports([("macros/a,b.txt", "Hi", both)], LINTER.rules) == (
        "::notice file=macros/a%2Cb.txt::replylint: note: 2 findings silenced by replylint: "
        "disable directives are not shown; 1 finding below min-confidence is not shown "
        "(still scored; lower min-confidence to see them)"
    )
    one = Report(checks={}, findings=[], score=90, suppressed=1)
    assert github.format_reports([("a.txt", "Hi", one)], LINTER.rules) == (
        "::notice file=a.txt::replylint: note: 1 finding silenced by a replylint: disable "
        "directive is not shown"
    )
    nothing = Report(checks={}, findings=[], score=100)
    assert github.format_reports([("a.txt", "Hi", nothing)], LINTER.rules) == ""
