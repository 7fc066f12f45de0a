"""The jargon term model (replylint.model.terms): which words are candidates, how the
model decides among them, and that training is reproducible and self-contained.

Replies here are written for these tests; the tiny training set is made from templates
so that each fold of the cross-validation has jargon and plain words in it."""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from replylint import Linter, LinterConfig
from replylint.evaluation import GoldLabels, GoldRecord
from replylint.matchers import Phrases
from replylint.model import terms_candidates
from replylint.model.folds import fold_of
from replylint.model.terms import (
    MODEL_FILE,
    WORDS_FILE,
    TermModel,
    TermModelError,
    combine,
    decode,
    load_word_bands,
    shipped_words_path,
)
from replylint.model.terms_candidates import Candidate, CandidateFinder, _ordinary, _shape
from replylint.model.terms_training import (
    MIN_VETO,
    VETOES,
    LabelledReply,
    TrainingOptions,
    choose_thresholds,
    fold_salt,
    labelled_replies,
    out_of_fold,
    train_term_model,
)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LinterConfig(select=["jargon"]))


@pytest.fixture(scope="module")
def finder(linter: Linter) -> CandidateFinder:
    context = next(r.context for r in linter.rules if r.id == "jargon")
    return CandidateFinder(context, load_word_bands(shipped_words_path()))


def texts(finder: CandidateFinder, linter: Linter, reply: str, **context: str) -> list[str]:
    return [c.text for c in finder.find(linter.analyze(reply, **context))]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        # acronyms, CamelCase, identifiers, file names, rare words, the pack's phrases
        ("Switch the account to IMAP and OAuth2 today.", ["IMAP", "OAuth2"]),
        ("Close the app and delete prefs.js and key4.db first.", ["prefs.js", "key4.db"]),
        ("Turn off media_decoder_enabled in the settings.", ["media_decoder_enabled"]),
        ("The mbox file is in your profile.", ["mbox"]),
        ("Please check the proxy server settings.", ["proxy server"]),
        # a slashed pair is a candidate as a whole and in its parts
        ("Choose SSL/TLS for the connection.", ["SSL/TLS", "SSL", "TLS"]),
        # a pair of file names is no web address
        (
            "Edit userChrome.css/userContent.css.",
            ["userChrome.css/userContent.css", "userChrome.css", "userContent.css"],
        ),
        # punctuation and possessives around a word are not part of it; ".msf" is
        ('The RMA\'s status is (finally) "approved".', ["RMA"]),
        ("Delete the .msf files... and restart.", [".msf"]),
        # a comma glued to the front of a word is not part of it either
        ("Which server is it (IMAP ,SMTP or both)?", ["IMAP", "SMTP"]),
        # a short name with a version is a product and its version, unless its base is
        # technical or it has a versioned standard's shape
        ("Update to FF37.0.1 or Win10 first.", []),
        ("Use POP3 or WPA2, and a FIDO2 key.", ["POP3", "WPA2", "FIDO2"]),
        # widely known: battery sizes, a savings account
        ("Fit two AA batteries; your ISA rate is unchanged.", []),
        # a unit with a superscript has one letter: no term
        ("The pump gave 12 m³ a day from the FWS well.", ["FWS"]),
        # a contraction with a curly apostrophe is the common word it spells
        ("We’ve checked and you’re all set, the tosai are fine.", ["tosai"]),
        # ordinals, clock times and quantities with their units are numbers
        ("Come on the 26th at 10am or 7:30pm, 8–11am; it weighs 47kg at 50mph.", []),
    ],
)
def test_candidates(
    finder: CandidateFinder, linter: Linter, reply: str, expected: list[str]
) -> None:
    assert texts(finder, linter, reply) == expected


