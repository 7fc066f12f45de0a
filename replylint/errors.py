"""The one base class of every error a user can cause and fix.

Bad input, a bad option, configuration, pack, plug-in, gold file or output path: each
module raises its own subclass (so a library caller can catch exactly what it expects),
and every command line turns any of them into one line on stderr and exit code 2
(DESIGN.md). The command line catches this base alone, so it need not import a
subcommand's modules (training, batch readers, evaluation) just to name their errors:
each subcommand imports what it needs when it runs, which keeps ``replylint check``'s
start-up short.
"""

from __future__ import annotations

import difflib
import errno
import typing
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

__all__ = [
    "UserError",
    "allowed_keys",
    "closest_name",
    "out_of_room",
    "validation_message",
    "validation_problem_list",
    "validation_problems",
]

#: How many problems one error lists before "and N more" (a file of something else
#: could have thousands).
MAX_PROBLEMS_SHOWN = 10


class UserError(Exception):
    """A mistake in what the user gave replylint; the message says what to do."""


#: The errors of a full disk, quota or file-size limit: the machine's state, not a bug
#: nor the input's, and gone once room is made.
_OUT_OF_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def out_of_room(exc: BaseException) -> typing.TypeGuard[OSError]:
    """Whether ``exc`` says the disk (or quota, or file-size limit) is full: a temporary
    file a library could not write (a plugin's, or spaCy's), not a bug to report."""
    return isinstance(exc, OSError) and exc.errno in _OUT_OF_ROOM


def out_of_room_message(exc: OSError) -> str:
    """What to say of :func:`out_of_room`'s error: the file, when it is named, and where
    temporary files go, when it is not."""
    where = f" ({exc.filename})" if exc.filename else ""
    return (
        f"{exc.strerror or exc}{where}, writing a file (a temporary one, unless named); make "
        "room on that disk (temporary files go where TMPDIR points, /tmp by default)"
    )


class PluginError(UserError, RuntimeError):
    """A rule plugin could not be loaded, or failed on a reply; the message names it."""


class PluginFailed(PluginError):
    """A rule plugin raised, or returned what is no outcome, on a reply."""

    def __init__(self, plugin: str, cause: Exception, rule_id: str) -> None:
        super().__init__(
            f"{plugin} failed on this reply: {type(cause).__name__}: {cause}; fix the plugin "
            "or uninstall it (`replylint rules` lists the rules installed), or leave its "
            f"rule out with --ignore {rule_id}"
        )
        #: The plugin, as :func:`plugin_name` names it.
        self.plugin = plugin
        #: Its rule's id, which ``ignore`` leaves out, and what it raised, as said above.
        self.rule_id = rule_id
        self.detail = f"{type(cause).__name__}: {cause}"
        #: The type of what it raised, which a log may hold where the message, which
        #: may quote the reply, may not.
        self.cause = type(cause).__name__


class PluginSetupFailed(PluginError):
    """A rule plugin raised while the linter built it (in its ``setup``, most often)."""

    def __init__(self, message: str, *, plugin: str, rule_id: str, check_name: str, detail: str):
        super().__init__(message)
        #: The plugin, as :func:`plugin_name` names it, its rule, the check it reports
        #: under (which ``ignore`` may name), and what went wrong, as the message says.
        self.plugin = plugin
        self.rule_id = rule_id
        self.check_name = check_name
        self.detail = detail


def validation_message(error: ErrorDetails) -> str:
    """What pydantic found wrong, for a one-line error: our validators' own messages as
    written (pydantic puts "Value error, " in front of them), its own otherwise."""
    context = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in context:
        return str(context["error"])
    return error["msg"]


