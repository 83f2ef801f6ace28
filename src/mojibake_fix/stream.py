"""Cleaning a text file of any size with flat memory: a chunk of whole lines at a time.

The bytes are decoded as they are read, in the encoding the start of the stream shows
(``sources.text.choose_encoding``, as ``decode`` would judge the whole), and the text is
cut into chunks of about ``CHUNK_CHARS`` characters that end at a line break.  Each chunk
is cleaned on its own (``api.clean``); its changes carry line numbers counted from the
start of the file, and ``Summary.merge`` makes the file's summary from the chunks'.

>>> import io
>>> results = list(clean_stream(io.BytesIO("Le r™le\\nLa ComitŽ\\n".encode()), chunk_chars=8))
>>> [(r.text, r.summary.first_line) for r in results]
[('Le rôle\\n', 1), ('La Comité\\n', 2)]
>>> [(c.line, c.before, c.after) for r in results for c in r.changes]
[(1, '™', 'ô'), (2, 'Ž', 'é')]
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import IO

import regex

from .api import clean
from .changes import CleanResult
from .document import LINE_BREAK
from .sources import InputError
from .sources.text import SAMPLE, choose_encoding, decode, legacy_encoding

#: Characters of text per chunk (a chunk ends at a line break; a line longer than this is
#: one chunk).  Cleaning takes about 30 bytes per character on top of the word lists
#: (250 to 500 MB), so such a chunk adds some 120 MB.  Smaller chunks cost time: each
#: guesses its languages, learns its channel priors and judges its distinct tokens anew
#: (a million characters of the 12-language corpus take 70% of the time of four
#: million), and a chunk must hold enough of the document for that evidence.
CHUNK_CHARS: int = 4_000_000
#: Bytes read at a time; the first read judges the encoding, so it holds ``SAMPLE``.
READ_BYTES = max(1 << 20, SAMPLE)
#: An empty line: two line breaks in a row (a ``\\r\\n`` pair is one break), searched
#: from the end.
PARAGRAPH = regex.compile(r"(?r)(?>\r\n|\r|\n)(?>\r\n|\r|\n)")
#: The encodings that can turn out wrong later in a stream (their decoding is strict),
#: with the codec that reads their bytes one code unit per character without ever
#: failing, so that a chunk of such bytes can still be cut at a line break.
UNIT_CODECS = {"utf-8": "latin-1", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}


def clean_stream(handle: IO[bytes], *, chunk_chars: int = CHUNK_CHARS, **options: object) -> Iterator[CleanResult]:
    """Decode the byte stream incrementally and clean it a chunk of whole lines at a time.

    ``options`` are ``clean``'s.  Each result covers a run of whole lines: its ``text``
    is that run's output (the results' texts, joined, are the file's output), its
    changes and suspicions carry line numbers counted from the start of the file, and
    its summary is the chunk's, with ``first_line`` and ``encoding``.  A stream of at
    most ``chunk_chars`` characters gives one result, the one ``clean_bytes`` gives.
    Binary data raises ``InputError`` before any result.

    >>> import io
    >>> [r.text for r in clean_stream(io.BytesIO(b"a\\r\\nb\\r\\n"), chunk_chars=2, keep_line_breaks=True)]
    ['a\\r\\n', 'b\\r\\n']
    """
    if chunk_chars < 1:
        raise ValueError("chunk_chars must be at least 1")
    first_line = 1
    for text, encoding in read_chunks(handle, chunk_chars):
        result = clean(text, **options)  # type: ignore[arg-type]
        if first_line > 1:
            shift = first_line - 1
            result.changes[:] = [replace(c, line=c.line + shift) for c in result.changes]
            result.suspicions[:] = [replace(s, line=s.line + shift) for s in result.suspicions]
        result.summary = replace(result.summary, first_line=first_line, encoding=encoding)
        first_line += result.summary.lines
        yield result
        del result  # written: not to be held while the next chunk is read and cleaned


def read_chunks(handle: IO[bytes], chunk_chars: int = CHUNK_CHARS) -> Iterator[tuple[str, str]]:
    """The text of the byte stream in chunks of whole lines, each with its encoding.

    A chunk ends at the last line break within ``chunk_chars`` characters, or past an
    empty line in its last quarter when there is one (a hyphenated line end and its
    paragraph stay together); a longer line is read whole.  A ``\\r\\n`` pair or a
    character is never split.  The encoding is chosen from the start of the stream
    (``choose_encoding``); if bytes turn out not to be in it, the chunk that holds them
    is decoded on its own as ``decode`` would (a code page, usually; its size is then
    counted in bytes), and the stream's encoding is taken up again after it.

    >>> import io
    >>> list(read_chunks(io.BytesIO("a\\nb\\n\\nc\\nd".encode()), 6))
    [('a\\nb\\n\\n', 'utf-8'), ('c\\nd', 'utf-8')]
    >>> [text for text, _ in read_chunks(io.BytesIO(b"a long line\\r\\nb\\r\\n"), 4)]
    ['a long line\\r\\n', 'b\\r\\n']
    """
    source = iter(partial(handle.read, READ_BYTES), b"")
    head = b""
    for block in source:
        head += block
        if len(head) >= READ_BYTES:
            break
    encoding = choose_encoding(head, final=False)
    bom = head[:2] if encoding == "utf-16" else b""  # its order names the codec; it is not text
    codec = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}.get(bom, encoding)
    units = UNIT_CODECS.get(codec, codec)  # a code page never fails, so never needs another
    queue = [head[len(bom) :]] if len(head) > len(bom) else []  # bytes to decode before the source's
    decoder = _decoder(codec, raw=False)
    pending, prefix, raw, yielded, searched = "", bom, False, False, 0
    while True:
        block = queue.pop() if queue else next(source, b"")
        try:
            pending += decoder.decode(block, final=not block and not raw)
        except UnicodeDecodeError:
            # not the stream's encoding: this chunk's bytes are read again, one code
            # unit per character, and judged alone once its end is found
            queue.append(_unread(prefix, pending, codec, decoder) + block)
            decoder, pending, prefix, raw, searched = _decoder(units, raw=True), "", b"", True, 0
            continue
        while len(pending) > chunk_chars:
            end = _chunk_end(pending, chunk_chars, searched)
            if end is None:  # inside a line longer than a chunk: read on
                searched = len(pending) - 1
                break
            chunk, pending = pending[:end], pending[end:]
            first, prefix, yielded, searched = not yielded, b"", True, 0
            if not raw:
                yield chunk, encoding
                continue
            yield _judge_chunk(chunk.encode(units, "surrogatepass"), first)
            rest = _unread(b"", pending, units, decoder)  # read in the stream's encoding again
            if rest:
                queue.append(rest)
            decoder, pending, raw = _decoder(codec, raw=False), "", False
        if not block and not queue:
            if raw:
                yield _judge_chunk(_unread(b"", pending, units, decoder), first=not yielded)
            elif pending or not yielded:
                yield pending, encoding
            return


def _chunk_end(text: str, limit: int, searched: int) -> int | None:
    """Where the first chunk of ``text`` (longer than ``limit``) ends, just past a line
    break (see ``read_chunks``); None when it is in a line longer than ``limit`` whose
    end is not read yet.  Such a line was ``searched`` for a break up to there already.
    """
    last = max(text.rfind("\n", 0, limit), text.rfind("\r", 0, limit))
    if last >= 0:
        paragraph = PARAGRAPH.search(text, limit - limit // 4, limit)
        end = paragraph.end() if paragraph else last + 1
        return end + 1 if text[end - 1] == "\r" and text[end] == "\n" else end
    match = LINE_BREAK.search(text, max(limit, searched))
    if match is None or (match.group() == "\r" and match.end() == len(text)):  # a "\n" may follow
        return None
    return match.end()


def _decoder(codec: str, raw: bool) -> codecs.IncrementalDecoder:
    """An incremental decoder: for bytes read ``raw``, one that never fails (see
    ``UNIT_CODECS``); else strict where the codec can turn out wrong, and U+FFFD for
    bytes a code page does not define, as ``decode`` does."""
    errors = "surrogatepass" if raw else "strict" if codec in UNIT_CODECS else "replace"
    return codecs.getincrementaldecoder(codec)(errors)


def _unread(prefix: bytes, text: str, codec: str, decoder: codecs.IncrementalDecoder) -> bytes:
    """The bytes that gave ``text`` in ``codec`` (after ``prefix``), and those the decoder
    holds back: strictly or raw decoded text encodes back exactly."""
    return prefix + text.encode(codec, "surrogatepass") + decoder.getstate()[0]


def _judge_chunk(data: bytes, first: bool) -> tuple[str, str]:
    """A chunk's bytes decoded as ``decode`` decodes them alone.  Only the first chunk is
    refused as binary: after text has been given, such bytes are read in a code page."""
    try:
        return decode(data)
    except InputError:
        if first:
            raise
        encoding = legacy_encoding(data)
        return data.decode(encoding, errors="replace"), encoding
