"""Leading @handles and the agent's sign-off."""

from __future__ import annotations

import pytest

from replylint.normalize import NormalizedReply, normalize


def _signoff(result: NormalizedReply) -> str | None:
    spans = [result.text[r.start : r.end] for r in result.regions if r.kind == "signoff"]
    assert len(spans) <= 1
    return spans[0] if spans else None


# -- handles -------------------------------------------------------------------


def test_leading_handles_are_removed() -> None:
    raw = "@204411 @AcmeHelp Hi there, sorry about the wait!"
    result = normalize(raw)
    assert result.text == "Hi there, sorry about the wait!"
    handles = [raw[r.start : r.end] for r in result.removed if r.kind == "handle"]
    assert handles == ["@204411 @AcmeHelp"]


def test_dot_handle_at_the_start_is_removed() -> None:
    assert normalize(".@JordanK thanks for flying with us!").text == "thanks for flying with us!"


def test_handles_inside_a_sentence_stay() -> None:
    raw = "@55501 Please DM @AcmeHelp with your order number."
    assert normalize(raw).text == "Please DM @AcmeHelp with your order number."
    raw = "Hello @55501 I can help with that."
    assert normalize(raw).text == raw


def test_a_reply_that_is_only_handles_becomes_empty() -> None:
    result = normalize("@55501 @55502")
    assert result.text == ""
    assert result.offsets.to_original(0, 0) == (0, 0)


def test_an_email_address_is_not_a_handle() -> None:
    raw = "help@example.com is our address."
    assert normalize(raw).text == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "@mara_k (1/2) Hello, Mara! Your parcel left today.",
            "Hello, Mara! Your parcel left today.",
        ),
        ("@mara_k 2/3 the courier collects it on Monday.", "the courier collects it on Monday."),
        ("(2/2) Hello again, and sorry for the wait.", "Hello again, and sorry for the wait."),
        ("@mara_k Let us know how it goes! 1/2", "Let us know how it goes!"),
        (
            "@mara_k More on it here: https://example.com/help 2/2",
            "More on it here: https://example.com/help",
        ),
        ("@mara_k Start with the reset.\n\n1/2", "Start with the reset."),
    ],
)
def test_tweet_thread_counters_are_cut(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "1/2 of your order has shipped, the rest follows.",
        "@mara_k 3/2 is not a valid size code.",
        "Add half a teaspoon, so 1/2",
    ],
)
def test_fractions_are_not_thread_counters(raw: str) -> None:
    text = normalize(raw).text
    assert "/2" in text


