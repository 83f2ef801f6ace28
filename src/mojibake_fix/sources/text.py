"""Bytes to text: UTF-8 when the bytes are valid UTF-8, otherwise charset-normalizer's guess.

>>> decode("déjà".encode("utf-8"))
('déjà', 'utf-8')
>>> decode("déjà".encode("cp1252"))[0]
'déjà'
"""

from __future__ import annotations

import codecs


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding that was assumed.

    A UTF-8 byte-order mark is kept in the text (the hygiene pass removes and reports
    it); bytes nothing else explains are read as cp1252 with undefined bytes kept as C1
    controls, which never fails and loses nothing.
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

    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    return data.decode("latin-1"), "latin-1"
