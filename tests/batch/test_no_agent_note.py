"""The note for an export without an agent column named five of the eight names the
guess tries (agent_id, assignee_name, assignee_email left out), while ``score --help``
listed them all: both now read :data:`replylint.batch.columns.DEFAULTS`."""

from __future__ import annotations

from replylint.batch.columns import DEFAULTS
from replylint.batch.job import NO_AGENT_NOTE


def test_the_no_agent_note_names_every_name_the_guess_tries() -> None:
    listed = NO_AGENT_NOTE.split("(", 1)[1].split(")", 1)[0].split(", ")
    assert listed == list(DEFAULTS["agent"])
