"""HTML replies render to the text a reader sees."""

from __future__ import annotations

import itertools

import pytest

from replylint import Linter
from replylint.normalize import NormalizedReply, htmltext, normalize
from replylint.normalize.htmltext import looks_like_html


def _slice(result: NormalizedReply, word: str) -> str:
    start = result.text.index(word)
    a, b = result.offsets.to_original(start, start + len(word))
    return result.original[a:b]


@pytest.mark.parametrize(
    "raw",
    [
        "<p>Hello</p>",
        "Hi<br>there",
        "Hi<BR/>there",
        '<div class="x">Hi</div>',
        '<a href="https://example.com">guide</a>',
        "<ul><li>one</li></ul>",
        "<HTML><BODY>Hi</BODY></HTML>",
        "<span>Hi</span>",
        "<table><tr><td>1</td></tr></table>",
    ],
)
def test_detects_html(raw: str) -> None:
    assert looks_like_html(raw)
    assert normalize(raw).is_html


@pytest.mark.parametrize(
    "raw",
    [
        "We <3 our customers",
        "If a < b and c > d the total is fine",
        "Use the <Enter> key",
        "Plain text reply.",
        "Settings &gt; General",
    ],
)
def test_plain_text_is_not_html(raw: str) -> None:
    assert not looks_like_html(raw)
    assert not normalize(raw).is_html


def test_paragraphs_become_blank_lines_and_whitespace_collapses() -> None:
    raw = "<p>Hi Dana,\n</p><p>Thanks   for\n  writing in.\n</p><p>Cheers!\n</p>"
    result = normalize(raw)
    assert result.text == "Hi Dana,\n\nThanks for writing in.\n\nCheers!"


def test_br_and_list_items_become_line_breaks() -> None:
    raw = "<p>Try this:<br>first step</p><ol><li>Open Settings</li><li>Tap Reset</li></ol>"
    result = normalize(raw)
    assert result.text == "Try this:\nfirst step\n\nOpen Settings\nTap Reset"


def test_entities_are_decoded_and_map_to_the_whole_entity() -> None:
    raw = "<p>Go to Settings &gt; Privacy &amp; Security &gt; Reset your data.</p>"
    result = normalize(raw)
    assert result.text == "Go to Settings > Privacy & Security > Reset your data."
    assert _slice(result, "Reset") == "Reset"
    amp = result.text.index("&")
    a, b = result.offsets.to_original(amp, amp + 1)
    assert raw[a:b] == "&amp;"
    assert _slice(result, "Privacy & Security") == "Privacy &amp; Security"


def test_numeric_references_and_nbsp() -> None:
    raw = "<p>It&#39;s fixed&nbsp;now &#x2014; thanks</p>"
    result = normalize(raw)
    assert result.text == "It's fixed now \u2014 thanks"
    assert _slice(result, "It's") == "It&#39;s"


def test_unknown_entity_stays_as_typed() -> None:
    result = normalize("<p>AT&T and &bogus; stay</p>")
    assert result.text == "AT&T and &bogus; stay"


def test_scripts_styles_head_and_comments_are_not_text() -> None:
    raw = (
        "<html><head><title>Ticket 42</title><style>p {color: red}</style></head>"
        "<body><!-- internal note: angry customer --><p>Hi Sam,</p>"
        "<script>var sorry = 1;</script><p>Your refund is on its way.</p></body></html>"
    )
    result = normalize(raw)
    assert result.text == "Hi Sam,\n\nYour refund is on its way."
    assert all(r.kind == "markup" for r in result.removed)


def test_blockquote_is_quoted_history() -> None:
    raw = (
        "<p>Hi Lee,</p><blockquote><p>I am so sorry to bother you</p>"
        "<blockquote>nested</blockquote>still quoted</blockquote><p>Happy to help!</p>"
    )
    result = normalize(raw)
    assert "sorry" not in result.text
    assert "quoted" not in result.text
    assert result.text == "Hi Lee,\n\nHappy to help!"
    quotes = [r for r in result.removed if r.kind == "quote"]
    assert len(quotes) == 1
    assert raw[quotes[0].start : quotes[0].end].startswith("<blockquote>")
    assert raw[quotes[0].start : quotes[0].end].endswith("still quoted</blockquote>")


def test_gmail_quote_wrapper_is_quoted_history() -> None:
    raw = (
        '<div>Sure, done!</div><div class="gmail_quote"><div>On Mon, Kim wrote:</div>'
        "<div>please help</div></div>"
    )
    assert normalize(raw).text == "Sure, done!"


