"""Hypothesis profiles for the property tests.

The same examples on every run unless asked otherwise (``derandomize``), so a green
submission cannot turn red by luck: CI and a plain ``pytest`` use profile ``ci``.
``HYPOTHESIS_PROFILE=wide pytest`` explores twenty times as many random cases on
demand (README, development).  Tests size themselves with ``examples(n)``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "wide",
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """How many examples a property test draws under the active profile: n, or 20 n."""
    return n * 20 if PROFILE == "wide" else n
