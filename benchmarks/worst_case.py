"""Worst case per reply: adversarial replies at the default size limit, one run.

    python benchmarks/worst_case.py            # prints a table for docs/performance.md
    python benchmarks/worst_case.py --chars 20000

Each case is a reply of about ``max_reply_chars`` (100,000) characters built to stress
one part of the pipeline: one giant token, only newlines, many sentences, dense HTML,
placeholders, acronyms (jargon candidates), quoted lines, long URLs, punctuation only,
mixed scripts, long runs of spaces. It is checked once with ``Linter.check`` and timed;
a typical 100-word reply is timed in the same run for comparison. A case that raises
``InputError`` (e.g. nothing left after removing quotes) counts: that is a result too.
Each case is also timed at a tenth of the size: a linear case takes about 10x as long at
full size, a quadratic one about 100x. A case still running after ``--timeout`` seconds
is stopped and shown as such. Peak RSS is the growth of this process's high-water mark
during the case (0 when an earlier case already reached it).
"""

from __future__ import annotations

import argparse
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable

from replylint import Linter, LinterConfig
from replylint.linter import InputError

TYPICAL = (
    "Hi Sam, thanks for getting in touch and sorry about the trouble with your order. "
    "I have checked your account and the refund was sent this morning; it usually takes "
    "three to five working days to reach your card. If it has not arrived by Friday, "
    "reply to this email and I will chase the bank for you. Thanks for your patience! "
    "Best wishes, Alex"
)


def fill(unit: str, size: int, head: str = "Hi Sam,\n", tail: str = "\nThanks!") -> str:
    """``unit`` repeated to make a reply of ``size`` characters with a greeting and thanks."""
    room = size - len(head) - len(tail)
    return head + (unit * (room // len(unit) + 1))[:room] + tail


def cases(size: int) -> dict[str, Callable[[], str]]:
    return {
        "one giant token": lambda: fill("a", size),
        "only newlines": lambda: "Hi\n" + "\n" * (size - 3),
        "spaces then a word": lambda: fill(" ", size, "Hi Sam,", "thanks!"),
        "tabs then a word": lambda: fill("\t", size, "Hi Sam,", "thanks!"),
        "trailing spaces on every line": lambda: fill("ok    \n", size),
        "many short sentences": lambda: fill("We will call. ", size),
        "dense HTML tags": lambda: fill("<b><i>x</i></b>", size, "<p>Hi Sam,</p>", "</p>"),
        "unclosed HTML tags": lambda: fill("<div>", size, "<p>Hi", ""),
        "many placeholders": lambda: fill("{{ticket.id}} ", size),
        "unclosed placeholders": lambda: fill("{{", size),
        "many acronyms": lambda: fill("RMA SLA KYC TLS ", size),
        "many quoted lines": lambda: fill("> quoted history\n", size, "Hi Sam, see below.\n", ""),
        "long URLs": lambda: fill("https://example.com/" + "a" * 2000 + " ", size),
        "only punctuation": lambda: ("!?.,;:-" * size)[:size],
        "mixed scripts": lambda: fill("Привет 你好 مرحبا שלום こんにちは 😀 ", size),
        "emails and phones": lambda: fill("a.b@example.com +1 555 0100 ", size),
        "valediction words": lambda: fill("Regards Thanks Cheers ", size),
        "a jargon term on every line": lambda: fill("Your RMA is approved.\n", size),
        "unclosed directive starts": lambda: fill("<!-- replylint: disable=greeting ", size),
    }


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _stop(signum: int, frame: object) -> None:
    raise TimeoutError


def timed(linter: Linter, reply: str, timeout: int) -> tuple[float, str]:
    """Seconds for one ``check`` (``inf`` if stopped) and what it returned."""
    signal.signal(signal.SIGALRM, _stop)
    signal.alarm(timeout)
    start = time.perf_counter()
    try:
        report = linter.check(reply)
        outcome = f"{len(report.findings)} findings"
    except InputError as exc:
        outcome = f"InputError: {str(exc)[:40]}"
    except TimeoutError:
        return float("inf"), f"stopped after {timeout} s"
    finally:
        signal.alarm(0)
    return time.perf_counter() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=LinterConfig().max_reply_chars)
    parser.add_argument("--only", help="run the cases whose name contains this")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per case")
    args = parser.parse_args()
    linter = Linter()
    linter.check(TYPICAL)
    typical = []
    for _ in range(50):
        start = time.perf_counter()
        linter.check(TYPICAL)
        typical.append(time.perf_counter() - start)
    rows = []
    for name, build in cases(args.chars).items():
        if args.only and args.only not in name:
            continue
        small, _ = timed(linter, cases(args.chars // 10)[name](), args.timeout)
        reply = build()
        before = peak_kib()
        seconds, outcome = timed(linter, reply, args.timeout)
        growth = seconds / small if small > 0 else float("nan")
        rows.append((name, len(reply), seconds, growth, (peak_kib() - before) / 1024, outcome))
        print(f"  {name}: {seconds:.2f} s", file=sys.stderr)
    print(
        f"{'case':30} | {'chars':>7} | {'seconds':>7} | {'x 1/10':>6} | {'RSS +MiB':>8} | outcome"
    )
    print(f"{'-' * 30} | {'-' * 7} | {'-' * 7} | {'-' * 6} | {'-' * 8} | {'-' * 20}")
    for name, chars, seconds, growth, rss, outcome in rows:
        shown = f"{seconds:>7.3f}" if seconds != float("inf") else f"> {args.timeout:>5}"
        ratio = f"{growth:>6.0f}" if growth != float("inf") else "     -"
        print(f"{name:30} | {chars:>7,} | {shown} | {ratio} | {rss:>8.1f} | {outcome}")
    p50 = statistics.median(typical)
    print(f"{'typical 100-word reply (p50)':30} | {len(TYPICAL):>7,} | {p50:>7.4f} |")
    worst = max(rows, key=lambda r: r[2])
    print(f"\nworst: {worst[0]} ({worst[2]:.2f} s, {worst[2] / p50:,.0f}x a typical reply)")
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
