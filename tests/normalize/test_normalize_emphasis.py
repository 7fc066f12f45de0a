"""Markdown emphasis delimiters are cut from plain text; the words and their offsets stay."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from replylint.normalize import normalize
from replylint.normalize.emphasis import emphasis_edits

if TYPE_CHECKING:
    from replylint import Linter

BODY = "I have refunded the charge; you will see it within 5 business days."


def _markup(raw: str) -> list[str]:
    return [raw[r.start : r.end] for r in normalize(raw).removed if r.kind == "markup"]


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("**Hi Dana,**\n\nIt is done.", "Hi Dana,\n\nIt is done."),
        ("__Hi Dana,__\n\nIt is done.", "Hi Dana,\n\nIt is done."),
        ("**Hi Dana**, it is done.", "Hi Dana, it is done."),
        ("It is done.\n\n*Kind regards,*\nSam", "It is done.\n\nKind regards,\nSam"),
        ("It is done.\n\n_Thanks,_\nSam", "It is done.\n\nThanks,\nSam"),
        ("It is __Done__ and _done_.", "It is Done and done."),
        ("***Best regards,***\nSam", "Best regards,\nSam"),
        ("**_Hi Dana,_** it is done.", "Hi Dana, it is done."),
        ("Please **do not** share your *password*.", "Please do not share your password."),
        ("Hi {{first_name}}, I am **{{agent.name}}**.", "Hi Name, I am Name."),
        ("**Note:** it is *Dana*'s *pre*-order.", "Note: it is Dana's pre-order."),
        ("* **Step 1:** restart the app", "* Step 1: restart the app"),
        ("See **https://help.example/refunds**.", "See https://help.example/refunds."),
        # emphasis goes on over a line break inside a paragraph, as Markdown renders it
        ("It is done.\n\n**Thanks,\nSam Ortiz**", "It is done.\n\nThanks,\nSam Ortiz"),
        ("Thanks,\n*Sam Ortiz\nSupport team*", "Thanks,\nSam Ortiz\nSupport team"),
        ("It is **done\nAnd paid**.", "It is done\nAnd paid."),
    ],
)
def test_emphasis_delimiters_are_cut(raw: str, text: str) -> None:
    assert normalize(raw).text == text


@pytest.mark.parametrize(
    "raw",
    [
        "Set user_id and snake_case_name in my_file_v2.txt, then restart.",
        "Edit __init__ and __init__.py, or call obj.__init__() again.",
        "It costs 2 * 3 = 6 units, and 2*3*4 = 24.",
        "* first item\n* second item\n- third item",
        "Run `my_*var*_x` or `**kwargs**` in the console.",
        "```\n**not bold** here\n```\nThen restart.",
        "Open https://help.example/a_b_c_ or https://help.example/*x*/ for details.",
        "Mail _dana_smith@example.com_ or DM @_jkim2_ on the forum.",
        "Pick All files (*.*), or *.txt and *.pdf only.",
        "Free shipping* on orders\n*Terms apply.",
        "Thanks for waiting! *Angie",
        "It was un*frigging*believable.",
        "\\*not emphasis\\* and \\_nope_",
        "***\n___\n* * *",
        "Read [the guide](_drafts_) first.",
        "Clear __pycache__/ and /var/log/*.log* on the server.",
        "_Hi my_file_ is attached.",
        # not over a blank line: a paragraph closes what it opened
        "*Sam Ortiz\n\nSupport team*",
        "Open *.txt files\nOr the *.pdf ones",
        "* Sam Ortiz\n* Support team*",
    ],
)
def test_what_is_not_emphasis_is_left_alone(raw: str) -> None:
    assert normalize(raw).text == raw


def test_a_double_underscore_field_is_a_placeholder_not_emphasis() -> None:
    """``__PARENT_NAME__`` is a template field (one word, "Name"), never bold "PARENT_NAME";
    ``_user_id_`` and ``__main__`` around it stay as written."""
    raw = "Dear __PARENT_NAME__, we set _user_id_ and __main__."
    assert normalize(raw).text == "Dear Name, we set _user_id_ and __main__."


def test_placeholder_brackets_are_skipped_by_the_step_itself() -> None:
    """Placeholders are words before the step runs; one it meets anyway is not read."""
    assert emphasis_edits("Hi {{ _agent_ }}, ref {_ticket_id_} or <<_Surname_>>.") == []


def test_placeholders_inside_emphasis_stay_placeholders() -> None:
    raw = "Hi _{{first_name}}_, I am **{{agent_name}}**."
    result = normalize(raw)
    assert result.text == "Hi Name, I am Name."
    spans = [r for r in result.regions if r.kind == "placeholder"]
    originals = [raw[slice(*result.offsets.to_original(r.start, r.end))] for r in spans]
    assert originals == ["{{first_name}}", "{{agent_name}}"]


def test_html_is_not_read_as_markdown() -> None:
    assert normalize("<p>**Hi Dana,**</p>").text == "**Hi Dana,**"
    assert normalize("**Hi Dana,**", input_format="text").text == "Hi Dana,"


def test_only_the_delimiters_are_cut_and_recorded_as_markup() -> None:
    raw = "**Hi Dana,**\n\nIt is done.\n\n_Thanks,_\nSam"
    assert _markup(raw) == ["**", "**", "_", "_"]
    result = normalize(raw)
    assert [r.kind for r in result.regions] == ["signoff"]


def test_offsets_map_an_emphasised_greeting_back_to_the_raw_text() -> None:
    raw = f"  **Hi Dana,**\n\n{BODY}\n\n**Best regards,**\nSam"
    result = normalize(raw)
    assert result.text.startswith("Hi Dana,\n")
    a, b = result.offsets.to_original(0, len("Hi Dana,"))
    assert (a, b) == (4, 12)
    assert raw[a:b] == "Hi Dana,"
    start = result.text.index("Best regards,")
    a, b = result.offsets.to_original(start, start + len("Best regards,"))
    assert raw[a:b] == "Best regards,"
    (signoff,) = [r for r in result.regions if r.kind == "signoff"]
    a, b = result.offsets.to_original(signoff.start, signoff.end)
    assert raw[a:b].startswith("Best regards,")
    assert raw[a:b].endswith("Sam")


@pytest.mark.parametrize(
    "reply",
    [
        f"**Hi Dana,**\n\n{BODY}\n\n**Thanks,**\nSam",
        f"__Hi Dana,__\n\n{BODY}\n\n_Thanks,_\nSam",
        f"**Hi Dana**,\n\n{BODY}\n\n*Thank you,*\nSam",
    ],
)
def test_emphasised_greeting_and_sign_off_pass_the_checks(linter: Linter, reply: str) -> None:
    report = linter.check(reply)
    for check in ("greeting", "closing_thanks", "agent_identity"):
        assert report.checks[check].present, check
    assert report.checks["greeting"].evidence == "Hi"


@pytest.mark.parametrize(
    "signoff",
    ["Thanks,\n*Lena Ortiz\nParcels & Returns at Northwind*", "**Thanks,\nLena Ortiz**"],
)
def test_emphasis_over_the_lines_of_a_sign_off_reads_as_the_plain_one(
    linter: Linter, signoff: str
) -> None:
    """closing_thanks and agent_identity read the sign-off as written without the stars."""
    emphasised = linter.check(f"Hi Dana,\n\n{BODY}\n\n{signoff}")
    plain = linter.check(f"Hi Dana,\n\n{BODY}\n\n{signoff.replace('*', '')}")
    for check in ("closing_thanks", "agent_identity"):
        assert emphasised.checks[check].model_dump() == plain.checks[check].model_dump()
    assert emphasised.checks["closing_thanks"].present


def test_a_bold_valediction_is_a_sign_off_like_a_plain_one(linter: Linter) -> None:
    bold = linter.check(f"**Hi Dana,**\n\n{BODY}\n\n**Best regards,**\nSam")
    plain = linter.check(f"Hi Dana,\n\n{BODY}\n\nBest regards,\nSam")
    assert {k: v.present for k, v in bold.checks.items()} == {
        k: v.present for k, v in plain.checks.items()
    }
    assert bold.checks["agent_identity"].present


def test_a_finding_inside_emphasis_points_at_the_raw_words(linter: Linter) -> None:
    raw = f"Hi **{{{{first_name}}}}**,\n\n{BODY}\n\nThanks,\nSam"
    report = linter.check(raw)
    (finding,) = [f for f in report.findings if f.check == "template_residue"]
    assert raw[finding.start : finding.end] == finding.text == "{{first_name}}"
