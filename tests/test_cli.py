"""The command line: exit codes, formats, and one-line errors for bad input (exit 2)."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.cli import build_parser, main

GOOD = (
    "Hi Dana,\n\nSorry for the delay, I know how annoying waiting is! "
    "Your refund will reach your card within 3 days.\n\nThanks!"
)
BAD = "Your RMA is in the queue. Let us know if you need anything else."


@pytest.fixture()
def draft(tmp_path: Path) -> callable:  # type: ignore[valid-type]
    def write(text: str | bytes, name: str = "draft.txt") -> str:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_clean_reply_exits_0(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", draft(GOOD)]) == 0
    assert "score 100/100" in capsys.readouterr().out


def test_findings_exit_1_and_show_context(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", draft(BAD)]) == 1
    out = capsys.readouterr().out
    assert "[jargon]" in out and "^^^" in out and "suggestion:" in out


def test_fail_on_threshold(draft) -> None:  # type: ignore[no-untyped-def]
    reply = draft("Hi Sam, please restart the app.")  # only info-level findings
    assert main(["check", reply, "--fail-on", "warning"]) == 0
    assert main(["check", reply, "--fail-on", "info"]) == 1


def test_json_output_follows_contract(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    html = "<p>Hi Sam,</p><p>Your <b>RMA</b> &amp; SLA are approved.</p>"
    main(["check", draft(html, "reply.html"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["schema_version"]
    for check in (
        "greeting",
        "apology",
        "empathy",
        "next_step",
        "next_step_timeframe",
        "closing_thanks",
    ):
        assert set(report["checks"][check]) >= {"present", "applicable"}
    jargon = [f for f in report["findings"] if f["check"] == "jargon"]
    assert [f["text"] for f in jargon] == ["RMA", "SLA"]
    for finding in jargon:
        assert html[finding["start"] : finding["end"]] == finding["text"]


def test_customer_message_file_makes_apology_applicable(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    customer = draft("My parcel is lost and I am furious.", "customer.txt")
    main(
        [
            "check",
            draft("Hi Sam, please DM us."),
            "--customer-message",
            customer,
            "--format",
            "json",
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert report["checks"]["apology"]["applicable"] is True


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"caf\xe9 broken", "not UTF-8"),
        (b"   \n\t ", "is empty"),
        (b"\x00\x01binary", "binary"),
    ],
)
def test_bad_input_is_one_line_exit_2(draft, capsys, content: bytes, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", draft(content)]) == 2
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err and "Traceback" not in err


def test_missing_file_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "/no/such/draft.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_reply_empty_after_normalising_exit_2(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", draft("<p><script>x()</script></p>", "x.html")]) == 2
    assert "empty" in capsys.readouterr().err


def test_rules_lists_every_rule_with_rationale(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule_id in (
        "greeting",
        "apology",
        "empathy",
        "next_step",
        "next_step_timeframe",
        "closing_thanks",
        "jargon",
    ):
        assert rule_id in out
    assert "Manage expectations" in out


def test_schema_is_json_schema(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "checks" in schema["properties"] and "findings" in schema["properties"]


def test_stdin_and_console_script_have_no_traceback() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "replylint", "check", "-", "--format", "json"],
        input=BAD,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 1 and json.loads(ok.stdout)["findings"]
    bad = subprocess.run(
        [sys.executable, "-m", "replylint", "check", "--channel", "fax"],
        input="",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_min_confidence_flag_filters(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    path = draft("Hi Sam, your RMA is approved. Thanks!")
    main(["check", path, "--format", "json"])
    assert any(f["check"] == "jargon" for f in json.loads(capsys.readouterr().out)["findings"])
    main(["check", path, "--format", "json", "--min-confidence", "0.99"])
    assert not json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", path, "--min-confidence", "2"]) == 2


def test_machine_formats_from_the_command_line(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    path = draft("Your RMA is approved.\nLet us know if you need anything.")
    assert main(["check", path, "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    results = sarif["runs"][0]["results"]
    assert {"jargon", "next_step"} <= {r["ruleId"] for r in results}
    assert main(["check", path, "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(("::error", "::warning", "::notice")) for line in lines)
    assert main(["check", path, path, "--format", "jsonl"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_explain_rule_and_unknown_rule(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["explain", "greeting"]) == 0
    out = capsys.readouterr().out
    assert "A positive greeting" in out and "Fires on" in out
    assert main(["explain", "no_such_rule"]) == 2
    err = capsys.readouterr().err
    assert "valid rule ids" in err and "next_step" in err


# -- the command's layout: one module per subcommand ------------------------------------

MINIMAL_ARGV = {
    "check": [],
    "rules": [],
    "explain": ["greeting"],
    "eval": ["gold.jsonl"],
    "train": ["gold.jsonl", "--out", "model"],
    "score": ["export.csv", "--out", "results.jsonl"],
    "report": ["results.jsonl", "--html", "report.html"],
    "schema": [],
}


@pytest.mark.parametrize(("command", "argv"), MINIMAL_ARGV.items())
def test_each_subcommand_runs_its_own_module(command: str, argv: list[str]) -> None:
    module = importlib.import_module(f"replylint.cli.{command}")
    args = build_parser().parse_args([command, *argv])
    assert args.run is module.run


def test_help_lists_the_subcommands_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    listed = [
        line.split()[0]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("    ") and line.split()
    ]
    assert listed == list(MINIMAL_ARGV)


def test_the_console_script_is_main() -> None:
    (script,) = [
        ep
        for ep in importlib.metadata.distribution("replylint").entry_points
        if ep.group == "console_scripts" and ep.name == "replylint"
    ]
    assert script.value == "replylint.cli:main"
    assert script.load() is main
