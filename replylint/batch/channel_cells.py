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
from collections.abc import Iterable, Iterator, Mapping

from replylint.batch.rows import RowIn
from replylint.channel_names import channel_less_note, names_no_channel
from replylint.report import Channel


class ChannelLessTally:
    """The rows scored with ``default`` because their channel cell names no channel
    (:func:`~replylint.channel_names.names_no_channel`, unless ``team`` maps it),
    counted as the rows stream past on their way to be scored: a local run reads its
    input once (read a second time for the note, a 6,000-row run took about 3% longer).
    Rows that were not scored (an empty reply, a row that could not be read) are not
    counted."""

    def __init__(self, team: Mapping[str, Channel], default: Channel) -> None:
        self._team = team
        self._default = default
        self._names: Counter[str] = Counter()

    def passing(self, rows: Iterable[RowIn]) -> Iterator[RowIn]:
        """``rows``, each counted as it passes."""
        for row in rows:
            scored = row.problem is None and row.channel and (row.text or "").strip()
            if scored and names_no_channel(str(row.channel), self._team):
                self._names[str(row.channel).strip()] += 1
            yield row

    def note(self) -> str | None:
        """What to say of the rows counted; None when there are none."""
        read_as = f"scored as {self._default} (--channel), as an empty channel cell is"
        note = channel_less_note(self._names, "row", read_as)
        return None if note is None else f"{note} (or channel-names in the configuration)"


def channel_less_rows_note(
    rows: Iterable[RowIn], team: Mapping[str, Channel], default: Channel
) -> str | None:
    """:class:`ChannelLessTally`'s note on ``rows`` read for it alone (the Dask path,
    whose rows are read on the workers)."""
    tally = ChannelLessTally(team, default)
    for _ in tally.passing(rows):
        pass
    return tally.note()
