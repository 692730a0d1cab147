"""The major projects: each target's verdict, the data held, and what is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mic2025.plan.describe import describe_target, quantity
from mic2025.report import charts
from mic2025.report.inputs import Inputs, status
from mic2025.report.model import DataLine, GroupSection, Status
from mic2025.report.sources import unknown

if TYPE_CHECKING:
    import pandas as pd

    from mic2025.plan.model import Project, Target


def project_sections(inp: Inputs) -> list[GroupSection]:
    """Every major project in the strategy's order."""
    return [_project(inp, p) for p in sorted(inp.plan.projects, key=lambda p: p.number)]


def data_lines(inp: Inputs, ids: list[str], frame: pd.DataFrame) -> list[DataLine]:
    """What the store holds per indicator: count, periods, latest figure, sources."""
    plan, fmt, lang = inp.plan, inp.fmt, inp.lang
    lines = []
    for ind_id in ids:
        rows = frame[frame["indicator"] == ind_id]
        if rows.empty:
            continue
        rows = rows.assign(_pos=rows["period"].map(charts.period_position))
        rows = rows.sort_values(["_pos", "period"], kind="mergesort")
        last = rows.iloc[-1]
        ind = plan.indicator(ind_id)
        latest = quantity(fmt.num(last["value"]), ind.unit, plan, lang, ind)
        cited = sorted(set(rows["source"].astype(str)))
        lines.append(
            DataLine(
                label=ind.labels.get(lang) + (" " + fmt._("(proxy)") if ind.proxy_of else ""),
                n=len(rows),
                periods=f"{rows['period'].iloc[0]} – {last['period']}",
                latest=f"{latest} ({last['period']})",
                sources=fmt._("; ").join((inp.names.get(c) or unknown(c)).dated for c in cited),
            )
        )
    return lines


def _project(inp: Inputs, project: Project) -> GroupSection:
    """A major project: its targets' headline statuses, the data held and the gaps."""
    plan, fmt, lang = inp.plan, inp.fmt, inp.lang
    _ = fmt._
    ids = [i.id for i in plan.indicators if i.project == project.id]
    ids += [t.metric for t in project.targets if t.metric not in ids]
    targets, missing = [], []
    for t in project.targets:
        if not inp.in_scope(t.year):
            continue
        label = f"{plan.indicator(t.metric).labels.get(lang)}: {describe_target(t, plan, lang)}"
        verdict = _verdict(inp, t)
        targets.append((label, verdict))
        if verdict.code == "insufficient_data":
            missing.append(_("data to judge the target: {target}").format(target=label))
    missing += [
        _("any figure for: {indicator}").format(indicator=plan.indicator(i).labels.get(lang))
        for i in ids
        if i not in inp.by_ind
    ]
    if not project.targets:
        missing.insert(0, _("the plan states no numeric target for this project"))
    return GroupSection(
        id=project.id,
        number=project.number,
        label=project.labels.get(lang),
        ref=fmt.ref(project.ref),
        description=project.description.get(lang) if project.description else "",
        extra="",
        targets=targets,
        available=data_lines(inp, ids, inp.obs),
        missing=missing,
    )


def _verdict(inp: Inputs, target: Target) -> Status:
    """The target's headline verdict (its own series, not a proxy's)."""
    heads = inp.heads
    if heads.empty:
        return status(inp.fmt, "insufficient_data")
    row = heads[(heads["target"] == target.id) & (heads["indicator"] == target.metric)]
    return status(inp.fmt, str(row["status"].iloc[0]) if len(row) else "insufficient_data")
