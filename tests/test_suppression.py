"""Suppression directives (``replylint: disable=...``) in every comment form, per reply and
for the next line, from the API, and the findings about unused or mistyped directives."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter, LinterConfig
from replylint.cli import main
from replylint.normalize import normalize
from replylint.report import Report
from replylint.suppression import UNKNOWN_RULE, UNUSED_RULE

BODY = "Your RMA was approved and the replacement ships today."


def jargon_terms(report: Report) -> list[str]:
    return [f.text for f in report.findings if f.check == "jargon"]


def rules(report: Report) -> set[str]:
    return {f.rule for f in report.findings}


def test_without_directive_the_term_is_reported(linter: Linter) -> None:
    report = linter.check(f"Hi Sam,\n{BODY}\nThanks!")
    assert jargon_terms(report) == ["RMA"]
    assert report.suppressed == 0


@pytest.mark.parametrize(
    "directive",
    [
        "replylint: disable=jargon",
        "  replylint:disable = jargon  ",
        "<!-- replylint: disable=jargon -->",
        "{# replylint: disable=jargon #}",
        "{#- replylint: disable=jargon -#}",
        "{{! replylint: disable=jargon }}",
        "{{!-- replylint: disable=jargon --}}",
        "{% comment %}replylint: disable=jargon{% endcomment %}",
        "{% # replylint: disable=jargon %}",
    ],
)
def test_each_comment_form_disables_for_the_whole_reply(linter: Linter, directive: str) -> None:
    report = linter.check(f"Hi Sam,\n{BODY}\n{directive}\nThanks!")
    assert jargon_terms(report) == []
    assert report.suppressed == 1


@pytest.mark.parametrize(
    "reply",
    [
        f"<p>Hi Sam,</p>\n<!-- replylint: disable-next-line=jargon -->\n<p>{BODY}</p>",
        f"{{{{! replylint: disable=jargon }}}}\n<p>Hi {{{{first_name}}}},</p><p>{BODY}</p>",
    ],
)
def test_directives_in_html_and_template_comments(linter: Linter, reply: str) -> None:
    assert jargon_terms(linter.check(reply)) == []


def test_a_bare_line_in_an_html_body_is_text_not_a_directive(linter: Linter) -> None:
    reply = f"<p>Hi Sam,</p><p>replylint: disable=jargon</p><p>{BODY}</p>"
    assert jargon_terms(linter.check(reply)) == ["RMA"]


def test_next_line_covers_only_the_next_line_with_text(linter: Linter) -> None:
    reply = (
        "Hi Sam,\nreplylint: disable-next-line=jargon\n\n"
        "Your RMA was approved.\nThe SLA for the swap is two days, so it ships today.\nThanks!"
    )
    assert jargon_terms(linter.check(reply)) == ["SLA"]


def test_names_match_rule_ids_prefixes_and_checks(linter: Linter) -> None:
    reply = "Hi Sam,\nPer our policy, your card was charged and the refund ships today.\nThanks!"
    assert "tone.cold_phrases" in rules(linter.check(reply))
    for name in ("tone.cold_phrases", "tone", "all"):
        report = linter.check(f"replylint: disable={name}\n{reply}")
        assert "tone.cold_phrases" not in rules(report), name


def test_directive_without_names_covers_every_rule(linter: Linter) -> None:
    report = linter.check("replylint: disable\nYour RMA is approved.")
    assert report.findings == []
    assert report.suppressed >= 3  # greeting, jargon, closing thanks at least


def test_directive_text_is_not_checked(linter: Linter) -> None:
    """The directive line is removed: the greeting on the next line opens the reply."""
    report = linter.check(f"replylint: disable-next-line=jargon\nHi Sam,\n{BODY}\nThanks!")
    assert report.checks["greeting"].present
    normalized = normalize(f"{{# replylint: disable=jargon #}}\nHi Sam,\n{BODY}")
    assert "replylint" not in normalized.text


def test_suppressed_missing_check_does_not_lower_the_score(linter: Linter) -> None:
    reply = f"{BODY} Thanks!"
    plain = linter.check(reply)
    suppressed = linter.check(f"replylint: disable=greeting\n{reply}")
    assert "greeting" in rules(plain) and "greeting" not in rules(suppressed)
    assert suppressed.checks["greeting"].present is False  # the verdict stays truthful
    assert suppressed.score > plain.score


def test_api_disable_works_like_a_directive(linter: Linter) -> None:
    report = linter.check(f"Hi Sam,\n{BODY}\nThanks!", disable=["jargon"])
    assert jargon_terms(report) == []
    assert report.suppressed == 1


def test_unknown_rule_name_is_always_reported(linter: Linter) -> None:
    reply = f"Hi Sam,\nreplylint: disable=jargn\n{BODY}\nThanks!"
    report = linter.check(reply)
    unknown = [f for f in report.findings if f.rule == UNKNOWN_RULE]
    assert len(unknown) == 1
    assert '"jargn"' in unknown[0].message
    assert reply[unknown[0].start : unknown[0].end] == unknown[0].text == "replylint: disable=jargn"
    assert jargon_terms(report) == ["RMA"]


def test_unused_suppression_reported_only_when_asked() -> None:
    reply = "Hi Sam,\nreplylint: disable=jargon,readability\nYour refund ships today.\nThanks!"
    quiet = Linter(LinterConfig()).check(reply)
    assert UNUSED_RULE not in rules(quiet)
    strict = Linter(LinterConfig(report_unused_suppressions=True))
    unused = [f for f in strict.check(reply).findings if f.rule == UNUSED_RULE]
    assert sorted(f.message.split('"')[1] for f in unused) == ["jargon", "readability"]
    used = strict.check("Hi Sam,\nreplylint: disable=jargon\n" + BODY + "\nThanks!")
    assert UNUSED_RULE not in rules(used)


def test_directive_findings_can_be_ignored() -> None:
    linter = Linter(LinterConfig(ignore=["suppression"]))
    report = linter.check(f"Hi Sam,\nreplylint: disable=jargn\n{BODY}\nThanks!")
    assert UNKNOWN_RULE not in rules(report)


def test_offsets_of_findings_after_a_removed_directive_slice_the_input(linter: Linter) -> None:
    reply = f"{{{{! replylint: disable=greeting }}}}\r\n{BODY}\r\nThe SLA is two days."
    report = linter.check(reply)
    assert jargon_terms(report) == ["RMA", "SLA"]
    for finding in report.findings:
        assert reply[finding.start : finding.end] == finding.text


def test_cli_flag_reports_unused_suppressions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "macro.txt"
    draft.write_text(
        "Hi Sam,\n{# replylint: disable=readability #}\nYour refund ships today.\nThanks!",
        encoding="utf-8",
    )
    assert main(["check", str(draft), "--isolated"]) == 0
    capsys.readouterr()
    assert main(["check", str(draft), "--isolated", "--report-unused-suppressions"]) == 1
    out = capsys.readouterr().out
    assert '2:1: warning [suppression.unused] The suppression of "readability" is unused' in out


def test_the_readme_suppression_example_prints_what_the_readme_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Suppressing findings", 1)[1]
    macro = section.split("$ cat macro.txt\n", 1)[1].split("\n$ replylint check", 1)[0]
    command, expected = (
        section.split("$ replylint check ", 1)[1].split("\n```", 1)[0].split("\n", 1)
    )
    (tmp_path / "macro.txt").write_text(macro + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", *command.split(), "--isolated"])
    assert capsys.readouterr().out.strip() == expected.strip()
