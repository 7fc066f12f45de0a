"""A chat transcript given as the reply: where its labels tell the agent, the agent's
turns are the reply checked and the customer's the message it answers; where they do not,
a notice says how to label it; and nothing that is not a chat is read as one.
Transcripts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import Linter
from replylint.normalize import normalize

LABELLED = (
    "[10:02] Dana: hi my order 4471 never arrived\n"
    "[10:03] Kim (Agent): Hi Dana, I'm so sorry to hear that! Let me check your order.\n"
    "[10:05] Kim (Agent): The courier lost it. I have sent a new one today; it arrives by "
    "Thursday.\n"
    "[10:06] Dana: ok thanks\n"
    "[10:06] Kim (Agent): Thanks for your patience, Dana!\n"
)


def test_the_agents_turns_are_the_reply() -> None:
    normalized = normalize(LABELLED)
    assert normalized.text.startswith("Hi Dana, I'm so sorry")
    assert "never arrived" not in normalized.text and "ok thanks" not in normalized.text
    assert "[10:0" not in normalized.text and "(Agent)" not in normalized.text
    assert normalized.transcript is not None
    assert normalized.transcript.agents == ("Kim (Agent)",)
    assert normalized.transcript.customer_text == "hi my order 4471 never arrived\nok thanks"
    # each turn its own paragraph, so two short turns are never read as one sentence
    assert "today; it arrives by Thursday.\n\nThanks for your patience" in normalized.text


def test_offsets_point_into_the_agents_turns() -> None:
    normalized = normalize(LABELLED)
    at = normalized.text.index("Thanks for your patience")
    start, _ = normalized.offsets.to_original(at, at + 6)
    assert LABELLED[start:].startswith("Thanks for your patience")


def test_checked_as_the_agents_reply(linter: Linter) -> None:
    report = linter.check(LABELLED, channel="chat")
    assert report.checks["greeting"].present  # "[10:02] Dana: hi my order..." opened it
    assert report.checks["agent_identity"].present  # the chat shows "Kim" by each turn
    # the customer's turns are the message answered: a problem, so apology applies
    assert report.checks["apology"].applicable and report.checks["apology"].present
    assert any("Kim (Agent)'s turns are the reply checked" in n for n in report.notices)
    for finding in report.findings:
        line = LABELLED[: finding.start].rsplit("\n", 1)[-1]
        assert "Dana:" not in line, finding


def test_a_customer_message_given_apart_is_the_one_read(linter: Linter) -> None:
    report = linter.check(
        LABELLED, channel="chat", customer_message="Just checking where my order is, thanks!"
    )
    assert not report.checks["apology"].applicable


@pytest.mark.parametrize(
    ("transcript", "agent"),
    [
        (
            "Customer: my card was charged twice\nAgent: Sorry about that! I have refunded one "
            "charge.\nCustomer: great\nAgent: It shows within 3 days. Thanks for waiting!\n",
            "Agent",
        ),
        (
            "Visitor 4821: the app crashes on login\nSam: Hi! Sorry for the trouble. Please "
            "update to 5.2.\nVisitor 4821: that fixed it\nSam: Great, thanks for chatting!\n",
            "Sam",
        ),
        (
            "(10:02:13 AM) Lee: where is my refund\n(10:03:40 AM) Acme Customer Support: Hi "
            "Lee, it was sent today.\n(10:04:02 AM) Lee: ok\n(10:04:30 AM) Acme Customer "
            "Support: Thanks for your patience!\n",
            "Acme Customer Support",
        ),
    ],
)
def test_roles_tell_the_agent(transcript: str, agent: str) -> None:
    normalized = normalize(transcript)
    assert normalized.transcript is not None and normalized.transcript.agents == (agent,)
    assert agent + ":" not in normalized.text


def test_a_role_alone_names_no_agent(linter: Linter) -> None:
    report = linter.check(LABELLED.replace("Kim (Agent)", "Agent"), channel="chat")
    assert not report.checks["agent_identity"].present


def test_names_alone_are_checked_as_one_reply_with_a_notice(linter: Linter) -> None:
    names_only = LABELLED.replace("Kim (Agent)", "Kim")
    normalized = normalize(names_only)
    assert normalized.transcript is not None and normalized.transcript.agents == ()
    assert "never arrived" in normalized.text  # nothing cut: no one is known to be the agent
    report = linter.check(names_only, channel="chat")
    assert any("between Dana and Kim" in n and "(Agent)" in n for n in report.notices)


def test_an_html_transcript() -> None:
    html = "".join(f"<p>{line}</p>" for line in LABELLED.splitlines())
    normalized = normalize(html)
    assert normalized.transcript is not None
    assert normalized.text.startswith("Hi Dana,") and "ok thanks" not in normalized.text


@pytest.mark.parametrize(
    "reply",
    [
        # a settings list
        "Hi, use these settings:\nServer Name: imap.example.com\nPort: 993\nConnection "
        "Security: SSL/TLS\nAuthentication Method: Normal password\nServer Name: "
        "smtp.example.com\nPort: 465\n",
        # an FAQ
        "Q: How do I reset it?\nA: Open Settings.\nQ: And then?\nA: Tap Reset.\n",
        # numbered steps and notes
        "Step 1: Open Settings.\nStep 2: Tap Account.\nNote: it takes a minute.\nStep 3: Tap "
        "Reset.\nNote: you will be signed out.\n",
        # an order summary in an e-mail
        "Hi Ann,\n\nHere are your details.\nOrder: 4471\nCarrier: UPS\nTracking: 1Z999\n"
        "Order: 4472\nCarrier: DHL\n\nThanks,\nKim\n",
        # per-system instructions
        "Windows: open Settings.\nMac: open System Settings.\nWindows: choose Apps.\nMac: "
        "choose General.\n",
    ],
)
def test_what_is_no_chat_is_not_read_as_one(reply: str) -> None:
    normalized = normalize(reply)
    assert normalized.transcript is None
    assert normalized.text.split() == normalize(reply, input_format="text").text.split()


@pytest.mark.parametrize(
    ("agent_name", "customer_name"),
    [("Kim Ortega", None), ("kim.ortega@acme.example", None), (None, "Dana Smith")],
)
def test_names_given_with_the_reply_tell_the_agent(
    agent_name: str | None, customer_name: str | None
) -> None:
    """Help desks label chat turns with display names: the agent column of an export (a
    name or an address) or the customer's name tells which speaker is the agent."""
    names_only = LABELLED.replace("Kim (Agent)", "Kim")
    normalized = normalize(names_only, agent_name=agent_name, customer_name=customer_name)
    assert normalized.transcript is not None and normalized.transcript.agents == ("Kim",)
    assert normalized.text.startswith("Hi Dana,") and "never arrived" not in normalized.text


