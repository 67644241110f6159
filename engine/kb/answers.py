"""Answers: what the user said, validated against the knowledge base.

An answers file is a YAML mapping with the key ``answers:`` mapping question
ids (or derived-fact ids, to state a fact directly) to values.  A value may be
given plainly, or as ``{value: V, unsure: true}`` or ``{value: V, certainty: C}``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gvc_advisor.engine.errors import AnswersError, Problem, shown
from gvc_advisor.engine.i18n.translate import _
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema.questions import QuestionType
from gvc_advisor.engine.kb.yaml_scalars import MAX_NUMBER_DIGITS

if TYPE_CHECKING:
    from gvc_advisor.engine.kb.yaml_reader import LoadedYaml

# Reading YAML (yaml) is imported where needed: checking answers typed in the
# interview must not import it (see engine.kb.cache).
# Messages are in the user's language; each is one whole sentence with
# placeholders (a "did you mean" variant is its own message), so that a
# translation orders its words freely.  The file:line:col prefix is added by Problem.


def closest(word: object, candidates: Any) -> str | None:
    """The candidate closest to ``word`` (as :func:`validation_report.suggest` finds it), or None."""
    import difflib

    matches = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return matches[0] if matches else None

Value = str | int

#: A number given as text ("60", typed or quoted): ASCII decimal digits only, so that
#: "²", "٦٠" or "６０" (which str.isdigit accepts) and "--5" are refused, not guessed.
_DECIMAL_TEXT = re.compile(r"\s*(-?[0-9]+)\s*")
#: The longest firm name accepted (it heads every report).
MAX_FIRM_LENGTH = 200
#: What an answers file may name the standard input as.
STDIN = "-"


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


def _whole_number(value: Any) -> int | str | None:
    """An int, the digits of a number given as text, or None if it is neither."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = _DECIMAL_TEXT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    digits = match.group(1)
    return int(digits) if len(digits.lstrip("-")) <= MAX_NUMBER_DIGITS else digits


def check_value(kb: KnowledgeBase, name: str, value: Any) -> tuple[Value | None, str | None]:
    """Normalise one value for ``name``; return (value, None) or (None, error text)."""
    question = kb.questions.get(name)
    if question is not None and question.type in (QuestionType.INTEGER, QuestionType.PERCENT):
        low, high = question.bounds or (0, 0)
        number = _whole_number(value)
        if number is None:
            return None, _("'{name}' must be a whole number from {low} to {high} in decimal digits, not {value}",
                           name=name, low=low, high=high, value=shown(repr(value)))
        if isinstance(number, str) or not low <= number <= high:  # (digits too many to convert)
            if question.type is QuestionType.PERCENT:
                return None, _("'{name}' is {value} %; allowed: {low} to {high} %", name=name,
                               value=shown(number, 40), low=low, high=high)
            return None, _("'{name}' is {value}; allowed: {low} to {high}", name=name, value=shown(number, 40),
                           low=low, high=high)
        return number, None
    allowed = kb.allowed_values(name)
    if question is not None and question.type is QuestionType.YESNO and isinstance(value, bool):
        value = "yes" if value else "no"
    if not isinstance(value, str) or value not in allowed:
        match = closest(value, allowed)
        template = (_("'{name}' cannot be {value}; did you mean '{match}'?; allowed: {allowed}") if match
                    else _("'{name}' cannot be {value}; allowed: {allowed}"))
        return None, template.format(name=name, value=shown(repr(value)), match=match, allowed=", ".join(allowed))
    return value, None


def _one_answer(kb: KnowledgeBase, name: str, raw: Any) -> tuple[Answer | None, str | None]:
    cf = 1.0
    if isinstance(raw, Mapping):
        unknown = set(raw) - {"value", "unsure", "certainty"}
        if unknown or "value" not in raw:
            return None, _("an answer given as a mapping needs 'value' and may have 'unsure' or 'certainty'; "
                           "found keys: {keys}", keys=", ".join(shown(k, 30) for k in raw))
        if "unsure" in raw and "certainty" in raw:
            return None, _("give either 'unsure' or 'certainty', not both: 'unsure: true' means a "
                           "certainty of the knowledge base's unsure level")
        if raw.get("unsure") is True:
            cf = kb.meta.unsure_cf
        elif "unsure" in raw and raw["unsure"] is not False:
            return None, _("'unsure' must be true or false")
        if "certainty" in raw:
            c = raw["certainty"]
            if isinstance(c, bool) or not isinstance(c, (int, float)) or not 0 < c <= 1:
                return None, _("'certainty' must be a number above 0 and at most 1, not {value}",
                               value=shown(repr(c)))
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
        return {}, [loaded.problem(key_path, _("expected a mapping of question ids to answers, "
                                               "e.g. 'answers: {largest_buyer_share: 60}'"))]
    answers: Answers = {}
    known = list(kb.questions) + [f for f, spec in kb.facts.items() if spec.statable]
    for name, raw in data.items():
        path = (*key_path, name)
        if name not in kb.questions and not (name in kb.facts and kb.facts[name].statable):
            match = closest(name, known)
            template = (_("unknown question or fact '{name}'; did you mean '{match}'?; run 'gvc-advisor "
                          "questions' for the ids and the values they accept") if match
                        else _("unknown question or fact '{name}'; run 'gvc-advisor questions' for the ids "
                               "and the values they accept"))
            problems.append(loaded.problem(path, template.format(name=shown(name), match=match)))
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


