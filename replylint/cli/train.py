"""``replylint train GOLD... --out DIR``: a checks model from labelled replies.

Reads the gold files ``eval`` reads, trains reproducibly (``--seed``), reports progress
on stderr and a summary on stdout: per check, the rules against the model on held-out
training replies, and whether the model will decide that check. Use the result with
``--model DIR`` (or ``model = "DIR"`` in the config) and compare with ``eval --model``.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from replylint.cli.interrupts import interruptible
from replylint.cli.options import (
    EXIT_OK,
    UsageError,
    add_channel_name_option,
    add_gold_arguments,
    channel_names_given,
)
from replylint.model.card import DEFAULT_EPOCHS, DEFAULT_FOLDS, ModelCard

#: What a stopped run (Ctrl-C, SIGTERM) leaves: the model is moved into --out only once
#: trained, so --out is as it was (no model yet, or the one --force would have replaced).
LEFT_AS_IT_WAS = "--out was left as it was (the model is moved in only once trained)"
STOPPED = f"{LEFT_AS_IT_WAS}; train again"
#: The exit code of a run stopped by SIGTERM (128 + 15), as ``score`` ends.
EXIT_STOPPED = 143

if TYPE_CHECKING:
    from replylint.cli.options import Subparsers


def add_parser(subparsers: Subparsers) -> None:
    command = subparsers.add_parser(
        "train",
        help="train a checks model on labelled replies (JSONL, CSV)",
        description="Train a checks model (and a jargon term model and a customer-problem "
        "model, where the labels allow) on labelled replies in the gold format "
        "`replylint eval` reads; use it with --model DIR.",
    )
    add_gold_arguments(command)
    add_channel_name_option(command, config=False)
    command.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="the model directory to write"
    )
    command.add_argument(
        "--seed", type=int, default=0, help="random seed (same data and seed: same model)"
    )
    command.add_argument(
        "--folds",
        type=int,
        default=DEFAULT_FOLDS,
        help=f"cross-validation folds by id (default {DEFAULT_FOLDS}; see --folds-by)",
    )
    command.add_argument(
        "--folds-by",
        choices=("source", "id"),
        default="source",
        help="calibrate on one fold per `source` field (default: the figures and choices "
        "are then cross-source), or on --folds folds by id; with fewer than three "
        "sources of 20 replies, by id",
    )
    command.add_argument(
        "--epochs",
        type=int,
        default=DEFAULT_EPOCHS,
        help=f"passes over the data per model (default {DEFAULT_EPOCHS})",
    )
    command.add_argument(
        "--force",
        action="store_true",
        help="replace DIR if it holds a model `train` wrote (never a folder of other files)",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    interruptible()  # before the imports: a background job's early SIGINT was ignored
    from replylint.batch.job import Stopped, stoppable
    from replylint.evaluation import (
        gold_notes,
        read_gold_files,
    )  # here: training is heavy to import
    from replylint.model.training import train

    out: Path = args.out
    _check_out(out, force=args.force, keep=args.gold)
    if args.epochs < 1:
        raise UsageError("--epochs must be 1 or more")
    channel_names = channel_names_given(args)
    records = read_gold_files(
        args.gold, args.pass_mark, channel_names=channel_names, id_col=args.id_col
    )
    for note in gold_notes(
        args.gold, args.pass_mark, channel_names=channel_names, id_col=args.id_col
    ):
        print(f"replylint train: note: {note}", file=sys.stderr)
    glossary = _glossary_not_learned(args.gold[0])
    if glossary is not None:
        print(f"replylint train: note: {glossary}", file=sys.stderr)
    if not records:
        raise UsageError("the gold files hold no records")

    def progress(message: str) -> None:
        print(f"replylint train: {message}", file=sys.stderr, flush=True)

    # Trained beside DIR and moved in when done: a run that fails or is stopped (Ctrl-C,
    # or SIGTERM: `stoppable` makes it an exception, so the scratch folder is removed
    # then too) leaves DIR as it was (the model --force would replace included).
    try:
        with stoppable():
            try:
                scratch = Path(tempfile.mkdtemp(prefix=_scratch_prefix(out), dir=out.parent))
            except OSError as exc:  # (_check_out tried, but the folder may have changed)
                raise UsageError(_cannot_write_in(out, exc)) from None
            keep = False  # the trained model, when it could not be moved into DIR
            try:
                staged = scratch / out.name
                try:
                    card = train(
                        records,
                        staged,
                        seed=args.seed,
                        folds=args.folds,
                        folds_by=args.folds_by,
                        epochs=args.epochs,
                        progress=progress,
                    )
                except OSError as exc:  # a full disk, a folder made read-only meanwhile
                    raise UsageError(
                        f"{_cannot_write(exc)}; {LEFT_AS_IT_WAS}; make room (or name a "
                        "folder you can write) and train again"
                    ) from None
                try:
                    _move_in(staged, out)
                except OSError as exc:
                    keep = True
                    raise UsageError(
                        f"cannot move the trained model into --out {out} "
                        f"({exc.strerror or exc}); {out} was left as it was, and the new "
                        f"model is in {staged}: move it where you want it"
                    ) from None
            finally:
                if not keep:
                    shutil.rmtree(scratch, ignore_errors=True)
    except Stopped:
        print(f"replylint: stopped; {STOPPED}", file=sys.stderr)
        return EXIT_STOPPED
    print(summary(card, out))
    return EXIT_OK


def _glossary_not_learned(first: Path) -> str | None:
    """A note when the configuration ``eval`` reads for these gold files (the nearest
    from the first one's folder) holds a glossary, which ``train`` does not apply.

    It is right not to: the glossary is applied on top of the model wherever the model
    is used (the jargon rule drops the terms it allows, or bans, after the model has
    decided), so leaving them out of training changes nothing a check of this team
    reports, and a model directory is used with other configurations too; learnt with
    one team's glossary, it would have learnt a label ("RMA" is jargon) as its opposite.
    But ``eval`` does apply it, so its jargon figures differ from the held-out ones
    ``train`` reports: said, so that the two are not taken to disagree. A configuration
    that cannot be read is left for ``check`` and ``eval`` to report: ``train`` reads
    none."""
    from replylint.config import ConfigError
    from replylint.configfile import find_config, load_settings

    try:
        path = find_config(first)
        glossary = load_settings(path).glossary if path is not None else None
    except (ConfigError, OSError):
        return None
    if glossary is None or not (glossary.allowed or glossary.banned):
        return None
    return (
        f"the glossary of {path} is not applied to what the models learn: the jargon "
        "labels are learnt as given, and the glossary applies on top of the model where "
        "it is used (check, score and eval read it), so eval's jargon figures with it "
        "differ from the held-out ones below"
    )


def _scratch_prefix(out: Path) -> str:
    """The name, up to a random end, of the folder a model is trained in beside DIR."""
    return f".{out.name}.training-"


def _cannot_write(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot write{where}: {exc.strerror or exc}"


def _cannot_write_in(out: Path, exc: OSError) -> str:
    return (
        f"--out {out}: cannot write in the folder {out.parent} ({exc.strerror or exc}); "
        "name a folder you can write (--out models/NAME)"
    )


def _move_in(staged: Path, out: Path) -> None:
    """Put the trained model at ``out``. What is there (the model ``--force`` replaces,
    or an empty folder) is first moved aside, beside ``staged`` in the scratch folder
    that is removed afterwards, and moved back should the model not go in: ``out`` is
    never left half deleted, as removing it in place could (nor empty, should a stop
    come between the two moves)."""
    replaced = staged.with_name(f"{staged.name}.replaced")
    if out.exists():
        out.rename(replaced)
    try:
        staged.rename(out)
    except BaseException:  # (an OSError, or a stop: Ctrl-C, SIGTERM)
        if replaced.exists():
            replaced.rename(out)
        raise


def _check_out(out: Path, *, force: bool, keep: list[Path]) -> None:
    """Refuse, before any training, an ``--out`` whose replacement would destroy more
    than a model: the current folder or one above it (they hold the config file read
    here), a folder holding a gold file (``keep``), and, ``--force`` or not, a folder of
    other files. ``--force`` replaces only an empty folder or one ``train`` wrote (it
    holds ``model.json``): ``--out . --force`` once deleted the gold files with
    everything else in the folder.

    Refused as well, so that a run never trains to the end only to fail writing the
    model: a symbolic link (whether the model should replace the link or what it points
    to is not for ``train`` to guess; it trained to the end, then failed to remove the
    link, losing the new model), and a place the model cannot be written (under a file,
    in a folder the user may not write, over a folder the user may not change)."""
    from replylint.model.checks_model import CARD_FILE

    if out.is_symlink():
        target = out.resolve()
        raise UsageError(
            f"--out {out} is a symbolic link (to {target}), which train does not write "
            f"through; give the folder itself (--out {target}), or name a new folder for "
            "the model"
        )
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a directory for the model")
    if not out.parent.exists():
        raise UsageError(
            f"--out {out}: the folder {out.parent} does not exist; make it first "
            f"(mkdir -p {shlex.quote(str(out.parent))}), or name a folder that exists"
        )
    if not out.parent.is_dir():
        raise UsageError(
            f"--out {out}: {out.parent} is a file, not a folder; name a folder for the "
            "model (--out models/NAME)"
        )
    where = out.resolve()
    here = Path.cwd().resolve()
    if where == here or where in here.parents:
        raise UsageError(
            f"--out {out} is the current folder or one above it; name a new folder for "
            "the model (--out models/NAME)"
        )
    for path in keep:
        if path.resolve().is_relative_to(where):
            raise UsageError(
                f"--out {out} holds the gold file {path}, which writing the model would "
                "delete; name another folder for the model (--out models/NAME)"
            )
    if out.is_dir() and any(out.iterdir()):
        if not (out / CARD_FILE).is_file():
            raise UsageError(
                f"--out {out} holds files and no {CARD_FILE}: it is not a model folder "
                "`replylint train` wrote, and --force replaces only those; name a new "
                "folder for the model"
            )
        if not force:
            raise UsageError(f"{out} already holds a model; pass --force to replace it")
    _check_writable(out)


def _check_writable(out: Path) -> None:
    """Refuse an ``--out`` the model could not be moved into once trained."""
    try:  # the one sure test: what the run does first, making its scratch folder there
        Path(tempfile.mkdtemp(prefix=_scratch_prefix(out), dir=out.parent)).rmdir()
    except OSError as exc:
        raise UsageError(_cannot_write_in(out, exc)) from None
    if out.is_dir() and not os.access(out, os.W_OK | os.X_OK):  # (moved aside: _move_in)
        raise UsageError(
            f"--out {out}: you may not change that folder, so the model cannot replace "
            "it; name another folder for the model (--out models/NAME)"
        )


def summary(card: ModelCard, out: Path) -> str:
    """What was trained, and per check how the model did on held-out training replies."""
    from replylint.model.calibration import ERROR_PRECISION, tempers
    from replylint.model.problem_model import PROBLEM_DIR
    from replylint.model.training import MIN_APPLICABLE, TERMS_DIR

    sources = ", ".join(f"{name} {count:,}" for name, count in card.sources.items())
    lines = [
        f"model written to {out} ({card.records:,} replies: {sources}; seed {card.seed})",
        "held-out figures (each training reply scored by a model that did not train on it"
        + (", nor on its source):" if card.folds_by == "source" else "):"),
        f"{'check':<21} {'labelled':>8} {'rules F1':>9} {'model F1':>9} {'decides':>8} "
        f"{'present >=':>10} {'error <':>8} {'ECE':>6}",
    ]
    unmeasured = []
    for name, c in card.checks.items():
        h = c.held_out
        if not h.replies:
            lines.append(f"{name:<21} {0:>8}  not labelled in the gold files: the rules decide")
            continue
        if h.present in (0, h.replies):
            label = "present" if h.present else "missing"
            lines.append(
                f"{name:<21} {h.replies:>8}  one class only (every reply labelled {label}): "
                "nothing to learn, the rules decide"
            )
            continue
        if h.model_macro_f1 is None or h.expected_calibration_error is None:
            unmeasured.append(name)
            lines.append(
                f"{name:<21} {h.replies:>8} {h.rules_macro_f1:>9.3f} {'n/a':>9} "
                f"{'rules':>8} {'n/a':>10} {'n/a':>8} {'n/a':>6}"
            )
            continue
        lines.append(
            f"{name:<21} {h.replies:>8} {h.rules_macro_f1:>9.3f} {h.model_macro_f1:>9.3f} "
            f"{'model' if c.decides else 'rules':>8} {c.threshold:>10.2f} "
            f"{c.error_below:>8.2f} {h.expected_calibration_error:>6.3f}"
        )
    if unmeasured:
        each = "it" if len(unmeasured) == 1 else "each"
        lines.append(
            f"n/a: {', '.join(unmeasured)}: the rules find {each} applies to fewer than "
            f"{MIN_APPLICABLE} of the replies labelled for it (the counts are in the "
            "progress above), too few to calibrate the model on or to measure it, so the "
            "rules decide; label more replies it applies to"
        )
    adding = [
        f"{name} from P(present) {c.adds_from:.2f}"
        for name, c in card.checks.items()
        if not c.decides and c.adds_from is not None
    ]
    if adding:
        lines.append(
            f"the rules decide {', '.join(n.split()[0] for n in adding)}, and the model adds "
            f"it where they missed it ({'; '.join(adding)}): its additions from there were "
            f"right at least {ERROR_PRECISION:.0%} of the time on every source"
        )
    tempered = [name for name, c in card.checks.items() if tempers(c) and c.error_below > 0]
    if tempered:
        lines.append(
            f"the rules decide {', '.join(tempered)}, but their 'missing' findings were "
            f"right less than {ERROR_PRECISION:.0%} of the time: those the model doubts "
            "are reported one severity lower"
        )
    lowered = [name for name, c in card.checks.items() if tempers(c) and c.error_below <= 0]
    if lowered:
        lines.append(
            f"the rules decide {', '.join(lowered)}, but their 'missing' findings were "
            f"right less than {ERROR_PRECISION:.0%} of the time and the model has no band to "
            "tell the right ones: every one is reported one severity lower"
        )
    unbanded = [name for name, c in card.checks.items() if c.decides and c.error_below <= 0]
    if unbanded:
        lines.append(
            f"the model decides {', '.join(unbanded)}, but below no P(present) were its "
            f"'missing' verdicts right {ERROR_PRECISION:.0%} of the time on every source: "
            "each of those findings is reported one severity lower, none as an error"
        )
    terms = card.terms
    if terms is None:
        lines.append(
            "jargon: no term model (too few labelled jargon terms, or no term candidates in "
            "the replies); the rule decides"
        )
    else:
        lines.append(
            f"jargon term model ({out / TERMS_DIR}): {terms.gold_terms} strict terms in "
            f"{terms.replies} replies, "
            f"{terms.candidate_recall:.0%} of them reachable as candidates; out of fold "
            f"precision {terms.cv_precision:.3f}, recall {terms.cv_recall:.3f}"
        )
    problem = card.problem
    if problem is None:
        lines.append(
            "customer problem: no model (fewer than 200 customer messages labelled "
            "`problem`, or too few of one kind); the rules' problem words decide"
        )
    else:
        lines.append(
            f"customer problem model ({out / PROBLEM_DIR}): {problem.messages} labelled "
            f"messages; out of fold, recall {problem.rules_recall:.3f} -> "
            f"{problem.cv_recall:.3f} and precision {problem.rules_precision:.3f} -> "
            f"{problem.cv_precision:.3f} (the rules' words alone -> with the model)"
        )
    lines.append(f"use it with --model {out}, or compare: replylint eval GOLD --model {out}")
    return "\n".join(lines)
