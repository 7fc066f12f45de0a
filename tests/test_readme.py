"""The README shows what the tool does: its examples are run here and compared with the
real output, so a changed message, field or flag cannot leave the README behind."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from replylint import Linter, LinterConfig
from replylint.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block_after(marker: str, language: str) -> str:
    """The first fenced block of ``language`` after the line holding ``marker``."""
    tail = README[README.index(marker) :]
    match = re.search(rf"```{language}\n(.*?)```", tail, re.S)
    assert match, f"no ```{language} block after {marker!r}"
    return match.group(1)


def shown_and_real(
    marker: str,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[str, str]:
    """The output a block after ``marker`` shows under its ``$ replylint ...`` line, and
    what that very command prints in this checkout (no config file read)."""
    command, _, shown = block_after(marker, language).partition("\n")
    assert command.startswith("$ replylint "), command
    monkeypatch.chdir(ROOT)
    main([*shlex.split(command.removeprefix("$ replylint ")), "--isolated"])
    return shown, capsys.readouterr().out


def test_the_json_example_is_the_real_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown, real = shown_and_real("`--format json` prints the report", "json", monkeypatch, capsys)
    assert json.loads(shown) == json.loads(real)


def test_the_first_commands_output_is_the_real_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first thing a new user runs (the README's set-up command) prints what the
    README says it prints."""
    marker = "$ replylint check examples/drafts/needs_work.txt --customer-message"
    shown = README[README.index(marker) :].partition("\n")[2].partition("```")[0]
    monkeypatch.chdir(ROOT)
    args = ["check", "examples/drafts/needs_work.txt"]
    exit_code = main([*args, "--customer-message", "examples/drafts/customer_message.txt"])
    assert exit_code == 1
    assert capsys.readouterr().out == shown


def test_the_rules_listing_is_the_real_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this checkout, whose pyproject.toml does not configure replylint: its last
    line says no configuration was found."""
    shown = block_after("- `replylint rules`:", "text")
    monkeypatch.chdir(ROOT)
    assert main(["rules"]) == 0
    real = capsys.readouterr().out
    shown_lines = [line.strip() for line in shown.splitlines() if line.strip()]
    assert shown_lines == [line.strip() for line in real.splitlines() if line.strip()]


def test_the_example_pack_loads_and_its_examples_hold(tmp_path: Path) -> None:
    pack = tmp_path / "promises.yaml"
    pack.write_text(block_after("A declarative rule:", "yaml"), encoding="utf-8")
    linter = Linter(LinterConfig(packs=[pack]))
    [rule] = [r for r in linter.rules if r.id == "promises.guarantee"]
    for example in rule.examples.fire:
        assert rule.id in {f.rule for f in linter.check(example.reply).findings}
    for example in rule.examples.pass_:
        assert rule.id not in {f.rule for f in linter.check(example.reply).findings}


def test_every_flag_the_readme_names_exists() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    known = {
        option
        for command in commands.values()
        for action in command._actions
        for option in action.option_strings
    }
    named = set(re.findall(r"`(--[a-z][a-z-]+)", README))
    assert named and named <= known, sorted(named - known)


def _flags() -> dict[str, list[str]]:
    """Each command's long options (``--help`` aside), by command."""
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    return {
        name: [
            option
            for action in command._actions
            for option in action.option_strings
            if option.startswith("--") and option != "--help"
        ]
        for name, command in commands.items()
    }


def test_every_flag_is_named_in_the_readme_or_a_docs_page() -> None:
    """`report --title` and `--worst`, and `serve --access-log`, were in --help alone."""
    docs = README + "".join(
        page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").glob("*.md"))
    )
    missing = [
        f"{command} {flag}"
        for command, flags in _flags().items()
        for flag in flags
        if not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", docs)
    ]
    assert missing == []


