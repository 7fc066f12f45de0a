"""Rule packs from someone else cannot run code, exhaust memory, crash or stall replylint.

Each hostile pack must be refused with one line naming the file, both from the library
(``load_pack`` raises :class:`PackError`) and from the command line (exit code 2, one line
on stderr, no traceback). Plain aliases, a Python object tag, an oversized file and a
missing file are covered in ``test_packs.py``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from replylint import Linter, LinterConfig, PackError
from replylint.cli import main
from replylint.packs import MAX_PACK_BYTES, MAX_PACK_DEPTH, MAX_SCALAR_CHARS, load_pack

HEAD = "schema: replylint.pack/1\nname: hostile\n"


def _rule(pattern: str) -> str:
    return (
        HEAD + "rules:\n  - id: hostile.rule\n    kind: existence\n    check: tone\n"
        "    message: 'x {match}'\n    rationale: r\n    standard: s\n"
        f"    patterns:\n      - {pattern}\n"
    )


def _billion_laughs() -> str:
    lines = [HEAD + "lexicons:", '  l0: &l0 ["lol"]']
    lines += [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _write(text: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "hostile.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return make


def _directory(folder: Path) -> Path:
    path = folder / "pack.yaml"
    path.mkdir()
    return path


def _fifo(folder: Path) -> Path:
    """A named pipe nobody writes to: reading it would block forever."""
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "python name tag": (_write(HEAD + "description: !!python/name:os.system\n"), "tags"),
    "python apply tag on a key": (
        _write(HEAD + "lexicons:\n  ? !!python/object/apply:os.system [id]\n  : [x]\n"),
        "tags",
    ),
    "binary tag": (_write(HEAD + "description: !!binary aGVsbG8=\n"), "tags"),
    "billion laughs": (_write(_billion_laughs()), "aliases"),
    "merge-key alias": (
        _write(HEAD + "lexicons:\n  a: &a {x: [1]}\npatterns:\n  <<: *a\n"),
        "aliases",
    ),
    "huge file": (_write(HEAD + "# " + "x" * (MAX_PACK_BYTES + 10) + "\n"), "limit"),
    "deep flow nesting": (_write(HEAD + "description: " + "[" * 100_000), "nested|nesting"),
    "deep block nesting": (
        _write(HEAD + "lexicons:\n  x:\n    " + "- " * (MAX_PACK_DEPTH + 5) + "y\n"),
        "nested",
    ),
    "long scalar": (
        _write(HEAD + "lexicons:\n  w: [" + "w" * (MAX_SCALAR_CHARS + 1) + "]\n"),
        "limit",
    ),
    "long message copied into every finding": (
        _write(_rule("[{LOWER: x}]").replace("'x {match}'", "'" + "m" * 600 + "'")),
        "message",
    ),
    "not UTF-8": (
        _write(HEAD.encode() + b"description: caf\xe9\n"),
        "iconv -f windows-1252 -t utf-8",
    ),
    "NUL bytes": (_write(HEAD + "description: a\x00b\n"), "invalid YAML"),
    "a directory": (_directory, "a directory"),
    "a named pipe": (_fifo, "not a regular file"),
    "catastrophic regex": (_write(_rule('[{TEXT: {REGEX: "^(a+)+$"}}]')), "nested quantifiers"),
    "quadratic regex": (_write(_rule('[{LOWER: {REGEX: "\\\\w+x"}}]')), "not anchored"),
    "regex list": (
        _write(_rule('[{TEXT: {REGEX: {IN: ["^ok$", "(x)\\\\1"]}}}]')),
        "back-references",
    ),
    "invalid regex": (_write(_rule('[{TEXT: {REGEX: "[a-"}}]')), "not a valid regular"),
    "too many rules": (
        _write(
            HEAD
            + "rules:\n"
            + "".join(
                f"  - {{id: r.r{i}, kind: existence, check: tone, message: m, rationale: r, "
                f"standard: s, phrases: [p{i}]}}\n"
                for i in range(201)
            )
        ),
        "rules",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_pack_is_refused_in_one_line(tmp_path: Path, case: str) -> None:
    make, expected = HOSTILE[case]
    path = make(tmp_path)
    start = time.perf_counter()
    with pytest.raises(PackError) as error:
        load_pack(path)
    message = str(error.value)
    assert time.perf_counter() - start < 2.0
    assert message.startswith(f"rule pack {path}: ")
    assert "\n" not in message
    assert any(word in message for word in expected.split("|")), message


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_pack_on_the_command_line(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = HOSTILE[case][0](tmp_path)
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi Sam, thanks for writing!\n", encoding="utf-8")
    code = main(["check", "--isolated", "--pack", str(path), str(reply)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("replylint: error: rule pack ") and str(path) in err


def test_pure_python_yaml_loader_refuses_deep_nesting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml, PyYAML composes recursively: 100,000 levels would be a
    RecursionError. The depth screen refuses it before anything is composed."""
    import yaml

    from replylint import packs

    class PurePython(yaml.SafeLoader):
        pass

    PurePython.yaml_implicit_resolvers = packs._PackLoader.yaml_implicit_resolvers
    monkeypatch.setattr(packs, "_PackLoader", PurePython)
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + "description: " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(PackError, match="nested deeper"):
        load_pack(path)


def test_safe_regex_pack_still_works(tmp_path: Path) -> None:
    """The regex screen does not refuse ordinary anchored patterns."""
    path = _write(_rule('[{LOWER: {REGEX: "^ticket\\\\d{1,8}$"}}]'))(tmp_path)
    linter = Linter(LinterConfig(packs=[path]))
    found = [f.text for f in linter.check("Hi Sam, see ticket12345 please.").findings]
    assert "ticket12345" in found
