"""The firm as a trainee reads it: a short narrative built from its answers.

One paragraph per question topic (the order of ``questions.yaml``), each
answer a clause in the trainee's language (:mod:`.profile_phrases`), so that
the trainee reasons from a description of the firm rather than a table of ids;
the question-by-question detail is there on request.  Facts the case states
directly (a consultant's judgement) are said as such: they are given, not
predicted.

Every sentence is assembled from whole translated messages: a clause, then
list patterns (:mod:`.lists`, ``"{clauses}."``) that each language
words and punctuates its own way, so Chinese gets ``；`` and ``。`` and no
capital letters, and English keeps its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gvc_advisor.engine.i18n import N_, _, current_language
from gvc_advisor.engine.i18n.languages import SOURCE_LANGUAGE
from gvc_advisor.engine.kb.answers import Answer
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.schema import Question
from gvc_advisor.services.training.lists import semicolon_list
from gvc_advisor.services.training.profile_phrases import PHRASES, TOPICS

#: Clauses per sentence: a topic with many answers reads as several sentences.
CLAUSES_PER_SENTENCE = 3
#: Words that keep their capital letter when a label is put inside a sentence.
_PROPER = {"China", "Chinese", "I"}
#: Shown before the facts a case states directly, and before the answers one by one.
GIVEN_LEAD = N_("Already established by the consultant:")
DETAILS_TITLE = N_("Question by question")
#: How the pieces of a profile are put together (the terminal and the TUI share them).
PARAGRAPH = N_("{title}. {text}")
GIVEN = N_("{lead} {facts}")
DETAIL = N_("{question} — {answer}")
#: A question and its answer on one row, the answer in bold (the TUI).
DETAIL_ROW = N_("{question} {answer}")


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


def _phrasebook() -> dict[str, dict]:
    """Topics and phrases as one mapping, as the phrasebook was read before it became code."""
    return {"topics": TOPICS, "phrases": PHRASES}


def inline_label(label: str) -> str:
    """A label as it reads inside an English sentence: "Foreign retailers" → "foreign retailers",
    but "OEM: …", "R&D" and "Chinese firms" keep their capitals.  Other languages' labels are
    used as the knowledge base writes them (the rule is English grammar, not theirs)."""
    if current_language() != SOURCE_LANGUAGE:
        return label
    first = label.split(" ", 1)[0].rstrip(":,;")
    if not first or first in _PROPER or (not first[1:].islower() and len(first) > 1):
        return label
    return label[0].lower() + label[1:]


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def with_unit(value: Any, unit: str | None) -> str:
    """A number and its unit as the language writes them (``500 people``, ``500人``)."""
    return _("{value} {unit}", value=_number(value), unit=unit) if unit else _number(value)


def unsure(text: str) -> str:
    """An answer the manager was not sure of, as shown in a list of answers."""
    return _("{answer} (not sure)", answer=text)


def clause(kb: KnowledgeBase, question: Question, answer: Answer) -> str:
    """The answer to one question as a clause (no capital, no full stop)."""
    entry = PHRASES.get(question.id) or {}
    label = question.label_of(answer.value)
    by_value = entry.get("values") or {}
    if str(answer.value) in by_value:
        text = _(by_value[str(answer.value)])
    elif entry.get("template"):
        text = _(entry["template"], label=inline_label(label), value=_number(answer.value))
    else:
        shown = with_unit(answer.value, question.unit) if kb.is_numeric(question.id) else label
        text = _('asked "{question}", the manager answered "{answer}"', question=question.text, answer=shown)
    return _("{clause} (the manager was not sure)", clause=text) if answer.unsure else text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentences(clauses: list[str]) -> str:
    """Clauses as sentences of at most :data:`CLAUSES_PER_SENTENCE`, joined as the language joins them."""
    paragraph = ""
    for start in range(0, len(clauses), CLAUSES_PER_SENTENCE):
        part = semicolon_list(clauses[start:start + CLAUSES_PER_SENTENCE])
        sentence = _("{clauses}.", clauses=_capitalised(part))
        paragraph = _("{text} {sentence}", text=paragraph, sentence=sentence) if paragraph else sentence
    return paragraph


def topic_title(topic: str) -> str:
    return _(TOPICS[topic]) if topic in TOPICS else topic.replace("_", " ").capitalize()


def given_text(given: tuple[str, ...]) -> str:
    """The stated facts as one sentence (after :data:`GIVEN_LEAD`)."""
    return _("{clauses}.", clauses=semicolon_list(given))


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
                                    with_unit(answer.value, question.unit)
                                    if kb.is_numeric(question.id) else question.label_of(answer.value),
                                    answer.unsure))
    paragraphs = tuple(Paragraph(topic, topic_title(topic), _sentences(clauses)) for topic, clauses in by_topic.items())
    given = tuple(_("{fact}: {value}", fact=kb.label(name), value=kb.value_label(name, answer.value))
                  for name, answer in answers.items() if name in kb.facts)
    return FirmProfile(firm, situation, paragraphs, tuple(details), given)
