"""Answers: what the user said, validated against the knowledge base.

An answers file is a YAML mapping with the key ``answers:`` mapping question
ids (or derived-fact ids, to state a fact directly) to values.  A value may be
given plainly, or as ``{value: V, unsure: true}`` or ``{value: V, certainty: C}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gvc_advisor.engine.errors import AnswersError, Problem
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.questions import QuestionType

if TYPE_CHECKING:
    from gvc_advisor.engine.kb.yaml_reader import LoadedYaml

# Reading YAML (yaml) and the "did you mean" of error messages (which sits with
# the pydantic error reports) are imported where needed: checking answers
# typed in the interview must not import either (see engine.kb.cache).


def suggest(word: str, candidates: Any) -> str:
    from gvc_advisor.engine.kb.validation_report import suggest

    return suggest(word, candidates)

Value = str | int


@dataclass(frozen=True)
class Answer:
    value: Value
    cf: float = 1.0

    @property
    def unsure(self) -> bool:
        return self.cf < 1.0

    def to_data(self) -> Any:
        """The compact YAML/JSON form of this answer."""
        if self.cf == 1.0:
            return self.value
        return {"value": self.value, "certainty": self.cf}


Answers = dict[str, Answer]


def check_value(kb: KnowledgeBase, name: str, value: Any) -> tuple[Value | None, str | None]:
    """Normalise one value for ``name``; return (value, None) or (None, error text)."""
    question = kb.questions.get(name)
    if question is not None and question.type in (QuestionType.INTEGER, QuestionType.PERCENT):
        low, high = question.bounds or (0, 0)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                value = int(value.strip())
            else:
                return None, f"'{name}' must be a whole number from {low} to {high}, not {value!r}"
        if not low <= value <= high:
            unit = " %" if question.type is QuestionType.PERCENT else ""
            return None, f"'{name}' is {value}{unit}; allowed: {low} to {high}{unit}"
        return value, None
    allowed = kb.allowed_values(name)
    if question is not None and question.type is QuestionType.YESNO and isinstance(value, bool):
        value = "yes" if value else "no"
    if not isinstance(value, str) or value not in allowed:
        return None, (f"'{name}' cannot be {value!r}{suggest(str(value), allowed)}; "
                      f"allowed: {', '.join(allowed)}")
    return value, None


def _one_answer(kb: KnowledgeBase, name: str, raw: Any) -> tuple[Answer | None, str | None]:
    cf = 1.0
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"value", "unsure", "certainty"}
        if unknown or "value" not in raw:
            return None, (f"an answer given as a mapping needs 'value' and may have 'unsure' "
                          f"or 'certainty'; found keys: {', '.join(map(str, raw))}")
        if raw.get("unsure") is True:
            cf = kb.meta.unsure_cf
        elif "unsure" in raw and raw["unsure"] is not False:
            return None, "'unsure' must be true or false"
        if "certainty" in raw:
            c = raw["certainty"]
            if isinstance(c, bool) or not isinstance(c, (int, float)) or not 0 < c <= 1:
                return None, f"'certainty' must be a number above 0 and at most 1, not {c!r}"
            cf = float(c)
        raw = raw["value"]
    value, error = check_value(kb, name, raw)
    if error:
        return None, error
    assert value is not None
    return Answer(value, cf), None


def parse_answers(loaded: LoadedYaml, kb: KnowledgeBase, key_path: tuple = ()) -> tuple[Answers, list[Problem]]:
    """Validate the answers mapping at ``key_path`` of a loaded file."""
    problems: list[Problem] = list(loaded.problems)
    data = loaded.data
    for key in key_path:
        data = data.get(key) if isinstance(data, Mapping) else None
    if problems:
        return {}, problems
    if not isinstance(data, Mapping):
        return {}, [loaded.problem(key_path, "expected a mapping of question ids to answers, "
                                   "e.g. 'answers: {largest_buyer_share: 60}'")]
    answers: Answers = {}
    known = list(kb.questions) + [f for f, spec in kb.facts.items() if spec.statable]
    for name, raw in data.items():
        path = (*key_path, name)
        if name not in kb.questions and not (name in kb.facts and kb.facts[name].statable):
            problems.append(loaded.problem(
                path, f"unknown question or fact '{name}'{suggest(str(name), known)}; "
                "run 'gvc-advisor rules' or see knowledge_base/questions for the ids"))
            continue
        answer, error = _one_answer(kb, name, raw)
        if error:
            problems.append(loaded.problem(path, error))
        elif answer is not None:
            answers[name] = answer
    return answers, problems


def answers_from_mapping(
    kb: KnowledgeBase, raw: Mapping[str, Any], source: str = "<answers>"
) -> tuple[Answers, list[Problem]]:
    """Validate answers already in memory (a worked case, a test, a benchmark profile)."""
    from gvc_advisor.engine.kb.yaml_reader import LoadedYaml

    return parse_answers(LoadedYaml(source, {"answers": dict(raw)}), kb, ("answers",))


def load_answers_document(path: str | Path, kb: KnowledgeBase,
                          text: str | None = None) -> tuple[Answers, str | None]:
    """Read an answers file (``-`` with ``text`` for stdin): its answers and its ``firm``
    (None when absent or not text); raise AnswersError on any problem."""
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file, load_yaml_text

    name = str(path)
    loaded = load_yaml_text(text, name) if text is not None else load_yaml_file(Path(path), name)
    if loaded.problems:
        raise AnswersError(loaded.problems)
    if not isinstance(loaded.data, Mapping) or "answers" not in loaded.data:
        raise AnswersError([loaded.problem((), "an answers file must be a mapping with the key "
                                           "'answers:' (and optionally 'firm:')")])
    extra = [k for k in loaded.data if k not in ("answers", "firm")]
    problems = [loaded.problem((k,), f"unknown key '{k}'; allowed keys: answers, firm") for k in extra]
    answers, more = parse_answers(loaded, kb, ("answers",))
    if problems + more:
        raise AnswersError(problems + more)
    firm = loaded.data.get("firm")
    return answers, firm if isinstance(firm, str) else None


def load_answers_file(path: str | Path, kb: KnowledgeBase, text: str | None = None) -> Answers:
    """The answers of an answers file (see :func:`load_answers_document`)."""
    return load_answers_document(path, kb, text)[0]
