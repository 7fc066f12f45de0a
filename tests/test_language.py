"""Replies not in English: detected offline and cheaply, said in a notice, and the
English-only checks reported not applicable instead of failing. Short or mixed replies
stay English."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator

import pytest

from replylint import CORE_CHECKS, Linter, Report, Rule, language
from replylint.analysis import AnalyzedReply
from replylint.language import detect_language
from replylint.registry import discover_rule_classes
from replylint.report import Finding

FRENCH = (
    "Bonjour Marie, merci pour votre message. Nous avons remboursé votre commande "
    "aujourd'hui et vous recevrez l'argent sous trois jours."
)
GERMAN = (
    "Hallo Herr Müller, vielen Dank für Ihre Nachricht. Wir haben Ihre Bestellung heute "
    "storniert und das Geld zurücküberwiesen."
)


@pytest.mark.parametrize(
    ("reply", "code", "name"), [(FRENCH, "fr", "French"), (GERMAN, "de", "German")]
)
def test_a_reply_in_another_language_is_not_checked_as_english(
    linter: Linter, reply: str, code: str, name: str
) -> None:
    report = linter.check(reply, customer_message="It is broken, I am angry!")
    assert report.language == code
    assert f"the reply looks like {name} ({code}); the English-only checks were not applied" in (
        report.notices
    )
    assert report.findings == []  # no "missing greeting", no French words as jargon
    for check in CORE_CHECKS:
        verdict = report.checks[check]
        assert not verdict.applicable and f"looks like {name}" in (verdict.reason or "")
    assert report.score is None  # nothing was checked: no 100 to count as perfect
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_an_english_reply_with_a_french_phrase_is_still_checked(linter: Linter) -> None:
    report = linter.check("Your RMA is approved, c'est la vie, and it ships today.")
    assert report.language == "en" and report.notices == []
    assert {"greeting", "closing_thanks", "jargon"} <= {f.check for f in report.findings}


@pytest.mark.parametrize(
    "text",
    [
        "Merci beaucoup !",  # too short to tell
        "Ok!",
        "Danke schön, bis bald.",
        "See https://support.mozilla.org/en-US/questions/1424212",  # a link is no language
        "Right-click Inbox - Mark Folder Read",  # terse English
        "Try TB menu > View > Toolbars > Menu Bar.",
        "Bonjour, I have reset your password and you can log in again now. Thanks!",
    ],
)
def test_short_terse_or_mixed_text_counts_as_english(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # acronyms, codes and product spellings are no language's words: read as
        # Estonian and Walloon while they counted
        "Hi Rob, SIM via eSIM QR w/ APN: EE, MMS, LTE, VoLTE on. Mo",
        "Hey Kim, ur tix r w/ DHL, trk # 7Q812BB, del est Tue. Lu",
        # shorthand the classifier cannot place (about 0.1 to its first language): read
        # as Catalan, "not English" at 0.95 only because English is one of 97
        "Hi Ana, via Okta w/ Entity cert, pls chk. Jo",
    ],
)
def test_terse_technical_english_is_checked_as_english(linter: Linter, text: str) -> None:
    """A reply skipped as another language passes with 100 and no finding: the silent
    pass a gate must not give."""
    assert detect_language(text) is None
    report = linter.check(text, channel="social")
    assert report.language == "en" and report.notices == []
    assert all(report.checks[check].applicable for check in ("greeting", "next_step"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hola Ana, gracias por tu mensaje. Hemos reembolsado tu pedido hoy.", "es"),
        ("Hoi Sam, bedankt voor je bericht. We hebben je bestelling vandaag terugbetaald.", "nl"),
        ("Dziękuję bardzo za wiadomość, sprawdzimy to jutro rano.", "pl"),
        ("您好，感谢您的来信。我们已经为您办理了退款，请注意查收。", "zh"),
    ],
)
def test_other_languages_are_told_apart(text: str, code: str) -> None:
    detected = detect_language(text)
    assert detected is not None and detected.code == code and detected.confidence >= 0.95


class FrenchPoliteness(Rule):
    """A rule that reads French: it still runs on French replies."""

    id = "fr.vous"
    check_name = "vouvoiement"
    standard = "A positive tone"
    rationale = "Customers are addressed formally."
    languages = frozenset({"fr"})

    def check(self, reply: AnalyzedReply) -> Iterator[Finding]:
        for token in reply.doc:
            if token.lower_ == "tu":
                yield self.finding(reply, "Vouvoyez le client.", (token.idx, token.idx + 2))


def test_rules_that_read_the_language_still_run() -> None:
    linter = Linter(rule_classes=[*discover_rule_classes(), FrenchPoliteness])
    report = linter.check("Bonjour Marie, tu peux redémarrer l'application et tout ira bien.")
    assert report.language == "fr"
    assert [(f.rule, f.text) for f in report.findings] == [("fr.vous", "tu")]
    assert report.checks["greeting"].applicable is False


def test_detection_opens_no_socket() -> None:
    """The classifier's model ships in its wheel; loading it must not reach out."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise AssertionError("language detection tried to open a network connection")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from replylint.language import detect_language
        detected = detect_language(REPLY)
        assert detected is not None and detected.code == "fr", detected
        print("ok")
        """
    ).replace("REPLY", repr(FRENCH))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


# -- loading the language model ahead of need (batch runs, the language server) ----------


class _SlowLoad:
    """A stand-in for py3langid's load that takes a while and counts its calls."""

    def __init__(self, seconds: float = 0.3, error: Exception | None = None) -> None:
        self.seconds, self.error, self.calls = seconds, error, 0

    def __call__(self) -> object:
        self.calls += 1
        time.sleep(self.seconds)
        if self.error is not None:
            raise self.error
        return FakeClassifier()


