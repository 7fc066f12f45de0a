"""Applying one step's decisions to the text while keeping the offset map exact.

Each plain-text step looks at the current intermediate text and answers with a
list of `Edit`s (drop this span, write that word instead of this span). The
step never touches offsets itself: `apply_edits` composes the new text's map
with the old one, records what was removed in *original* coordinates, and
moves the regions found by earlier steps. Steps stay small and pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from replylint.normalize.model import Region, RegionKind, Removed, RemovedKind
from replylint.normalize.offsets import OffsetBuilder, OffsetMap


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by `replacement` (empty: delete it).

    `removed` names what the span was when it is worth reporting (a quote, a
    footer); whitespace tidying leaves it None. `region` marks the replacement
    in the new text (a placeholder's stand-in word).
    """

    start: int
    end: int
    replacement: str = ""
    removed: RemovedKind | None = None
    region: RegionKind | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """The intermediate state of a reply between two steps."""

    text: str
    offsets: OffsetMap
    regions: tuple[Region, ...] = ()
    removed: tuple[Removed, ...] = ()


def apply_edits(draft: Draft, edits: Sequence[Edit]) -> Draft:
    """Apply non-overlapping `edits` to `draft`; overlapping ones are skipped."""
    if not edits:
        return draft
    text = draft.text
    offsets = draft.offsets
    size = len(text)
    builder = OffsetBuilder()
    removed = list(draft.removed)
    new_regions: list[Region] = []
    applied: list[tuple[int, int, int]] = []  # old start, old end, new length
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start = min(max(edit.start, 0), size)
        end = min(max(edit.end, start), size)
        if start < cursor or (start == end and not edit.replacement):
            continue
        builder.copy_mapped(text, offsets, cursor, start)
        if edit.removed is not None and end > start:
            orig_start, orig_end = offsets.to_original(start, end)
            if orig_end > orig_start:
                removed.append(Removed(edit.removed, orig_start, orig_end))
        if edit.replacement:
            orig_start, orig_end = offsets.to_original(start, end)
            new_start = builder.length
            builder.replace(edit.replacement, orig_start, orig_end)
            if edit.region is not None:
                new_regions.append(
                    Region(edit.region, new_start, new_start + len(edit.replacement))
                )
        applied.append((start, end, len(edit.replacement)))
        cursor = end
    builder.copy_mapped(text, offsets, cursor, size)
    new_text, new_offsets = builder.build()
    regions = [*_move_regions(draft.regions, applied), *new_regions]
    regions.sort(key=lambda r: (r.start, r.end))
    return Draft(new_text, new_offsets, tuple(regions), tuple(removed))


def _move_regions(
    regions: Sequence[Region], applied: Sequence[tuple[int, int, int]]
) -> list[Region]:
    """Shift regions past the applied edits; drop those an edit cut into."""
    moved: list[Region] = []
    for region in regions:
        delta = 0
        hit = False
        for start, end, new_length in applied:
            if end <= region.start:
                delta += new_length - (end - start)
            elif start >= region.end:
                break
            else:
                hit = True
                break
        if not hit:
            moved.append(Region(region.kind, region.start + delta, region.end + delta))
    return moved
