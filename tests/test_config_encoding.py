"""How a configuration file's bytes are read: a UTF-8 byte-order mark (Windows Notepad
writes one) is nothing, and a file in another encoding (UTF-16, Latin-1) is a one-line
error saying how to save it, never a traceback nor settings silently ignored. (The
language server's reading of them: tests/lsp/test_lsp_linters.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.cli import main
from replylint.configfile import find_config, has_tool_table_text, load_settings

DRAFT = "Hi Sam, your RMA is approved and ships today. Thanks!"
BOM = b"\xef\xbb\xbf"
PYPROJECT = '[tool.replylint]\nignore = ["jargon"]\n'
REPLYLINT_TOML = 'ignore = ["jargon"]\n'
CONFIGS = [("pyproject.toml", PYPROJECT), (".replylint.toml", REPLYLINT_TOML)]


@pytest.fixture()
def draft(tmp_path: Path) -> Path:
    (tmp_path / "macros").mkdir()
    path = tmp_path / "macros" / "approved.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def jargon_of(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["check", *args, "--format", "json"]) in (0, 1)
    findings = json.loads(capsys.readouterr().out)["findings"]
    return [f["text"] for f in findings if f["check"] == "jargon"]


def one_line_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["check", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(("name", "content"), CONFIGS, ids=["pyproject", "replylint"])
def test_a_found_config_with_a_byte_order_mark_is_read(
    draft: Path, capsys: pytest.CaptureFixture[str], name: str, content: str
) -> None:
    """The mark hid a pyproject.toml's first-line [tool.replylint] from the search (its
    settings silently ignored) and made tomllib refuse a .replylint.toml."""
    (draft.parent.parent / name).write_bytes(BOM + content.encode())
    assert jargon_of(capsys, str(draft)) == []


@pytest.mark.parametrize(("name", "content"), CONFIGS, ids=["pyproject", "replylint"])
def test_a_named_config_with_a_byte_order_mark_is_read(
    draft: Path, capsys: pytest.CaptureFixture[str], name: str, content: str
) -> None:
    config = draft.parent.parent / name
    config.write_bytes(BOM + content.encode())
    assert jargon_of(capsys, str(draft), "--config", str(config)) == []


def test_a_byte_order_mark_does_not_hide_the_table_from_a_text_search() -> None:
    """What the pre-commit hook asks of a pyproject.toml's committed text, and the
    search of one that is no valid TOML (found by its [tool.replylint] line)."""
    assert has_tool_table_text("\ufeff" + PYPROJECT)
    assert has_tool_table_text('\ufeff[tool.replylint]\nignore = ["jargon"\n')


@pytest.mark.parametrize("name", ["pyproject.toml", ".replylint.toml"])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_config_is_a_one_line_error_saying_how_to_save_it(
    draft: Path, capsys: pytest.CaptureFixture[str], name: str, encoding: str
) -> None:
    """It crashed with a UnicodeDecodeError traceback (exit 3); a UTF-16 pyproject.toml
    holding [tool.replylint] is replylint's config too, not skipped by the search."""
    config = draft.parent.parent / name
    content = PYPROJECT if name == "pyproject.toml" else REPLYLINT_TOML
    data = content.encode(encoding)
    config.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    err = one_line_error(capsys, str(draft))
    assert err.startswith(
        f"replylint: error: {config.resolve()}: not UTF-8 text but UTF-16 (byte 0x"
    )
    assert "at offset 0); TOML files are UTF-8: save it as UTF-8" in err


def test_a_latin1_config_names_the_byte_at_fault(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = draft.parent.parent / ".replylint.toml"
    config.write_bytes("# café\n".encode("latin-1") + REPLYLINT_TOML.encode())
    err = one_line_error(capsys, str(draft), "--config", str(config))
    assert f"{config}: not UTF-8 text (byte 0xe9 at offset 5); " in err


def test_a_utf16_pyproject_for_other_tools_is_skipped(draft: Path) -> None:
    """Read leniently for the search, one without [tool.replylint] stays another tool's."""
    folder = draft.parent
    (folder / "pyproject.toml").write_bytes("[tool.black]\nline-length = 88\n".encode("utf-16"))
    (folder.parent / ".replylint.toml").write_text(REPLYLINT_TOML, encoding="utf-8")
    found = find_config(draft)
    assert found == (folder.parent / ".replylint.toml").resolve()
    assert load_settings(found).ignore == ["jargon"]
