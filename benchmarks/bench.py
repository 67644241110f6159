"""Benchmark: prints figures, asserts nothing.  Run: ``python benchmarks/bench.py``.

Measures, on the shipped knowledge base: load + validate, load from the cache,
compile, one consultation (worked cases; median and p95), answer → next
question (median and p95), how many questions interviews ask, and launch →
first question of ``gvc-advisor interview --firm X`` against a minimal Textual
app (both headless, fresh processes, interleaved; the ratio is the figure).
Then generated knowledge bases (services/synthetic.py) of 200 to 20,000 rules:
load, compile, consultation, with the growth exponent between sizes, and with
``--clips`` the same rules in CLIPS (benchmarks/clips_engine.py), measured
interleaved in the same run, with the ratio and a check that both engines
reach the same conclusions.

Options: ``--quick`` (200 and 1,000 rules, fewer launches), ``--sizes 200,1000``,
``--clips`` (needs the ``bench`` extra: ``pip install -e '.[bench]'``),
``--launches N`` (pairs of launches, default 9; 5 with --quick).
Timings are wall-clock medians, and also CPU time (consultation, answer → next
question, launch, compile): a run that waits for a core loses wall-clock time
but not CPU time.  On a virtual machine whose host is shared, other load shows
up as a slower processor instead, and both move together; the ratios measured
interleaved are then the steadier figures.  The load average is printed first;
``valgrind --tool=callgrind`` instruction counts do not depend on the load at
all (see the README's Performance section).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from gvc_advisor.engine.engines import engine_for  # noqa: E402
from gvc_advisor.engine.interview import Interview  # noqa: E402
from gvc_advisor.engine.kb.answers import answers_from_mapping  # noqa: E402
from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base  # noqa: E402
from gvc_advisor.services.synthetic import generate, random_answers  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def timed(func, repeat: int = 1) -> tuple[float, object]:
    """(best time, result) over ``repeat`` runs."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(len(ordered) * 0.95) - 1)]


def answers(kb, raw):
    parsed, problems = answers_from_mapping(kb, raw, "<bench>")
    assert not problems, problems
    return parsed


def shipped(cache_dir: Path) -> None:
    print("== shipped knowledge base")
    os.environ["GVC_ADVISOR_NO_CACHE"] = "1"
    load_time, kb = timed(lambda: load_knowledge_base(default_kb_root()), repeat=3)
    del os.environ["GVC_ADVISOR_NO_CACHE"]
    os.environ["GVC_ADVISOR_CACHE_DIR"] = str(cache_dir)
    load_knowledge_base(default_kb_root())  # fill the cache
    cached_time, _ = timed(lambda: load_knowledge_base(default_kb_root()), repeat=3)
    start = time.perf_counter()
    engine = engine_for(kb)
    compile_time = time.perf_counter() - start
    print(f"load + validate         {ms(load_time)}  ({len(kb.rules)} rules, {len(kb.questions)} questions)")
    print(f"load from the KB cache  {ms(cached_time)}")
    print(f"compile to experta      {ms(compile_time)}")
    cases = [answers(kb, case.answers) for case in kb.cases]
    runs, cpu = [], []
    for _ in range(40):
        for parsed in cases:
            start, start_cpu = time.perf_counter(), time.process_time()
            engine.consult(parsed)
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    print(f"consultation (cases)    {ms(statistics.median(runs))} median, {ms(p95(runs))} p95"
          f"   (target ≤ 2 ms; {len(runs)} runs)")
    print(f"  in CPU time           {ms(statistics.median(cpu))} median, {ms(p95(cpu))} p95")
    full = answers(kb, random_answers(kb, random.Random(7), density=1.0))
    t, _ = timed(lambda: engine.consult(full), repeat=20)
    print(f"consultation (all {len(full)} answered) {ms(t)}")
    steps, steps_cpu, ratios = [], [], []
    for round_ in range(3):
        for case in kb.cases:
            interview = Interview(kb)
            asked = 0
            while not interview.finished:
                question = interview.next_question
                asked += 1
                start, start_cpu = time.perf_counter(), time.process_time()
                if question.id in case.answers:
                    interview.answer(question.id, case.answers[question.id])
                else:
                    interview.skip(question.id)
                _ = interview.next_question
                steps.append(time.perf_counter() - start)
                steps_cpu.append(time.process_time() - start_cpu)
            if round_ == 0:
                same = interview.consultation.advice() == engine.consult(answers(kb, case.answers)).advice()
                ratios.append(asked / len(kb.questions))
                print(f"  interview {case.id:<28} asked {asked:2d}/{len(kb.questions)} = "
                      f"{asked / len(kb.questions):4.0%}  same advice as all answers: {same}")
    print(f"questions asked (mean)  {statistics.mean(ratios):8.0%} of the bank (target ≤ 60 %)")
    print(f"answer → next question  {ms(statistics.median(steps))} median, {ms(p95(steps))} p95,"
          f" {ms(max(steps))} max   (target ≤ 3 ms; {len(steps)} steps)")
    print(f"  in CPU time           {ms(statistics.median(steps_cpu))} median, {ms(p95(steps_cpu))} p95,"
          f" {ms(max(steps_cpu))} max")


