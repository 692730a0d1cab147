"""Report content pieces: source names, indicator metadata, sector matrix, gaps, provinces."""

from __future__ import annotations

import pandas as pd
import pytest

from mic2025.plan import default_plan
from mic2025.present.formatter import Formatter
from mic2025.report.metadata import indicator_metadata
from mic2025.report.sectors import sector_matrix
from mic2025.report.sources import source_names, strip_brackets
from mic2025.report.summary import gap_text


@pytest.fixture(scope="module")
def plan():
    return default_plan()


SOURCES = pd.DataFrame(
    [
        {
            "id": "nbs_yb",
            "title": "China Statistical Yearbook on Science and Technology 2024 (data for 2023)",
            "publisher": "National Bureau of Statistics (table file, copied on GitHub)",
            "published": "2025-03-05",
            "title_original": "中国科技统计年鉴2024", "publisher_original": "国家统计局、科学技术部",
        },
        {
            "id": "news", "title": "China's R&D spending hit record high", "publisher": "China Daily",
            "published": "2020-08-27", "title_original": None, "publisher_original": None,
        },
    ]
)  # fmt: skip


def test_source_names_follow_the_report_language() -> None:
    en = source_names(SOURCES, "en", Formatter("en")._)
    zh = source_names(SOURCES, "zh-Hans", Formatter("zh-Hans")._)
    ja = source_names(SOURCES, "ja", Formatter("ja")._)
    assert en["nbs_yb"].short == "China Statistical Yearbook on Science and Technology 2024"
    assert en["nbs_yb"].dated == "China Statistical Yearbook on Science and Technology 2024, 2025-03-05"
    assert zh["nbs_yb"].short == ja["nbs_yb"].short == "中国科技统计年鉴2024"
    assert zh["nbs_yb"].publisher == "国家统计局、科学技术部"
    assert zh["nbs_yb"].dated == "中国科技统计年鉴2024，2025-03-05"
    # an English-language article has no other original: its own title, in every language
    assert zh["news"].short == "China's R&D spending hit record high"
    assert en["news"].anchor == "src-news"


def test_strip_brackets_drops_trailing_qualifiers_only() -> None:
    assert strip_brackets("Report (abridged) (reprint)") == "Report"
    assert strip_brackets("中国宽带普及状况报告（2016年第二季度）") == "中国宽带普及状况报告"
    assert (
        strip_brackets("Made in China 2025 (Guofa [2015] No. 28) text")
        == "Made in China 2025 (Guofa [2015] No. 28) text"
    )


def test_metadata_block_from_the_plan(plan) -> None:
    fmt = Formatter("zh-Hans")
    ind = plan.indicator("rd_intensity")
    rows = pd.DataFrame({"source": ["news", "nbs_yb"], "status": ["A", "B"], "period": ["2022", "2023"]})
    names = source_names(SOURCES, "zh-Hans", fmt._)
    meta = dict(indicator_metadata(ind, plan, fmt, rows, [], names))
    assert meta["统计部门"] == "国家统计局、科学技术部、财政部"
    assert meta["发布频率"] == "年度"
    assert meta["统计范围"] == "规模以上制造企业"
    # China Daily has no Chinese name recorded: left to the sources annex, not shown in English
    assert meta["所列数据的发布机构"] == "国家统计局、科学技术部"
    en = dict(indicator_metadata(ind, plan, Formatter("en"), rows, [], source_names(SOURCES, "en", str)))
    assert en["Publishers of the figures shown"] == "National Bureau of Statistics; China Daily"
    assert meta["序列断点"] == "2023"
    assert "计算公式" not in meta  # the plan gives no formula for it: left out, never guessed


def test_sector_matrix_counts_figures_by_sector_code(plan) -> None:
    obs = pd.DataFrame(
        {
            "indicator": ["rd_intensity", "rd_intensity", "rd_intensity", "cnc_ratio"],
            "area": ["CN", "CN", "CN-GD", "CN"],
            "sector": ["C3421", "sub_robots", "C3421", "_T"],
            "period": ["2021", "2019", "2021", "2021"],
        }
    )
    matrix = sector_matrix(plan, obs, "CN", Formatter("en"))
    cnc = next(r for r in matrix.rows if r.number == 2)  # high-end CNC machine tools and robots
    assert cnc.cells[0] == "2 (2019–2021)"  # GB/T code C3421 and sub-sector id, national only
    assert cnc.cells[1:] == ["–"] * 11 and cnc.n_figures == 2
    assert all(r.n_figures == 0 for r in matrix.rows if r.number != 2)  # "_T" is no sector


@pytest.mark.parametrize(
    ("indicator", "unit", "lang", "text"),
    [
        ("rd_intensity", "pct", "zh-Hans", "0.14个百分点"),
        ("rd_intensity", "pct", "ja", "0.14ポイント"),
        ("rd_intensity", "pct", "ko", "0.14%포인트"),
        ("energy_intensity", "index_2015_eq_100", "en", "2 index points"),
        ("innovation_centres_cum", "count", "zh-Hans", "14家"),
        ("innovation_centres_cum", "count", "ja", "14か所"),
    ],
)
def test_gaps_read_in_points_or_measure_words(plan, indicator, unit, lang, text) -> None:
    gap = {"rd_intensity": 0.14, "energy_intensity": 2.0, "innovation_centres_cum": 14.0}[indicator]
    assert gap_text(plan, {"gap": gap, "unit": unit, "indicator": indicator}, Formatter(lang)) == text


def test_province_report_names_it_and_shows_its_figures(monitor) -> None:
    from mic2025.report import gather, render_html

    model = gather(monitor, "zh-Hans", area="CN-GD")
    assert model.area_name == "广东省"
    html = render_html(model)
    assert "<h1>评估报告 — 广东省</h1>" in html
    patents = next(s for s in model.indicators if s.id == "invention_patents_intensity")
    _label, rows = patents.proxy_figures[0]
    # 2-25 各地区规上工业企业专利(2018年)：广东 有效发明专利数 328467 (data/provinces/observations.csv)
    assert any(r.period == "2018" and r.value == "328,467件" for r in rows)
    assert all(s.figures or s.proxy_figures for s in model.indicators)  # no empty sections
    # no chart of national targets over an empty frame where the province has no own figure
    assert patents.chart_svg == "" and patents.caption == ""
    article = html.split('id="ind-invention_patents_intensity"')[1].split("</article>")[0]
    assert "<svg" not in article and "本地区没有该指标本身的数据" in article


def test_proxies_not_judged_take_one_line_not_a_method_table(models: dict, htmls: dict) -> None:
    blocks = [b for s in models["en"].indicators for b in s.blocks]
    context = [b for b in blocks if {m.status.code for m in b.methods} == {"not_judged"}]
    assert context and all(b.proxy for b in context)
    html = htmls["en"]
    assert html.count('<table class="methods">') == len(blocks) - len(context)
    assert html.count("not judged: a proxy of another scope or unit, shown for context") == len(context)
