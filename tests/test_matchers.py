"""Matching with exclusions: one helper, one overlap rule, for every check that sets
words aside ("sorry" inside "no need to be sorry", "thanks" inside "thanks to everyone",
a time inside "open 9am to 5pm")."""

from __future__ import annotations

import re

import pytest
from spacy.attrs import (
    IS_ALPHA,
    IS_DIGIT,
    IS_PUNCT,
    IS_SPACE,
    LIKE_NUM,
    LIKE_URL,
    LOWER,
    NORM,
    ORTH,
    SHAPE,
    SPACY,
)
from spacy.tokens import Doc

from replylint import Linter, matchers
from replylint.matchers import Patterns, PhraseIndex, Phrases, overlaps
from replylint.packs import PackSet
from replylint.tokencolumns import token_columns


def test_a_match_overlapping_an_exclusion_is_dropped(linter: Linter) -> None:
    make_doc = linter._pipeline.nlp.tokenizer
    thanks = Phrases.from_words(make_doc, "thanks", ["thanks", "many thanks"])
    not_thanks = Phrases.from_words(make_doc, "not_thanks", ["thanks to everyone"])
    doc = make_doc("Many thanks to everyone who helped. Thanks, Sam!")
    # "Many thanks" starts before "thanks to everyone" but shares "thanks" with it.
    assert [m.text for m in thanks.find(doc)] == ["Many thanks", "Thanks"]
    assert [m.text for m in thanks.find(doc, excluding=not_thanks)] == ["Thanks"]
    first = thanks.first(doc, excluding=not_thanks)
    assert first is not None and first.text == "Thanks"
    assert thanks.first(doc[:5], excluding=not_thanks) is None


def test_overlap_means_sharing_a_token(linter: Linter) -> None:
    doc = linter._pipeline.nlp.tokenizer("one two three four")
    assert overlaps(doc[0:2], doc[1:3]) and overlaps(doc[1:3], doc[0:2])
    assert overlaps(doc[0:4], doc[1:2])
    assert not overlaps(doc[0:2], doc[2:4])


def test_thanks_to_others_is_not_closing_thanks(linter: Linter) -> None:
    """The closing_thanks check uses the same rule: thanks that overlap thanks to other
    people do not close the reply, whichever of the two starts first."""
    report = linter.check("The fix is live. Many thanks to everyone who reported it!")
    assert not report.checks["closing_thanks"].present


def _patterns(linter: Linter, *patterns: list[dict[str, object]]) -> Patterns:
    packs = PackSet(packs=(), lexicons={}, patterns={"test": tuple(list(p) for p in patterns)})
    return Patterns(packs, linter._pipeline.nlp.tokenizer, "test")


def _found(patterns: Patterns, linter: Linter, text: str) -> list[str]:
    return [m.text for m in patterns.find(linter._pipeline.nlp.tokenizer(text))]


@pytest.mark.parametrize(
    "text",
    [
        "It dont work on my phone.",
        "It doesn't work on my phone.",
        "It doesnt work on my phone.",
        "It can’t work on my phone.",
        "It cannot work on my phone.",
        "It does not work on my phone.",
    ],
)
def test_a_norm_token_matches_every_spelling_through_the_gate(linter: Linter, text: str) -> None:
    """The gate tests the pattern's required token ("not", matched on NORM): the text
    need not contain the word "not" itself, since the tokenizer gives "nt", "n't" and
    the "not" of "cannot" that norm."""
    patterns = _patterns(linter, [{"NORM": "not"}, {"LOWER": "work"}])
    assert len(_found(patterns, linter, text)) == 1


def test_a_norm_token_matches_a_spelling_variant_through_the_gate(linter: Linter) -> None:
    """ "colour" has the norm "color" (the British/US table), with no "color" in the text."""
    patterns = _patterns(linter, [{"NORM": "color"}, {"LOWER": "scheme"}])
    assert _found(patterns, linter, "The colour scheme changed.") == ["colour scheme"]


@pytest.mark.parametrize(
    ("pattern", "text", "match"),
    [
        ([{"LOWER": "'ll"}, {"IS_ALPHA": True}], "We'll check it today.", "'ll check"),
        ([{"LOWER": "n't"}, {"IS_ALPHA": True}], "Please don't worry.", "n't worry"),
        ([{"LOWER": "do"}, {"NORM": "not"}, {"LOWER": "worry"}], "Don't worry.", "Don't worry"),
        ([{"LIKE_NUM": True, "OP": "?"}, {"LOWER": "pm"}], "We close at 5pm today.", "5pm"),
    ],
)
def test_a_token_inside_a_written_word_matches_through_the_gate(
    linter: Linter, pattern: list[dict[str, object]], text: str, match: str
) -> None:
    """Clitics ("'ll", "n't") and the parts of a contraction or of "5pm" are tokens
    with a word character next to them in the text: the gate (on the one word each
    pattern requires) still finds them."""
    patterns = _patterns(linter, pattern)
    assert patterns._gate is not None
    assert _found(patterns, linter, text) == [match]


