"""The changed lines of a result, input and output side by side, and a unified diff of them.

``changed_lines`` picks one result's changed lines as JSON-ready dicts (the HTML report
shows them too); ``unified_hunks`` turns them into the hunks of a unified diff.

>>> from mojibake_fix import clean
>>> samples, more = changed_lines(clean("le r™le\\nsans faute\\n"))
>>> [(s["line"], s["before"], s["after"]) for s in samples], more
([(1, 'le r™le', 'le rôle')], 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .changes import Change, CleanResult
from .document import LINE_BREAK, undo_line


def changed_lines(result: CleanResult, limit: int = 200) -> tuple[list[dict[str, Any]], int]:
    """Up to ``limit`` changed lines of one result, in line order, and how many more there are.

    Each is ``{"line", "page", "before", "after", "changes"}``: the whole input line (the
    output line with its changes undone), the whole output line, and the line's changes.
    Line numbers count from ``result.summary.first_line`` when the result is one
    chunk of a longer text.

    >>> from mojibake_fix import clean
    >>> samples, more = changed_lines(clean("ŽtŽ\\nok\\nr™le\\n"), limit=1)
    >>> [(s["line"], s["before"], s["after"], len(s["changes"])) for s in samples], more
    ([(1, 'ŽtŽ', 'été', 2)], 1)
    """
    if not result.changes:
        return [], 0
    by_line: dict[int, list[Change]] = {}
    for change in result.changes:
        by_line.setdefault(change.line, []).append(change)
    numbers = sorted(by_line)
    shown = numbers[: max(limit, 0)]
    if not shown:
        return [], len(numbers)
    first = result.summary.first_line or 1
    needed = shown[-1] - first + 1  # splits enough to reach the last line shown
    if result.summary.kept_line_breaks:
        lines = LINE_BREAK.split(result.text, maxsplit=needed)
    else:
        lines = result.text.split("\n", needed)
    samples = []
    for number in shown:
        changes = sorted(by_line[number], key=lambda c: (c.start, c.out_start))
        after = lines[number - first]
        samples.append(
            {
                "line": number,
                "page": changes[0].page,
                "before": undo_line(after, changes),
                "after": after,
                "changes": [_change_dict(change) for change in changes],
            }
        )
    return samples, len(numbers) - len(shown)


def _change_dict(change: Change) -> dict[str, Any]:
    """What the page needs of a change, JSON-ready."""
    return {
        "start": change.start,
        "end": change.end,
        "out_start": change.out_start,
        "out_end": change.out_end,
        "before": change.before,
        "after": change.after,
        "rule": change.rule,
        "confidence": round(change.confidence, 4),
        "evidence": change.evidence,
    }



def unified_hunks(result: CleanResult, samples: Sequence[dict[str, Any]], context: int = 3) -> str:
    """Unified-diff hunks for the changed lines of one chunk (output lines give the context).

    Lines are never added or removed, so line ``n`` of the input is line ``n`` of the
    output and each hunk has as many lines on both sides.

    >>> from mojibake_fix import clean
    >>> result = clean("un\\ndeux\\nle r™le\\n")
    >>> print(unified_hunks(result, changed_lines(result)[0], context=1), end="")
    @@ -2,2 +2,2 @@
     deux
    -le r™le
    +le rôle
    """
    if not samples:
        return ""
    first = result.summary.first_line or 1
    lines = result.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    last = first + len(lines) - 1
    by_number = {sample["line"]: sample for sample in samples}
    groups: list[list[int]] = []
    for number in sorted(by_number):
        if groups and number - groups[-1][-1] <= 2 * context:
            groups[-1].append(number)
        else:
            groups.append([number])
    hunks = []
    for group in groups:
        start, end = max(group[0] - context, first), min(group[-1] + context, last)
        body = []
        for number in range(start, end + 1):
            sample = by_number.get(number)
            if sample is None:
                body.append(f" {lines[number - first]}")
            else:
                body += [f"-{sample['before']}", f"+{sample['after']}"]
        count = end - start + 1
        hunks.append(f"@@ -{start},{count} +{start},{count} @@\n" + "".join(line + "\n" for line in body))
    return "".join(hunks)
