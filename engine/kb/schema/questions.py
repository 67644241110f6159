"""Interview questions: what is asked, how it is answered, and why it matters
(runtime records; see :mod:`gvc_advisor.engine.kb.schema.base`)."""

from __future__ import annotations

from enum import StrEnum

from gvc_advisor.engine.i18n.translate import N_, _
from gvc_advisor.engine.kb.schema.base import field, record


class QuestionType(StrEnum):
    """The answer widget and validation a question needs."""

    CHOICE = "choice"
    YESNO = "yesno"
    INTEGER = "integer"
    PERCENT = "percent"


@record
class Choice:
    value: str
    label: str


@record
class Help:
    """Help text shown beside a question: meaning, relevance, examples."""

    meaning: str
    why: str
    examples: list[str] = field(default_factory=list)


#: Labels marked for translation: whoever shows them passes them through ``_``.
YESNO_CHOICES = (Choice(value="yes", label=N_("Yes")), Choice(value="no", label=N_("No")))


@record
class Question:
    id: str
    topic: str
    text: str
    #: The question named in a reason or a condition ("cost pressure: yes"); see :attr:`name`.
    short: str | None = None
    help: Help
    type: QuestionType
    choices: list[Choice] = field(default_factory=list)
    min: int | None = None
    max: int | None = None
    unit: str | None = None

    def __post_init__(self) -> None:  # the type arrives as text from the cache (or a caller)
        object.__setattr__(self, "type", QuestionType(self.type))

    @property
    def name(self) -> str:
        """A few words for the question where a sentence names it (a reason, a condition):
        ``short``, translated like any text, else the id in words."""
        return self.short or self.id.replace("_", " ")

    @property
    def allowed_values(self) -> tuple[str, ...]:
        """The values a categorical question accepts (empty for numbers)."""
        if self.type is QuestionType.YESNO:
            return ("yes", "no")
        return tuple(c.value for c in self.choices)

    @property
    def bounds(self) -> tuple[int, int] | None:
        """Inclusive numeric range, or None for categorical questions."""
        if self.type is QuestionType.PERCENT:
            return (0 if self.min is None else self.min, 100 if self.max is None else self.max)
        if self.type is QuestionType.INTEGER:
            return (0 if self.min is None else self.min, 10**9 if self.max is None else self.max)
        return None

    def label_of(self, value: object) -> str:
        """Human label of an answer value."""
        if self.type is QuestionType.YESNO:
            return {"yes": _("Yes"), "no": _("No")}.get(str(value), str(value))
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        if self.type is QuestionType.PERCENT:
            return f"{value} %"
        return f"{value}{' ' + self.unit if self.unit else ''}"
