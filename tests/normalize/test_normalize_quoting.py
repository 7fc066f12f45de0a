"""Quoted history, signatures and legal footers are not the agent's reply."""

from __future__ import annotations

import pytest

from replylint.normalize import NormalizedReply, normalize


def _kinds(result: NormalizedReply) -> list[str]:
    return [r.kind for r in result.removed]


def _removed_text(result: NormalizedReply, kind: str) -> list[str]:
    return [result.original[r.start : r.end] for r in result.removed if r.kind == kind]


def test_gt_quoted_lines_are_removed() -> None:
    raw = "Hi Pat,\n\n> I was charged twice\n> please fix\n\nThe duplicate charge is refunded."
    result = normalize(raw)
    assert result.text == "Hi Pat,\n\nThe duplicate charge is refunded."
    assert _removed_text(result, "quote") == ["> I was charged twice\n> please fix\n"]


def test_indented_quote_lines_are_removed() -> None:
    result = normalize("Sure thing.\n   >> earlier earlier\n  > earlier\nDone.")
    assert result.text == "Sure thing.\nDone."


def test_a_gt_inside_a_line_is_not_a_quote() -> None:
    raw = "Open Settings > General > About and tell us the version."
    assert normalize(raw).text == raw
    raw = "Tap Menu -> Add-ons -> Extensions."
    assert normalize(raw).text == raw


def test_on_date_wrote_cuts_to_the_end() -> None:
    raw = (
        "Your replacement ships today.\n\n"
        "On Tue, Mar 5, 2024 at 9:12 AM Dana Cole <dana@example.com> wrote:\n"
        "Where is my order?? I am sorry to be a pain.\n"
    )
    result = normalize(raw)
    assert result.text == "Your replacement ships today."
    assert _removed_text(result, "quote")[0].startswith("On Tue, Mar 5")


def test_wrapped_attribution_line() -> None:
    raw = (
        "All fixed now.\n\nOn Tue, Mar 5, 2024 at 9:12 AM Dana Cole\n"
        "<dana@example.com> wrote:\nmy old message\n"
    )
    assert normalize(raw, input_format="text").text == "All fixed now."


def test_bottom_posted_reply_after_a_quote_is_kept() -> None:
    raw = "On Mon, Sam wrote:\n> Can I change my plan?\n\nYes, you can change it any time."
    result = normalize(raw)
    assert result.text == "Yes, you can change it any time."
    assert _kinds(result) == ["quote", "quote"]


def test_original_message_separator() -> None:
    raw = "We have reset your password.\n\n-----Original Message-----\nFrom: Kim\nHelp!"
    assert normalize(raw).text == "We have reset your password."


def test_outlook_header_block() -> None:
    raw = (
        "Thanks, your ticket is closed.\n"
        "________________________________\n"
        "From: Kim Park <kim@example.com>\n"
        "Sent: Monday, May 6, 2024 10:01 AM\n"
        "To: Support\n"
        "Subject: refund\n\n"
        "I want a refund, sorry for the trouble.\n"
    )
    result = normalize(raw)
    assert result.text == "Thanks, your ticket is closed."
    assert _removed_text(result, "quote")[0].startswith("____")


def test_from_line_without_header_block_stays() -> None:
    raw = "From: the billing team\nYour invoice is attached."
    assert normalize(raw).text == raw


def test_signature_after_dash_dash_is_removed() -> None:
    raw = "Your account is unlocked.\n\nBest,\nSam\n-- \nSam Lee\nAcme Support\n+1 555 010 0199"
    result = normalize(raw)
    assert result.text == "Your account is unlocked.\n\nBest,\nSam"
    assert _removed_text(result, "signature") == ["-- \nSam Lee\nAcme Support\n+1 555 010 0199"]


def test_signature_delimiter_that_would_leave_nothing_is_kept() -> None:
    raw = "--\nSam Lee\nAcme Support"
    result = normalize(raw)
    assert "Sam Lee" in result.text
    assert "signature" not in _kinds(result)


