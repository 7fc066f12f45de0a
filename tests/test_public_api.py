"""The package's public API: every name ``replylint.__all__`` lists is there and listed by
``dir()``, the ones that need spaCy are imported on first use (the same objects as in
their modules), and ``import replylint`` alone loads no NLP stack (the HTTP front of
``replylint serve`` relies on that)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import replylint
import replylint.linter
import replylint.registry
import replylint.rule


def test_every_public_name_is_there_and_listed() -> None:
    assert len(replylint.__all__) == len(set(replylint.__all__))
    missing = [name for name in replylint.__all__ if getattr(replylint, name, None) is None]
    assert missing == []
    assert set(replylint.__all__) <= set(dir(replylint))


def test_the_names_imported_on_first_use_are_their_modules_own() -> None:
    assert replylint.Linter is replylint.linter.Linter
    assert replylint.PluginError is replylint.registry.PluginError
    for name in ("PresenceRule", "Rule", "RuleContext", "RuleOptions", "Verdict"):
        assert getattr(replylint, name) is getattr(replylint.rule, name)
    # the request models moved out of the linter module; both names are one class
    for name in ("InputError", "ReplyError", "ReplyInput"):
        assert getattr(replylint, name) is getattr(replylint.linter, name)


def test_a_name_the_package_does_not_have_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Lintr'"):
        replylint.Lintr  # noqa: B018


def test_import_replylint_loads_no_spacy_until_the_linter_is_asked_for() -> None:
    code = (
        "import sys\n"
        "from replylint import InputError, LinterConfig, ReplyInput, Report\n"
        "ReplyInput(reply='Hi')\n"
        "print('spacy' in sys.modules)\n"
        "from replylint import Linter\n"
        "print('spacy' in sys.modules, Linter.__module__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["False", "True replylint.linter"]


def test_the_library_refuses_or_cleans_what_it_cannot_read_faithfully() -> None:
    from replylint import InputError, Linter

    linter = Linter({"glossary": {"allowed": ["RMA "]}})  # a stray space is still RMA
    report = linter.check("Hi Ann, your RMA and your SLA are ready.\udc80 Thanks!")
    assert [f.text for f in report.findings if f.check == "jargon"] == ["SLA"]
    report.model_dump_json()  # a lone surrogate in the reply: still writable as JSON
    with pytest.raises(InputError, match="got a dict \\(its keys would be checked\\)"):
        linter.check_many({"T-1": "Hi Ann, done."})
    with pytest.raises(InputError, match="channel"):
        linter.analyze("Hi Ann, done.", channel="fax")


def test_check_and_analyze_are_typed_for_every_channel_they_take() -> None:
    """A help desk's channel name ("Live chat") and a missing one (None) are read at run
    time, so a caller's type checker must accept them too, not only the four names."""
    import typing

    from replylint import Linter

    for method in (Linter.check, Linter.analyze):
        accepted = typing.get_args(typing.get_type_hints(method)["channel"])
        assert str in accepted and type(None) in accepted, method.__name__


def test_the_package_says_it_is_typed() -> None:
    """PEP 561: without ``py.typed`` an installed replylint is ``Any`` to mypy, and a
    caller's ``linter.check(...)`` is checked against nothing."""
    from importlib import resources

    assert (resources.files("replylint") / "py.typed").is_file()


def test_the_errors_the_library_raises_are_exported_and_share_one_base() -> None:
    """The README's Library section names these four and the base to catch them by."""
    from replylint.errors import UserError

    for name in ("ConfigError", "PackError", "InputError", "PluginError"):
        assert name in replylint.__all__
        assert issubclass(getattr(replylint, name), UserError), name
