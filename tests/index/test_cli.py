"""CLI: formats work and the data source is shown."""

import json

from typer.testing import CliRunner

from mic2025.index.cli import app, parse_years

runner = CliRunner()


def test_parse_years():
    assert parse_years("2010-2012,2015") == [2010, 2011, 2012, 2015]


def test_compute_json_and_csv():
    r = runner.invoke(app, ["compute", "cae_mpdi", "--years", "2015", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert "NV.IND.MANF.CD" in json.dumps(data["sources"]) and data["scores"]
    r = runner.invoke(app, ["compute", "unido_cip", "--years", "2015", "--format", "csv"])
    assert r.exit_code == 0 and "sources" in r.output.splitlines()[0]


def test_uncertainty_table_and_bad_spec(tmp_path):
    r = runner.invoke(app, ["uncertainty", "unido_cip", "--n", "200"])
    assert r.exit_code == 0 and "Sobol" in r.output and "Data:" in r.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[index]\nid = 'x'\n")
    r = runner.invoke(app, ["compute", str(bad)])
    assert r.exit_code == 2
