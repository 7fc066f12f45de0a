"""Which lexicons and pattern lists a team pack may write: those something reads.

:class:`~replylint.packs.PackSet` merges a pack's lexicon into the list of the same name,
so a team extends a shipped vocabulary without copying it. A name nothing reads would be
merged into a list nobody asks for: a misspelling (``jargon.product_name``) or a capital
letter (``Greeting.Salutations``) would silently change nothing. Declarative rules carry
their own phrases and token patterns and name no list, so the readers are Python code:
each list of a shipped rule pack is read by a rule or a shared analysis
(``tests/test_lexicons.py`` holds them to it), and a third-party rule may read a list
only a team pack defines, which shows once the linter has built its rules
(:attr:`PackSet.read`). The normaliser's lists (``rules/normalize.yaml``) are read when
its modules are imported and cut the same text from a reply for every team, so a pack
cannot extend them: writing one is an error saying so, not a silent no-op.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from replylint.errors import closest_name
from replylint.packs import NORMALIZE_PACK, Pack, PackError, PackSet, builtin_pack_paths
from replylint.resources import data_dir


@dataclass(frozen=True)
class ShippedLists:
    """The names of the shipped packs' lists, by who reads them."""

    #: Lexicons of the shipped rule packs: rules and shared analyses read them.
    lexicons: frozenset[str]
    #: Pattern lists of the shipped rule packs, read likewise.
    patterns: frozenset[str]
    #: Lexicons of the normaliser's pack: read by the normaliser alone.
    normaliser: frozenset[str]

    @classmethod
    def of(cls, packs: PackSet) -> ShippedLists:
        """The lists of the shipped packs among ``packs``."""
        normaliser = _normaliser_path()
        shipped = [(path.resolve(), pack) for path, pack in packs.packs if is_shipped(path)]
        rule_packs = [pack for path, pack in shipped if path != normaliser]
        return cls(
            lexicons=frozenset(name for pack in rule_packs for name in pack.lexicons),
            patterns=frozenset(name for pack in rule_packs for name in pack.patterns),
            normaliser=frozenset(
                name for path, pack in shipped if path == normaliser for name in pack.lexicons
            ),
        )


def is_shipped(path: Path) -> bool:
    """Whether ``path`` is one of the packs shipped with replylint."""
    return path.resolve() in {p.resolve() for p in builtin_pack_paths()}


def _normaliser_path() -> Path:
    return (data_dir("rules") / NORMALIZE_PACK).resolve()


#: How close (difflib's ratio) a name must be to a shipped one to suggest it: list names
#: share their check's prefix, so a looser match ("acme.words", "timeframe.words") would
#: suggest an unrelated list.
_CLOSE = 0.8


def check_lists_read(packs: PackSet, *, every_plugin_built: bool) -> None:
    """Raise :class:`PackError`, naming the pack file and the list, for the first
    lexicon or pattern list a team pack writes that nothing reads: a normaliser's list,
    or a name no shipped pack has and no rule asked for (with the nearest shipped name).

    ``every_plugin_built``: whether the linter built every third-party rule, so that a
    list none of them asked for is one none of them reads (one not selected might)."""
    shipped = ShippedLists.of(packs)
    for path, pack in packs.packs:
        if is_shipped(path):
            continue
        for name in pack.lexicons:
            if name in shipped.normaliser and name not in shipped.lexicons | packs.read:
                raise PackError(
                    f"rule pack {path}: lexicons.{name}: this is a list of the normaliser "
                    f"(rules/{NORMALIZE_PACK}), which cuts the same text from every reply "
                    "for every team; a pack cannot extend it"
                )
        for kind in _kinds(pack, shipped):
            for name in kind.names:
                if name in kind.shipped or name in packs.read or not every_plugin_built:
                    continue
                close = closest_name(name, kind.shipped, cutoff=_CLOSE)
                hint = (
                    f"did you mean {close!r}?"
                    if close
                    else f"a pack extends the {kind.key} of the shipped packs (rules/*.yaml); "
                    f"a rule of your own lists its {kind.own}"
                )
                raise PackError(
                    f"rule pack {path}: {kind.key}.{name}: no rule reads a {kind.noun} of "
                    f"this name, so it would change nothing; {hint}"
                )


@dataclass(frozen=True)
class _Kind:
    """Lexicons or pattern lists: a pack's, the shipped names, and how to speak of them."""

    key: str
    noun: str
    own: str
    names: Collection[str]
    shipped: frozenset[str]


def _kinds(pack: Pack, shipped: ShippedLists) -> tuple[_Kind, _Kind]:
    return (
        _Kind("lexicons", "lexicon", "words under `phrases`", pack.lexicons, shipped.lexicons),
        _Kind(
            "patterns", "pattern list", "token patterns under `patterns`",
            pack.patterns, shipped.patterns,
        ),
    )  # fmt: skip