def test_dash_dash_followed_by_reply_sentences_is_not_a_signature() -> None:
    raw = (
        "Cheers!\n--\nRoland\n\nFor what it is worth, this also happens when the cache "
        "is full and the device is low on storage."
    )
    result = normalize(raw)
    assert "For what it is worth" in result.text
    assert "signature" not in _kinds(result)


def test_dash_dash_followed_by_a_short_sentence_is_not_a_signature() -> None:
    """A separator line, then a sentence of few lower-case words: still the reply."""
    head = "Hi Ann,\n\nThe new SKU ships tomorrow.\n--\n"
    raw = head + "The WMS refund reaches you by Friday.\nThanks,\nTom"
    result = normalize(raw)
    assert "The WMS refund reaches you by Friday." in result.text and "Tom" in result.text
    assert "signature" not in _kinds(result)
    contact = head + "Tom Reyes\nCustomer Care at Acme Ltd.\n+1 555 010 0199"
    assert _removed_text(normalize(contact), "signature") == [
        "--\nTom Reyes\nCustomer Care at Acme Ltd.\n+1 555 010 0199"
    ]  # (a contact line ending in "Ltd." has too few lower-case words to be a sentence)


def test_dash_dash_inside_a_line_is_not_a_signature() -> None:
    raw = "Open Menu -- Add-ons and remove the extension."
    assert normalize(raw).text == raw


def test_confidentiality_footer_is_removed() -> None:
    raw = (
        "Hi Alex,\n\nYour order shipped today.\n\nKind regards,\nJo\n\n"
        "CONFIDENTIALITY NOTICE: This email and any attachments are confidential and\n"
        "intended solely for the addressee.\n\nVisit our help centre any time."
    )
    result = normalize(raw)
    assert result.text == (
        "Hi Alex,\n\nYour order shipped today.\n\nKind regards,\nJo\n\n"
        "Visit our help centre any time."
    )
    footer = _removed_text(result, "footer")
    assert footer == [
        "CONFIDENTIALITY NOTICE: This email and any attachments are confidential and\n"
        "intended solely for the addressee."
    ]


def test_intended_recipient_footer() -> None:
    raw = (
        "Your refund was issued.\n\n"
        "If you are not the intended recipient of this email, please delete it.\n"
    )
    assert normalize(raw).text == "Your refund was issued."


def test_intended_recipient_in_a_reply_sentence_is_kept() -> None:
    raw = (
        "Hi Sam,\n\nIf you are not the intended recipient of the parcel, "
        "please hand it back to the courier."
    )
    assert normalize(raw).text == raw


def test_sent_from_my_iphone_removes_only_that_line() -> None:
    raw = "Yes, that works.\nThanks,\nSam\nSent from my iPhone"
    result = normalize(raw)
    assert result.text == "Yes, that works.\nThanks,\nSam"
    assert _removed_text(result, "footer") == ["Sent from my iPhone"]


def test_footer_phrase_on_the_first_line_is_kept() -> None:
    raw = "Sent from my iPhone is what your signature says; you can change it in Settings."
    assert normalize(raw).text == raw


def test_footer_after_text_whose_lowercase_is_longer() -> None:
    # "İ".lower() is two characters: positions must come from the text itself
    raw = "İİİ İstanbul office reopened.\nSent from my iPhone"
    result = normalize(raw)
    assert result.text == "İİİ İstanbul office reopened."
    assert [raw[r.start : r.end] for r in result.removed] == ["Sent from my iPhone"]


def test_signature_block_with_a_legal_notice_is_removed() -> None:
    raw = (
        "Your refund is on its way.\n\nThanks,\nLena\n\n-- \nLena Ortiz | Northwind Ltd\n"
        "This e-mail is confidential. If you received it in error, please delete it."
    )
    result = normalize(raw)
    assert result.text == "Your refund is on its way.\n\nThanks,\nLena"
    assert _removed_text(result, "signature") == [raw[raw.index("-- ") :]]


