"""Bytes to text: UTF-8 when the bytes are valid UTF-8, otherwise the likeliest legacy code page.

For legacy bytes, charset-normalizer proposes encodings; so do the code pages this
project knows to be common.  Each candidate decoding is then judged by how many of its
words the lexicons know, since a detector alone often takes French cp1252 for cp1250.

>>> decode("déjà".encode("utf-8"))
('déjà', 'utf-8')
>>> decode("Les élèves sont déjà à l’école.".encode("cp1252"))
('Les élèves sont déjà à l’école.', 'cp1252')

UTF-16 without a byte-order mark is recognised by its zero bytes; other bytes with many
controls are not text (``InputError``):

>>> decode("Le café".encode("utf-16-le"))
('Le café', 'utf-16-le')
>>> decode(bytes(range(256)) * 4)
Traceback (most recent call last):
...
mojibake_fix.sources.InputError: not a text file (binary data: 10% control bytes)
"""

from __future__ import annotations

import codecs

import regex

from ..lexicon import word_coverage
from . import InputError

#: Code pages always tried besides charset-normalizer's proposals.
COMMON_CODE_PAGES = ("cp1252", "mac_roman", "cp1250", "cp1251", "koi8_r", "cp850", "cp437", "iso8859_2")
#: Bytes sampled to judge a decoding.
SAMPLE = 65536
_WORDS = regex.compile(r"\p{L}{2,}")
#: Control bytes that text does not hold (tab, line breaks, form feed and escape are text).
BINARY_BYTES = bytes([*range(8), *range(14, 27), *range(28, 32)])
#: Above this share of such bytes, the data is not text.
BINARY_SHARE = 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding that was assumed.

    A UTF-8 byte-order mark is kept in the text (the hygiene pass removes and reports
    it).  Legacy bytes that no candidate decodes are read as Latin-1, which never fails.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    sample = data[:SAMPLE]
    controls = len(sample) - len(sample.translate(None, BINARY_BYTES))
    if controls > BINARY_SHARE * len(sample):
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if word_coverage(_WORDS.findall(text[:SAMPLE])) >= 0.5:
                return text, encoding
        raise InputError(f"not a text file (binary data: {controls / len(sample):.0%} control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # deferred: only needed for legacy bytes

    proposed = [match.encoding for match in from_bytes(data[:SAMPLE])][:4]
    best, best_score = None, -1.0
    for encoding in dict.fromkeys(proposed + list(COMMON_CODE_PAGES)):
        try:
            sample = data[:SAMPLE].decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = word_coverage(_WORDS.findall(sample))
        if score > best_score:
            best, best_score = encoding, score
    if best is None:
        return data.decode("latin-1"), "latin-1"
    return data.decode(best, errors="replace"), best
