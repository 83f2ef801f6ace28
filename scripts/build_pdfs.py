#!/usr/bin/env python3
"""Build the PDF test corpus in ``corpus/pdf/`` from the prose of ``corpus/texts/``.

Every PDF is made by a real tool from real sentences, and each PDF that holds
text comes with ``<name>.txt``, the exact text typeset on its pages: one
paragraph per line, in UTF-8, without hyphenation and with ligatures written
as separate letters.  The PDFs are used to test what text extraction with
pdfminer.six does to such documents (see ``corpus/pdf/README.md``).

Text selection.  For French (``fr.txt``) and German (``de.txt``) the script
takes the window of 50 consecutive lines (one sentence a line) holding the
largest number of distinct words that contain ``ff``, ``fi`` or ``fl``
(so also ``ffi`` and ``ffl``), the earliest such window on a tie.  Every line
of the corpus has accented letters, so the windows are rich in both
ligatures and accents.  Consecutive groups of 5 sentences form the
paragraphs.  ASCII apostrophes are written as ``’`` (U+2019): pdflatex and
groff print the ASCII apostrophe as that glyph, and Mac software typed it.

Made with pdflatex (Computer Modern in the OT1 encoding, or Latin Modern in
T1; babel for hyphenation; 9 cm justified column):

* ``fr-latex-ot1.pdf``, ``de-latex-ot1.pdf``, ``fr-latex-t1.pdf``: LaTeX's
  defaults, which include ToUnicode maps since LaTeX 2022;
* ``fr-latex-ot1-notounicode.pdf``, ``fr-latex-t1-notounicode.pdf``: the same
  French without ToUnicode maps, as LaTeX made them before 2022.

Made with groff (``-ms -mfr``, justified and hyphenated): ``fr-groff.pdf``.

Written by this script's own small PDF writer (Helvetica, not embedded):

* ``fr-macroman-winansi.pdf``: the font declares ``/WinAnsiEncoding`` but the
  strings hold the Mac-Roman bytes of the French text, as old Mac software
  wrote them;
* ``cid-macroman.pdf``: Mac-Roman bytes again, with a ``/Differences``
  encoding that gives the bytes 128-255 unknown glyph names (``/g142``) and
  no ToUnicode map; its text is the first 10 lines of the French window.

Damaged files for robustness tests, in ``bad/`` (no reference text):
``encrypted.pdf`` (qpdf, AES-256, user password ``utilisateur``, owner
password ``proprietaire``), ``truncated.pdf`` (the first half of the bytes of
``fr-groff.pdf``), ``not-a-pdf.pdf`` (UTF-8 text), ``empty.pdf`` (0 bytes),
``no-text.pdf`` (a page with lines and a rectangle only),
``xref-shifted.pdf`` (a valid one-page text PDF with 7 bytes inserted after
its header, so that the offsets of its xref table and ``startxref`` are all
7 bytes short) and ``xref-offsets-wrong.pdf`` (the same with ``startxref``
corrected, so that only the object offsets are wrong).  The small PDF behind
``encrypted.pdf`` and the two ``xref-*`` files holds the first 5 lines of the
French window, correctly encoded in WinAnsi; ``not-a-pdf.pdf`` holds them too.

The output is byte-for-byte reproducible with the same tool versions, except
``bad/encrypted.pdf``: qpdf draws new random salts for AES-256 every time.
All PDFs written by the script's own writer pass ``qpdf --check``, except
the two ``xref-*`` files, which are damaged on purpose.

Run ``python3 scripts/build_pdfs.py --help`` for the options.  If a required
tool is missing, the script prints the ``apt-get install`` command to run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from string import Template

REPO_ROOT = Path(__file__).resolve().parent.parent
TEXTS = REPO_ROOT / "corpus" / "texts"
DEFAULT_OUTPUT = REPO_ROOT / "corpus" / "pdf"

WINDOW = 50
"""Consecutive corpus lines (sentences) typeset in each document."""
PARAGRAPH = 5
"""Sentences per paragraph."""
LIGATURE_PAIR = re.compile("f[fil]")
WORD = re.compile(r"\w+")

SOURCE_DATE_EPOCH = "1704067200"
"""2024-01-01T00:00:00Z, the date the tools write into the PDFs."""

COMMANDS = (
    ("pdflatex", "texlive-latex-base"),
    ("kpsewhich", "texlive-latex-base"),
    ("gropdf", "groff"),
    ("qpdf", "qpdf"),
)
"""Commands the script runs, with the Debian package that provides each."""
TEX_FILES = (
    ("french.ldf", "texlive-lang-french"),
    ("ngerman.ldf", "texlive-lang-german"),
    ("lmodern.sty", "lmodern"),
)
"""TeX files the documents load, with the Debian package that provides each."""

USER_PASSWORD = "utilisateur"
OWNER_PASSWORD = "proprietaire"
XREF_SHIFT = b"%shift\n"
"""Inserted after the header of the ``xref-*`` files; 7 bytes."""


@dataclass(frozen=True)
class Excerpt:
    """Consecutive sentences of a corpus text, as they are typeset."""

    path: Path
    first: int
    """Number (1-based) of the first line taken from ``path``."""
    sentences: tuple[str, ...]

    @property
    def last(self) -> int:
        """Number (1-based) of the last line taken from ``path``."""
        return self.first + len(self.sentences) - 1

    def groups(self, sentences: int | None = None) -> list[tuple[str, ...]]:
        """The first ``sentences`` sentences (all by default), by paragraph."""
        chosen = self.sentences[:sentences]
        return [chosen[i : i + PARAGRAPH] for i in range(0, len(chosen), PARAGRAPH)]

    def paragraphs(self, sentences: int | None = None) -> list[str]:
        """The first ``sentences`` sentences (all by default) as paragraphs."""
        return [" ".join(group) for group in self.groups(sentences)]


def ligature_words(lines: Sequence[str]) -> set[str]:
    """The distinct words of ``lines`` that contain ff, fi or fl."""
    return {
        word
        for line in lines
        for word in WORD.findall(line)
        if LIGATURE_PAIR.search(word)
    }


def select_excerpt(path: Path, size: int = WINDOW) -> Excerpt:
    """The window of ``size`` lines of ``path`` richest in ligature words."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = max(
        range(len(lines) - size + 1),
        key=lambda s: (len(ligature_words(lines[s : s + size])), -s),
    )
    sentences = tuple(
        line.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}")
        for line in lines[start : start + size]
    )
    return Excerpt(path, start + 1, sentences)


