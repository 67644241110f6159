"""The firm as a trainee reads it: a short narrative built from its answers.

One paragraph per question topic (the order of ``questions.yaml``), each
answer a clause in plain English (``profile_phrases.yaml``), so that the
trainee reasons from a description of the firm rather than a table of ids;
the question-by-question detail is there on request.  Facts the case states
directly (a consultant's judgement) are said as such: they are given, not
predicted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gvc_advisor.engine.errors import InternalError
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Question
from gvc_advisor.engine.kb.yaml_reader import load_yaml_file

PHRASES_FILE = Path(__file__).with_name("profile_phrases.yaml")
#: Clauses per sentence: a topic with many answers reads as several sentences.
CLAUSES_PER_SENTENCE = 3
#: Words that keep their capital letter when a label is put inside a sentence.
_PROPER = {"China", "Chinese", "I"}


@dataclass(frozen=True)
class Paragraph:
    topic: str
    title: str
    text: str


@dataclass(frozen=True)
class AnswerDetail:
    """One answer as the interview asked it."""

    topic: str
    question: str
    answer: str
    unsure: bool


@dataclass(frozen=True)
class FirmProfile:
    firm: str
    situation: str
    paragraphs: tuple[Paragraph, ...]
    details: tuple[AnswerDetail, ...]
    #: Facts the case states directly, as "label: value" (given to the trainee).
    given: tuple[str, ...]


@cache
def _phrasebook() -> dict[str, Any]:
    loaded = load_yaml_file(PHRASES_FILE)
    if loaded.problems or not isinstance(loaded.data, dict):  # shipped with the package: a bug
        raise InternalError(f"cannot read {PHRASES_FILE}: {[p.format() for p in loaded.problems]}")
    return loaded.data


def inline_label(label: str) -> str:
    """A label as it reads inside a sentence: "Foreign retailers" → "foreign retailers",
    but "OEM: …", "R&D" and "Chinese firms" keep their capitals."""
    first = label.split(" ", 1)[0].rstrip(":,;")
    if not first or first in _PROPER or (not first[1:].islower() and len(first) > 1):
        return label
    return label[0].lower() + label[1:]


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def clause(kb: KnowledgeBase, question: Question, answer: Answer) -> str:
    """The answer to one question as a clause (no capital, no full stop)."""
    entry = _phrasebook()["phrases"].get(question.id) or {}
    label = question.label_of(answer.value)
    by_value = entry.get("values") or {}
    if str(answer.value) in by_value:
        text = by_value[str(answer.value)]
    elif entry.get("template"):
        text = entry["template"].format(label=inline_label(label), value=_number(answer.value))
    else:
        shown = _number(answer.value) + (f" {question.unit}" if question.unit and kb.is_numeric(question.id) else "")
        text = f'asked "{question.text}", the manager answered "{shown if kb.is_numeric(question.id) else label}"'
    return text + (" (the manager was not sure)" if answer.unsure else "")


def _sentences(clauses: list[str]) -> str:
    sentences = []
    for start in range(0, len(clauses), CLAUSES_PER_SENTENCE):
        part = "; ".join(clauses[start:start + CLAUSES_PER_SENTENCE])
        sentences.append(part[0].upper() + part[1:] + ".")
    return " ".join(sentences)


def topic_title(topic: str) -> str:
    return (_phrasebook().get("topics") or {}).get(topic) or topic.replace("_", " ").capitalize()


def firm_profile(kb: KnowledgeBase, firm: str, situation: str, answers: dict[str, Answer]) -> FirmProfile:
    """The narrative of ``answers`` (validated answers of a case), topic by topic."""
    by_topic: dict[str, list[str]] = {}
    details = []
    for question in kb.questions.values():  # interview order
        answer = answers.get(question.id)
        if answer is None:
            continue
        by_topic.setdefault(question.topic, []).append(clause(kb, question, answer))
        details.append(AnswerDetail(question.topic, question.text,
                                    _number(answer.value) + (f" {question.unit}" if question.unit else "")
                                    if kb.is_numeric(question.id) else question.label_of(answer.value),
                                    answer.unsure))
    paragraphs = tuple(Paragraph(topic, topic_title(topic), _sentences(clauses)) for topic, clauses in by_topic.items())
    given = tuple(f"{kb.label(name)}: {kb.value_label(name, answer.value)}"
                  for name, answer in answers.items() if name in kb.facts)
    return FirmProfile(firm, situation, paragraphs, tuple(details), given)
