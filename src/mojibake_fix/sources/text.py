"""Bytes to text: UTF-8 when the bytes are valid UTF-8, otherwise the likeliest legacy code page.

For legacy bytes, charset-normalizer proposes encodings; so do the code pages this
project knows to be common.  Each candidate decoding is then judged by how many of its
words the lexicons know, since a detector alone often takes French cp1252 for cp1250.

>>> decode("déjà".encode("utf-8"))
('déjà', 'utf-8')
>>> decode("Les élèves sont déjà à l’école.".encode("cp1252"))
('Les élèves sont déjà à l’école.', 'cp1252')
"""

from __future__ import annotations

import codecs

import regex

from ..lexicon import word_coverage

#: Code pages always tried besides charset-normalizer's proposals.
COMMON_CODE_PAGES = ("cp1252", "mac_roman", "cp1250", "cp1251", "koi8_r", "cp850", "cp437", "iso8859_2")
#: Bytes sampled to judge a decoding.
SAMPLE = 65536
_WORDS = regex.compile(r"\p{L}{2,}")


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
