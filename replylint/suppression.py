"""Which findings the agent asked replylint not to report, and which requests did nothing.

Directives come from the reply itself (``replylint: disable=...``, found while
normalising: see ``replylint.normalize.directives``) and from the caller (``disable=`` in
the API). A name in a directive matches a finding by rule id (``tone.blame``), by rule-id
prefix (``tone``) or by check name (``jargon``). ``disable`` covers the whole reply;
``disable-next-line`` only findings on the line it names, or on the lines between that
show the customer nothing (template tags alone: ``{{#if vip}}``): those that start there,
and those that start above it and run onto those lines. A directive placed mid-sentence,
inside the words a finding flags ("per our\n<!-- ... -->\npolicy"), covers that finding;
one wholly on a line above is not covered.

A directive that silences nothing is worth knowing about (the macro changed, the rule was
renamed): :func:`directive_findings` reports unknown rule names and comments meant as a
directive that do not parse always (a typo must not silently do nothing), and unused
directives when asked to, like ruff's ``RUF100``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from replylint.config import RuleNames, covers, matches_any
from replylint.normalize.directives import line_of, line_starts
from replylint.normalize.model import Directive, MalformedDirective
from replylint.report import Finding, Severity

#: The check of the findings about directives themselves.
DIRECTIVE_CHECK = "suppression"
UNUSED_RULE = "suppression.unused"
UNKNOWN_RULE = "suppression.unknown-rule"
MALFORMED_RULE = "suppression.malformed"
#: The forms a directive takes, for the findings that say how to write one.
DIRECTIVE_FORMS = (
    "`replylint: disable=RULE[,RULE]` or `replylint: disable-next-line=RULE[,RULE]`, "
    "optionally followed by `# reason`"
)
#: What the findings about directives mean, for formats that describe every rule (SARIF).
DIRECTIVE_RULES: dict[str, str] = {
    UNKNOWN_RULE: "A `replylint: disable` directive names no known rule or check, so it "
    "silences nothing; usually a typo.",
    UNUSED_RULE: "A `replylint: disable` directive silences nothing; left in place it would "
    "hide a future finding nobody reviewed.",
    MALFORMED_RULE: "A comment meant for replylint is no directive it can read (no colon, an "
    "unknown word such as `enable`, words after the rules, not alone on its line), so it "
    f"silences nothing. A directive is {DIRECTIVE_FORMS}.",
}
#: What each finding about directives suggests (its ``suggestion``; ``replylint explain``).
DIRECTIVE_FIXES: dict[str, str] = {
    UNKNOWN_RULE: "Use a rule id from `replylint rules`, a prefix of one, or a check name.",
    UNUSED_RULE: "Remove it, so a future finding is not hidden.",
    MALFORMED_RULE: f"Write {DIRECTIVE_FORMS}, alone in its comment or, in a template, on a "
    "line of its own (in a reply about to be sent, only in a comment).",
}
#: The severity of every finding about directives.
DIRECTIVE_SEVERITY = Severity.warning


#: Why a directive on a line of its own in a reply about to be sent silences nothing.
VISIBLE_IN_SENT_REPLY = (
    "it is on a line of the text the customer reads: a reply about to be sent takes a "
    "directive in a comment (<!-- ... -->) or the caller's disable=; a macro kept in a "
    "repository is checked with --template"
)


def honoured_in(
    original: str, directives: tuple[Directive, ...], *, template: bool, html: bool
) -> tuple[tuple[Directive, ...], tuple[MalformedDirective, ...]]:
    """The directives that count, and those that do not, as malformed ones to report. In
    a reply about to be sent (not a template) a plain-text directive line is text the
    customer receives: honoured, one line let any agent pass the gate with 100/100 and
    send "replylint: disable" with the leftovers it hid. A comment form is hidden by
    what renders the reply; in a template the line is removed before anyone reads it."""
    if template or html:
        return directives, ()
    visible = [d for d in directives if _is_plain_line(original, d)]
    if not visible:
        return directives, ()
    kept = tuple(d for d in directives if d not in visible)
    return kept, tuple(MalformedDirective(d.start, d.end, VISIBLE_IN_SENT_REPLY) for d in visible)


def _is_plain_line(original: str, directive: Directive) -> bool:
    """The directive is written as a line of text, not inside a comment."""
    return original[directive.start : directive.end].lstrip().lower().startswith("replylint")


def names_finding(name: str, finding: Finding) -> bool:
    """Does a directive's rule name cover this finding?"""
    return names_rule(name, finding.rule, finding.check)


def names_rule(name: str, rule_id: str, check: str) -> bool:
    """Does a directive's rule name cover this rule, by id, id prefix or check name?"""
    return name in ("all", check) or matches_any(rule_id, [name])


def not_ignored(findings: Iterable[Finding], *ignores: Collection[str]) -> list[Finding]:
    """The findings about directives that none of the ``ignores`` lists names.

    Only an explicit ``ignore`` hides them, never ``select``: a team that selects the
    rules it cares about has not asked to lose the report of a mistyped directive (the
    ``suppression`` check is listed nowhere a user would think to select it), and a typo
    must not silently do nothing."""
    return [f for f in findings if not any(covers(names, f.rule, f.check) for names in ignores)]


