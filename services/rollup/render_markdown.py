"""The roll-up as Markdown (GitHub tables)."""

from __future__ import annotations

from gvc_advisor.services.compare_firms.render_markdown import cell
from gvc_advisor.services.rollup.summary import RollupSummary, percent


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def to_markdown(s: RollupSummary) -> str:
    kb = s.kb
    lines = [f"# Cluster roll-up: {s.firms:,} firms", "",
             f"Knowledge base {kb['name']} {kb['version']} (hash {kb['hash']}) · inputs: {', '.join(s.inputs)}", ""]
    if s.skipped:
        lines += [f"**{s.skipped:,} rows or files were skipped** ({s.problem_count:,} problems; nothing was "
                  "guessed): see the end.", ""]
    governance = s.axes["governance"]
    lines += ["## The firms in the grid", "", "Governance model × driving mechanism × firm status.", "",
              _row("driver", "status", *governance), _row(*["---"] * 2, *["---:"] * len(governance))]
    for driver in s.axes["driver"]:
        for status in s.axes["firm_status"]:
            lines.append(_row(driver, status, *[f"{s.cell(g, driver, status):,}" for g in governance]))
    lines += ["", f"Undetermined (a dimension not established): {s.undetermined:,} firms.", "",
              "## Lock-in and factor-cost pressure", ""]
    for sh in s.shares:
        spread = ", ".join(f"{v} {n:,}" for v, n in sh.by_value.items())
        lines.append(f"- **{sh.label}: {sh.value_label}** — {sh.firms:,} of {sh.total:,} firms "
                     f"({percent(sh.firms, sh.total)}); {spread}, undetermined {sh.undetermined:,}")
    lines += ["", "## Most frequent recommendations", "",
              _row("recommendation", "type", "who acts", "firms", "share", "first priority for"),
              _row("---", "---", "---", "---:", "---:", "---:")]
    lines += [_row(cell(r.title), r.upgrading_type, ", ".join(a.replace("_", " ") for a in r.actors), f"{r.firms:,}",
                   percent(r.firms, r.total), f"{r.first:,}") for r in s.recommendations]
    lines += ["", "## Collective measures for the cluster association and local government", "",
              f"Thresholds as declared in `{s.measures_source}`.", ""]
    for m in s.measures:
        state = "**proposed**" if m.proposed else "not yet"
        needed = [f"recommended {', '.join(f'`{r}`' for r in m.recommended)}"] if m.recommended else []
        needed += [m.condition] if m.condition else []
        lines += [f"### {m.title} — {state}", "",
                  f"{m.firms:,} firms ({percent(m.firms, m.total)}) need it; threshold: {m.threshold}. "
                  f"For {', '.join(a.replace('_', ' ') for a in m.actors)}. Needed when {' or '.join(needed)}.", "",
                  m.summary, ""]
        lines += [f"- {action}" for action in m.actions]
        lines += ["", f"Sources: {'; '.join(m.sources)}", ""]
    if s.skipped:
        lines += ["## Skipped rows and files", ""]
        lines += [f"- `{p}`" for p in s.problems]
        if s.problem_count > len(s.problems):
            lines.append(f"- … and {s.problem_count - len(s.problems):,} more (all on standard error)")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
