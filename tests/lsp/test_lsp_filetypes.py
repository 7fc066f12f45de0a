"""Which documents the server checks, how it reads them, and the directive syntax of
each."""

from __future__ import annotations

import pytest

from replylint.inputs import MACRO_FILES
from replylint.lsp.filetypes import MARKDOWN, file_type
from replylint.normalize import normalize


@pytest.mark.parametrize(
    ("name", "input_format", "directive"),
    [
        ("reply.txt", "auto", "replylint: disable=jargon"),
        # (auto, as `check` and the hook read it: a tagless .html is plain text for both)
        ("reply.html", "auto", "<!-- replylint: disable=jargon -->"),
        ("reply.htm", "auto", "<!-- replylint: disable=jargon -->"),
        ("reply.hbs", "auto", "{{! replylint: disable=jargon }}"),
        ("reply.mustache", "auto", "{{! replylint: disable=jargon }}"),
        ("reply.j2", "auto", "{# replylint: disable=jargon #}"),
        ("reply.jinja", "auto", "{# replylint: disable=jargon #}"),
        ("reply.twig", "auto", "{# replylint: disable=jargon #}"),
        ("reply.liquid", "auto", "{% comment %}replylint: disable=jargon{% endcomment %}"),
        ("reply.tpl", "auto", "{* replylint: disable=jargon *}"),
        ("reply.ftl", "auto", "<#-- replylint: disable=jargon -->"),
        ("reply.ftlh", "auto", "<#-- replylint: disable=jargon -->"),
        ("reply.amp", "auto", "%%[ /* replylint: disable=jargon */ ]%%"),
        ("reply.ampscript", "auto", "%%[ /* replylint: disable=jargon */ ]%%"),
        ("REPLY.TXT", "auto", "replylint: disable=jargon"),
        ("Reply.HTML", "auto", "<!-- replylint: disable=jargon -->"),
    ],
)
def test_macro_files_by_extension(name: str, input_format: str, directive: str) -> None:
    kind = file_type(f"/repo/macros/{name}")
    assert kind is not None and kind.input_format == input_format
    assert kind.directive("disable", "jargon") == directive


@pytest.mark.parametrize("name", ["notes.py", "README.rst", ".draft.txt", "reply.txt.bak"])
def test_files_the_cli_would_not_check_are_not_checked(name: str) -> None:
    assert not MACRO_FILES.search(name) or name.startswith(".")
    assert file_type(f"/repo/{name}") is None


def test_an_unsaved_buffer_goes_by_its_language_id() -> None:
    assert file_type(None, "handlebars") == file_type("x.hbs")
    assert file_type(None, "plaintext") == file_type("x.txt")
    assert file_type(None, "twig") == file_type("x.twig") == file_type("x.j2")
    assert file_type(None, "smarty") == file_type("x.tpl")
    assert file_type(None, "freemarker") == file_type("x.ftl")
    assert file_type(None, "python") is None
    assert file_type("/repo/x.py", "plaintext") is None  # a file name decides


def test_markdown_takes_an_html_comment_that_changes_nothing_else() -> None:
    """The fix must not change how the file is read: a Markdown macro with the directive
    comment is still read as plain text, line for line, and the directive is seen."""
    macro = "Hi **Sam**,\n\nYour RMA is on its way.\n\nThanks!\nPriya\n"
    directive = MARKDOWN.directive("disable-next-line", "jargon")
    assert directive == "<!-- replylint: disable-next-line=jargon -->"
    fixed = macro.replace("Your RMA", f"{directive}\nYour RMA")
    before, after = normalize(macro), normalize(fixed)
    assert not after.is_html and after.text == before.text
    (found,) = after.directives
    assert found.target_line == fixed.split("\n").index("Your RMA is on its way.")
