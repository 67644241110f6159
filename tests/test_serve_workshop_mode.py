"""The interview as ``gvc-advisor serve`` runs it (``interview --workshop``): a
participant in a browser can neither read nor write the files of the machine
that runs the workshop; an export becomes a download in their browser."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.export import ExportScreen

KB = load_knowledge_base(default_kb_root())


def menu_ids(app: AdvisorApp) -> list[str]:
    menu = app.screen.query_one("#home-menu", OptionList)
    return [menu.get_option_at_index(i).id for i in range(menu.option_count)]


@pytest.mark.parametrize("workshop", [False, True])
async def test_opening_a_file_by_path_is_offered_outside_workshops_only(tmp_path, workshop):
    app = AdvisorApp(KB, store=SessionStore(tmp_path / "sessions"), workshop=workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert ("open" in menu_ids(app)) is not workshop
        assert "sessions" in menu_ids(app)


async def test_in_a_workshop_export_is_a_download_not_a_file_on_the_server(tmp_path, monkeypatch):
    app = AdvisorApp(KB, store=SessionStore(tmp_path / "sessions"), workshop=True)
    delivered: list[tuple[str, dict]] = []
    monkeypatch.setattr(app, "deliver_text", lambda file, **options: delivered.append((file.read(), options)))
    target = tmp_path / "elsewhere" / "advice.md"
    async with app.run_test(size=(110, 34)) as pilot:
        app.start_session("Workshop Firm")
        await pilot.pause()
        app.push_screen(ExportScreen())
        await pilot.pause()
        app.screen.query_one("#path").value = str(target)
        await pilot.click("#export")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert not target.exists() and not target.parent.exists()
    [(text, options)] = delivered
    assert options["save_filename"] == "advice.md"
    assert "Workshop Firm" in text
