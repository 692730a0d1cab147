"""Message catalogues: complete in four languages, in step with the code, English per string."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import mic2025.i18n as i18n
from mic2025.report.context import Formatter

LOCALES = Path(i18n.__file__).parent / "locales"
POT = LOCALES / "mic2025.pot"
CATALOGUES = {"zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "ja": "ja", "ko": "ko"}


def _ids(path: Path) -> set[str]:
    with path.open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_every_template_string_is_translated(lang: str) -> None:
    path = LOCALES / CATALOGUES[lang] / "LC_MESSAGES" / "mic2025.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    translated = {m.id: m.string for m in catalog if m.id}
    missing = sorted(i for i in _ids(POT) if not translated.get(i))
    assert not missing, f"{lang}: untranslated {missing}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_translations_keep_placeholders(lang: str) -> None:
    path = LOCALES / CATALOGUES[lang] / "LC_MESSAGES" / "mic2025.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    fields = re.compile(r"\{\w*\}")

    def keys(text: str) -> list[str]:
        return sorted(fields.findall(text))

    wrong = [m.id for m in catalog if m.id and m.string and keys(m.id) != keys(m.string)]
    assert not wrong, f"{lang}: placeholders changed in {wrong}"


def test_template_matches_the_code(tmp_path: Path) -> None:
    """Every ``_()``/``N_()`` string of the package (Python, report and web templates) is in the .pot."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(LOCALES / "babel.cfg"),
            "--no-location",
            "-o",
            str(fresh),
            str(LOCALES.parent),
        ],
        check=True,
        capture_output=True,
    )
    new = _ids(fresh) - _ids(POT)
    assert not new, (
        f"strings missing from the catalogues: {sorted(new)}; run the pybabel extract/update commands "
        "in docs/reports.md and translate them"
    )


def test_missing_string_falls_back_to_english_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    full = dict(i18n._messages("ko"))
    del full["Largest gaps"]
    monkeypatch.setattr(i18n, "_messages", lambda lang: full)
    _ = i18n.translator("ko")
    assert _("Largest gaps") == "Largest gaps"
    assert _("Executive summary") == "요약"
    # engine notes: a fragment the catalogue lacks stays English, the others are translated
    fmt = Formatter("ko")
    text = fmt.notes("approximate target; a brand-new engine note")
    assert text == "근사치 목표; a brand-new engine note"


def test_report_falls_back_per_string(monkeypatch: pytest.MonkeyPatch, monitor) -> None:
    from mic2025.report import build_report

    full = dict(i18n._messages("ja"))
    del full["Largest gaps"]
    monkeypatch.setattr(i18n, "_messages", lambda lang: full if lang == "ja" else {})
    html = build_report(monitor, "ja", "html")
    assert "Largest gaps" in html  # the one missing string, in English
    assert "要旨" in html and "Executive summary" not in html  # everything else in Japanese


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        Formatter("fr")