def test_quoted_gt_lines_in_html_are_removed() -> None:
    raw = "<p>&gt; my app keeps crashing\n</p><p>Please update to version 12.\n</p>"
    result = normalize(raw)
    assert result.text == "Please update to version 12."
    assert [r.kind for r in result.removed if r.kind != "markup"] == ["quote"]


def test_pre_keeps_its_layout() -> None:
    raw = "<p>Run:</p><pre>cd app\n  make   clean</pre><p>Done.</p>"
    result = normalize(raw)
    assert result.text == "Run:\n\ncd app\n  make   clean\n\nDone."


def test_inline_tags_do_not_split_words() -> None:
    raw = "<p>Please copy <strong>about:support</strong> into a <em>reply</em>.</p>"
    assert normalize(raw).text == "Please copy about:support into a reply."


def test_table_cells_are_separated() -> None:
    raw = "<table><tr><td>Plan</td><td>Pro</td></tr><tr><td>Seats</td><td>5</td></tr></table>"
    assert normalize(raw).text == "Plan Pro\nSeats 5"


def test_input_format_forces_the_mode() -> None:
    raw = "Line one\nLine two <b>bold</b>"
    assert normalize(raw, input_format="text").text == raw
    assert normalize(raw, input_format="html").text == "Line one Line two bold"
    assert normalize("a < b", input_format="html").text == "a < b"


def test_invalid_input_format_is_rejected() -> None:
    with pytest.raises(ValueError):
        normalize("x", input_format="markdown")  # type: ignore[arg-type]


def test_markup_is_recorded_in_original_coordinates() -> None:
    raw = '<p>Hi <a href="https://example.com/help">help page</a></p>'
    result = normalize(raw)
    assert result.text == "Hi help page"
    markup = [raw[r.start : r.end] for r in result.removed if r.kind == "markup"]
    assert '<a href="https://example.com/help">' in markup
    assert _slice(result, "help page") == "help page"


def test_malformed_html_never_raises_and_keeps_text() -> None:
    for raw in ["<p>unclosed <b>bold", "<div><p>x</div></p>", "<p", "<![", "</"]:
        result = normalize(raw, input_format="html")
        assert isinstance(result.text, str)
    assert normalize("<p>unclosed <b>bold").text == "unclosed bold"
    assert normalize("<div><p>x</div></p>").text == "x"


def test_malformed_marked_section_is_a_bogus_comment() -> None:
    # the standard library parser raises on "<![junk["; browsers skip it to the next ">"
    raw = "<p>Hi Kim,</p><![junk[ ><p>Please reset &amp; retry.</p>"
    result = normalize(raw)
    assert result.is_html
    assert result.text == "Hi Kim,\n\nPlease reset & retry."
    start = result.text.index("reset")
    a, b = result.offsets.to_original(start, start + len("reset & retry"))
    assert raw[a:b] == "reset &amp; retry"


def test_parsing_resumes_when_the_parser_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: object, data: str) -> None:
        raise AssertionError("parser gave up")

    monkeypatch.setattr(htmltext._Tokens, "handle_comment", explode)
    raw = "<p>Hi &amp; welcome</p><!-- note --><p>Reset it.</p>"
    result = normalize(raw)
    assert result.text == "Hi & welcome\n\nReset it."
    start = result.text.index("Reset")
    a, b = result.offsets.to_original(start, start + 5)
    assert raw[a:b] == "Reset"


def test_divs_are_lines_as_a_browser_shows_them() -> None:
    """A ``<div>`` has no margin: Gmail, Outlook on the web and help desks write one per
    line, and a blank line as ``<div><br></div>`` or ``<div>&nbsp;</div>``. Read as
    paragraphs, a signature's lines ("Best regards," / "Tom Reyes" / "Customer Care
    Lead" / "Acme Ltd") were four paragraphs, so no sign-off was found under the reply
    and a reply signed with the agent's name was reported as unsigned."""
    raw = (
        "<div>Hi Ilse,</div><div><br></div><div>The invoice is on its way.</div>"
        "<div>&nbsp;</div><div>Best regards,</div>"
        '<div id="Signature"><div>Tom Reyes</div><div>Customer Care Lead</div>'
        "<div>Acme Ltd</div></div>"
    )
    result = normalize(raw)
    assert result.text.startswith(
        "Hi Ilse,\n\nThe invoice is on its way.\n\nBest regards,\nTom Reyes"
    )
    assert result.text.count("\n\n") == 2


