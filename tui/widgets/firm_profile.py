"""The firm as a trainee reads it: the narrative of its answers (and, on
request, the answers question by question), shown as ``Text`` — case texts are
never parsed as markup.  Used by the profile screen and, behind F2, by the
prediction form."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import answers_from_mapping
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.services.training.exercises import Exercise
from gvc_advisor.services.training.profile import FirmProfile, firm_profile


def profile_text(profile: FirmProfile, details: bool) -> Text:
    text = Text()
    text.append(profile.firm + "\n", style="bold")
    text.append(profile.situation + "\n")
    for paragraph in profile.paragraphs:
        text.append("\n" + paragraph.title + ". ", style="bold")
        text.append(paragraph.text + "\n")
    if profile.given:
        text.append("\n" + _("Already established by the consultant: "), style="bold")
        text.append(_("; ").join(profile.given) + _(".") + "\n")
    if details:
        text.append("\n" + _("Question by question") + "\n", style="bold")
        for detail in profile.details:
            text.append(f"• {detail.question} ")
            text.append(detail.answer + (_(" (not sure)") if detail.unsure else ""), style="bold")
            text.append("\n")
    return text


class FirmProfileView(Static):
    """The profile of one exercise's firm; ``toggle_details`` adds or removes the answers."""

    def __init__(self, kb: KnowledgeBase, exercise: Exercise, **kwargs) -> None:
        answers, _problems = answers_from_mapping(kb, exercise.case.answers, f"case {exercise.id}")
        self.profile = firm_profile(kb, exercise.case.firm, exercise.case.situation, answers)
        self.details = False
        super().__init__(profile_text(self.profile, False), **kwargs)

    def toggle_details(self) -> None:
        self.details = not self.details
        self.update(profile_text(self.profile, self.details))