@pytest.mark.parametrize(
    "reply",
    [
        # a bracketed fill-in slot, whatever its case, with spaces inside
        "Hi [customer first name], see [insert link to the SSO guide] for the steps.",
        "Thanks,\n[Agent Name - Tier 2 Support]",
        "Your key is <your SAML certificate here> for now.",
        # a template variable the normaliser leaves as it is
        "If your usual day is $pickup_weekday, we come on ${NEW_SLOT_DAY} instead.",
        "See [the guide](https://help.example.com/IMAP-OAuth2/setup) for the steps.",
        "See https://help.example.com/IMAP-OAuth2 or www.example.org/SMTP-help today.",
        "Our guide at help.example.com/STARTTLS explains it.",
        # ... also where the address's ending is not one the masking knows
        "Claim at harbourline.example/claims or ironleaf.fit/book-now today.",
        "Write to imap-team@example.com or to @IMAP_Help.",
        "Hi [ CUSTOMER NAME ], thanks for waiting.",
        "Hi <Agent First Name>, thanks for waiting.",
        "Hi {{ticket.requester.first_name}}, thanks for waiting.",
        "Hi PJMFOX44, thanks for waiting.",
        # a value left as x's is a drafting mark, not a term
        "Your refund of £XXX will reach you by xx/xx.",
        # a postcode is an address, though its halves look like codes
        "Please post it to our office at MW1 2AB.",
        "Our postcode is K1A 0B1 in Canada.",
    ],
)
def test_structures_are_never_candidates(
    finder: CandidateFinder, linter: Linter, reply: str
) -> None:
    assert texts(finder, linter, reply) == []


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        # a remark in brackets is text: it has sentence punctuation
        ("[Edit: the SMTP port is 587] Thanks for waiting.", ["SMTP"]),
        # a Markdown link's label is text, even a single all-caps word
        ("Read [SCIM](https://help.example.com/scim), [the SAML guide](/saml).", ["SCIM", "SAML"]),
        # a sum of money is no template variable
        ("The RMA fee is $5, or US$ 7 by card.", ["RMA"]),
        # spaced angle brackets are comparisons, not a slot
        ("If it is < 5 MB over IMAP > 2 MB, wait.", ["IMAP"]),
        # a stray dot and a bracket before a term are not part of it
        ("Set it to STARTTLS .(SSL/TLS, port 465).", ["STARTTLS", "SSL/TLS", "SSL", "TLS"]),
    ],
)
def test_brackets_that_are_text_keep_their_candidates(
    finder: CandidateFinder, linter: Linter, reply: str, expected: list[str]
) -> None:
    assert texts(finder, linter, reply) == expected


def test_sign_off_is_not_read(finder: CandidateFinder, linter: Linter) -> None:
    reply = "Your refund is on its way.\n\nBest regards,\nJQX\nTier Support"
    assert texts(finder, linter, reply) == []


def test_a_term_explained_anywhere_in_the_reply_is_dropped_everywhere(
    finder: CandidateFinder, linter: Linter
) -> None:
    reply = "Your RMA is approved. An RMA (return authorisation) lets you send it back."
    assert texts(finder, linter, reply) == []
    assert texts(finder, linter, "Your RMA is approved.") == ["RMA"]


@pytest.mark.parametrize(
    "reply",
    [
        "Our barriers use ANPR, a camera that reads your number plate.",
        "We set your DIN, the release setting which decides when the boot comes out.",
    ],
)
def test_a_noun_phrase_defined_by_a_relative_clause_explains(
    finder: CandidateFinder, linter: Linter, reply: str
) -> None:
    """After "TERM, a ..." a relative clause makes the noun phrase a definition."""
    assert texts(finder, linter, reply) == []


def test_a_loose_cue_is_left_to_the_model(finder: CandidateFinder, linter: Linter) -> None:
    """'For POP, the settings ...' is not a definition of POP: kept, with the cue."""
    found = finder.find(linter.analyze("For POP, the settings are the same."))
    assert [c.text for c in found] == ["POP"]
    assert "explained=loose" in found[0].features


def test_features_say_what_the_model_needs(finder: CandidateFinder, linter: Linter) -> None:
    reply = linter.analyze(
        "Set the SMTP server now.", customer_message="Which SMTP server do I use?"
    )
    (smtp,) = finder.find(reply)
    features = set(smtp.features)
    assert {"case=upper", "customer_used", "term=smtp", "next=server", "channel=email"} <= features
    assert any(f.startswith("zipf=") for f in features)


def _candidate(start: int, end: int, text: str) -> Candidate:
    return Candidate(start, end, text, ())


