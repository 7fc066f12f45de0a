"""The library API: reports, streaming, thread safety, the blank-pipeline fallback."""

from __future__ import annotations

import gc
import importlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from replylint import CORE_CHECKS, InputError, Linter, LinterConfig, ReplyInput, Report
from replylint import nlp as nlp_module

REPLIES = [
    "Hi Dana, sorry about the delay! Your parcel arrives tomorrow. Thanks!",
    "Your RMA is approved. Let us know if you need anything.",
    "<p>Hello Sam,</p><p>Please clear the cache &amp; restart Firefox.</p>",
    "@acme Hi there, please DM us your order number. ^JK",
    "Thanks for reaching out. The SLA covers this.",
] * 40


def test_report_has_all_core_checks_and_score(linter: Linter) -> None:
    report = linter.check("Hi Dana, your order ships today. Thanks!")
    assert isinstance(report, Report)
    assert set(CORE_CHECKS) <= set(report.checks)
    assert list(report.checks)[: len(CORE_CHECKS)] == list(CORE_CHECKS)
    assert 0 <= report.score <= 100
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_check_many_streams_same_reports_as_check(linter: Linter) -> None:
    items = [ReplyInput(reply=r, channel="social") for r in REPLIES[:10]]
    streamed = list(linter.check_many(iter(items), batch_size=3))
    single = [linter.check(r, channel="social") for r in REPLIES[:10]]
    assert streamed == single


OPENINGS = ["Hi Dana,", "Hello!", "", "<p>Dear Sam,</p>", "@acme", "Hi {{first_name}},"]
MIDDLES = [
    "sorry about the delay, your parcel arrives tomorrow.",
    "your RMA is approved and the SLA covers it.",
    "please clear the cache & restart the app.",
    "I understand how frustrating this is; our team will call you by Friday.",
    "replylint: disable=jargon\nthe MFA token expired.",
    "let us know if you need anything.",
]
CLOSINGS = ["Thanks!", "", "Best,\nSam", "^JK", "Thank you for your patience."]
#: A few hundred different replies: every combination, each numbered so none repeats.
MANY = [
    f"{o}\n{m} Ticket {i}.\n{c}"
    for i, (o, m, c) in enumerate((o, m, c) for o in OPENINGS for m in MIDDLES for c in CLOSINGS)
]


def test_threads_share_one_linter(linter: Linter) -> None:
    """8 threads over a few hundred different replies give the sequential reports."""
    cases = [(reply, customer) for reply in MANY for customer in ("It broke!", None)]
    assert len(set(cases)) == 360

    def check(case: tuple[str, str | None]) -> Report:
        return linter.check(case[0], customer_message=case[1])

    sequential = [check(case) for case in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(check, cases))
    assert parallel == sequential


def test_every_finding_slices_the_original(linter: Linter) -> None:
    for reply in REPLIES[:5]:
        for finding in linter.check(reply).findings:
            assert reply[finding.start : finding.end] == finding.text
            assert 0 <= finding.start <= finding.end <= len(reply)


@pytest.mark.parametrize("reply", ["", "   \n", "<p></p>"])
def test_empty_reply_is_an_input_error(linter: Linter, reply: str) -> None:
    with pytest.raises(InputError, match="empty"):
        linter.check(reply)


def test_bad_channel_is_an_input_error(linter: Linter) -> None:
    with pytest.raises(InputError, match="channel"):
        linter.check("Hi", channel="fax")  # type: ignore[arg-type]


def test_oversized_reply_is_refused() -> None:
    small = Linter(LinterConfig(max_reply_chars=50))
    with pytest.raises(InputError, match="over the limit"):
        small.check("Hi " * 40)


def test_min_confidence_hides_findings_but_keeps_the_score(linter: Linter) -> None:
    """README: the verdicts and the score stay as checked. The jargon a min-confidence
    hid was dropped from the score's penalty too, so a team's config raised its scores."""
    reply = "Hi Dana,\n\nYour RMA is in the tier-2 escalation queue.\n\nThanks,\nLee"
    strict = Linter(LinterConfig(min_confidence=0.99))
    shown, hidden = linter.check(reply), strict.check(reply)
    assert any(f.check == "jargon" for f in shown.findings)
    assert not any(f.check == "jargon" for f in hidden.findings)
    assert shown.score < 100
    assert hidden.score == shown.score
    # a directive that silences the jargon still lifts its penalty, hidden or shown
    silenced = "<!-- replylint: disable=jargon -->\n" + reply
    assert strict.check(silenced).score == linter.check(silenced).score > shown.score


def test_min_confidence_filters_findings(linter: Linter) -> None:
    strict = Linter(LinterConfig(min_confidence=0.99))
    reply = "Your RMA is approved."
    assert any(f.check == "jargon" for f in linter.check(reply).findings)
    assert not any(f.check == "jargon" for f in strict.check(reply).findings)


