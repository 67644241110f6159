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
from gvc_advisor.services.training.profile import (
    DETAIL_ROW,
    DETAILS_TITLE,
    GIVEN,
    GIVEN_LEAD,
    PARAGRAPH,
    FirmProfile,
    firm_profile,
    given_text,
    unsure,
)
from gvc_advisor.tui.training_text import message_text


def profile_text(profile: FirmProfile, details: bool) -> Text:
    text = Text()
    text.append(profile.firm + "\n", style="bold")
    text.append(profile.situation + "\n")
    for paragraph in profile.paragraphs:
        text.append("\n")
        text.append(message_text(PARAGRAPH, {"title": "bold"}, title=paragraph.title,
                                 text=paragraph.text))
        text.append("\n")
    if profile.given:
        text.append("\n")
        text.append(message_text(GIVEN, {"lead": "bold"}, lead=_(GIVEN_LEAD),
                                 facts=given_text(profile.given)))
        text.append("\n")
    if details:
        text.append("\n" + _(DETAILS_TITLE) + "\n", style="bold")
        for detail in profile.details:
            text.append("• ")
            text.append(message_text(DETAIL_ROW, {"answer": "bold"}, question=detail.question,
                                     answer=unsure(detail.answer) if detail.unsure else detail.answer))
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
