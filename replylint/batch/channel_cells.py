"""The rows whose channel cell says how the ticket was made, not the channel its reply
goes out on (Zendesk's ``api``, a trigger's ``rule``): scored with the run's default
channel, as a row with an empty channel cell is, and named in a note under the summary.

Why a note and not an error row: such a name is no mistake of the export (every
Zendesk export of tickets made through the API has it), and the default is what the
project reads when the channel is not known. Why not silence: the team may know better
(its API tickets may all be chats), so the note names the names and how to map them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from replylint.batch.rows import RowIn
from replylint.channel_names import channel_less_note, names_no_channel
from replylint.report import Channel


def channel_less_rows_note(
    rows: Iterable[RowIn], team: Mapping[str, Channel], default: Channel
) -> str | None:
    """What to say of the rows scored with ``default`` because their channel cell names
    no channel (:func:`~replylint.channel_names.names_no_channel`, unless ``team`` maps
    it); None when there are none. Rows that were not scored (an empty reply, a row that
    could not be read) are not counted."""
    names: Counter[str] = Counter()
    for row in rows:
        if row.problem is not None or not (row.text or "").strip() or not row.channel:
            continue
        if names_no_channel(row.channel, team):
            names[row.channel.strip()] += 1
    read_as = f"scored as {default} (--channel), as an empty channel cell is"
    note = channel_less_note(names, "row", read_as)
    return None if note is None else f"{note} (or channel-names in the configuration)"
