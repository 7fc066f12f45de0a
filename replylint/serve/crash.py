"""What the service tells, and logs, of an exception raised while it checks a reply.

A built-in rule's exception is a bug in replylint; a rule plugin's is the plugin's
(``Linter.check`` raises :class:`~replylint.errors.PluginFailed` naming it, and
``replylint score`` reports either as the error of the one row it failed on, and goes
on). Either way the reply is not at fault: sent again, it fails again. So the client is
told which rule failed and what the service's operator can do (``replylint serve
--ignore RULE``: a request's ``disable`` only hides a rule's findings, the rule still
runs), and the operator gets a log line that says where, for a bug report: the
exception's type, the rule, the file and line, and the stack. Never the exception's
message: it may quote the customer's text, which the log holds only with
``--log-replies``.

The exception is described where it was raised (a worker process, most often), and only
this description travels to the HTTP process, which logs it and answers.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from types import TracebackType

from replylint.errors import PluginFailed

#: The most stack frames a log line lists (the innermost ones).
MAX_FRAMES = 30
#: Packages a rule calls into: an exception raised in them is reported at the line of
#: replylint (or of the plugin) that called them, where a bug report starts.
CALLED = frozenset({"spacy", "thinc", "pydantic", "pydantic_core", "numpy", "textstat", "regex"})


@dataclass(frozen=True)
class Crashed:
    """An exception in the checks, as far as it may travel and be logged: ``kind`` its
    type, ``rule`` the id of the rule it was raised in (None: outside any rule),
    ``plugin`` the plugin that rule is (None: a built-in rule, a bug in replylint),
    ``where`` the file, line and function it was raised at, ``stack`` the frames above
    it as a traceback lists them (never the message: see the module)."""

    kind: str
    rule: str | None = None
    plugin: str | None = None
    where: str = ""
    stack: str = ""

    def error(self) -> str:
        """What the client is told: which rule failed, and what to do. Only the service's
        operator can leave a rule out (a request's ``disable`` hides its findings, but
        the rule still runs, and fails again)."""
        again = "not a fault of the reply (sent again, it fails the same way)"
        log = "the server log says where"
        if self.plugin is not None:
            return (
                f"{self.plugin} failed on this reply ({self.kind}), {again}; tell the "
                f"service's operator: {log}, and `replylint serve --ignore {self.rule}` "
                "leaves the rule out until the plugin is fixed"
            )
        if self.rule is None:
            return (
                f"internal error in replylint: the check failed ({self.kind}), {again}; "
                f"tell the service's operator: {log}, for a bug report"
            )
        return (
            f"internal error in replylint: its rule '{self.rule}' failed on this reply "
            f"({self.kind}), {again}; tell the service's operator: {log}, for a bug report, "
            f"and `replylint serve --ignore {self.rule}` leaves the rule out meanwhile"
        )

    def log_line(self, request: str) -> str:
        """What the log says: ``request`` names what was being checked ("a reply", "item
        3 of a check-many"), then the exception's type, rule and place, then its stack."""
        rule = f" in {self.plugin}" if self.plugin else ""
        if self.rule is not None and self.plugin is None:
            rule = f" in the rule '{self.rule}'"
        at = f" at {self.where}" if self.where else ""
        head = (
            f"internal error checking {request}: {self.kind}{rule}{at} (its message is left "
            "out: it may quote the reply)"
        )
        return f"{head}\n{self.stack}" if self.stack else head


def crashed(exc: BaseException) -> Crashed:
    """``exc`` described as :class:`Crashed`: a :class:`PluginFailed` as the plugin's own
    exception, raised in that plugin's rule."""
    if isinstance(exc, PluginFailed) and exc.__cause__ is not None:
        cause = exc.__cause__
        return Crashed(
            kind=type(cause).__name__,
            rule=exc.rule_id,
            plugin=exc.plugin,
            **_place(cause.__traceback__),
        )
    return Crashed(
        kind=type(exc).__name__, rule=_rule_of(exc.__traceback__), **_place(exc.__traceback__)
    )


def _place(tb: TracebackType | None) -> dict[str, str]:
    """``where`` and ``stack`` of a traceback. ``where`` is the innermost frame of
    replylint's own code or of a plugin (not of spaCy or the standard library, which a
    rule calls): the line a bug report starts from."""
    frames = list(traceback.walk_tb(tb))
    if not frames:
        return {"where": "", "stack": ""}
    ours = [(f, line) for f, line in frames if not _library(f.f_globals.get("__name__", ""))]
    frame, line = (ours or frames)[-1]
    code = frame.f_code
    where = f"{_short(code.co_filename)}:{line}, in {code.co_name}"
    listed = [  # as a traceback lists them, without the source lines
        f'  File "{f.f_code.co_filename}", line {line}, in {f.f_code.co_name}'
        for f, line in frames[-MAX_FRAMES:]
    ]
    return {"where": where, "stack": "\n".join(["Traceback (most recent call last):", *listed])}


def _rule_of(tb: TracebackType | None) -> str | None:
    """The id of the innermost rule whose method the traceback passes through, if any
    (a rule's ``check`` runs as a method, whatever helpers it calls)."""
    module = sys.modules.get("replylint.rule")  # no rule exists unless it is loaded
    rule_class = getattr(module, "Rule", None)
    if rule_class is None:
        return None
    found = None
    for frame, _ in traceback.walk_tb(tb):
        owner = frame.f_locals.get("self")
        if isinstance(owner, rule_class):
            found = str(type(owner).id)
    return found


def _library(module: str) -> bool:
    """Whether a module is one a rule calls (the standard library, spaCy, pydantic...)
    rather than replylint's own or a plugin's."""
    top = module.partition(".")[0]
    return top in sys.stdlib_module_names or top in CALLED


def _short(path: str) -> str:
    """A source file's path from its package down (``replylint/linter.py``): the same
    on every machine, and no home folder in the log."""
    marker = "/replylint/"
    normal = path.replace("\\", "/")
    if marker in normal:
        return "replylint/" + normal.rsplit(marker, 1)[1]
    for folder in ("/site-packages/", "/dist-packages/"):
        if folder in normal:
            return normal.rsplit(folder, 1)[1]
    return path
