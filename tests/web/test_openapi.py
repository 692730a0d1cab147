"""Schemathesis against the app's own OpenAPI: every GET answers within its documented
shapes (no 500, bodies match the response models, errors use ErrorBody).

The app is built at import because schemathesis parametrizes at collection time.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

import mic2025
from mic2025.web import create_app
from mic2025.web.limits import Limits
from profiles import examples

_DIR = Path(tempfile.mkdtemp(prefix="mic2025-schema-"))
mic2025.init(_DIR / "schema.duckdb").close()
# schemathesis sends made-up tokens by the hundred; the rate limit has its own test
APP = create_app(str(_DIR / "schema.duckdb"), limits=Limits(auth_failures=10**9))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(method="GET")


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterator[None]:
    yield
    APP.state.publication.close()
    shutil.rmtree(_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=examples(12), deadline=None, suppress_health_check=list(HealthCheck))
def test_get_endpoints_conform(case) -> None:
    # negative-data rejection is left out: it sends e.g. ``indicator=false`` as a
    # "boolean" to string parameters, which any query string is; test_api_read checks
    # the rejections that matter (bad dates, languages, years, specs).  Positive-data
    # acceptance is left out too: an indicator, area or sector the plan does not know
    # is a 422 by design (a typo must not look like "no figures"), and the schema
    # cannot list every valid code of every plan
    case.call_and_validate(excluded_checks=[negative_data_rejection, positive_data_acceptance])


# -- stateful: sequences of calls linked by the schema's OpenAPI links ------------------
# (a write's batch id -> read, approve, reject it; a new token's name -> revoke it), run
# once without a token (every write refused before its body is read) and once with an
# admin's, so that every link is followed for real.
with APP.state.publication.locked(write=True) as _m:
    from mic2025.store.tokens import issue_token

    _ADMIN = issue_token(_m.store.con, "stateful-admin", ["admin"])
    _GD = issue_token(_m.store.con, "stateful-gd", ["area:CN-GD"])

STATEFUL = schemathesis.openapi.from_asgi("/openapi.json", APP)


def _machine(headers: dict[str, str]):
    class Machine(STATEFUL.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, **kwargs):
            case.validate_response(
                response, excluded_checks=[negative_data_rejection, positive_data_acceptance]
            )

    return Machine


@pytest.mark.parametrize(
    "who",
    ["anonymous", "province", "admin"],
)
def test_stateful_sequences(who: str) -> None:
    headers = {
        "anonymous": {},
        "province": {"Authorization": f"Bearer {_GD}"},
        "admin": {"Authorization": f"Bearer {_ADMIN}"},
    }[who]
    _machine(headers).run(
        settings=settings(
            max_examples=examples(8),
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
