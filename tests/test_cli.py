"""The command line: exit codes, formats, and one-line errors for bad input (exit 2)."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
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


def test_output_closed_by_its_reader_is_never_success(tmp_path: Path) -> None:
    """``replylint check macros/ | head``: the reader goes before the report is written.
    That was exit 0 (a gate under ``set -o pipefail`` passed a reply with findings);
    now 141, as ``cat`` gives, and no "Exception ignored" on stderr."""
    draft = tmp_path / "draft.txt"
    draft.write_text(BAD, encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    try:
        run = subprocess.run(
            [sys.executable, "-m", "replylint", "check", str(draft), "--model", "none"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert run.returncode == 141, run.stderr
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr


CHECK_COMMAND = (sys.executable, "-m", "replylint", "check")


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_non_utf8_standard_output_takes_any_character(tmp_path: Path, output_format: str) -> None:
    """Redirected on Windows, standard output takes the code page (cp1252), which has no
    emoji: the first finding quoting one was an internal error. It is written as UTF-8."""
    draft = tmp_path / "emoji.txt"
    draft.write_text(
        "Hi Sam,\n\nYour RMA \U0001f600 is approved and we ship the new one today.\n\n"
        "Thanks,\nAna\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [*CHECK_COMMAND, str(draft), "--isolated", "--format", output_format],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert run.returncode == 1, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")
    if output_format == "json":
        assert [f["check"] for f in json.loads(out)["findings"]] == ["jargon"]
    else:
        assert "Your RMA \U0001f600 is approved" in out


def test_min_confidence_flag_filters(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    path = draft("Hi Sam, your RMA is approved. Thanks!")
    main(["check", path, "--format", "json"])
    assert any(f["check"] == "jargon" for f in json.loads(capsys.readouterr().out)["findings"])
    main(["check", path, "--format", "json", "--min-confidence", "0.99"])
    assert not json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", path, "--min-confidence", "2"]) == 2


def test_a_min_confidence_for_model_alarms_keeps_an_unfilled_field(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    """An unfilled field is a measured 0.95-sure finding: a min-confidence above the
    rules' 0.9, meant to hide doubtful alarms, let a reply holding one pass."""
    path = draft(
        "Hi {{first_name}},\n\nYour refund reaches your card within 5 days.\n\nThanks,\nSam\n"
    )
    assert main(["check", path, "--format", "json", "--min-confidence", "0.95"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["check"], finding["text"]) == ("template_residue", "{{first_name}}")


def test_machine_formats_from_the_command_line(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    path = draft("Your RMA is approved.\nLet us know if you need anything.")
    assert main(["check", path, "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    results = sarif["runs"][0]["results"]
    assert {"jargon", "next_step"} <= {r["ruleId"] for r in results}
    assert main(["check", path, "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(("::error", "::warning", "::notice")) for line in lines)
    other = draft("Hi Sam, your refund ships today. Thanks!", name="other.txt")
    assert main(["check", path, other, "--format", "jsonl"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_explain_rule_and_unknown_rule(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["explain", "greeting"]) == 0
    out = capsys.readouterr().out
    assert "A positive greeting" in out and "Fires on" in out
    assert main(["explain", "no_such_rule"]) == 2
    err = capsys.readouterr().err
    assert "valid rule ids" in err and "next_step" in err


def test_explain_takes_the_ids_and_check_names_the_tool_uses(capsys) -> None:  # type: ignore[no-untyped-def]
    """Ids shown in findings and SARIF (suppression.*) and check names --ignore takes."""
    assert main(["explain", "suppression.malformed"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("suppression.malformed\n") and "What to do:" in out
    assert main(["explain", "tone"]) == 0
    out = capsys.readouterr().out
    assert "tone.blame\n==========" in out and "tone.cold_phrases\n=================" in out
    assert main(["explain", "tone.blme"]) == 2
    assert "did you mean 'tone.blame'?" in capsys.readouterr().err


def test_select_and_ignore_take_comma_separated_names(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    reply = draft("Hi Mia, your RMA ships today.")  # jargon, agent_identity, closing_thanks
    args = ["check", reply, "--isolated", "--format", "json"]
    assert main([*args, "--select", "jargon,greeting"]) == 1
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"jargon"}
    assert main([*args, "--ignore", "jargon, agent_identity", "--ignore", "closing_thanks"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "r.txt"],
        ["score", "in.csv", "--out", "o.jsonl"],
        ["serve"],
    ],
)
def test_every_command_with_rule_options_splits_them_alike(argv: list[str]) -> None:
    args = build_parser().parse_args([*argv, "--select", "jargon,tone", "--select", "greeting"])
    assert args.select == ["jargon", "tone", "greeting"]
    assert build_parser().parse_args([*argv, "--ignore", "hold,"]).ignore == ["hold"]


def test_a_rule_option_naming_nothing_says_what_it_takes(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "r.txt", "--select", ","])
    assert exit_info.value.code == 2
    assert "argument --select: ',' names no rule" in capsys.readouterr().err


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
    "serve": [],
    "lsp": [],
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


def test_version_prints_the_packages_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`replylint --version` needs no command (it was a usage error, exit 2), and says
    the version the package and its installed metadata carry."""
    import replylint

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"replylint {replylint.__version__}\n"
    assert importlib.metadata.version("replylint") == replylint.__version__  # one source


def test_the_console_script_is_main() -> None:
    (script,) = [
        ep
        for ep in importlib.metadata.distribution("replylint").entry_points
        if ep.group == "console_scripts" and ep.name == "replylint"
    ]
    assert script.value == "replylint.cli:main"
    assert script.load() is main


def test_template_flag_and_config_key(draft, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    macro = draft("Hi {{first_name}},\n\nYour refund is sent today.\n\nThanks!\n")
    assert main(["check", macro, "--isolated", "--select", "template_residue"]) == 1
    assert '"{{first_name}}" is an unfilled template field' in capsys.readouterr().out
    assert main(["check", macro, "--isolated", "--select", "template_residue", "--template"]) == 0
    (tmp_path / ".replylint.toml").write_text("template = true\n", encoding="utf-8")
    assert main(["check", macro, "--select", "template_residue"]) == 0
    assert main(["check", macro, "--select", "template_residue", "--no-template"]) == 1
    capsys.readouterr()
    (tmp_path / ".replylint.toml").write_text('template = "sometimes"\n', encoding="utf-8")
    assert main(["check", macro]) == 2
    assert "template" in capsys.readouterr().err


def test_customer_name_flag_reports_a_wrong_name(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    reply = draft("Hi Sarah, your refund is sent today. Thanks!")
    args = ["check", reply, "--isolated", "--select", "customer_name"]
    assert main([*args, "--customer-name", "John Miller"]) == 1
    out = capsys.readouterr().out
    assert "[customer_name]" in out and 'Address them as "John".' in out
    assert "customer_name: failed" in out  # the summary line names a failing service check
    assert main(args) == 0


def test_check_does_not_import_the_other_commands_heavy_modules() -> None:
    """`replylint check` starts fast: building the parser and checking a reply import
    neither training, evaluation, the HTML report nor the batch job (each command
    imports those when it runs; the CLI names their errors by one base class)."""
    code = (
        "import sys\n"
        "from replylint.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ['replylint.model.training', 'replylint.evaluation',\n"
        "         'replylint.batch.html_report', 'replylint.batch.job']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("replylint.evaluation", "GoldError"),
        ("replylint.model.training", "TrainingError"),
        ("replylint.batch.readers", "InputFormatError"),
        ("replylint.batch.writers", "OutputError"),
        ("replylint.batch.columns", "ColumnError"),
        ("replylint.packs", "PackError"),
        ("replylint.registry", "PluginError"),
        ("replylint.config", "ConfigError"),
        ("replylint.inputs", "InputFileError"),
        ("replylint.linter", "InputError"),
    ],
)
def test_every_user_error_is_one_line_and_exit_2(
    module: str, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever module raises it, a user's error reaches the CLI as one line, exit 2."""
    error = getattr(importlib.import_module(module), name)
    from replylint.cli import check

    def fail(_: object) -> int:
        raise error("what went wrong; what to do")

    monkeypatch.setattr(check, "run", fail)
    assert main(["check", "-"]) == 2
    assert capsys.readouterr().err == "replylint: error: what went wrong; what to do\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "-"], "replylint: interrupted\n"),
        (["serve"], "replylint: interrupted\n"),
        (["score", "in.jsonl", "--out", "o.jsonl"], "nothing was written yet (no o.jsonl)"),
    ],
)
def test_ctrl_c_says_what_it_left_behind(
    argv: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ctrl-C exits 130 with one line; only a command that writes files as it goes talks
    of its output (a service has none)."""
    command = {"check": "check", "serve": "serve_command", "score": "score"}[argv[0]]
    import replylint.cli as cli

    def interrupted(_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(getattr(cli, command), "run", interrupted)
    assert main(argv) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err


def test_a_bug_exits_3_with_its_traceback_not_1_as_findings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crash exited 1, the code for "findings": a gate read a bug as a lint failure."""
    from replylint import Linter

    def broken(*args: object, **kwargs: object) -> None:
        raise IndexError("list index out of range")

    monkeypatch.setattr(Linter, "check", broken)
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Dana, your refund was sent today. Thanks, Sam", encoding="utf-8")
    assert main(["check", str(draft), "--isolated"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and err.rstrip().splitlines()[-1].startswith(
        "replylint: internal error: IndexError: list index out of range (a bug in replylint"
    )


def test_a_min_confidence_that_hides_every_finding_says_how_many(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    """``--min-confidence 1`` hid every finding without a word: the text output was the
    score line alone, as for a reply with nothing to fix. It now says how many findings
    the threshold hid, and the JSON report counts them; the exit code stays that of the
    findings shown (README: Exit codes)."""
    path = draft("Hi Jo,\n\nYour RMA went to the ASN desk.\n")
    assert main(["check", path, "--format", "json"]) == 1
    shown = len(json.loads(capsys.readouterr().out)["findings"])
    assert shown >= 3
    assert main(["check", path, "--format", "json", "--min-confidence", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["findings"], report["below_confidence"]) == ([], shown)
    assert main(["check", path, "--min-confidence", "1"]) == 0
    out = capsys.readouterr().out
    assert f"note: {shown} findings below min-confidence are not shown" in out
    assert main(["check", path]) == 1
    assert "below min-confidence" not in capsys.readouterr().out  # nothing hidden: no note


def test_sarif_says_what_min_confidence_and_directives_left_out(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    """A SARIF log of a file whose findings ``--min-confidence`` hid had no result and no
    word of them: code scanning showed the file as clean. Its artifact now counts what
    was left out, and a note says it, as the text output does."""
    path = draft("Hi Jo,\n\nYour RMA went to the ASN desk.\n")
    assert main(["check", path, "--format", "json"]) == 1
    shown = len(json.loads(capsys.readouterr().out)["findings"])
    assert main(["check", path, "--format", "sarif", "--min-confidence", "1"]) == 0
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["results"] == []
    assert run["artifacts"][0]["properties"] == {"suppressed": 0, "belowConfidence": shown}
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "note"
    assert f"{shown} findings below min-confidence are not shown" in note["message"]["text"]
    assert main(["check", path, "--format", "sarif"]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert "properties" not in run["artifacts"][0]  # nothing left out: nothing said


def test_github_annotations_say_what_min_confidence_and_directives_left_out(draft, capsys) -> None:  # type: ignore[no-untyped-def]
    """The ``github`` output of a file whose findings ``--min-confidence`` or directives
    hid had no annotation of them, so a pull request showed a macro whose findings were
    all hidden as clean, unlike the text and SARIF output. A notice on the file now says
    what was left out, in their words; the exit code stays that of the findings shown."""
    path = draft("{# replylint: disable=jargon #}\nHi Jo,\n\nYour RMA went to the ASN desk.\n")
    assert main(["check", path, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["suppressed"] == 2 and report["below_confidence"] == 0
    assert main(["check", path, "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(report["findings"]) + 1
    assert lines[-1] == (
        f"::notice file={path}::replylint: note: 2 findings silenced by replylint: disable "
        "directives are not shown"
    )
    assert main(["check", path, "--format", "json", "--min-confidence", "1"]) == 0
    hidden = json.loads(capsys.readouterr().out)["below_confidence"]
    assert hidden >= 3
    assert main(["check", path, "--format", "github", "--min-confidence", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"::notice file={path}::replylint: note: {hidden} findings below min-confidence are "
        "not shown (still scored; lower min-confidence to see them)"
    ]
