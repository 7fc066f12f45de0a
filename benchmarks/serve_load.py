"""``replylint serve`` under load, on loopback only: requests/s and p50/p99 latency of
``POST /v1/check`` for ~100-word replies at concurrency 1, 8 and 64 against
``--workers 2``, as ratios against the library's own single-core throughput (the same
replies through ``Linter.check`` in one thread, in this process).

    python benchmarks/serve_load.py            # 600 requests per level, 30 s at most each
    python benchmarks/serve_load.py --quick    # 150 requests per level

Targets (issue 14): per worker >= 0.7x the library's single-core replies/s, and p99 <=
50 ms at concurrency 8. The replies are the pool's (../shared/corpus/pool/, read in place,
never copied here) of 80-120 words, each sent once per level where there are enough. Every
loop is bounded in count and time; the client is one asyncio process with keep-alive
connections, and it shares the machine's cores with the service's HTTP process and its
two check workers, which the ratios say nothing about: read them as a floor.

How the work was spread is printed for each level too, because the machine's noise does
not move it: how many connections each HTTP process held (each connection asks
``/healthz``, which names the process answering it, before it is timed), and each of the
service's child processes' share of the CPU time they used (from ``/proc``; Linux only):
the check workers (uvicorn's own worker processes, before issue 14). So is the HTTP
process's own CPU time per request (also from ``/proc``): it shares the cores with the
checks, so every millisecond it saves goes to them, and CPU time is far less noisy than
latency on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

POOL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pool"
LEVELS = (1, 8, 64)
#: Where the CPU times are read (Linux only; elsewhere the CPU columns say n/a).
PROC = Path("/proc/self/stat")


def replies(count: int) -> list[str]:
    """``count`` distinct pool replies of 80-120 words, in a fixed order."""
    records = [json.loads(line) for path in sorted(POOL.glob("*.jsonl")) for line in path.open()]
    records.sort(key=lambda r: hashlib.sha1(str(r["id"]).encode()).hexdigest())
    chosen = [r["reply"] for r in records if 80 <= len(str(r["reply"]).split()) <= 120]
    if len(chosen) < count:
        raise SystemExit(f"only {len(chosen)} replies of 80-120 words in {POOL}")
    return chosen[:count]


def library_rate(texts: list[str]) -> float:
    """Replies/s of ``Linter.check`` in one thread (after a warm-up of 20)."""
    from replylint import Linter

    linter = Linter()
    for text in texts[:20]:
        linter.check(text)
    started = time.perf_counter()
    for text in texts:
        linter.check(text)
    return len(texts) / (time.perf_counter() - started)


def start_service(workers: int) -> tuple[subprocess.Popen[str], int]:
    command = [sys.executable, "-m", "replylint", "serve", "--isolated", "--port", "0"]
    env = {k: v for k, v in os.environ.items() if k != "REPLYLINT_API_TOKEN"}
    process = subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        found = re.match(r"replylint serve: http://127\.0\.0\.1:(\d+)/", line)
        if found:
            port = int(found.group(1))
            break
    else:
        raise SystemExit("replylint serve did not start")
    # the workers' log is not read from here on: send it nowhere rather than fill the pipe
    subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
                if answer.status == 200:  # every worker has loaded
                    return process, port
        except OSError:
            time.sleep(0.2)
    raise SystemExit("replylint serve was not ready within 120 s")


def children(parent: int) -> list[int]:
    """The processes whose parent is ``parent`` (the service's workers), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(parent: int) -> dict[int, float]:
    if not PROC.exists():
        return {}
    return {pid: cpu_seconds(pid) for pid in children(parent)}


async def answering_pid(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> int:
    """The pid of the process holding this connection, from ``GET /healthz``."""
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    await reader.readline()
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return int(json.loads(await reader.readexactly(length))["pid"])


async def one_client(
    port: int, bodies: list[bytes], next_index: list[int], total: int, stop: float
) -> tuple[int, list[float]]:
    """One keep-alive connection sending requests until ``total`` are taken or time is up;
    returns the pid of the HTTP process that held it, and the latencies."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies: list[float] = []
    try:
        pid = await answering_pid(reader, writer)
        while next_index[0] < total and time.monotonic() < stop:
            body = bodies[next_index[0] % len(bodies)]
            next_index[0] += 1
            head = (
                "POST /v1/check HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            started = time.perf_counter()
            writer.write(head + body)
            status_line = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if b" 200 " not in status_line:
                raise SystemExit(f"request failed: {status_line!r}")
    finally:
        writer.close()
    return pid, latencies


@dataclass
class Level:
    requests: int
    rps: float
    p50: float
    p99: float
    #: how many of the level's connections each HTTP process held, most first
    connections: list[int]
    #: each child process's share of the children's CPU time, e.g. "51/49 %"
    cpu_share: str
    #: CPU time of the HTTP process per request, in ms (None where /proc is missing)
    http_cpu_ms: float | None


async def level(
    port: int, bodies: list[bytes], concurrency: int, total: int, limit: float, service: int
) -> Level:
    stop = time.monotonic() + limit
    taken = [0]
    before = cpu_snapshot(service)
    http_before = cpu_seconds(service)
    started = time.perf_counter()
    per_client = await asyncio.gather(
        *(one_client(port, bodies, taken, total, stop) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    http_used = cpu_seconds(service) - http_before
    after = cpu_snapshot(service)
    used = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
    latencies = sorted(x for _, client in per_client for x in client)
    return Level(
        requests=len(latencies),
        rps=len(latencies) / elapsed,
        p50=statistics.median(latencies) * 1000,
        p99=latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000,
        connections=sorted(Counter(pid for pid, _ in per_client).values(), reverse=True),
        cpu_share=shares(used),
        http_cpu_ms=1000 * http_used / len(latencies) if PROC.exists() else None,
    )


def shares(used: dict[int, float]) -> str:
    """Each child process's share of the children's CPU time, largest first (the resource
    tracker and other idle helpers, under 2 %, left out)."""
    total = sum(used.values())
    if total <= 0:
        return "n/a"
    parts = sorted((100 * u / total for u in used.values()), reverse=True)
    return "/".join(f"{p:.0f}" for p in parts if p >= 2) + " %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="150 requests per level")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=30.0, help="per level")
    args = parser.parse_args()
    total = 150 if args.quick else 600
    texts = replies(total)
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"{len(texts)} replies, {words:.0f} words on average; workers {args.workers}")
    library = library_rate(texts[: min(300, total)])
    print(f"library, one thread: {library:.1f} replies/s ({1000 / library:.1f} ms each)")
    bodies = [json.dumps({"reply": t}).encode() for t in texts]
    process, port = start_service(args.workers)
    try:
        asyncio.run(level(port, bodies, 8, 40, 10, process.pid))  # warm-up: every worker
        print(
            "\n| concurrency | requests | requests/s | p50 ms | p99 ms | per worker / library "
            "| connections per HTTP process | CPU share per child process "
            "| HTTP process CPU ms/request |"
        )
        print("|---:|---:|---:|---:|---:|---:|---|---|---:|")
        for concurrency in LEVELS:
            got = asyncio.run(
                level(port, bodies, concurrency, total, args.max_seconds, process.pid)
            )
            connections = "+".join(str(c) for c in got.connections)
            http_cpu = f"{got.http_cpu_ms:.2f}" if got.http_cpu_ms is not None else "n/a"
            print(
                f"| {concurrency} | {got.requests} | {got.rps:.1f} | {got.p50:.1f} "
                f"| {got.p99:.1f} | {got.rps / args.workers / library:.2f}x "
                f"| {connections} | {got.cpu_share} | {http_cpu} |"
            )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    print("\ntargets: per worker >= 0.70x the library; p99 <= 50 ms at concurrency 8")


if __name__ == "__main__":
    main()
