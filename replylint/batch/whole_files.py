"""Files written whole or not at all: the HTML report and the ``--summary-json`` file.

Written in place, a file that did not fit on the disk (or whose writer was killed) was
left cut short under its own name: a report whose bottom is missing opens as a report,
and a summary ending mid-object reads as a broken run, or as nothing, to the dashboard
that loads it. So each is written into a new file beside its name and moved over it
once complete; a failed write leaves what was there before, and no stray file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_whole"]


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: into a new file beside it, moved
    over it once complete. The file gets the mode a new file gets (or the one it replaces
    had). A path that is no regular file (``/dev/stdout``, a pipe) is written as it is;
    a symbolic link, through to the file it names."""
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        target.write_text(text, encoding="utf-8")
        return
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(name, target.stat().st_mode & 0o7777 if target.exists() else _new_file_mode())
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """The mode ``open`` gives a new file: 0o666 less the process's umask (which can only
    be read by setting it, and is set back at once)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
