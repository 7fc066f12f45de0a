"""A rule plugin installed as ``pip install`` leaves it (a module and a ``.dist-info``
registering the ``replylint.rules`` entry point), for the Dask tests that compare the
workers' rules with the client's: each copy finds the words it is given."""

from __future__ import annotations

from pathlib import Path

SOURCE = '''
from replylint import Rule
from replylint.report import Finding, Severity


class VagueTime(Rule):
    """Finds words that promise no time."""

    id = "acme.vague_time"
    standard = "Say when"
    rationale = "A customer told 'shortly' does not know when to look again."

    def check(self, reply):
        text = reply.original.lower()
        for word in {words!r}:
            start = text.find(word)
            if start >= 0:
                yield Finding(rule=self.id, check=self.check_name, severity=Severity.warning,
                              message="Say when.", start=start, end=start + len(word),
                              text=reply.original[start : start + len(word)])
'''


def install(site: Path, *, version: str, words: list[str]) -> None:
    """The plugin of ``version`` finding ``words``, installed in ``site``."""
    site.mkdir(parents=True)
    (site / "acme_vague_time.py").write_text(SOURCE.format(words=words), encoding="utf-8")
    dist = site / f"acme_vague_time-{version}.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: acme-vague-time\nVersion: {version}\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[replylint.rules]\nacme = acme_vague_time:VagueTime\n", encoding="utf-8"
    )