def test_any_number_passes_a_number_gate(linter: Linter) -> None:
    """Every token spaCy calls LIKE_NUM opens the gate, not only digits and a list of
    number words: "thirteen"."""
    patterns = _patterns(linter, [{"LOWER": "in"}, {"LIKE_NUM": True}, {"LOWER": "days"}])
    assert _found(patterns, linter, "It arrives in thirteen days.") == ["in thirteen days"]


def test_the_gate_rejects_a_text_without_a_required_word(linter: Linter) -> None:
    """The gate still filters: a sentence without the required word is never given to
    the Matcher, even when another sentence of the reply has the word."""
    patterns = _patterns(
        linter, [{"LOWER": "please", "OP": "?"}, {"LOWER": "refund"}, {"LOWER": "issued"}]
    )
    doc = linter._pipeline.nlp("Your order is on its way. The refund was issued.")
    first, second = list(doc.sents)
    assert patterns._gate is not None
    assert patterns._gate_passes(doc)
    assert not patterns._gate_passes(first) and patterns._gate_passes(second)
    assert not patterns._gate_passes(linter._pipeline.nlp("Your order is on its way."))


@pytest.mark.parametrize(("op", "gated"), [("{1,3}", True), ("{,2}", False), ("*", False)])
def test_only_a_token_that_must_occur_is_a_gate(linter: Linter, op: str, gated: bool) -> None:
    """A token a match may skip ("{,2}": none to two times) cannot be required of the text:
    then there is no gate rather than one that wrongly rejects."""
    patterns = _patterns(linter, [{"LOWER": "soon", "OP": op}, {"IS_PUNCT": True}])
    assert (patterns._gate is not None) is gated
    if not gated:
        assert _found(patterns, linter, "Thanks!") == ["!"]


def test_the_gate_prefers_a_rarer_word_to_a_clitic(linter: Linter) -> None:
    """ "'s" follows half the pronouns of any reply: with a rarer required word in the
    pattern, a sentence with "'s" alone does not open the gate."""
    patterns = _patterns(
        linter, [{"LOWER": "it"}, {"LOWER": "'s"}, {"LOWER": "your"}, {"LOWER": "fault"}]
    )
    assert not patterns._gate_passes(linter._pipeline.nlp("It's on its way."))
    assert _found(patterns, linter, "It's your fault.") == ["It's your fault"]