# -- sign-offs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("@1 Thanks for your patience. ^JK", "^JK"),
        ("We'll look into it for you ^rt", "^rt"),
        ("Give that a try and let us know. ^ pw", "^ pw"),
        ("Please send us a DM. -KC", "-KC"),
        ("Glad we could help! - Katie", "- Katie"),
        ("Send me your booking reference.\u2013Sam", "\u2013Sam"),
        ("Shoot me a DM here https://t.co/abc  *AngieShaw", "*AngieShaw"),
        ("We're here all night ~Tom", "~Tom"),
        ("Which app version are you on? / JK", "/ JK"),
        ("Could you contact me back. TY - Jayne", "TY - Jayne"),
        ("Could you contact me back. TY - Struan 2/2", "TY - Struan"),
        ("That is all sorted for you. Thanks - Priya", "Thanks - Priya"),
        ("Let us know how it goes, Cheers!- Omar", "- Omar"),
        ("We'll follow up shortly. ^Dana 2/2", "^Dana"),
        ("Send us your flight number. *HCK https://t.co/xyz", "*HCK"),
        ("Could you confirm the address?\nRobbie", "Robbie"),
        ("Hope that helps!\n...Roland", "...Roland"),
        ("It should work now.\n\nCheers!\n\n....Roland", "Cheers!\n\n....Roland"),
        ("It should work now.\n\nCheers! ...Roland", "Cheers! ...Roland"),
        ("Let me know if that fixes it.\n\nBest,\nSam", "Best,\nSam"),
        ("Your refund is done.\n\nBest regards,\nSam Lee", "Best regards,\nSam Lee"),
        ("Your refund is done.\n\nMany thanks,\nSam", "Many thanks,\nSam"),
        ("Your refund is done.\n\nThanks,\nThe Acme Team", "Thanks,\nThe Acme Team"),
        ("Your refund is done.\nThanks, Sam", "Thanks, Sam"),
        (
            "Your refund is done.\n\nKind regards,\nSam Lee\nCustomer Success",
            "Kind regards,\nSam Lee\nCustomer Success",
        ),
        ("We are on it.\n\nSam", "Sam"),
        # a job title and a company under the name are signature, not the sign-off's end
        (
            "Your refund is done.\n\nThanks,\nLena Ortiz\nSenior Billing Specialist\nNorthwind Ltd",
            "Thanks,\nLena Ortiz",
        ),
        ("Your refund is done.\n\nCheers,\nSupport Agent", "Cheers,\nSupport Agent"),
        ("Please restart the app and try again.\nThanks!", "Thanks!"),
        # a tilde right after the last full stop, or closed by one
        ("We are here for the whole neighbourhood.~Petra", "~Petra"),
        ("Have a look at the guide. ~Tom B.", "~Tom B"),
        # bare initials after a link or a sentence end, or after an inline thanks
        ("Our refund options are here: https://example.com/refunds KLM", "KLM"),
        ("We have passed this on to the kitchen team! JD", "JD"),
        ("Could you send us the order number? Thanks, AK", "Thanks, AK"),
        # chat signs on the line of its last sentence: a valediction and a name, or a
        # name after a sentence that thanks
        ("I refunded one charge today. Thanks, Kim", "Thanks, Kim"),
        ("Please restart the app. Many thanks, Sam Lee", "Many thanks, Sam Lee"),
        ("Your refund arrives within 3 days. Thanks for your patience! Sam", "Sam"),
        # a sentence of thanks before the valediction does not hide it, and the agent's
        # team may follow the name
        ("Please restart the app. Thanks for your patience. Best, Kim", "Best, Kim"),
        (
            "Your refund arrives within 3 days. Thanks for your patience! Kim (Billing)",
            "Kim (Billing)",
        ),
        ("Please restart the app. Thanks, Kim - Billing team", "Thanks, Kim - Billing team"),
        ("Please restart the app.\nThanks, Kim (Billing)", "Thanks, Kim (Billing)"),
        # a first name alone after any last sentence, as chat and social sign, perhaps
        # with the team or brand and an emoji
        ("Have a great flight! Josh \U0001f642", "Josh \U0001f642"),
        ("Glad that worked! Josh, Acme Support", "Josh, Acme Support"),
        ("Sorry for the delay! Tom @ Volt", "Tom @ Volt"),
        # a thread counter on its own line under the sign-off
        ("Try a restart first.\nThanks! ^Vikram\n2/2", "Thanks! ^Vikram"),
        # the agent's team and organisation after the name, past bars, spaced dashes or
        # middle dots, on the line of the last sentence as on a line of its own
        (
            "I refunded one charge today. Thanks, Kim | Billing | Acme",
            "Thanks, Kim | Billing | Acme",
        ),
        ("Please restart the app. Thanks, Kim - Billing", "Thanks, Kim - Billing"),
        ("It should work now. Cheers \u2014 Kim \u00b7 Acme", "Cheers \u2014 Kim \u00b7 Acme"),
        (
            "Your refund arrives within 3 days. Thanks for waiting! Kim \u00b7 Billing",
            "Kim \u00b7 Billing",
        ),
        ("Glad that worked! Kim | Billing | Acme", "Kim | Billing | Acme"),
        ("We'll follow up shortly. ^Kim | Billing", "^Kim | Billing"),
        ("We'll follow up shortly. ^Kim - Tier 2 - Acme 2/2", "^Kim - Tier 2 - Acme"),
        ("Your refund is done.\n- Kim | Billing", "- Kim | Billing"),
        ("Your refund is done.\n\nThanks,\nKim - Billing", "Thanks,\nKim - Billing"),
    ],
)
def test_signoff_regions(raw: str, expected: str) -> None:
    assert _signoff(normalize(raw)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Please restart the app.",
        "Thanks for your patience while we look into this!",
        "Go to Settings - Apps - Firefox - Storage - Cached Data",
        "We are open Mon - Fri",
        "Make sure the Wi-Fi is on",
        "Steps:\n- Open Settings\n- Tap Reset",
        "Steps:\n- Reset",
        "Please install .NET",
        "Thanks!",
        "^JK",
        "Go to:\n\nSettings",
        "Please follow the guide.\n\nEND QUOTE",
        "Tap the menu and choose Settings\nOpen Privacy",
        "The answer is 2^10",
        "It is installed on your PC",
        "Give us a call and we will sort it. OK",
        "Type it in.*Note",
        "Please restart the app. Thanks! Bye",
        "Thanks for waiting. Monday",
        "Please restart the app. Thanks, Monday works",
        "Your order is on its way. Enjoy",
        "Glad that worked! Josh, see you soon",
        "Thanks for waiting! Please restart",
        "Thanks for choosing Acme! Enjoy",
        "It was sent today. Thanks! Sorry",
        "Thanks for your patience! Zendesk",
        "Please restart the app. Thanks! Kim - see you soon",
        "Thanks for your patience. Best, Monday works",
        "Open the app. Then tap Settings \u00b7 Privacy \u00b7 Cookies",
        "Please restart the app. Thanks, Kim - see you | Bye",
    ],
)
def test_not_signoffs(raw: str) -> None:
    assert _signoff(normalize(raw)) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # name, team and organisation lines under a valediction
        (
            "Your card is on its way.\n\nRegards,\nNina Park\nCard Services, Bramble Bank",
            "Regards,\nNina Park\nCard Services, Bramble Bank",
        ),
        (
            "Your seat is held.\n\nThanks,\nHarbour Ferries Booking Team",
            "Thanks,\nHarbour Ferries Booking Team",
        ),
        (
            "Your seat is held.\n\nThanks,\n$AGENT\nHope & Anchor Tours",
            "Thanks,\nPlaceholder\nHope & Anchor Tours",  # $AGENT reads as {{agent}} does
        ),
        (
            "Your seat is held.\n\nThanks,\nOli at Harbour Ferries",
            "Thanks,\nOli at Harbour Ferries",
        ),
        ("Your seat is held.\n\nWith gratitude,\nOli", "With gratitude,\nOli"),
        # under a sentence that thanks: the sentence stays reply text
        (
            "Your seat is held.\n\nThanks for sailing with us!\nOli Grant\n"
            "Bookings, Harbour Ferries",
            "Oli Grant\nBookings, Harbour Ferries",
        ),
        (
            "Your seat is held.\n\nThanks for sailing with us,\nOli at Harbour Ferries",
            "Oli at Harbour Ferries",
        ),
        (
            "Thanks for sailing with us!\n\u2013 [[agent_name]], Harbour Ferries Crew",
            "\u2013 Name, Harbour Ferries Crew",
        ),
        # a name first, after a blank line under a finished sentence
        (
            "Your seat is held.\n\nOli\nStone & Co. Ferry Bookings",
            "Oli\nStone & Co. Ferry Bookings",
        ),
        # a blank line between the name and the team or organisation
        (
            "Your seat is held.\n\nKind regards,\nOli\n\nHarbour Ferries Support Team",
            "Kind regards,\nOli\n\nHarbour Ferries Support Team",
        ),
        (
            "Your seat is held.\n\nThanks for sailing with us,\nOli Grant\n\n"
            "Bookings Team\nHarbour Ferries",
            "Oli Grant\n\nBookings Team\nHarbour Ferries",
        ),
        (
            "Your seat is held.\n\nBest,\n\nOli\n\nHarbour Ferries",
            "Best,\n\nOli\n\nHarbour Ferries",
        ),
        # or between the valediction and the block of name, title and organisation
        (
            "Your seat is held.\n\nYours sincerely,\n\nOli Grant\nHead of Bookings for "
            "Harbour Ferries",
            "Yours sincerely,\n\nOli Grant\nHead of Bookings for Harbour Ferries",
        ),
    ],
)
def test_signature_blocks_under_a_closing(raw: str, expected: str) -> None:
    """Macros sign with blocks of name, team and organisation lines."""
    assert _signoff(normalize(raw)) == expected