def allowed_keys(
    root: type[BaseModel],
    error: ErrorDetails,
    spell: Callable[[str], str] = str,
    *,
    suggest: bool = False,
) -> str:
    """For an unknown key, the keys allowed where it was written, as " (allowed: a, b)"
    to follow :func:`validation_message` ("Extra inputs are not permitted" alone does
    not say what was meant); "" for any other error. ``root`` is the model validated;
    ``spell`` writes a field's name as the file does (a field's alias wins). With
    ``suggest``, a key near one allowed there is told that one instead, " (did you mean
    'select'?)", as ``replylint serve`` tells a misspelt field."""
    if error["type"] != "extra_forbidden":
        return ""
    model = _model_at(root, error["loc"][:-1], spell)
    names = sorted(field.alias or spell(name) for name, field in model.model_fields.items())
    meant = closest_name(str(error["loc"][-1]), names) if suggest and error["loc"] else None
    if meant is not None:
        return f" (did you mean {meant!r}?)"
    return f" (allowed: {', '.join(names)})"


def _model_at(
    root: type[BaseModel], loc: tuple[int | str, ...], spell: Callable[[str], str]
) -> type[BaseModel]:
    """The model that a validation error's location points into, so an unknown key in
    ``[channels.social]`` or a pack's ``rules.0`` lists the keys allowed there, not the
    top-level ones."""
    from pydantic import BaseModel  # (imported by then: it raised the error)

    model = root
    annotation: Any = model
    for part in loc:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
            field = next(
                (f for n, f in model.model_fields.items() if part in (n, f.alias, spell(n))),
                None,
            )
            if field is None:
                return model
            annotation = field.annotation
        else:  # a dict or list: the next part is a key or index into its values
            args = typing.get_args(annotation)
            annotation = args[-1] if args else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return model


def closest_name(name: str, known: Collection[str], *, cutoff: float = 0.6) -> str | None:
    """The known name nearest to a misspelt one, for a "did you mean" hint: one that
    differs only in case first ("JARGON"; difflib counts case), else difflib's nearest
    one with a ratio of at least ``cutoff``, if any."""
    pool = sorted(known)
    same_letters = [k for k in pool if k.casefold() == name.casefold()]
    if same_letters:
        return same_letters[0]
    found = difflib.get_close_matches(name, pool, n=1, cutoff=cutoff)
    return found[0] if found else None


def validation_problems(
    exc: ValidationError,
    root: type[BaseModel],
    spell: Callable[[str], str] = str,
    *,
    suggest: bool = False,
) -> str:
    """Every problem pydantic found in a file validated as ``root`` (as
    :func:`validation_problem_list` lists them), in one line."""
    return "; ".join(validation_problem_list(exc, root, spell, suggest=suggest))


def validation_problem_list(
    exc: ValidationError,
    root: type[BaseModel],
    spell: Callable[[str], str] = str,
    *,
    suggest: bool = False,
) -> list[str]:
    """Every problem pydantic found in a file validated as ``root``, so the file is fixed
    in one run rather than one run per mistake: the required fields missing from one
    place are one problem ("rules.0: missing required fields: check, rationale"), an
    unknown key lists the keys allowed there (:func:`allowed_keys`), and past
    :data:`MAX_PROBLEMS_SHOWN` the rest are counted. ``spell`` and ``suggest`` as for
    :func:`allowed_keys`."""
    problems: dict[str, list[str]] = {}  # each problem, with the fields it misses
    for error in exc.errors():
        loc = error["loc"]
        if error["type"] == "missing" and loc:
            problems.setdefault(_dotted(loc[:-1]), []).append(str(loc[-1]))
        else:
            message = " ".join(validation_message(error).split())
            allowed = allowed_keys(root, error, spell, suggest=suggest)
            problems.setdefault(f"{_dotted(loc)}: {message}{allowed}", [])
    listed = [
        f"{where}: missing required field{'s' if len(fields) > 1 else ''}: {', '.join(fields)}"
        if fields
        else where
        for where, fields in problems.items()
    ]
    if len(listed) > MAX_PROBLEMS_SHOWN:
        listed = [*listed[:MAX_PROBLEMS_SHOWN], f"and {len(listed) - MAX_PROBLEMS_SHOWN} more"]
    return listed


def _dotted(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top)"
