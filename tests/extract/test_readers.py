"""Document readers: text, HTML, PDF (text layer), .docx; clean errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mic2025.extract.readers import DocumentError, html_text, read_document

SENTENCE = "到2025年，宽带普及率达到82%。"


def test_plain_text_in_legacy_encodings(tmp_path: Path) -> None:
    for encoding in ("utf-8", "gb18030", "big5"):
        path = tmp_path / f"plan-{encoding}.txt"
        path.write_bytes("到2025年，寬頻普及率達到82%。".encode(encoding))
        assert "82%" in read_document(path).text


def test_html_keeps_blocks_and_cells(tmp_path: Path) -> None:
    page = (
        "<html><head><title>规划</title><script>var x = '2030年100%';</script></head><body>"
        f"<p>{SENTENCE}</p><table><tr><th>指标</th><th>2020年</th></tr>"
        "<tr><td>宽带普及率</td><td>70</td></tr></table></body></html>"
    )
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    text = read_document(path).text
    assert SENTENCE in text
    assert "2030" not in text
    assert "宽带普及率\t70" in text


def test_html_entities() -> None:
    assert "R&D" in html_text("<p>R&amp;D</p>")


def test_pdf_text_layer(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "plan.pdf"
    weasyprint.HTML(string="<p>By 2022, raise the share of manufacturing to 25%.</p>").write_pdf(path)
    document = read_document(path)
    assert document.kind == "pdf"
    assert "25%" in document.text


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(SENTENCE)
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(["指标", "2020年", "2025年"]):
        table.rows[0].cells[i].text = text
    for i, text in enumerate(["宽带普及率（%）", "70", "82"]):
        table.rows[1].cells[i].text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    text = read_document(path).text
    assert SENTENCE in text and "宽带普及率（%）\t70\t82" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
        ("broken.docx", b"PK not a zip", "not a readable .docx"),
        ("binary.txt", b"\x00\x01\x02\x03" * 10, "binary file"),
    ],
)
def test_unreadable_documents_name_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message) as info:
        read_document(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "absent.txt")
