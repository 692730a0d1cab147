"""Chart specifications (Altair / Vega-Lite) and their rendering to SVG without a browser.

Charts are defined here once, as Vega-Lite dictionaries built from plain rows that the
report context has already selected; the web dashboard can serve the same dictionaries
to vega-embed.  Nothing here computes a figure: every value drawn is an observation or
a number from the evaluation engine, and the only arithmetic is placing a period on the
time axis (every period at its end).

SVG comes from ``vl_convert`` (Rust, no browser, no network).  Rendering is the slowest
step of a report, so ``render_svg`` memoises on the spec's canonical JSON: the HTML and
the PDF of one language then share their charts, and the same spec always gives the
same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from mic2025.evaluate.status import COLOURS as STATUS_TABLE_COLOURS
from mic2025.languages import language
from mic2025.report.svg import lean_svg

# roles of the layers of an indicator chart; colours are fixed so every chart reads alike
ROLES: tuple[str, ...] = ("observed", "baseline", "target", "target_path", "projection")
COLOURS: dict[str, str] = {
    "observed": "#1f4e79",
    "baseline": "#000000",
    "target": "#b03a2e",
    "target_path": "#8c8c8c",
    "projection": "#d35400",
}
STATUS_COLOURS: dict[str, str] = STATUS_TABLE_COLOURS
"""Status colours: the status table's (evaluate/status.py)."""

SCHEMA = alt.SCHEMA_URL
WIDTH = 520
HEIGHT = 220


def period_position(period: str) -> float:
    """Position of a period on the time axis, at the period's end.

    A year Y sits at Y (its end), quarter q of Y at ``Y - 1 + q / 4`` and month m at
    ``Y - 1 + m / 12``, so ``2018-Q4`` coincides with the annual 2018 figure and a
    quarterly stock series rises smoothly into the annual one instead of zigzagging.
    """
    text = str(period)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    if m:
        return int(m.group(1)) - 1 + int(m.group(2)) / 4
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return int(m.group(1)) - 1 + int(m.group(2)) / 12
    m = re.match(r"(\d{4})", text)
    return float(m.group(1)) if m else float("nan")


@dataclass(frozen=True)
class ChartLabels:
    """Translated words a chart shows (legend entries and axis titles)."""

    observed: str
    baseline: str
    target: str
    target_path: str
    projection: str
    interval: str
    year: str
    unit: str
    count: str = "count"
    status: str = "status"


def translated_labels(_: Callable[[str], str], unit: str) -> ChartLabels:
    """A chart's words in the reader's language: one place for reports and dashboard."""
    return ChartLabels(
        observed=_("observed"),
        baseline=_("baseline"),
        target=_("target"),
        target_path=_("target path"),
        projection=_("trend projection (90 % interval)"),
        interval=_("90 % prediction interval"),
        year=_("year (end of period)"),
        unit=unit,
        count=_("number of targets"),
    )


def _font_config(lang: str) -> dict[str, Any]:
    font = language(lang).face  # the face whose glyph shapes match the language
    return {
        "font": font,
        "axis": {"labelFont": font, "titleFont": font, "labelFontSize": 11, "titleFontSize": 11},
        "legend": {"labelFont": font, "titleFont": font, "labelFontSize": 11, "labelLimit": 260},
        "title": {"font": font},
        "view": {"stroke": "#cccccc"},
    }


