"""One compiled engine per knowledge base, shared by every interview.

Compiling experta rules costs far more than a consultation, so the what-if
screen, the interview and the CLI reuse one engine per loaded knowledge base.
"""

from __future__ import annotations

from gvc_advisor.engine.consult import InferenceEngine
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.rete.collector import collector_paused, keep_for_the_process

_ENGINES: dict[int, tuple[KnowledgeBase, InferenceEngine]] = {}


def engine_for(kb: KnowledgeBase) -> InferenceEngine:
    entry = _ENGINES.get(id(kb))
    if entry is None or entry[0] is not kb:
        with collector_paused():  # compiled, then frozen before the collector could scan it
            entry = (kb, InferenceEngine(kb))
            _ENGINES[id(kb)] = entry
            keep_for_the_process()  # cached for good: take it out of the collector's scans
    return entry[1]
