"""OffsetMap and OffsetBuilder: exact spans back into the raw reply."""

from __future__ import annotations

from replylint.normalize import OffsetMap, normalize
from replylint.normalize.edits import Draft, Edit, apply_edits
from replylint.normalize.offsets import OffsetBuilder


def _built(*pieces: tuple[str, int, int, bool]) -> tuple[str, OffsetMap]:
    builder = OffsetBuilder()
    for text, start, end, verbatim in pieces:
        if verbatim:
            builder.copy(text, start)
        else:
            builder.replace(text, start, end)
    return builder.build()


def test_identity_maps_each_character_to_itself() -> None:
    offsets = OffsetMap.identity(10)
    assert offsets.to_original(0, 10) == (0, 10)
    assert offsets.to_original(3, 4) == (3, 4)
    assert offsets.to_original(5, 5) == (5, 5)
    assert offsets.to_original(10, 10) == (10, 10)


def test_empty_map() -> None:
    offsets = OffsetMap.identity(0)
    assert offsets.to_original(0, 0) == (0, 0)
    assert offsets.to_original(0, 5) == (0, 0)


def test_out_of_range_spans_are_clamped() -> None:
    offsets = OffsetMap.identity(4)
    assert offsets.to_original(-3, 2) == (0, 2)
    assert offsets.to_original(2, 99) == (2, 4)
    assert offsets.to_original(3, 1) == (3, 3)


def test_adjacent_verbatim_copies_merge_into_one_segment() -> None:
    _, offsets = _built(("ab", 0, 2, True), ("cd", 2, 4, True))
    assert len(offsets.segments) == 1
    assert offsets.segments[0].length == 4


def test_replaced_characters_map_to_the_whole_replaced_span() -> None:
    # original: "a&amp;b" -> text "a&b"
    text, offsets = _built(("a", 0, 1, True), ("&", 1, 6, False), ("b", 6, 7, True))
    assert text == "a&b"
    assert offsets.to_original(1, 2) == (1, 6)
    assert offsets.to_original(0, 3) == (0, 7)
    assert offsets.to_original(2, 3) == (6, 7)
    assert offsets.to_original(1, 1) == (1, 1)


def test_one_replacement_char_of_many_maps_to_the_whole_span() -> None:
    # a placeholder "{{x}}" (5 chars) replaced by "Placeholder" (11 chars)
    text, offsets = _built(("Hi ", 0, 3, True), ("Placeholder", 3, 8, False))
    assert text == "Hi Placeholder"
    assert offsets.to_original(5, 7) == (3, 8)
    assert offsets.to_original(3, 14) == (3, 8)


def test_empty_span_at_the_end_maps_to_the_end_of_the_last_segment() -> None:
    _, offsets = _built(("abc", 5, 8, True))
    assert offsets.to_original(3, 3) == (8, 8)


def test_apply_edits_composes_maps() -> None:
    # original "x&amp;y  z": first pass decodes the entity, second deletes "  "
    text, offsets = _built(("x", 0, 1, True), ("&", 1, 6, False), ("y  z", 6, 10, True))
    draft = apply_edits(Draft(text, offsets), [Edit(3, 5, removed="markup")])
    assert draft.text == "x&yz"
    assert draft.offsets.to_original(3, 4) == (9, 10)
    assert draft.offsets.to_original(1, 2) == (1, 6)
    assert draft.removed[0].start == 7
    assert draft.removed[0].end == 9


def test_apply_edits_moves_and_drops_regions() -> None:
    text = "aaa {{x}} bbb"
    draft = Draft(text, OffsetMap.identity(len(text)))
    draft = apply_edits(draft, [Edit(4, 9, "Placeholder", region="placeholder")])
    assert draft.text == "aaa Placeholder bbb"
    region = draft.regions[0]
    assert draft.text[region.start : region.end] == "Placeholder"
    moved = apply_edits(draft, [Edit(0, 4)])
    assert moved.text[moved.regions[0].start : moved.regions[0].end] == "Placeholder"
    dropped = apply_edits(draft, [Edit(5, 7)])
    assert dropped.regions == ()


def test_offsets_point_at_a_word_in_a_normalised_reply() -> None:
    raw = "@AcmeHelp  Hi&nbsp;there!\r\nPlease   restart the router."
    result = normalize(raw)
    start = result.text.index("restart")
    a, b = result.offsets.to_original(start, start + len("restart"))
    assert raw[a:b] == "restart"


def test_offset_map_equality_and_hash() -> None:
    first = normalize("Hi there &amp; welcome").offsets
    second = normalize("Hi there &amp; welcome").offsets
    assert first == second
    assert hash(first) == hash(second)
    assert first != normalize("Hi there").offsets