def test_the_gate_requires_every_literal_token_of_a_pattern(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence with one word of each pattern ("as", "your": in half the sentences of
    a reply) but not all the words of any is never given to the Matcher; with all of
    them it is, and matches."""
    patterns = _patterns(
        linter,
        [
            {"LOWER": "as"},
            {"LOWER": "you"},
            {"LOWER": {"IN": ["should", "must"]}},
            {"LOWER": "know"},
        ],
        [{"LOWER": "it"}, {"LOWER": "is"}, {"LOWER": "your"}, {"LOWER": "fault"}],
    )
    runs: list[object] = []
    matcher = patterns._matcher
    monkeypatch.setattr(patterns, "_matcher", lambda *a, **k: runs.append(a) or matcher(*a, **k))
    assert _found(patterns, linter, "As you can see, your order is on its way.") == []
    assert runs == []
    assert _found(patterns, linter, "As you should know, it is your fault.") == [
        "As you should know",
        "it is your fault",
    ]
    assert len(runs) == 1


def test_a_sentence_is_gated_on_its_own_tokens(linter: Linter) -> None:
    """The whole reply may hold every word a pattern needs while no sentence does."""
    patterns = _patterns(linter, [{"LOWER": "refund"}, {"LOWER": "issued"}])
    doc = linter._pipeline.nlp("Your refund is pending. The card was issued. Refund issued.")
    first, second, third = list(doc.sents)
    assert patterns._gate_passes(doc)
    assert not patterns._gate_passes(first) and not patterns._gate_passes(second)
    assert patterns._gate_passes(third)


def test_may_match_is_the_gate_and_never_misses_a_match(linter: Linter) -> None:
    """``may_match`` answers from the word gate: no for a sentence without the words,
    yes wherever the patterns match (a plain pattern list with no literal word, no gate,
    may always match)."""
    patterns = _patterns(linter, [{"LOWER": "refund"}, {"LOWER": "issued"}])
    doc = linter._pipeline.nlp("Your card is pending. Refund issued.")
    first, second = list(doc.sents)
    assert not patterns.may_match(first) and not patterns.find(first)
    assert patterns.may_match(second) and patterns.find(second)
    ungated = _patterns(linter, [{"IS_DIGIT": True}])
    assert ungated.may_match(first)


def _lexicons() -> PackSet:
    return PackSet(
        packs=(),
        lexicons={
            "arrivals": ("arrives", "reaches"),
            "done": ("all set", "done"),
            "thanks": ("thanks", "many thanks"),
            "also_done": ("done", "finished"),
        },
        patterns={},
    )


def test_an_index_answers_each_lexicon_as_its_own_matcher(linter: Linter) -> None:
    make_doc = linter._pipeline.nlp.tokenizer
    packs = _lexicons()
    index = PhraseIndex(packs, make_doc, "arrivals", "done", "thanks")
    doc = make_doc("Many thanks! Your refund reaches you Friday and you're all set. Done.")
    for names in (("arrivals",), ("done",), ("thanks",), ("arrivals", "done")):
        alone = Phrases(packs, make_doc, *names).find(doc)
        shared = index.phrases(*names).find(doc)
        assert [(m.text, m.label_) for m in shared] == [(m.text, m.label_) for m in alone]
        assert shared, names


def test_an_index_runs_its_matcher_once_per_doc(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_doc = linter._pipeline.nlp.tokenizer
    index = PhraseIndex(_lexicons(), make_doc, "arrivals", "done", "thanks")
    views = [index.phrases(name) for name in ("arrivals", "done", "thanks")]
    runs: list[Doc] = []
    matcher = index._matcher
    monkeypatch.setattr(index, "_matcher", lambda doc: runs.append(doc) or matcher(doc))
    doc = make_doc("Thanks, it's done: it reaches you today.")
    assert [view.first(doc) is not None for view in views] == [True, True, True]
    assert runs == [doc]


def test_lexicons_sharing_a_phrase_keep_a_matcher_of_their_own(linter: Linter) -> None:
    """ "done" is in both: which label its match carries first is the matcher's
    internal order, so the pair is not read from the shared run."""
    make_doc = linter._pipeline.nlp.tokenizer
    index = PhraseIndex(_lexicons(), make_doc, "done", "also_done")
    assert index.phrases("done")._index is index
    assert index.phrases("done", "also_done")._index is not index
    with pytest.raises(ValueError, match="not in this phrase index"):
        index.phrases("thanks")


def test_a_reader_of_its_own_asks_the_shared_run_first(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lexicons sharing a phrase keep their own matcher, which runs only in a doc where
    the shared run found one of them; their starts come from the shared run, the same
    as their own matcher's (longest first: "many thanks", not "thanks" inside it)."""
    make_doc = linter._pipeline.nlp.tokenizer
    index = PhraseIndex(_lexicons(), make_doc, "done", "also_done", "thanks")
    reader = index.phrases("done", "also_done")
    runs: list[Doc] = []
    own = reader._index._matcher
    monkeypatch.setattr(reader._index, "_matcher", lambda doc: runs.append(doc) or own(doc))
    nothing = make_doc("Thanks for waiting.")
    assert reader.find(nothing[0:4]) == [] and reader.starts(nothing) == []
    assert runs == []
    doc = make_doc("All set and finished. Done!")
    assert [m.text for m in reader.find(doc[0:5])] == ["All set", "finished"]
    assert reader.starts(doc) == [m.start for m in reader.find(doc)] == [0, 3, 5]
    assert runs == [doc]
    thanks = index.phrases("thanks")
    many = make_doc("Many thanks, and thanks again.")
    assert thanks.starts(many) == [m.start for m in thanks.find(many)] == [0, 4]


def test_token_columns_are_the_tokens_attributes(linter: Linter) -> None:
    make_doc = linter._pipeline.nlp.tokenizer
    doc = make_doc("Hi  Sam! I'm “on it” – see https://example.com at 5pm, $20.\n\nOK")
    columns = token_columns(doc)
    assert token_columns(doc) is columns  # once per doc
    assert columns.strings(ORTH) == [t.text for t in doc]
    assert columns.strings(NORM) == [t.norm_ for t in doc]
    for attr, name in ((IS_ALPHA, "is_alpha"), (IS_PUNCT, "is_punct"), (LIKE_URL, "like_url")):
        assert columns.flags(attr) == [getattr(t, name) for t in doc], name
    assert columns.flags(SPACY) == [bool(t.whitespace_) for t in doc]


def test_token_columns_read_together_are_each_attributes_own(linter: Linter) -> None:
    """The common attributes come from one array, and a norm or lower case is taken from
    the text (or the lower case) where its hash is the same: each column is still exactly
    the tokens' own, for words whose norm is their text, their lower case, or neither."""
    text = "The colour DOESN'T match, dont worry:\n\nGrey's 3rd order ships 12/05 – OK?"
    nlp = linter._pipeline.nlp
    # tokens alone, and through the pipeline, whose sentence splitter hands over what it
    # read of every token (the texts, a few flags) so that they are not read again
    for doc in (nlp.tokenizer(text), nlp(text)):
        columns = token_columns(doc)
        assert columns.strings(NORM) == [t.norm_ for t in doc]  # first: its base is LOWER
        assert columns.strings(LOWER) == [t.lower_ for t in doc]
        assert columns.strings(ORTH) == [t.text for t in doc]
        assert columns.strings(SHAPE) == [t.shape_ for t in doc]
        assert "color" in columns.strings(NORM) and "not" in columns.strings(NORM)
        for attr in (ORTH, LOWER, NORM, SHAPE, LIKE_NUM, IS_DIGIT, IS_PUNCT, IS_SPACE):
            assert columns.hashes(attr) == doc.to_array(attr).tolist(), attr
        flags = {LIKE_NUM: "like_num", IS_SPACE: "is_space", IS_DIGIT: "is_digit"}
        flags |= {IS_PUNCT: "is_punct", IS_ALPHA: "is_alpha", LIKE_URL: "like_url"}
        for attr, name in flags.items():
            assert columns.flags(attr) == [getattr(t, name) for t in doc], name
        assert columns.flags(SPACY) == [bool(t.whitespace_) for t in doc]


def test_a_new_matcher_never_reads_the_results_of_a_freed_one(linter: Linter) -> None:
    """Results are cached in the doc under a key of the matcher's own; an ``id()`` key
    would be reused by a matcher built where a freed one was."""
    make_doc = linter._pipeline.nlp.tokenizer
    packs = _lexicons()
    doc = make_doc("Thanks, it's done.")
    for _ in range(5):
        assert [m.text for m in Phrases(packs, make_doc, "done").find(doc)] == ["done"]
        assert [m.text for m in Phrases(packs, make_doc, "thanks").find(doc)] == ["Thanks"]


def test_a_lexicon_added_to_an_index_is_matched_with_the_others(linter: Linter) -> None:
    make_doc = linter._pipeline.nlp.tokenizer
    index = PhraseIndex(_lexicons(), make_doc, "arrivals")
    index.add("thanks", "arrivals")  # one already there: added once
    assert index.names == ("arrivals", "thanks")
    doc = make_doc("Many thanks: it reaches you today.")
    assert [m.text for m in index.phrases("thanks").find(doc)] == ["Many thanks"]
    assert [m.text for m in index.phrases("arrivals").find(doc)] == ["reaches"]


def test_no_lexicon_is_added_once_an_index_has_matched(linter: Linter) -> None:
    """A doc matched before would keep its matches without the new lexicon."""
    make_doc = linter._pipeline.nlp.tokenizer
    index = PhraseIndex(_lexicons(), make_doc, "arrivals")
    index.phrases("arrivals").find(make_doc("It reaches you today."))
    index.add("arrivals")  # nothing new: fine
    with pytest.raises(RuntimeError, match="when the rules are set up"):
        index.add("thanks")


def test_the_linter_matches_its_rules_lexicons_in_one_run_per_reply(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules and analysers share one phrase index: a reply costs one matcher run for
    all their lexicons, not one run per rule that reads a lexicon."""
    index = linter._analyses.lexicons
    for name in ("greeting.salutations", "closing.thanks", "apology.phrases", "empathy.frames"):
        assert name in index.names
    runs: list[Doc] = []
    matcher = index._matcher
    monkeypatch.setattr(index, "_matcher", lambda doc: runs.append(doc) or matcher(doc))
    report = linter.check(
        "Hi Dana, I'm so sorry about the delay. I can see how frustrating this is. Your "
        "refund reaches your bank in 3 days; if it does not, reply here.\n\nThanks,\nSam"
    )
    assert report.checks["greeting"].present and report.checks["closing_thanks"].present
    assert report.checks["apology"].present and report.checks["empathy"].present
    assert len(runs) == 1


def test_the_shared_index_finds_what_each_lexicon_finds_alone(linter: Linter) -> None:
    """Every lexicon of the linter's index, read from the shared run, matches exactly
    what a matcher of its own matches (spans and labels), on replies touching many of
    them."""
    index = linter._analyses.lexicons
    make_doc = linter._pipeline.nlp.tokenizer
    replies = [
        "Hi Dana, sorry for the trouble! I understand how annoying that is. Please restart "
        "the app; we'll refund you by Friday. Thanks for your patience!\n\nBest,\nSam",
        "Hello there. Unfortunately we can't change it, but you could try the web app "
        "instead. Hopefully it will be back soon. I've escalated this. Anything else?",
        "Good morning! Your parcel is out for delivery today and you're all set. Let me "
        "know if you need anything. Have a great day!",
    ]
    for text in replies:
        doc = make_doc(text)
        for name in index.names:
            alone = Phrases(linter.packs, make_doc, name).find(doc)
            shared = index.phrases(name).find(doc)
            assert [(m.start, m.end, m.label_) for m in shared] == [
                (m.start, m.end, m.label_) for m in alone
            ], name


def test_the_gate_tests_a_shape_a_pattern_requires(linter: Linter) -> None:
    """A shape (``SHAPE``) is a literal value like a word: a sentence with "by" but no
    token of the date's shape never reaches the Matcher, and one with it matches."""
    patterns = _patterns(linter, [{"LOWER": "by"}, {"SHAPE": {"IN": ["dd/dd/dddd"]}}])
    assert patterns._gate is not None
    assert not patterns.may_match(linter._pipeline.nlp("We will reply by email."))
    assert _found(patterns, linter, "Pay by 12/05/2026 please.") == ["by 12/05/2026"]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Expect a reply in 24h at most.", "in 24h"),
        ("Expect a reply IN 48HRS at most.", "IN 48HRS"),
        ("Expect a reply in the morning.", None),
        ("Expect a reply in 3 days.", None),
    ],
)
def test_the_gate_searches_a_regular_expression_a_pattern_requires(
    linter: Linter, text: str, match: str | None
) -> None:
    """A ``REGEX`` token is required too: "in" alone (in half the sentences of a reply)
    does not open the gate, a token the expression finds (searched in the same string,
    here the lower-cased text, as the Matcher does) does, and the pattern matches."""
    patterns = _patterns(linter, [{"LOWER": "in"}, {"LOWER": {"REGEX": "^[0-9]{1,3}(h|hrs)$"}}])
    doc = linter._pipeline.nlp(text)
    assert patterns.may_match(doc) is (match is not None)
    assert _found(patterns, linter, text) == ([match] if match else [])