def test_dash_dash_then_prose_that_only_mentions_confidential_is_kept() -> None:
    raw = (
        "Hi Sam,\n\nHere is the answer.\n--\nPlease keep the code we sent you confidential "
        "and type it into the app now."
    )
    assert "signature" not in _kinds(normalize(raw))


def test_a_forum_attribution_line_goes_with_its_quote() -> None:
    raw = (
        '<p><em>Rowan K <a href="#answer-1">said</a></em></p>'
        "<blockquote>Nothing loads after the update.</blockquote>"
        "<p>Hello Rowan, clear the cache and restart the browser.</p>"
    )
    result = normalize(raw)
    assert result.text == "Hello Rowan, clear the cache and restart the browser."
    assert "Rowan K said" in "".join(_removed_text(result, "quote")).replace(
        '<a href="#answer-1">', ""
    ).replace("</a>", "")


def test_a_plain_text_forum_attribution_is_cut() -> None:
    raw = "kettle_fan wrote:\n> it keeps tripping\n\nHi, which fuse did you fit?"
    assert normalize(raw).text == "Hi, which fuse did you fit?"


def test_said_inside_a_sentence_is_reply_text() -> None:
    for raw in (
        "As I said, the parcel left on Monday.",
        "Hi Jo,\nThe courier said the van broke down, so it comes tomorrow.",
        "That is what our engineer said.",
    ):
        assert normalize(raw).text == raw


@pytest.mark.parametrize(
    "raw",
    [
        "dana.cole said\n\nHello Dana, clear the cache and restart the browser.",
        "R. Okafor wrote:\n\nHello Dana, clear the cache and restart the browser.",
        "said\n\nHello Dana, clear the cache and restart the browser.",
    ],
)
def test_forum_attributions_with_dotted_or_missing_names_are_cut(raw: str) -> None:
    assert normalize(raw).text == "Hello Dana, clear the cache and restart the browser."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("re : it stopped syncing after the update\n\nTry a new profile.", "Try a new profile."),
        (
            "Hello.\n\nre:I cannot log in\n\nReset the password first.",
            "Hello.\n\nReset the password first.",
        ),
        ("Re: order 4411\n\nYour order left today.", "Your order left today."),
    ],
)
def test_a_re_line_quoting_the_post_is_cut(raw: str, expected: str) -> None:
    result = normalize(raw)
    assert result.text == expected
    assert "quote" in _kinds(result)


@pytest.mark.parametrize(
    "raw",
    [
        "re: your question, the reset is under Settings.",
        "Please re-enter the code.\n\nThanks.",
        "We will refund you.\nRe-start the app afterwards.",
    ],
)
def test_re_without_a_following_answer_is_kept(raw: str) -> None:
    assert normalize(raw).text == raw


_QUOTED_CUSTOMER = (
    "Hello,\n\nSorry to bother you again. I still have no invoice for my order.\n\n"
    "Many thanks!\nIlse"
)


