"""Snapshots of every finding on a corpus of hand-written replies, so that a changed
message, span, suggestion, confidence or verdict shows up in review as a diff (as ruff's
``.snap`` files and Vale's feature files do).

Layout:

- ``tests/snapshots/replies/<name>``: one reply per file (plain text, HTML, Handlebars,
  Liquid, Jinja, Markdown). The file starts with a small header of ``key: value`` lines
  ended by a line ``=== reply ===``; everything after that line is the reply, byte for
  byte. Header keys: ``about`` (required: why the fixture exists), ``channel``,
  ``customer`` (the customer message being answered), ``customer_name``,
  ``input_format``, ``template`` (``true`` for a macro kept in a repository) and
  ``banned`` (the team glossary's banned terms, ``term = wording`` separated by ``;``,
  checked by a linter configured with them: the banned_terms rule fires on nothing else).
- ``tests/snapshots/snaps/<name>.snap``: what the default ``Linter()`` reports for it,
  rendered by :func:`render` below: the score, one verdict line per check, and for each
  finding its rule, line:column, severity, confidence, the flagged words, message and
  suggestion.

A snapshot is compared exactly; a difference fails with a unified diff. After an
intended change, rewrite the snapshots and review the diff before committing::

    REPLYLINT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/snapshots

The same run deletes snapshots whose reply no longer exists. A new reply needs no
snapshot file to start with: the update run writes it.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from replylint import Linter
from replylint.config import Glossary
from replylint.report import CheckResult, Finding, Report, Severity

HERE = Path(__file__).resolve().parent
REPLIES = HERE / "replies"
SNAPS = HERE / "snaps"
SEPARATOR = "=== reply ==="
UPDATE = os.environ.get("REPLYLINT_UPDATE_SNAPSHOTS", "") not in ("", "0")
HEADER_KEYS = frozenset(
    {"about", "channel", "customer", "customer_name", "input_format", "template", "banned"}
)


@dataclass(frozen=True)
class Fixture:
    """One reply of the corpus with the context it is checked in."""

    name: str
    reply: str
    about: str
    context: dict[str, str | bool] = field(default_factory=dict)
    #: The glossary's banned terms the reply is checked with (the ``banned`` header).
    banned: dict[str, str] = field(default_factory=dict)


def parse_fixture(name: str, content: str) -> Fixture:
    """Split a fixture file into its header and the reply after the separator line."""
    head, sep, reply = content.partition(SEPARATOR + "\n")
    if not sep:
        raise ValueError(f"{name}: no {SEPARATOR!r} line ends the header")
    header: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in HEADER_KEYS:
            raise ValueError(f"{name}: header line {line!r} is not one of {sorted(HEADER_KEYS)}")
        header[key.strip()] = value.strip()
    about = header.pop("about", "")
    banned = dict(
        (term.strip(), wording.strip())
        for term, _, wording in (
            entry.partition("=") for entry in header.pop("banned", "").split(";")
        )
        if term.strip()
    )
    if not about:
        raise ValueError(f"{name}: the header needs an 'about:' line saying why it exists")
    context: dict[str, str | bool] = {
        ("customer_message" if k == "customer" else k): v for k, v in header.items()
    }
    if "template" in context:  # a boolean, as the linter takes it ("true" is no boolean)
        context["template"] = {"true": True, "false": False}[str(context["template"])]
    return Fixture(name=name, reply=reply, about=about, context=context, banned=banned)


def load_fixture(path: Path) -> Fixture:
    # Bytes, decoded: reading in text mode would turn "\r\n" into "\n" and shift offsets.
    return parse_fixture(path.name, path.read_bytes().decode("utf-8"))


def visible(text: str) -> str:
    """``text`` with every character that prints as nothing or as a plain space (newline,
    no-break space, zero-width joiner...) escaped, so a change to one shows in the diff."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def quoted(text: str) -> str:
    """A string on one line, in double quotes, with invisible characters escaped."""
    return visible(json.dumps(text, ensure_ascii=False))


