"""Word accuracy on the real PDFs of ``corpus/pdf``: raw pdfminer.six, + ftfy, mojibake-fix.

For every PDF with a reference text (``corpus/pdf/<name>.txt``, the words typeset), the
reference's words are matched in order against each tool's words (difflib on the word
lists, white space and form feeds as separators); accuracy is the share of reference
words matched.  Three readings of the same extraction, side by side:

* raw: ``pdfminer.high_level.extract_text`` with the layout parameters mojibake-fix uses;
* + ftfy: that text through ``ftfy.fix_text`` (default settings);
* mojibake-fix: ``mojibake_fix.clean_pdf`` (the same extraction, then every repair on by
  default for PDF input).

Also counted: reference words the raw extraction had right and mojibake-fix made wrong
(a real word "repaired"), and in each output: ligature code points, spacing accents glued to a letter,
``(cid:N)`` codes, and line ends "letter-" (hyphenation left or kept).

    python benchmarks/pdf.py                 # a Markdown table on standard output
"""

from __future__ import annotations

import argparse
import difflib
import platform
import re
from datetime import date
from pathlib import Path

import ftfy

import mojibake_fix
from mojibake_fix.sources.pdf import extract

PDFS = Path(__file__).resolve().parent.parent / "corpus" / "pdf"
LIGATURE = re.compile("[\ufb00-\ufb06]")
SPACING_ACCENT = re.compile(r"[`´ˆ˜¨¸ˇ˘˙˚˝˛¯](?=\w)|(?<=\w)[`´ˆ˜¨¸ˇ˘˙˚˝˛¯]")
CID = re.compile(r"\(cid:\d+\)")
HYPHEN_END = re.compile(r"\w-$", re.MULTILINE)


def word_accuracy(reference: str, text: str) -> float:
    """The share of ``reference``'s words found in order in ``text`` (white space and form
    feeds separate words; difflib aligns the two word lists).

    >>> word_accuracy("le conseil a été lancé", "le con seil a été lancé")
    0.8
    """
    ref, got = reference.replace("\f", " ").split(), text.replace("\f", " ").split()
    matcher = difflib.SequenceMatcher(None, ref, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(ref), 1)


def matched(reference: str, text: str) -> set[int]:
    """Indexes of the reference's words that ``text`` has, aligned in order."""
    matcher = difflib.SequenceMatcher(None, reference.split(), text.replace("\f", " ").split(), autojunk=False)
    return {block.a + i for block in matcher.get_matching_blocks() for i in range(block.size)}


def leftovers(text: str) -> str:
    """Counts of damage left: ligatures / spacing accents / cid codes / hyphenated ends."""
    counts = [len(pattern.findall(text)) for pattern in (LIGATURE, SPACING_ACCENT, CID, HYPHEN_END)]
    return " / ".join(map(str, counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    print(f"Run {date.today()} on {platform.machine()} {platform.system()}, Python {platform.python_version()}, "
          f"ftfy {ftfy.__version__}, mojibake-fix {mojibake_fix.__version__}\n")
    print("| PDF | words | raw | raw + ftfy | mojibake-fix | right words made wrong | left (lig / accent / cid / hyphen): raw → mojibake-fix |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    totals = [0.0, 0.0, 0.0]
    count = broken = 0
    for reference_path in sorted(PDFS.glob("*.txt")):
        pdf = reference_path.with_suffix(".pdf")
        data = pdf.read_bytes()
        reference = reference_path.read_text(encoding="utf-8")
        raw = extract(data).text
        outputs = [raw, ftfy.fix_text(raw), mojibake_fix.clean_pdf(data).text]
        scores = [word_accuracy(reference, text) for text in outputs]
        totals = [t + s * len(reference.split()) for t, s in zip(totals, scores)]
        count += len(reference.split())
        cells = " | ".join(f"{score:.2%}" for score in scores)
        damaged = len(matched(reference, raw) - matched(reference, outputs[2]))
        broken += damaged
        print(f"| {pdf.name} | {len(reference.split())} | {cells} | {damaged} | {leftovers(raw)} → {leftovers(outputs[2])} |")
    cells = " | ".join(f"{total / count:.2%}" for total in totals)
    print(f"| all | {count} | {cells} | {broken} | |")


if __name__ == "__main__":
    main()
