"""An interview in progress: answers so far, the next relevant question, undo.

The TUI, the CLI and the benchmark all drive interviews through this class.
Every answer re-runs the consultation from the full answer set (see
:mod:`consult`), then re-computes which questions are still relevant.
Answers the user gave are never dropped, even when a later change makes their
question irrelevant; they simply stop mattering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gvc_advisor.engine.engines import engine_for
from gvc_advisor.engine.errors import AnswersError
from gvc_advisor.engine.i18n import _
from gvc_advisor.engine.kb.answers import Answer, Answers, check_value
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Question
from gvc_advisor.engine.relevance import Relevance, analyse_with
from gvc_advisor.engine.result import Consultation


@dataclass
class Interview:
    kb: KnowledgeBase
    answers: Answers = field(default_factory=dict)
    #: Questions the user chose not to answer ("don't know"); not asked again.
    skipped: set[str] = field(default_factory=set)
    #: The order in which questions were answered or skipped (for "back").
    history: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.engine = engine_for(self.kb)
        self._refresh()

    # -- state ------------------------------------------------------------
    def _refresh(self) -> None:
        self.consultation: Consultation = self.engine.consult(self.answers)
        self.relevance: Relevance = analyse_with(self.engine.relevance_plan, self.consultation,
                                                 frozenset(self.skipped), getattr(self, "relevance", None))

    @property
    def next_question(self) -> Question | None:
        if not self.relevance.questions:
            return None
        return self.kb.questions[self.relevance.questions[0]]

    @property
    def finished(self) -> bool:
        return not self.relevance.questions

    @property
    def progress(self) -> tuple[int, int]:
        """(questions answered or skipped, questions still relevant)."""
        done = sum(1 for q in self.history if q in self.kb.questions)
        return done, len(self.relevance.questions)

    # -- changes --------------------------------------------------------------
    def answer(self, name: str, value: Any, cf: float = 1.0) -> None:
        """Record (or change) an answer; raise AnswersError if it is not allowed."""
        statable = name in self.kb.facts and self.kb.facts[name].statable
        if name not in self.kb.questions and not statable:
            raise AnswersError(_("unknown question or statable fact '{name}'", name=name))
        checked, error = check_value(self.kb, name, value)
        if error:
            raise AnswersError(error)
        assert checked is not None
        self.answers[name] = Answer(checked, cf)
        self.skipped.discard(name)
        self._touch(name)

    def skip(self, name: str) -> None:
        """The user does not know: drop any answer and do not ask again."""
        self.answers.pop(name, None)
        self.skipped.add(name)
        self._touch(name)

    def retract(self, name: str) -> None:
        """Forget an answer or skip entirely, so the question may be asked again."""
        self.answers.pop(name, None)
        self.skipped.discard(name)
        if name in self.history:
            self.history.remove(name)
        self._refresh()

    def back(self) -> str | None:
        """Undo the last answer; return the question id to ask again."""
        if not self.history:
            return None
        name = self.history[-1]
        self.retract(name)
        return name

    def _touch(self, name: str) -> None:
        if name in self.history:
            self.history.remove(name)
        self.history.append(name)
        self._refresh()

    def load(self, answers: Answers, skipped: set[str] | None = None,
             history: list[str] | None = None) -> None:
        """Replace the whole state at once (resume, open an answers file)."""
        self.answers = dict(answers)
        self.skipped = set(skipped or ())
        self.history = list(history) if history else list(answers) + sorted(self.skipped)
        self._refresh()