def test_configs_help_names_every_file_the_search_reads(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`check --help` gave the default as ".replylint.toml or pyproject.toml", leaving out
    replylint.toml, which the README lists and the search reads."""
    from replylint.configfile import CONFIG_FILES

    commands = [name for name, flags in _flags().items() if "--config" in flags]
    assert "check" in commands
    for command in commands:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = " ".join(capsys.readouterr().out.split())
        named = [n for n in CONFIG_FILES if re.search(rf"(?<![\w.]){re.escape(n)}", shown)]
        assert named == list(CONFIG_FILES), command


def test_the_library_example_prints_what_the_readme_says() -> None:
    """The README's library example, run as written: its score, next step and findings
    are what its comments show (they had drifted when severities changed)."""
    import ast

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Library", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    code = "\n".join(line.split("  #")[0] for line in block.splitlines())
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # (our own README)
    report = namespace["report"]
    shown = block.split("for f in report.findings]\n", 1)[1].split("\nreport.model_dump_json")[0]
    expected = ast.literal_eval(" ".join(line.lstrip("# ") for line in shown.splitlines()))
    assert [(f.rule, f.severity.value, f.text) for f in report.findings] == expected  # type: ignore[attr-defined]
    assert "report.score  # 0" in block and report.score == 0  # type: ignore[attr-defined]


def test_the_github_annotations_are_the_real_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown, real = shown_and_real("| `github` | GitHub Actions |", "text", monkeypatch, capsys)
    assert real == shown


def test_the_sarif_result_is_a_real_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = json.loads(block_after("A SARIF result (from", "json"))
    monkeypatch.chdir(ROOT)
    main(["check", "examples/drafts/macro_jargon.html", "--format", "sarif", "--isolated"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    real = next(r for r in results if r["ruleId"] == shown["ruleId"])
    assert {k: real[k] for k in ("ruleIndex", "level", "message")} == {
        k: shown[k] for k in ("ruleIndex", "level", "message")
    }
    assert (
        real["locations"][0]["physicalLocation"]["region"]
        == (shown["locations"][0]["physicalLocation"]["region"])
    )


def test_the_hooks_findings_are_the_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pre-commit example's findings on refund_bad.txt are what the hook's command
    prints for that macro (the severities included: a gate is set by them)."""
    shown = block_after("A real run, `pre-commit try-repo`", "text")
    findings = shown.split("- exit code: 1\n\n", 1)[1].split("\nrefund_good.hbs", 1)[0]
    (tmp_path / "refund_bad.txt").write_text(
        "Your RMA request is in the tier-2 escalation queue.\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    main(["check", "--default-template", "--isolated", "refund_bad.txt"])
    assert capsys.readouterr().out.strip() == findings.strip()


def test_the_problem_model_example_reads_as_the_readme_says() -> None:
    """The README's example of a customer message only the problem model reads as a
    problem, and its stated probability, are the shipped model's."""
    text = " ".join(README.split())
    message = re.search(r'whose words the list does not hold \("([^"]+)"\)', text)
    reason = re.search(
        r'\("(the customer message reads as reporting a problem \(the problem model: [0-9.]+\))"',
        text,
    )
    assert message and reason
    report = Linter().check(
        "Hi Dana, a new one is on its way today. Thanks, Sam", customer_message=message[1]
    )
    assert report.checks["apology"].reason == reason[1]
    missed = Linter().check("Hi Dana, thanks for the review. Sam", customer_message="Pathetic")
    assert not missed.checks["apology"].applicable


def test_the_batch_scoring_transcript_is_the_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The QA section's first transcript: score's summary and report's line (it went
    stale once, when a reply of the example export lost its timeframe check)."""
    block = block_after("## Batch scoring for QA", "text")
    score_part, _, report_part = block.partition("$ replylint report")
    score_command, _, score_shown = score_part.partition("\n")
    assert score_command == "$ replylint score examples/exports/tickets.csv --out scores.jsonl"
    monkeypatch.chdir(ROOT)
    out = tmp_path / "scores.jsonl"
    main(["score", "examples/exports/tickets.csv", "--out", str(out), "--isolated"])
    printed = capsys.readouterr()
    assert (printed.out + printed.err).strip() == score_shown.strip()
    main(["report", str(out), "--html", str(tmp_path / "report.html")])
    printed = capsys.readouterr()
    shown_report = report_part.partition("\n")[2].strip()
    assert (printed.out + printed.err).strip() == shown_report.replace(
        "report.html", str(tmp_path / "report.html"), 1
    )
