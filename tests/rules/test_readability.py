"""readability, run alone: a reply above the reading-grade limit is reported once, with
the grade; short replies are not scored; the limit and the minimum length are options."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RuleUnderTest, RunRule

RULE = "readability"

DENSE = (
    "Notwithstanding the aforementioned considerations regarding synchronisation, the "
    "configuration modifications necessitated by your organisation's infrastructure "
    "requirements were implemented comprehensively, and consequently the authentication "
    "inconsistencies previously experienced should, theoretically, no longer materialise "
    "under ordinary operational circumstances."
)
RUN_ON = (
    "Hi Ravi, we checked the account and the workspace and the billing profile and the "
    "user list and the permissions and the audit log and the integrations and everything "
    "looks fine on our side, but the export uses the wrong setting, so please switch it "
    "under Settings and export again today."
)
PLAIN = (
    "Hi Sam, thanks for writing in. I have reset your password. You can log in now with "
    "the link we sent. It works for one hour. If it expires, ask for a new one on the "
    "login page. We are here if you need us."
)
SHORT_AND_DENSE = "The authentication inconsistencies necessitated comprehensive reconfiguration."


@pytest.mark.parametrize("reply", [DENSE, RUN_ON, f"<p>{DENSE}</p><p>Thanks!</p>"])
def test_hard_to_read_replies_are_reported_once(rule: RuleUnderTest, reply: str) -> None:
    assert rule.fires(reply)
    (finding,) = rule.findings(reply)
    assert re.search(r"US grade \d+; aim for 14 or lower", finding.message), finding.message
    assert finding.suggestion == "Use shorter sentences and everyday words."
    assert finding.text == "", "the whole reply is hard to read, no words are flagged"


@pytest.mark.parametrize(
    "reply",
    [
        PLAIN,
        SHORT_AND_DENSE,  # under the 30-word minimum: not scored
        f"{PLAIN}\n\n> {DENSE}",  # the dense part is quoted history, not the reply
    ],
)
def test_plain_or_short_replies_pass(rule: RuleUnderTest, reply: str) -> None:
    assert rule.passes(reply)


def test_the_grade_limit_is_an_option(rule: RuleUnderTest, run_rule: RunRule) -> None:
    assert rule.fires(RUN_ON)  # grade 26 against the default 14
    assert run_rule(RULE, rules={RULE: {"options": {"max_grade": 30}}}).passes(RUN_ON)
    (finding,) = run_rule(RULE, rules={RULE: {"options": {"max_grade": 20}}}).findings(RUN_ON)
    assert "aim for 20 or lower" in finding.message


def test_the_minimum_length_is_an_option(run_rule: RunRule) -> None:
    eager = run_rule(RULE, rules={RULE: {"options": {"min_words": 3}}})
    assert eager.fires(SHORT_AND_DENSE)


def test_textstat_is_imported_without_nltk_and_nltk_stays_whole() -> None:
    """textstat imports NLTK (245 modules) for syllable counts the index never uses:
    scoring a long reply leaves NLTK unimported, and code that imports NLTK afterwards,
    or reads it through textstat, gets the real package."""
    script = textwrap.dedent(
        """
        import sys
        from replylint import Linter
        long_reply = " ".join(
            ["Notwithstanding the configuration considerations, the synchronisation"
             " infrastructure necessitated comprehensive modifications."] * 6
        )
        report = Linter({"model": "none"}).check(long_reply)
        assert any(f.rule == "readability" for f in report.findings), report.findings
        assert not [m for m in sys.modules if m == "nltk" or m.startswith("nltk.")]
        import nltk
        assert type(nltk).__name__ == "module" and hasattr(nltk, "corpus")
        from textstat.backend.utils import _get_cmudict
        assert _get_cmudict.nltk.corpus is nltk.corpus
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    "with_rule",
    [
        f"{DENSE}\n\n---\n\n{RUN_ON}",
        f"<p>{DENSE}</p><hr><p>{RUN_ON}</p>",
        f"{DENSE}\n\n* * *\n\n{RUN_ON}",
    ],
)
def test_a_rule_line_is_no_sentence_of_the_grade(rule: RuleUnderTest, with_rule: str) -> None:
    """A separator line has no words: counted as a sentence it lowered the grade (a
    forum answer with an <hr> read one grade easier than the same answer without)."""
    (plain,) = rule.findings(f"{DENSE}\n\n{RUN_ON}")
    (ruled,) = rule.findings(with_rule)
    assert ruled.message == plain.message
