"""Whether a rule does what its own examples say: each ``fire`` example makes a finding of
the rule, each ``pass`` example makes none.

A rule's examples are its specification: ``replylint explain`` shows them and
docs/rules.md prints them. The built-in rules' examples are run by the test suite; a
team's pack rules have no suite, so ``replylint rules --check-examples`` runs theirs (and
every other rule's) the same way, from this one home. Examples describe a rule alone:
they run without the checks model, with the rule's default options, and with the team
glossary only when the example names one (``Example.glossary_banned``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from replylint.linter import Linter
from replylint.packs import Example
from replylint.report import Report
from replylint.rule import Rule


@dataclass(frozen=True)
class ExampleOutcome:
    """One example of one rule, and whether the rule did what the example says."""

    rule: str
    kind: str  # "fire" or "pass"
    index: int  # from 1, as a pack author counts
    example: Example
    fired: bool

    @property
    def as_written(self) -> bool:
        return self.fired == (self.kind == "fire")


def example_report(linter: Linter, example: Example) -> Report:
    """``linter``'s report on ``example``, with the context the example gives."""
    return linter.check(
        example.reply,
        channel=example.channel,
        customer_message=example.customer_message,
        customer_name=example.customer_name,
        template=example.template,
    )


def example_fires(linter: Linter, rule_id: str, example: Example) -> bool:
    """Whether ``linter`` reports a finding of ``rule_id`` on ``example``."""
    return any(finding.rule == rule_id for finding in example_report(linter, example).findings)


class ExampleLinters:
    """The linters examples run with: the rules alone (and the given packs), plus one per
    team glossary an example names, built once each."""

    def __init__(
        self,
        packs: list[Path] | None = None,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
    ) -> None:
        """``select`` and ``ignore``: the rules to run, as a configuration names them
        (every rule installed, by default)."""
        self._packs = list(packs or [])
        self._select = list(select) if select is not None else None
        self._ignore = list(ignore)
        self._linters: dict[tuple[tuple[str, str], ...], Linter] = {}

    def for_example(self, example: Example) -> Linter:
        key = tuple(sorted(example.glossary_banned.items()))
        if key not in self._linters:
            config: dict[str, object] = {
                "model": "none",
                "packs": self._packs,
                "select": self._select,
                "ignore": self._ignore,
            }
            if key:
                config["glossary"] = {"banned": dict(key)}
            self._linters[key] = Linter(config)
        return self._linters[key]

    @property
    def rules(self) -> Sequence[Rule]:
        return self.for_example(Example(reply="-")).rules


def example_outcomes(
    linters: ExampleLinters, keep: Callable[[Rule], bool] = lambda rule: True
) -> Iterator[ExampleOutcome]:
    """Every example of every rule ``keep`` accepts, run."""
    for rule in linters.rules:
        if not keep(rule):
            continue
        for kind, examples in (("fire", rule.examples.fire), ("pass", rule.examples.pass_)):
            for index, example in enumerate(examples, start=1):
                linter = linters.for_example(example)
                fired = example_fires(linter, rule.id, example)
                yield ExampleOutcome(rule.id, kind, index, example, fired)
