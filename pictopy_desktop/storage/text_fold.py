"""Case folding that search applies alike to the words typed and to the library's text.

SQLite's ``LOWER()`` and ``LIKE`` fold only A-Z, so "Éclair" never found "ÉCLAIR" nor
"éclair". ``fold`` folds every letter that has a one-letter fold (Python's own Unicode
tables), and the library database offers it to SQL as ``pictopy_fold(text)``
(``storage/database.py``). Letters outside ASCII never fold into ASCII (the Kelvin sign
stays as it is), so for a word in plain ASCII ``LOWER()`` gives exactly ``fold``'s answer
and search keeps SQLite's fast built-in there. No Qt.
"""

from __future__ import annotations

from functools import cache

SQL_NAME = "pictopy_fold"
_CASED_BELOW = 0x1F000  # Unicode has no letter with a case above this (Adlam ends at 1E943)


@cache
def folds() -> dict[int, int]:
    """Every code point whose case fold (else lower case) is one other character.

    Case folding also joins forms lower case keeps apart (final sigma, micro sign); a fold
    into several letters (ß to "ss") is left out, as is one from outside ASCII into it.
    """
    table = {}
    for code in range(_CASED_BELOW):
        char = chr(code)
        folded = char.casefold()
        if len(folded) != 1:
            folded = char.lower()
        if len(folded) == 1 and folded != char and (code < 128 or ord(folded) >= 128):
            table[code] = ord(folded)
    return table


def fold(text: str) -> str:
    """``text`` with each letter case-folded, one character for one (lengths are kept)."""
    return text if text.isascii() and text.islower() else text.translate(folds())


def sql_fold(value: object) -> object:
    """``fold`` as an SQL function: text folded, anything else (NULL, numbers) as it was."""
    return fold(value) if isinstance(value, str) else value
