"""Benchmark: full scorecard (all targets x 32 areas x 3 methods) vs a plain pandas loop.

Run: ``python bench/bench_evaluate.py [--years 12] [--repeat 3]``.

The data are SYNTHETIC (random walks with drift per indicator and province, some
quarterly figures), generated here with a fixed seed; they say nothing about China.
The plan is the built-in plan when it loads, otherwise a synthetic plan with every
target kind.  The baseline is a per-(target, area, sector) Python loop over pandas
filters doing the same arithmetic with scalars; both run in this process and the
ratio of their times is printed, together with their agreement on status.
"""

from __future__ import annotations

import argparse
import math
import time
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats

from mic2025.evaluate import evaluate
from mic2025.evaluate.targets import targets_frame
from mic2025.plan.model import Plan

AREAS = ["CN"] + [
    f"CN-{c}"
    for c in [
        "BJ",
        "TJ",
        "HE",
        "SX",
        "NM",
        "LN",
        "JL",
        "HL",
        "SH",
        "JS",
        "ZJ",
        "AH",
        "FJ",
        "JX",
        "SD",
        "HA",
        "HB",
        "HN",
        "GD",
        "GX",
        "HI",
        "CQ",
        "SC",
        "GZ",
        "YN",
        "XZ",
        "SN",
        "GS",
        "QH",
        "NX",
        "XJ",
    ]
]  # national + 31 provinces = 32 areas


def synthetic_plan() -> Plan:
    """Every target kind on a dozen indicators (SYNTHETIC)."""
    ref = {"section": "2.3"}
    kinds = [
        ("level", 70.0, {}),
        ("change_from_base", -18.0, {"base_year": 2015}),
        ("pp_change", 2.0, {"base_year": 2015}),
        ("share", 40.0, {}),
        ("count", 15.0, {}),
        ("average_annual_growth", 7.5, {"period_start": 2016}),
    ]
    inds = []
    for i in range(12):
        kind, value, extra = kinds[i % len(kinds)]
        unit = "count" if kind == "count" else "percent"
        iid = f"ind_{i:02d}"
        targets = [
            {
                "id": f"{iid}_{y}",
                "metric": iid,
                "kind": kind,
                "value": value * (1.5 if y == 2025 else 1),
                "unit": unit if kind in ("level", "share", "count") else "percent",
                "year": y,
                "ref": ref,
                **extra,
            }
            for y in (2020, 2025)
        ]
        inds.append(
            {
                "id": iid,
                "labels": {"en": iid},
                "ref": ref,
                "category": "innovation",
                "unit": unit,
                "direction": "lower" if kind == "change_from_base" else "higher",
                "baselines": {2015: 30.0},
                "targets": targets,
            }
        )
    return Plan.model_validate(
        {
            "id": "synthetic",
            "title": {"en": "Synthetic"},
            "issuer": {"en": "bench"},
            "issued": date(2015, 5, 8),
            "document": "none",
            "steps": [{"id": "s1", "labels": {"en": "s1"}, "ref": ref, "number": 1, "year": 2025}],
            "units": [{"id": "percent", "labels": {"en": "%"}}, {"id": "count", "labels": {"en": "n"}}],
            "indicators": inds,
        }
    )


def load_plan() -> tuple[Plan, str]:
    try:
        from mic2025.plan import default_plan

        return default_plan(), "built-in plan"
    except Exception as exc:  # plan files still being written by others
        return synthetic_plan(), f"synthetic plan (built-in plan not loadable: {type(exc).__name__})"