@pytest.mark.parametrize(
    ("agent_name", "customer_name"),
    [("Sam Lee", None), ("12345", None), (None, "Priya"), ("Kim", None)],
)
def test_a_name_that_tells_no_single_speaker_cuts_nothing(
    agent_name: str | None, customer_name: str | None
) -> None:
    # ("Kim" for both speakers: either could be the agent)
    two_kims = LABELLED.replace("Kim (Agent)", "Kim").replace("Dana:", "Kim Lee:")
    text = two_kims if agent_name == "Kim" else LABELLED.replace("Kim (Agent)", "Kim")
    normalized = normalize(text, agent_name=agent_name, customer_name=customer_name)
    assert normalized.transcript is not None and normalized.transcript.agents == ()
    assert "ok thanks" in normalized.text


def test_score_counts_the_transcripts_it_checked_whole(linter: Linter) -> None:
    from replylint.batch.summary import Summary, format_summary

    names_only = LABELLED.replace("Kim (Agent)", "Kim")
    summary = Summary()
    for agent in ("kim@acme.example", "sam@acme.example", "sam@acme.example"):
        report = linter.check(names_only, channel="chat", agent_name=agent)
        summary.add({"id": agent, "agent": agent, **report.model_dump(mode="json")})
    assert summary.whole_transcripts == 2
    assert summary.as_dict()["whole_transcripts"] == 2
    assert "chat transcripts checked whole: 2 rows" in format_summary(summary)


