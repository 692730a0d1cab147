"""Bundled international data as a long frame, and the country×year×indicator array.

The raw files under ``data/international`` are copied byte-for-byte from public
snapshots (see ``data/international/SOURCES.md``).  We read them as they are, keep every
missing value missing, and derive the spec's indicators (ratios such as share of world
manufacturing) from them; nothing is filled in here — imputation is a separate, explicit
step chosen by the spec.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from mic2025.index.spec import IndexSpec


@dataclass(frozen=True)
class Series:
    """One raw series in the bundle: where it comes from and what it measures."""

    file: str
    code: str
    title: str
    kind: str = "wdi_long"  # wdi_long | wb_wide | owid
    column: str | None = None  # OWID column


SERIES: dict[str, Series] = {
    "mva_usd": Series(
        "wdi_nv.ind.manf.cd_wb_api_2023-04_3sigfig.csv",
        "NV.IND.MANF.CD",
        "Manufacturing value added, current US$ (3 significant digits)",
        kind="wb_wide",
    ),
    "gdp_usd": Series("wdi_ny.gdp.mktp.cd.csv", "NY.GDP.MKTP.CD", "GDP, current US$"),
    "industry_pct_gdp": Series(
        "wdi_nv.ind.totl.zs.csv", "NV.IND.TOTL.ZS", "Industry incl. construction, VA % of GDP"
    ),
    "mht_pct_mva": Series(
        "wdi_nv.mnf.tech.zs.un.csv",
        "NV.MNF.TECH.ZS.UN",
        "Medium and high-tech manufacturing VA, % of manufacturing VA (UNIDO)",
    ),
    "hitech_exports_usd": Series(
        "wdi_tx.val.tech.cd.csv", "TX.VAL.TECH.CD", "High-technology exports, current US$"
    ),
    "hitech_pct_mfg_exports": Series(
        "wdi_tx.val.tech.mf.zs.csv",
        "TX.VAL.TECH.MF.ZS",
        "High-technology exports, % of manufactured exports",
    ),
    "rd_pct_gdp": Series("wdi_gb.xpd.rsdv.gd.zs.csv", "GB.XPD.RSDV.GD.ZS", "R&D expenditure, % of GDP"),
    "energy_intensity": Series(
        "wdi_eg.egy.prim.pp.kd.csv",
        "EG.EGY.PRIM.PP.KD",
        "Energy intensity, MJ per 2017 PPP $ of GDP",
    ),
    "gdp_per_worker": Series(
        "wdi_sl.gdp.pcap.em.kd.csv",
        "SL.GDP.PCAP.EM.KD",
        "GDP per person employed, constant PPP $",
    ),
    "patents_resident": Series("wdi_ip.pat.resd.csv", "IP.PAT.RESD", "Patent applications, residents"),
    "population": Series(
        "owid-co2-data_2020-12.csv",
        "population",
        "Population (OWID, Dec 2020)",
        kind="owid",
        column="population",
    ),
    "co2_per_gdp": Series(
        "owid-co2-data_2020-12.csv",
        "co2_per_gdp",
        "CO2 per $ GDP, kg per int.-$ (OWID)",
        kind="owid",
        column="co2_per_gdp",
    ),
}


def default_data_dir() -> Path:
    """``$MIC2025_INTL_DATA`` or the bundled ``data/international``."""
    from mic2025.data_files import data_dir

    env = os.environ.get("MIC2025_INTL_DATA")
    if env:
        return Path(env)
    return data_dir() / "international"


def _read_series(path: Path, s: Series) -> pd.DataFrame:
    if s.kind == "wdi_long":
        df = pd.read_csv(path, encoding="utf-8-sig")
        df = df.rename(columns={"Country Code": "country", "Year": "year", "Value": "value"})
    elif s.kind == "wb_wide":
        wide = pd.read_csv(path, encoding="utf-8-sig")
        year_cols = [c for c in wide.columns if str(c).isdigit()]
        df = wide.melt(
            id_vars=["Country Code"], value_vars=year_cols, var_name="year", value_name="value"
        ).rename(columns={"Country Code": "country"})
    elif s.kind == "owid":
        df = pd.read_csv(path, usecols=["iso_code", "country", "year", s.column])
        df.loc[df["country"] == "World", "iso_code"] = "WLD"
        df = df.rename(columns={"iso_code": "c", s.column: "value"})
        df = df.drop(columns="country").rename(columns={"c": "country"})
    else:  # pragma: no cover - guarded by SERIES definition
        raise ValueError(s.kind)
    df = df[["country", "year", "value"]].dropna(subset=["country", "value"])
    df["year"] = df["year"].astype(int)
    df["value"] = df["value"].astype(float)
    return df


@lru_cache(maxsize=4)
def _load_raw_cached(data_dir: str) -> pd.DataFrame:
    frames = []
    for sid, s in SERIES.items():
        df = _read_series(Path(data_dir) / s.file, s)
        df["series"] = sid
        frames.append(df)
    return pd.concat(frames, ignore_index=True)[["country", "year", "series", "value"]]


def load_raw(data_dir: Path | None = None) -> pd.DataFrame:
    """All bundled series as a long frame ``country, year, series, value`` (no gaps filled)."""
    return _load_raw_cached(str(data_dir or default_data_dir())).copy()


@dataclass
class Panel:
    """Indicator values as an array ``values[country, year, indicator]`` (NaN = missing)."""

    countries: list[str]
    years: list[int]
    indicators: list[str]
    values: np.ndarray
    sources: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_long(
        cls,
        df: pd.DataFrame,
        countries: list[str],
        indicators: list[str],
        years: list[int] | None = None,
        sources: dict[str, str] | None = None,
    ) -> Panel:
        """Build from a long frame with columns ``country, year, indicator, value``."""
        if years is None:
            years = sorted(int(y) for y in df["year"].unique())
        arr = np.full((len(countries), len(years), len(indicators)), np.nan)
        ci = {c: k for k, c in enumerate(countries)}
        ti = {y: k for k, y in enumerate(years)}
        ii = {x: k for k, x in enumerate(indicators)}
        sub = df[df["country"].isin(ci) & df["year"].isin(ti) & df["indicator"].isin(ii)].dropna(
            subset=["value"]
        )
        arr[
            sub["country"].map(ci).to_numpy(int),
            sub["year"].map(ti).to_numpy(int),
            sub["indicator"].map(ii).to_numpy(int),
        ] = sub["value"].to_numpy(float)
        return cls(list(countries), list(years), list(indicators), arr, dict(sources or {}))

    def to_long(self) -> pd.DataFrame:
        c, t, i = np.meshgrid(
            np.arange(len(self.countries)),
            np.arange(len(self.years)),
            np.arange(len(self.indicators)),
            indexing="ij",
        )
        return pd.DataFrame(
            {
                "country": np.asarray(self.countries, dtype=object)[c.ravel()],
                "year": np.asarray(self.years)[t.ravel()],
                "indicator": np.asarray(self.indicators, dtype=object)[i.ravel()],
                "value": self.values.ravel(),
            }
        )


def describe_source(spec: IndexSpec, indicator_id: str) -> str:
    """Human-readable provenance of one derived indicator (file and indicator codes)."""
    ind = next(i for i in spec.indicators if i.id == indicator_id)
    s = SERIES[ind.series]
    text = f"{s.code} ({s.file})"
    if ind.per:
        d = SERIES[ind.per]
        text += f" / {d.code} ({d.file})"
    if ind.per_world:
        text += f" / world {spec.index.world}"
    return text


def derive_indicators(spec: IndexSpec, raw: pd.DataFrame) -> pd.DataFrame:
    """Compute the spec's indicators from raw series: ``country, year, indicator, value``.

    A ratio is missing whenever numerator or denominator is missing — never filled.
    """
    wide = raw.pivot_table(index=["country", "year"], columns="series", values="value")
    out = []
    for ind in spec.indicators:
        if ind.series not in wide.columns:
            raise KeyError(f"indicator {ind.id}: series {ind.series!r} not in the data")
        num = wide[ind.series]
        if ind.per is not None:
            if ind.per not in wide.columns:
                raise KeyError(f"indicator {ind.id}: series {ind.per!r} not in the data")
            val = num / wide[ind.per]
        elif ind.per_world:
            world = num.xs(spec.index.world, level="country")
            years = num.index.get_level_values("year")
            val = num / world.reindex(years).to_numpy()
        else:
            val = num
        val = (val * ind.scale).rename("value").reset_index()
        val["indicator"] = ind.id
        out.append(val.dropna(subset=["value"]))
    return pd.concat(out, ignore_index=True)[["country", "year", "indicator", "value"]]


def build_panel(spec: IndexSpec, raw: pd.DataFrame | None = None, data_dir: Path | None = None) -> Panel:
    """Panel of the spec's countries × years × indicators from the bundled data."""
    raw = load_raw(data_dir) if raw is None else raw
    long = derive_indicators(spec, raw)
    if spec.index.years is not None:
        years = list(range(spec.index.years[0], spec.index.years[1] + 1))
    else:
        years = sorted(long.loc[long["country"].isin(spec.index.countries), "year"].unique())
    sources = {i.id: describe_source(spec, i.id) for i in spec.indicators}
    return Panel.from_long(long, spec.index.countries, spec.indicator_ids, years, sources)