def test_a_line_of_non_breaking_spaces_is_a_blank_line() -> None:
    for blank in ("<div>&nbsp;</div>", "<div>\xa0 </div>", "<p><o:p>&nbsp;</o:p></p>"):
        raw = f"<div>Hi Ilse,</div>{blank}<div>Done.</div>"
        assert normalize(raw).text == "Hi Ilse,\n\nDone.", blank
    assert normalize("<div>Hi&nbsp;Ilse,</div><div>Done.</div>").text == "Hi Ilse,\nDone."


_SIGNED = "<p>Hi Dana,</p><p>Your refund reaches you within 5 days.</p><p>Thanks,<br>Sam</p>"


def test_a_horizontal_rule_under_the_sign_off_separates_the_signature() -> None:
    """``<hr>`` is the rule a plain-text reply writes as ``---``: under the sign-off, the
    contact lines below it are the signature, not the reply's last words."""
    raw = f"{_SIGNED}<hr><p>Northwind Outdoor Gear<br>Customer Care, EMEA<br>Mon-Fri 9-17</p>"
    result = normalize(raw)
    assert result.text == "Hi Dana,\n\nYour refund reaches you within 5 days.\n\nThanks,\nSam"
    assert [r.kind for r in result.removed if r.kind != "markup"] == ["signature"]
    plain = normalize(raw.replace("<hr>", "<p>---</p>"))
    assert plain.text == result.text


def test_a_horizontal_rule_between_parts_is_a_rule_line() -> None:
    """Elsewhere ``<hr>`` reads as ``---`` does: a rule line, mapped to the tag; none is
    made up where nothing stands above or below it."""
    raw = "<hr><p>Your order shipped.</p><hr/><hr><p>It arrives Friday.</p><hr>"
    result = normalize(raw)
    assert result.text == "Your order shipped.\n\n---\n\nIt arrives Friday."
    assert _slice(result, "---") == "<hr/>"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "<p>It ships from our <#if eu>EU<#else>US</#if> warehouse.</p>",
            "It ships from our EU warehouse.",
        ),
        (
            "<p>Hi Dana,</p><p>It ships <b><#if fast>today<#else>next week</#if></b>, with"
            " tracking.</p><p>Thanks,<br>Sam</p>",
            "Hi Dana,\n\nIt ships today, with tracking.\n\nThanks,\nSam",
        ),
    ],
)
def test_freemarker_closing_tags_in_html_close_their_directive(raw: str, expected: str) -> None:
    """``</#if>`` is no HTML end tag: the parser read it as a bogus comment and dropped
    it, so the conditional never closed and both branches ran into one sentence ("our EU
    US warehouse"). It is template text, read as in a plain-text macro."""
    result = normalize(raw)
    assert result.text == expected
    plain = normalize(raw.replace("<p>", "").replace("</p>", "\n\n").replace("<br>", "\n"))
    assert plain.text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>We will email you<br>within 2 days.</p>", "We will email you within 2 days."),
        (
            "<p>We will email you<br/>once the refund is<br>\n  processed, within 2 days!</p>",
            "We will email you once the refund is processed, within 2 days!",
        ),
    ],
)
def test_a_br_inside_a_sentence_does_not_end_it(raw: str, expected: str) -> None:
    """A ``<br>`` between words of one sentence (the line before it goes on, the line
    after it goes on in lower case and ends the sentence) is read as a space, as a
    hard-wrapped plain-text line is: "within 2 days" stays with its step."""
    result = normalize(raw)
    assert result.text == expected
    space = result.text.index("you ") + len("you")
    start, end = result.offsets.to_original(space, space + 1)
    assert raw[start:end] in ("<br>", "<br/>")


@pytest.mark.parametrize(
    "raw",
    [
        "<p>Thanks,<br>sam</p>",  # a sign-off
        "<p>Kind regards<br>the Acme team</p>",  # the line under it ends no sentence
        "<p>Open Settings &gt; Privacy<br>untick &quot;Send usage data&quot;</p>",
        "<p>Your options:<br>a refund.</p>",  # a colon introduces a list
        "<p>The update is out.<br>restart the app.</p>",  # a sentence ended above
        "<p>Hi Dana<br><br>we will email you within 2 days.</p>",  # a blank line
        "<ul><li>Open Settings</li><li>untick the box.</li></ul>",  # not a <br>
    ],
)
def test_a_br_between_line_like_units_still_breaks_the_line(raw: str) -> None:
    assert "\n" in normalize(raw).text