@pytest.mark.parametrize(
    "raw",
    [
        # short capitalised lines that do not stand under a closing
        "Open the menu and choose:\nPrivacy & Security\nCookies and Site Data",
        "Then go to\nSettings, Privacy & Security",
        "Your seat is held. Please bring\nPhoto ID\nBooking Reference",
        # a menu path or numbers under thanks are not a signature
        "Thanks for asking!\nSettings > Privacy",
        "Thanks for asking!\nRoom 12, Floor 3",
        # a heading under a blank line, with no sign-off above it
        "Please check these menus:\n\nPrivacy\n\nSecurity Settings",
    ],
)
def test_not_signature_blocks(raw: str) -> None:
    assert _signoff(normalize(raw)) is None


def test_signoff_text_is_kept_and_maps_back() -> None:
    raw = "<p>It works now.\n</p><p>Cheers!\n</p><p>...Roland\n</p>"
    result = normalize(raw)
    assert result.text.endswith("Cheers!\n\n...Roland")
    region = next(r for r in result.regions if r.kind == "signoff")
    a, b = result.offsets.to_original(region.start, region.end)
    assert raw[a:b] == "Cheers!\n</p><p>...Roland"


def test_contact_lines_after_the_name_are_signature() -> None:
    raw = (
        "Your router will arrive Friday.\n\nBest regards,\nSam Lee\n"
        "Acme Support | www.acme.example\n+1 (555) 010-0199"
    )
    result = normalize(raw)
    assert result.text == "Your router will arrive Friday.\n\nBest regards,\nSam Lee"
    assert _signoff(result) == "Best regards,\nSam Lee"
    signature = [raw[r.start : r.end] for r in result.removed if r.kind == "signature"]
    assert signature == ["Acme Support | www.acme.example\n+1 (555) 010-0199"]


def test_contact_lines_under_a_team_after_a_blank_line_are_signature() -> None:
    raw = (
        "Your router will arrive Friday.\n\nBest regards,\nSam Lee\n\nAcme Support\n"
        "+1 (555) 010-0199"
    )
    result = normalize(raw)
    assert _signoff(result) == "Best regards,\nSam Lee\n\nAcme Support"
    assert [raw[r.start : r.end] for r in result.removed if r.kind == "signature"] == [
        "+1 (555) 010-0199"
    ]


def test_contact_like_lines_without_a_signoff_stay() -> None:
    raw = "Call us on this number:\n+1 (555) 010-0199"
    assert normalize(raw).text == raw


def test_menu_path_with_pipes_is_not_a_contact_line() -> None:
    raw = "Cheers!\nRoland\nFirefox Menu | Settings | Home"
    assert normalize(raw).text == raw
