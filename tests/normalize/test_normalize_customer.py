"""The customer's own words: the thread quoted under their message is not what they
report now."""

from __future__ import annotations

import pytest

from replylint import Linter, LinterConfig
from replylint.normalize.customer import own_words

_NOW = "Hi Tom,\n\nAll good now, the app syncs fine. Thanks!\n\nIlse"
_EARLIER = "Hi Ilse, I'm sorry the app keeps crashing and will not sync. Please update it."


@pytest.mark.parametrize(
    "message",
    [
        f"{_NOW}\n\nOn Mon, 2 Mar 2026 at 09:10, Acme Support <help@example.com> wrote:\n"
        + "\n".join(f"> {line}" for line in _EARLIER.split(". ")),
        f"{_NOW}\r\n\r\nOn Mon, 2 Mar 2026 at 09:10, Acme Support <help@example.com> wrote:"
        f"\r\n\r\n{_EARLIER}\r\n",
        f"{_NOW}\n\n-----Original Message-----\nFrom: Acme Support\n\n{_EARLIER}",
        f"{_NOW}\n\nVon: Acme Support <help@example.com>\nGesendet: Montag, 2. März 2026\n"
        f"An: Ilse Berg\nBetreff: Sync\n\n{_EARLIER}",
    ],
)
def test_the_thread_under_a_plain_text_message_is_not_the_customers(message: str) -> None:
    words = own_words(message)
    assert "All good now" in words
    assert "sorry" not in words and "crashing" not in words


def test_the_thread_in_an_html_message_is_not_the_customers() -> None:
    message = (
        '<div dir="ltr">All good now, the app syncs again. Thanks!</div>'
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, 2 Mar 2026, Acme wrote:</div>'
        f"<blockquote>{_EARLIER}</blockquote></div>"
    )
    words = own_words(message)
    assert words.startswith('<div dir="ltr">All good now')
    assert "crashing" not in words


def test_a_message_without_a_thread_is_read_as_it_is() -> None:
    for message in (
        "My parcel is late > 2 weeks now!",
        "<p>Firefox keeps crashing since the update.</p>",
        "Re: order 4411 - it never arrived",
    ):
        assert own_words(message) is message


def test_a_customer_answering_under_the_quote_keeps_their_answer() -> None:
    message = (
        "On Mon, 2 Mar 2026 at 09:10, Acme Support <help@example.com> wrote:\n"
        "> Could you send a screenshot?\n\nHere it is: the app still crashes on start."
    )
    assert own_words(message).strip() == "Here it is: the app still crashes on start."


def test_the_agents_quoted_apology_does_not_make_an_apology_applicable() -> None:
    """The customer writes that all is well, above the agent's earlier reply quoted by
    their mail client: the earlier "keeps crashing" was read as the customer reporting a
    problem, and the agent's next reply was told it lacks an apology."""
    linter = Linter(LinterConfig(select=["apology", "empathy"], model="none"))
    message = (
        f"{_NOW}\n\nOn Mon, 2 Mar 2026 at 09:10, Acme Support <help@example.com> wrote:\n"
        f"> {_EARLIER}\n"
    )
    report = linter.check("Hi Ilse,\n\nGreat to hear it works!\n\nTom", customer_message=message)
    assert not report.checks["apology"].applicable, report.checks["apology"].reason
    assert not report.checks["empathy"].applicable
    assert report.findings == []


def test_a_message_that_is_only_a_forwarded_mail_is_kept_whole() -> None:
    """A customer who forwards the shop's mail without a word of their own sends that
    mail as their message."""
    message = (
        "---------- Forwarded message ---------\nFrom: Shop <orders@example.com>\n"
        "Date: Mon, 2 Mar 2026\nSubject: Delay\n\nYour order is delayed by two weeks."
    )
    assert own_words(message) is message