# --------------------------------------------------------------------------
# Tools


def missing_packages() -> list[str]:
    """Debian packages to install before the script can run, in order."""
    missing = [package for command, package in COMMANDS if not shutil.which(command)]
    if shutil.which("kpsewhich"):
        missing += [
            package
            for name, package in TEX_FILES
            if subprocess.run(
                ["kpsewhich", name], capture_output=True, check=False
            ).returncode
        ]
    else:
        missing += [package for _, package in TEX_FILES]
    return list(dict.fromkeys(missing))


def tool_versions() -> list[str]:
    """The first line of ``--version`` of each typesetting tool."""
    return [
        subprocess.run(
            [tool, "--version"], capture_output=True, text=True, check=True
        ).stdout.splitlines()[0]
        for tool in ("pdflatex", "groff", "qpdf")
    ]


def tool_environment() -> dict[str, str]:
    """The environment that makes pdflatex and groff write fixed dates."""
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "FORCE_SOURCE_DATE": "1",
    }


# --------------------------------------------------------------------------
# pdflatex

LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

LATEX_DOCUMENT = Template(r"""\pdftrailerid{}
\pdfinfoomitdate=1
\pdfsuppressptexinfo=-1
\pdfgentounicode=$tounicode
\documentclass[10pt,a5paper]{article}
$fonts\usepackage[$babel]{babel}
\setlength{\hoffset}{-1in}
\setlength{\voffset}{-1in}
\setlength{\oddsidemargin}{2.9cm}
\setlength{\topmargin}{1.5cm}
\setlength{\headheight}{0pt}
\setlength{\headsep}{0pt}
\setlength{\textwidth}{9cm}
\setlength{\textheight}{18cm}
\pagestyle{empty}
\begin{document}
$body
\end{document}
""")

