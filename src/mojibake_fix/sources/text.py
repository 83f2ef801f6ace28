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

The choice itself is ``choose_encoding``, which also judges the start of a stream.
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
    """Return the text and the name of the encoding that was assumed (``choose_encoding``).

    A UTF-8 byte-order mark is kept in the text (the hygiene pass removes and reports
    it).  Bytes the chosen code page does not define become U+FFFD.
    """
    encoding = choose_encoding(data)
    return data.decode(encoding, errors="replace"), encoding


def choose_encoding(data: bytes, *, final: bool = True) -> str:
    """The encoding of ``data``: UTF-16 after its byte-order mark, UTF-16 without one
    (zero bytes, and the words known), UTF-8 when valid, else ``legacy_encoding``.

    With ``final=False``, ``data`` is only the start of a stream (``SAMPLE`` bytes or
    more are enough): a character cut at its end does not count against an encoding.
    Bytes with many controls that are not UTF-16 raise ``InputError``.

    >>> start = "Les élèves sont déjà à l’école.".encode("utf-8")[:-8]
    >>> choose_encoding(start, final=False), choose_encoding(start) == "utf-8"
    ('utf-8', False)
    """
    bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE)
    if bom and _strictly(data, "utf-16", final) is not None:
        return "utf-16"
    sample = data[:SAMPLE]
    controls = len(sample) - len(sample.translate(None, BINARY_BYTES))
    if controls > BINARY_SHARE * len(sample):
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _strictly(data, encoding, final)
            if text is not None and word_coverage(_WORDS.findall(text[:SAMPLE])) >= 0.5:
                return encoding
        raise InputError(f"not a text file (binary data: {controls / len(sample):.0%} control bytes)")
    if _strictly(data, "utf-8", final) is not None:
        return "utf-8"
    return legacy_encoding(data)


def legacy_encoding(data: bytes) -> str:
    """The code page whose reading of the first ``SAMPLE`` bytes has the most known
    words, among charset-normalizer's proposals and ``COMMON_CODE_PAGES``; Latin-1,
    which reads any bytes, when none of them does.

    >>> legacy_encoding("Les élèves sont déjà à l’école.".encode("cp1252"))
    'cp1252'
    """
    from charset_normalizer import from_bytes  # deferred: only needed for legacy bytes

    proposed = [match.encoding for match in from_bytes(data[:SAMPLE])][:4]
    best, best_score = "latin-1", -1.0
    for encoding in dict.fromkeys(proposed + list(COMMON_CODE_PAGES)):
        try:
            sample = data[:SAMPLE].decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = word_coverage(_WORDS.findall(sample))
        if score > best_score:
            best, best_score = encoding, score
    return best


def _strictly(data: bytes, encoding: str, final: bool) -> str | None:
    """``data`` decoded, or None when it is not in ``encoding``; unless ``final``, an
    incomplete character at the end is left out rather than refused."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final)
    except UnicodeDecodeError:
        return None
