"""Docstrings and comments point only at what exists: a repository path (``docs/rules.md``,
``tests/rules/conftest.py``) names a file of this repository, and a Sphinx-style
reference to a replylint object (``replylint.normalize.directives``,
:class:`~replylint.report.Report`) resolves to a module or an attribute of one. A file
moved or renamed without its mentions would otherwise send readers to nothing."""

from __future__ import annotations

import importlib
import importlib.metadata
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("replylint", "tests", "benchmarks", "fuzz", "examples", "training")
TOP_DIRS = ("replylint", "tests", "docs", "rules", "examples", "benchmarks", "training",
            "fuzz", "models")  # fmt: skip
EXTENSIONS = ("py", "md", "yaml", "yml", "toml", "json", "jsonl", "csv", "txt", "html")

#: ``docs/rules.md`` and the like, not preceded by more path (``/tmp/rules/x.yaml``).
PATH_REF = re.compile(
    rf"(?<![\w./-])((?:{'|'.join(TOP_DIRS)})/[\w./-]*\w\.(?:{'|'.join(EXTENSIONS)}))\b"
)
#: ``replylint.linter``, :mod:`replylint.cli.options`, :class:`~replylint.report.Report`:
#: references meant as objects (a bare replylint.dev is prose).
OBJECT_REF = re.compile(r"(?:``|:`~?|`~)(replylint(?:\.\w+)+)`")


def source_files() -> list[Path]:
    return sorted(
        path
        for folder in SOURCE_DIRS
        for path in (ROOT / folder).rglob("*.py")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    )


def entry_point_groups() -> set[str]:
    """Dotted names that are entry-point groups (``replylint.rules``), not modules."""
    return {ep.group for ep in importlib.metadata.distribution("replylint").entry_points}


def resolves(name: str) -> bool:
    """Is ``name`` a module, or an attribute chain under the longest importable prefix?"""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(obj, attribute):
                return False
            obj = getattr(obj, attribute)
        return True
    return False


def test_paths_named_in_source_files_exist() -> None:
    missing = {
        str(path.relative_to(ROOT)): refs
        for path in source_files()
        if (refs := sorted({r for r in PATH_REF.findall(path.read_text(encoding="utf-8"))
                            if not (ROOT / r).exists()}))
    }  # fmt: skip
    assert not missing, f"files named that do not exist: {missing}"


def test_replylint_objects_named_in_source_files_exist() -> None:
    groups = entry_point_groups()
    missing = {
        str(path.relative_to(ROOT)): refs
        for path in source_files()
        if (refs := sorted({r for r in OBJECT_REF.findall(path.read_text(encoding="utf-8"))
                            if r not in groups and not resolves(r)}))
    }  # fmt: skip
    assert not missing, f"objects named that do not exist: {missing}"


def test_the_patterns_find_what_they_should() -> None:
    text = "See docs/rules.md and ``replylint.report``; not /tmp/rules/x.yaml or replylint.dev."
    assert PATH_REF.findall(text) == ["docs/rules.md"]
    assert OBJECT_REF.findall(text) == ["replylint.report"]
    assert resolves("replylint.report.Report") and not resolves("replylint.report.Nope")
    assert not resolves("replylint.no_such_module")