@dataclass
class SuppressionResult:
    """The findings kept, and what each directive silenced (for unused reporting)."""

    kept: list[Finding]
    suppressed: list[Finding]
    used: dict[tuple[int, str], int] = field(default_factory=dict)


def apply_suppressions(
    findings: Iterable[Finding],
    original: str,
    directives: Sequence[Directive],
    disable: Collection[str] = (),
) -> SuppressionResult:
    """Split ``findings`` into kept and suppressed. ``used`` counts, per (directive
    index, rule name), the findings that name silenced (``""`` for a directive that
    names no rule)."""
    starts = line_starts(original) if any(d.target_line is not None for d in directives) else []
    result = SuppressionResult(kept=[], suppressed=[])
    for finding in findings:
        if any(names_finding(name, finding) for name in disable):
            result.suppressed.append(finding)
            continue
        hit = _silencing(finding, directives, starts)
        if hit is None:
            result.kept.append(finding)
        else:
            result.suppressed.append(finding)
            result.used[hit] = result.used.get(hit, 0) + 1
    return result


def _silencing(
    finding: Finding, directives: Sequence[Directive], starts: list[int]
) -> tuple[int, str] | None:
    lines: tuple[int, int] | None = None
    for index, directive in enumerate(directives):
        if directive.target_line is not None:
            if lines is None:
                lines = _lines_of(finding, starts)
            # the line it names, and the lines of template tags alone it passed over to
            # get there ("{{#if vip}}"): a leftover tag there is the line's only finding;
            # a finding covered starts there, or above and runs onto them
            first, last = lines
            if not (
                first <= directive.target_line and last > line_of(starts, max(directive.end - 1, 0))
            ):
                continue
        elif directive.action != "disable":
            continue  # a next-line directive with no line after it covers nothing
        if directive.covers_all:
            return index, ""
        for name in directive.rules:
            if names_finding(name, finding):
                return index, name
    return None


def _lines_of(finding: Finding, starts: list[int]) -> tuple[int, int]:
    """The first and last line of the finding's words (its one line when it flags none:
    a "missing" finding)."""
    first = line_of(starts, finding.start)
    return first, max(first, line_of(starts, finding.end - 1))


def directive_findings(
    original: str,
    directives: Sequence[Directive],
    used: dict[tuple[int, str], int],
    known: RuleNames,
    *,
    report_unused: bool,
    malformed: Sequence[MalformedDirective] = (),
    ran: Collection[tuple[str, str]] | None = None,
) -> list[Finding]:
    """Findings about the directives themselves: what is meant as a directive but does not
    parse, and names no rule has (both always: a typo must not silently do nothing), and
    names that silenced nothing (when ``report_unused``).

    ``ran`` is the (rule id, check) of every rule that ran on the reply (None: all of
    them). A name none of them has is not reported unused: its rule did not run (not
    selected, ignored, or not run on the channel), so nothing says whether the directive
    is stale, and removing it would bring the finding back where the rule does run."""
    out = [
        _meta(
            MALFORMED_RULE, bad, original[bad.start : bad.end],
            f"Not a directive replylint can read: {bad.problem}; it silences nothing.",
            DIRECTIVE_FIXES[MALFORMED_RULE],
        )
        for bad in malformed
    ]  # fmt: skip
    for index, directive in enumerate(directives):
        text = original[directive.start : directive.end]
        for name in directive.rules or ("",):
            if name and name != "all" and not known.knows(name):
                close = known.closest(name)
                hint = f' Did you mean "{close}"?' if close else ""
                out.append(
                    _meta(
                        UNKNOWN_RULE, directive, text,
                        f'The suppression names "{name}", which is no rule or check; '
                        f"it silences nothing.{hint}",
                        DIRECTIVE_FIXES[UNKNOWN_RULE],
                    )
                )  # fmt: skip
            elif report_unused and not used.get((index, name)) and _could_silence(name, ran):
                what = f'"{name}"' if name else "all rules"
                where = "on the next line" if directive.action == "disable-next-line" else "here"
                out.append(
                    _meta(
                        UNUSED_RULE, directive, text,
                        f"The suppression of {what} is unused: nothing {where} is reported.",
                        DIRECTIVE_FIXES[UNUSED_RULE],
                    )
                )  # fmt: skip
    return out


def _could_silence(name: str, ran: Collection[tuple[str, str]] | None) -> bool:
    """Did a rule that ``name`` covers run, so that its silence means the directive is
    unused? The findings about directives are always made, so they count as run."""
    if not name or ran is None:
        return True
    made = [(rule, DIRECTIVE_CHECK) for rule in DIRECTIVE_RULES]
    return any(names_rule(name, rule, check) for rule, check in (*ran, *made))


def _meta(
    rule: str, directive: Directive | MalformedDirective, text: str, message: str, fix: str
) -> Finding:
    return Finding(
        rule=rule,
        check=DIRECTIVE_CHECK,
        severity=DIRECTIVE_SEVERITY,
        message=message,
        start=directive.start,
        end=directive.end,
        text=text,
        suggestion=fix,
        confidence=1.0,
    )
