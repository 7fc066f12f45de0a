"""`replylint lsp` in a real session: an editor's client over stdio, from initialize to
exit. Each test opens its own document, so the tests hold in any order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsp_client import Session
from lsprotocol import types

from replylint.cli import main
from replylint.formatters.outcome import hidden_note

#: A macro with an emoji and accented letters before a jargon term on the same line (so
#: UTF-16 columns differ from character counts), a placeholder (fine in template mode)
#: and no next step.
MACRO = (
    "Hi {{ customer.first_name }} 👋,\n"
    "\n"
    "The café 😀 team got your RMA request. Ünïcode is fine.\n"
    "\n"
    "Best,\n"
    "Sam\n"
)
#: The same macro with the jargon gone and a next step.
FIXED = MACRO.replace(
    "RMA request. Ünïcode is fine.", "return request. We will email you the label within 2 days."
)


def utf16_column(line: str, index: int) -> int:
    """Where ``line[index]`` is in an editor's UTF-16 columns."""
    return len(line[:index].encode("utf-16-le")) // 2


def by_code(diagnostics: list[types.Diagnostic]) -> dict[str, types.Diagnostic]:
    return {str(d.code): d for d in diagnostics}


def apply(text: str, edit: types.TextEdit) -> str:
    """Apply an edit as an editor would (UTF-16 columns; the tests' texts use \\n)."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        line = lines[position.line]
        units, index = 0, 0
        while units < position.character:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return sum(len(x) + 1 for x in lines[: position.line]) + index

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]


def test_server_advertises_its_features(session: Session) -> None:
    result = session.initialize_result
    assert result is not None and result.server_info is not None
    assert result.server_info.name == "replylint"
    capabilities = result.capabilities
    assert capabilities.hover_provider and capabilities.code_action_provider
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.open_close and sync.change == types.TextDocumentSyncKind.Full


def test_open_publishes_findings_at_utf16_ranges(session: Session, repo: Path) -> None:
    mark = session.mark()
    uri = session.open(repo / "refund.txt", MACRO)
    found = by_code(session.diagnostics(uri, mark))
    # template mode: the placeholder is expected; the repository's config: closing_thanks
    # is ignored there.
    assert set(found) == {"jargon", "next_step"}
    jargon = found["jargon"]
    line = MACRO.split("\n")[2]
    start = utf16_column(line, line.index("RMA"))
    assert start == line.index("RMA") + 1  # the emoji is two UTF-16 units
    assert jargon.range == types.Range(
        start=types.Position(line=2, character=start),
        end=types.Position(line=2, character=start + 3),
    )
    assert jargon.severity == types.DiagnosticSeverity.Warning
    assert jargon.source == "replylint"
    assert '"RMA"' in jargon.message and "\nSuggestion: " in jargon.message
    missing = found["next_step"]
    lines = MACRO.rstrip().split("\n")  # a missing element sits at the end of the text
    end = types.Position(line=len(lines) - 1, character=utf16_column(lines[-1], len(lines[-1])))
    assert missing.range == types.Range(start=end, end=end)


def test_a_change_that_fixes_the_macro_clears_its_diagnostics(session: Session, repo: Path) -> None:
    mark = session.mark()
    uri = session.open(repo / "fixed.txt", MACRO)
    assert session.diagnostics(uri, mark)
    mark = session.mark()
    # A burst of typing: only the text after the pause is checked and published.
    for text in (MACRO + "x", MACRO + "xy", FIXED):
        version = session.change(uri, text)
    assert session.diagnostics(uri, mark, version=version) == []
    published = [
        p.version
        for method, p in session.notifications[mark:]
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS and p.uri == uri
    ]
    assert published == [version]


def test_hover_on_a_finding_explains_its_rule(session: Session, repo: Path) -> None:
    mark = session.mark()
    uri = session.open(repo / "hover.txt", MACRO)
    jargon = by_code(session.diagnostics(uri, mark))["jargon"]
    inside = types.Position(line=2, character=jargon.range.start.character + 1)
    hover = session.hover(uri, inside.line, inside.character)
    assert hover is not None and hover.range == jargon.range
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert text.startswith("```text\njargon\n") and "How it decides:" in text
    assert session.hover(uri, 0, 0) is None  # no finding there


def test_quick_fix_writes_the_directive_of_the_file_type(session: Session, repo: Path) -> None:
    mark = session.mark()
    uri = session.open(repo / "refund.hbs", MACRO, language_id="handlebars")
    jargon = by_code(session.diagnostics(uri, mark))["jargon"]
    actions = session.code_actions(uri, jargon)
    line_fix = next(a for a in actions if a.title == "Disable jargon for this line (replylint)")
    assert line_fix.kind == types.CodeActionKind.QuickFix and line_fix.is_preferred
    assert list(line_fix.diagnostics or []) == [jargon]
    assert line_fix.edit is not None and line_fix.edit.changes is not None
    (edit,) = line_fix.edit.changes[uri]
    assert edit.new_text == "{{! replylint: disable-next-line=jargon }}\n"
    assert edit.range.start == edit.range.end == types.Position(line=2, character=0)
    # Applied, the finding is gone and nothing else changes.
    mark = session.mark()
    version = session.change(uri, apply(MACRO, edit))
    assert set(by_code(session.diagnostics(uri, mark, version=version))) == {"next_step"}


def test_a_config_error_is_one_diagnostic_and_one_message(
    session: Session, tmp_path: Path, repo: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    config = broken / ".replylint.toml"
    config.write_text('template = "sometimes"\n', encoding="utf-8")
    mark = session.mark()
    uri = session.open(broken / "macro.txt", MACRO)
    (diagnostic,) = session.diagnostics(uri, mark)
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.code == "replylint.setup"
    assert str(config) in diagnostic.message and "template" in diagnostic.message
    shown = session.wait_for(
        types.WINDOW_SHOW_MESSAGE,
        lambda p: str(config) in p.message,
    )
    assert shown.type == types.MessageType.Error
    # The server goes on serving the other repository.
    mark = session.mark()
    other = session.open(repo / "after-error.txt", MACRO)
    assert "jargon" in by_code(session.diagnostics(other, mark))


def test_a_saved_rule_pack_applies_to_the_open_macros(session: Session, tmp_path: Path) -> None:
    """A team edits the pack its configuration names: saving it checks the open macros
    again with the new pack, without restarting the server."""
    repo = tmp_path / "team"
    repo.mkdir()
    (repo / ".replylint.toml").write_text('packs = ["team.yaml"]\n', encoding="utf-8")
    pack = repo / "team.yaml"
    head = "schema: replylint.pack/1\nname: team\nlexicons:\n  jargon.common_acronyms: "
    pack.write_text(head + "[SKU]\n", encoding="utf-8")
    mark = session.mark()
    uri = session.open(repo / "macro.txt", MACRO)
    assert "jargon" in by_code(session.diagnostics(uri, mark))  # "RMA"
    pack.write_text(head + "[SKU, RMA]\n", encoding="utf-8")  # our customers know it
    mark = session.mark()
    session.save(pack)
    assert "jargon" not in by_code(session.diagnostics(uri, mark))


@pytest.mark.parametrize(
    ("setting", "reported"),
    [("template = false\n", True), ("template = true\n", False), ("", False)],
    ids=["false", "true", "unset"],
)
def test_the_repository_config_can_say_its_files_are_sent_replies(
    session: Session, tmp_path: Path, setting: str, reported: bool
) -> None:
    """Template mode is the editor's default for a macro repository; a repository whose
    configuration says ``template = false`` holds finished replies, and there a leftover
    placeholder is reported, on its exact characters."""
    repo = tmp_path / "replies"
    repo.mkdir()
    (repo / ".replylint.toml").write_text(setting, encoding="utf-8")
    mark = session.mark()
    uri = session.open(repo / "sent.txt", MACRO)
    found = by_code(session.diagnostics(uri, mark))
    assert ("template_residue" in found) is reported
    assert "jargon" in found  # the rest of the macro is checked either way
    if reported:
        placeholder = "{{ customer.first_name }}"
        start = MACRO.index(placeholder)
        assert found["template_residue"].range == types.Range(
            start=types.Position(line=0, character=start),
            end=types.Position(line=0, character=start + len(placeholder)),
        )


def test_isolated_server_ignores_the_config_and_exits_cleanly(repo: Path) -> None:
    client = Session(repo, "--isolated")
    try:
        client.initialize()
        mark = client.mark()
        uri = client.open(repo / "isolated.txt", MACRO)
        assert "closing_thanks" in by_code(client.diagnostics(uri, mark))
        assert client.close() == 0
    finally:
        client.kill()


def test_a_macro_in_another_language_says_its_checks_were_not_applied(
    session: Session, repo: Path
) -> None:
    """A German macro is not held to the English-only checks. Without a word about it,
    the editor showed no problem, as for a macro that passed; it shows the report's
    notice, as ``replylint check`` prints it under the score."""
    german = (
        "Guten Tag Herr Becker,\n"
        "\n"
        "wir haben Ihre Bestellung storniert und schicken Ihnen das Geld in drei Tagen "
        "auf Ihr Konto zurück.\n"
        "\n"
        "Viele Grüße\n"
        "Jonas\n"
    )
    mark = session.mark()
    uri = session.open(repo / "storno.txt", german)
    (notice,) = session.diagnostics(uri, mark)
    assert notice.code == "replylint.notice"
    assert notice.severity == types.DiagnosticSeverity.Information
    assert "German (de)" in notice.message and "not applied" in notice.message
    assert notice.range.start == types.Position(line=0, character=0)
    assert session.code_actions(uri, notice) == []  # a notice has no directive to write


def test_a_macro_whose_path_needs_escaping_in_its_uri_is_checked(
    session: Session, tmp_path: Path
) -> None:
    """Editors percent-encode a file's URI (a space as ``%20``, ``é`` as ``%C3%A9``, VS Code
    on Windows the drive's colon as ``%3A``); pygls keeps its documents under the decoded
    URI. The server looked them up under the URI as sent, found none, and published
    nothing for such a file, as if it had no findings."""
    folder = tmp_path / "Support Macros"
    folder.mkdir()
    config = folder / ".replylint.toml"
    config.write_text('ignore = ["closing_thanks"]\n', encoding="utf-8")
    mark = session.mark()
    uri = session.open(folder / "café refund.txt", MACRO)
    assert "%20" in uri and "%C3%A9" in uri
    jargon = by_code(session.diagnostics(uri, mark))["jargon"]
    # hover and the quick fix find the document's findings under the same URI
    hover = session.hover(uri, jargon.range.start.line, jargon.range.start.character)
    assert hover is not None and hover.range == jargon.range
    assert any(a.title.startswith("Disable jargon") for a in session.code_actions(uri, jargon))
    # a saved configuration checks it again, published under the URI the editor sent
    config.write_text('ignore = ["closing_thanks", "jargon"]\n', encoding="utf-8")
    mark = session.mark()
    session.save(config)
    assert set(by_code(session.diagnostics(uri, mark))) == {"next_step"}
    # and a typed change is checked too
    mark = session.mark()
    version = session.change(uri, FIXED)
    assert by_code(session.diagnostics(uri, mark, version=version)) == {}


def test_a_change_given_as_an_edit_of_a_range_is_applied_there(
    session: Session, repo: Path
) -> None:
    """The server asks for whole texts, but a client may send its edits as ranges anyway
    (a hand-written integration; the protocol's incremental sync). pygls then took the
    edit's text for the whole document, and the server checked a fragment of three
    letters: findings for a reply no one wrote. The edits are applied at their ranges,
    in order, columns in UTF-16 units past the emoji and lines broken at CRLF."""
    text = MACRO.replace("\n", "\r\n")
    mark = session.mark()
    uri = session.open(repo / "ranges.txt", text)
    assert set(by_code(session.diagnostics(uri, mark))) == {"jargon", "next_step"}
    line = text.split("\r\n")[2]
    rma = utf16_column(line, line.index("RMA"))
    fix = types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=2, character=rma),
            end=types.Position(line=2, character=rma + len("RMA request. Ünïcode is fine.")),
        ),
        text="return request.",
    )
    add = types.TextDocumentContentChangePartial(  # after the first edit, at its line's end
        range=types.Range(
            start=types.Position(line=2, character=rma + len("return request.")),
            end=types.Position(line=2, character=rma + len("return request.")),
        ),
        text="\r\nWe will email you the label within 2 days.",
    )
    session.versions[uri] += 1
    params = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=session.versions[uri]),
        content_changes=[fix, add],
    )
    mark = session.mark()
    session.notify(lambda: session.client.text_document_did_change(params))
    assert by_code(session.diagnostics(uri, mark, version=session.versions[uri])) == {}
    # the document is the editor's: a term typed on the new line is found where it shows
    session.versions[uri] += 1
    start = types.Position(line=3, character=len("We will email you the label"))
    typed = types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=start), text=" and RMA"
    )
    params = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=session.versions[uri]),
        content_changes=[typed],
    )
    mark = session.mark()
    session.notify(lambda: session.client.text_document_did_change(params))
    found = by_code(session.diagnostics(uri, mark, version=session.versions[uri]))
    column = start.character + len(" and ")
    assert set(found) == {"jargon"} and found["jargon"].range == types.Range(
        start=types.Position(line=3, character=column),
        end=types.Position(line=3, character=column + 3),
    )


def test_a_whole_text_change_to_a_document_never_opened_is_checked(
    session: Session, repo: Path
) -> None:
    """A client that sends a change for a document it never opened to this server (one
    restored after the server restarted, without ``didOpen``) got a warning to close and
    reopen the file, and no diagnostics. A change that holds the whole text, as the
    server asks for, is all a check needs: the document is taken as opened with it."""
    uri = (repo / "restored.txt").as_uri()
    session.versions[uri] = 2
    params = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=MACRO)],
    )
    mark = session.mark()
    session.notify(lambda: session.client.text_document_did_change(params))
    assert "jargon" in by_code(session.diagnostics(uri, mark, version=2))
    version = session.change(uri, FIXED)  # and followed as any open document
    assert "jargon" not in by_code(session.diagnostics(uri, mark, version=version))
    assert not any(
        method == types.WINDOW_SHOW_MESSAGE and "restored.txt" in p.message
        for method, p in session.notifications[mark:]
    )


def test_an_edit_of_a_range_to_a_document_never_opened_says_to_reopen_it(
    session: Session, repo: Path
) -> None:
    """An edit of a range cannot be applied to a text the server never had: pygls said
    "Error in server: KeyError: 'file:///...'", which says nothing a user can act on.
    The message says the file is not checked and to reopen it; reopened, it is checked."""
    uri = (repo / "restored-ranges.txt").as_uri()
    here = types.Position(line=0, character=0)
    params = types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[
            types.TextDocumentContentChangePartial(
                range=types.Range(start=here, end=here), text="Hi"
            )
        ],
    )
    session.notify(lambda: session.client.text_document_did_change(params))
    shown = session.wait_for(
        types.WINDOW_SHOW_MESSAGE, lambda p: "restored-ranges.txt" in p.message
    )
    assert shown.type == types.MessageType.Warning
    assert "KeyError" not in shown.message and "reopen" in shown.message
    mark = session.mark()
    uri = session.open(repo / "restored-ranges.txt", MACRO)
    assert "jargon" in by_code(session.diagnostics(uri, mark))
    assert not any(
        "KeyError" in p.message
        for method, p in session.notifications
        if method == types.WINDOW_SHOW_MESSAGE
    )


@pytest.mark.parametrize(
    ("name", "setting"),
    [
        (".replylint.toml", "min-confidence = 1\n"),
        ("pyproject.toml", "[tool.replylint]\nmin-confidence = 1\n"),
    ],
    ids=["replylint-toml", "pyproject"],
)
def test_the_repository_min_confidence_hides_findings_and_says_how_many(
    session: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, setting: str
) -> None:
    """A repository's ``min-confidence`` hides the findings under it in the editor as
    ``replylint check`` (and the pre-commit hook, in template mode) does, and the editor
    says how many it hid, in the CLI's ``note:`` words: without it, a macro whose every
    finding the threshold hid looked like one that passed."""
    repo = tmp_path / "sure"
    repo.mkdir()
    (repo / name).write_text(setting, encoding="utf-8")
    macro = repo / "sure.txt"
    macro.write_text(MACRO, encoding="utf-8")
    assert main(["check", str(macro), "--default-template", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == [] and report["below_confidence"] >= 2
    mark = session.mark()
    uri = session.open(macro, MACRO)
    (note,) = session.diagnostics(uri, mark)
    assert note.code == "replylint.notice"
    assert note.severity == types.DiagnosticSeverity.Information
    assert note.message == f"replylint: note: {hidden_note(report['below_confidence'])}"
