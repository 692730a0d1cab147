"""Tiny hand-made record sets shared by the tests."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from mic2025.microdata.schema import POLARS_SCHEMA, validate_records


def records(rows: list[dict]) -> pl.DataFrame:
    """Typed, validated records; unspecified columns get harmless defaults."""
    defaults = {
        "year": 2020,
        "size_class": "M",
        "above_designated_size": True,
        "weight": 1.0,
        "revenue": 1000.0,
        "rd_expenditure": 0.0,
        "invention_patents": 0,
        "digital_design_tools": None,
        "cnc_ratio": None,
        "employees": 100,
        "value_added": 250.0,
        "energy_tce": 10.0,
        "water_m3": 100.0,
        "solid_waste_generated_t": 1.0,
        "solid_waste_used_t": 1.0,
    }
    full = [defaults | r for r in rows]
    df = pl.DataFrame(full, schema=POLARS_SCHEMA)
    return validate_records(df)


def write(df: pl.DataFrame, path: Path) -> Path:
    df.write_parquet(path)
    return path


HAND = [
    # id, province, industry, above, weight, revenue, rd, patents, tools, cnc
    dict(
        enterprise_id=1,
        province="CN-GD",
        industry="C3911",
        above_designated_size=True,
        weight=1.0,
        revenue=1000.0,
        rd_expenditure=20.0,
        invention_patents=2,
        digital_design_tools=True,
        cnc_ratio=60.0,
    ),
    dict(
        enterprise_id=2,
        province="CN-GD",
        industry="C3912",
        above_designated_size=True,
        weight=1.0,
        revenue=3000.0,
        rd_expenditure=30.0,
        invention_patents=1,
        digital_design_tools=False,
        cnc_ratio=40.0,
    ),
    dict(
        enterprise_id=3,
        province="CN-GD",
        industry="C2611",
        above_designated_size=False,
        size_class="S",
        weight=10.0,
        revenue=500.0,
        rd_expenditure=0.0,
        digital_design_tools=True,
        cnc_ratio=None,
    ),
    dict(
        enterprise_id=4,
        province="CN-JS",
        industry="C39",
        above_designated_size=True,
        weight=1.0,
        revenue=6000.0,
        rd_expenditure=150.0,
        invention_patents=3,
        digital_design_tools=None,
        cnc_ratio=80.0,
    ),
    dict(
        enterprise_id=5,
        province="CN-JS",
        industry="C2612",
        above_designated_size=False,
        size_class="XS",
        weight=20.0,
        revenue=200.0,
        rd_expenditure=1.0,
        digital_design_tools=False,
        cnc_ratio=20.0,
    ),
    # mining (B06): outside manufacturing, must not count anywhere
    dict(
        enterprise_id=6,
        province="CN-JS",
        industry="B0610",
        above_designated_size=True,
        weight=1.0,
        revenue=9999.0,
        rd_expenditure=999.0,
        invention_patents=99,
        digital_design_tools=True,
        cnc_ratio=99.0,
    ),
]