def _probe(script: str) -> tuple[float, float]:
    """Seconds from process start to the first question, wall clock (interpreter start
    included), and the CPU time the process used.

    Bytecode is written and used (``PYTHONDONTWRITEBYTECODE`` dropped), as with an
    installed wheel, whose modules pip compiles; otherwise every launch would
    compile gvc-advisor's sources while textual's come compiled."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / script)], capture_output=True, text=True,
                   check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def launch(pairs: int, cache_dir: Path) -> None:
    print("== launch → first question (headless, fresh processes, interleaved)")
    env_before = dict(os.environ)
    os.environ["GVC_ADVISOR_CACHE_DIR"] = str(cache_dir)
    _probe("launch_probe.py")  # warm: fills the KB cache and the OS file cache
    _probe("launch_minimal.py")
    ours, minimal, ours_cpu, minimal_cpu = [], [], [], []
    for _ in range(pairs):
        wall, cpu = _probe("launch_minimal.py")
        minimal.append(wall)
        minimal_cpu.append(cpu)
        wall, cpu = _probe("launch_probe.py")
        ours.append(wall)
        ours_cpu.append(cpu)
    os.environ.clear()
    os.environ.update(env_before)
    ratios = sorted(o / m for o, m in zip(ours, minimal, strict=True))
    cpu_ratios = sorted(o / m for o, m in zip(ours_cpu, minimal_cpu, strict=True))
    print(f"gvc-advisor interview   {ms(statistics.median(ours))} median, {ms(min(ours))} best"
          f"   (CPU {ms(statistics.median(ours_cpu))} median)")
    print(f"minimal Textual app     {ms(statistics.median(minimal))} median, {ms(min(minimal))} best"
          f"   (CPU {ms(statistics.median(minimal_cpu))} median)")
    print(f"ratio                   {statistics.median(ratios):8.2f}×  median of {pairs} pairs "
          f"(range {ratios[0]:.2f}–{ratios[-1]:.2f}; target ≤ 1.6×)")
    print(f"ratio in CPU time       {statistics.median(cpu_ratios):8.2f}×  "
          f"(range {cpu_ratios[0]:.2f}–{cpu_ratios[-1]:.2f})")


def _growth(rows: list[tuple[int, float]]) -> str:
    parts = []
    for (n1, t1), (n2, t2) in pairwise(rows):
        if t1 > 0 and t2 > 0:
            parts.append(f"{n1}→{n2}: k = {math.log(t2 / t1) / math.log(n2 / n1):.2f}")
    return "; ".join(parts)


def generated(sizes: list[int], with_clips: bool, repeats: int) -> None:
    from reference_evaluator import reference_consult

    clips_engine = None
    if with_clips:
        try:
            import clips_engine
        except ImportError:
            print("(--clips: clipspy is not installed; pip install -e '.[bench]')")
    os.environ["GVC_ADVISOR_NO_CACHE"] = "1"  # measure real loading, and leave no cache entries behind
    print("== generated knowledge bases (services/synthetic.py; medians of "
          f"{repeats} consultations, same answer profile)")
    header = (f"{'rules':>6} {'load':>11} {'compile':>11} {'(CPU)':>11} {'consult':>11} {'(CPU)':>11} "
              f"{'re-run':>11} {'CPU/rule':>9}")
    if clips_engine:
        header += f" {'CLIPS':>11} {'(CPU)':>11} {'ratio':>6} {'(CPU)':>6} {'same':>6}"
    else:
        header += f" {'reference':>11}"
    print(header)
    consult_rows, compile_rows, clips_rows = [], [], []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="gvc-bench-") as tmp:
            generate(Path(tmp), rules=size, seed=size)
            load_time, kb = timed(lambda tmp=tmp: load_knowledge_base(tmp))
        start, start_cpu = time.perf_counter(), time.process_time()
        engine = engine_for(kb)
        compile_time, compile_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        profile = answers(kb, random_answers(kb, random.Random(1), density=0.6))
        changed = dict(profile)
        changed.pop(next(iter(changed)))
        clips = clips_engine.ClipsEngine(kb) if clips_engine else None
        ours, theirs, reruns, ours_cpu, theirs_cpu = [], [], [], [], []
        for _ in range(repeats):  # interleaved, so that both see the same machine
            start, start_cpu = time.perf_counter(), time.process_time()
            engine.consult(profile)
            ours.append(time.perf_counter() - start)
            ours_cpu.append(time.process_time() - start_cpu)
            start = time.perf_counter()
            engine.consult(changed)
            reruns.append(time.perf_counter() - start)
            if clips:
                start, start_cpu = time.perf_counter(), time.process_time()
                clips.consult(profile)
                theirs.append(time.perf_counter() - start)
                theirs_cpu.append(time.process_time() - start_cpu)
        consult_time, consult_cpu = statistics.median(ours), statistics.median(ours_cpu)
        consult_rows.append((size, consult_cpu))
        compile_rows.append((size, compile_cpu))
        row = (f"{size:>6} {ms(load_time)} {ms(compile_time)} {ms(compile_cpu)} {ms(consult_time)} "
               f"{ms(consult_cpu)} {ms(statistics.median(reruns))} {consult_cpu / size * 1e6:6.1f} µs")
        if clips:
            clips_time, clips_cpu = statistics.median(theirs), statistics.median(theirs_cpu)
            clips_rows.append((size, clips_cpu))
            agree = _agreement(kb, engine, clips, clips_engine)
            row += (f" {ms(clips_time)} {ms(clips_cpu)} {consult_time / clips_time:5.1f}× "
                    f"{consult_cpu / clips_cpu:5.1f}× {agree:>6}")
        else:
            ref_time, _ = timed(lambda kb=kb, profile=profile: reference_consult(kb, profile)) \
                if size <= 1000 else (float("nan"), None)
            row += f" {ms(ref_time)}"
        print(row, flush=True)
    print("growth, from CPU times (steadier than wall clock on a shared machine; 1.0 = linear):")
    print(f"  consultation          {_growth(consult_rows)}")
    print(f"  compile               {_growth(compile_rows)}")
    if clips_rows:
        print(f"  CLIPS consultation    {_growth(clips_rows)}")
    print("targets: consultation ≤ 10× CLIPS at 5,000 and 20,000 rules; compile ≤ 2 s at 5,000, ≤ 10 s at 20,000")


def _agreement(kb, engine, clips, clips_engine, profiles: int = 5) -> str:
    """On how many random answer profiles both engines establish the same facts and advice."""
    same = 0
    for seed in range(100, 100 + profiles):
        profile = answers(kb, random_answers(kb, random.Random(seed), density=0.6))
        ours = clips_engine.engine_conclusions(engine.consult(profile))
        clips.consult(profile)
        theirs = clips.conclusions()
        same += ours.keys() == theirs.keys() and all(abs(ours[k] - theirs[k]) < 1e-5 for k in ours)
    return f"{same}/{profiles}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 rules, 5 launch pairs")
    parser.add_argument("--sizes", default=None, help="comma-separated rule counts")
    parser.add_argument("--clips", action="store_true", help="compare with CLIPS (clipspy)")
    parser.add_argument("--launches", type=int, default=None, help="pairs of launches")
    parser.add_argument("--repeats", type=int, default=7, help="consultations per size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (
        [200, 1000] if args.quick else [200, 1000, 5000, 20000])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs, load average {load}")
    with tempfile.TemporaryDirectory(prefix="gvc-bench-cache-") as cache:
        shipped(Path(cache) / "kb")
        launch(args.launches or (5 if args.quick else 9), Path(cache) / "kb")
        generated(sizes, args.clips, args.repeats)


if __name__ == "__main__":
    main()