def line_col(text: str, offset: int) -> str:
    """1-based ``line:column`` of a character offset, as the text formatter counts."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def render_verdict(check: str, result: CheckResult) -> str:
    state = "n/a" if not result.applicable else "present" if result.present else "absent"
    if result.optional:
        state += " (optional)"
    parts = [f"  {check:<20} {state:<8}"]
    if result.evidence is not None:
        parts.append(f"evidence={quoted(result.evidence)}")
    if result.reason is not None:
        parts.append(f"reason={quoted(result.reason)}")
    return " ".join(parts).rstrip()


def render_finding(reply: str, finding: Finding) -> list[str]:
    span = quoted(finding.text) if finding.text else "(none: something is missing)"
    lines = [
        f"  [{finding.rule}] {line_col(reply, finding.start)} {finding.severity.value} "
        f"(check {finding.check}, confidence {finding.confidence:.2f})",
        f"    span:       {span}",
        f"    message:    {visible(finding.message)}",
    ]
    if finding.suggestion is not None:
        lines.append(f"    suggestion: {visible(finding.suggestion)}")
    return lines


def render(fixture: Fixture, report: Report) -> str:
    """The snapshot text of one reply's report: stable, readable, one fact a line."""
    lines = [
        f"# {fixture.name}: {fixture.about}",
        f"score {report.score}, language {report.language}, suppressed {report.suppressed}",
        "",
        "checks:",
        *(render_verdict(name, result) for name, result in report.checks.items()),
        "",
        f"findings: {len(report.findings)}",
    ]
    for finding in report.findings:
        lines.extend(render_finding(fixture.reply, finding))
    if report.notices:
        lines.extend(["", "notices:", *(f"  - {notice}" for notice in report.notices)])
    return "\n".join(lines) + "\n"


def snapshot_diff(name: str, expected: str, actual: str) -> str:
    """A unified diff from the stored snapshot to the current output ('' when equal)."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"snaps/{name}.snap (stored)",
            tofile=f"snaps/{name}.snap (now)",
        )
    )


#: The default linter with a glossary's banned terms, by those terms.
_WITH_BANNED: dict[tuple[tuple[str, str], ...], Linter] = {}


def check_report(linter: Linter, fixture: Fixture) -> Report:
    if fixture.banned:
        key = tuple(sorted(fixture.banned.items()))
        if key not in _WITH_BANNED:
            glossary = Glossary(banned=fixture.banned)
            _WITH_BANNED[key] = Linter(linter.config.model_copy(update={"glossary": glossary}))
        linter = _WITH_BANNED[key]
    return linter.check(fixture.reply, **fixture.context)  # type: ignore[arg-type]


FIXTURE_PATHS = sorted(p for p in REPLIES.iterdir() if p.is_file())


@pytest.mark.parametrize("path", FIXTURE_PATHS, ids=[p.name for p in FIXTURE_PATHS])
def test_snapshot(linter: Linter, path: Path) -> None:
    fixture = load_fixture(path)
    actual = render(fixture, check_report(linter, fixture))
    snap = SNAPS / f"{fixture.name}.snap"
    if UPDATE:
        SNAPS.mkdir(exist_ok=True)
        snap.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not snap.is_file():
        pytest.fail(
            f"no snapshot for {fixture.name}; write it with "
            "REPLYLINT_UPDATE_SNAPSHOTS=1 pytest tests/snapshots and review it"
        )
    diff = snapshot_diff(fixture.name, snap.read_text(encoding="utf-8"), actual)
    if diff:
        pytest.fail(
            f"{fixture.name}: the report changed. If that is intended, rewrite the snapshots "
            f"with REPLYLINT_UPDATE_SNAPSHOTS=1 pytest tests/snapshots\n{diff}",
            pytrace=False,
        )


def test_every_snapshot_has_its_reply() -> None:
    """A snapshot whose reply was renamed or deleted would otherwise linger unchecked."""
    names = {p.name for p in FIXTURE_PATHS}
    orphans = sorted(s for s in SNAPS.glob("*.snap") if s.name.removesuffix(".snap") not in names)
    if UPDATE:
        for orphan in orphans:
            orphan.unlink()
        return
    assert not orphans, f"snapshots without a reply in {REPLIES}: {[o.name for o in orphans]}"


@pytest.fixture(scope="module")
def corpus_findings(linter: Linter) -> dict[str, set[str]]:
    """The rule ids that fire on each reply of the corpus."""
    return {
        p.name: {f.rule for f in check_report(linter, load_fixture(p)).findings}
        for p in FIXTURE_PATHS
    }


def test_the_corpus_makes_every_rule_fire_and_stay_silent(
    linter: Linter, corpus_findings: dict[str, set[str]]
) -> None:
    """Each built-in rule has a snapshot where it fires and one where it does not, so a
    change to any rule's output shows up in some snapshot."""
    for rule in linter.rules:
        firing = [name for name, rules in corpus_findings.items() if rule.id in rules]
        assert firing, f"no reply in the corpus makes {rule.id} fire"
        assert len(firing) < len(corpus_findings), f"{rule.id} fires on every reply"


