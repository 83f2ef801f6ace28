"""PDF input end to end: the real ``clean-text`` on the real PDFs of ``corpus/pdf``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS
from pdf import word_accuracy
from test_cli import run

from mojibake_fix import PDFError, clean_pdf, undo
from mojibake_fix.sources.pdf import extract

PDFS = CORPUS / "pdf"
GOOD = sorted(path.stem for path in PDFS.glob("*.pdf"))
#: What must never be left in the output of a PDF: ligature code points, spacing accents
#: glued to letters, pdfminer's unmapped codes, Mac-Roman mojibake, controls.
LEFTOVERS = ["ﬀ", "ﬁ", "ﬂ", "ﬃ", "ﬄ", "(cid:", "´e", "`e", "ˆe", "¨u", "Ž", "Õ", "\x0c", "\x8f", "≪"]


@pytest.mark.parametrize("name", GOOD)
def test_pdf_cleaned_end_to_end(name: str, tmp_path: Path) -> None:
    out, report = tmp_path / "out.txt", tmp_path / "report.jsonl"
    done = run(str(PDFS / f"{name}.pdf"), "-o", str(out), "--report", str(report), "--report-format", "jsonl")
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    raw = extract((PDFS / f"{name}.pdf").read_bytes()).text
    assert len(text.split("\n")) == len(raw.split("\n")), "one output line per extracted line"
    for leftover in LEFTOVERS:
        assert leftover not in text, leftover
    reference = (PDFS / f"{name}.txt").read_text(encoding="utf-8")
    assert word_accuracy(reference, text) >= 0.995 > word_accuracy(reference, raw)
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    summary = records[0]
    assert summary["type"] == "summary" and summary["encoding"] == "pdf" and summary["pages"] >= 1
    changes = [r for r in records if r["type"] == "change"]
    assert all(1 <= c["page"] <= summary["pages"] for c in changes)


def test_report_gives_pages_and_undoes_the_extraction() -> None:
    data = (PDFS / "fr-macroman-winansi.pdf").read_bytes()
    result = clean_pdf(data)
    pages = {change.page for change in result.changes}
    assert pages == {1, 2}
    assert undo(result.text, result.changes, result.summary.line_breaks) == extract(data).text
    assert "compiler des définitions de paramètres régionaux" in result.text


def test_unmapped_mac_roman_codes_come_back() -> None:
    data = (PDFS / "cid-macroman.pdf").read_bytes()
    # glyph names no reader knows leave their codes unmapped, not read as the standard encoding
    assert "(cid:199) - (cid:200)" in extract(data).text
    result = clean_pdf(data)
    assert "(cid:" not in result.text
    assert "entrée n’est fourni, ou si son nom est un tiret (« - »)" in result.text


def test_wrong_xref_offsets_are_recovered() -> None:
    data = (PDFS / "bad" / "xref-offsets-wrong.pdf").read_bytes()
    result = clean_pdf(data)
    assert result.summary.xref_rebuilt is True
    assert result.text.startswith("Si aucun fichier entrée n’est fourni")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.pdf", "empty file"),
        ("not-a-pdf.pdf", "not a PDF file"),
        ("encrypted.pdf", "encrypted PDF: a password is needed"),
        ("truncated.pdf", "damaged PDF"),
        ("no-text.pdf", "no text in the PDF"),
    ],
)
def test_bad_pdf_gives_one_clear_line(name: str, message: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    done = run(str(PDFS / "bad" / name), "-o", str(out))
    assert done.returncode == 1
    error = done.stderr.decode("utf-8")
    assert error.count("\n") == 1 and "Traceback" not in error
    assert error.startswith(f"clean-text: error: {PDFS / 'bad' / name}: {message}")
    assert not out.exists(), "no output file for a failed input"


def test_encrypted_pdf_with_its_password() -> None:
    done = run(str(PDFS / "bad" / "encrypted.pdf"), "--password", "utilisateur")
    assert done.returncode == 0, done.stderr
    assert "Si aucun fichier" in done.stdout.decode("utf-8")


def test_library_raises_pdf_error() -> None:
    with pytest.raises(PDFError, match="not a PDF"):
        clean_pdf(b"plain text, not a PDF")
