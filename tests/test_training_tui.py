"""Pilot tests of a whole training exercise in the TUI: read, predict, reveal,
score, result file; the Home entry, a course, the course summary, a trainer's
case file, a result that cannot be saved, and readable marks in both themes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Input, OptionList, Select, Static

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.sessions import SessionStore
from gvc_advisor.services.training.exercises import select_exercises
from gvc_advisor.tui.app import AdvisorApp
from gvc_advisor.tui.screens.training import OpenCaseFileScreen, TrainingScreen
from gvc_advisor.tui.screens.training_predict import PredictScreen
from gvc_advisor.tui.screens.training_profile import ProfileScreen
from gvc_advisor.tui.screens.training_reveal import RevealScreen
from gvc_advisor.tui.screens.training_summary import CourseSummaryScreen
from gvc_advisor.tui.training_app import TrainingApp, training_state

KB = load_knowledge_base(default_kb_root())
CASES = default_kb_root() / "knowledge_base" / "cases"


def app_for(tmp_path: Path, *case_ids: str, trainee: str = "") -> TrainingApp:
    state = training_state(KB, select_exercises(KB, case_ids), trainee, tmp_path / "training")
    return TrainingApp(KB, state)


def text_of(screen) -> str:
    """Everything the screen's Static widgets show, as plain text."""
    console = Console(width=200, record=True, file=io.StringIO())
    for widget in screen.query(Static):
        content = widget.content
        console.print(Text(content) if isinstance(content, str) else content, end="\n")
    return console.export_text()


async def choose(pilot, dimension: str, label: str) -> None:
    """Open the dimension's drop-down and pick ``label`` with the keyboard."""
    select = pilot.app.screen.query_one(f"#predict-{dimension}", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    labels = [str(prompt) for prompt, _ in select._options]
    current = 0 if select.is_blank() else labels.index(next(str(p) for p, v in select._options if v == select.value))
    steps = labels.index(label) - current
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()


async def pick(pilot, query: str) -> None:
    """Search the catalogue and pick the first strategy that matches."""
    search = pilot.app.screen.query_one("#predict-search", Input)
    search.focus()
    search.value = query  # as if typed (one search instead of one per key)
    await pilot.pause()
    await pilot.press("enter")  # to the catalogue
    await pilot.press("enter")  # pick
    await pilot.pause()


async def reveal_with_draft(pilot, exercise_id: str) -> None:
    """From the exercises, straight to the reveal of a prediction filled in beforehand."""
    pilot.app.screen.state.drafts[exercise_id] = {
        "facts": {"governance": "modular", "driver": "buyer", "firm_status": "sme", "low_end_lock": "yes"},
        "strategies": ["talent-and-incentives", "regional-brand", "acquire-foreign-brand"]}
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("f10")
    await pilot.pause()


async def predict_captive_garment(pilot) -> None:
    await choose(pilot, "governance", "Modular")
    await choose(pilot, "driver", "Buyer-driven")
    await choose(pilot, "firm_status", "Small or medium-sized firm")
    await choose(pilot, "low_end_lock", "Yes")
    await pick(pilot, "talent")
    await pick(pilot, "regional brand")
    await pick(pilot, "acquire")


async def test_a_whole_exercise_read_predict_reveal_score(tmp_path):
    app = app_for(tmp_path, "captive-garment-oem")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        await pilot.press("enter")  # no name yet: refused, the name field is focused
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen) and app.focused.id == "training-trainee"
        await pilot.press(*"Li Wei", "enter")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "The buyers. Its main customers are foreign retailers" in text_of(app.screen)
        assert "Question by question" not in text_of(app.screen)
        await pilot.press("d")
        assert "Who are your main customers? Foreign retailers or brand companies" in text_of(app.screen)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen)
        await predict_captive_garment(pilot)
        assert app.screen.picks == ["talent-and-incentives", "regional-brand", "acquire-foreign-brand"]
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        shown = app.screen.shown
        marks = shown.score.marks()
        assert marks["governance"] == "wrong" and marks["driver"] == "right" and marks["strategies"] == "close"
        assert [p.mark for p in shown.score.strategies.picks] == ["right", "right", "wrong"]
        page = text_of(app.screen)
        assert "✗ wrong" in page and "✓ right" in page and "Teaching note" in page
        assert "GVC governance model: the system says Captive, you said Modular" in page
        assert "Your result is saved in" in page
        files = list((tmp_path / "training").glob("*.training.json"))
        assert len(files) == 1
        saved = json.loads(files[0].read_text())
        assert saved["trainee"] == "Li Wei" and saved["prediction"]["governance"] == "modular"
        assert saved["score"] == pytest.approx(shown.score.total, abs=1e-4)
        assert (tmp_path / "training" / ".trainee").read_text().strip() == "Li Wei"
        await pilot.press("escape")  # the prediction cannot be changed: back to the exercises
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        assert "done: " in str(app.screen.query_one("#training-exercises", OptionList).get_option_at_index(0).prompt)


