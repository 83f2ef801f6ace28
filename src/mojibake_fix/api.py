"""The public functions: ``fix_text``, ``clean``, ``clean_bytes``, ``clean_pdf``, ``clean_file``.

>>> fix_text("La Campagne sur lÕeau a ŽtŽ lancŽe.")
'La Campagne sur l’eau a été lancée.'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from . import engine
from .changes import CleanResult, LearntPriors, Suspicion
from .channels import DEFAULT_CHANNELS, Channel, Utf8Channel, get_channel
from .context import Context, Settings
from .document import LINE_BREAK, Document, describe_breaks, split_lines
from .options import Options, default_repairs, given_options
from .passes import hygiene
from .shown import SHOWN_CHANNELS
from .sources.pdf import extract, page_of_lines
from .sources.text import decode
from .summary import Summary
from .survey import survey

#: The optional repairs: name → (on by default for text, on by default for PDF input).
REPAIRS = engine.REPAIRS


def clean(
    text: str,
    *,
    min_confidence: float = 0.9,
    languages: Sequence[str] | None = None,
    channels: Sequence[str] = DEFAULT_CHANNELS,
    keep_line_breaks: bool = False,
    repairs: Iterable[str] | None = None,
    options: Options | None = None,
) -> CleanResult:
    """Repair ``text`` and say how: the clean text, every change, suspicions, a summary.

    ``min_confidence`` is the bar a change must reach to be applied (below it, it is
    reported as a suspicion); ``languages`` forces the document's languages (wordfreq
    codes) instead of guessing them; ``channels`` are the code-page confusions to try.
    Line breaks become ``\\n`` unless ``keep_line_breaks``.  ``repairs`` names the
    optional repairs to make (``REPAIRS``; default: those on by default for text).
    The same can be given at once as ``options``, an ``Options``.

    >>> result = clean("Le r™le des villes")
    >>> result.text, [(c.before, c.after, c.rule) for c in result.changes]
    ('Le rôle des villes', [('™', 'ô', 'mojibake:mac_roman>cp1252')])
    >>> clean("Le r™le", options=Options(min_confidence=1.0)).suspicions[0].suggestion
    'ô'
    """
    options = given_options(
        "clean",
        {
            "min_confidence": min_confidence, "languages": languages, "channels": channels,
            "keep_line_breaks": keep_line_breaks, "repairs": repairs, "options": options,
        },
    )
    done = _repair(text, options)
    changes = done.doc.changes() if done.doc is not None else []
    summary = Summary.of(
        changes,
        done.suspicions,
        lines=len(done.breaks),
        languages=list(done.first.lexicon.languages),
        channels=done.evidence.channels if done.evidence is not None else {},
        line_breaks=describe_breaks(done.breaks),
        kept_line_breaks=options.keep_line_breaks,
    )
    return CleanResult(done.output, changes, done.suspicions, summary)


class _Repaired(NamedTuple):
    """What ``_repair`` did: the output, the document with its edits (None when the text
    needed nothing), the first survey of the text, the input's line breaks, the
    suspicions and the channel evidence."""

    output: str
    doc: Document | None
    first: Context
    breaks: list[str]
    suspicions: list[Suspicion]
    evidence: LearntPriors | None = None


def _repair(text: str, options: Options) -> _Repaired:
    """Run the engine over ``text`` with ``options`` (``clean`` says what each means)."""
    channel_list = tuple(get_channel(name) for name in options.channels)
    enabled = options.enabled_repairs()
    settings = Settings(
        channels=channel_list,
        min_confidence=options.min_confidence,
        repairs=enabled,
        languages=None if options.languages is None else tuple(options.languages),
        candidates=_candidates(channel_list),
    )
    lines, breaks = split_lines(text)
    first = survey(lines, settings)
    if not first.worth_a_look and hygiene.composed(text) and not engine.triggered(text, enabled):
        # the fast path: no pass would propose anything, so the text is its own output
        output = text if options.keep_line_breaks or "\r" not in text else LINE_BREAK.sub("\n", text)
        return _Repaired(output, None, first, breaks, [])
    doc = Document(lines, breaks)
    outcome = engine.run(doc, settings, first)
    return _Repaired(doc.render(options.keep_line_breaks), doc, first, breaks, outcome.suspicions, outcome.evidence)


def _candidates(channels: Sequence[Channel]) -> tuple[Channel, ...]:
    """Where ``channels`` read UTF-8 back, the further UTF-8 channels to try in a text
    that shows them (``shown.SHOWN_CHANNELS``).

    >>> len(_candidates([get_channel("utf-8>cp1252")])), _candidates([get_channel("mac_roman>cp1252")])
    (8, ())
    """
    if not any(isinstance(channel, Utf8Channel) for channel in channels):
        return ()
    return tuple(get_channel(name) for name in SHOWN_CHANNELS if get_channel(name) not in channels)


def fix_text(text: str, **options: object) -> str:
    """Just the clean text (options as for ``clean``); the changes are not listed.

    >>> fix_text("Hôtel de ville, 16e Žtage")
    'Hôtel de ville, 16e étage'
    """
    return _repair(text, given_options("fix_text", options)).output


def clean_bytes(data: bytes, **options: object) -> CleanResult:
    """Decode ``data`` (UTF-8 when valid, otherwise the likeliest encoding), then clean it.

    The summary's ``encoding`` says which encoding was assumed.

    >>> clean_bytes("Le rŽseau a ŽtŽ lancŽ".encode("utf-8")).text
    'Le réseau a été lancé'
    """
    text, encoding = decode(data)
    result = clean(text, **options)  # type: ignore[arg-type]
    result.summary = replace(result.summary, encoding=encoding)
    return result


def clean_pdf(data: bytes, *, password: str = "", repairs: Iterable[str] | None = None, **options: object) -> CleanResult:
    """Extract the text of the PDF in ``data`` page by page (pdfminer.six), then clean it.

    Each change and suspicion carries the page it is on; the summary gives the number
    of pages.  ``repairs`` default to those on by default for PDF input.  A PDF that
    cannot be read raises ``PDFError`` (a ``ValueError``) with a one-line reason.
    """
    pages = extract(data, password)
    chosen = given_options("clean_pdf", {**options, "repairs": repairs})
    if chosen.repairs is None:
        chosen = replace(chosen, repairs=default_repairs(pdf=True))
    result = clean(pages.text, options=chosen)
    lines, _ = split_lines(pages.text)
    page_of = page_of_lines(pages.texts, lines)
    result.changes[:] = [replace(c, page=page_of[c.line - 1]) for c in result.changes]
    result.suspicions[:] = [replace(s, page=page_of[s.line - 1]) for s in result.suspicions]
    result.summary = replace(result.summary, encoding="pdf", pages=len(pages.texts), xref_rebuilt=pages.rebuilt)
    return result


def is_pdf(data: bytes, name: str = "") -> bool:
    """Whether to read ``data`` as a PDF: its name ends in ``.pdf`` or it starts like one.

    >>> is_pdf(b"%PDF-1.4 ..."), is_pdf(b"hello", "a.PDF"), is_pdf(b"hello", "a.txt")
    (True, True, False)
    """
    return data.startswith(b"%PDF-") or name.lower().endswith(".pdf")


def clean_file(path: str | os.PathLike[str], **options: object) -> CleanResult:
    """Read a file and clean it: a PDF like ``clean_pdf``, anything else like ``clean_bytes``."""
    with open(path, "rb") as handle:
        data = handle.read()
    result = clean_pdf(data, **options) if is_pdf(data, os.fspath(path)) else clean_bytes(data, **options)  # type: ignore[arg-type]
    result.summary = replace(result.summary, source=os.fspath(path))
    return result