@pytest.mark.parametrize(
    "header",
    [
        "-----Ursprüngliche Nachricht-----\nVon: Ilse Berg\nGesendet: Montag, 2. März 2026 09:10\n",
        "-----Message d'origine-----\nDe : Ilse Berg\nEnvoyé : lundi 2 mars 2026 09:10\n",
        "-----Mensaje original-----\nDe: Ilse Berg\nEnviado el: lunes, 2 de marzo de 2026\n",
        "---------- Weitergeleitete Nachricht ---------\nVon: Ilse Berg <ilse@example.com>\n",
        "---------- Message transféré ---------\nDe : Ilse Berg <ilse@example.com>\n",
        "Anfang der weitergeleiteten Nachricht:\n\nVon: Ilse Berg <ilse@example.com>\n",
        "Début du message réexpédié :\n\nDe: Ilse Berg <ilse@example.com>\n",
        (
            "Von: Ilse Berg <ilse@example.com>\nGesendet: Montag, 2. März 2026 09:10\n"
            "An: Support <help@example.com>\nBetreff: AW: Rechnung\n"
        ),
        (
            "De : Ilse Berg <ilse@example.com>\nEnvoyé : lundi 2 mars 2026 09:10\n"
            "À : Support <help@example.com>\nObjet : RE: Facture\n"
        ),
        (
            "De: Ilse Berg <ilse@example.com>\nEnviado: lunes, 2 de marzo de 2026 9:10\n"
            "Para: Support\nAsunto: Factura\n"
        ),
        "Van: Ilse Berg\nVerzonden: maandag 2 maart 2026 09:10\nAan: Support\nOnderwerp: Factuur\n",
    ],
)
def test_history_under_a_localised_mail_client_header_is_cut(header: str) -> None:
    """A German, French or Spanish Outlook, Gmail or Apple Mail writes its separator and
    header lines in its own language; the customer's "Sorry" and "Many thanks!" under
    them are not the agent's apology and closing thanks."""
    reply = "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom"
    result = normalize(f"{reply}\n\n{header}\n{_QUOTED_CUSTOMER}")
    assert result.text == reply
    assert _kinds(result) == ["quote"]


def test_a_localised_outlook_header_in_html_is_cut() -> None:
    raw = (
        "<div class=WordSection1><p class=MsoNormal>Hi Ilse,<o:p></o:p></p>"
        "<p class=MsoNormal>The invoice is on its way.<o:p></o:p></p>"
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt">'
        "<p class=MsoNormal><b>De&nbsp;:</b> Ilse Berg &lt;ilse@example.com&gt;<br>"
        "<b>Envoy&eacute;&nbsp;:</b> lundi 2 mars 2026 09:10<br>"
        "<b>Objet&nbsp;:</b> Facture</p></div>"
        "<p class=MsoNormal>Sorry to bother you again. Many thanks!</p></div>"
    )
    assert normalize(raw).text == "Hi Ilse,\n\nThe invoice is on its way."


@pytest.mark.parametrize(
    "attribution",
    [
        "Am Mo., 2. März 2026 um 09:10 Uhr schrieb Ilse Berg <ilse@example.com>:",
        "Am 02.03.26 um 09:10 schrieb Ilse Berg:",
        "Op ma 2 mrt 2026 om 09:10 schreef Ilse Berg <ilse@example.com>:",
        "Am Mo., 2. März 2026 um 09:10 Uhr schrieb Ilse Berg-Hoffmann <\nilse.berg@example.com>:",
    ],
)
@pytest.mark.parametrize("quote_mark", ["> ", ""])
def test_an_attribution_with_the_verb_before_the_name_is_cut(
    attribution: str, quote_mark: str
) -> None:
    """German and Dutch clients put the verb before the name and the colon after the
    address ("Am ... schrieb Ilse Berg <ilse@example.com>:"); left in, that line was
    the reply's last sentence, so its sign-off was not found, and without ``>`` marks
    the customer's message under it was read as the reply."""
    reply = "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom"
    quote = "\n".join(quote_mark + line for line in _QUOTED_CUSTOMER.split("\n"))
    result = normalize(f"{reply}\n\n{attribution}\n{quote}\n")
    assert result.text == reply


def test_an_itinerary_in_the_reply_is_no_mail_header() -> None:
    """ "From: ... To: ... Date: ..." in the agent's own words has no sender's address
    and no subject line: it was cut as an Outlook header, and with it the rest of the
    reply (its apology, next step and closing thanks)."""
    raw = (
        "Hi Ilse,\n\nI've booked your replacement flight:\n\n"
        "From: Lisbon\nTo: Hamburg\nDate: Friday 6 March, 07:50\n\n"
        "I'm sorry the first one was cancelled; your new ticket reaches you within the hour."
        "\n\nThanks for your patience,\nTom"
    )
    result = normalize(raw)
    assert result.text == raw
    assert "quote" not in _kinds(result)


