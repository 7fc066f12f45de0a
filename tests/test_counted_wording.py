"""Messages that count what they speak of say one thing in the singular: `replylint
explain` of a check with one rule said "covers 1 rules", a run with one French reply
"not in English: 1 rows"."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.cli import main
from replylint.wording import counted

PACK = """
schema: replylint.pack/1
name: promises
rules:
  - id: promises.guarantee
    kind: existence
    check: promises
    message: '"{match}" promises what support cannot.'
    rationale: A broken guarantee costs more trust than the problem.
    standard: Manage expectations
    phrases: [we guarantee]
    examples:
      fire: [{reply: "Hi Dana, we guarantee it ships today. Thanks!"}]
      pass: [{reply: "Hi Dana, it should ship today. Thanks!"}]
"""


@pytest.mark.parametrize(
    ("count", "said"),
    [(0, "0 rules"), (1, "1 rule"), (2, "2 rules"), (1200, "1,200 rules")],
)
def test_counted(count: int, said: str) -> None:
    assert counted(count, "rule") == said
    assert counted(count, "reply", "replies").endswith("reply" if count == 1 else "replies")


def test_explain_of_a_check_with_one_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "promises.yaml").write_text(PACK, encoding="utf-8")
    assert main(["explain", "promises", "--pack", "promises.yaml", "--isolated"]) == 0
    assert capsys.readouterr().out.startswith("promises covers 1 rule: promises.guarantee\n")


def test_one_reply_in_another_language() -> None:
    from replylint.batch.summary import Summary, format_summary

    summary = Summary()
    summary.add({"id": "1", "score": 100, "language": "fr", "checks": {}, "findings": []})
    assert "not in English: 1 row (fr 1)" in format_summary(summary)
