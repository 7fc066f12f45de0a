"""Which documents are macros, how replylint reads each, and how a suppression directive
is written in it.

A document is checked when its file name is one ``replylint check DIR`` (and the
pre-commit hook) would check (:data:`replylint.inputs.MACRO_FILES`), unless it is in a
hidden folder or its configuration's ``exclude`` leaves it out (the server asks those of
its folders and configuration: :meth:`replylint.lsp.server.ReplylintServer.macro_type`); a
document with no file name yet (an unsaved buffer) when the editor's language id is one of
those formats.
Every format is read as ``auto`` (HTML when it contains real tags; HTML comments alone
are hidden and leave it plain text), ``.html`` included, exactly as ``replylint check``
and the pre-commit hook read it: the editor and the hook must agree on a file.

A directive must be valid in the file's own syntax and, where the syntax allows, invisible
to the customer (see README "Suppressing findings"): a comment of the template language,
an HTML comment in HTML and Markdown, else a line of its own. What decides is how the
text is read, not its name: a ``.txt`` macro holding real tags is read as HTML, and there
a bare directive line would be visible text (:meth:`FileType.read_as`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from replylint.inputs import MACRO_FILES
from replylint.normalize.pipeline import InputFormat


@dataclass(frozen=True)
class FileType:
    """How one kind of macro file is checked and commented."""

    input_format: InputFormat
    #: The comment that holds a directive, with ``{}`` where the directive goes. An HTML
    #: comment in Markdown changes nothing else in how the file is read: ``auto`` reads a
    #: text whose only markup is comments as plain text.
    comment: str
    #: Markdown: a comment line between two lines of one block (a table, a paragraph, a
    #: list) ends the block there and changes how the file renders, so the quick fix
    #: writes a line directive only above a line that opens a block.
    markdown: bool = False

    def directive(self, action: str, rule: str) -> str:
        """``replylint: ACTION=RULE`` as written in a file of this type."""
        return self.comment.format(f"replylint: {action}={rule}")

    def read_as(self, *, html: bool) -> FileType:
        """The type whose directive the linter reads in a text of this type that the
        normaliser read as HTML (``html``) or not. ``auto`` reads a plain-text macro
        holding real tags as HTML, where only comments are directives and a bare line is
        visible text (``suppression.malformed``, silencing nothing): it needs an HTML
        comment. Every other syntax is a comment either way."""
        return HTML if html and self.comment == PLAIN.comment else self


PLAIN = FileType("auto", "{}")
_HTML_COMMENT = "<!-- {} -->"
HTML = FileType("auto", _HTML_COMMENT)
MARKDOWN = FileType("auto", _HTML_COMMENT, markdown=True)
HANDLEBARS = FileType("auto", "{{{{! {} }}}}")
JINJA = FileType("auto", "{{# {} #}}")
LIQUID = FileType("auto", "{{% comment %}}{}{{% endcomment %}}")
SMARTY = FileType("auto", "{{* {} *}}")
FREEMARKER = FileType("auto", "<#-- {} -->")

_BY_EXTENSION = {
    ".txt": PLAIN,
    ".md": MARKDOWN, ".markdown": MARKDOWN,
    ".html": HTML, ".htm": HTML,
    ".liquid": LIQUID,
    ".hbs": HANDLEBARS, ".handlebars": HANDLEBARS, ".mustache": HANDLEBARS,
    ".j2": JINJA, ".jinja": JINJA, ".jinja2": JINJA, ".twig": JINJA,
    ".tpl": SMARTY, ".ftl": FREEMARKER, ".ftlh": FREEMARKER,
    ".amp": (AMPSCRIPT := FileType("auto", "%%[ /* {} */ ]%%")), ".ampscript": AMPSCRIPT,
}  # fmt: skip
#: Editors' language ids for the same formats (VS Code's and Neovim's names).
_BY_LANGUAGE = {
    "plaintext": PLAIN, "text": PLAIN,
    "markdown": MARKDOWN,
    "html": HTML,
    "liquid": LIQUID,
    "handlebars": HANDLEBARS, "mustache": HANDLEBARS,
    "jinja": JINJA, "jinja-html": JINJA, "jinja2": JINJA, "htmldjango": JINJA, "twig": JINJA,
    "smarty": SMARTY, "freemarker": FREEMARKER, "ftl": FREEMARKER,
}  # fmt: skip


def file_type(path: str | None, language_id: str | None = None) -> FileType | None:
    """The file type of a document, or None when it is not a macro (not checked).

    ``path`` is the document's file path (None for an unsaved buffer); the language id
    only decides for a buffer with no file name."""
    if path is not None:
        name = PurePosixPath(path.replace("\\", "/")).name
        if name.startswith(".") or not MACRO_FILES.search(name):
            return None
        return _BY_EXTENSION[PurePosixPath(name).suffix.lower()]
    return _BY_LANGUAGE.get((language_id or "").lower())