def test_a_pattern_of_expressions_alone_is_gated(linter: Linter) -> None:
    """A pattern with no literal word but an expression still has a gate (without the
    quick first-word test), and another constraint on the same token (``NOT_IN``) is left
    to the Matcher: the gate may let a sentence through, never hold a match back."""
    patterns = _patterns(linter, [{"LOWER": {"REGEX": "ed$", "NOT_IN": ["used"]}}])
    assert patterns._gate is not None and patterns._gate.firsts is None
    assert not patterns.may_match(linter._pipeline.nlp("Nothing happens here."))
    assert patterns.may_match(linter._pipeline.nlp("It was used."))
    assert _found(patterns, linter, "It was used.") == []
    assert _found(patterns, linter, "It was fixed.") == ["fixed"]


def test_an_expression_s_verdicts_are_kept_across_replies_and_bounded(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gate's expression is searched once per word met, not once per reply: a word
    of a later reply reads the verdict kept for it, the same the search gives, and the
    kept verdicts never grow past their bound."""
    monkeypatch.setattr(matchers, "_VERDICTS", {})
    monkeypatch.setattr(matchers, "_MAX_VERDICTS", 6)
    patterns = _patterns(linter, [{"LOWER": "in"}, {"LOWER": {"REGEX": "^[0-9]{1,3}(h|hrs)$"}}])
    texts = ["Expect it in 48h.", "Expect it in 3 days.", "It is in 48h, in 2hrs or so."]
    for _ in range(3):
        for text in texts:
            doc = linter._pipeline.nlp(text)
            assert patterns.may_match(doc) is ("days" not in text)
            (kept,) = matchers._VERDICTS.values()
            # (dropped when over the bound, before a doc's words are added)
            assert 0 < len(kept) <= 7 + len(doc)
            strings = linter._pipeline.nlp.vocab.strings
            for value in {t.lower for t in doc}:
                hit = re.search("^[0-9]{1,3}(h|hrs)$", strings[value]) is not None
                assert kept.known(value) is hit  # (every word of the doc: known now)


def test_a_sentence_asked_about_a_lexicon_absent_from_its_reply_is_answered_at_once(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply's sentences are asked about dozens of lexicons, most of which match
    nowhere in it: the index's run says so, and ``find`` and ``first`` answer without
    looking for matches of their own; where the lexicon does match, the answers are
    those of the shared lookup."""
    make_doc = linter._pipeline.nlp.tokenizer
    index = PhraseIndex(_lexicons(), make_doc, "arrivals", "done", "thanks")
    arrivals, thanks = index.phrases("arrivals"), index.phrases("thanks")
    doc = make_doc("Many thanks for waiting. It is done now.")
    sentence = doc[0:5]
    assert [m.text for m in thanks.find(sentence)] == ["Many thanks"]  # (the run is made)
    looked: list[object] = []
    matches = Phrases._matches
    monkeypatch.setattr(Phrases, "_matches", lambda self, d: looked.append(d) or matches(self, d))
    assert arrivals.find(sentence) == [] and arrivals.first(sentence) is None
    assert looked == []
    found = thanks.first(sentence)
    assert found is not None and found.text == "Many thanks" and looked == [sentence]


def test_a_span_runs_only_the_patterns_whose_needs_it_meets(linter: Linter) -> None:
    """A sentence with the words of one pattern is given to a Matcher of that pattern
    alone (under its list's name), and finds what the Matcher of every pattern finds."""
    packs = PackSet(
        packs=(),
        lexicons={},
        patterns={
            "first": ([{"LOWER": "refund"}, {"LOWER": "issued"}],),
            "second": (
                [{"LOWER": "card"}, {"LOWER": "sent"}],
                [{"LOWER": "refund"}, {"LOWER": "sent"}],
            ),
        },
    )
    patterns = Patterns(packs, linter._pipeline.nlp.tokenizer, "first", "second")
    doc = linter._pipeline.nlp("Your card was sent. Refund issued today.")
    first, second = list(doc.sents)
    assert patterns.find(first) == []  # ("card" and "sent" apart: the Matcher decides)
    assert [(m.text, m.label_) for m in patterns.find(second)] == [("Refund issued", "first")]
    assert list(patterns._partial) == [(1,), (0,)]
    assert len(patterns._partial[(1,)]) == 1 and len(patterns._partial[(1,)].get("second")[1]) == 1
    assert len(patterns._partial[(0,)]) == 1 and len(patterns._partial[(0,)].get("first")[1]) == 1
    both = linter._pipeline.nlp("Card sent, refund sent, refund issued.")
    assert [(m.text, m.label_) for m in patterns.find(both)] == [
        ("Card sent", "second"),
        ("refund sent", "second"),
        ("refund issued", "first"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We will refund you within 3-5 business days, by the 15th or by Friday 12 July.",
        "Moved it to next Tuesday; the week of the 20th works, within 24h or in 2 weeks.",
        "Rescheduled for the 14th of May, by 5 pm, before the end of the month.",
        "It takes 2 business days after we receive it, and a few days later it ships.",
        "In the next few days, in under an hour, by 2024-07-03 or on Monday, the 3rd.",
    ],
)
def test_the_patterns_a_span_meets_find_what_all_the_patterns_find(
    linter: Linter, text: str
) -> None:
    """The time shapes (33 patterns under three names) on each sentence and on the whole
    doc, with only the patterns whose needs the span meets: the same matches, labels and
    order as the Matcher of them all."""
    make_doc = linter._pipeline.nlp.tokenizer
    names = ("timeframe.durations", "timeframe.dates", "timeframe.days_of_month")
    patterns = Patterns(linter.packs, make_doc, *names)
    doc = linter._pipeline.nlp(text)
    for span in [*doc.sents, doc[:], doc]:
        every = matchers._longest_first(patterns._matcher(span, as_spans=True))
        assert [(m.start, m.end, m.label_) for m in patterns.find(span)] == [
            (m.start, m.end, m.label_) for m in every
        ]
    assert patterns._partial, "no span met only some of the patterns' needs"