def test_a_term_met_again_is_described_once(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a term looks like (its shape, rarity, character 3-grams) depends on its text
    alone: a reply repeating it works it out once, and every mention reads the same, in
    a later reply too; the descriptions kept are bounded."""
    context = next(r.context for r in linter.rules if r.id == "jargon")
    finder = CandidateFinder(context, load_word_bands(shipped_words_path()))
    described: list[str] = []
    shape_features = finder._shape_features
    monkeypatch.setattr(
        finder,
        "_shape_features",
        lambda text, lower: described.append(text) or shape_features(text, lower),
    )
    found = finder.find(linter.analyze("Open IMAP settings. Then IMAP sync. IMAP again, and POP."))
    assert [c.text for c in found] == ["IMAP", "IMAP", "IMAP", "POP"]
    assert described == ["IMAP", "POP"]
    first, *others = (set(c.features) for c in found[:3])
    assert all({f for f in first if f.startswith(("c3=", "shape=", "zipf="))} <= o for o in others)
    later = finder.find(linter.analyze("Set up POP, not SMTP."))
    assert [c.text for c in later] == ["POP", "SMTP"] and described == ["IMAP", "POP", "SMTP"]
    looks = ("c3=", "shape=", "zipf=", "case=", "len=")
    assert {f for f in later[0].features if f.startswith(looks)} == {
        f for f in found[3].features if f.startswith(looks)
    }
    monkeypatch.setattr(terms_candidates, "_MAX_DESCRIBED", 2)
    finder.find(linter.analyze("Use IMAP and POP3 and SMTP."))
    assert len(finder._described) <= 2


def test_a_word_met_in_an_earlier_reply_is_not_tested_again(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a word is ordinary (never a candidate) depends on the word alone: a word
    met in an earlier reply is not tested again, and the candidates are the same."""
    context = next(r.context for r in linter.rules if r.id == "jargon")
    finder = CandidateFinder(context, load_word_bands(shipped_words_path()))
    tested: list[str] = []
    monkeypatch.setattr(
        terms_candidates,
        "_ordinary",
        lambda word, common: tested.append(word) or _ordinary(word, common),
    )
    reply = "Please reset the IMAP settings, then restart Thunderbird."
    first = texts(finder, linter, reply)
    assert "IMAP" in first and "settings" in tested
    tested.clear()
    assert texts(finder, linter, reply) == first
    assert texts(finder, linter, "Reset the SMTP settings too.") == ["SMTP"]
    assert "settings" not in tested and "SMTP" in tested and "too" in tested


def test_the_jargon_rule_and_its_finder_share_their_matchers(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The technical-terms and salutation lexicons are matched once per reply, not once
    for the rule and again for the term model's candidates."""
    runs: list[tuple[str, ...]] = []
    doc_matches = Phrases._doc_matches

    def counted(self: Phrases, doc: Doc) -> tuple[list[Span], list[int]]:
        if self._key not in doc.user_data:
            runs.append(self.names)
        return doc_matches(self, doc)

    monkeypatch.setattr(Phrases, "_doc_matches", counted)
    linter.check("Hi Dana, set the proxy server and the SMTP port in Settings.")
    assert runs.count(("jargon.technical_terms",)) == 1
    assert runs.count(("greeting.salutations",)) == 1


@pytest.mark.parametrize(
    "word",
    ["server", "Server", "SERVER", "a", "I", "e.g", "v2", "x2go", "prefs.js", "über", "Über",
     "naïve", "3rd", "re:", "__init__", "Ⅻ", "a\\b", "don't", "co-op", "İstanbul"],
)  # fmt: skip
def test_ordinary_words_are_told_apart_without_patterns(word: str) -> None:
    """A word of letters alone cannot hold a digit or an inner mark, so the patterns
    run only on the other words; the answer is the same either way."""
    common = frozenset({"server", "a", "i", "über", "naïve", "co-op", "istanbul"})
    reference = (
        word[1:].islower()
        and word.lower() in common
        and not re.search(r"\d", word)
        and not re.search(r"\w[._:/\\]+\w|^\.\w", word)
    )
    assert _ordinary(word, common) is reference


@pytest.mark.parametrize(
    ("text", "shape"),
    [("Xxxx", "Xx"), ("SMTP", "X"), ("userChrome.css", "xXx.x"), ("FIDO2", "Xd"),
     ("Ünïcødé9", "Xxd"), ("µ-Ω2", "x-Xd"), ("١٢ab", "dx"), ("a_b:c/d", "x_x:x/x")],
)  # fmt: skip
def test_shapes_in_and_out_of_ascii(text: str, shape: str) -> None:
    """ASCII terms are mapped through one translation table, others character by
    character with Unicode's classes; both give the shape the model was trained on."""
    reference = "".join(
        "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in text
    )
    assert _shape(text) == re.sub(r"(.)\1+", r"\1", reference)[:8] == shape


def test_decode_keeps_the_likeliest_of_overlapping_candidates() -> None:
    pair, part, other = (
        _candidate(0, 7, "SSL/TLS"),
        _candidate(0, 3, "SSL"),
        _candidate(9, 12, "DNS"),
    )
    assert [c.text for c, _ in decode([pair, part, other], [0.6, 0.9, 0.7], 0.5)] == ["SSL", "DNS"]
    assert [c.text for c, _ in decode([pair, part, other], [0.95, 0.9, 0.4], 0.5)] == ["SSL/TLS"]


def test_decode_reports_each_term_once_whatever_its_case() -> None:
    found = [_candidate(0, 4, "IMAP"), _candidate(10, 14, "imap"), _candidate(20, 24, "IMAP")]
    assert [(c.start, p) for c, p in decode(found, [0.6, 0.9, 0.7], 0.5)] == [(0, 0.6)]


def _decided(
    candidates: list[Candidate],
    probabilities: list[float],
    rules: list[tuple[int, int, str]],
    veto: float = 0.3,
    threshold: float = 0.8,
) -> list[tuple[str, float, bool]]:
    return [
        (d.text, d.confidence, d.by_rules)
        for d in combine(candidates, probabilities, rules, veto, threshold)
    ]


def test_combine_keeps_a_rule_term_unless_the_model_vetoes_it() -> None:
    """The rules' term is reported at the probability of the likeliest candidate
    overlapping it, at or above the veto; below it, it is dropped."""
    found = [_candidate(5, 8, "QVX"), _candidate(20, 23, "DNO")]
    rules = [(5, 8, "QVX"), (20, 23, "DNO")]
    assert _decided(found, [0.5, 0.1], rules) == [("QVX", 0.5, True)]
    assert _decided(found, [0.3, 0.29], rules) == [("QVX", 0.3, True)]


def test_combine_drops_a_rule_term_the_candidates_left_out() -> None:
    """The candidates leave out a term explained elsewhere in the reply; the rules,
    which look only where it stands, would report it."""
    assert _decided([], [], [(0, 3, "QVX")]) == []
    assert _decided([_candidate(10, 13, "DNO")], [0.9], [(0, 3, "QVX")]) == [("DNO", 0.9, False)]


def test_combine_adds_the_models_confident_terms_that_overlap_no_rule_term() -> None:
    found = [
        _candidate(0, 8, "SSL-mode"),
        _candidate(0, 3, "SSL"),
        _candidate(12, 24, "energisation"),
    ]
    rules = [(0, 3, "SSL")]
    # "SSL-mode" overlaps the rules' "SSL": not added, but its probability is SSL's
    decided = _decided(found, [0.95, 0.4, 0.85], rules)
    assert decided == [("SSL", 0.95, True), ("energisation", 0.85, False)]
    assert _decided(found, [0.5, 0.4, 0.79], rules) == [("SSL", 0.5, True)]


def test_combine_reports_a_rule_term_with_the_boundaries_of_its_compound() -> None:
    """The rules read tokens, which split "SSL/TLS"; annotators write the compound as it
    stands, and scoring is by exact text: the compound is reported, once, whatever the
    model thinks of its parts or of the whole."""
    found = [_candidate(4, 11, "SSL/TLS"), _candidate(4, 7, "SSL"), _candidate(8, 11, "TLS")]
    rules = [(4, 7, "SSL"), (8, 11, "TLS")]
    assert _decided(found, [0.02, 0.6, 0.7], rules) == [("SSL/TLS", 0.6, True)]
    hyphened = [_candidate(0, 15, "WPA2-Enterprise"), _candidate(0, 4, "WPA2")]
    assert _decided(hyphened, [0.1, 0.5], [(0, 4, "WPA2")]) == [("WPA2-Enterprise", 0.5, True)]
    # the veto still reads every overlapping candidate
    assert _decided(found, [0.02, 0.1, 0.2], rules) == []


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("XML-format", "XML"),  # a plain word after the hyphen: the acronym is the term
        ("24/01873/FUL", "FUL"),  # a reference number, not named parts
        ("SSL/", "SSL"),  # no second part
        ("SSL/TLS)Outgoing", "SSL"),  # text glued without a space
    ],
)
def test_combine_keeps_the_rule_boundaries_outside_a_compound_of_names(
    compound: str, part: str
) -> None:
    start = compound.index(part)
    found = [_candidate(0, len(compound), compound), _candidate(start, start + len(part), part)]
    rules = [(start, start + len(part), part)]
    assert _decided(found, [0.9, 0.5], rules) == [(part, 0.9, True)]