def _firm(loaded: LoadedYaml, base: tuple = ()) -> tuple[str | None, list[Problem]]:
    """The optional ``firm:`` (None when absent or empty); anything but one line of text is a problem."""
    document = loaded.data[base[0]] if base else loaded.data
    firm = document.get("firm")
    if firm is None:
        return None, []
    if not isinstance(firm, str):
        return None, [loaded.problem((*base, "firm"), _("'firm' must be text, e.g. firm: \"Hangzhou Shirts Ltd\", "
                                                  "not {value} (quote it if it is a number)",
                                                  value=shown(repr(firm))))]
    error = firm_name_problem(firm)
    if error:
        return None, [loaded.problem((*base, "firm"), error)]
    return firm.strip() or None, []


def firm_name_problem(firm: str) -> str | None:
    """What is wrong with a firm name (it heads reports and the interview), or None."""
    if any(unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" for c in firm):
        return _("'firm' must be one line of text, without control or invisible formatting characters")
    if len(firm.strip()) > MAX_FIRM_LENGTH:
        return _("'firm' is {length} characters long; at most {limit} are allowed", length=len(firm.strip()),
                 limit=MAX_FIRM_LENGTH)
    return None


def load_answers_document(path: str | Path, kb: KnowledgeBase,
                          text: str | None = None) -> tuple[Answers, str | None]:
    """Read an answers file (``-``: standard input; or ``text`` already read): its
    answers and its ``firm`` (None when absent); raise AnswersError on any problem."""
    from gvc_advisor.engine.kb.yaml_reader import load_yaml_file, load_yaml_text

    if text is not None:
        loaded = load_yaml_text(text, str(path))
    elif str(path) == STDIN:
        loaded = load_yaml_file(None, "<stdin>")
    else:
        loaded = load_yaml_file(Path(path), str(path))
    if loaded.problems:
        raise AnswersError(loaded.problems)
    if _is_case_file(loaded.data):
        # A worked case or a trainer's exercise: its firm and answers, the rest (expected
        # diagnosis, teaching note) is for validate and train.
        firm, firm_problems = _firm(loaded, ("case",))
        answers, more = parse_answers(loaded, kb, ("case", "answers"))
        if firm_problems + more:
            raise AnswersError(firm_problems + more)
        shipped = next((c for c in kb.cases if c.id == loaded.data["case"].get("id")), None)
        if shipped is not None and shipped.answers == loaded.data["case"]["answers"]:
            firm = shipped.firm  # this knowledge base's own case: its firm in the current language
        return answers, firm
    if not isinstance(loaded.data, Mapping) or "answers" not in loaded.data:
        raise AnswersError([loaded.problem((), _("an answers file must be a mapping with the key "
                                                 "'answers:' (and optionally 'firm:')"))])
    extra = [k for k in loaded.data if k not in ("answers", "firm")]
    problems = [loaded.problem((k,), _("unknown key '{key}'; allowed keys: answers, firm", key=shown(k)))
                for k in extra]
    firm, firm_problems = _firm(loaded)
    answers, more = parse_answers(loaded, kb, ("answers",))
    if problems + firm_problems + more:
        raise AnswersError(problems + firm_problems + more)
    return answers, firm


def _is_case_file(data: object) -> bool:
    return (isinstance(data, Mapping) and set(data) == {"case"} and isinstance(data["case"], Mapping)
            and "answers" in data["case"])


def load_answers_file(path: str | Path, kb: KnowledgeBase, text: str | None = None) -> Answers:
    """The answers of an answers file (see :func:`load_answers_document`)."""
    return load_answers_document(path, kb, text)[0]
