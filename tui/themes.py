"""The app's themes: Textual's dark and light themes with every text colour
raised to at least 4.5:1 against the backgrounds it is drawn on (WCAG AA),
and two high-contrast variants for presentation mode on a projector.

Screens and widgets style text only with theme variables (``$text-warning``,
``$text-muted``…), never with fixed colours, so that a theme is the one place
that decides contrast; ``tests/test_tui_contrast.py`` measures the rendered
screens in every theme.
"""

from __future__ import annotations

from dataclasses import replace

from textual.theme import BUILTIN_THEMES

DARK = replace(BUILTIN_THEMES["textual-dark"], name="gvc-dark", variables={
    **BUILTIN_THEMES["textual-dark"].variables,
    "text-muted": "#A8A8A8",
    "text-error": "#F08BA3",
    "text-secondary": "#8FB8D8",
    "text-primary": "#74B6EA",
    # The cursor of a list is a tint, not a block of colour: an option's coloured parts
    # (a muted certainty, a warning) must stay readable on it.  Bold text marks it too.
    "block-cursor-background": "#1B3A56",
    "block-cursor-foreground": "#FFFFFF",
    "block-cursor-blurred-background": "#26313B",
    "block-cursor-blurred-foreground": "#FFFFFF",
    "footer-key-foreground": "#FFC473",
})

LIGHT = replace(BUILTIN_THEMES["textual-light"], name="gvc-light", variables={
    **BUILTIN_THEMES["textual-light"].variables,
    "text-muted": "#4A4A4A",
    "text-warning": "#6E4200",
    "text-accent": "#6E4200",
    "text-success": "#1A5C2F",
    "text-error": "#7A1F36",
    "text-secondary": "#003F6E",
    "text-primary": "#002D4F",
    "block-cursor-background": "#B4D0EC",
    "block-cursor-foreground": "#000000",
    "block-cursor-blurred-background": "#CCD6DF",
    "block-cursor-blurred-foreground": "#0E0E0E",
    "footer-key-foreground": "#003F6E",
    "input-cursor-foreground": "#FFFFFF",
})

#: Presentation mode: black on white or white on black, nothing in between.
PROJECTOR_LIGHT = replace(LIGHT, name="gvc-projector-light", background="#FFFFFF", surface="#FFFFFF",
                          panel="#E6E6E6", foreground="#000000",
                          variables={**LIGHT.variables, "text-muted": "#333333"})
PROJECTOR_DARK = replace(DARK, name="gvc-projector-dark", background="#000000", surface="#000000",
                         panel="#1A1A1A", foreground="#FFFFFF",
                         variables={**DARK.variables, "text-muted": "#CCCCCC"})

THEMES = (DARK, LIGHT, PROJECTOR_LIGHT, PROJECTOR_DARK)
#: The theme Ctrl+T switches to, and the projector variant of each.
OTHER = {"gvc-dark": "gvc-light", "gvc-light": "gvc-dark",
         "gvc-projector-dark": "gvc-projector-light", "gvc-projector-light": "gvc-projector-dark"}
PROJECTOR = {"gvc-dark": "gvc-projector-dark", "gvc-light": "gvc-projector-light"}
NORMAL = {v: k for k, v in PROJECTOR.items()}
