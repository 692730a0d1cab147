"""Spec loading: built-ins validate; errors name the field and the line."""

import pytest

from mic2025.index.spec import SpecError, load_spec, parse_spec


@pytest.mark.parametrize("name", ["cae_mpdi", "unido_cip"])
def test_builtins_load(name):
    s = load_spec(name)
    assert s.index.id == name and s.departures


def test_error_names_field_and_line():
    text = (
        load_spec.__module__
        and open(  # noqa: SIM115
            __import__("mic2025.index.spec", fromlist=["x"]).builtin_path("cae_mpdi"), encoding="utf-8"
        ).read()
    )
    bad = text.replace('direction = "lower"', 'direction = "sideways"')
    line = bad.splitlines().index('direction = "sideways"') + 1
    with pytest.raises(SpecError) as e:
        parse_spec(bad, "cae.toml")
    assert f"cae.toml:line {line}" in str(e.value) and "direction" in str(e.value)


def test_toml_syntax_error():
    with pytest.raises(SpecError, match="line"):
        parse_spec("[index\nid=1")