T1_LATIN_MODERN = "\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"


@dataclass(frozen=True)
class LatexPdf:
    """A PDF typeset by pdflatex."""

    name: str
    language: str
    """Corpus language code: ``fr`` or ``de``."""
    babel: str
    fonts: str
    """Preamble lines that choose the font encoding; empty for OT1."""
    tounicode: bool


LATEX_PDFS = (
    LatexPdf("fr-latex-ot1", "fr", "french", "", tounicode=True),
    LatexPdf("de-latex-ot1", "de", "ngerman", "", tounicode=True),
    LatexPdf("fr-latex-t1", "fr", "french", T1_LATIN_MODERN, tounicode=True),
    LatexPdf("fr-latex-ot1-notounicode", "fr", "french", "", tounicode=False),
    LatexPdf(
        "fr-latex-t1-notounicode", "fr", "french", T1_LATIN_MODERN, tounicode=False
    ),
)


def latex_source(pdf: LatexPdf, excerpt: Excerpt) -> str:
    """The LaTeX document that typesets ``excerpt``."""
    body = "\n\n".join(
        "".join(LATEX_SPECIALS.get(char, char) for char in paragraph)
        for paragraph in excerpt.paragraphs()
    )
    return LATEX_DOCUMENT.substitute(
        tounicode=int(pdf.tounicode), fonts=pdf.fonts, babel=pdf.babel, body=body
    )


def run_pdflatex(source: str, workdir: Path, name: str) -> bytes:
    """Typeset ``source`` with pdflatex in ``workdir``; the PDF's bytes."""
    (workdir / f"{name}.tex").write_text(source, encoding="utf-8")
    result = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=workdir,
        env=tool_environment(),
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"pdflatex failed on {name}.tex:\n{result.stdout[-2000:]}")
    return (workdir / f"{name}.pdf").read_bytes()


# --------------------------------------------------------------------------
# groff

GROFF_COMMAND = ["groff", "-k", "-Kutf8", "-Tpdf", "-ms", "-mfr"]
GROFF_SETUP = '.\\" 9 cm lines, no page number in the header\n.nr LL 9c\n.ds CH\n'


def groff_source(excerpt: Excerpt) -> str:
    """The ms document that typesets ``excerpt``, one sentence per input line."""
    lines = [GROFF_SETUP]
    for group in excerpt.groups():
        lines.append(".PP\n")
        for sentence in group:
            escaped = sentence.replace("\\", "\\e")
            if escaped.startswith((".", "'")):
                escaped = "\\&" + escaped
            lines.append(escaped + "\n")
    return "".join(lines)


def run_groff(source: str) -> bytes:
    """Typeset ``source`` with groff; the PDF's bytes."""
    return subprocess.run(
        GROFF_COMMAND,
        input=source.encode("utf-8"),
        env=tool_environment(),
        capture_output=True,
        check=True,
    ).stdout


# --------------------------------------------------------------------------
# A small PDF writer

A4 = (595, 842)
MARGIN = 72
FONT_SIZE = 10
LEADING = 13
LINES_PER_PAGE = 50
WRAP = 80
"""Characters per line; Helvetica 10 pt fits about 90 in the text width."""

WINANSI_HELVETICA = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
)
UNNAMED_HIGH_HELVETICA = (
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding"
    b" << /Type /Encoding /Differences [128 "
    + b" ".join(b"/g%d" % code for code in range(128, 256))
    + b"] >> >>"
)
"""Helvetica whose bytes 128-255 have glyph names no reader knows."""
MAC_ROMAN = partial(str.encode, encoding="mac_roman")
CP1252 = partial(str.encode, encoding="cp1252")