def test_combine_reports_each_term_once_at_its_first_place() -> None:
    found = [_candidate(0, 3, "DNO"), _candidate(10, 13, "dno")]
    rules = [(10, 13, "dno")]
    assert _decided(found, [0.9, 0.9], rules) == [("DNO", 0.9, False)]
    assert _decided(found[1:], [0.9], rules) == [("dno", 0.9, True)]


def _labelled(index: int, source: str, right: bool) -> LabelledReply:
    """A reply with one rule term, right or wrong by the annotators."""
    term = _candidate(0, 3, "QVX")
    return LabelledReply(
        id=f"r{index}",
        source=source,
        candidates=(term,),
        strict=frozenset({"QVX"} if right else set()),
        lenient=frozenset({"QVX"} if right else set()),
        rules=((0, 3, "QVX"),),
    )


#: Rule terms, right for the first six replies, with the model's probability of each:
#: the wrong ones get 0.2 and 0.45, two right ones 0.4.
_PROBABILITIES = [0.6, 0.6, 0.6, 0.6, 0.4, 0.4, 0.2, 0.2, 0.45, 0.45]


def _imprecise_rules(copies: int) -> tuple[list[LabelledReply], list[list[float]]]:
    replies = [_labelled(i, "a", right=i % 10 < 6) for i in range(10 * copies)]
    return replies, [[_PROBABILITIES[i % 10]] for i in range(10 * copies)]