def synthetic_observations(plan: Plan, years: int, seed: int = 7) -> pd.DataFrame:
    """Random walks with drift for every indicator x area (SYNTHETIC)."""
    rng = np.random.default_rng(seed)
    frames = []
    yrs = np.arange(2025 - years + 1, 2026)
    for ind in plan.indicators:
        n = len(AREAS) * len(yrs)
        level = rng.uniform(20, 60, len(AREAS))[:, None]
        drift = rng.normal(1.0, 1.5, len(AREAS))[:, None]
        vals = level + np.cumsum(drift + rng.normal(0, 1.5, (len(AREAS), len(yrs))), axis=1)
        frames.append(
            pd.DataFrame(
                {
                    "indicator": ind.id,
                    "area": np.repeat(AREAS, len(yrs)),
                    "sector": "_T",
                    "entity": "",
                    "period": np.tile(yrs.astype(str), len(AREAS)),
                    "value": np.abs(vals).ravel() + 0.5,
                    "unit": ind.unit,
                    "status": "A",
                    "source": "synthetic",
                    "vintage": pd.Timestamp("2026-01-15"),
                    "batch": "synthetic",
                    "note": "",
                }
            )
        )
        # a few quarterly figures in the current year (last quarter published is used)
        q = frames[-1][frames[-1]["period"] == str(yrs[-1])].copy()
        q["period"] = q["period"] + "-Q2"
        q["value"] = q["value"] * 0.98
        frames.append(q)
        assert n == len(frames[-2])
    return pd.concat(frames, ignore_index=True)


# ---- the plain loop: same arithmetic, one (target, area, sector) at a time ------------
def _classify(r: float, hi: float, mid: float) -> str:
    if math.isnan(r):
        return "insufficient_data"
    return (
        "on_track"
        if r >= hi
        else "needs_acceleration"
        if r >= mid
        else "stagnating"
        if r >= 0
        else "regressing"
    )


