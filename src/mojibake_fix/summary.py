"""``Summary``: a document in a few facts (lines, languages, channels, line breaks) and
what cleaning it did, in counts; one for a whole file from its chunks'; as reports write it.

>>> from mojibake_fix import clean
>>> summary = clean("le r™le\\r\\n").summary
>>> summary.changes, summary.changes_by_rule, summary.line_breaks
(1, {'mojibake:mac_roman>cp1252': 1}, {'style': '\\r\\n', 'final': True})
>>> list(summary.to_dict())[:4]
['changes', 'changes_by_rule', 'lines_changed', 'suspicions']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from .document import restore_breaks

if TYPE_CHECKING:
    from .changes import Change, Suspicion


@dataclass(frozen=True)
class Summary:
    """The summary of a document (or of a chunk of one), as the report's summary record holds it.

    The facts after ``kept_line_breaks`` are there for some inputs only (None, and left
    out of ``to_dict``, for the others): ``first_line`` for a chunk of a stream,
    ``encoding`` for bytes, ``encodings`` (lines read in each) when a stream's chunks were
    read in several, ``pages`` and ``xref_rebuilt`` for a PDF, ``source`` for a file.
    """

    changes: int
    changes_by_rule: dict[str, int]
    lines_changed: int
    suspicions: int
    lines: int
    languages: list[str]
    channels: dict[str, dict[str, Any]]  # name → prior, tokens clearly damaged that way ("clear") and clearly not ("against")
    line_breaks: dict[str, Any]  # as ``document.describe_breaks`` gives them
    kept_line_breaks: bool
    first_line: int | None = None
    encoding: str | None = None
    encodings: dict[str, int] | None = None
    pages: int | None = None
    xref_rebuilt: bool | None = None
    source: str | None = None

    @classmethod
    def of(cls, changes: Sequence[Change], suspicions: Sequence[Suspicion], **facts: Any) -> Summary:
        """The counts of ``changes`` (by rule, and the lines they are on) and ``suspicions``, with the other ``facts``."""
        by_rule: Counter[str] = Counter()
        for change in changes:
            by_rule.update(dict.fromkeys((step.rule for step in change.steps), 1))
        return cls(
            changes=len(changes),
            changes_by_rule=dict(sorted(by_rule.items())),
            lines_changed=len({change.line for change in changes}),
            suspicions=len(suspicions),
            **facts,
        )

    @classmethod
    def merge(cls, parts: Iterable[Summary]) -> Summary:
        """One summary for a whole file from its chunks' summaries (at least one), in order.

        Counts are summed; ``languages`` are listed in the order first seen; for each
        channel, the tokens for and against are summed and the prior is the chunks' priors
        weighted by those tokens.  The encoding is the chunks' when they agree, else their
        names joined, with ``encodings`` giving the lines read in each.  ``line_breaks`` is
        compact when every chunk has the same kind of break, else the ``mixed`` form, so
        that ``document.undo`` over the joined output and all changes gives the input back.
        The other facts are the first chunk's.

        >>> import io
        >>> from mojibake_fix.stream import clean_stream
        >>> summary = Summary.merge(result.summary for result in clean_stream(io.BytesIO(b"a\\r\\nb\\nc"), chunk_chars=2))
        >>> summary.lines, summary.line_breaks, summary.first_line
        (3, {'style': 'mixed', 'breaks': ['\\r\\n', '\\n', '']}, None)
        """
        parts = list(parts)
        if not parts:
            raise ValueError("no summaries to merge")
        first = parts[0]
        encoding, encodings = first.encoding, None
        if encoding is not None:
            lines_by_encoding: Counter[str] = Counter()
            for part in parts:
                lines_by_encoding[str(part.encoding)] += part.lines
            encoding = ", ".join(lines_by_encoding)
            encodings = dict(lines_by_encoding) if len(lines_by_encoding) > 1 else first.encodings
        return cls(
            changes=sum(part.changes for part in parts),
            changes_by_rule=add_counts(part.changes_by_rule for part in parts),
            lines_changed=sum(part.lines_changed for part in parts),
            suspicions=sum(part.suspicions for part in parts),
            lines=sum(part.lines for part in parts),
            languages=list(dict.fromkeys(code for part in parts for code in part.languages)),
            channels=_merge_channels([part.channels for part in parts]),
            line_breaks=_merge_breaks([(part.line_breaks, part.lines) for part in parts]),
            kept_line_breaks=first.kept_line_breaks,
            encoding=encoding,
            encodings=encodings,
            pages=first.pages,
            xref_rebuilt=first.xref_rebuilt,
            source=first.source,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping, in field order, without the facts this input does not have."""
        return {field.name: value for field in fields(self) if (value := getattr(self, field.name)) is not None}


def add_counts(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Counts by rule added up, in the order of the rules' names.

    >>> add_counts([{"b": 1, "a": 2}, {"b": 3}])
    {'a': 2, 'b': 4}
    """
    total: Counter[str] = Counter()
    for part in counts:
        total.update(part)
    return dict(sorted(total.items()))


def _merge_channels(channels: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """The chunks' channel evidence: tokens summed, priors weighted by their tokens."""
    merged: dict[str, dict[str, Any]] = {}
    for name in dict.fromkeys(name for chunk in channels for name in chunk):
        infos = [chunk[name] for chunk in channels if name in chunk]
        weights = [info["clear"] + info["against"] for info in infos]
        if not any(weights):
            weights = [1] * len(infos)
        prior = sum(info["prior"] * weight for info, weight in zip(infos, weights)) / sum(weights)
        merged[name] = {
            "prior": round(prior, 2),
            "clear": sum(info["clear"] for info in infos),
            "against": sum(info["against"] for info in infos),
        }
    return merged


def _merge_breaks(parts: list[tuple[dict[str, Any], int]]) -> dict[str, Any]:
    """The line breaks of the whole from each chunk's description and line count, in the
    form ``describe_breaks`` gives for the whole (every chunk but the last ends with a
    break, so a compact whole only needs the last chunk's ``final``)."""
    kinds: set[str] = set()
    for description, lines in parts:
        if description["style"] == "mixed":
            kinds.update(description["breaks"])
        elif description["final"] or lines > 1:
            kinds.add(description["style"])
    kinds.discard("")
    if len(kinds) > 1:
        return {"style": "mixed", "breaks": [brk for description, lines in parts for brk in restore_breaks(description, lines)]}
    return {"style": kinds.pop() if kinds else "\n", "final": parts[-1][0]["final"]}
