"""Suppression directives (``replylint: disable=...``) in every comment form, per reply and
for the next line, from the API, and the findings about unused or mistyped directives."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter, LinterConfig
from replylint.cli import main
from replylint.normalize import normalize
from replylint.report import Report
from replylint.suppression import MALFORMED_RULE, UNKNOWN_RULE, UNUSED_RULE

BODY = "Your RMA was approved and the replacement ships today."


@pytest.fixture(scope="module")
def linter() -> Linter:
    """These replies are macros kept in a repository, where a directive may stand on a
    line of its own (in a reply about to be sent the customer would read that line: see
    the tests at the end)."""
    return Linter(LinterConfig(template=True))


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


@pytest.mark.parametrize(
    "before",
    [
        "{{! replylint: disable-next-line=jargon }}\n{{#if vip}}\n",
        "{# replylint: disable-next-line=jargon #}\n{% if vip %}{# gold members #}\n",
        "{% comment %}replylint: disable-next-line=jargon{% endcomment %}\n{% if vip %}\n",
        # stacked directives: each means the line the customer reads
        "{{! replylint: disable-next-line=jargon }}\n{{! replylint: disable-next-line=tone }}\n",
        "replylint: disable-next-line=jargon\nreplylint: disable-next-line=tone\n",
        "<!-- replylint: disable-next-line=jargon -->\n<div>\n",
    ],
)
def test_next_line_skips_lines_that_render_no_words(linter: Linter, before: str) -> None:
    """A line of template tags, comments or directives alone (``{{#if vip}}``), or in
    HTML of tags alone, shows the customer nothing: the directive above it covers the
    sentence under it, which it left reported as "unused: nothing on the next line"."""
    end = "\n</div>\n" if "<div>" in before else "\n{{/if}}\n"
    reply = f"Hi Sam,\n{before}Your RMA was approved.\nThe SLA is two days.{end}Thanks!"
    assert jargon_terms(linter.check(reply)) == ["SLA"]


def test_next_line_still_covers_the_tag_lines_it_passes_over(linter: Linter) -> None:
    """In a reply about to be sent, an unrendered ``{{#if vip}}`` is a leftover on a line
    of its own: the directive above it silences it there, as it did when that line was
    the one it covered, and still nothing past the line it names."""
    reply = (
        "Hi Sam,\n{{! replylint: disable-next-line=template_residue }}\n{{#if vip}}\n"
        "Your parcel ships today.\n{{/if}}\nThanks!"
    )
    report = linter.check(reply, template=False)
    assert [f.text for f in report.findings if f.check == "template_residue"] == ["{{/if}}"]
    assert report.suppressed == 1


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
    assert '"jargn"' in unknown[0].message and 'Did you mean "jargon"?' in unknown[0].message
    assert reply[unknown[0].start : unknown[0].end] == unknown[0].text == "replylint: disable=jargn"
    assert jargon_terms(report) == ["RMA"]
    shouted = linter.check(f"Hi Sam,\nreplylint: disable=JARGON\n{BODY}\nThanks!")
    (upper,) = [f for f in shouted.findings if f.rule == UNKNOWN_RULE]
    assert upper.message.endswith('Did you mean "jargon"?')  # names are lower-case


@pytest.mark.parametrize(
    "directive",
    [
        "ReplyLint: Disable=jargon",
        "REPLYLINT: disable = jargon",
        "replylint: disable=jargon # brand term, agreed with legal",
        "replylint: disable=jargon #brand",
        "<!-- Replylint: disable=jargon # brand term -->",
        "{# replylint: disable=jargon # brand term #}",
        "{{!-- replylint: DISABLE=jargon # brand --}}",
    ],
)
def test_case_and_a_trailing_reason_are_accepted(linter: Linter, directive: str) -> None:
    report = linter.check(f"Hi Sam,\n{directive}\n{BODY}\nThanks!")
    assert jargon_terms(report) == []
    assert report.suppressed == 1
    assert MALFORMED_RULE not in rules(report)


def test_next_line_directive_in_any_case_covers_the_next_line(linter: Linter) -> None:
    reply = f"Hi Sam,\nReplylint: Disable-Next-Line=jargon\n{BODY}\nThe SLA is two days.\nThanks!"
    assert jargon_terms(linter.check(reply)) == ["SLA"]


@pytest.mark.parametrize(
    ("directive", "problem"),
    [
        ("replylint disable=jargon", 'there is no colon after "replylint"'),
        ("replylint-disable=jargon", 'there is no colon after "replylint"'),
        ("replylint: disabled=jargon", '"disabled" is not disable or disable-next-line'),
        ("replylint: disable-next=jargon", '"disable-next" is not disable or disable-next-line'),
        ("replylint: enable=jargon", '"enable" is not disable or disable-next-line'),
        ("replylint:", "no disable or disable-next-line follows the colon"),
        ("replylint: disable=jargon because brand", '"because brand" after "disable" is not'),
        ("replylint: disable jargon", '"jargon" after "disable" is not understood'),
        ("<!-- replylint disable=jargon -->", 'there is no colon after "replylint"'),
        ("<!-- replylint: disable=jargon -- brand -->", '"-- brand" after "disable"'),
        ("<!-- replylint: disable=jargon", "the comment does not close after it"),
        ("{# replylint: enable=jargon #}", '"enable" is not disable'),
        ("{{! replylint: off }}", '"off" is not disable'),
        ("{% comment %}replylint disable{% endcomment %}", "there is no colon"),
        ("{% # replylint: disabled %}", '"disabled" is not disable'),
    ],
)
def test_a_comment_meant_as_a_directive_that_does_not_parse_is_reported(
    linter: Linter, directive: str, problem: str
) -> None:
    reply = f"Hi Sam,\n{directive}\n{BODY}\nThanks!"
    report = linter.check(reply)
    [bad] = [f for f in report.findings if f.rule == MALFORMED_RULE]
    assert problem in bad.message
    assert reply[bad.start : bad.end] == bad.text == directive
    assert "replylint: disable=RULE" in (bad.suggestion or "")
    assert jargon_terms(report) == ["RMA"]  # it silenced nothing
    assert report.suppressed == 0


@pytest.mark.parametrize("directive", ["replylint: disable=jargon", "ReplyLint disable=jargon"])
def test_a_directive_after_text_on_its_line_is_reported(linter: Linter, directive: str) -> None:
    """In plain text such a directive is also words the customer reads."""
    reply = f"Hi Sam,\n{BODY} {directive}\nThanks!"
    report = linter.check(reply)
    [bad] = [f for f in report.findings if f.rule == MALFORMED_RULE]
    assert bad.text == directive
    assert "not alone on its line" in bad.message
    assert jargon_terms(report) == ["RMA"]


def test_a_directive_comment_after_text_on_its_line_still_works(linter: Linter) -> None:
    report = linter.check(f"Hi Sam,\n{BODY} {{# replylint: disable=jargon #}}\nThanks!")
    assert jargon_terms(report) == [] and MALFORMED_RULE not in rules(report)


@pytest.mark.parametrize(
    "reply",
    [
        f"Hi Sam,\nWe check every macro with replylint: it flags jargon.\n{BODY}\nThanks!",
        f"Hi Sam,\nReplylint is the tool our team uses.\n{BODY}\nThanks!",
        f"Hi Sam,\n<!-- replylint runs on this macro in CI -->\n{BODY}\nThanks!",
        f"Hi Sam,\n<!--\nOld:\nreplylint disable=jargon\n-->\n{BODY}\nThanks!",  # commented out
        f"<p>Hi Sam,</p><p>Our replylint enables checks in CI.</p><p>{BODY}</p>",
    ],
)
def test_prose_naming_replylint_is_no_finding(linter: Linter, reply: str) -> None:
    assert not {f.rule for f in linter.check(reply).findings if f.check == "suppression"}


@pytest.mark.parametrize(
    ("reply", "text"),
    [
        (
            f"<p>Hi Sam,</p><p>replylint: disable=jargon</p><p>{BODY}</p>",
            "replylint: disable=jargon",
        ),
        (
            f"<p>Hi Sam,</p><p>replylint disable=jargon </p><p>{BODY}</p>",
            "replylint disable=jargon",
        ),
        (f"<p>Hi Sam, {BODY}</p>\n<div>replylint: enable=jargon</div>", "replylint: enable=jargon"),
    ],
)
def test_a_directive_in_the_visible_text_of_html_is_reported(
    linter: Linter, reply: str, text: str
) -> None:
    report = linter.check(reply)
    [bad] = [f for f in report.findings if f.rule == MALFORMED_RULE]
    assert bad.text == text
    assert "in HTML a directive goes in a comment" in bad.message
    assert jargon_terms(report) == ["RMA"]  # it silences nothing


def test_malformed_directive_in_html_comment_is_reported(linter: Linter) -> None:
    reply = f"<p>Hi Sam,</p><!-- replylint: enable=jargon --><p>{BODY}</p>"
    [bad] = [f for f in linter.check(reply).findings if f.rule == MALFORMED_RULE]
    assert bad.text == "<!-- replylint: enable=jargon -->"


@pytest.mark.parametrize("line", ["replylint: disable-line=jargon", "replylint disable=jargon"])
def test_a_malformed_directive_line_is_not_read_as_the_reply(linter: Linter, line: str) -> None:
    """Reported, silencing nothing, and gone from the text the checks read, as a
    directive's line is: it was read as the opening, and cost a "no greeting"."""
    report = linter.check(f"{line}\nHi there, {BODY}\nThanks, Sam")
    assert [f.text for f in report.findings if f.rule == MALFORMED_RULE] == [line]
    assert report.checks["greeting"].present
    assert jargon_terms(report) == ["RMA"]


def test_malformed_directives_can_be_ignored() -> None:
    linter = Linter(LinterConfig(template=True, ignore=["suppression.malformed"]))
    report = linter.check(f"Hi Sam,\nreplylint: enable=jargon\n{BODY}\nThanks!")
    assert MALFORMED_RULE not in rules(report)
    assert jargon_terms(report) == ["RMA"]


def test_unused_suppression_reported_only_when_asked() -> None:
    reply = "Hi Sam,\nreplylint: disable=jargon,readability\nYour refund ships today.\nThanks!"
    quiet = Linter(LinterConfig(template=True)).check(reply)
    assert UNUSED_RULE not in rules(quiet)
    strict = Linter(LinterConfig(template=True, report_unused_suppressions=True))
    unused = [f for f in strict.check(reply).findings if f.rule == UNUSED_RULE]
    assert sorted(f.message.split('"')[1] for f in unused) == ["jargon", "readability"]
    used = strict.check("Hi Sam,\nreplylint: disable=jargon\n" + BODY + "\nThanks!")
    assert UNUSED_RULE not in rules(used)


def test_a_directive_silencing_a_finding_min_confidence_hides_is_not_unused() -> None:
    """A finding under ``min-confidence`` is hidden but still scored, so the directive
    that silences it keeps the score up: it was reported "unused: nothing here is
    reported", a warning that failed the gate and advised removing it, which would
    have lowered the score."""
    directive = "replylint: disable=jargon\n"
    reply = f"Hi Sam,\n{directive}{BODY}\nThanks!"
    shown = Linter(LinterConfig(template=True, report_unused_suppressions=True))
    [term] = [f for f in shown.check(reply.replace(directive, "")).findings if f.check == "jargon"]
    assert term.confidence < 1.0
    hiding = Linter(
        LinterConfig(
            template=True, report_unused_suppressions=True, min_confidence=(term.confidence + 1) / 2
        )
    )
    hidden_without = hiding.check(reply.replace(directive, ""))
    assert "jargon" not in rules(hidden_without)  # hidden, but still scored
    report = hiding.check(reply)
    assert UNUSED_RULE not in rules(report)
    assert report.score == shown.check(reply).score > hidden_without.score


def test_directive_findings_can_be_ignored() -> None:
    linter = Linter(LinterConfig(template=True, ignore=["suppression"]))
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


def test_a_whitespace_trimming_handlebars_comment_holds_a_directive(linter: Linter) -> None:
    report = linter.check(
        f"Hi Sam,\n{{{{~! replylint: disable=jargon ~}}}}\n{BODY}\nThanks!", template=True
    )
    assert jargon_terms(report) == [] and report.suppressed == 1


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_lines_end_at_a_lone_carriage_return_too(linter: Linter, newline: str) -> None:
    """An old-Mac file (lines ending in a lone \\r) has lines, as the editor shows them: a
    next-line directive covers the next one, not the whole file, and keeps offsets."""
    reply = newline.join(
        [
            "Hi Sam,",
            "replylint: disable-next-line=jargon # our customers know it",
            BODY,
            "The SLA is two days.",
            "replylint: disabel=greeting",
            "Thanks!",
        ]
    )
    report = linter.check(reply)
    assert jargon_terms(report) == ["SLA"]
    assert report.suppressed == 1
    (malformed,) = [f for f in report.findings if f.rule == MALFORMED_RULE]
    assert reply[malformed.start : malformed.end] == "replylint: disabel=greeting"
    (sla,) = [f for f in report.findings if f.text == "SLA"]
    assert reply[sla.start : sla.end] == "SLA"


def test_next_line_covers_a_line_whose_words_are_a_later_branch(linter: Linter) -> None:
    """In HTML, a conditional whose first branch is a tag alone keeps the later branch's
    words for the customer who gets it. Those words were blanked as template markup, so
    the directive passed over their line and silenced the line under it instead."""
    reply = (
        "<p>Hi Sam,</p>\n<!-- replylint: disable-next-line=jargon -->\n"
        "<p>{% if new %}<br>{% else %}Your RMA was approved.{% endif %}</p>\n"
        "<p>The SLA is two days. Thanks!</p>"
    )
    assert jargon_terms(linter.check(reply, template=True)) == ["SLA"]


# A reply about to be sent: a directive on a line of its own is text the customer reads.


@pytest.mark.parametrize("directive", ["replylint: disable", "replylint: disable=template_residue"])
def test_a_directive_line_in_a_reply_about_to_be_sent_silences_nothing(directive: str) -> None:
    """One line let an agent pass the gate with 100/100 and send the customer that line
    with the leftovers it hid; now it is reported and the findings stay."""
    reply = f"{directive}\nYour RMA is stuck, {{{{first_name}}}}. TODO\n"
    report = Linter(LinterConfig()).check(reply)  # sent replies are the default
    assert report.suppressed == 0
    assert {"template_residue", "jargon"} <= {f.check for f in report.findings}
    [visible] = [f for f in report.findings if f.rule == MALFORMED_RULE]
    assert visible.text == directive
    assert "the text the customer reads" in visible.message


def test_the_same_line_still_works_in_a_template_and_a_comment_in_a_sent_reply() -> None:
    sent = Linter(LinterConfig())
    reply = f"Hi Sam,\n{{DIRECTIVE}}\n{BODY}\nThanks!"
    assert jargon_terms(sent.check(reply.replace("{DIRECTIVE}", "replylint: disable=jargon"))) == [
        "RMA"
    ]
    in_template = sent.check(
        reply.replace("{DIRECTIVE}", "replylint: disable=jargon"), template=True
    )
    assert jargon_terms(in_template) == [] and in_template.suppressed == 1
    commented = sent.check(reply.replace("{DIRECTIVE}", "<!-- replylint: disable=jargon -->"))
    assert jargon_terms(commented) == [] and commented.suppressed == 1


def test_the_cli_reports_a_directive_line_in_a_draft_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "draft.txt").write_text(
        "replylint: disable\nYour RMA is stuck, {{first_name}}. TODO\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "draft.txt", "--isolated"]) == 1
    out = capsys.readouterr().out
    assert "draft.txt:1:1: warning [suppression.malformed]" in out
    assert "[template_residue]" in out
