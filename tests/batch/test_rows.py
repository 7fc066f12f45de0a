"""Scoring a chunk at once gives exactly what scoring its rows one by one gives."""

from __future__ import annotations

from collections.abc import Iterator

from replylint import Finding, Linter, Rule
from replylint.analysis import AnalyzedReply
from replylint.batch.rows import RowIn, score_chunk, score_row
from replylint.packs import Example, Examples
from replylint.registry import discover_rule_classes

ROWS = [
    RowIn(id="1", text="Hi Sam, sorry! Your refund arrives tomorrow. Thanks!", agent="a"),
    RowIn(id="2", text="   "),
    RowIn(id="3", text="Hello, please DM us.", channel="fax"),
    RowIn(id="4", text="<p><script>x()</script></p>"),
    RowIn(id="5", text="x", problem="the reply text is not valid UTF-8"),
    RowIn(id="6", text="Your RMA is approved.", channel="social", customer_message="Broken!"),
]


def test_chunk_equals_row_by_row(linter: Linter) -> None:
    by_row = [score_row(linter, row, "email", True) for row in ROWS]
    assert score_chunk(linter, ROWS, "email", True) == by_row
    assert [("error" in r) for r in by_row] == [False, True, True, True, True, False]


class ExplodingRule(Rule):
    id = "test.explode"
    check_name = "test"
    standard = "none"
    rationale = "test only"
    examples = Examples(fire=[Example(reply="BOOM")], pass_=[Example(reply="fine")])

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        if "BOOM" in reply.normalized.text:
            raise RuntimeError("rule bug")
        return iter(())


def test_a_rule_bug_costs_only_its_row() -> None:
    linter = Linter(rule_classes=[*discover_rule_classes(), ExplodingRule])
    rows = [RowIn(id="1", text="Hi Sam, thanks!"), RowIn(id="2", text="BOOM goes the reply")]
    results = score_chunk(linter, rows, "email", False)
    assert "error" not in results[0]
    # (a rule of this test module is a plugin: the error names it as the one at fault)
    assert results[1]["error"].startswith("rule plugin 'test.explode' (test_rows:ExplodingRule")
    assert "failed on this reply: RuntimeError: rule bug" in results[1]["error"]


def test_a_help_desks_channel_names_are_read_as_the_channel_they_stand_for(
    linter: Linter,
) -> None:
    """Zendesk's `via` says `web` (a web form), others `E-mail`, `Live chat`, `twitter`:
    each was an error row ("unknown channel"), which in a real export was most rows."""
    named = {"E-mail": "email", "web": "email", "Live chat": "chat", "live_chat": "chat",
             "SMS": "chat", "WhatsApp": "chat", "twitter": "social", "Facebook": "social",
             "Chat": "chat", " social ": "social",
             # Freshdesk's sources of e-mailed forms, and Zendesk's messaging: every row
             # of them was an error, a fifth of a Freshdesk export's
             "Portal": "email", "Feedback Widget": "email", "Outbound Email": "email",
             "native_messaging": "chat"}  # fmt: skip
    text = "Hi Sam, sorry about that! Your refund arrives tomorrow. Thanks, Jo"
    for name, channel in named.items():
        result = score_row(linter, RowIn(id="1", text=text, channel=name), "email", False)
        assert result.get("channel") == channel, (name, result)
    for name in ("fax", "pager"):
        result = score_row(linter, RowIn(id="1", text=text, channel=name), "email", False)
        assert result["error"].startswith(f"unknown channel {name!r}; use email, chat or social")
    blank = score_row(linter, RowIn(id="1", text=text, channel="  "), "chat", False)
    assert blank["channel"] == "chat"  # an empty cell takes the run's --channel
