"""The public functions: ``fix_text``, ``clean``, ``clean_bytes``, ``clean_pdf``, ``clean_file``.

>>> fix_text("La Campagne sur lÕeau a ŽtŽ lancŽe.")
'La Campagne sur l’eau a été lancée.'
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from . import engine
from .changes import CleanResult, LearntPriors, Suspicion, summarize
from .channels import DEFAULT_CHANNELS, Channel, Utf8Channel, get_channel
from .context import Context, Settings
from .document import LINE_BREAK, Document, describe_breaks, split_lines
from .lexicon import known_language
from .passes import hygiene
from .shown import SHOWN_CHANNELS
from .sources.pdf import extract, page_of_lines
from .sources.text import decode
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
) -> CleanResult:
    """Repair ``text`` and say how: the clean text, every change, suspicions, a summary.

    ``min_confidence`` is the bar a change must reach to be applied (below it, it is
    reported as a suspicion); ``languages`` forces the document's languages (wordfreq
    codes) instead of guessing them; ``channels`` are the code-page confusions to try.
    Line breaks become ``\\n`` unless ``keep_line_breaks``.  ``repairs`` names the
    optional repairs to make (``REPAIRS``; default: those on by default for text).

    >>> result = clean("Le r™le des villes")
    >>> result.text, [(c.before, c.after, c.rule) for c in result.changes]
    ('Le rôle des villes', [('™', 'ô', 'mojibake:mac_roman>cp1252')])
    """
    done = _repair(
        text, min_confidence=min_confidence, languages=languages, channels=channels, keep_line_breaks=keep_line_breaks, repairs=repairs
    )
    changes = done.doc.changes() if done.doc is not None else []
    summary = summarize(
        changes,
        done.suspicions,
        lines=len(done.breaks),
        languages=list(done.first.lexicon.languages),
        channels=done.evidence.channels if done.evidence is not None else {},
        line_breaks=describe_breaks(done.breaks),
        kept_line_breaks=keep_line_breaks,
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


def _repair(
    text: str, *, min_confidence: float, languages: Sequence[str] | None, channels: Sequence[str], keep_line_breaks: bool, repairs: Iterable[str] | None
) -> _Repaired:
    """Check the options and run the engine over ``text`` (``clean`` says what each means)."""
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError("min_confidence must be between 0 and 1")
    if languages is not None:
        unknown = [code for code in languages if not known_language(code)]
        if unknown:
            raise ValueError(f"no word list for language(s) {', '.join(unknown)}")
    channel_list = tuple(get_channel(name) for name in channels)
    enabled = frozenset(default_repairs(pdf=False) if repairs is None else repairs)
    unknown = sorted(enabled - set(REPAIRS))
    if unknown:
        raise ValueError(f"unknown repair(s) {', '.join(unknown)} (choose from {', '.join(REPAIRS)})")

    settings = Settings(
        channels=channel_list,
        min_confidence=min_confidence,
        repairs=enabled,
        languages=None if languages is None else tuple(languages),
        candidates=_candidates(channel_list),
    )
    lines, breaks = split_lines(text)
    first = survey(lines, settings)
    if not first.worth_a_look and hygiene.composed(text) and not engine.triggered(text, enabled):
        # the fast path: no pass would propose anything, so the text is its own output
        output = text if keep_line_breaks or "\r" not in text else LINE_BREAK.sub("\n", text)
        return _Repaired(output, None, first, breaks, [])
    doc = Document(lines, breaks)
    outcome = engine.run(doc, settings, first)
    return _Repaired(doc.render(keep_line_breaks), doc, first, breaks, outcome.suspicions, outcome.evidence)


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
    unknown = sorted(options.keys() - _OPTIONS.keys())
    if unknown:
        raise TypeError(f"fix_text() got unknown option(s) {', '.join(unknown)} (choose from {', '.join(_OPTIONS)})")
    return _repair(text, **{**_OPTIONS, **options}).output  # type: ignore[arg-type]


#: ``clean``'s options and their defaults, which ``fix_text`` takes too.
_OPTIONS = {name: p.default for name, p in inspect.signature(clean).parameters.items() if p.kind is p.KEYWORD_ONLY}


def clean_bytes(data: bytes, **options: object) -> CleanResult:
    """Decode ``data`` (UTF-8 when valid, otherwise the likeliest encoding), then clean it.

    The summary's ``encoding`` says which encoding was assumed.

    >>> clean_bytes("Le rŽseau a ŽtŽ lancŽ".encode("utf-8")).text
    'Le réseau a été lancé'
    """
    text, encoding = decode(data)
    result = clean(text, **options)  # type: ignore[arg-type]
    result.summary["encoding"] = encoding
    return result


def clean_pdf(data: bytes, *, password: str = "", repairs: Iterable[str] | None = None, **options: object) -> CleanResult:
    """Extract the text of the PDF in ``data`` page by page (pdfminer.six), then clean it.

    Each change and suspicion carries the page it is on; the summary gives the number
    of pages.  ``repairs`` default to those on by default for PDF input.  A PDF that
    cannot be read raises ``PDFError`` (a ``ValueError``) with a one-line reason.
    """
    pages = extract(data, password)
    chosen = default_repairs(pdf=True) if repairs is None else repairs
    result = clean(pages.text, repairs=chosen, **options)  # type: ignore[arg-type]
    lines, _ = split_lines(pages.text)
    page_of = page_of_lines(pages.texts, lines)
    result.changes[:] = [replace(c, page=page_of[c.line - 1]) for c in result.changes]
    result.suspicions[:] = [replace(s, page=page_of[s.line - 1]) for s in result.suspicions]
    result.summary.update(encoding="pdf", pages=len(pages.texts), xref_rebuilt=pages.rebuilt)
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
    result.summary["source"] = os.fspath(path)
    return result


def default_repairs(pdf: bool) -> frozenset[str]:
    """The optional repairs on by default for text (or for PDF input).

    >>> "accents" in default_repairs(pdf=False)
    True
    """
    return frozenset(name for name, (for_text, for_pdf) in REPAIRS.items() if (for_pdf if pdf else for_text))