def pdf_string(data: bytes) -> bytes:
    """A PDF literal string holding ``data``."""
    escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"


def pdf_stream(data: bytes) -> bytes:
    """An uncompressed PDF stream object body holding ``data``."""
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def pdf_file(pages: Sequence[bytes], font: bytes | None) -> bytes:
    """A complete PDF: one A4 page per content stream, font ``/F1`` if given.

    Objects are numbered from 1 (catalog, page tree, info, font, then a page
    and its content for each page) and indexed by a classic xref table.
    """
    first_page = 5 if font else 4
    page_ids = [first_page + 2 * i for i in range(len(pages))]
    resources = b"<< /Font << /F1 4 0 R >> >>" if font else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % i for i in page_ids), len(pages)),
        b"<< /Producer (mojibake-fix scripts/build_pdfs.py) >>",
    ]
    if font:
        objects.append(font)
    for page_id, content in zip(page_ids, pages, strict=True):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]"
            b" /Resources %s /Contents %d 0 R >>" % (*A4, resources, page_id + 1)
        )
        objects.append(pdf_stream(content))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_pages(
    paragraphs: Sequence[str], encode: Callable[[str], bytes]
) -> list[bytes]:
    """Content streams showing ``paragraphs`` in ``/F1``, ragged right.

    Lines are wrapped at ``WRAP`` characters; a blank line separates
    paragraphs.  Each string is ``encode(line)``, whatever the font declares.
    """
    lines: list[str | None] = []
    for paragraph in paragraphs:
        if lines:
            lines.append(None)
        lines.extend(textwrap.wrap(paragraph, WRAP))
    pages = []
    for start in range(0, len(lines), LINES_PER_PAGE):
        chunk = lines[start : start + LINES_PER_PAGE]
        while chunk and chunk[0] is None:
            chunk.pop(0)
        stream = b"BT\n/F1 %d Tf\n%d TL\n%d %d Td\n" % (
            FONT_SIZE,
            LEADING,
            MARGIN,
            A4[1] - MARGIN,
        )
        for line in chunk:
            shown = b"" if line is None else pdf_string(encode(line)) + b" Tj "
            stream += shown + b"T*\n"
        pages.append(stream + b"ET")
    return pages


DRAWING = b"1 w\n72 770 m 523 770 l S\n72 72 m 523 72 l S\n0.8 g\n150 400 295 200 re f"
"""A content stream with two lines and a grey rectangle, and no text."""


def qpdf_check(path: Path) -> None:
    """Stop unless ``qpdf --check`` finds ``path`` free of errors and warnings."""
    result = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"qpdf --check failed on {path}:\n{result.stdout}{result.stderr}")


def qpdf_encrypt(pdf: bytes, workdir: Path) -> bytes:
    """``pdf`` encrypted by qpdf with AES-256 and the passwords above."""
    plain, encrypted = workdir / "plain.pdf", workdir / "encrypted.pdf"
    plain.write_bytes(pdf)
    qpdf_check(plain)
    subprocess.run(
        [
            "qpdf",
            "--encrypt",
            USER_PASSWORD,
            OWNER_PASSWORD,
            "256",
            "--",
            str(plain),
            str(encrypted),
        ],
        check=True,
    )
    return encrypted.read_bytes()


def shift_objects(pdf: bytes, *, fix_startxref: bool) -> bytes:
    """Insert ``XREF_SHIFT`` after the header of ``pdf``, leaving its xref table.

    Every object then starts 7 bytes after the offset the table gives.  With
    ``fix_startxref``, ``startxref`` is corrected to point at the moved table,
    so that only the offsets of the objects are wrong.
    """
    header_end = pdf.index(b"\n", pdf.index(b"\n") + 1) + 1
    shifted = pdf[:header_end] + XREF_SHIFT + pdf[header_end:]
    if not fix_startxref:
        return shifted
    head, keyword, tail = shifted.rpartition(b"startxref\n")
    offset = int(tail.split(b"\n", 1)[0]) + len(XREF_SHIFT)
    return head + keyword + b"%d\n%%%%EOF\n" % offset