@pytest.mark.parametrize(
    ("transcript", "agent"),
    [
        (  # the time in brackets after the name
            "Dana (10:02): my order never arrived\nKim (Agent) (10:03): Hi Dana, I'm sorry "
            "to hear that! Let me check.\nDana (10:04): ok thanks\nKim (Agent) (10:05): It "
            "ships today. Thanks for waiting!\n",
            "Kim (Agent)",
        ),
        (
            "Dana [10:02 AM]: my order never arrived\nAgent [10:03 AM]: Hi Dana, I'm sorry "
            "to hear that!\nDana [10:04 AM]: ok thanks\nAgent [10:05 AM]: It ships today. "
            "Thanks for waiting!\n",
            "Agent",
        ),
    ],
)
def test_a_time_after_the_name_is_no_part_of_the_speaker(transcript: str, agent: str) -> None:
    normalized = normalize(transcript)
    assert normalized.transcript is not None and normalized.transcript.agents == (agent,)
    assert normalized.transcript.customers == ("Dana",)
    assert normalized.text.startswith("Hi Dana, I'm sorry") and "10:0" not in normalized.text
    assert normalized.transcript.customer_text == "my order never arrived\nok thanks"


WITH_A_BOT = (
    "Acme Assistant (bot): Hi! I'm the Acme virtual assistant. How can I help you?\n"
    "Customer: my parcel never arrived\n"
    "Acme Assistant (bot): Sorry, I didn't get that. I'll connect you to an agent.\n"
    "Kim (Agent): Hi, I'm Kim. I've sent a new parcel today; it arrives by Friday.\n"
    "Customer: ok thanks\n"
    "Kim (Agent): Thanks for your patience!\n"
)


@pytest.mark.parametrize(
    ("transcript", "bot"),
    [
        (WITH_A_BOT, "Acme Assistant (bot)"),
        (WITH_A_BOT.replace("Acme Assistant (bot)", "Bot"), "Bot"),
        # a bot named like the agent's role is still a bot
        (WITH_A_BOT.replace("Acme Assistant (bot)", "Virtual Agent"), "Virtual Agent"),
        (WITH_A_BOT.replace("Acme Assistant (bot)", "Support Bot"), "Support Bot"),
        (WITH_A_BOT.replace("Acme Assistant (bot)", "Virtual assistant"), "Virtual assistant"),
    ],
)
def test_a_bots_turns_are_neither_the_reply_nor_the_customers(transcript: str, bot: str) -> None:
    normalized = normalize(transcript)
    reading = normalized.transcript
    assert reading is not None
    assert reading.agents == ("Kim (Agent)",) and reading.customers == ("Customer",)
    assert reading.bots == (bot,)
    assert reading.customer_text == "my parcel never arrived\nok thanks"
    assert normalized.text.startswith("Hi, I'm Kim.") and "virtual assistant" not in normalized.text
    assert any(r.kind == "bot_turn" for r in normalized.removed)


def test_the_chat_systems_lines_are_neither_the_reply_nor_the_customers() -> None:
    """A help desk's export writes who joined and left as a "System" speaker's turns;
    with the agent labelled, every other speaker was read as the customer, and "Kim
    joined the chat" was part of the customer's message."""
    with_system = (
        "System: Kim joined the chat\n"
        "Customer: my order never arrived\n"
        "Kim (Agent): Hi, I'm Kim. I'm sorry! I've sent a new one today.\n"
        "Customer: ok thanks\n"
        "Kim (Agent): Thanks for waiting!\n"
        "System: Kim left the chat\n"
    )
    reading = normalize(with_system).transcript
    assert reading is not None and reading.bots == ("System",)
    assert reading.customer_text == "my order never arrived\nok thanks"


