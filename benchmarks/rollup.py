"""Benchmark of ``gvc-advisor rollup``: prints figures, asserts nothing.

Generates a survey of random (valid) firms — 10,000 rows by default, one in
two hundred with a bad value so the skipping path is exercised — and runs the
real command on it (``--format json`` and a per-firm CSV), as a subprocess,
for each ``--jobs`` value.  Prints the wall-clock time, firms per second, and
the peak memory (resident set) of the main process and of the largest worker,
read from /proc while the command runs.  A second, ten times smaller survey
shows whether memory stays flat as the survey grows.

Run: ``python benchmarks/rollup.py [--rows 10000] [--jobs 2,1] [--xlsx] [--density 0.8]``
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gvc_advisor.engine.kb.loader import default_kb_root, load_knowledge_base
from gvc_advisor.services.rollup.pool import default_jobs
from gvc_advisor.services.synthetic import random_answers

BAD_EVERY = 200  # one row in this many has an invalid value


def survey_rows(kb, rows: int, density: float, seed: int = 7):
    rng = random.Random(seed)
    questions = list(kb.questions)
    yield ["firm", *questions]
    for n in range(rows):
        answers = random_answers(kb, rng, density)
        values = [answers[q]["value"] if isinstance(answers.get(q), dict) else answers.get(q, "") for q in questions]
        if n % BAD_EVERY == BAD_EVERY - 1:
            values[0] = "not-an-industry"
        yield [f"Firm {n + 1}", *values]


def write_csv(kb, path: Path, rows: int, density: float) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(survey_rows(kb, rows, density))


def write_xlsx(kb, path: Path, rows: int, density: float) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Survey")
    for row in survey_rows(kb, rows, density):
        sheet.append([None if v == "" else v for v in row])
    workbook.save(path)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


def _tree_peaks(root: int, peaks: dict[int, int]) -> None:
    """Record VmHWM (peak resident set) of ``root`` and its children, from /proc (Linux)."""
    for pid in [root, *_children(root)]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))


def run(survey: Path, jobs: int, out: Path) -> tuple[float, float, int, int, int, str]:
    """(seconds, CPU seconds of the whole process tree, exit code, main peak KiB,
    largest worker peak KiB, last line of stderr)."""
    script = Path(sys.executable).with_name("gvc-advisor")
    launcher = [str(script)] if script.exists() else [sys.executable, "-c", "from gvc_advisor.cli import main; main()"]
    command = [*launcher, "rollup", str(survey), "--format", "json",
               "--output", str(out / "summary.json"), "--per-firm", str(out / "firms.csv"), "--jobs", str(jobs)]
    peaks: dict[int, int] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    linux = Path("/proc/self/status").exists()
    while process.poll() is None:
        if linux:
            _tree_peaks(process.pid, peaks)
        time.sleep(0.25)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = process.stderr.read() if process.stderr else ""
    main = peaks.pop(process.pid, 0) or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, cpu, process.returncode, main, max(peaks.values(), default=0), stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--jobs", default=str(default_jobs()), help="comma-separated --jobs values to run")
    parser.add_argument("--density", type=float, default=0.8, help="share of questions each firm answers")
    parser.add_argument("--xlsx", action="store_true", help="also time the same survey as an XLSX workbook")
    args = parser.parse_args()
    kb = load_knowledge_base(default_kb_root())
    with tempfile.TemporaryDirectory(prefix="gvc-rollup-bench-") as tmp:
        folder = Path(tmp)
        surveys = []
        for rows in (args.rows, max(1, args.rows // 10)):
            path = folder / f"survey-{rows}.csv"
            write_csv(kb, path, rows, args.density)
            surveys.append((rows, path))
            if args.xlsx and rows == args.rows:
                xlsx = folder / f"survey-{rows}.xlsx"
                write_xlsx(kb, xlsx, rows, args.density)
                surveys.append((rows, xlsx))
        print(f"cores available: {default_jobs()}; load average {os.getloadavg()[0]:.1f} (other work on the "
              f"machine slows the wall clock, not the CPU time); {len(kb.questions)} questions, answered with "
              f"density {args.density}; one row in {BAD_EVERY} invalid")
        print(f"{'survey':<20}{'jobs':>5}{'wall s':>8}{'CPU s':>8}{'firms/s':>9}{'main MiB':>10}{'worker MiB':>12}"
              "  exit")
        for rows, path in surveys:
            for jobs in (int(j) for j in args.jobs.split(",")):
                seconds, cpu, code, main_kib, worker_kib, last = run(path, jobs, folder)
                print(f"{path.name:<20}{jobs:>5}{seconds:>8.1f}{cpu:>8.1f}{rows / seconds:>9.0f}"
                      f"{main_kib / 1024:>10.0f}{worker_kib / 1024:>12.0f}  {code}  ({last[:50]})")


if __name__ == "__main__":
    main()