def test_thresholds_put_precision_first() -> None:
    """Imprecise rules whose wrong terms the model scores low (500 replies, so that F1
    tells the pairs apart): the veto chosen is the lowest that brings precision to the
    floor, and nothing the model is unsure of is added."""
    replies, probabilities = _imprecise_rules(50)
    veto, threshold, result = choose_thresholds(replies, probabilities, 0.7)
    assert (veto, result.precision, result.recall) == (0.25, 0.75, 1.0)
    assert threshold > 0.6  # an addition would report nothing new here
    # no veto reaches the floor: the most precise is chosen
    veto, _, result = choose_thresholds(replies, probabilities, 0.9)
    assert (veto, result.precision) == (0.5, 1.0)


def test_within_the_noise_of_the_best_f1_the_more_precise_pair() -> None:
    """The same rates on 10 replies: veto 0.25 has the best F1 (0.857 against 0.800 at
    veto 0.50), but on so few replies that gap is within one standard error, and the
    one-standard-error rule takes the more precise pair. The choice is seeded."""
    replies, probabilities = _imprecise_rules(1)
    veto, _, result = choose_thresholds(replies, probabilities, 0.7)
    assert (veto, result.precision, round(result.recall, 3)) == (0.5, 1.0, 0.667)
    assert choose_thresholds(replies, probabilities, 0.7) == (veto, _, result)


def test_the_veto_never_falls_below_the_floor() -> None:
    """Precise rules: F1 would keep every rule term, the one the model gives 0.05 too;
    the veto stays at the floor, so that one is not reported."""
    replies = [_labelled(i, "a", right=i < 9) for i in range(10)]
    probabilities = [[0.8]] * 9 + [[0.05]]
    veto, _, result = choose_thresholds(replies, probabilities, 0.55)
    assert veto == MIN_VETO == min(VETOES)
    assert (result.predicted, result.precision) == (9, 1.0)


def test_cross_validation_holds_out_whole_sources() -> None:
    """With three sources or more, each reply is scored by a model trained without its
    source (so the thresholds are those that held on an unseen source)."""
    gold = [
        GoldRecord(id=r.id, reply=r.reply, labels=r.labels, source=f"s{i % 3}")
        for i, r in enumerate(_gold())
    ]
    replies = labelled_replies(gold)
    assert {r.source for r in replies} == {"s0", "s1", "s2"}
    _, by = out_of_fold(replies, TrainingOptions(), seed=0)
    assert by == "source"
    _, by = out_of_fold(replies, TrainingOptions(folds_by="id"), seed=0)
    assert by == "id"
    _, by = out_of_fold([replace(r, source="") for r in replies], TrainingOptions(), seed=0)
    assert by == "id"  # fewer than three sources: folds by id