@pytest.mark.parametrize(
    "header",
    [
        "From: Ilse Berg <ilse@example.com>\nDate: Monday, 2 March 2026 at 09:10\n",
        "From: Ilse Berg\nSent: Monday, March 2, 2026 9:10 AM\nTo: Support\nSubject: Invoice\n",
        "From: Ilse Berg\nDate: 2 March 2026 at 09:10:00 GMT\nTo: Support\nCc: Jo Lind\n"
        "Subject: Re: Invoice\n",
    ],
)
def test_a_mail_header_has_an_address_or_a_subject(header: str) -> None:
    reply = "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom"
    assert normalize(f"{reply}\n\n{header}\n{_QUOTED_CUSTOMER}").text == reply


def test_an_attribution_without_a_date_or_address_does_not_cut_the_reply() -> None:
    """A mail client's "On ... wrote:" line carries the date and time or an address;
    the agent's "On Monday our billing team wrote:" introduces a quote of their own,
    and cutting from it left the reply without its next step and closing."""
    raw = (
        "Hi Ilse,\n\nOn Monday our billing team wrote:\n"
        '"Annual plans are refunded pro rata."\n'
        "So you get 7 of the 12 months back, on your card within 5 days.\n\nThanks,\nTom"
    )
    result = normalize(raw)
    assert result.text == raw
    assert "quote" not in _kinds(result)


@pytest.mark.parametrize(
    "quote",
    [
        '"Your plan renews on 5 April."',
        "Your plan renews on 5 April.",
        "<blockquote>Your plan renews on 5 April.</blockquote>",
    ],
)
def test_an_agent_quoting_a_dated_message_keeps_the_rest_of_the_reply(quote: str) -> None:
    """A day ("On 3 March") is no mail client's mark: a client writes the year, the time
    or an address. The agent's own "On 3 March our billing team wrote:" introduces a
    quote inside the reply, and what follows it is still the reply, not the thread."""
    rest = "That date was wrong; your plan renews on 5 May. I will email you within 2 days."
    raw = f"Hi Dana,\n\nOn 3 March our billing team wrote:\n{quote}\n\n{rest}\n\nThanks,\nSam"
    if quote.startswith("<"):  # as an HTML reply
        raw = raw.replace("\n\n", "</p><p>").replace(":\n", ":</p>").replace(",\nS", ",<br>S")
        raw = f"<p>{raw}</p>"
    result = normalize(raw)
    assert result.text.endswith(f"{rest}\n\nThanks,\nSam")
    # (over a <blockquote> the line is cut with its quote, as over ">" lines)
    assert ("On 3 March our billing team wrote:" in result.text) != quote.startswith("<")


@pytest.mark.parametrize(
    "attribution",
    [
        "On 3 March 2026 our billing team wrote:",
        "On 3 March 2026, I wrote:",
        "On 03/03/2026 we wrote:",
        "On 3 March 2026 at 10:02 my colleague Priya wrote:",
        "As I wrote on 3 March 2026:",
        "As I said:",  # nor a forum's "Bazza said"
    ],
)
def test_an_agent_quoting_itself_with_a_full_date_keeps_the_rest(attribution: str) -> None:
    """A year or a time made any "On ... wrote:" line a mail client's, so the agent's own
    "On 3 March 2026 our billing team wrote:" cut the quote, the next steps and the
    sign-off under it as history. A mail client writes the sender's name or address,
    never "I", "we", "our ..." or "my ...": such a line is the agent quoting. (A short
    one, "On 03/03/2026 we wrote:" or "As I said:", was cut alone as a forum's "Bazza
    said" line.)"""
    rest = "That date was wrong; your plan renews on 5 May. I will email you within 2 days."
    raw = f"Hi Dana,\n\n{attribution}\nYour plan renews on 5 April.\n\n{rest}\n\nThanks,\nSam"
    result = normalize(raw)
    assert result.text == raw
    assert "quote" not in _kinds(result)


