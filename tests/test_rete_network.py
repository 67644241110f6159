"""The network around experta (engine/rete/): what its speed-ups promise besides
the results (which tests/test_differential.py checks against the reference)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import answers_of

from gvc_advisor.engine.consult import InferenceEngine
from gvc_advisor.engine.errors import InternalError
from gvc_advisor.engine.rete.collector import collector_paused
from gvc_advisor.engine.rete.compat import experta as ex
from gvc_advisor.engine.rete.compiler import CompiledRules, fact_class
from gvc_advisor.engine.rete.network import build_network
from gvc_advisor.engine.rete.nodes import Touched

_TRACE = textwrap.dedent("""
    import hashlib
    from gvc_advisor.engine.consult import InferenceEngine
    from gvc_advisor.engine.kb.answers import answers_from_mapping
    from gvc_advisor.engine.kb.loader import load_knowledge_base
    kb = load_knowledge_base()
    engine = InferenceEngine(kb)
    digest = hashlib.sha256()
    for case in kb.cases:
        result = engine.consult(answers_from_mapping(kb, case.answers)[0])
        digest.update(repr([(f.rule_id, f.branch, f.premise_cf) for f in result.trace]).encode())
    print(digest.hexdigest())
""")


def test_rules_fire_in_the_same_order_in_every_process():
    # experta orders by hashes in several places (rule sets, activation sets), so
    # stock experta fires in a different order under each PYTHONHASHSEED.
    code = _TRACE
    digests = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(digests) == 1


def test_the_builder_refuses_what_it_does_not_build():
    class F(ex.Fact):
        pass

    rule = ex.Rule(ex.OR(F(a=1), F(a=2)))(lambda engine: None)
    with pytest.raises(InternalError):
        build_network([rule], Touched(), set())


def test_a_released_network_refuses_facts_until_reset(small_kb):
    engine = InferenceEngine(small_kb)
    engine.consult(answers_of(small_kb, {"industry": "apparel"}))
    with pytest.raises(InternalError):
        engine.engine.declare(ex.Fact(x=1))
    engine.engine.reset()  # and then the engine is usable again
    assert engine.consult(answers_of(small_kb, {"industry": "apparel"})).value_of("driver") == ("buyer", 0.9)


def test_a_reset_forgets_every_token_of_the_last_consultation(small_kb):
    engine = InferenceEngine(small_kb)
    first = engine.consult(answers_of(small_kb, {"industry": "apparel", "own_brand": "yes"}))
    matcher = engine.engine.matcher
    assert not matcher._touched.nodes  # released at the end of the run
    again = engine.consult(answers_of(small_kb, {"industry": "apparel", "own_brand": "yes"}))
    assert again.summary() == first.summary()


def test_the_collector_is_paused_inside_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume what the outer paused
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's choice to keep it off is kept
    finally:
        gc.enable()


def test_an_error_inside_a_run_resumes_the_collector(small_kb):
    def broken(*args):
        raise RuntimeError("an action failed")

    compiled = CompiledRules(small_kb, broken, lambda *args: None)
    engine = compiled.engine
    engine.reset()
    engine.declare(fact_class("industry")(name="industry", value="apparel", cf=1.0))
    with pytest.raises(RuntimeError):
        engine.run()
    assert gc.isenabled()