def test_blank_pipeline_fallback_works_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that needs the tagger, with the trained package missing: a notice, and
    the checks still run on the blank pipeline."""
    real_import = importlib.import_module

    def no_model(name: str, *args: object) -> object:
        if name == nlp_module.PIPELINE_PACKAGE:
            raise ImportError(name)
        return real_import(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(nlp_module.importlib, "import_module", no_model)
    pipeline = nlp_module._load.__wrapped__(frozenset({"tagger"}))  # type: ignore[attr-defined]
    assert not pipeline.trained and pipeline.notices == (nlp_module.BLANK_NOTICE,)
    import replylint.linter as linter_module

    monkeypatch.setattr(linter_module, "load_pipeline", lambda caps=(): pipeline)
    report = Linter().check("Hi Dana, please restart the app. Thanks!")
    assert report.checks["greeting"].present and report.checks["next_step"].present
    assert report.notices == [nlp_module.BLANK_NOTICE]


def test_trained_pipeline_serves_rules_that_need_a_tagger() -> None:
    pipeline = nlp_module.load_pipeline({"tagger"})
    assert pipeline.trained and "tagger" in pipeline.nlp.pipe_names
    assert "parser" not in pipeline.nlp.pipe_names
    assert [t.pos_ for t in pipeline.nlp("Please restart it")][1] == "VERB"


def test_token_only_pipeline_normalises_spelling_like_the_trained_one() -> None:
    blank = nlp_module.load_pipeline().nlp
    trained = nlp_module.load_pipeline({"tagger"}).nlp
    text = "I apologise, pls try travelling by Buses"
    assert [t.norm_ for t in blank(text)] == [t.norm_ for t in trained(text)]
    assert "apologize" in [t.norm_ for t in blank(text)]


def test_trained_pipeline_is_used_without_notice(linter: Linter) -> None:
    assert linter.check("Hi Dana, thanks!").notices == []


def test_reports_carry_the_service_checks_after_the_core_ones(linter: Linter) -> None:
    from replylint import REPORTED_CHECKS, SCHEMA_VERSION, SERVICE_CHECKS

    report = linter.check("Hi Dana, your refund was sent today. Thanks!")
    assert SCHEMA_VERSION == "2.1" and report.schema_version == "2.1"
    assert list(report.checks)[: len(REPORTED_CHECKS)] == [*CORE_CHECKS, *SERVICE_CHECKS]
    assert report.checks["customer_name"].applicable is False  # no name known


def test_template_mode_reaches_the_analysed_reply_from_call_input_and_config(
    linter: Linter,
) -> None:
    assert linter.analyze("Hi {{first_name}}").template is False
    assert linter.analyze("Hi {{first_name}}", template=True).template is True
    configured = Linter(LinterConfig(select=["template_residue"], template=True))
    assert configured.analyze("Hi {{first_name}}").template is True
    assert configured.analyze("Hi {{first_name}}", template=False).template is False
    [sent, macro] = linter.check_many(
        [ReplyInput(reply="Hi {{first_name}}, thanks!"),
         ReplyInput(reply="Hi {{first_name}}, thanks!", template=True)]
    )  # fmt: skip
    assert isinstance(sent, Report) and isinstance(macro, Report)
    assert sent.checks["template_residue"].present is False
    assert macro.checks["template_residue"].applicable is False


def test_service_checks_weigh_only_when_they_fail() -> None:
    from replylint.report import CheckResult
    from replylint.scoring import score

    passed = {"greeting": CheckResult(present=False), "customer_name": CheckResult(present=True)}
    failed = {**passed, "customer_name": CheckResult(present=False)}
    weights = {"greeting": 10, "customer_name": 15}
    assert score(passed, weights, []) == 0  # as if customer_name did not exist
    assert score({**passed, "greeting": CheckResult(present=True)}, weights, []) == 100
    assert score({**failed, "greeting": CheckResult(present=True)}, weights, []) == 40


def test_a_channel_profile_may_make_a_service_check_optional() -> None:
    from replylint import ChannelProfile

    linter = Linter(
        LinterConfig(
            select=["customer_name"], channels={"chat": ChannelProfile(optional=["customer_name"])}
        )
    )
    report = linter.check("Hi Sarah!", channel="chat", customer_name="John Miller")
    assert report.checks["customer_name"].optional and report.score == 100


def test_checked_replies_leave_nothing_for_the_cycle_collector(linter: Linter) -> None:
    """A reply's doc holds its cached matches, which hold the doc: the linter drops those
    caches with the report, so scoring makes no cyclic garbage (which cost a third of
    the batch time while the collector had to find it)."""
    replies = [
        "Hi Sam, I'm sorry the SMTP relay rejected your invoice. I've reset it; "
        "please try again by Friday. Thanks for your patience!",
        "Sorry about that. Please hold while I check your order.",
    ]
    list(linter.check_many(replies))  # warm: lazily built resources are not garbage
    gc.collect()
    gc.disable()
    try:
        reports = list(linter.check_many(replies * 5))
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert len(reports) == 10


def test_an_analysed_reply_stays_usable_after_release(linter: Linter) -> None:
    reply = linter.analyze("Hi Dana, I've refunded the order. Thanks for your patience!")
    before = [s.text for s in reply.sentences]
    reply.release()
    assert reply.doc.user_data == {}
    assert [s.text for s in reply.sentences] == before
    assert linter.rules[0].run(reply) is not None


def test_a_model_directory_may_be_given_as_a_path() -> None:
    """As ``packs`` are: a ticket system builds paths, not strings."""
    from pathlib import Path

    from replylint.resources import data_dir

    linter = Linter({"model": Path(data_dir("models") / "default")})
    assert linter.model is not None


@pytest.mark.parametrize(
    ("key", "meant"), [("min-confidence", "min_confidence"), ("modle", "model")]
)
def test_a_misspelt_or_file_spelt_field_names_the_one_meant(key: str, meant: str) -> None:
    """A configuration file writes "min-confidence"; the library, Python's spelling."""
    from replylint import ConfigError

    with pytest.raises(ConfigError, match=f"{key}: .*did you mean '{meant}'"):
        Linter({key: 0.5})


