"""HTML comments in plain text and Markdown: in ``auto`` they are hidden and the reply is
still read as plain text, line by line, with every character mapped to the raw input."""

from __future__ import annotations

import time

import pytest

from replylint import Linter
from replylint.normalize import NormalizedReply, normalize
from replylint.normalize.comments import comment_spans
from replylint.normalize.htmltext import looks_like_html

REPLY = (
    "Hi Noor,\n"
    "\n"
    "Your replacement router left our warehouse this morning and\n"
    "should reach you by Thursday.\n"
    "\n"
    "Kind regards,\n"
    "Priya\n"
)


def _raw_of(result: NormalizedReply, word: str) -> str:
    start = result.text.index(word)
    a, b = result.offsets.to_original(start, start + len(word))
    return result.original[a:b]


def _signoff(result: NormalizedReply) -> str:
    (region,) = [r for r in result.regions if r.kind == "signoff"]
    return result.text[region.start : region.end]


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- replylint: disable=jargon -->",
        "<!-- note: check the delivery date with logistics -->",
        "<!-- <p>Old wording, kept for the spring sale.</p> -->",  # tags inside a comment
        "<!--\nTwo lines\nof notes\n-->",
        "<!-- a --> <!-- b -->",
    ],
    ids=["directive", "note", "commented-out-tags", "multi-line", "two-on-a-line"],
)
def test_a_comment_line_keeps_the_reply_plain_and_line_for_line(comment: str) -> None:
    raw = REPLY.replace("Your replacement", f"{comment}\nYour replacement")
    assert not looks_like_html(raw)
    result = normalize(raw)
    assert not result.is_html
    assert result.text == normalize(REPLY).text  # as if the comment were not there
    assert _signoff(result) == "Kind regards,\nPriya"
    assert _raw_of(result, "Thursday") == "Thursday"
    assert all(r.kind == "markup" for r in result.removed)
    hidden = [result.original[r.start : r.end] for r in result.removed]
    assert "".join(hidden) == f"{comment}\n"  # the comment went with its own line break


def test_an_inline_comment_is_hidden_and_offsets_still_point_at_the_words() -> None:
    raw = "Hi Noor,\r\nYour router <!-- model X200 --> ships today &amp; arrives Friday.\r\n"
    result = normalize(raw)
    assert not result.is_html
    assert "X200" not in result.text
    assert result.text.startswith("Hi Noor,\nYour router ships today & arrives Friday.")
    for word in ("ships", "Friday", "router"):
        assert _raw_of(result, word) == word
    assert _raw_of(result, "&") == "&amp;"


def test_real_tags_still_make_it_html() -> None:
    raw = "<p>Hi Noor,</p><!-- note --><p>Your router ships today.</p>"
    assert looks_like_html(raw)
    result = normalize(raw)
    assert result.is_html and result.text == "Hi Noor,\n\nYour router ships today."
    assert looks_like_html("<!-- note -->\n<!DOCTYPE html>\nHi")


def test_an_unclosed_comment_is_text_and_hides_nothing() -> None:
    """A plain-text reply cannot have hidden text the customer would read: an ``<!--``
    never closed stays as typed, and everything after it is still checked."""
    raw = REPLY.replace("Your replacement", "<!-- TODO shorten\nYour replacement")
    assert comment_spans(raw) == []
    result = normalize(raw)
    assert not result.is_html
    assert "<!-- TODO shorten" in result.text and "Thursday" in result.text
    assert _signoff(result) == "Kind regards,\nPriya"


def test_text_format_reads_comments_as_typed() -> None:
    raw = "Hi Noor,\n<!-- a note -->\nYour router ships today."
    assert "<!-- a note -->" in normalize(raw, input_format="text").text


def test_an_escaped_comment_is_text_the_customer_reads() -> None:
    raw = "Type &lt;!-- to start a comment --&gt; in the editor."
    result = normalize(raw)
    assert result.text == "Type <!-- to start a comment --> in the editor."


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a<!-- b -->c", [(1, 11)]),
        ("<!---->x<!-->y<!--->z", [(0, 7), (8, 13), (14, 20)]),  # empty comments, as HTML
        ("<!-- a --> <!-- b", [(0, 10)]),
        ("no comment -->", []),
    ],
)
def test_comment_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert comment_spans(text) == spans