def indicator_chart(
    observed: Sequence[dict[str, Any]],
    markers: Sequence[dict[str, Any]],
    projections: Sequence[dict[str, Any]],
    labels: ChartLabels,
    lang: str = "en",
    paths: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Observed series with baseline, 2020/2025 targets, target path and projection.

    ``observed``: rows ``{period, value}`` (national or area series, figures in force);
    ``markers``: rows ``{role, year, value, label}`` with role ``baseline`` or ``target``
    (the target path joins baseline and targets in year order);
    ``projections``: rows ``{from_year, from_value, year, value, low, high}`` from the
    trend method; ``paths``: rows ``{target, year, value}`` from
    :func:`mic2025.evaluate.paths.target_paths` (the yearly path to each target; without
    them the markers are joined by straight lines).  Returns a Vega-Lite dict; status is
    not encoded here (it is written next to the chart in words and symbols).  Written as a
    plain dict rather than through Altair's object model: the spec is the same, and
    building it is ~50x faster.
    """
    names = _role_names(labels)
    data = _ChartData(
        obs=_observed_rows(observed, labels),
        mk=_marker_rows(markers, names),
        proj=_projection_rows(projections, labels),
        band=_band_rows(projections, labels),
        path=[],
    )
    data.path = _path_rows(paths, data.mk, labels)
    every = [p["t"] for p in (*data.obs, *data.mk, *data.proj, *data.path)]
    lo = int(min(every)) if every else 2013
    hi = int(max(every)) if every else 2025
    return {
        "$schema": SCHEMA,
        "width": WIDTH,
        "height": HEIGHT,
        "layer": _layers(data, _Encodings.make(labels, names, lo, hi), labels, lo),
        "config": _font_config(lang),
        "usermeta": {"mic2025": "indicator_chart", "interval": labels.interval},
    }


@dataclass
class _ChartData:
    """The rows of each layer of an indicator chart."""

    obs: list[dict[str, Any]]
    mk: list[dict[str, Any]]
    proj: list[dict[str, Any]]
    band: list[dict[str, Any]]
    path: list[dict[str, Any]]


@dataclass(frozen=True)
class _Encodings:
    """The shared x, y and colour encodings of an indicator chart."""

    x: dict[str, Any]
    y: dict[str, Any]
    colour: dict[str, Any]
    domain: list[str]

    @classmethod
    def make(cls, labels: ChartLabels, names: dict[str, str], lo: int, hi: int) -> _Encodings:
        domain = [names[r] for r in ROLES]
        colour = {
            "field": "series",
            "type": "nominal",
            "scale": {"domain": domain, "range": [COLOURS[r] for r in ROLES]},
            "legend": {"title": None, "orient": "bottom", "direction": "horizontal", "columns": 3},
        }
        x = {
            "field": "t",
            "type": "quantitative",
            "title": labels.year,
            "scale": {"domain": [lo, hi], "nice": False, "zero": False},
            "axis": {"format": "d", "tickMinStep": 1, "values": list(range(lo, hi + 1)), "labelFlush": False},
        }
        y = {"field": "value", "type": "quantitative", "title": labels.unit, "scale": {"zero": False}}
        return cls(x, y, colour, domain)

    def layer(self, values: list[dict[str, Any]], mark: dict[str, Any], **encoding: Any) -> dict[str, Any]:
        return {"data": {"values": values}, "mark": mark, "encoding": {"x": self.x, "y": self.y, **encoding}}


def _role_names(labels: ChartLabels) -> dict[str, str]:
    return {
        "observed": labels.observed,
        "baseline": labels.baseline,
        "target": labels.target,
        "target_path": labels.target_path,
        "projection": labels.projection,
    }


def _observed_rows(observed: Sequence[dict[str, Any]], labels: ChartLabels) -> list[dict[str, Any]]:
    return [
        {
            "t": period_position(r["period"]),
            "value": _num(r["value"]),
            "period": str(r["period"]),
            "series": labels.observed,
        }
        for r in observed
    ]


def _marker_rows(markers: Sequence[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    rows = (
        {
            "t": float(r["year"]),
            "value": _num(r["value"]),
            "series": names[r["role"]],
            "role": r["role"],
            "label": r.get("label", ""),
        }
        for r in markers
        if r.get("value") is not None and not pd.isna(r.get("value"))
    )
    return sorted(rows, key=lambda m: (m["t"], m["role"]))


def _path_rows(
    paths: Sequence[dict[str, Any]], mk: list[dict[str, Any]], labels: ChartLabels
) -> list[dict[str, Any]]:
    if not paths:  # no yearly path: the markers joined by straight lines
        return [{**m, "series": labels.target_path, "seg": ""} for m in mk]
    return [
        {
            "t": float(r["year"]),
            "value": _num(r["value"]),
            "series": labels.target_path,
            "seg": str(r["target"]),
        }
        for r in paths
    ]


def _projection_rows(projections: Sequence[dict[str, Any]], labels: ChartLabels) -> list[dict[str, Any]]:
    proj: list[dict[str, Any]] = []
    for i, r in enumerate(projections):
        proj.append(
            {
                "t": float(r["from_year"]),
                "value": _num(r["from_value"]),
                "seg": i,
                "series": labels.projection,
            }
        )
        proj.append({"t": float(r["year"]), "value": _num(r["value"]), "seg": i, "series": labels.projection})
    return proj


def _band_rows(projections: Sequence[dict[str, Any]], labels: ChartLabels) -> list[dict[str, Any]]:
    return [
        {"t": float(r["year"]), "low": _num(r["low"]), "high": _num(r["high"]), "series": labels.projection}
        for r in projections
        if not pd.isna(r.get("low")) and not pd.isna(r.get("high"))
    ]


def _layers(data: _ChartData, enc: _Encodings, labels: ChartLabels, lo: int) -> list[dict[str, Any]]:
    """Target path, projection interval, projection, observed line, markers and their labels."""
    detail = {"field": "seg", "type": "nominal"}
    layers: list[dict[str, Any]] = []
    if len(data.path) > 1:
        mark = {"type": "line", "strokeDash": [2, 3], "strokeWidth": 1.5}
        layers.append(enc.layer(data.path, mark, color=enc.colour, detail=detail))
    if data.band:
        low = {"field": "low", "type": "quantitative", "title": labels.unit}
        mark = {"type": "rule", "strokeWidth": 6, "opacity": 0.35}
        layers.append(enc.layer(data.band, mark, color=enc.colour, y=low, y2={"field": "high"}))
    if data.proj:
        mark = {"type": "line", "strokeDash": [6, 3], "strokeWidth": 1.5}
        layers.append(enc.layer(data.proj, mark, color=enc.colour, detail=detail))
    if data.obs:
        mark = {"type": "line", "point": {"size": 30}, "strokeWidth": 2}
        layers.append(enc.layer(data.obs, mark, color=enc.colour))
    if data.mk:
        shapes = ["circle", "square", "diamond", "stroke", "circle"]
        shape = {
            "field": "series",
            "type": "nominal",
            "legend": None,
            "scale": {"domain": enc.domain, "range": shapes},
        }
        mark = {"type": "point", "filled": True, "size": 90, "opacity": 1}
        layers.append(enc.layer(data.mk, mark, color=enc.colour, shape=shape))
        targets = [m for m in data.mk if m["role"] == "target"]
        text = {"field": "label", "type": "nominal"}
        layers.append(
            enc.layer(targets, {"type": "text", "dy": -11, "fontSize": 10}, color=enc.colour, text=text)
        )
    if not layers:  # nothing at all: an empty frame still states the axes
        layers.append(enc.layer([{"t": lo, "value": 0.0}], {"type": "point", "opacity": 0}))
    return layers


def chart_inputs(
    rows: pd.DataFrame, target_label: str, upper_bounds: dict[str, float] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Markers, trend projections and target paths for :func:`indicator_chart`, selected
    from one indicator's evaluation rows (one area and sector) exactly as the engine
    returned them — publication layers share this so the report and the web draw alike.

    ``target_label`` is a format string with ``{year}`` (already translated).
    """
    from mic2025.evaluate.paths import target_paths

    markers: list[dict[str, Any]] = []
    projections: list[dict[str, Any]] = []
    if rows.empty:
        return markers, projections, []
    own = rows[rows["indicator"] == rows["metric"]] if "metric" in rows.columns else rows
    first = own[own["method"] == own["method"].iloc[0]].sort_values("target_year", kind="mergesort")
    for r in first.itertuples(index=False):
        if pd.notna(r.baseline_value) and not any(m["role"] == "baseline" for m in markers):
            markers.append({"role": "baseline", "year": r.baseline_year, "value": r.baseline_value})
        if pd.notna(r.target_value):
            markers.append(
                {
                    "role": "target",
                    "year": r.target_year,
                    "value": r.target_value,
                    "label": target_label.format(year=int(r.target_year)),
                }
            )
    trend = own[own["method"] == "trend"].sort_values("target_year", kind="mergesort")
    for r in trend.itertuples(index=False):
        if pd.isna(r.projected_value) or pd.isna(r.latest_value) or not r.latest_period:
            continue
        start = period_position(str(r.latest_period))
        if start < r.target_year:
            projections.append(
                {
                    "from_year": start,
                    "from_value": r.latest_value,
                    "year": r.target_year,
                    "value": r.projected_value,
                    "low": r.pi_low,
                    "high": r.pi_high,
                }
            )
    paths = target_paths(own, upper_bounds).to_dict("records")
    return markers, projections, paths


def _num(value: Any) -> float | None:
    """A JSON-safe number: NaN becomes null (Vega-Lite skips it)."""
    if value is None or pd.isna(value):
        return None
    return float(value)


def status_counts_chart(
    rows: Sequence[dict[str, Any]], labels: ChartLabels, lang: str = "en"
) -> dict[str, Any]:
    """Horizontal bars of headline status counts: rows ``{status, label, count}``.

    Each bar is labelled with its word, symbol and count, so colour is never the only cue.
    """
    frame = pd.DataFrame(list(rows), columns=["status", "label", "count"])
    order = list(frame["label"])
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=240)),
        x=alt.X("count:Q", title=labels.count, axis=alt.Axis(tickMinStep=1, format="d")),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(
                domain=list(frame["status"]),
                range=[STATUS_COLOURS.get(s, "#777777") for s in frame["status"]],
            ),
            legend=None,
        )
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(text="count:Q")
    spec = alt.layer(bars, text).properties(width=360, height=22 * max(len(frame), 1)).to_dict(validate=False)
    spec["config"] = _font_config(lang)
    return spec


@lru_cache(maxsize=512)
def _svg_from_json(spec_json: str) -> str:
    # lean_svg: a third fewer elements, same pixels; WeasyPrint parses and walks each one
    return lean_svg(vlc.vegalite_to_svg(json.loads(spec_json)))


_ID = re.compile(r'\bid="([^"]+)"')


def render_svg(spec: dict[str, Any], id_prefix: str = "") -> str:
    """SVG text of a Vega-Lite spec, rendered by vl-convert (no browser, no network).

    ``id_prefix`` renames the SVG's internal ids (clip paths, gradients) so that many
    charts can sit inline in one HTML page without one chart's ``url(#clip1)`` pointing
    at another's.  The same spec always gives the same SVG.
    """
    svg = _svg_from_json(json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str))
    svg = svg.replace('class="marks"', 'class="marks" role="img"', 1)
    if id_prefix:
        ids = set(_ID.findall(svg))
        for old in sorted(ids, key=len, reverse=True):
            new = f"{id_prefix}-{old}"
            svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
            svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg
