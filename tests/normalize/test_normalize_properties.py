"""Property tests: `normalize` never raises and its offset map is always exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.normalize import NormalizedReply, normalize

#: Any code point, lone surrogates, NUL and control characters included.
# Hypothesis draws surrogates only when category Cs is named.
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=()) | st.characters(categories=["Cs"]),
    max_size=120,
)

#: Pieces that exercise every step: markup, entities, quotes, handles, placeholders,
#: signatures, footers, sign-offs, odd whitespace and awkward code points.
FRAGMENTS = [
    "<p>", "</p>", "<br>", "<br/>", "<li>", "</li>", "<ol>", "<div>", "</div>",
    "<blockquote>", "</blockquote>", '<div class="gmail_quote">', "<pre>", "</pre>",
    "<script>", "</script>", "<style>", "<head>", "<title>", "</head>", "<body>",
    "<!-- c -->", "<!--", "-->", "<![CDATA[x]]>", "<![if", "<!DOCTYPE html>", "<?pi?>",
    '<a href="x">', "</a>", "<td>", "<p/>", "<", ">", "</", "&", ";", "#",
    "&amp;", "&gt;", "&lt;", "&nbsp;", "&#39;", "&#x2014;", "&#0;", "&#xD800;", "&#13;",
    "&#99999999;", "&amp", "&bogus;", "&#", "&#x",
    "\n", "\r\n", "\r", " ", "  ", "\t", "\xa0", "\u200b", "\ufeff", "\u2028", "\x0b",
    "\x00", "\ud800", "\udfff", "\u202e", "\u05d0\u05d1", "😀", "é", "Ω", "İ", "ß", "ﬁ",
    "{{", "}}", "{{name}}", "{{ ticket.id }}", "{{#if x}}", "{{/if}}", "{{! note }}",
    "{% if a %}", "{# c #}", "{first_name}", "[NAME]", "[Customer Name]", "[see]",
    "%FIRSTNAME%", "*|FNAME|*", "@acme ", ".@x ", "@", "> ", ">", "On Mon, Kim wrote:\n",
    "-----Original Message-----\n", "From: Kim\nSent: now\n", "-- \n", "--\n",
    "CONFIDENTIALITY NOTICE: this email ", "Sent from my iPhone", "Thanks,\n", "Cheers!",
    "Best regards,", "Sam Lee", "^JK", " -Katie", "...Roland", "TY - Jayne", "*Angie",
    "www.acme.example", "+1 555 010 0199", " | Support Team | ", "2/2",
    "Hi", "sorry", "please restart the app.", "Reset", " ", ".", "!", "?",
]  # fmt: skip

MIXED_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map(
    "".join
)

FORMATS = st.sampled_from(["auto", "text", "html"])


def check_invariants(result: NormalizedReply) -> None:
    original, text, offsets = result.original, result.text, result.offsets
    size, length = len(original), len(text)
    assert len(offsets) == length
    assert text == text.strip()
    assert "\r" not in text
    assert "\xa0" not in text
    # every character maps inside the original, in order
    previous_start = 0
    for index in range(length):
        a, b = offsets.to_original(index, index + 1)
        assert 0 <= a <= b <= size
        assert a >= previous_start
        previous_start = a
    a, b = offsets.to_original(0, length)
    assert 0 <= a <= b <= size
    for position in range(length + 1):
        a, b = offsets.to_original(position, position)
        assert 0 <= a == b <= size
    # verbatim segments are exact copies of the original
    for segment in offsets.segments:
        assert 0 <= segment.orig_start <= segment.orig_end <= size
        piece = text[segment.norm_start : segment.norm_start + segment.length]
        if segment.verbatim:
            assert original[segment.orig_start : segment.orig_end] == piece
            inner_start = segment.norm_start + segment.length // 3
            inner_end = segment.norm_start + segment.length
            if inner_end > inner_start:
                a, b = offsets.to_original(inner_start, inner_end)
                assert original[a:b] == text[inner_start:inner_end]
    for region in result.regions:
        assert 0 <= region.start < region.end <= length
    for removed in result.removed:
        assert 0 <= removed.start < removed.end <= size
    starts = [(r.start, r.end) for r in result.removed]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None)
@given(raw=ANY_TEXT, input_format=FORMATS)
def test_any_unicode_input(raw: str, input_format: str) -> None:
    result = normalize(raw, input_format=input_format)  # type: ignore[arg-type]
    check_invariants(result)


@settings(max_examples=200, deadline=None)
@given(raw=MIXED_TEXT, input_format=FORMATS)
def test_reply_like_input(raw: str, input_format: str) -> None:
    result = normalize(raw, input_format=input_format)  # type: ignore[arg-type]
    check_invariants(result)


@settings(max_examples=200, deadline=None)
@given(raw=MIXED_TEXT, data=st.data())
def test_arbitrary_spans_map_inside_the_original(raw: str, data: st.DataObject) -> None:
    result = normalize(raw)
    length = len(result.text)
    start = data.draw(st.integers(0, length), label="start")
    end = data.draw(st.integers(start, length), label="end")
    a, b = result.offsets.to_original(start, end)
    assert 0 <= a <= b <= len(raw)
    if end > start:
        first, _ = result.offsets.to_original(start, start + 1)
        _, last = result.offsets.to_original(end - 1, end)
        assert (a, b) == (first, last)


@settings(max_examples=100, deadline=None)
@given(raw=MIXED_TEXT)
def test_same_input_same_output(raw: str) -> None:
    assert normalize(raw) == normalize(raw)