def test_labelled_replies_carry_the_rules_terms() -> None:
    (reply,) = labelled_replies([_gold()[0]])
    assert [t[2] for t in reply.rules] == ["KDC"]


def test_folds_are_stable_and_salted() -> None:
    ids = [f"reply-{i}" for i in range(200)]
    folds = [fold_of(i, 5, fold_salt(0)) for i in ids]
    assert folds == [fold_of(i, 5, fold_salt(0)) for i in ids]
    assert set(folds) == {0, 1, 2, 3, 4}
    assert folds != [fold_of(i, 5, fold_salt(1)) for i in ids]  # another seed
    assert folds != [fold_of(i, 5) for i in ids]  # apart from the checks model's folds


_JARGON = [
    "KDC",
    "XRPC",
    "ZNode",
    "qflux.cfg",
    "MTRX",
    "PLV9",
    "grindle_mode",
    "VTQ",
    "HBX",
    "LQMS",
]
_PLAIN = [
    "Dana",
    "Monday",
    "Boston",
    "Chicago",
    "Friday",
    "Paris",
    "Tuesday",
    "Denver",
    "Sam",
    "Oslo",
]
_FRAMES = [
    "Please restart {} and try again.",
    "We looked at {} for you today.",
    "Your request about {} is now with our team.",
    "The update to {} will arrive this week.",
]


def _gold() -> list[GoldRecord]:
    records = []
    for f, frame in enumerate(_FRAMES):
        for i, (jargon, plain) in enumerate(zip(_JARGON, _PLAIN, strict=True)):
            records.append(
                GoldRecord(
                    id=f"jargon-{f}-{i}",
                    reply=frame.format(jargon),
                    labels=_labels([jargon]),
                )
            )
            records.append(
                GoldRecord(id=f"plain-{f}-{i}", reply=frame.format(plain), labels=_labels([]))
            )
    return records