def test_an_unknown_field_lists_the_fields_allowed() -> None:
    from replylint import ConfigError

    with pytest.raises(
        ConfigError, match=r"\(allowed: channel_names, channels, .*min_confidence, model"
    ):
        Linter({"qqqq": 1})


BLANK_NAMES = ["   ", "\t", "\u00a0", "\u3000\n"]
SIGNED = "Hi Dana, your replacement was sent today. Thanks, Sam"


@pytest.mark.parametrize("name", BLANK_NAMES)
def test_a_customer_name_of_blanks_is_no_name(linter: Linter, name: str) -> None:
    """An export's cell holding only spaces crashed agent_identity (IndexError), and with
    it `check`, a whole `serve` batch and every such row of `score`."""
    report = linter.check(SIGNED, channel="chat", customer_name=name)
    assert report == linter.check(SIGNED, channel="chat")
    [many] = linter.check_many([ReplyInput(reply=SIGNED, channel="chat", customer_name=name)])
    assert many == report


def test_a_customer_name_keeps_its_words_without_the_blanks_around_them(linter: Linter) -> None:
    assert ReplyInput(reply=SIGNED, customer_name="  Dana Reyes \t").customer_name == "Dana Reyes"


APOLOGETIC = "Hi Dana, I'm so sorry your parcel arrived broken. A new one ships today. Thanks, Sam"


@pytest.mark.parametrize("message", ["", "  \n", "\t", "\u00a0"])
def test_a_customer_message_of_blanks_is_no_message(linter: Linter, message: str) -> None:
    """A ticket's empty description ("" from a database column or a web form) was read
    as a message reporting no problem: empathy stopped applying to a reply that
    apologises for a breakage, which then scored 100, where the same reply without a
    message scored lower, with a reason saying the customer reported no problem."""
    without = linter.check(APOLOGETIC, channel="chat")
    report = linter.check(APOLOGETIC, channel="chat", customer_message=message)
    assert report.checks["empathy"].applicable
    assert report == without
    [many] = linter.check_many(
        [ReplyInput(reply=APOLOGETIC, channel="chat", customer_message=message)]
    )
    assert many == without


def test_pickling_a_linter_says_to_send_its_configuration(linter: Linter) -> None:
    """A ticket system handing the Linter to a worker process (multiprocessing, a task
    queue) got "cannot pickle '_thread.lock' object"; the configuration pickles, and the
    error says to build a Linter per process from it."""
    import pickle

    with pytest.raises(TypeError, match=r"send its configuration \(linter.config"):
        pickle.dumps(linter)
    assert Linter(pickle.loads(pickle.dumps(linter.config))).config == linter.config
    report = linter.check("Hi Dana, your refund was sent today. Thanks, Sam")
    assert pickle.loads(pickle.dumps(report)) == report


def test_a_verdict_the_rules_gave_before_is_not_built_again(linter: Linter) -> None:
    """A presence check gives the same few verdicts over and over; the rules' result for
    the same fields is built once (results are frozen, so reports may share one) and
    reports the same as a new one would."""
    first = linter.check("Your refund went out today.", channel="email")
    second = linter.check("The order ships on Monday.", channel="email")
    assert first.checks["greeting"] == second.checks["greeting"]
    assert first.checks["greeting"] is second.checks["greeting"]
    assert not first.checks["greeting"].present and first.checks["greeting"].applicable