class FakeClassifier:
    def rank(self, text: str) -> list[tuple[str, float]]:
        return [("fr", 1.0)]


@pytest.fixture
def fresh_cell(monkeypatch: pytest.MonkeyPatch) -> Iterator[_SlowLoad]:
    """The module's classifier cell, empty, with a slow stand-in loader."""
    slow = _SlowLoad()
    monkeypatch.setattr(language, "_load_classifier", slow)
    monkeypatch.setattr(language, "_CLASSIFIER", language._ClassifierCell())
    yield slow


def test_a_load_begun_in_the_background_is_waited_for_not_repeated(
    fresh_cell: _SlowLoad,
) -> None:
    wait = language.load_in_background()
    assert detect_language(FRENCH) is not None  # needs the model while it is loading
    wait()
    assert detect_language(GERMAN) is not None
    assert fresh_cell.calls == 1


def test_a_failed_background_load_is_raised_where_the_model_is_used(
    monkeypatch: pytest.MonkeyPatch, fresh_cell: _SlowLoad
) -> None:
    fresh_cell.error = OSError("model file unreadable")
    language.load_in_background()()  # says nothing itself
    with pytest.raises(OSError, match="model file unreadable"):
        detect_language(FRENCH)
    assert fresh_cell.calls == 2  # tried again where it was needed


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_a_fork_during_a_background_load_leaves_the_child_a_working_model(
    fresh_cell: _SlowLoad,
) -> None:
    """A batch run with --jobs 2 forks its workers while the load may be under way: a
    child that inherited the loading thread's lock, without the thread, would wait
    forever at its first terse reply."""
    language.load_in_background()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read)
        done = threading.Event()
        threading.Thread(target=lambda: (detect_language(FRENCH), done.set()), daemon=True).start()
        os.write(write, b"ok" if done.wait(5) else b"stuck")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 16)
    os.waitpid(child, 0)
    os.close(read)
    assert answer == b"ok"
    assert fresh_cell.calls == 1  # the child inherited the loaded model


def test_a_full_temporary_folder_does_not_stop_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    """py3langid unpacks its model through a temporary file: with TMPDIR full (or
    read-only) every reply that needed the classifier failed, though the model can be
    unpacked in memory. The load falls back to that, and tells the languages apart as
    before."""
    import py3langid.modelio

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(py3langid.modelio.tempfile, "TemporaryFile", full_disk)
    monkeypatch.setattr(language, "_CLASSIFIER", language._ClassifierCell())
    french, german = detect_language(FRENCH), detect_language(GERMAN)
    assert french is not None and french.code == "fr"
    assert german is not None and german.code == "de"


def test_english_prose_is_decided_from_its_first_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reply whose first words already hold a tenth of its tokens in English function
    words is English however the rest reads: it is not split into words and counted
    whole (half of detection's time, on nearly every reply)."""
    from replylint import language

    split: list[str] = []
    words = language._words
    monkeypatch.setattr(language, "_words", lambda sample: split.append(sample) or words(sample))
    prose = "Thanks for your patience: we have refunded the order, and you will see it soon. " * 9
    assert detect_language(prose) is None
    assert split == []
    german = "Vielen Dank für Ihre Nachricht, die Rechnung wurde heute storniert und erstattet."
    assert detect_language(german) is not None
    assert split
