"""pdfminer.six's ``(cid:N)``: the codes of glyphs it could not map to a character.

* ``(cid:28)`` and ``(cid:29)`` around words are the guillemets of TeX's math symbol
  fonts (``\\ll``/``\\gg`` standing in for « and »), which come out as "≪" and "≫"
  where the font maps them: a pair on one line becomes « » (or » « in German order).
* ``(cid:11)`` to ``(cid:15)`` inside a word are the ligatures of TeX's OT1 fonts: ff,
  fi, fl, ffi, ffl; taken when the word they make is known.
* ``(cid:N)`` with N from 128 to 255 is byte N of a simple font whose encoding no reader
  knows.  It becomes the character Windows-1252 shows for that byte (a C1 control where
  Windows-1252 has none), so that the mojibake pass can read it through the channels like
  any other mojibake: ``syst(cid:143)me`` is Mac-Roman "è" seen through Windows-1252.

>>> from mojibake_fix import clean
>>> clean("Le syst(cid:143)me, le (cid:28) fichier (cid:29) et l’e(cid:14)cacité.").text
'Le système, le « fichier » et l’efficacité.'
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .. import rules
from ..changes import Proposal, Step
from ..context import Context
from ..document import Document
from ..scoring import describe
from ..triggers import Trigger

CID = regex.compile(r"\(cid:(\d+)\)")
TRIGGER = Trigger("[(≪]", "(?:(?<=≪)|(?=cid:))")
#: OT1 font positions of the f-ligatures.
OT1_LIGATURES = {11: "ff", 12: "fi", 13: "fl", 14: "ffi", 15: "ffl"}
GUILLEMETS = {"(cid:28)": "«", "(cid:29)": "»", "≪": "«", "≫": "»"}
TEX_GUILLEMET = regex.compile(r"\(cid:2[89]\)|[≪≫]")
#: A word holding OT1 ligature codes.
CID_WORD = regex.compile(r"[\p{L}\p{M}]*(?:\(cid:1[1-5]\)[\p{L}\p{M}]*)+")


def _byte(number: int) -> str:
    """The character Windows-1252 shows for byte ``number`` (its C1 control if none)."""
    return bytes([number]).decode("cp1252", errors="ignore") or chr(number)


def repair(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Propose a character for every ``(cid:N)`` this module knows (see the module)."""
    for number, line in enumerate(doc.lines):
        text = line.text
        if not TRIGGER.search(text):
            continue
        marks = list(TEX_GUILLEMET.finditer(text))
        kinds = "".join(GUILLEMETS[m.group()] for m in marks)
        if marks and kinds in ("«»" * (len(marks) // 2), "»«" * (len(marks) // 2)):
            step = Step(rules.CID_GUILLEMET, 0.95, "≪…≫ (or ≫…≪) pairs: TeX math signs standing for guillemets")
            for match in marks:
                yield Proposal(number, match.start(), match.end(), GUILLEMETS[match.group()], step)
        codes = [(m, int(m.group(1))) for m in CID.finditer(text)]
        for word in CID_WORD.finditer(text):
            reading = CID.sub(lambda m: OT1_LIGATURES[int(m.group(1))], word.group())
            if word.group().count("(cid:") and ctx.lexicon.known(reading):
                step = Step(rules.CID_LIGATURE, 0.99, f"{describe(reading, ctx.lexicon)}; OT1 ligature codes")
                for match in CID.finditer(text, word.start(), word.end()):
                    yield Proposal(number, match.start(), match.end(), OT1_LIGATURES[int(match.group(1))], step)
        for match, code in codes:
            if 128 <= code <= 255:
                step = Step(rules.CID_BYTE, 0.95, f"unmapped byte 0x{code:02X}, as Windows-1252 shows it")
                yield Proposal(number, match.start(), match.end(), _byte(code), step)
