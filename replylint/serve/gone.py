"""A request whose client has gone is dropped, not checked for no one.

A ticket system's webhook, or a sidebar app, gives up on an answer after its own timeout
(often a few seconds) and sends the reply again. Its request stayed in line for a check
worker all the same: under load the requests of clients long gone were checked one after
the other, each retry added one more, and a live request behind them waited its whole
time limit for a 503 "busy". uvicorn does not cancel a request whose client closed its
connection; it tells the application by answering ``receive()`` with ``http.disconnect``,
which is watched here while the check runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from replylint.serve.security import Receive

T = TypeVar("T")


class ClientGone(Exception):
    """The client closed its connection before its answer was ready."""


async def unless_gone(work: Awaitable[T], receive: Receive) -> T:
    """``work``'s result; or, as soon as the client closes its connection (``receive``
    answers ``http.disconnect``; the request's body has been read), ``work`` is cancelled
    and :class:`ClientGone` raised. The worker pool takes a cancelled request out of its
    line (a check already running is finished, its answer dropped: stopping the worker
    would cost the start of another).

    One task watches the connection and cancels this one (about 10 µs a request; a task
    for ``work`` as well, and ``asyncio.wait`` on both, cost 30 to 50)."""
    task = asyncio.current_task()
    assert task is not None, "called from a task of the event loop"
    watch = asyncio.get_running_loop().create_task(_disconnected(receive))
    over = False

    def gone(watched: asyncio.Task[bool]) -> None:
        # ``over``: a callback already scheduled when ``work`` ended must not cancel
        # what the request does next (sending its answer)
        if not over and _said_gone(watched):
            task.cancel()

    watch.add_done_callback(gone)
    try:
        return await work
    except asyncio.CancelledError:
        if not _said_gone(watch):
            raise  # cancelled for another reason (the service stopping)
        if hasattr(task, "uncancel"):  # Python 3.11+: the cancellation is handled here
            task.uncancel()
        raise ClientGone from None
    finally:
        over = True
        watch.remove_done_callback(gone)
        watch.cancel()


async def _disconnected(receive: Receive) -> bool:
    """True when the client has closed its connection. Once the body is read, a server
    has nothing else to say (ASGI): any other message ends the watch, False, rather than
    being read again (a ``receive`` that answers at once, as a test's may, would spin in
    a loop that never lets the event loop run)."""
    return bool((await receive())["type"] == "http.disconnect")


def _said_gone(watch: asyncio.Task[bool]) -> bool:
    return watch.done() and not watch.cancelled() and watch.exception() is None and watch.result()
