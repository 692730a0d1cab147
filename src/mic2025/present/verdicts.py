"""A verdict and its evidence in words: what the CLI, reports and dashboard print per target.

Each sentence follows from the figures shown beside it ("not achieved: 89 % of the way;
2020 figure 84 against a target of 82"), in every language, and says what it rests on.
Phrases are catalogue templates; nothing here computes a figure: shares, lags and
counts come from ``mic2025.evaluate.verdict``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mic2025.plan.describe import qualified, quantity
from mic2025.present.formatter import Formatter, missing
from mic2025.vocabulary import DECIDED_BY, GRADE_NAMES, MOMENTUM_WORDS, N_

if TYPE_CHECKING:
    from mic2025.plan.model import Plan

FINAL_ACHIEVED = N_("achieved: {figure} in {period} against a target of {target}")
FINAL_NOT_ACHIEVED = N_("not achieved: {share} of the way; {figure} in {period} against a target of {target}")
FINAL_NOT_ACHIEVED_NO_SHARE = N_("not achieved: {figure} in {period} against a target of {target}")
PROVISIONAL = N_("{verdict} (provisional: {period} figure)")
NOT_PUBLISHED = N_("not yet known: the {year} figure is not published; latest {figure} in {period}")
NOT_PUBLISHED_NOTHING = N_("not yet known: no figure for {year} or before is published")
BOUND_OPEN = N_("not yet known: the {period} figure, {figure}, does not settle a target of {target}")
FORWARD = N_("{status}, judged by {method}")
FORWARD_LATEST = N_("{status}: {figure} in {period} already meets the target of {target}")
NOT_JUDGED_WHY = N_("not judged: a proxy of another scope or unit, shown for context")
INSUFFICIENT_WHY = N_("insufficient data to judge")
EVIDENCE = N_("rests on the {period} figure ({lag}), {points} data point(s); source: {grade}")
EVIDENCE_NONE = N_("no figure to rest on")
EVIDENCE_SHORT = N_("{period} figure; {points} point(s); {grade}")
LAG_NONE = N_("the target year itself")
LAG_YEARS = N_("{n} year(s) before the target year")
WEAK_MARK = " ⚠"
"""Marks a figure from a source of weak provenance (the grade's own name says which)."""
MOMENTUM = N_("recent trend {years}: {word}")


def figure(fmt: Formatter, plan: Plan, row: Any, value_key: str = "evidence_value") -> str:
    """The figure a verdict rests on, with its unit and qualifier ("more than 1.6 %").

    ``row`` is a headline row (a mapping such as a pandas Series).
    """
    value = row.get(value_key)
    if missing(value):
        return ""
    if row.get("kind") == "average_annual_growth":  # the mean growth of the years observed
        return fmt._("{value} % a year").format(value=fmt.num(value))
    indicator = plan.indicator(row["indicator"])
    text = quantity(fmt.num(value), indicator.unit, plan, fmt.lang, indicator)
    q = row.get("evidence_qualifier") if value_key == "evidence_value" else None
    return qualified(text, q if isinstance(q, str) and q else None, fmt.lang)


def target_figure(fmt: Formatter, plan: Plan, row: Any) -> str:
    """The target level (or growth) the verdict compares with, with its unit."""
    indicator = plan.indicator(row["indicator"])
    if row["kind"] == "average_annual_growth":
        return fmt._("{value} % a year").format(value=fmt.num(row["target_raw"]))
    if missing(row["target_value"]):
        return ""
    return quantity(fmt.num(row["target_value"]), indicator.unit, plan, fmt.lang, indicator)


def verdict_phrase(fmt: Formatter, plan: Plan, row: Any) -> str:
    """One sentence: the verdict, the figure it follows from and what it was compared with."""
    _ = fmt._
    code = row["status"]
    period = fmt.period(row.get("evidence_period"))
    if code == "not_judged":
        return _(NOT_JUDGED_WHY)
    if code in ("achieved", "not_achieved") and row.get("final"):
        return _final(fmt, plan, row, period)
    if code == "not_yet_known":
        return _open(fmt, plan, row, period)
    if code == "insufficient_data":
        return _(INSUFFICIENT_WHY)
    if code == "achieved":
        return _(FORWARD_LATEST).format(
            status=fmt.status(code).word,
            figure=figure(fmt, plan, row),
            period=period,
            target=target_figure(fmt, plan, row),
        )
    return _(FORWARD).format(
        status=fmt.status(code).word, method=fmt.method(str(row.get("decided_by") or ""))
    )


def _final(fmt: Formatter, plan: Plan, row: Any, period: str) -> str:
    _ = fmt._
    slots = {"figure": figure(fmt, plan, row), "period": period, "target": target_figure(fmt, plan, row)}
    if row["status"] == "achieved":
        text = _(FINAL_ACHIEVED).format(**slots)
    elif missing(row.get("share_travelled")):
        text = _(FINAL_NOT_ACHIEVED_NO_SHARE).format(**slots)
    else:
        text = _(FINAL_NOT_ACHIEVED).format(share=fmt.pct(row["share_travelled"]), **slots)
    if row.get("provisional"):
        text = _(PROVISIONAL).format(verdict=text, period=period)
    return text


def _open(fmt: Formatter, plan: Plan, row: Any, period: str) -> str:
    _ = fmt._
    year = int(row["target_year"])
    if period.startswith(str(year)) and not missing(row.get("evidence_value")):
        return _(BOUND_OPEN).format(
            period=period, figure=figure(fmt, plan, row), target=target_figure(fmt, plan, row)
        )
    if missing(row.get("evidence_value")):
        return _(NOT_PUBLISHED_NOTHING).format(year=year)
    return _(NOT_PUBLISHED).format(year=year, figure=figure(fmt, plan, row), period=period)


def evidence_phrase(fmt: Formatter, row: Any) -> str:
    """What the verdict rests on: which figure, how far from the deadline, how many points, whose."""
    _ = fmt._
    period = fmt.period(row.get("evidence_period"))
    if not period or missing(row.get("evidence_value")):
        return _(EVIDENCE_NONE)
    lag = row.get("lag_years")
    lag_text = _(LAG_NONE) if missing(lag) or int(lag) <= 0 else _(LAG_YEARS).format(n=int(lag))
    grade = str(row.get("evidence_grade") or "")
    text = _(EVIDENCE).format(
        period=period,
        lag=lag_text,
        points=int(row.get("n_points") or 0),
        grade=_(GRADE_NAMES.get(grade, grade)),
    )
    return text + (WEAK_MARK if row.get("weak_source") else "")


def evidence_short(fmt: Formatter, row: Any) -> str:
    """The evidence in a few words, for tables: period, points, source grade, weak flag."""
    _ = fmt._
    period = fmt.period(row.get("evidence_period"))
    if not period or missing(row.get("evidence_value")):
        return _(EVIDENCE_NONE)
    grade = str(row.get("evidence_grade") or "")
    text = _(EVIDENCE_SHORT).format(
        period=period, points=int(row.get("n_points") or 0), grade=_(GRADE_NAMES.get(grade, grade))
    )
    return text + (WEAK_MARK if row.get("weak_source") else "")


def decided_by(fmt: Formatter, row: Any) -> str:
    """Who decided: the deadline figure, the latest figure, or a method (by name)."""
    code = str(row.get("decided_by") or "")
    if code in DECIDED_BY:
        return fmt._(DECIDED_BY[code]) if DECIDED_BY[code] else ""
    return fmt.method(code)


def momentum_phrase(fmt: Formatter, row: Any) -> str:
    code = str(row.get("momentum") or "")
    if not code:
        return fmt._(MOMENTUM_WORDS[""])
    return fmt._(MOMENTUM).format(years=row.get("recent_years") or "", word=fmt._(MOMENTUM_WORDS[code]))
