"""Fuzzing, driven by hypothesis, for a bounded number of examples (``FUZZ_EXAMPLES``).

Any bytes given to ``clean_bytes`` end in a result or in ``InputError`` (binary data), and
real PDFs with bytes flipped, cut or inserted given to ``clean_pdf`` in a result or in
``PDFError``: never another exception, never an error message of more than one line.  CI runs these
with the default budget; raise ``FUZZ_EXAMPLES`` to fuzz longer.
"""

from __future__ import annotations

import os

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojibake_fix import PDFError, clean_bytes, clean_pdf, undo
from mojibake_fix.sources import InputError
from mojibake_fix.sources.pdf import extract
from mojibake_fix.sources.text import decode

BUDGET = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = [path.read_bytes() for path in sorted((CORPUS / "pdf").glob("*.pdf")) if path.stat().st_size < 12_000]


@pytest.mark.slow
@BUDGET
@given(st.binary(max_size=2000))
def test_any_bytes_are_cleaned_or_refused_as_binary(data: bytes) -> None:
    try:
        result = clean_bytes(data)
    except InputError as exc:
        assert str(exc).startswith("not a text file") and "\n" not in str(exc)
        return
    result.text.encode("utf-8")
    assert undo(result.text, result.changes, result.summary.line_breaks) == decode(data)[0]


@st.composite
def damaged_pdf(draw: st.DrawFn) -> bytes:
    """A real PDF with a few bytes flipped, a stretch cut out, or random bytes inserted."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert"]))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=40))
        if not data:
            break
    return bytes(data)


@pytest.mark.slow
@BUDGET
@given(damaged_pdf())
def test_damaged_pdfs_give_text_or_a_pdf_error(data: bytes) -> None:
    try:
        result = clean_pdf(data)
    except PDFError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    result.text.encode("utf-8")
    assert undo(result.text, result.changes, result.summary.line_breaks) == extract(data).text
