"""Shared paths for the tests."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# benchmarks/negatives.py measures the negative set for the benchmark and the tests alike
sys.path.append(str(ROOT / "benchmarks"))
CORPUS = ROOT / "corpus"
BROCHURE_INPUT = CORPUS / "brochure" / "input.txt"
BROCHURE_EXPECTED = CORPUS / "brochure" / "expected.txt"

# CI runs the property tests with a fixed seed sequence, so that a run on a given
# commit is repeatable; developers' runs explore new examples each time.
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