def test_a_bots_words_are_not_the_customers_problem(linter: Linter) -> None:
    """The customer only says thanks: the bot's "Sorry, I didn't get that" is no problem
    of theirs that would call for an apology."""
    calm = WITH_A_BOT.replace("my parcel never arrived", "when does my parcel arrive?")
    report = linter.check(calm, channel="chat")
    assert not report.checks["apology"].applicable
    assert any("Acme Assistant (bot)'s left out" in n for n in report.notices)


UNANSWERED = (
    "Bot: Hi! I'm the Acme assistant. How can I help?\n"
    "Customer: my parcel is a week late\n"
    "Bot: Sorry, I didn't get that. Could you say it another way?\n"
    "Customer: where is my parcel\n"
)


def test_a_transcript_with_no_agent_turn_has_nothing_to_check() -> None:
    """Only a bot and the customer speak: the bot's words are not the agent's reply."""
    normalized = normalize(UNANSWERED)
    reading = normalized.transcript
    assert reading is not None and reading.unanswered
    assert reading.bots == ("Bot",) and reading.customers == ("Customer",)
    assert reading.customer_text == "my parcel is a week late\nwhere is my parcel"
    assert normalized.text.strip() == ""


def test_checking_it_says_there_is_no_agent_turn(linter: Linter) -> None:
    """It was checked whole: the bot's "Sorry" an apology, its opening a missing greeting."""
    from replylint import InputError, ReplyError, ReplyInput
    from replylint.linter import NOTHING_LEFT

    with pytest.raises(InputError) as raised:
        linter.check(UNANSWERED, channel="chat")
    message = str(raised.value)
    assert message.startswith(NOTHING_LEFT)  # (replylint eval: nothing present)
    assert 'no agent speaks in this chat transcript, only "Bot" and "Customer"' in message
    assert "(Agent)" in message
    items = [
        ReplyInput(id="t1", reply=UNANSWERED, channel="chat"),
        ReplyInput(id="t2", reply="Hi!"),
    ]
    first, second = linter.check_many(items)
    assert isinstance(first, ReplyError) and first.id == "t1" and first.error == message
    assert not isinstance(second, ReplyError)


def test_the_command_says_there_is_no_agent_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from replylint.cli import main

    (tmp_path / "chat.txt").write_text(UNANSWERED, encoding="utf-8")
    code = main(["check", "--isolated", "--format", "json", str(tmp_path / "chat.txt")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert 'no agent speaks in this chat transcript, only "Bot" and "Customer"' in err
    assert "Traceback" not in err


def test_the_customers_name_tells_a_transcript_with_no_agent_turn() -> None:
    names_only = UNANSWERED.replace("Customer:", "Dana:")
    reading = normalize(names_only, customer_name="Dana Smith").transcript
    assert reading is not None and reading.unanswered
    # a name nothing tells may be the agent's: checked whole, as before, with its notice
    reading = normalize(names_only).transcript
    assert reading is not None and not reading.unanswered and reading.agents == ()
    assert "where is my parcel" in normalize(names_only).text


def test_scores_summary_counts_unanswered_transcripts_as_one_reason(linter: Linter) -> None:
    """The speakers differ from chat to chat; the reason under ``score``'s summary does not."""
    from replylint import ReplyError, ReplyInput
    from replylint.batch.summary import error_kind

    other = UNANSWERED.replace("Bot:", "Acme Assistant (bot):").replace("Customer:", "Visitor 7:")
    errors = [
        result.error
        for result in linter.check_many([ReplyInput(reply=UNANSWERED), ReplyInput(reply=other)])
        if isinstance(result, ReplyError)
    ]
    assert len(errors) == 2 and errors[0] != errors[1]
    assert error_kind(errors[0]) == error_kind(errors[1])
    assert "agent speaks" in error_kind(errors[0])