# --------------------------------------------------------------------------
# Building


def write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and say so."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path}: {len(data)} bytes")


def text_file(paragraphs: Sequence[str]) -> bytes:
    """UTF-8 text with one paragraph per line."""
    return "".join(paragraph + "\n" for paragraph in paragraphs).encode("utf-8")


def write_with_reference(
    output: Path, name: str, pdf: bytes, paragraphs: Sequence[str]
) -> None:
    """Write ``<name>.pdf`` and its reference text ``<name>.txt``."""
    write(output / f"{name}.pdf", pdf)
    write(output / f"{name}.txt", text_file(paragraphs))


def build(output: Path, sources: Path | None) -> None:
    """Build every file of the PDF corpus into ``output``.

    With ``sources``, also write the generated LaTeX and groff documents there.
    """
    excerpts = {lang: select_excerpt(TEXTS / f"{lang}.txt") for lang in ("fr", "de")}
    for excerpt in excerpts.values():
        print(f"{excerpt.path.name}: lines {excerpt.first}-{excerpt.last}")
    french = excerpts["fr"]
    bad = output / "bad"
    documents: list[tuple[str, str]] = []

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for latex in LATEX_PDFS:
            excerpt = excerpts[latex.language]
            source = latex_source(latex, excerpt)
            documents.append((f"{latex.name}.tex", source))
            write_with_reference(
                output,
                latex.name,
                run_pdflatex(source, workdir, latex.name),
                excerpt.paragraphs(),
            )

        source = groff_source(french)
        documents.append(("fr-groff.ms", source))
        groff_pdf = run_groff(source)
        write_with_reference(output, "fr-groff", groff_pdf, french.paragraphs())

        for name, paragraphs, font in (
            ("fr-macroman-winansi", french.paragraphs(), WINANSI_HELVETICA),
            ("cid-macroman", french.paragraphs(2 * PARAGRAPH), UNNAMED_HIGH_HELVETICA),
        ):
            write_with_reference(
                output,
                name,
                pdf_file(text_pages(paragraphs, MAC_ROMAN), font),
                paragraphs,
            )
            qpdf_check(output / f"{name}.pdf")

        small = pdf_file(
            text_pages(french.paragraphs(PARAGRAPH), CP1252), WINANSI_HELVETICA
        )
        write(bad / "encrypted.pdf", qpdf_encrypt(small, workdir))

    write(bad / "truncated.pdf", groff_pdf[: len(groff_pdf) // 2])
    write(bad / "not-a-pdf.pdf", text_file(french.paragraphs(PARAGRAPH)))
    write(bad / "empty.pdf", b"")
    write(bad / "no-text.pdf", pdf_file([DRAWING], None))
    qpdf_check(bad / "no-text.pdf")
    write(bad / "xref-shifted.pdf", shift_objects(small, fix_startxref=False))
    write(bad / "xref-offsets-wrong.pdf", shift_objects(small, fix_startxref=True))

    if sources:
        for name, text in documents:
            write(sources / name, text.encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Needs pdflatex, groff and qpdf; see corpus/pdf/README.md.",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="folder to write the PDFs and texts to (default: corpus/pdf)",
    )
    parser.add_argument(
        "--sources",
        type=Path,
        help="also write the generated .tex and .ms documents to this folder",
    )
    args = parser.parse_args(argv)

    missing = missing_packages()
    if missing:
        print(
            "Missing tools; install them with:\n"
            "  apt-get update\n"
            f"  apt-get install --no-install-recommends {' '.join(missing)}",
            file=sys.stderr,
        )
        return 1
    build(args.output.resolve(), args.sources.resolve() if args.sources else None)
    print("built with: " + "; ".join(tool_versions()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