def plain_loop(plan: Plan, observations: pd.DataFrame, window: int = 8) -> pd.DataFrame:
    tf = targets_frame(plan)
    out = []
    for t in tf.itertuples(index=False):
        sub = observations[(observations["indicator"] == t.indicator) & (observations["unit"] == t.unit)]
        for (area, sector), s in sub.groupby(["area", "sector"]):
            s = s.assign(
                year=s["period"].str.slice(0, 4).astype(int), rank=np.where(s["period"].str.len() == 4, 13, 6)
            )
            s = s[s["year"] <= t.target_year].sort_values(["year", "rank"])
            annual = s.groupby("year")["value"].last()
            if annual.empty:
                continue
            d, T, b, kind = t.direction, t.target_year, int(t.base_year), t.kind
            yt, tl = float(annual.iloc[-1]), int(annual.index[-1])
            if area == "CN" and b in t.plan_baselines:
                yb = float(t.plan_baselines[b])
            else:
                yb = float(annual.get(b, np.nan))
            L = {"change_from_base": yb * (1 + t.target_raw / 100), "pp_change": yb + t.target_raw}.get(
                kind, t.target_raw
            )
            res = {}
            U = t.upper_bound
            judged = not (t.context_only or t.other_scope)  # proxies of other unit or scope
            met_now = not math.isnan(L) and d * (yt - L) >= -1e-9 * max(1, abs(L))
            if not judged:
                res = dict.fromkeys(("growth_ratio", "unsd_gap", "trend"), "insufficient_data")
            elif kind == "average_annual_growth":
                mean = float(annual[annual.index >= t.period_start].mean())
                r = mean / t.target_raw
                achieved = tl >= T and d * (mean - t.target_raw) >= 0
                res["growth_ratio"] = "achieved" if achieved else _classify(r, 0.95, 0.60)
                res["unsd_gap"] = "achieved" if achieved else _classify(r, 0.95, 0.10)
            elif met_now:  # a target already met needs no baseline to say so
                res["growth_ratio"] = res["unsd_gap"] = "achieved"
            elif math.isnan(yb) or tl <= b:
                res["growth_ratio"] = res["unsd_gap"] = "insufficient_data"
            else:
                span = annual[annual.index >= b]
                ok = min(span.min(), yb) > 0
                lim = not math.isnan(U) and d > 0  # natural limit: growth of distance to U
                zb, zt, zl = (U - yb, U - yt, U - L) if lim else (yb, yt, L)
                zmin = U - max(span.max(), yb) if lim else min(span.min(), yb)
                if zmin > 0 and zl > 0 and zt > 0:
                    r = ((zt / zb) ** (1 / (tl - b)) - 1) / ((zl / zb) ** (1 / (T - b)) - 1)
                else:
                    r = ((yt - yb) / (tl - b)) / ((L - yb) / (T - b))
                proj = yt * (yt / yb) ** ((T - tl) / (tl - b)) if ok else yt + (yt - yb) / (tl - b) * (T - tl)
                proj = proj if math.isnan(U) else min(proj, U)
                met = d * (L - yb) <= 0
                res["growth_ratio"] = "regressing" if met else _classify(r, 0.95, 0.60)
                res["unsd_gap"] = "regressing" if met else _classify((proj - yb) / (L - yb), 0.95, 0.10)
            w = annual.iloc[-window:]
            if not judged:
                pass
            elif kind != "average_annual_growth" and met_now:
                res["trend"] = "achieved"
            elif len(w) < 3 or kind == "average_annual_growth" or math.isnan(L):
                res["trend"] = "insufficient_data" if len(w) < 3 or math.isnan(L) else "skip"
            else:
                x = w.index.to_numpy(float)
                slope, icpt = np.polyfit(x, w.to_numpy(float), 1)
                yhat = icpt + slope * T
                yhat_c = yhat if math.isnan(U) else min(yhat, U)
                resid = w.to_numpy(float) - (icpt + slope * x)
                s2 = float(resid @ resid) / (len(w) - 2)
                se = math.sqrt(s2 * (1 + 1 / len(w) + (T - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum()))
                _ = stats.t.ppf(0.95, len(w) - 2) * se  # interval, as the engine computes it
                use_b = not math.isnan(yb) and b < tl
                yr = yb if use_b else float(w.iloc[0])
                if d * (yt - L) >= -1e-9 * max(1, abs(L)):
                    res["trend"] = "achieved"
                elif d * (L - yr) <= 0:
                    res["trend"] = "regressing"
                else:
                    res["trend"] = _classify((yhat_c - yr) / (L - yr), 0.95, 0.10)
            for m, st in res.items():
                out.append(
                    {
                        "target": t.target,
                        "indicator": t.indicator,
                        "area": area,
                        "sector": sector,
                        "method": m,
                        "status": st,
                    }
                )
    return pd.DataFrame(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--years", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    plan, plan_note = load_plan()
    observations = synthetic_observations(plan, args.years)
    n_targets = sum(1 for _ in plan.iter_targets())
    print(
        f"data: SYNTHETIC, {len(observations):,} observations, {len(AREAS)} areas, "
        f"{args.years} years; {plan_note}, {n_targets} targets"
    )

    def best(fn) -> tuple[float, pd.DataFrame]:
        times, res = [], None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = fn()
            times.append(time.perf_counter() - t0)
        return min(times), res

    t_engine, card = best(lambda: evaluate(plan, observations))
    t_loop, loop = best(lambda: plain_loop(plan, observations))
    merged = card.merge(
        loop[loop["status"] != "skip"],
        on=["target", "indicator", "area", "sector", "method"],
        suffixes=("", "_loop"),
    )
    agree = (merged["status"] == merged["status_loop"]).mean() if len(merged) else float("nan")
    print(f"engine (vectorised):  {t_engine * 1000:9.1f} ms  {len(card):,} rows")
    print(f"plain pandas loop:    {t_loop * 1000:9.1f} ms  {len(loop):,} rows")
    print(
        f"ratio loop/engine:    {t_loop / t_engine:9.1f}x   status agreement on {len(merged):,} "
        f"shared rows: {agree:.1%}"
    )


if __name__ == "__main__":
    main()
