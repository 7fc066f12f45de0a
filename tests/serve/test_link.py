"""The HTTP process's end of a worker's pipe (:mod:`replylint.serve.link`): messages are
framed exactly as a plain ``multiprocessing`` ``Connection`` frames them, whole however
they arrive; a job's outcome, or EOFError when the worker goes, is reported once, and
never for a job given up; the event loop is never blocked, however large the message."""

from __future__ import annotations

import asyncio
import os
import struct
import threading
from collections.abc import Callable, Iterator
from multiprocessing import Pipe
from multiprocessing.connection import Connection

import pytest

from replylint.reply_input import ReplyInput
from replylint.serve.jobs import Checked, CheckMany, CheckOne, Job, Outcome
from replylint.serve.link import Link, frame, unframe

PAYLOADS = [b"", b"x", bytes(range(256)) * 64, b"\x00" * 300_000]  # 300 KB: several reads


@pytest.mark.parametrize("payload", PAYLOADS, ids=len)
def test_a_connection_reads_what_frame_writes(payload: bytes) -> None:
    ours, theirs = Pipe(duplex=True)
    with ours, theirs:
        writer = threading.Thread(target=_write_all, args=(ours, frame(payload)))
        writer.start()  # a large message fills the socket buffer until the reader drains it
        assert theirs.recv_bytes() == payload
        writer.join()


@pytest.mark.parametrize("payload", PAYLOADS[:3], ids=len)
def test_unframe_takes_a_connections_message_only_once_it_is_whole(payload: bytes) -> None:
    ours, theirs = Pipe(duplex=True)
    with ours, theirs:
        theirs.send_bytes(payload)
        wire = _read_all(ours, 4 + len(payload))
    buffer = bytearray()
    for byte in wire[:-1]:  # one byte at a time, as a starved writer might deliver it
        buffer.append(byte)
        assert unframe(buffer) is None
    buffer += wire[-1:] + b"next"
    assert unframe(buffer) == payload
    assert buffer == b"next"  # what follows the message stays for the next one


def test_unframe_reads_the_long_length_form() -> None:
    """Connection marks a message over 2 GiB with -1 and an 8-byte length."""
    buffer = bytearray(struct.pack("!i", -1) + struct.pack("!Q", 3) + b"abc")
    assert unframe(buffer) == b"abc" and buffer == b""
    assert unframe(bytearray(struct.pack("!i", -1) + b"\x00\x00")) is None


def _write_all(connection: Connection, data: bytes) -> None:
    while data:
        data = data[os.write(connection.fileno(), data) :]


def _read_all(connection: Connection, size: int) -> bytes:
    data = b""
    while len(data) < size:
        data += os.read(connection.fileno(), size - len(data))
    return data


@pytest.fixture
def worker() -> Iterator[Callable[[Callable[[Connection], None]], Connection]]:
    """``worker(behaviour)``: our end of a pipe whose other end a thread serves."""
    started: list[tuple[threading.Thread, Connection, Connection]] = []

    def start(behaviour: Callable[[Connection], None]) -> Connection:
        ours, theirs = Pipe(duplex=True)
        thread = threading.Thread(target=behaviour, args=(theirs,), daemon=True)
        thread.start()
        started.append((thread, ours, theirs))
        return ours

    yield start
    for thread, ours, theirs in started:
        ours.close()
        thread.join(timeout=10)
        theirs.close()


def answer_each(connection: Connection) -> None:
    """A worker that answers every job with the number of replies it held."""
    try:
        while (job := connection.recv()) is not None:
            count = len(job.items) if isinstance(job, CheckMany) else 1
            connection.send(Checked("x" * count * 1000))
    except (EOFError, OSError):
        return


async def call(link: Link, job: Job) -> Outcome:
    """Send ``job`` and wait for what the link reports (an EOFError is raised)."""
    answer: asyncio.Future[Outcome | EOFError] = asyncio.get_running_loop().create_future()
    link.send(job, answer.set_result)
    outcome = await answer
    if isinstance(outcome, EOFError):
        raise outcome
    return outcome


def test_a_job_gets_its_outcome_and_large_ones_do_not_block_the_loop(
    worker: Callable[[Callable[[Connection], None]], Connection],
) -> None:
    ours = worker(answer_each)
    big = CheckMany(tuple(ReplyInput(reply="Thanks! " * 1500) for _ in range(100)))  # 1.2 MB

    async def calls() -> tuple[list[Outcome], int]:
        link = Link(ours)
        ticks = 0

        async def ticker() -> None:  # runs only while the loop is free
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        running = asyncio.ensure_future(ticker())
        outcomes = [
            await call(link, CheckOne(ReplyInput(reply="Hi"))),
            await call(link, big),  # a 1.2 MB job, more than the socket takes at once
            await call(link, CheckOne(ReplyInput(reply="Hi"))),
        ]
        running.cancel()
        link.close()
        return outcomes, ticks

    outcomes, ticks = asyncio.run(calls())
    assert outcomes == [Checked("x" * 1000), Checked("x" * 100_000), Checked("x" * 1000)]
    assert ticks > 3  # the loop went on while the messages were in flight


def test_a_worker_that_goes_mid_job_is_an_eof_error_then_and_after(
    worker: Callable[[Callable[[Connection], None]], Connection],
) -> None:
    def dies_at_the_first_job(connection: Connection) -> None:
        connection.recv()
        connection.close()

    ours = worker(dies_at_the_first_job)

    async def calls() -> list[str]:
        link = Link(ours)
        seen = []
        for _ in range(2):
            try:
                await call(link, CheckOne(ReplyInput(reply="Hi")))
            except EOFError:
                seen.append("EOFError")
        assert link.lost
        return seen

    assert asyncio.run(calls()) == ["EOFError", "EOFError"]


def test_a_job_given_up_is_never_reported(
    worker: Callable[[Callable[[Connection], None]], Connection],
) -> None:
    """The pool gives a job up (time limit, cancelled request) by closing the link: its
    answer, or the worker's end, must then reach nobody."""
    ours = worker(answer_each)
    reported: list[object] = []

    async def give_up() -> None:
        link = Link(ours)
        link.send(CheckOne(ReplyInput(reply="Hi")), reported.append)
        link.close()
        await asyncio.sleep(0.2)  # time for the answer, and the end of file, to arrive

    asyncio.run(give_up())
    assert reported == []
