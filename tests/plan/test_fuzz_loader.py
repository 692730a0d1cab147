"""Hostile plan files: random bytes, random TOML, and the built-in plan with parts
deleted, retyped or replaced.  The loader either returns a Plan or raises
PlanFileError naming what is wrong; it never raises anything else (a plan is loaded
by ``mic2025 serve --plan`` and every command's ``--plan``).

Sized by the project's Hypothesis profile (``profiles.examples``).
"""

from __future__ import annotations

import copy
import json
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mic2025.plan import Plan
from mic2025.plan.loader import BUILTIN_PLAN_DIR, PlanFileError, load_plan
from profiles import examples

BUILTIN = {
    f.name: tomllib.loads(f.read_text(encoding="utf-8")) for f in sorted(BUILTIN_PLAN_DIR.glob("*.toml"))
}


def load(files: dict[str, bytes]) -> Plan | None:
    with tempfile.TemporaryDirectory(prefix="mic2025-plan-fuzz-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        target = Path(tmp) / next(iter(files)) if len(files) == 1 else Path(tmp)
        try:
            return load_plan(target)
        except PlanFileError as exc:
            assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
            return None


SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(),
)
TOMLISH = st.recursive(
    st.one_of(st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(), st.text(max_size=20), st.dates()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=examples(100), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".toml", ".json"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    load({f"plan{suffix}": data})


@settings(max_examples=examples(100), suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.dictionaries(st.text(min_size=1, max_size=12), TOMLISH, max_size=8))
def test_random_toml_documents(doc: dict[str, Any]) -> None:
    load({"plan.toml": tomli_w.dumps(doc).encode()})
    load({"plan.json": json.dumps(doc, default=str).encode()})


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):  # the first few items of each list suffice
            out += _paths(v, (*prefix, i))
    return out


PATHS = {name: _paths(doc) for name, doc in BUILTIN.items()}


def _set(doc: Any, path: tuple, value: Any, delete: bool) -> None:
    for step in path[:-1]:
        doc = doc[step]
    if delete:
        del doc[path[-1]]
    else:
        doc[path[-1]] = value


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_builtin_plan_mutated(data: st.DataObject) -> None:
    """The real plan with up to three parts deleted or replaced by values of any type."""
    docs = copy.deepcopy(BUILTIN)
    for _ in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(sorted(PATHS)))
        if not PATHS[name]:
            continue
        path = data.draw(st.sampled_from(PATHS[name]))
        try:
            _set(
                docs[name],
                path,
                data.draw(TOMLISH | SCALAR.filter(lambda v: v is not None)),
                data.draw(st.booleans()),
            )
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the place
    try:
        files = {name: tomli_w.dumps(doc).encode() for name, doc in docs.items()}
    except (TypeError, ValueError):
        return  # not writable as TOML (a NaN key...): nothing to load
    load(files)


def test_builtin_plan_still_loads() -> None:
    plan = load({name: tomli_w.dumps(doc).encode() for name, doc in BUILTIN.items()})
    assert plan is not None and plan.indicators
