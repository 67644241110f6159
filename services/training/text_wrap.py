"""Filling lines by display width, for text that may be Chinese.

:mod:`textwrap` counts characters and breaks only at spaces: a Chinese
sentence (two cells a character, no spaces) would overflow the terminal in one
line.  Here a line is filled by cells (:func:`rich.cells.cell_len`), and may
break at a space or between two wide characters — but never before closing
punctuation (``，。；：）”``) or after opening punctuation (``（“《``), the
basic line-breaking rule of Chinese typesetting.  Text with no wide character
is wrapped by :mod:`textwrap` exactly as before, so English output is unchanged.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len

#: Never at the start of a line.
_CLOSING = set("，。、；：？！）》」』”’〕】…·%,.;:?!)]}")
#: Never at the end of a line.
_OPENING = set("（《「『“‘〔【([{")


def _tokens(text: str) -> list[str]:
    """Words, single wide characters (with the punctuation that must stay with them) and spaces."""
    tokens: list[str] = []
    for char in text:
        previous = tokens[-1] if tokens else ""
        if char.isspace():
            if previous != " ":
                tokens.append(" ")
        elif char in _CLOSING and previous == " " and len(tokens) > 1:
            tokens.pop()
            tokens[-1] += " " + char  # "45 %": the space stays, the break does not go before the sign
        elif not previous or previous == " ":
            tokens.append(char)
        elif char in _CLOSING or previous[-1] in _OPENING:
            tokens[-1] += char  # punctuation stays with its neighbour
        elif cell_len(char) == 2 or cell_len(previous[-1]) == 2:
            tokens.append(char)  # a break is allowed between wide characters, and beside one
        else:
            tokens[-1] += char
    return tokens


def _chopped(token: str, room: int) -> list[str]:
    """A token wider than a whole line, in pieces of at most ``room`` cells."""
    pieces, piece = [], ""
    for char in token:
        if piece and cell_len(piece + char) > room:
            carried = piece[-1] if char in _CLOSING and len(piece) > 1 else ""  # a sign never starts a line
            pieces.append(piece[:-1] if carried else piece)
            piece = carried
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` cells (indents included)."""
    if cell_len(text) == len(text):
        return textwrap.wrap(text, width=width, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                             break_on_hyphens=False)
    lines: list[str] = []
    line, used, space = initial_indent, cell_len(initial_indent), False
    content = False
    for token in _tokens(text):
        if token == " ":
            space = content
            continue
        room = max(width - cell_len(subsequent_indent), 1)
        for piece in _chopped(token, room) if cell_len(token) > room else [token]:
            gap = " " if space else ""
            if content and used + cell_len(gap + piece) > width:
                lines.append(line)
                line, used, gap = subsequent_indent, cell_len(subsequent_indent), ""
            line += gap + piece
            used += cell_len(gap + piece)
            content, space = True, False
    if content:
        lines.append(line)
    return lines