async def test_an_incomplete_prediction_is_not_committed_and_a_draft_survives_leaving(tmp_path):
    app = app_for(tmp_path, "zhejiang-locked-sme", trainee="Ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await choose(pilot, "governance", "Market")
        await pick(pilot, "regional brand")
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen)
        assert not list((tmp_path / "training").glob("*.json"))
        assert app.focused.id == "predict-driver"
        await pilot.press("escape")  # back to the profile, then predict again
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#predict-governance", Select).value == "market"
        assert app.screen.picks == ["regional-brand"]
        await pilot.press("f2")  # read the firm again without losing the form
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen) and app.screen.has_class("reading")
        assert app.screen.query_one("#predict-profile-view").display
        assert "Yiwu sock workshop" in text_of(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen) and not app.screen.has_class("reading")
        assert app.screen.picks == ["regional-brand"]


async def test_a_course_goes_on_to_the_next_exercise_and_sums_up(tmp_path):
    app = app_for(tmp_path, "captive-garment-oem", "mnc-subsidiary", trainee="Bo")
    async with app.run_test(size=(100, 30)) as pilot:
        await reveal_with_draft(pilot, "captive-garment-oem")
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen) and app.screen.exercise.id == "mnc-subsidiary"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CourseSummaryScreen)
        page = text_of(app.screen)
        assert "1 exercise done" in page and "What you get wrong most" in page
        assert "GVC governance model: 0%" in page


async def test_the_home_entry_saves_results_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GVC_ADVISOR_DATA_DIR", str(tmp_path / "participant"))
    (tmp_path / "participant" / "training").mkdir(parents=True)
    (tmp_path / "participant" / "training" / ".trainee").write_text("Chen\n")
    app = AdvisorApp(KB, store=SessionStore(tmp_path / "participant" / "sessions"), workshop=True)
    async with app.run_test(size=(80, 24)) as pilot:
        menu = app.screen.query_one("#home-menu", OptionList)
        index = next(i for i in range(menu.option_count) if menu.get_option_at_index(i).id == "training")
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        assert app.screen.state.results_dir == tmp_path / "participant" / "training"
        assert app.screen.query_one("#training-trainee", Input).value == "Chen"  # remembered
        await pilot.press("o")  # a participant cannot open files of the server
        await pilot.pause()
        assert not isinstance(app.screen, OpenCaseFileScreen)


async def test_a_trainers_case_file_can_be_opened_and_a_bad_one_is_explained(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case:\n  id: Not An Id\n")
    good = tmp_path / "good.yaml"
    good.write_text((CASES / "mnc-subsidiary.yaml").read_text().replace("id: mnc-subsidiary", "id: my-plant"))
    app = app_for(tmp_path, trainee="Ann")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OpenCaseFileScreen)
        app.screen.query_one("#case-path", Input).value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenCaseFileScreen)
        assert f"{bad}:2:" in str(app.screen.query_one("#case-error", Static).render())
        app.screen.query_one("#case-path", Input).value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        assert app.screen.state.exercises[-1].id == "my-plant"
        assert app.screen.state.exercises[-1].origin == str(good)


async def test_a_result_that_cannot_be_saved_is_kept_and_saved_again_on_request(tmp_path):
    blocked = tmp_path / "training"
    blocked.write_text("a file where the folder should be")
    app = app_for(tmp_path, "captive-garment-oem", trainee="Di")
    async with app.run_test(size=(100, 30)) as pilot:
        await reveal_with_draft(pilot, "captive-garment-oem")
        assert isinstance(app.screen, RevealScreen) and app.screen.saved is None
        assert "could not be saved" in text_of(app.screen)
        blocked.unlink()
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.saved is not None and app.screen.saved.exists()


def _luminance(colour) -> float:
    channels = [c / 255 for c in colour.triplet]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_the_reveal_is_readable_in_both_themes(tmp_path):
    """Every text of the reveal, the coloured marks included, keeps 4.5:1 against what is behind it."""
    app = app_for(tmp_path, "captive-garment-oem", trainee="Ann")
    async with app.run_test(size=(100, 30)) as pilot:
        await reveal_with_draft(pilot, "captive-garment-oem")
        marks = list(app.screen.query(".reveal-mark"))
        kinds = {kind for w in marks for kind in w.classes if kind.startswith("mark-")}
        assert kinds >= {"mark-right", "mark-wrong"}
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause()
            checked = 0
            for widget in app.screen.query(Static):
                style = widget.rich_style
                if style.color is None or style.bgcolor is None:
                    continue
                checked += 1
                assert _contrast(style.color, style.bgcolor) >= 4.5, (theme, widget, style)
            assert checked >= len(marks)
