"""Which linter checks a document: the nearest configuration, built once, rebuilt when
the file changes; an unusable one is a SetupError naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from replylint.config import LinterConfig
from replylint.linter import Linter
from replylint.lsp.linters import LinterCache, SetupError, build_linter, template_mode


class Built:
    """A stand-in build that records the configurations it was asked for."""

    def __init__(self) -> None:
        self.configs: list[LinterConfig] = []

    def __call__(self, config: LinterConfig) -> Linter:
        self.configs.append(config)
        return object()  # type: ignore[return-value]


@pytest.fixture()
def repos(tmp_path: Path) -> Path:
    for name, toml in (("a", 'ignore = ["jargon"]\n'), ("b", 'ignore = ["greeting"]\n')):
        (tmp_path / name / "macros").mkdir(parents=True)
        (tmp_path / name / ".replylint.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def test_each_repository_gets_its_own_config_built_once(repos: Path) -> None:
    built = Built()
    cache = LinterCache(build=built)
    first = cache.linter_for(repos / "a" / "macros" / "one.txt")
    assert cache.linter_for(repos / "a" / "macros" / "two.txt") is first
    assert cache.linter_for(repos / "b" / "macros" / "one.txt") is not first
    assert [c.ignore for c in built.configs] == [["jargon"], ["greeting"]]


def test_an_edited_config_is_read_again(repos: Path) -> None:
    built = Built()
    cache = LinterCache(build=built)
    document = repos / "a" / "macros" / "one.txt"
    cache.linter_for(document)
    config = repos / "a" / ".replylint.toml"
    config.write_text('ignore = ["jargon", "readability"]\n', encoding="utf-8")
    os.utime(config, ns=(1, 1))  # a different mtime even on a coarse clock
    cache.linter_for(document)
    assert [c.ignore for c in built.configs] == [["jargon"], ["jargon", "readability"]]


def test_an_edited_rule_pack_is_read_again(repos: Path) -> None:
    """A team edits its pack beside its macros: the next check uses the new pack, while
    an unchanged pack keeps the linter already built."""
    built = Built()
    cache = LinterCache(build=built)
    pack = repos / "a" / "team.yaml"
    pack.write_text("lexicons:\n  jargon.glossary: [Quillbox]\n", encoding="utf-8")
    config = repos / "a" / ".replylint.toml"
    config.write_text('packs = ["team.yaml"]\n', encoding="utf-8")
    document = repos / "a" / "macros" / "one.txt"
    first = cache.linter_for(document)
    assert cache.linter_for(document) is first
    pack.write_text("lexicons:\n  jargon.glossary: [Quillbox, Tallyroll]\n", encoding="utf-8")
    os.utime(pack, ns=(1, 1))  # a different mtime even on a coarse clock
    assert cache.linter_for(document) is not first
    assert len(built.configs) == 2 and built.configs[1].packs == [pack]
    pack.unlink()  # the error names the file and key that asked for the pack
    with pytest.raises(
        SetupError, match=r"\.replylint\.toml: packs: pack .*team\.yaml: cannot read"
    ):
        cache.linter_for(document)


def test_server_flags_override_the_search(repos: Path) -> None:
    built = Built()
    LinterCache(isolated=True, build=built).linter_for(repos / "a" / "macros" / "x.txt")
    LinterCache(config=repos / "b" / ".replylint.toml", build=built).linter_for(
        repos / "a" / "macros" / "x.txt"
    )
    assert [c.ignore for c in built.configs] == [[], ["greeting"]]


def test_an_unusable_config_is_a_setup_error_naming_the_file(repos: Path) -> None:
    config = repos / "a" / ".replylint.toml"
    config.write_text("ignore = [\n", encoding="utf-8")
    with pytest.raises(SetupError, match="invalid TOML") as error:
        LinterCache(build=Built()).linter_for(repos / "a" / "macros" / "x.txt")
    assert str(config) in str(error.value)


def test_two_config_files_in_one_folder_are_a_setup_error(repos: Path) -> None:
    (repos / "a" / "pyproject.toml").write_text(
        '[tool.replylint]\nignore = ["greeting"]\n', encoding="utf-8"
    )
    with pytest.raises(SetupError, match=r"both \.replylint\.toml and pyproject\.toml"):
        LinterCache(build=Built()).linter_for(repos / "a" / "macros" / "x.txt")


def test_a_rule_name_no_rule_has_is_a_setup_error() -> None:
    with pytest.raises(SetupError, match="jargonn"):
        build_linter(LinterConfig(ignore=["jargonn"]))


@pytest.mark.parametrize(("setting", "expected"), [(None, True), (True, True), (False, False)])
def test_template_mode_unless_the_config_says_false(setting: bool | None, expected: bool) -> None:
    """Unset is the editor's default (templates); only an explicit false turns it off."""
    assert template_mode(LinterConfig(template=setting)) is expected


def test_the_configs_exclude_says_which_documents_are_no_macros(repos: Path) -> None:
    """The editor leaves out what `check DIR` and the pre-commit hook leave out."""
    (repos / "a" / ".replylint.toml").write_text('exclude = ["README.md"]\n', encoding="utf-8")
    cache = LinterCache(build=Built())
    assert cache.excludes(repos / "a" / "macros" / "README.md")
    assert not cache.excludes(repos / "a" / "macros" / "refund.md")
    assert not cache.excludes(repos / "b" / "macros" / "README.md")  # its own config
    assert not LinterCache(isolated=True).excludes(repos / "a" / "macros" / "README.md")


def test_a_config_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Windows Notepad writes one; tomllib refuses it, and the settings were ignored."""
    (tmp_path / "macros").mkdir()
    (tmp_path / ".replylint.toml").write_bytes(b"\xef\xbb\xbf" + b'ignore = ["jargon"]\n')
    built = Built()
    LinterCache(build=built).linter_for(tmp_path / "macros" / "x.txt")
    assert [c.ignore for c in built.configs] == [["jargon"]]


def test_a_utf16_config_is_reported(tmp_path: Path) -> None:
    (tmp_path / "macros").mkdir()
    (tmp_path / ".replylint.toml").write_bytes('ignore = ["jargon"]\n'.encode("utf-16"))
    with pytest.raises(SetupError, match="not UTF-8 text but UTF-16"):
        LinterCache(build=Built()).linter_for(tmp_path / "macros" / "x.txt")


@pytest.mark.parametrize("written", ["model.bin", "./model.bin"])
def test_a_model_that_is_a_file_is_said_to_be_one(repos: Path, written: str) -> None:
    """A config whose ``model`` names a file: the error says it is a file, not a model
    directory, and what to give (reported as "no such directory" once)."""
    (repos / "a" / "model.bin").write_bytes(b"\x00weights")
    config = repos / "a" / ".replylint.toml"
    config.write_text(f'model = "{written}"\n', encoding="utf-8")
    with pytest.raises(SetupError) as error:
        LinterCache().linter_for(repos / "a" / "macros" / "x.txt")
    message = str(error.value)
    assert message.startswith(f"{config}: model: {repos / 'a' / 'model.bin'}: a file, not")
    assert "no such" not in message
    assert "give a directory written by `replylint train --out DIR`, 'bundled'" in message