def test_a_br_inside_a_sentence_keeps_the_timeframe(linter: Linter) -> None:
    raw = "<p>Hi Dana,</p><p>We will email you<br>within 2 days.</p><p>Thanks,<br>Sam</p>"
    report = linter.check(raw)
    assert report.checks["next_step_timeframe"].present


@pytest.mark.parametrize(
    "attribution",
    [
        '<div class="moz-cite-prefix">On 03/03/2026 10:14, Dana wrote:<br></div>',
        "<p>On 3 March our billing team wrote:</p>",
    ],
)
def test_an_attribution_over_a_blockquote_is_cut_with_it(attribution: str) -> None:
    """An "On ... wrote:" line right above a ``<blockquote>`` introduces that quote, as
    one above ``>`` lines does in plain text: it is cut with the quote, and the reply
    written under the quote (bottom-posted, or an agent's own text after quoting) stays.
    Left in, it read as the start of the thread, and everything under it was cut."""
    reply = "<p>Hi Dana, it reaches you within 5 days.</p><p>Thanks,<br>Sam</p>"
    raw = f"{attribution}<blockquote>Where is my refund?</blockquote>{reply}"
    result = normalize(raw)
    assert result.text == "Hi Dana, it reaches you within 5 days.\n\nThanks,\nSam"
    quoted = [raw[r.start : r.end] for r in result.removed if r.kind == "quote"]
    assert "".join(quoted).startswith("On ")
    top_posted = normalize(f"{reply}{attribution}<blockquote>Where is it?</blockquote>")
    assert top_posted.text == result.text


_ITEMS = ("open Settings", "tap Account", "choose Reset password.")


@pytest.mark.parametrize("bullet", ["", "- ", "• ", "{n}. "])
def test_a_br_list_under_its_lead_in_keeps_an_item_a_line(linter: Linter, bullet: str) -> None:
    """Items under a lead-in ending in a colon, each after a ``<br>``, are lines of a list
    however they are written: in lower case and without a bullet, the item before one
    goes on and the next goes on in lower case to the list's full stop, as a sentence
    broken by a ``<br>`` does, and the list was read as one sentence ("open Settings tap
    Account choose Reset password.")."""
    items = [bullet.format(n=n) + item for n, item in enumerate(_ITEMS, 1)]
    raw = "<p>Hi Dana,</p><p>To reset it:<br>" + "<br>".join(items) + "</p>"
    assert normalize(raw).text == "Hi Dana,\n\nTo reset it:\n" + "\n".join(items)
    sentences = [s.text for s in linter.analyze(raw).sentences]
    for item, next_item in itertools.pairwise(_ITEMS):
        assert not any(item in s and next_item in s for s in sentences)


def test_a_br_inside_a_sentence_under_a_list_still_reads_as_a_space() -> None:
    """A list ends with its paragraph: a sentence broken by a ``<br>`` in the next one
    is still one sentence."""
    raw = (
        "<p>To reset it:<br>open Settings<br>tap Account.</p>"
        "<p>We will email you<br>within 2 days.</p>"
    )
    assert normalize(raw).text == (
        "To reset it:\nopen Settings\ntap Account.\n\nWe will email you within 2 days."
    )


@pytest.mark.parametrize(
    ("raw", "steps"),
    [
        ("open Settings<br>tap Account<br>choose Reset password.",
         "open Settings\ntap Account\nchoose Reset password."),
        ("<p>Hi Noor,</p><p>sign in<br>go to Billing<br>tap Cancel plan.</p><p>Thanks,<br>Ari</p>",
         "sign in\ngo to Billing\ntap Cancel plan."),
    ],
)  # fmt: skip
def test_a_br_list_of_steps_with_no_lead_in_keeps_each_step_a_line(raw: str, steps: str) -> None:
    """Three lines or more, each opening with a step's verb, are steps, not a sentence."""
    assert steps in normalize(raw).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a line ending where no clause ends goes on, verbs or not
        ("<p>Restart the app and<br>try again<br>then tell us.</p>",
         "Restart the app and try again then tell us."),
        # two lines may be one sentence
        ("<p>Open the app<br>once it has updated.</p>", "Open the app once it has updated."),
    ],
)  # fmt: skip
def test_a_br_sentence_of_instructions_is_still_one_sentence(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected
