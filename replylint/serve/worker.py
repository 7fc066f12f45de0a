"""The life of one check worker process, started by :class:`~replylint.serve.pool.WorkerPool`.

It builds its :class:`~replylint.Linter` once, from the configuration and the files it
names as they were when the service started (a :class:`~replylint.serve.snapshot.Snapshot`:
a worker started later, in the place of one stopped, checks as its siblings do, whatever
changed on disk since), and warms it up (see :func:`warm_up`),
says so (with the rule list, or the one-line reason it could not), then answers one job
at a time on its pipe until it is told to stop or the pipe closes. It ignores SIGINT and
SIGTERM: Ctrl-C in a terminal, or a service manager that signals the whole process
group, must not kill the checks of requests the HTTP process has already accepted and
is draining; the HTTP process stops its workers itself once they are done. A worker
whose HTTP process dies (even by ``kill -9``) ends too, rather than go on burning a core
for nobody.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from replylint.config import LinterConfig
from replylint.reply_input import ReplyInput
from replylint.serve.jobs import CheckMany, rule_infos, run_job
from replylint.serve.models import RuleInfo
from replylint.serve.snapshot import Snapshot

if TYPE_CHECKING:
    from replylint.linter import Linter

#: How often a worker looks whether its HTTP process is still there.
PARENT_POLL_SECONDS = 1.0


@dataclass(frozen=True)
class Loaded:
    """The worker's linter is built: it takes jobs from now on."""

    rules: list[RuleInfo]


@dataclass(frozen=True)
class LoadFailed:
    """The linter could not be built from this configuration; says what to fix."""

    error: str


def serve_jobs(connection: Connection, snapshot: Snapshot, parent: int) -> None:
    """The worker process's target: load, then answer jobs; ``None`` means stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _exit_with(parent)
    from replylint.cli import USER_ERRORS  # the errors a user fixes (the cli's exit 2)
    from replylint.linter import Linter  # spaCy: loaded by the worker, not the HTTP process

    try:  # its packs as read when the service started, never from disk again
        config = LinterConfig.model_validate_json(snapshot.config_json)
        linter = Linter(config, pack_texts=snapshot.pack_texts())
    except USER_ERRORS as exc:
        connection.send(LoadFailed(snapshot.spoken(str(exc))))
        return
    warm_up(linter)
    connection.send(Loaded(rule_infos(linter)))
    try:
        while (job := connection.recv()) is not None:
            connection.send(run_job(linter, job))
    except (EOFError, OSError):  # the HTTP process closed the pipe or is gone
        return


def warm_up(linter: Linter) -> None:
    """Check every enabled rule's own examples of what it fires on, once.

    Some of what the checks need is loaded on first use (textstat for the first long
    reply): a worker that said it was ready before would make the first request that
    reaches such a rule wait, about 100 times as long as the next one, and in a burst
    fall behind its siblings. The examples make each rule run its whole path, whatever
    the configuration selects, at the cost of a fraction of a second at start-up."""
    items = tuple(
        ReplyInput(
            reply=example.reply,
            channel=example.channel,
            customer_message=example.customer_message,
            customer_name=example.customer_name,
            template=example.template,
        )
        for rule in linter.rules
        for example in rule.examples.fire
    )
    run_job(linter, CheckMany(items))


def _exit_with(parent: int) -> None:
    """End this process as soon as ``parent`` is no longer its parent (it died)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="replylint-parent-watch", daemon=True).start()