def test_the_corpus_covers_every_channel_and_input_kind() -> None:
    fixtures = [load_fixture(p) for p in FIXTURE_PATHS]
    assert {f.context.get("channel", "email") for f in fixtures} == {"email", "chat", "social"}
    assert any("customer_message" in f.context for f in fixtures)
    assert any("customer_message" not in f.context for f in fixtures)
    suffixes = {Path(f.name).suffix for f in fixtures}
    assert {".txt", ".html", ".hbs"} <= suffixes, suffixes


# -- the snapshot mechanism itself -------------------------------------------------------

REPLY = "Hi Sam, your RMA is approved.\nThanks!"


def sample_report(message: str, start: int = 13) -> Report:
    finding = Finding(
        rule="jargon",
        check="jargon",
        severity=Severity.warning,
        message=message,
        start=start,
        end=start + 3,
        text=REPLY[start : start + 3],
        suggestion="Spell it out.",
        confidence=0.75,
    )
    checks = {"greeting": CheckResult(present=True, evidence="Hi Sam")}
    return Report(checks=checks, findings=[finding], score=90)


def test_a_changed_message_fails_with_a_readable_diff() -> None:
    fixture = Fixture(name="sample.txt", reply=REPLY, about="a sample")
    before = render(fixture, sample_report('"RMA" may be jargon.'))
    after = render(fixture, sample_report('"RMA" is jargon.'))
    diff = snapshot_diff(fixture.name, before, after)
    assert '-    message:    "RMA" may be jargon.\n' in diff
    assert '+    message:    "RMA" is jargon.\n' in diff
    assert snapshot_diff(fixture.name, before, before) == ""


def test_a_moved_span_changes_the_snapshot() -> None:
    fixture = Fixture(name="sample.txt", reply=REPLY, about="a sample")
    diff = snapshot_diff(
        fixture.name,
        render(fixture, sample_report("m", start=13)),
        render(fixture, sample_report("m", start=12)),
    )
    assert '-    span:       "RMA"' in diff and '+    span:       " RM"' in diff
    assert "-  [jargon] 1:14 warning" in diff and "+  [jargon] 1:13 warning" in diff


def test_invisible_characters_are_escaped() -> None:
    assert quoted("2\u00a0hours\n") == '"2\\u00a0hours\\n"'
    assert visible("caf\u00e9 \U0001f64f") == "caf\u00e9 \U0001f64f"


def test_the_header_is_read_and_the_reply_kept_byte_for_byte() -> None:
    fixture = parse_fixture(
        "x.txt",
        "about: why\ncustomer: It broke.\nchannel: chat\n=== reply ===\nHi,\r\nDone.\n",
    )
    assert fixture.reply == "Hi,\r\nDone.\n"
    assert fixture.context == {"customer_message": "It broke.", "channel": "chat"}


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("about: x\nHi there\n", "no '=== reply ===' line"),
        ("about: x\nchanel: chat\n=== reply ===\nHi\n", "header line 'chanel: chat'"),
        ("channel: chat\n=== reply ===\nHi\n", "needs an 'about:' line"),
    ],
)
def test_a_malformed_fixture_says_what_is_wrong(content: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        parse_fixture("x.txt", content)
