#!/usr/bin/env python3
"""Build the scientific PDFs of the negative set, ``corpus/negative/pdf/``.

For each ``science-<lang>.tex`` (written by hand: sentences of ``science-<lang>.txt``
typeset with real maths mode) the script

1. typesets it with pdflatex (the reproducible settings of ``scripts/build_pdfs.py``:
   ``SOURCE_DATE_EPOCH`` and ``FORCE_SOURCE_DATE``; the documents set
   ``\\pdftrailerid{}``, ``\\pdfinfoomitdate=1`` and ``\\pdfsuppressptexinfo=-1``) into
   ``science-<lang>.pdf``;
2. extracts its text as the project reads PDFs (``mojibake_fix.sources.pdf.extract``,
   pdfminer.six), form feeds included, into ``science-<lang>.extract.txt``;
3. writes ``science-<lang>.reference.txt``: the same lines with the extraction damage
   corrected, by the corrections listed in ``CORRECTIONS`` (found by reading the extract
   against the page; each must apply as often as listed, or the script stops).

The damage corrected is that of maths typesetting, not of text: math accents extracted
as a spacing accent before their letter (``ˆeI3`` for ê with the subscript I3),
blackboard-bold letters extracted as plain ones (``N`` for ℕ), the negated ``∉`` drawn
as ``/`` over ``∈``.  Everything else in the extract is a faithful rendering of the page
(subscripts written after their letter, hyphenated line ends, page breaks) and is kept.

    python3 scripts/build_negative_pdfs.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
FOLDER = REPO_ROOT / "corpus" / "negative" / "pdf"
SOURCE_DATE_EPOCH = "1704067200"
NAMES = ("science-en", "science-de", "science-fr")
PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-lang-french texlive-lang-german lmodern"

#: name → (what the extract has, what the page shows, how many times)
CORRECTIONS: dict[str, tuple[tuple[str, str, int], ...]] = {
    "science-en": (
        ("s ∈ N ", "s ∈ ℕ ", 1), ("R3", "ℝ3", 1), ("f (", "f(", 2), ("map T ,", "map T,", 1),
        ("T (x∞)", "T(x∞)", 1), ("ˆeI3", "êI3", 1), ("˜y", "ỹ", 1), ("¯x", "x̄", 1), ("∆", "Δ", 1),
        ("/∈", "∉", 1),
    ),
    "science-de": (
        ("x ∈ R.", "x ∈ ℝ.", 1), ("k ∈ Z.", "k ∈ ℤ.", 1), ("s ∈ N ", "s ∈ ℕ ", 1), ("ˆeI3", "êI3", 1),
        ("ˆy", "ŷ", 1), ("˜y", "ỹ", 1), ("¯x", "x̄", 1), ("/∈", "∉", 1), ("dim V .", "dim V.", 1),
    ),
    "science-fr": (
        ("k ∈ Z.", "k ∈ ℤ.", 1), ("s ∈ N\n", "s ∈ ℕ\n", 1), ("f (", "f(", 2), ("de f .", "de f.", 1),
        ("ˆeI3", "êI3", 1), ("ˆy", "ŷ", 1), ("˜y", "ỹ", 1), ("¯x", "x̄", 1), ("/∈", "∉", 1),
    ),
}
"""Where the extract differs from the page: blackboard bold read as plain letters, a space
after an italic letter before "(", "," or ".", math accents as spacing accents before their
letter (ê ŷ ỹ x̄), U+2206 INCREMENT for the Greek capital delta, "/∈" for "∉"."""


def typeset(name: str, workdir: Path) -> bytes:
    """Run pdflatex on ``<name>.tex``; the PDF's bytes."""
    shutil.copy(FOLDER / f"{name}.tex", workdir / f"{name}.tex")
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "FORCE_SOURCE_DATE": "1"}
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=workdir, env=env, capture_output=True, encoding="utf-8", errors="replace", check=False,
    )
    if result.returncode != 0:
        sys.exit(f"pdflatex failed on {name}.tex:\n{result.stdout[-2000:]}")
    return (workdir / f"{name}.pdf").read_bytes()


def reference(name: str, extract: str) -> str:
    """The extract with its listed corrections made, line count unchanged."""
    text = extract
    for wrong, right, times in CORRECTIONS.get(name, ()):
        found = text.count(wrong)
        if found != times:
            sys.exit(f"{name}: {wrong!r} found {found} times, expected {times}")
        text = text.replace(wrong, right)
    assert text.count("\n") == extract.count("\n")
    return text


def main() -> int:
    """Rebuild every PDF, extract and reference."""
    if not shutil.which("pdflatex"):
        sys.exit(f"pdflatex is missing: apt-get install --no-install-recommends {PACKAGES}")
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from mojibake_fix.sources.pdf import extract

    with tempfile.TemporaryDirectory() as tmp:
        for name in NAMES:
            data = typeset(name, Path(tmp))
            (FOLDER / f"{name}.pdf").write_bytes(data)
            text = extract(data).text
            (FOLDER / f"{name}.extract.txt").write_text(text, encoding="utf-8")
            (FOLDER / f"{name}.reference.txt").write_text(reference(name, text), encoding="utf-8")
            print(f"{name}.pdf: {len(data)} bytes, {text.count(chr(10)) + 1} lines extracted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
