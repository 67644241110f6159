"""Wrapping text to a width in terminal cells, for Latin and Chinese text alike.

Latin text wraps at spaces, as :mod:`textwrap` does (and exactly as it does:
English output stays byte-identical).  Chinese has no spaces between words,
and each of its characters takes two cells: a line may break between any two
Chinese characters, except before closing punctuation (，。、）…) or after
opening punctuation (（“…), the basic rule of Chinese typesetting; a run of
Latin letters or digits inside Chinese text (``GVC_ADVISOR_LANG``, ``0.85``)
stays whole when it can.  Widths are measured with Rich's cell table.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len

#: No line starts with these (closing punctuation, in both widths).
NO_BREAK_BEFORE = frozenset("，。、；：？！）》」』】〕”’…％,.;:?!)]}%")
#: No line ends with these (opening punctuation).
NO_BREAK_AFTER = frozenset("（《「『【〔“‘([{")


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: a wide character, a run of narrow non-space characters, or one space."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char.isspace():
            if word:
                tokens.append(word)
                word = ""
            if not tokens or tokens[-1] != " ":  # a run of spaces is one break (and one glue gap)
                tokens.append(" ")
        elif cell_len(char) > 1:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    glued: list[str] = []  # the typesetting rules: glue closers to what precedes, openers to what follows
    for token in tokens:
        if glued and token != " ":
            before = glued[-2] if glued[-1] == " " and len(glued) > 1 else glued[-1]
            if before != " " and (token[0] in NO_BREAK_BEFORE or before[-1] in NO_BREAK_AFTER):
                if glued[-1] == " ":  # (a stray space between them stays, inside the piece)
                    glued.pop()
                    token = " " + token
                glued[-1] += token
                continue
        glued.append(token)
    return glued


def _split_cells(token: str, width: int) -> list[str]:
    """A piece longer than a line, cut into lines of at most ``width`` cells; a cut never
    leaves closing punctuation at the start of a line (the character before it goes along)."""
    pieces, piece = [], ""
    for char in token:
        if piece and cell_len(piece + char) > width:
            carried = piece[-1] if char in NO_BREAK_BEFORE and len(piece) > 1 else ""
            pieces.append(piece[:-1] if carried else piece)
            piece = carried
        piece += char
    return [*pieces, piece] if piece else pieces


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` (one paragraph) as lines of at most ``width`` cells (wider only for an unbreakable piece)."""
    width = max(width, 2)
    lines: list[str] = []
    line, space = "", False
    for token in _tokens(text):
        if token == " ":
            space = bool(line)
            continue
        joined = line + (" " if space else "") + token
        if not line or cell_len(joined) <= width:
            line = joined
        else:
            lines.append(line)
            line = token
        space = False
        if cell_len(line) > width:  # one piece longer than a whole line
            *full, line = _split_cells(line, width)
            lines.extend(full)
    if line:
        lines.append(line)
    return lines


def fill(text: str, width: int, first: str = "", rest: str = "", break_on_hyphens: bool = False) -> str:
    """``text`` wrapped to ``width`` cells, the first line after ``first``, the others after ``rest``."""
    if cell_len(text) == len(text):  # no wide characters: textwrap, exactly as before
        return textwrap.fill(text, width=width, initial_indent=first, subsequent_indent=rest,
                             break_on_hyphens=break_on_hyphens)
    lines = wrap_cells(" ".join(text.split()), max(10, width - max(cell_len(first), cell_len(rest))))
    return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines))
