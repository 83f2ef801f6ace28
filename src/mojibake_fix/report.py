"""Report renderers (human text, JSON Lines) and reading a JSON Lines report back.

A JSON Lines report is one ``summary`` record per document, then its ``change`` and
``suspicion`` records.  It carries everything ``undo`` needs to rebuild the input.

>>> from mojibake_fix import clean
>>> result = clean("le r™le des villes")
>>> print(render_text(result).splitlines()[-1])
line 1, col 4-5: '™' → 'ô'  [mojibake:mac_roman>cp1252 1.00] ‘rôle’ fr zipf 5.1 over ‘r™le’ not a word; prior -1.4 (channel: 0 clear, 0 against)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .changes import Change, CleanResult, Step
from .summary import Summary

#: The formats of the report (``clean-text --report-format``).
FORMATS = ("text", "jsonl")


def render_text(result: CleanResult, name: str | None = None) -> str:
    """The summary, then one line per change and per suspicion."""
    return text_head(result.summary, name) + text_body(result)


def text_head(summary: Summary, name: str | None = None) -> str:
    """The summary lines of a text report (each starts with '#').

    >>> from mojibake_fix import clean
    >>> print(text_head(clean("le r™le").summary, "a.txt").splitlines()[0])
    # a.txt
    """
    head = [f"# {name or (summary.source if summary.source is not None else '<text>')}"]
    facts = [f"{summary.lines} lines", f"languages {', '.join(summary.languages) or '?'}"]
    if summary.pages is not None:
        facts.insert(0, f"{summary.pages} pages")
    if summary.encoding is not None:
        facts.insert(0, f"read as {summary.encoding}")
    head.append("# " + "; ".join(facts))
    for channel, info in summary.channels.items():
        head.append(
            f"# channel {channel}: prior {info['prior']:+.1f} "
            f"({info['clear']} tokens clearly damaged this way, {info['against']} clearly not)"
        )
    rules = ", ".join(f"{rule} {count}" for rule, count in summary.changes_by_rule.items()) or "none"
    head.append(f"# {summary.changes} changes on {summary.lines_changed} lines ({rules}); {summary.suspicions} suspicions")
    return "\n".join(head) + "\n"


def text_body(result: CleanResult) -> str:
    """One line per change, then one per suspicion (empty when there are none)."""
    body = [
        f"{_where(c.page, c.line)}, col {c.start}-{c.end}: {c.before!r} → {c.after!r}  [{c.rule} {c.confidence:.2f}] {c.evidence}"
        for c in result.changes
    ]
    body += [
        f"suspicion {_where(s.page, s.line)}, col {s.start}-{s.end}: {s.text!r} may be {s.suggestion!r}  [{s.rule} {s.confidence:.2f}] {s.evidence}"
        for s in result.suspicions
    ]
    return "".join(line + "\n" for line in body)


def _where(page: int | None, line: int) -> str:
    return f"line {line}" if page is None else f"page {page}, line {line}"


def jsonl_records(result: CleanResult, name: str | None = None) -> Iterator[dict[str, Any]]:
    """The records of one document's JSON Lines report."""
    yield jsonl_summary(result.summary, name)
    yield from jsonl_body(result, name)


def jsonl_summary(summary: Summary, name: str | None = None) -> dict[str, Any]:
    """The summary record, with the file name first when there is one."""
    return {"type": "summary", **({"file": name} if name else {}), **summary.to_dict()}


def jsonl_body(result: CleanResult, name: str | None = None) -> Iterator[dict[str, Any]]:
    """The change records, then the suspicion records."""
    extra = {"file": name} if name else {}
    for change in result.changes:
        yield {"type": "change", **extra, **change.to_dict()}
    for suspicion in result.suspicions:
        yield {"type": "suspicion", **extra, **suspicion.to_dict()}


def render_jsonl(result: CleanResult, name: str | None = None) -> str:
    """One JSON object per line: the summary, the changes, the suspicions."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl_records(result, name))


def read_jsonl(lines: Iterable[str]) -> list[tuple[dict[str, Any], list[Change]]]:
    """Parse a JSON Lines report into (summary, changes) per document, in order.

    >>> from mojibake_fix import clean, undo
    >>> result = clean("lÕeau\\r\\n")
    >>> [(summary, changes)] = read_jsonl(render_jsonl(result).splitlines())
    >>> undo(result.text, changes, summary["line_breaks"])
    'lÕeau\\r\\n'
    """
    documents: list[tuple[dict[str, Any], list[Change]]] = []
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            kind = record["type"]
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"report line {number} is not a report record") from None
        if kind == "summary":
            documents.append((record, []))
        elif kind == "change":
            if not documents:
                raise ValueError(f"report line {number}: a change before any summary")
            steps = tuple(Step(s["rule"], s["confidence"], s["evidence"]) for s in record["steps"])
            fields = ("line", "start", "end", "out_start", "out_end", "before", "after")
            documents[-1][1].append(Change(**{f: record[f] for f in fields}, steps=steps))
    return documents
