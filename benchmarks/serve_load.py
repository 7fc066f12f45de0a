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
connections, and it shares the machine's cores with the two workers, which the ratios say
nothing about: read them as a floor.
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
from pathlib import Path

POOL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pool"
LEVELS = (1, 8, 64)


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
                if answer.status == 200:
                    time.sleep(3)  # readiness comes from one worker; give the other time too
                    return process, port
        except OSError:
            time.sleep(0.2)
    raise SystemExit("replylint serve was not ready within 120 s")


async def one_client(
    port: int, bodies: list[bytes], next_index: list[int], total: int, stop: float
) -> list[float]:
    """One keep-alive connection sending requests until ``total`` are taken or time is up."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies: list[float] = []
    try:
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
    return latencies


async def level(
    port: int, bodies: list[bytes], concurrency: int, total: int, limit: float
) -> dict[str, float]:
    stop = time.monotonic() + limit
    taken = [0]
    started = time.perf_counter()
    per_client = await asyncio.gather(
        *(one_client(port, bodies, taken, total, stop) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    latencies = sorted(x for client in per_client for x in client)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000,
    }


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
        asyncio.run(level(port, bodies, 8, 40, 10))  # warm-up: both workers' caches
        print("\n| concurrency | requests | requests/s | p50 ms | p99 ms | per worker / library |")
        print("|---:|---:|---:|---:|---:|---:|")
        for concurrency in LEVELS:
            got = asyncio.run(level(port, bodies, concurrency, total, args.max_seconds))
            ratio = got["rps"] / args.workers / library
            print(
                f"| {concurrency} | {got['requests']:.0f} | {got['rps']:.1f} | {got['p50']:.1f} "
                f"| {got['p99']:.1f} | {ratio:.2f}x |"
            )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    print("\ntargets: per worker >= 0.70x the library; p99 <= 50 ms at concurrency 8")


if __name__ == "__main__":
    main()
