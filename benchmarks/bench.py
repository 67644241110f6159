"""Benchmark: prints figures, asserts nothing.  Run: ``python benchmarks/bench.py``.

Measures, on the shipped knowledge base: load + validate, compile, one
consultation (worked cases), answer → next question, launch → first question
in the TUI, and how many questions interviews ask on the worked cases.  Then
the same on generated knowledge bases of 200, 1,000 and 5,000 rules, with the
reference evaluator (tests/reference_evaluator.py) for comparison.

Options: ``--quick`` (skips 5,000 rules and the TUI launch), ``--sizes 200,1000``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gvc_advisor.engine.consult import InferenceEngine  # noqa: E402
from gvc_advisor.engine.interview import Interview  # noqa: E402
from gvc_advisor.engine.kb.answers import answers_from_mapping  # noqa: E402
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base  # noqa: E402
from gvc_advisor.services.synthetic import generate, random_answers  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def timed(func, repeat: int = 1) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def answers(kb, raw):
    parsed, problems = answers_from_mapping(kb, raw, "<bench>")
    assert not problems, problems
    return parsed


def shipped() -> None:
    print("== shipped knowledge base")
    os.environ["GVC_ADVISOR_NO_CACHE"] = "1"
    load_time, kb = timed(lambda: load_knowledge_base(default_kb_root()), repeat=3)
    del os.environ["GVC_ADVISOR_NO_CACHE"]
    load_knowledge_base(default_kb_root())  # fill the cache
    cached_time, _ = timed(lambda: load_knowledge_base(default_kb_root()), repeat=3)
    compile_time, engine = timed(lambda: InferenceEngine(kb), repeat=3)
    print(f"load + validate         {ms(load_time)}  ({len(kb.rules)} rules, {len(kb.questions)} questions)")
    print(f"load from the KB cache  {ms(cached_time)}")
    print(f"compile to experta      {ms(compile_time)}")
    per_case = []
    for case in kb.cases:
        parsed = answers(kb, case.answers)
        t, _ = timed(lambda parsed=parsed: engine.consult(parsed), repeat=20)
        per_case.append(t)
    print(f"consultation (cases)    {ms(statistics.median(per_case))} median, {ms(max(per_case))} max")
    full = answers(kb, random_answers(kb, random.Random(7), density=1.0))
    t, _ = timed(lambda: engine.consult(full), repeat=20)
    print(f"consultation (all {len(full)} answered) {ms(t)}")
    steps, ratios = [], []
    for case in kb.cases:
        interview = Interview(kb)
        asked = 0
        while not interview.finished:
            question = interview.next_question
            asked += 1
            start = time.perf_counter()
            if question.id in case.answers:
                interview.answer(question.id, case.answers[question.id])
            else:
                interview.skip(question.id)
            _ = interview.next_question
            steps.append(time.perf_counter() - start)
        same = interview.consultation.advice() == engine.consult(answers(kb, case.answers)).advice()
        ratios.append(asked / len(kb.questions))
        print(f"  interview {case.id:<28} asked {asked:2d}/{len(kb.questions)} = {asked / len(kb.questions):4.0%}"
              f"  same advice as all answers: {same}")
    print(f"questions asked (mean)  {statistics.mean(ratios):8.0%} of the bank (target ≤ 60 %)")
    steps.sort()
    print(f"answer → next question  {ms(statistics.median(steps))} median, {ms(steps[int(len(steps) * 0.95)])} p95,"
          f" {ms(steps[-1])} max")


def launch() -> None:
    script = ROOT / "benchmarks" / "launch_probe.py"
    if not script.exists():
        return
    times = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
        times.append((wall, out.stdout.strip()))
    best = min(times)
    print(f"launch → first question {ms(best[0])} wall clock incl. interpreter start ({best[1]})")


def generated(sizes: list[int]) -> None:
    from reference_evaluator import reference_consult

    os.environ["GVC_ADVISOR_NO_CACHE"] = "1"  # measure real loading, and leave no cache entries behind
    print("== generated knowledge bases (same semantics; reference = naive fixpoint used in tests)")
    print(f"{'rules':>6} {'load':>11} {'compile':>11} {'consult':>11} {'re-run':>11} {'reference':>11} "
          f"{'consult/rule':>13}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), rules=size, seed=size)
            load_time, kb = timed(lambda tmp=tmp: load_knowledge_base(tmp))
            compile_time, engine = timed(lambda kb=kb: InferenceEngine(kb))
            rng = random.Random(1)
            profile = answers(kb, random_answers(kb, rng, density=0.6))
            consult_time, _ = timed(lambda engine=engine, profile=profile: engine.consult(profile), repeat=5)
            changed = dict(profile)
            name = next(iter(changed))
            changed.pop(name)
            rerun_time, _ = timed(lambda engine=engine, changed=changed: engine.consult(changed), repeat=5)
            ref_time, _ = timed(lambda kb=kb, profile=profile: reference_consult(kb, profile),
                                repeat=1 if size > 1000 else 3)
            print(f"{size:>6} {ms(load_time)} {ms(compile_time)} {ms(consult_time)} {ms(rerun_time)} "
                  f"{ms(ref_time)} {consult_time / size * 1e6:10.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([200, 1000] if args.quick else
                                                                         [200, 1000, 5000])
    print(f"python {sys.version.split()[0]} on {sys.platform}")
    shipped()
    if not args.quick:
        launch()
    generated(sizes)


if __name__ == "__main__":
    main()
