"""PDF input: text extracted page by page with pdfminer.six, every failure one clear line.

Layout parameters (``LAPARAMS``), chosen for reading order in ordinary prose documents:

* ``line_margin=0.5``, ``char_margin=2.0``, ``word_margin=0.1`` are pdfminer.six's
  defaults, which keep the lines of one paragraph together and put spaces where
  glyphs are further apart than a tenth of their width;
* ``boxes_flow=0.5`` (the default) orders text boxes by their position, columns
  first, which is what two-column brochures need;
* ``detect_vertical=False`` and ``all_texts=False``: vertical text and text inside
  figures are rare in prose and scramble the reading order when they occur.

Each page's text ends with a form feed, as pdfminer.six writes it; the page of each
output line is kept so that the report can say where a change is.

A PDF whose cross-reference table points at the wrong offsets may give no text at all
and no error; then the objects are found again by scanning the file, as viewers do.

A simple font whose ``/Differences`` give a code a glyph name no reader knows ("/g143")
says that code is not its base encoding's glyph; pdfminer.six keeps the base glyph
anyway (a Mac-Roman "«" shown as the standard encoding's "˙").  Such codes are made
unknown, so that they come out as ``(cid:N)``, which the ``cid`` pass reads as bytes.

>>> from pathlib import Path
>>> pages = extract(Path(__file__).parents[3].joinpath("corpus/pdf/fr-latex-t1.pdf").read_bytes())
>>> len(pages.texts), pages.texts[0][:22]
(2, 'Si aucun fichier entré')
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import InputError

# pdfminer.six warns through logging about every oddity of a damaged PDF, which it then
# reads anyway (a damaged PDF it cannot read is a ``PDFError``).  A handler of its own
# keeps those warnings off standard error where the application set up no logging, and
# leaves them to the application's handlers where it did; no level is changed.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

#: Layout analysis parameters; see the module docstring for why.
LAPARAMS: dict[str, Any] = {
    "line_margin": 0.5,
    "char_margin": 2.0,
    "word_margin": 0.1,
    "boxes_flow": 0.5,
    "detect_vertical": False,
    "all_texts": False,
}


class PDFError(InputError):
    """A PDF that cannot be read, with a one-line reason for the user."""


@dataclass(frozen=True)
class PDFText:
    """The text of each page, and whether the file's cross-references had to be rebuilt."""

    texts: list[str]
    rebuilt: bool = False

    @property
    def text(self) -> str:
        """All pages, each ended by a form feed (as pdfminer.six writes them)."""
        return "".join(text + "\f" for text in self.texts)


def page_of_lines(texts: Sequence[str], lines: Sequence[str]) -> list[int]:
    """The 1-based page of each line of the joined text: the page its first character is on.

    >>> page_of_lines(["a\\nb\\n", "c\\n"], ["a", "b", "\\fc", "\\f"])
    [1, 1, 2, 2]
    """
    ends, total = [], 0
    for text in texts:
        total += len(text) + 1
        ends.append(total)  # offset just after this page's form feed
    pages, position, page = [], 0, 0
    for line in lines:
        first = position + len(line) - len(line.lstrip("\f"))
        while page < len(ends) - 1 and first >= ends[page]:
            page += 1
        pages.append(page + 1)
        position += len(line) + 1
    return pages


def extract(data: bytes, password: str = "") -> PDFText:
    """The text of every page of the PDF in ``data``; ``PDFError`` when it cannot be read.

    Raises ``PDFError`` for an encrypted file without the right password, a file that is
    not a PDF or is damaged beyond repair, and a PDF without any text (scanned pages).
    """
    if not data:
        raise PDFError("empty file")
    if not data.startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise PDFError("not a PDF file (no %PDF header)")
    texts = _extract(data, password, rebuild=False)
    rebuilt = False
    if not any(text.strip() for text in texts):
        try:
            again = _extract(data, password, rebuild=True)
        except PDFError:
            again = []
        if any(text.strip() for text in again):
            texts, rebuilt = again, True
    if not any(text.strip() for text in texts):
        pages = f"{len(texts)} page{'s' if len(texts) != 1 else ''}"
        raise PDFError(f"no text in the PDF ({pages}; scanned images need OCR first)")
    return PDFText(texts, rebuilt)


def _extract(data: bytes, password: str, rebuild: bool) -> list[str]:
    """The text of every page; with ``rebuild``, objects are found by scanning the file."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import (
        PDFDocument,
        PDFEncryptionError,
        PDFNoValidXRef,
        PDFPasswordIncorrect,
    )
    from pdfminer.pdffont import PDFFont, PDFSimpleFont
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    class Rebuilt(PDFDocument):
        """A document whose cross-reference table is ignored and rebuilt by scanning."""

        def find_xref(self, parser: PDFParser) -> int:
            raise PDFNoValidXRef("rebuilding the cross-reference table")

    class Fonts(PDFResourceManager):
        """Fonts whose codes with unknown glyph names stay unmapped (see the module)."""

        def get_font(self, objid: object, spec: Mapping[str, object]) -> PDFFont:
            font = super().get_font(objid, spec)
            if isinstance(font, PDFSimpleFont) and font.unicode_map is None:
                for code in _unknown_glyph_codes(spec):
                    font.cid2unicode.pop(code, None)
            return font

    try:
        parser = PDFParser(io.BytesIO(data))
        document = (Rebuilt if rebuild else PDFDocument)(parser, password=password)
        if not document.is_extractable:
            raise PDFError("the PDF forbids text extraction")
        manager = Fonts()
        output = io.StringIO()
        device = TextConverter(manager, output, laparams=LAParams(**LAPARAMS))
        interpreter = PDFPageInterpreter(manager, device)
        texts = []
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            texts.append(output.getvalue().rstrip("\f"))
            output.seek(0)
            output.truncate()
        return texts
    except PDFPasswordIncorrect:
        raise PDFError("encrypted PDF: a password is needed (--password)" if not password else "wrong password for the encrypted PDF") from None
    except PDFEncryptionError as exc:
        raise PDFError(f"encrypted PDF that cannot be read: {exc}") from None
    except PDFError:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        raise PDFError(f"damaged PDF: {reason}") from None


def _unknown_glyph_codes(spec: Mapping[str, object]) -> Iterator[int]:
    """The codes a simple font's ``/Differences`` name with glyph names no reader knows."""
    from pdfminer.encodingdb import name2unicode
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    encoding = resolve1(spec.get("Encoding"))
    if not isinstance(encoding, dict):
        return
    code = 0
    for item in resolve1(encoding.get("Differences", [])) or []:
        if isinstance(item, int):
            code = item
        elif isinstance(item, PSLiteral):
            try:
                name2unicode(str(item.name))
            except (KeyError, ValueError):
                yield code
            code += 1