@pytest.mark.parametrize(
    "attribution",
    [
        "On 3 March 2026 Dana wrote:",
        "On 3 March, at 09:10, Dana wrote:",
        "On 03/03/26 Dana wrote:",
        "On 3 March Dana <dana@example.com> wrote:",
        "On Tue, 3 Mar 2026 at 10:02, Acme Support <help@acme.com> wrote:",
        "On Tue, Mar 3, 2026 at 10:02 AM Dana I. Smith wrote:",
        "On 3 Mar 2026, at 10:02, Our Team <team@example.com> wrote:",
        "On 03/03/2026 10:02, My Acme Account wrote:",
    ],
)
def test_a_mail_client_attribution_still_cuts_the_thread(attribution: str) -> None:
    reply = "Hi Dana,\n\nYour plan renews on 5 May.\n\nThanks,\nSam"
    raw = f"{reply}\n\n{attribution}\nWhen does my plan renew?\n\nThanks,\nDana"
    assert normalize(raw).text == reply


@pytest.mark.parametrize(
    "footer",
    [
        "You are receiving this email because you contacted Acme Support. Thank you for being"
        " a customer!",
        "You received this email because you opened a ticket with us.\nUnsubscribe | Manage"
        " preferences\nAcme Ltd, 1 High St, Leeds",
        "This email is a service from Acme Support. Thanks for being a customer.",
    ],
)
def test_a_mailing_or_help_desk_footer_is_not_the_reply(footer: str) -> None:
    """A help desk or mailing footer under the sign-off was the reply's last paragraph:
    its "Thank you for being a customer!" read as the agent's closing thanks, and the
    agent's name above it no longer ended the reply."""
    reply = "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom"
    result = normalize(f"{reply}\n\n{footer}")
    assert result.text == reply
    assert _kinds(result) == ["footer"]


@pytest.mark.parametrize(
    "links",
    [
        "Unsubscribe | Manage preferences",
        "[Manage your email preferences] · [Unsubscribe]",
        "View in browser | Privacy policy | Unsubscribe",
        "unsubscribe",
    ],
)
def test_a_mailing_footer_link_line_is_not_the_reply(links: str) -> None:
    """A mailing footer's line of links alone, with no "You are receiving this email"
    above it, stayed as the reply's last sentence: the closing thanks above it was no
    longer the close, and the name no longer ended the reply."""
    reply = "Hi Ilse,\n\nThe invoice is on its way.\n\nThanks for your patience,\nTom"
    result = normalize(f"{reply}\n\n{links}\n")
    assert result.text == reply
    assert _kinds(result) == ["footer"]


