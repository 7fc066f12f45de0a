"""The HTTP process's end of one check worker's pipe, watched by the event loop itself.

A check used to be a blocking ``Connection.send`` and ``recv`` in a thread: two thread
hand-offs per request, and the GIL passed back and forth with the event loop while the
worker checked. Here the loop watches the worker's socket (``add_reader``) as it watches
client connections: a job is written without blocking (what the socket cannot take at
once is sent as it drains), and the answer is assembled from whatever arrives, however
it is split, then handed to a callback at once, in the same turn of the loop: the pool
gives the worker its next job there, so a worker never waits for the loop to get round
to a waiting request (about 0.7 ms a job, measured, when it did).

The worker keeps its plain blocking :class:`~multiprocessing.connection.Connection`: the
messages here are framed as that class frames them (a 4-byte big-endian signed length,
or -1 and an 8-byte length for the rare message over 2 GiB, then the pickle). POSIX
only, as the pool's socket pairs are.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import socket
import struct
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import cast

from replylint.serve.jobs import Job, Outcome

#: The length prefix of a message, and the marker that a 64-bit length follows it.
_SHORT = struct.Struct("!i")
_LONG = struct.Struct("!Q")
_LONG_MARK = -1
#: The most read from the socket at once.
_READ_SIZE = 256 * 1024

#: Told the outcome of a job, or EOFError when the worker went before answering.
Done = Callable[[Outcome | EOFError], None]
#: Told that the worker went while it had no job (killed, or out of memory, between two).
Gone = Callable[[], None]


def frame(payload: bytes) -> bytes:
    """``payload`` with the length prefix ``Connection.recv_bytes`` expects."""
    size = len(payload)
    if size > 0x7FFFFFFF:
        return _SHORT.pack(_LONG_MARK) + _LONG.pack(size) + payload
    return _SHORT.pack(size) + payload


def unframe(buffer: bytearray) -> bytes | None:
    """The first whole message in ``buffer``, removed from it; None while it is partial."""
    if len(buffer) < _SHORT.size:
        return None
    (size,) = _SHORT.unpack_from(buffer)
    start = _SHORT.size
    if size == _LONG_MARK:
        if len(buffer) < start + _LONG.size:
            return None
        (size,) = _LONG.unpack_from(buffer, start)
        start += _LONG.size
    end = start + size
    if len(buffer) < end:
        return None
    message = bytes(buffer[start:end])
    del buffer[:end]
    return message


class Link:
    """One worker's socket on the running event loop, one job at a time.

    Made, used and closed on the loop's thread. It reads and writes a duplicate of
    ``connection``'s descriptor in non-blocking mode; ``connection`` stays open for what
    the pool does outside the loop (asking an idle worker to stop, between two jobs).
    ``gone`` is told when the worker's end closes while no job is out: a worker that dies
    idle is seen at once, not by the next job sent to it."""

    def __init__(self, connection: Connection, gone: Gone | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        self._sock = socket.socket(fileno=os.dup(connection.fileno()))
        self._sock.setblocking(False)
        self._fd = self._sock.fileno()
        self._received = bytearray()
        self._unsent = memoryview(b"")
        self._done: Done | None = None
        self._gone = gone
        #: True once the worker's end is closed (it exited or was killed) or we closed ours.
        self.lost = False
        self._open = True
        self._loop.add_reader(self._fd, self._readable)

    def send(self, job: Job, done: Done) -> None:
        """Send ``job`` now; ``done`` gets its outcome, or EOFError if the worker goes
        first (at once, from the loop, if it is gone already)."""
        assert self._done is None, "one job at a time"
        self._done = done
        if self.lost:
            self._lose()
            return
        self._unsent = memoryview(frame(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)))
        self._write()

    def close(self) -> None:
        """Stop watching the socket and close our end; a job still out is forgotten (its
        ``done`` is not called: the pool gave it up)."""
        self._done = None
        if self._open:
            self._open = False
            self._loop.remove_reader(self._fd)
            self._loop.remove_writer(self._fd)
            self._sock.close()
        self.lost = True

    def _write(self) -> None:
        try:
            sent = self._sock.send(self._unsent)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:  # the worker's end is closed: it died
            self._lose()
            return
        self._unsent = self._unsent[sent:]
        if self._unsent:
            self._loop.add_writer(self._fd, self._writable)

    def _writable(self) -> None:
        self._loop.remove_writer(self._fd)
        if not self.lost:
            self._write()

    def _readable(self) -> None:
        try:
            data = self._sock.recv(_READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # end of file: the worker exited or was killed
            self._lose()
            return
        self._received += data
        message = unframe(self._received)
        if message is None:
            return
        done, self._done = self._done, None
        if done is not None:
            done(cast(Outcome, pickle.loads(message)))

    def _lose(self) -> None:
        done, seen = self._done, self._open  # (not seen again once closed)
        self.close()
        if done is not None:
            self._loop.call_soon(done, EOFError("the check worker closed its pipe"))
        elif seen and self._gone is not None:
            self._loop.call_soon(self._gone)
