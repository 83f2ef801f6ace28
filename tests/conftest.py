"""Shared paths for the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
BROCHURE_INPUT = CORPUS / "brochure" / "input.txt"
BROCHURE_EXPECTED = CORPUS / "brochure" / "expected.txt"
