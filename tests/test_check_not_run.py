"""``check``'s text summary tells a check the configuration did not run apart from one
that does not apply: both showed "-", so ``check --select jargon`` printed a reply with
no greeting and no thanks as "score 100/100" with every check "-", a perfectly checked
reply. The score line now says how many rules it covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter
from replylint.cli import main

#: No greeting, no thanks, no sign-off: several checks fail when they run.
BARE = "Your order ships today.\n"
CORE = "greeting, apology, empathy, next_step, next_step_timeframe, closing_thanks"


@pytest.fixture()
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)  # no configuration file of the checkout's is read
    (tmp_path / "ns.txt").write_text(BARE, encoding="utf-8")
    return "ns.txt"


def _summary(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("ns.txt: score"))


def test_checks_not_selected_are_listed_as_not_run(
    bare: str, linter: Linter, capsys: pytest.CaptureFixture[str]
) -> None:
    total = len(linter.rules)  # the default configuration runs every rule there is
    assert main(["check", "--isolated", "--select", "jargon", bare]) == 0
    summary = _summary(capsys.readouterr().out)
    assert summary == f"ns.txt: score 100/100 (1 of {total} rules run) | not run: {CORE}"


def test_an_ignored_check_is_not_shown_as_not_applying(
    bare: str, linter: Linter, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--isolated", "--ignore", "greeting", bare])
    summary = _summary(capsys.readouterr().out)
    assert "greeting: -" not in summary
    assert summary.endswith("| not run: greeting")
    assert f"({len(linter.rules) - 1} of {len(linter.rules)} rules run)" in summary
    assert "apology: -" in summary  # does not apply: no customer problem was read


def test_a_check_the_channel_profile_turns_off_is_not_run_there(
    bare: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".replylint.toml").write_text('[channels.chat]\nignore = ["greeting"]\n')
    main(["check", "--channel", "chat", bare])
    # the configuration file it was checked with still ends the line
    summary = _summary(capsys.readouterr().out)
    assert summary.endswith("| not run: greeting | config: .replylint.toml")
    main(["check", "--channel", "email", bare])
    summary = _summary(capsys.readouterr().out)
    assert "greeting: missing" in summary and "rules run" not in summary


def test_a_full_run_says_nothing_of_rules_not_run(
    bare: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--isolated", bare])
    summary = _summary(capsys.readouterr().out)
    assert "not run" not in summary and "rules run" not in summary
    assert summary.startswith("ns.txt: score 67/100 | greeting: missing, apology: -")


def test_the_rules_not_run_and_the_configuration_share_the_line(
    bare: str, tmp_path: Path, linter: Linter, capsys: pytest.CaptureFixture[str]
) -> None:
    """The score's count and the checks not run come first, the configuration file the
    reply was checked with last."""
    (tmp_path / ".replylint.toml").write_text('select = ["jargon", "next_step"]\n')
    assert main(["check", bare]) == 0
    summary = _summary(capsys.readouterr().out)
    not_run = "greeting, apology, empathy, next_step_timeframe, closing_thanks"
    assert summary == (
        f"ns.txt: score 100/100 (2 of {len(linter.rules)} rules run) | next_step: ok"
        f" | not run: {not_run} | config: .replylint.toml"
    )
