"""``replylint lsp``: the language server for editors, over standard input and output.

It needs the optional pygls dependency (``pip install 'replylint[lsp]'``), imported only
when the command runs, so every other command works without it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import math
import signal
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from replylint.cli.options import UsageError, add_config_options, named_config

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers

#: The modules the ``lsp`` extra installs; a missing one means the extra is missing.
_EXTRA_MODULES = ("pygls", "lsprotocol", "cattrs", "attrs")


def add_parser(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "lsp", help="language server for editors, over stdio (needs replylint[lsp])"
    )
    add_config_options(command, "each document's folder")
    command.add_argument(
        "--debounce",
        type=float,
        default=0.3,
        metavar="SECONDS",
        help="check a changed document once typing has paused this long (default 0.3)",
    )
    # Editor clients add a transport option of their own: vscode-languageclient adds
    # --stdio for the stdio transport, as the servers it usually starts need it. stdio is
    # the only one: --stdio is accepted, the others are refused saying so.
    command.add_argument(
        "--stdio",
        action="store_true",
        help="speak over standard input and output (the only transport; accepted for "
        "editor clients that add it)",
    )
    for other in ("--socket", "--pipe", "--port"):
        command.add_argument(other, dest="transport", metavar="...", help=argparse.SUPPRESS)
    command.add_argument(
        "--node-ipc", dest="transport", action="store_const", const="", help=argparse.SUPPRESS
    )
    command.set_defaults(run=run, transport=None)


def run(args: argparse.Namespace) -> int:
    if args.transport is not None:
        raise UsageError(
            "replylint lsp speaks over standard input and output only (no socket, pipe or "
            "node IPC): set the editor's client to start it with the stdio transport"
        )
    try:
        from replylint.lsp.server import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in _EXTRA_MODULES:
            raise
        raise UsageError(
            "`replylint lsp` needs the language-server extra: pip install 'replylint[lsp]'"
        ) from None
    if args.config is not None:
        named_config(args.config)  # a missing file, or a folder: say what to pass instead
    if not 0 <= args.debounce < math.inf:  # inf: a changed document never checked
        raise UsageError("--debounce must be 0 or more seconds (a finite number)")
    # Standard output carries the protocol: anything printed there (a library's warning)
    # would corrupt it, so Python-level printing goes to stderr, the editor's log.
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    with _interrupt_ends_the_process():
        code = serve(
            config=args.config,
            isolated=args.isolated,
            debounce=args.debounce,
            stdin=sys.stdin.buffer,
            stdout=protocol_out,
        )
    # The editor said `exit` and the server has stopped; the process ends next. Its last
    # garbage collections would walk the whole heap, spaCy's pipeline included: 0.7-1 s
    # between `exit` and the process ending, which the editor waits out (or kills it).
    # Frozen objects are skipped; the operating system takes the memory back at once.
    gc.freeze()
    return code


@contextlib.contextmanager
def _interrupt_ends_the_process() -> Iterator[None]:
    """SIGINT (Ctrl-C where the server was started by hand) ends the process at once, as
    SIGTERM does. As Python's KeyboardInterrupt, pygls caught it and then waited for its
    thread blocked reading standard input: the server hung until the input was closed.
    Nothing is lost: a check only reads and computes. The handler before is put back
    after (the command may run in-process, in a test)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