@pytest.mark.parametrize(
    "line",
    [
        "Unsubscribe | Manage preferences",  # the first line: what is there to reply?
        "Privacy policy | Contact us",  # no way out of a mailing list: not its footer
        "To unsubscribe, open Settings and untick Newsletter.",  # a sentence of the reply
    ],
)
def test_lines_like_a_mailing_footer_stay(line: str) -> None:
    raw = line if line.startswith("Unsub") else f"Hi Ilse,\n\n{line}\n\nThanks,\nTom"
    assert "footer" not in _kinds(normalize(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Hi Ilse,\n\nThe invoice is on its way.\n\nTom\n\n"
            "##- Please type your reply above this line -##\n\n"
            "Ilse Berg\n\nMar 2, 2026, 09:10\n\nSorry, where is my invoice? Thanks!",
            "Hi Ilse,\n\nThe invoice is on its way.\n\nTom",
        ),
        (
            "##- Please type your reply above this line -##\n\n"
            "Hi Ilse,\n\nThe invoice is on its way.\n\nTom",
            "Hi Ilse,\n\nThe invoice is on its way.\n\nTom",
        ),
        (
            "Hi Ilse, the invoice is on its way. Tom\n\nReply above this line.\n\n"
            "Ilse Berg: sorry, where is my invoice?",
            "Hi Ilse, the invoice is on its way. Tom",
        ),
    ],
)
def test_a_help_desks_reply_above_this_line_marker(raw: str, expected: str) -> None:
    """What a help desk's notification holds under "##- Please type your reply above this
    line -##" is the thread; at the top of a pasted notification the marker was the
    reply's first sentence, so the greeting under it was not found."""
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\n-- \nTom Reyes\n"
            "Customer Care | Acme Ltd\n+1 555 010 0199",
            "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom Reyes",
        ),
        (
            '<div dir="ltr"><div>Hi Ilse,</div><div><br></div><div>The invoice is on its way.'
            "</div><div><br></div><div>Kind regards,</div><div><br></div>-- <br>"
            '<div dir="ltr" class="gmail_signature"><div dir="ltr">Tom Reyes<br>'
            "Customer Care | Acme Ltd<br>+1 555 010 0199</div></div></div>",
            "Hi Ilse,\n\nThe invoice is on its way.\n\nKind regards,\nTom Reyes",
        ),
    ],
)
def test_a_mail_client_signature_under_the_valediction_keeps_the_agents_name(
    raw: str, expected: str
) -> None:
    """Gmail and Thunderbird put "-- " between what the agent typed ("Best regards,") and
    their signature: the whole block was cut, the agent's name with it, and a reply
    signed "Tom Reyes" was told to sign with a name. The name line stays; the contact
    lines under it are cut."""
    result = normalize(raw)
    assert result.text == expected
    assert "signature" in _kinds(result)


def test_a_signature_name_with_the_company_goes_under_the_thanks() -> None:
    raw = "Your order ships Monday.\n\nThank you!\n\n-- \nRavi Shah | Globex\n+1 555 010 0199"
    assert normalize(raw).text == "Your order ships Monday.\n\nThank you!\nRavi Shah | Globex"


def test_a_signature_under_the_agents_name_is_cut_whole() -> None:
    raw = "Hi Ilse,\n\nDone.\n\nThanks,\nTom\n-- \nTom Reyes\nAcme Ltd"
    assert normalize(raw).text == "Hi Ilse,\n\nDone.\n\nThanks,\nTom"


@pytest.mark.parametrize(
    "company",
    [
        "Acme GmbH | Hauptstr. 1 | 10115 Berlin\nRegistered in Berlin, HRB 12345",
        "Acme Ltd, 1 High St, Leeds LS1 4AP\nRegistered office as above. Company No. 01234567",
        "© 2026 Acme Ltd. All rights reserved.",
    ],
)
def test_a_company_registration_paragraph_under_the_reply_is_a_footer(company: str) -> None:
    """A company's registration lines in the last paragraph, without "--" above them,
    were the reply's last sentences: the sign-off above them was not found (the agent's
    name no longer ended the reply) and "HRB" was reported as jargon."""
    reply = "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom Reyes"
    result = normalize(f"{reply}\n\n{company}")
    assert result.text == reply
    assert _kinds(result) == ["footer"]
    notice = "This email is confidential. If you are not the intended recipient, delete it."
    result = normalize(f"{reply}\n\n{company}\n\n{notice}")
    assert result.text == reply
    assert _kinds(result) == ["footer", "footer"]


def test_a_reply_paragraph_that_mentions_a_registration_is_kept() -> None:
    raw = (
        "Hi Ilse,\n\nThe invoice is on its way.\n\n"
        "Your company is registered in Berlin, so we add the reverse-charge note."
    )
    assert normalize(raw).text == raw
