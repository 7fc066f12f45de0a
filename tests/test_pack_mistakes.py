"""Mistakes in a rule pack that were accepted silently, each now one error naming the
pack and what to change: a key given twice, a pack with nothing in it, a swap to the
same word, a rule named like a directive, a message of several lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import PackError
from replylint.cli import main
from replylint.packs import load_pack

HEAD = "schema: replylint.pack/1\nname: team\n"
RULE = """  - id: {id}
    kind: {kind}
    check: {check}
    severity: error
    message: '"{{match}}" is not our word.'
    rationale: The team agreed.
    standard: Plain words
{body}
"""


def rule(
    id_: str = "team.x",
    kind: str = "existence",
    check: str = "tone",
    body: str = "    phrases: [module]",
) -> str:
    return RULE.format(id=id_, kind=kind, check=check, body=body)


def refusal(tmp_path: Path, text: str) -> str:
    """The one-line error loading a pack of ``text``, which names the pack."""
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_pack(path)
    message = str(error.value)
    assert message.startswith(f"rule pack {path}: ") and "\n" not in message
    return message.removeprefix(f"rule pack {path}: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD + "rules:\n" + rule("team.a") + "rules:\n" + rule("team.b"),
            "line 12: the key 'rules' is given twice in one mapping (first on line 3); keep one",
        ),
        (
            HEAD + "rules:\n" + rule() + "    severity: info\n",
            "line 12: the key 'severity' is given twice in one mapping (first on line 7)",
        ),
        (
            HEAD + "lexicons:\n  jargon.allowed: [SSO]\n  jargon.allowed: [RMA]\n",
            "line 5: the key 'jargon.allowed' is given twice",
        ),
        (
            HEAD + "rules:\n" + rule(kind="substitution", body="    swap: {a: b, a: c}"),
            "line 11: the key 'a' is given twice in one mapping (first on line 11)",
        ),
        (HEAD + "name: other\n", "line 3: the key 'name' is given twice"),
    ],
    ids=["rules", "severity", "lexicon", "flow swap", "top level"],
)
def test_a_key_given_twice_is_refused_naming_its_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    """YAML keeps the last silently: a second ``rules:`` dropped every rule above it, a
    second ``severity:`` replaced the first."""
    assert expected in refusal(tmp_path, text)


def test_a_key_given_twice_is_one_line_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text(HEAD + "rules:\n" + rule() + "    severity: info\n", encoding="utf-8")
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Dana, the module is fixed. Thanks!", encoding="utf-8")
    assert main(["check", str(reply), "--isolated", "--pack", str(pack)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"replylint: error: rule pack {pack}: line 12: the key 'severity' is given twice "
        "in one mapping (first on line 7); keep one"
    )


@pytest.mark.parametrize(
    "text",
    [HEAD, HEAD + "description: Our tone.\n", HEAD + "rules: []\nlexicons: {}\npatterns: {}\n"],
    ids=["bare", "description only", "empty lists"],
)
def test_a_pack_that_defines_nothing_is_refused(tmp_path: Path, text: str) -> None:
    """A pack holds rules, lexicons or token patterns (README, "Rules and rule packs"):
    one with none of them changed nothing and passed for a pack that works."""
    assert refusal(tmp_path, text) == (
        "it defines no rules, lexicons or patterns, so it changes nothing; add them under "
        "rules:, lexicons: or patterns:, or stop naming the pack"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("lexicons:\n  greeting.salutations: []\n", "greeting.salutations: an empty list"),
        ('lexicons:\n  greeting.salutations: ["  "]\n', "greeting.salutations: an empty list"),
        ("patterns:\n  timeframe.numeric_dates: []\n", "timeframe.numeric_dates: an empty"),
    ],
)
def test_a_list_with_nothing_in_it_is_refused(tmp_path: Path, text: str, said: str) -> None:
    """A lexicon or pattern list with no entry (its entries indented under another key,
    or never written) added nothing and loaded without a word, where a pack that changes
    nothing is refused."""
    refused = refusal(tmp_path, HEAD + text)
    assert said in refused and "list its" in refused and "remove the key" in refused


@pytest.mark.parametrize(
    "swap", ["{refund: refund}", '{Refund: " refund "}', '{"per  our policy": Per our policy}']
)
def test_a_swap_to_the_same_words_is_refused(tmp_path: Path, swap: str) -> None:
    """It reported every use of the word and suggested writing what was written."""
    text = HEAD + "rules:\n" + rule(kind="substitution", body=f"    swap: {swap}")
    message = refusal(tmp_path, text)
    assert "rules.0.swap: " in message and "is swapped for itself" in message
    assert message.endswith("give the preferred wording, or '' to suggest leaving it out")


def test_a_swap_to_another_spelling_is_still_a_swap(tmp_path: Path) -> None:
    """Only the same words are refused: a spelling variant is a real suggestion."""
    path = tmp_path / "team.yaml"
    text = HEAD + "rules:\n" + rule(kind="substitution", body="    swap: {utilize: use}")
    path.write_text(text.replace("{utilize: use}", "{utilize: utilise}"), encoding="utf-8")
    assert load_pack(path).rules[0].swap == {"utilize": "utilise"}


@pytest.mark.parametrize(
    ("id_", "check", "expected"),
    [
        ("all", "tone", "id 'all' is what 'replylint: disable=all' already means (every rule)"),
        ("team.x", "all", "check 'all' is what 'replylint: disable=all' already means"),
        (
            "team.x",
            "suppression",
            "check 'suppression' is what 'replylint: disable=suppression' already means "
            "(the findings about the directives themselves)",
        ),
    ],
)
def test_a_rule_named_like_a_directive_word_is_refused(
    tmp_path: Path, id_: str, check: str, expected: str
) -> None:
    """``disable=all`` silences every rule and ``disable=suppression`` the directives'
    own findings: a pack rule of that id or check could never be silenced alone."""
    message = refusal(tmp_path, HEAD + "rules:\n" + rule(id_, check=check))
    assert expected in message and message.endswith("name it another way")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ('message: "Not our word:\\n{match}"', "rules.0.message: the message has a line break"),
        ("message: |\n      Not our word:\n      {match}", "the message has a line break"),
        ('message: "Not our word:\\u2028{match}"', "the message has a line break"),
    ],
    ids=["escaped", "literal block", "line separator"],
)
def test_a_message_of_several_lines_is_refused(tmp_path: Path, field: str, expected: str) -> None:
    """A finding is one ``file:line:col:`` line of text output; a line break in its
    message split it."""
    text = HEAD + "rules:\n" + rule().replace("message: '\"{match}\" is not our word.'", field)
    message = refusal(tmp_path, text)
    assert expected in message and "write it on one line" in message


def test_a_suggestion_of_several_lines_is_refused(tmp_path: Path) -> None:
    body = '    swap: {module: "add-on\\nor plug-in"}'
    message = refusal(tmp_path, HEAD + "rules:\n" + rule(kind="substitution", body=body))
    assert "rules.0.swap: the replacement for 'module' has a line break" in message


def test_a_folded_message_is_one_line(tmp_path: Path) -> None:
    """YAML's folded scalar (``>``) joins its lines, the trailing line break trimmed:
    a long message written that way is fine."""
    field = "message: >\n      Not our\n      word: {match}"
    path = tmp_path / "team.yaml"
    path.write_text(
        HEAD + "rules:\n" + rule().replace("message: '\"{match}\" is not our word.'", field),
        encoding="utf-8",
    )
    assert load_pack(path).rules[0].message == "Not our word: {match}"


def test_a_swap_to_wording_that_holds_the_word_is_refused(tmp_path: Path) -> None:
    """A reply that took the advice ("kindly please") was reported again."""
    text = HEAD + "rules:\n" + rule(kind="substitution", body="    swap: {kindly: kindly please}")
    message = refusal(tmp_path, text)
    assert (
        "rules.0.swap: " in message
        and "'kindly' is swapped for 'kindly please', which holds it" in message
    )


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (
            "[{LOWER: Refund}]",
            "rules.0 (team.x).patterns.0.0.LOWER: 'Refund' has a capital letter, but LOWER "
            "is the word in lower case, so it never matches; write 'refund'",
        ),
        (
            "[{lower: {IN: [refund, Store]}}]",
            "rules.0 (team.x).patterns.0.0.lower: 'Store' has a capital letter",
        ),
        (
            "[{LOWER: {NOT_IN: [SSO]}}, {LOWER: login}]",
            "rules.0 (team.x).patterns.0.0.LOWER: 'SSO' has a capital letter",
        ),
        (
            "[{ORTH: store credit}]",
            "rules.0 (team.x).patterns.0.0.ORTH: 'store credit' has a space, but a token is "
            "one word, so it never matches; give each word its own token, "
            "[{ORTH: 'store'}, {ORTH: 'credit'}], or list the words under phrases",
        ),
        (
            "[{LOWER: refund}, {NORM: {IN: [store credit]}}]",
            "rules.0 (team.x).patterns.0.1.NORM: 'store credit' has a space",
        ),
    ],
    ids=["LOWER", "IN", "NOT_IN", "ORTH", "NORM"],
)
def test_a_token_pattern_value_that_can_never_match_is_refused(
    tmp_path: Path, pattern: str, expected: str
) -> None:
    """A rule whose pattern holds such a value found nothing, on every reply, and
    nothing said so: ``LOWER`` compares a word in lower case, and no token holds a space."""
    body = f"    patterns:\n      - {pattern}"
    assert expected in refusal(tmp_path, HEAD + "rules:\n" + rule(body=body))


def test_a_pattern_list_extending_a_shipped_one_is_checked_too(tmp_path: Path) -> None:
    text = HEAD + "patterns:\n  next_step.team:\n    - [{LOWER: Callback}]\n"
    assert refusal(tmp_path, text).startswith(
        "patterns.next_step.team.0.0.LOWER: 'Callback' has a capital letter"
    )


@pytest.mark.parametrize("pattern", ["[{}]", "[{}, {}]", "[{OP: '+'}]", "[{op: '?'}, {}]"])
def test_a_token_pattern_that_matches_every_word_is_refused(tmp_path: Path, pattern: str) -> None:
    """``{}`` is spaCy's token that matches any word: a pattern of nothing else flagged
    every word of every reply (and a template's every word)."""
    body = f"    patterns:\n      - {pattern}"
    message = refusal(tmp_path, HEAD + "rules:\n" + rule(check="tone", body=body))
    assert message.startswith("rules.0 (team.x, check tone).patterns.0: ")
    assert "matches every word" in message
    assert "[{LOWER: 'refund'}]" in message  # what to write instead


def test_a_pattern_list_that_matches_every_word_is_refused(tmp_path: Path) -> None:
    text = HEAD + "patterns:\n  next_step.team:\n    - [{}]\n"
    assert refusal(tmp_path, text).startswith("patterns.next_step.team.0: [{}] matches every word")


@pytest.mark.parametrize(
    "pattern",
    [
        "[{LOWER: call}, {}, {LOWER: back}]",  # any one word between two: a wildcard in its place
        "[{ORTH: Refund}, {LOWER: {IN: [credit, '100%']}}]",
        "[{NORM: January}]",  # spaCy's norm of "Jan." keeps its capital
        "[{LOWER: {REGEX: '^re'}}, {ORTH: '\\n\\n'}]",  # a space token; a regex is checked apart
        "[{LENGTH: {'>=': 4}, IS_UPPER: true}]",
    ],
)
def test_values_a_token_can_have_are_accepted(tmp_path: Path, pattern: str) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(HEAD + "rules:\n" + rule(body=f"    patterns:\n      - {pattern}"))
    assert load_pack(path).rules[0].patterns
