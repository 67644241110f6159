"""Helpers for the Pilot tests: drive the app as a user does, read the screen
as it was painted (text and colours), measure contrast."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base

KB = load_knowledge_base(default_kb_root())
CASE = next(c for c in KB.cases if c.id == "captive-garment-oem")


async def start(pilot, firm: str = "Test Co") -> None:
    """Home → "Start a new interview" → firm name → first question."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*firm, "enter")
    await pilot.pause()


async def answer_current(pilot, app, answers: dict | None = None) -> str:
    """Answer the current question from the worked case, as a user would type it."""
    question = app.interview.next_question
    raw = (answers or CASE.answers).get(question.id)
    if raw is None:
        await pilot.press("f4")  # don't know
    elif question.type.value in ("integer", "percent"):
        await pilot.press(*str(raw), "enter")
    else:
        index = list(question.allowed_values).index(raw)
        await pilot.press(*(["down"] * index), "enter")
    await pilot.pause()
    return question.id


async def skip_to(pilot, app, question_id: str) -> None:
    """Press F4 (don't know) until ``question_id`` is asked."""
    for _ in range(len(app.kb.questions)):
        if app.interview.next_question.id == question_id:
            return
        await pilot.press("f4")
        await pilot.pause()
    raise AssertionError(f"{question_id} was never asked")


async def open_at(pilot, app, question_id: str, firm: str = "Test Co") -> None:
    """Start an interview where ``question_id`` is the next question (earlier ones
    answered from the worked case or skipped), as if the user had got there."""
    from gvc_advisor.engine.interview import Interview

    interview = Interview(app.kb)
    while interview.next_question.id != question_id:
        name = interview.next_question.id
        raw = CASE.answers.get(name)
        if raw is None or name == "employees" or app.kb.is_numeric(name):
            interview.skip(name)
        else:
            interview.answer(name, raw)
    app.start_session(firm, dict(interview.answers), set(interview.skipped), list(interview.history))
    await pilot.pause()
    assert app.interview.next_question.id == question_id


def segments(app, region=None) -> Iterator[tuple[int, int, object]]:
    """Every painted segment of the current screen: (x, y, segment)."""
    strips = app.screen._compositor.render_strips()
    for y, strip in enumerate(strips):
        x = 0
        for segment in strip:
            width = segment.cell_length
            if region is None or (region.y <= y < region.bottom and region.x <= x < region.right):
                yield x, y, segment
            x += width


def screen_lines(app) -> list[str]:
    lines: dict[int, list[str]] = {}
    for _, y, segment in segments(app):
        lines.setdefault(y, []).append(segment.text)
    return ["".join(parts) for _, parts in sorted(lines.items())]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def widget_text(app, widget) -> str:
    """What is painted inside a widget's content area (no borders, no scrollbar)."""
    region = widget.scrollable_content_region
    lines: dict[int, list[str]] = {}
    for x, y, segment in segments(app):
        if region.y <= y < region.bottom:
            text = segment.text[max(0, region.x - x): max(0, region.right - x)]
            lines.setdefault(y, []).append(text)
    return "\n".join("".join(parts) for _, parts in sorted(lines.items()))


def flat(text: str) -> str:
    """Whitespace-normalised text (for "is this sentence on screen, however wrapped")."""
    return " ".join(text.split())


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    a, b = _luminance(fg), _luminance(bg)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def is_text(char: str) -> bool:
    """Letters, digits, punctuation and symbols a reader reads; not box drawing,
    block elements, braille dots or scrollbar glyphs."""
    code = ord(char)
    if 0x2500 <= code <= 0x259F or 0x2800 <= code <= 0x28FF or 0x25A0 <= code <= 0x25FF:
        return False
    return unicodedata.category(char)[0] in "LNPS"


def low_contrast(app, minimum: float = 4.5, region=None) -> list[tuple[float, str]]:
    """Painted text below ``minimum`` contrast: (ratio, text), worst first."""
    found = []
    for _, _, segment in segments(app, region):
        text = "".join(ch for ch in segment.text if is_text(ch))
        style = segment.style
        if not text or style is None or style.color is None or style.bgcolor is None:
            continue
        fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
        if style.reverse:
            fg, bg = bg, fg
        ratio = contrast(tuple(fg), tuple(bg))
        if ratio < minimum:
            found.append((round(ratio, 2), segment.text.strip()[:40]))
    return sorted(set(found))
