"""``replylint lsp``: a language server that shows replylint's findings in the editor
while a macro is written.

The protocol wiring (:mod:`replylint.lsp.server`) needs pygls, an optional extra
(``pip install 'replylint[lsp]'``); nothing in this package's ``__init__`` imports it, so
``import replylint`` and every other command work without it. The pieces that decide what
to say (positions, file types, suppression edits, which configuration applies) are plain
Python and tested on their own.
"""
