"""The few pages the server shows besides the interview: the passcode form and
"all places taken".  Self-contained (no fonts or scripts from the internet: a
workshop network often has none), readable on a phone."""

from __future__ import annotations

from html import escape

from gvc_advisor.engine.i18n import _, current_language, ngettext

STYLE = """
body { background: #0c181f; color: #e8eef2; font-family: system-ui, sans-serif; margin: 0;
       min-height: 100vh; display: flex; align-items: center; justify-content: center; }
main { background: #12232d; padding: 2rem 2.5rem; max-width: 28rem; margin: 1rem; border-radius: 6px; }
h1 { font-size: 1.3rem; margin-top: 0; }
p { line-height: 1.45; }
input { font-size: 1.2rem; padding: .5rem; width: 100%; box-sizing: border-box; margin: .5rem 0 1rem; }
button { font-size: 1rem; padding: .6rem 1.4rem; background: #5e0ba7; color: #fff; border: 0; cursor: pointer; }
.error { color: #ff8a80; }
"""


def _html_lang() -> str:
    """The ``lang`` of the pages: the server's language (browsers pick fonts and voices by it)."""
    from gvc_advisor.engine.i18n.languages import get_language

    return get_language(current_language()).html_lang


def _page(title: str, body: str, refresh: int | None = None) -> str:
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (f'<!DOCTYPE html>\n<html lang="{escape(_html_lang())}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{meta}'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def login_page(error: str = "") -> str:
    message = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    title = escape(_("gvc-advisor workshop"))
    return _page(_("gvc-advisor workshop"), f"""
<h1>{title}</h1>
<p>{escape(_("Type the passcode the facilitator gave you to start your interview."))}</p>
{message}
<form method="post" action="/login">
  <label for="passcode">{escape(_("Passcode"))}</label>
  <input id="passcode" name="passcode" type="password" autocomplete="off" autocapitalize="none"
         autocorrect="off" spellcheck="false" autofocus required>
  <button type="submit">{escape(_("Continue"))}</button>
</form>""")


def locked_out_page(minutes: int) -> str:
    return _page(_("gvc-advisor workshop"), f"""
<h1>{escape(_("Too many wrong passcodes"))}</h1>
<p class="error">{escape(ngettext(
        "This device typed a wrong passcode too many times. Please wait about {n} minute, then try again, "
        "or ask the facilitator.",
        "This device typed a wrong passcode too many times. Please wait about {n} minutes, then try again, "
        "or ask the facilitator.", minutes))}</p>""")


def full_text(capacity: int) -> str:
    return _("All interview places of this workshop ({capacity}) are in use. Please wait until a participant "
             "has finished, then reload this page; your saved sessions are kept.", capacity=capacity)


def full_page(capacity: int) -> str:
    return _page(_("gvc-advisor workshop: all places in use"), f"""
<h1>{escape(_("All interview places are in use"))}</h1>
<p>{escape(full_text(capacity))}</p>
<p>{escape(_("This page tries again by itself every 15 seconds."))}</p>""", refresh=15)


def full_terminal(capacity: int) -> bytes:
    """The same message, written into the browser's terminal when the last place went
    to another tab between loading the page and connecting."""
    return ("\x1b[2J\x1b[H\x1b[1m " + _("gvc-advisor workshop") + "\x1b[0m\r\n\r\n " + full_text(capacity)
            + "\r\n").encode("utf-8")


def index_texts() -> dict[str, str]:
    """The words of the interview page (``templates/app_index.html``) in the server's language."""
    return {
        "html_lang": _html_lang(),
        "start_label": _("Start"),
        "closed_message": _("The interview has closed. Your answers are saved:"),
        "closed_hint": _("start again and choose “Resume a saved session” to continue."),
        "start_again_label": _("Start again"),
    }
