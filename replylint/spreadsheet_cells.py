"""Text cells of a CSV file a person opens in a spreadsheet (``replylint score --out
x.csv``, ``replylint eval --errors CHECK --format csv``).

A cell that starts as a formula would (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) gets a leading ``'``: replies, customers' messages, ids and agent names are text
customers and export tools write, and a sheet opened in Excel must not run it (OWASP's
"CSV injection"). A cell that already starts with ``'`` before such a character gets one
more, so that :func:`cell_text` gives back exactly what was written: ``replylint score
--resume`` reads its own CSV output again, and must find the ids and agents it wrote.
Numbers are written as numbers, never through here.
"""

from __future__ import annotations

#: What a formula starts with in Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text, never runs it."""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def cell_text(cell: str) -> str:
    """The text :func:`safe_cell` was given for ``cell`` (its inverse)."""
    return cell[1:] if cell.startswith("'") and safe_cell(cell[1:]) == cell else cell
