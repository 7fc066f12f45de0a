"""Text cells of a CSV file a person opens in a spreadsheet (``replylint score --out
x.csv``, ``replylint eval --errors CHECK --format csv``).

A cell that starts as a formula would (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading ``'``: replies, customers' messages, ids and agent names are text
customers and export tools write, and a sheet opened in Excel must not run it (OWASP's
"CSV injection"). A cell that already starts with ``'`` before such a character gets one
more, so that :func:`cell_text` gives back exactly what was written: ``replylint score
--resume`` reads its own CSV output again, and must find the ids and agents it wrote.
Numbers are written as numbers, never through here.

The input side has a convention of its own: a cell written ``="00124"`` is how Excel, and
the ticket exports made for it, keep an id's leading zeros (a bare ``00124`` is read as
the number 124). :func:`excel_string` reads such a cell as the text it shows.
"""

from __future__ import annotations

import re

#: What a formula starts with in Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never runs it."""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def cell_text(cell: str) -> str:
    """The text :func:`safe_cell` was given for ``cell`` (its inverse)."""
    return cell[1:] if cell.startswith("'") and safe_cell(cell[1:]) == cell else cell


#: A cell that is exactly ``="..."``: a formula whose value is one string literal, in
#: which a quote is written twice.
_STRING_FORMULA = re.compile(r'="((?:[^"]|"")*)"')


def excel_string(cell: str) -> str:
    '''The text a cell that is exactly ``="..."`` shows (``="00124"`` is ``00124``,
    ``="a ""b"""`` is ``a "b"``); any other cell as it is. Reading ``="00124"``
    verbatim made ids that matched nothing in the ticket system.'''
    literal = _STRING_FORMULA.fullmatch(cell)
    return cell if literal is None else literal.group(1).replace('""', '"')
