"""The `normalize` pipeline: raw reply in, text for the checks out.

Order matters and is chosen so each step sees what it needs:

1. render HTML (or fix up plain text, and in ``auto`` hide its HTML comments and cut the
   inline tags of a Markdown reply, :mod:`replylint.normalize.inlinehtml`) -- later
   steps work on lines of text;
   invisible format characters (direction marks, bidirectional controls, a soft hyphen:
   :mod:`replylint.normalize.invisibles`) are cut, so no later step and no check reads
   them as part of a word; lone surrogates become U+FFFD and long symbol runs get spaces
   right after, so no later step (and no tokenizer) sees text it cannot encode or takes
   hours over; and Word's hyphens (U+2010, U+2011) read as "-"
   (:mod:`replylint.normalize.hyphens`);
2. suppression directives (``replylint: disable=...``) -- they are instructions to
   replylint, never part of the reply (what is meant as one but does not parse stays, and
   is reported); then a macro file's YAML front matter and leading ``# Title`` -- they
   name the macro, and reflowing would glue them to the reply; then, in a chat
   transcript whose labels tell the agent, the speaker labels and the customer's turns
   (:mod:`replylint.normalize.transcripts`) -- before any step reads where the reply
   starts or ends;
3. placeholders -- a ``{{agent.name}}`` line must already read as a name when
   the sign-off is looked for; then (plain text only) Markdown emphasis delimiters --
   ``**Best regards,**`` must read as a valediction when the sign-off is looked for and
   ``**Hi Dana,**`` as a greeting; after placeholders, so ``{{agent_name}}`` and
   ``*|FNAME|*`` are words already and never read as emphasis; and Markdown's hard line
   breaks (``Best regards,\\`` over ``Sam``: :mod:`replylint.normalize.hardbreaks`);
4. quoted history, ``--`` signatures, legal footers, and a signature under a separator
   line right under the sign-off (``---``, ``***``: :mod:`replylint.normalize.separators`)
   -- before handles and the sign-off, which are defined by where the reply itself starts
   and ends;
5. leading @handles, and a space where a sentence end is glued to the next word
   ("Thanks.^Kartika");
6. whitespace tidying, then (plain text only) reflowing: hard-wrapped lines joined (a
   line going on in lower case continues the sentence above it), doubled spaces halved;
   in HTML only a ``<br>`` inside a sentence is read as a space;
7. the sign-off region, found on the final text so its offsets need no update; in a
   macro, also the sign-off closing each earlier branch of a conditional read as lines
   (a ``branch_signoff`` region: :func:`replylint.normalize.branches.branch_ends`), and
   each branch of a conditional read as lines (a ``branch`` region:
   :func:`replylint.normalize.branches.line_branches`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import partial
from typing import Literal

from replylint.normalize.branches import branch_ends, line_branches, may_branch
from replylint.normalize.comments import comment_edits, comment_spans
from replylint.normalize.directives import find_directives, mentions_replylint
from replylint.normalize.edits import Draft, Edit, apply_edits
from replylint.normalize.emphasis import emphasis_edits
from replylint.normalize.frontmatter import frontmatter_edits
from replylint.normalize.glued import glued_sentence_edits
from replylint.normalize.hardbreaks import hard_break_edits
from replylint.normalize.htmltext import br_line_breaks, looks_like_html, prepare_html
from replylint.normalize.hyphens import hyphen_edits
from replylint.normalize.inlinehtml import inline_tag_edits
from replylint.normalize.invisibles import invisible_edits
from replylint.normalize.misdirectives import find_malformed, suppression_edits
from replylint.normalize.model import Directive, MalformedDirective, NormalizedReply, Region
from replylint.normalize.placeholders import placeholder_edits, template_tag_spans
from replylint.normalize.plaintext import prepare_plain
from replylint.normalize.quoting import history_edits
from replylint.normalize.reflow import continued_line_edits, reflow_edits
from replylint.normalize.separators import separator_signature_edits
from replylint.normalize.signoff import find_signoff
from replylint.normalize.social import handle_edits
from replylint.normalize.tokensafe import tokenizer_safe_edits
from replylint.normalize.transcripts import read_transcript
from replylint.normalize.whitespace import whitespace_edits

InputFormat = Literal["auto", "text", "html"]


def _first_draft(raw: str, input_format: InputFormat) -> tuple[Draft, bool]:
    """The rendered HTML or the fixed-up plain text. ``text`` reads comments as
    text; ``auto`` reads a text with comments but no tags as plain text with its
    comments hidden (:mod:`replylint.normalize.comments`), and a text that breaks its own
    lines and holds only inline tags as plain text with its tags cut
    (:mod:`replylint.normalize.inlinehtml`)."""
    if input_format == "html" or (input_format == "auto" and looks_like_html(raw)):
        return prepare_html(raw), True
    if input_format not in ("auto", "text"):
        raise ValueError(f"input_format must be 'auto', 'text' or 'html', not {input_format!r}")
    draft = prepare_plain(raw)
    if input_format == "auto":
        draft = apply_edits(draft, comment_edits(raw, draft.offsets))
        draft = apply_edits(draft, inline_tag_edits(draft, raw))
    return draft, False


def _written_width(draft: Draft, original: str) -> Callable[[int, int], int]:
    """The width a span of the draft had in the original (a placeholder as typed); a
    span opening a line of the draft, from where its line opens in the original: "@acme
    @dana Hi Dana," was as wide as typed when its handles are cut, and an editor may have
    wrapped it there."""

    def width(start: int, end: int) -> int:
        original_start, original_end = draft.offsets.to_original(start, end)
        if start == 0 or draft.text[start - 1] == "\n":
            original_start = original.rfind("\n", 0, original_start) + 1
        return original_end - original_start

    return width


def _with_signoff(draft: Draft, original: str) -> Draft:
    found = find_signoff(draft.text)
    if found is None:
        return _with_branch_signoffs(draft, original, len(draft.text))
    if found.contact_start is not None:
        draft = apply_edits(
            draft,
            [
                Edit(found.end, found.contact_start),
                Edit(found.contact_start, len(draft.text), removed="signature"),
            ],
        )
    regions = sorted(
        (*draft.regions, Region("signoff", found.start, found.end)),
        key=lambda r: (r.start, r.end),
    )
    draft = Draft(draft.text, draft.offsets, tuple(regions), draft.removed)
    return _with_branch_signoffs(draft, original, found.start)


def _with_branch_signoffs(draft: Draft, original: str, last: int) -> Draft:
    """The sign-offs closing the branches of a conditional before the last one (which
    ends the text, so its sign-off is the reply's, starting at ``last``): each customer
    is sent one branch, and the name its agents sign counts as the last branch's does.
    And the branches of each conditional read as lines, for what one customer reads."""
    tags = template_tag_spans(original) if may_branch(original) else []
    regions = [
        Region("branch", start, end)
        for start, end in line_branches(draft.text, draft.offsets, original, tags)
    ]
    signoffs: list[Region] = []
    for end in branch_ends(draft.text, draft.offsets, original):
        if end > last:
            break
        found = find_signoff(draft.text[:end])
        if found is not None and (not signoffs or found.start >= signoffs[-1].end):
            signoffs.append(Region("branch_signoff", found.start, found.end))
    if not regions and not signoffs:
        return draft
    ordered = sorted((*draft.regions, *regions, *signoffs), key=lambda r: (r.start, r.end))
    return Draft(draft.text, draft.offsets, tuple(ordered), draft.removed)


def normalize(
    raw: str,
    *,
    input_format: InputFormat = "auto",
    agent_name: str | None = None,
    customer_name: str | None = None,
) -> NormalizedReply:
    """Turn a raw reply into the text the checks analyse, with an exact offset map.

    Never raises for any string input. `input_format` forces HTML or plain-text
    handling; ``"auto"`` treats the input as HTML when a block tag or tags alone lay out its
    lines (outside comments: :func:`~replylint.normalize.htmltext.looks_like_html`), else
    as plain text with its HTML comments and inline tags hidden. ``agent_name`` and
    ``customer_name`` tell the speakers of a chat transcript whose labels are names
    alone (:mod:`replylint.normalize.transcripts`).
    """
    draft, is_html = _first_draft(raw, input_format)
    for step in (
        invisible_edits, tokenizer_safe_edits, hyphen_edits,
        partial(suppression_edits, html=is_html), frontmatter_edits,
    ):  # fmt: skip
        draft = apply_edits(draft, step(draft.text))
    transcript, kept_turns = read_transcript(
        draft.text, agent_name=agent_name, customer_name=customer_name
    )
    draft = apply_edits(draft, kept_turns)
    steps = (
        placeholder_edits, partial(emphasis_edits, html=is_html),
        partial(hard_break_edits, html=is_html), history_edits,
        separator_signature_edits, handle_edits,
        glued_sentence_edits, whitespace_edits,
    )  # fmt: skip
    for step in steps:
        draft = apply_edits(draft, step(draft.text))
    if not is_html:
        draft = apply_edits(draft, reflow_edits(draft.text, _written_width(draft, raw)))
    else:  # only a <br> inside a sentence: every other HTML line break is meant
        draft = apply_edits(draft, continued_line_edits(draft.text, br_line_breaks(draft, raw)))
    draft = _with_signoff(draft, raw)
    removed = tuple(sorted(draft.removed, key=lambda r: (r.start, r.end)))
    directives, malformed = _directives(raw, input_format, is_html=is_html)
    return NormalizedReply(
        original=raw,
        text=draft.text,
        offsets=draft.offsets,
        regions=draft.regions,
        removed=removed,
        is_html=is_html,
        directives=directives,
        malformed=malformed,
        transcript=transcript,
    )


def _directives(
    raw: str, input_format: InputFormat, *, is_html: bool
) -> tuple[tuple[Directive, ...], tuple[MalformedDirective, ...]]:
    """The directives of ``raw``, and what is meant as one but does not parse. Where
    ``auto`` hid the comments of a plain text, a directive line inside a comment is
    commented out, as it is in HTML; the comment that is itself a directive still counts."""
    if not mentions_replylint(raw):  # (once per reply: nearly every reply names no tool)
        return (), ()
    found = find_directives(raw, html=is_html)
    malformed = find_malformed(raw, found, html=is_html)
    if is_html or input_format != "auto" or not (found or malformed):
        return found, malformed
    spans = comment_spans(raw)
    starts = [start for start, _ in spans]

    def commented(directive: Directive | MalformedDirective) -> bool:
        i = bisect_left(starts, directive.start) - 1  # the last comment opened before it
        return i >= 0 and directive.end <= spans[i][1]

    return (
        tuple(d for d in found if not commented(d)),
        tuple(m for m in malformed if not commented(m)),
    )