@pytest.mark.parametrize("junk", ["<!--", "<!-- -->", "<!-----", "<!--\n-->\n"])
def test_many_comments_take_linear_time(junk: str) -> None:
    raw = "Hi Noor, your router ships today.\n" + junk * (100_000 // len(junk))
    started = time.perf_counter()
    result = normalize(raw)
    assert time.perf_counter() - started < 5
    assert "router ships today" in result.text


def test_the_checks_read_the_reply_the_same_with_a_comment_in_it(linter: Linter) -> None:
    """The verdicts that are found line by line (greeting, closing, who answered) and a
    finding's position in the raw text do not move when an author adds a note."""
    reply = REPLY.replace("should reach you", "your RMA should reach you")
    note = "<!-- note: the courier changes in May -->\n"
    commented = reply.replace("Your replacement", note + "Your replacement")
    plain, with_note = linter.check(reply), linter.check(commented)
    assert {k: v.present for k, v in with_note.checks.items()} == {
        k: v.present for k, v in plain.checks.items()
    }
    (jargon,) = [f for f in with_note.findings if f.rule == "jargon"]
    assert commented[jargon.start : jargon.end] == jargon.text == "RMA"


def test_a_directive_comment_in_plain_text_covers_its_next_line(linter: Linter) -> None:
    reply = (
        "Hi Noor,\n\n"
        "<!-- replylint: disable-next-line=jargon -->\n"
        "Your RMA is approved.\n"
        "The SLA for repairs is five days.\n\n"
        "Thanks!\nPriya\n"
    )
    report = linter.check(reply)
    assert [f.text for f in report.findings if f.rule == "jargon"] == ["SLA"]
    assert report.suppressed == 1


def test_a_directive_line_inside_a_comment_is_commented_out() -> None:
    """As in HTML: an author who wraps a directive line in a comment with other text (a
    block commented out) turned it off; a comment holding only the directive is one. In
    ``text`` the comment is text, so the line is a directive there."""
    raw = "Hi Noor,\n<!--\nOld note:\nreplylint: disable=jargon\n-->\nYour RMA ships today.\n"
    assert normalize(raw).directives == ()
    assert [d.rules for d in normalize(raw, input_format="text").directives] == [("jargon",)]
    kept = "<!-- replylint: disable=jargon -->\n" + raw
    assert [d.start for d in normalize(kept).directives] == [0]


#: A macro whose conditional is written bare, and the same with each tag in an HTML comment
#: (plain text, then HTML).
BARE_TAGS = (
    "Hi {{name}},\n{% if vip %}\nThanks for being with us so long.\n{% else %}\n"
    "Thanks for choosing us.\n{% endif %}\nYour order ships today.\n\nBest,\nSam"
)
HTML_BARE_TAGS = (
    "<p>Hi {{name}},</p>\n{% if vip %}<p>Thanks for being with us so long.</p>{% else %}"
    "<p>Thanks for choosing us.</p>{% endif %}\n<p>Your order ships today.</p>"
    "<p>Best,<br>Sam</p>"
)


def _commented(macro: str) -> str:
    for tag in ("{% if vip %}", "{% else %}", "{% endif %}"):
        macro = macro.replace(tag, f"<!-- {tag} -->")
    return macro


@pytest.mark.parametrize("macro", [BARE_TAGS, HTML_BARE_TAGS])
def test_tags_in_html_comments_are_read_as_tags(macro: str) -> None:
    """A template engine runs "<!-- {% else %} -->" as it runs "{% else %}": the branches
    were read as one (the comment hid the tag from the branch reading, though the pairing
    counted it), and now read apart, as the bare tags are."""
    bare, commented = normalize(macro), normalize(_commented(macro))
    assert commented.text == bare.text
    branches = [(r.kind, commented.text[r.start : r.end]) for r in commented.regions]
    assert branches == [(r.kind, bare.text[r.start : r.end]) for r in bare.regions]
    assert ("branch", "Thanks for choosing us.") in [(k, t.strip()) for k, t in branches]
    tags = [commented.original[r.start : r.end] for r in commented.removed]
    assert "{% else %}" in tags


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- was: {{first_name}}, thanks for being a member -->",
        "<!-- old wording: {% if vip %}Thanks, member!{% endif %} -->",
    ],
)
def test_a_comments_words_and_fields_stay_hidden(comment: str) -> None:
    result = normalize(f"Hi Noor,\n{comment}\nYour parcel ships today.\n\nBest,\nPriya")
    assert "member" not in result.text and "Name" not in result.text
    assert "{%" not in result.text
