"""PDF reports: real CJK glyphs, indicator names and table figures in the text, pages render."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mic2025.plan.model import LANGUAGES
from mic2025.report.context import Formatter

POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo"))
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session", autouse=True)
def _needs_poppler() -> None:
    """Session-scoped, so it runs (and skips) before the session's PDFs are rendered."""
    if not POPPLER:
        pytest.skip("poppler-utils (pdftotext, pdffonts, pdftoppm) missing: scripts/test.sh installs it")


CJK_FONT = {
    "zh-Hans": "Noto-Sans-CJK-SC",
    "zh-Hant": "Noto-Sans-CJK-HK",
    "ja": "Noto-Sans-CJK-JP",
    "ko": "Noto-Sans-CJK-KR",
}


@pytest.fixture(scope="module")
def poppler(rendered: dict[str, dict[str, str]]) -> dict[tuple[str, str], str]:
    """pdftotext and pdffonts output per language (run by the session fixture's workers)."""
    return {(kind, lang): r[kind] for lang, r in rendered.items() for kind in ("text", "fonts")}


def _squash(text: str) -> str:
    """Without whitespace: pdftotext breaks long names across lines (and CJK has no spaces)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_renders(pdfs: dict[str, Path], lang: str) -> None:
    data = pdfs[lang].read_bytes()
    assert data.startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(pdfs[lang])], capture_output=True, text=True, check=True)
    assert int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1)) > 20


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdftotext_has_indicator_names_and_figures(poppler: dict, models: dict, lang: str, monitor) -> None:
    text = _squash(poppler[("text", lang)])
    for section in models[lang].indicators:
        assert _squash(section.label) in text, section.label
    fmt = Formatter(lang)
    for ind in ("broadband_penetration", "rd_intensity", "water_intensity"):
        for r in monitor.observations(indicator=ind).itertuples():
            assert _squash(fmt.num(r.value)) in text, (ind, r.period, r.value)
    if lang != "en":  # the interface words are the catalogue's, not English
        from mic2025.i18n import translator

        assert _squash(translator(lang)("Executive summary")) in text
        assert "Executivesummary" not in text


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "ja", "ko"])
def test_pdffonts_shows_embedded_cjk_font(poppler: dict, lang: str) -> None:
    out = poppler[("fonts", lang)]
    rows = [line.split() for line in out.splitlines()[2:]]
    cjk = [r for r in rows if CJK_FONT[lang] in r[0]]
    assert cjk, out
    assert all(r[-5] == "yes" for r in cjk), out  # the 'emb' column


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdftoppm_renders_first_pages(pdfs: dict[str, Path], lang: str, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdfs[lang]), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    assert all(p.stat().st_size > 5_000 for p in pages)  # not blank