def _labels(terms: list[str]) -> GoldLabels:
    return GoldLabels(
        greeting=False,
        apology=False,
        empathy=False,
        next_step=True,
        next_step_timeframe=False,
        closing_thanks=False,
        jargon=terms,
        jargon_lenient=terms,
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same gold trained twice, into two directories."""
    first = tmp_path_factory.mktemp("first") / "terms"
    second = tmp_path_factory.mktemp("second") / "terms"
    train_term_model(_gold(), first, seed=0)
    train_term_model(_gold(), second, seed=0)
    return first, second


def test_training_is_reproducible(trained: tuple[Path, Path]) -> None:
    first, second = trained
    assert (first / MODEL_FILE).read_bytes() == (second / MODEL_FILE).read_bytes()


def test_trained_directory_stands_alone(trained: tuple[Path, Path]) -> None:
    first, _ = trained
    assert (first / WORDS_FILE).read_bytes() == shipped_words_path().read_bytes()
    model = TermModel.load(first)
    assert model.words_path == first / WORDS_FILE


def test_training_learns_and_reports_figures(tmp_path: Path) -> None:
    progress: list[str] = []
    summary = train_term_model(_gold(), tmp_path, seed=0, progress=progress.append)
    assert summary.replies == len(_gold())
    assert summary.gold_terms == len(_FRAMES) * len(_JARGON)
    assert summary.candidate_recall == 1.0  # every made-up term is a candidate
    assert 0.0 < summary.cv_precision <= 1.0 and 0.0 < summary.cv_recall <= 1.0
    assert any("cross-validation" in line for line in progress)
    saved = json.loads((tmp_path / MODEL_FILE).read_text(encoding="utf-8"))
    assert saved["meta"]["summary"]["threshold"] == summary.threshold


def test_trained_model_scores_jargon_above_plain_words(
    trained: tuple[Path, Path], linter: Linter
) -> None:
    model = TermModel.load(trained[0])
    context = next(r.context for r in linter.rules if r.id == "jargon")
    finder = CandidateFinder(context, model.word_bands)
    jargon = finder.find(linter.analyze("Please restart XRPC and try again."))
    assert [c.text for c in jargon] == ["XRPC"]
    probability = model.probability(jargon[0])
    assert 0.0 < probability < 1.0
    assert [c.text for c, _ in model.select(jargon)] == ["XRPC"]


def test_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TermModelError, match=r"^no term model at .*; train one"):
        TermModel.load(tmp_path)


def test_corrupt_or_old_model_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(TermModelError, match="cannot be read"):
        TermModel.load(tmp_path)
    (tmp_path / MODEL_FILE).write_text(json.dumps({"format": 0}), encoding="utf-8")
    with pytest.raises(TermModelError, match="retrain it"):
        TermModel.load(tmp_path)


def test_an_incomplete_model_is_a_configuration_error(tmp_path: Path) -> None:
    """A term model with a key missing was a KeyError traceback, and a broken one a
    TermModelError the library did not promise: both are a ConfigError, as an unusable
    checks model is, and the command line's one-line error."""
    from replylint.config import ConfigError

    shipped = json.loads((shipped_words_path().parent / MODEL_FILE).read_text(encoding="utf-8"))
    del shipped["bias"]
    (tmp_path / MODEL_FILE).write_text(json.dumps(shipped), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"is incomplete \(KeyError: 'bias'\); retrain it"):
        TermModel.load(tmp_path)


def test_a_saved_model_carries_the_word_table_and_its_licence_notice(tmp_path: Path) -> None:
    model = TermModel.load(shipped_words_path().parent)
    model.save(tmp_path / "copy")
    assert (tmp_path / "copy" / WORDS_FILE).read_bytes() == shipped_words_path().read_bytes()
    assert "CC BY-SA" in (tmp_path / "copy" / "NOTICE.md").read_text(encoding="utf-8")


def test_the_progress_says_one_way_of_making_the_folds() -> None:
    """Asked for folds by source, with one source it folds by id: the progress said
    "folds by source", then "(folds by id)"."""
    progress: list[str] = []
    with tempfile.TemporaryDirectory() as out:
        train_term_model(_gold(), Path(out), seed=0, progress=progress.append)
    said = [line for line in progress if "folds by" in line]
    assert said and all("folds by id" in line for line in said)


def _decode_by_comparing_every_pair(
    candidates: list[Candidate], probabilities: list[float], threshold: float
) -> list[tuple[str, float]]:
    """The decoding written the plain way (each candidate against every kept one)."""
    order = sorted(range(len(candidates)), key=lambda i: (-probabilities[i], i))
    kept: list[int] = []
    for i in order:
        if probabilities[i] < threshold:
            break
        c = candidates[i]
        if all(c.end <= candidates[k].start or candidates[k].end <= c.start for k in kept):
            kept.append(i)
    kept.sort(key=lambda i: candidates[i].start)
    seen: set[str] = set()
    result = []
    for i in kept:
        if candidates[i].text.lower() not in seen:
            seen.add(candidates[i].text.lower())
            result.append((candidates[i].text, probabilities[i]))
    return result


@pytest.mark.parametrize("seed", range(40))
def test_decode_keeps_what_comparing_every_pair_keeps(seed: int) -> None:
    """decode finds the one kept span that can overlap a candidate by a search (a reply
    of many terms was quadratic); it keeps exactly what the plain comparison keeps."""
    import random

    draw = random.Random(seed)
    candidates, probabilities = [], []
    for _ in range(draw.randint(1, 60)):
        start = draw.randint(0, 200)
        end = start + draw.randint(1, 12)
        candidates.append(Candidate(start, end, f"t{draw.randint(0, 15)}", ()))
        probabilities.append(draw.choice([0.2, 0.5, 0.5, 0.7, draw.random()]))
    threshold = draw.choice([0.0, 0.3, 0.5])
    assert [(c.text, p) for c, p in decode(candidates, probabilities, threshold)] == (
        _decode_by_comparing_every_pair(candidates, probabilities, threshold)
    )


def test_a_term_on_every_line_of_a_long_reply_is_found_in_order() -> None:
    """A phrase found on each of many lines is placed at its own word (found by a search
    of where each word ends, no longer a walk from the first word)."""
    from replylint.model.terms_candidates import _chunk_at

    chunks = "Your  RMA is\tapproved.\nYour RMA".split()
    starts, at = [], 0
    text = "Your  RMA is\tapproved.\nYour RMA"
    for chunk in chunks:
        at = text.index(chunk, at)
        starts.append(at)
        at += len(chunk)
    ends = [s + len(c) for s, c in zip(starts, chunks, strict=True)]
    for position in range(len(text)):
        walked = next((i for i, e in enumerate(ends) if e > position), len(chunks) - 1)
        assert _chunk_at(ends, position) == walked, position
