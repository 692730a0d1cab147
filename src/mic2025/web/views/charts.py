"""The report's charts as inline SVG, each named and described in the page's language.

``mic2025.report.charts`` draws them; here each SVG gets ``role="img"`` and
``aria-labelledby`` pointing at a ``<title>`` and a ``<desc>`` written in the page
language, so a screen reader announces what the chart shows and a sighted reader gets
the title as a tooltip.  A chart that fails to draw is left out: the tables beside it
carry every number.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pandas as pd
from markupsafe import escape

from mic2025.plan.model import Indicator
from mic2025.present.formatter import StatusView
from mic2025.vocabulary import N_
from mic2025.web.views.common import TOTAL, Fmt

log = logging.getLogger(__name__)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")

COUNTS_TITLE = N_("Targets by status")
COUNTS_DESC = N_("Bar chart of the number of targets per status: {counts}.")
COUNT_ITEM = N_("{status} {n}")
INDICATOR_TITLE = N_("{indicator}: published figures, baseline and targets")
INDICATOR_DESC = N_(
    "Line chart of {n} published figures from {first} to {last}, with the baseline and the targets. "
    "Every value is listed in the tables below."
)
INDICATOR_DESC_EMPTY = N_(
    "Chart of the baseline and targets; no figure is published yet. "
    "Every value is listed in the tables below."
)


def labelled(svg: str, prefix: str, title: str, desc: str) -> str:
    """``svg`` as an image named by ``title`` and described by ``desc`` (ids start with ``prefix``)."""
    match = _SVG_OPEN.search(svg)
    if not match:
        return ""
    tag = match.group(0)
    if 'role="img"' not in tag:
        tag = tag.replace("<svg", '<svg role="img"', 1)
    tag = tag.replace("<svg", f'<svg aria-labelledby="{prefix}-title {prefix}-desc"', 1)
    inner = (
        f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(desc)}</desc>'
    )
    return svg[: match.start()] + tag + inner + svg[match.end() :]


def _labels(charts: Any, fmt: Fmt, unit: str) -> Any:
    return charts.translated_labels(fmt._, unit)


def counts_svg(counts: list[tuple[StatusView, int]], fmt: Fmt) -> str:
    """The report's status-count bar chart, named and described; '' if it cannot be drawn."""
    from mic2025.report import charts

    _ = fmt._
    try:
        spec = charts.status_counts_chart(
            [{"status": s.code, "label": f"{s.symbol} {s.word}", "count": n} for s, n in counts],
            _labels(charts, fmt, ""),
            fmt.lang,
        )
        svg = charts.render_svg(spec, id_prefix="c-counts")
    except Exception:  # a chart must never take the page down; the table says the same
        log.exception("status chart failed")
        return ""
    items = _(", ").join(_(COUNT_ITEM).format(status=s.word, n=n) for s, n in counts)
    return labelled(svg, "c-counts", _(COUNTS_TITLE), _(COUNTS_DESC).format(counts=items))


def indicator_svg(
    obs: pd.DataFrame, card: pd.DataFrame, ind: Indicator, area: str, fmt: Fmt, unit: str
) -> str:
    """The report's indicator chart for the area's all-manufacturing series (inline SVG).

    Inputs are selected, never computed: observed figures in force; baseline and target
    levels and the trend projection exactly as the evaluation engine returned them.
    """
    from mic2025.report import charts

    _ = fmt._
    series = obs[(obs["area"] == area) & (obs["sector"] == TOTAL) & (obs["entity"].fillna("") == "")]
    series = series.assign(_t=series["period"].map(charts.period_position)).sort_values("_t")
    observed = [{"period": str(r.period), "value": float(r.value)} for r in series.itertuples(index=False)]
    own = card[(card["area"] == area) & (card["sector"] == TOTAL)] if not card.empty else card
    if not own.empty and "metric" in own.columns:  # a proxy's rows mark no baseline or target of its own
        own = own[own["indicator"] == own["metric"]]
    bounds = {ind.id: ind.upper_bound} if ind.upper_bound is not None else {}
    markers, projections, paths = (
        ([], [], []) if own.empty else charts.chart_inputs(own, _("{year} target"), bounds)
    )
    if not observed and not markers:
        return ""
    try:
        spec = charts.indicator_chart(
            observed, markers, projections, _labels(charts, fmt, unit), fmt.lang, paths
        )
        svg = charts.render_svg(spec, id_prefix=f"c-{ind.id}")
    except Exception:  # the figures table below carries every number anyway
        log.exception("indicator chart failed for %s", ind.id)
        return ""
    title = _(INDICATOR_TITLE).format(indicator=ind.labels.get(fmt.lang))
    if observed:
        desc = _(INDICATOR_DESC).format(
            n=len(observed), first=observed[0]["period"], last=observed[-1]["period"]
        )
    else:
        desc = _(INDICATOR_DESC_EMPTY)
    return labelled(svg, f"c-{ind.id}", title, desc)
