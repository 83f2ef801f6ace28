"""A document as lines whose edits are tracked in input coordinates, and their undoing.

Passes never edit strings: the engine calls ``Line.apply`` with a span of the line as it
is now, and the line records the edit against its *input* text, merging it with earlier
edits it touches.  So every recorded change keeps the exact input it replaced, and the
report can always give the input back.

>>> line = Line("lÕeau ˆ  New")
>>> line.apply(1, 2, "’", Step("mojibake:mac_roman>cp1252", 0.99, ""))
>>> line.apply(6, 7, "à", Step("mojibake:mac_roman>cp1252", 0.99, ""))
>>> line.apply(7, 9, " ", Step("spacing:after_repair", 0.95, ""))
>>> line.text
'l’eau à New'
>>> [(e.start, e.end, e.before, e.after) for e in line.edits]
[(1, 2, 'Õ', '’'), (6, 7, 'ˆ', 'à'), (7, 9, '  ', ' ')]
>>> line.apply(6, 8, "à", Step("spacing:after_repair", 0.95, ""))
>>> [(e.start, e.end, e.before, e.after) for e in line.edits]
[(1, 2, 'Õ', '’'), (6, 9, 'ˆ  ', 'à')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from .align import splice
from .changes import Change, Step

#: Line breaks the reader accepts: Unix, Windows and classic Mac OS.  Other characters
#: Python's ``splitlines`` treats as breaks (form feed, U+2028 ...) stay inside lines.
LINE_BREAK = regex.compile(r"\r\n|\r|\n")
#: A replacement of a line's current span ``[start, end)`` by a text, for a step.
Replacement = tuple[int, int, str, Step]


@dataclass
class Edit:
    """One recorded edit: input span ``[start, end)`` replaced by ``after``."""

    start: int
    end: int
    before: str
    after: str
    steps: list[Step] = field(default_factory=list)

    @property
    def by_codec(self) -> bool:
        """Whether some step of the edit repaired letters through a code-page channel."""
        return any(step.by_codec for step in self.steps)

    @property
    def reads_utf8(self) -> bool:
        """Whether some step of the edit read UTF-8 bytes back."""
        return any(step.reads_utf8 for step in self.steps)

    @property
    def restores_ligature(self) -> bool:
        """Whether some step of the edit put a ligature back where a trace of it was left."""
        return any(step.restores_ligature for step in self.steps)


class Line:
    """One input line, its current text, and the edits that lead from one to the other."""

    __slots__ = ("edits", "original", "text")

    def __init__(self, original: str):
        self.original = original
        self.text = original
        self.edits: Sequence[Edit] = ()  # replaced, never changed in place

    def _segments(self) -> list[tuple[int, int, int, int, Edit | None]]:
        """The line cut into (in_start, in_end, out_start, out_end, edit or None)."""
        segments: list[tuple[int, int, int, int, Edit | None]] = []
        in_pos = out_pos = 0
        for edit in self.edits:
            if edit.start > in_pos:
                gap = edit.start - in_pos
                segments.append((in_pos, edit.start, out_pos, out_pos + gap, None))
                out_pos += gap
            segments.append((edit.start, edit.end, out_pos, out_pos + len(edit.after), edit))
            in_pos, out_pos = edit.end, out_pos + len(edit.after)
        tail = len(self.original) - in_pos
        segments.append((in_pos, len(self.original), out_pos, out_pos + tail, None))
        return segments

    def apply(self, start: int, end: int, after: str, step: Step) -> None:
        """Replace current ``[start, end)`` by ``after``, recording it against the input.

        Earlier edits the span overlaps, and deletions it touches, merge into one edit, so
        recorded edits never overlap and each keeps the input it replaced.
        """
        self.apply_all([(start, end, after, step)])

    def apply_all(self, replacements: Sequence[Replacement]) -> None:
        """``apply`` for many replacements at once (current columns, none overlapping), in
        one pass over the line: a line with thousands of edits costs no more per edit.

        Replacements that touch the same earlier edit merge with it, and so with each other;
        so does a deletion with the replacement just before it ("•" → "è" and the space
        after it deleted are one change, "• " → "è"), and a replacement beside an earlier
        insertion, whose input column it shares (else their order would be lost).
        """
        if not replacements:
            return
        if not self.edits:
            self._apply_to_input(sorted(replacements, key=lambda r: (r[0], r[1])))
            return
        segments = self._segments()
        outs = [seg[2] for seg in segments]
        groups: list[tuple[list[Replacement], dict[int, Edit]]] = []
        for replacement in sorted(replacements, key=lambda r: (r[0], r[1])):
            start, end = replacement[0], replacement[1]
            touched: dict[int, Edit] = {}
            for index in range(max(bisect_right(outs, start) - 2, 0), len(segments)):
                _, _, out0, out1, edit = segments[index]
                if out0 > end:
                    break
                if edit is not None and (
                    (out0 < end and start < out1)
                    or (out0 == out1 and start <= out0 <= end)
                    or (edit.start == edit.end and start <= out1 and out0 <= end)  # beside an insertion
                ):
                    touched[id(edit)] = edit
            previous = groups[-1][0][-1] if groups else None
            # a deletion right after a replacement touches it, as an earlier edit would
            deletes_after = previous is not None and not replacement[2] and start == previous[1] < end
            if groups and (touched.keys() & groups[-1][1].keys() or deletes_after):
                groups[-1][0].append(replacement)
                groups[-1][1].update(touched)
            else:
                groups.append(([replacement], touched))
        spans = {id(edit): (out0, out1) for _, _, out0, out1, edit in segments if edit is not None}
        old_ids = {key for _, touched in groups for key in touched}
        edits = [edit for edit in self.edits if id(edit) not in old_ids]
        made = []  # (out_start, out_end, after) of each merged edit
        for members, touched in groups:
            out_start = min([members[0][0]] + [spans[key][0] for key in touched])
            out_end = max([members[-1][1]] + [spans[key][1] for key in touched])
            new_after = splice(self.text, (member[:3] for member in members), out_start, out_end)
            old = sorted(touched.values(), key=lambda e: e.start)
            first, last = _plain_input(segments, members[0][0], True), _plain_input(segments, members[-1][1], False)
            in_start = min([edit.start for edit in old] + ([first] if first is not None else []))
            in_end = max([edit.end for edit in old] + ([last] if last is not None else []))
            steps = [s for edit in old for s in edit.steps] + [member[3] for member in reversed(members)]
            merged = Edit(in_start, in_end, self.original[in_start:in_end], new_after, steps)
            if merged.before != merged.after:
                edits.append(merged)
            made.append((out_start, out_end, new_after))
        self.edits = sorted(edits, key=lambda e: (e.start, e.end))
        self.text = splice(self.text, made)

    def _apply_to_input(self, replacements: Sequence[Replacement]) -> None:
        """``apply_all`` on a line without edits, whose columns are the input's (sorted
        replacements): only a deletion right after a replacement merges with it."""
        groups: list[list[Replacement]] = []
        for replacement in replacements:
            start, end, after = replacement[0], replacement[1], replacement[2]
            if groups and not after and start == groups[-1][-1][1] < end:
                groups[-1].append(replacement)
            else:
                groups.append([replacement])
        text, edits, made = self.text, [], []
        for members in groups:
            start, end = members[0][0], members[-1][1]
            after = splice(text, (member[:3] for member in members), start, end)
            if after != text[start:end]:
                edits.append(Edit(start, end, text[start:end], after, [member[3] for member in reversed(members)]))
            made.append((start, end, after))
        self.edits = edits
        self.text = splice(text, made)

    def edited_spans(self) -> list[tuple[int, int, Edit]]:
        """(out_start, out_end, edit) for each recorded edit, in current columns.

        >>> line, step = Line("Ã©tÃ© Ã¨re"), Step("mojibake:utf-8>cp1252", 1.0, "")
        >>> line.apply_all([(0, 2, "é", step), (3, 5, "é", step), (6, 8, "è", step)])
        >>> [(out0, out1, edit.before) for out0, out1, edit in line.edited_spans()]
        [(0, 1, 'Ã©'), (2, 3, 'Ã©'), (4, 5, 'Ã¨')]
        """
        spans, shift = [], 0  # how much longer the text is than the input, so far
        for edit in self.edits:
            start = edit.start + shift
            spans.append((start, start + len(edit.after), edit))
            shift += len(edit.after) - (edit.end - edit.start)
        return spans

    def to_input(self, positions: Sequence[int]) -> list[int]:
        """The input column of each current column of ``positions`` (an edit's start
        inside it); the line is cut into segments once for all of them.

        >>> line, step = Line("Ã©tÃ©"), Step("mojibake:utf-8>cp1252", 1.0, "")
        >>> line.apply_all([(0, 2, "é", step), (3, 5, "é", step)])
        >>> line.text, line.to_input([0, 1, 2, 3])
        ('été', [0, 2, 3, 5])
        """
        segments = self._segments()
        ends = [seg[3] for seg in segments]
        columns = []
        for position in positions:
            # segments ending before the position cannot hold it
            for in0, _, out0, out1, edit in segments[bisect_left(ends, position) :]:
                if out0 <= position < out1 or (edit is None and position == out1):
                    columns.append(in0 if edit is not None else in0 + position - out0)
                    break
            else:
                columns.append(len(self.original))
        return columns

    def changes(self, number: int) -> list[Change]:
        """The recorded edits as report changes for 1-based line ``number``."""
        return [
            Change(number, in0, in1, out0, out1, edit.before, edit.after, tuple(edit.steps))
            for in0, in1, out0, out1, edit in self._segments()
            if edit is not None
        ]


class Document:
    """Text as lines, with each line's break remembered so the input can be rebuilt.

    >>> doc = Document.from_text("a\\r\\nb\\rc")
    >>> [line.text for line in doc.lines], doc.breaks
    (['a', 'b', 'c'], ['\\r\\n', '\\r', ''])
    """

    def __init__(self, lines: Sequence[str], breaks: Sequence[str]):
        self.lines = [Line(text) for text in lines]
        self.breaks = list(breaks)

    @classmethod
    def from_text(cls, text: str) -> Document:
        """Split ``text`` at ``\\n``, ``\\r\\n`` and ``\\r``; the last break may be empty."""
        return cls(*split_lines(text))

    @property
    def texts(self) -> list[str]:
        """The current text of every line."""
        return [line.text for line in self.lines]

    def render(self, keep_breaks: bool = False) -> str:
        """The current text; line breaks become ``\\n`` unless ``keep_breaks``."""
        if not keep_breaks:  # every break but the last is there
            return "\n".join(self.texts) + ("\n" if self.breaks[-1] else "")
        return "".join(line.text + brk for line, brk in zip(self.lines, self.breaks))

    def changes(self) -> list[Change]:
        """Every recorded change, in line and column order."""
        return [change for number, line in enumerate(self.lines, 1) if line.edits for change in line.changes(number)]


def _plain_input(segments: Sequence[tuple[int, int, int, int, Edit | None]], position: int, last: bool) -> int | None:
    """The input column of current column ``position`` through an unedited stretch holding
    it (the last such stretch with ``last``, past any deletion there), or None inside an edit.

    Where edits meet with no unedited stretch between them (two repaired letters side by
    side, or a repaired letter opening the line), the column is where they meet.

    >>> line = Line("ab")
    >>> line.apply(0, 1, "X", Step("mojibake:cp1252>mac_roman", 1.0, ""))
    >>> _plain_input(line._segments(), 0, True), _plain_input(line._segments(), 1, True)
    (0, 1)
    """
    found = None
    for in0, _, out0, out1, edit in segments:
        if edit is None and out0 <= position <= out1:
            found = in0 + position - out0
            if not last:
                break
    if found is None:
        edges = [
            column for in0, in1, out0, out1, edit in segments if edit is not None
            for column, at in ((in0, out0), (in1, out1)) if at == position
        ]
        if edges:
            found = max(edges) if last else min(edges)
    return found


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` and the break after each (empty after the last line when the
    text does not end with a break).

    >>> split_lines("a\\r\\nb\\n")
    (['a', 'b'], ['\\r\\n', '\\n'])
    >>> split_lines("")
    ([''], [''])
    """
    if "\r" in text:
        lines = LINE_BREAK.split(text)
        breaks = LINE_BREAK.findall(text) + [""]
    else:  # the usual case, at the speed of str.split
        lines = text.split("\n")
        breaks = ["\n"] * (len(lines) - 1) + [""]
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
        breaks.pop()
    return lines, breaks


def describe_breaks(breaks: Sequence[str]) -> dict[str, Any]:
    """The input's line breaks in a compact form the report can carry.

    >>> describe_breaks(["\\r", "\\r", ""])
    {'style': '\\r', 'final': False}
    >>> describe_breaks(["\\n", "\\r\\n", "\\n"])["style"]
    'mixed'
    """
    kinds = set(breaks[:-1]) | ({breaks[-1]} if breaks and breaks[-1] else set())
    if len(kinds) <= 1:
        return {"style": kinds.pop() if kinds else "\n", "final": bool(breaks and breaks[-1])}
    return {"style": "mixed", "breaks": list(breaks)}


def restore_breaks(description: dict[str, Any], count: int) -> list[str]:
    """The per-line breaks ``describe_breaks`` described, for ``count`` lines."""
    if description["style"] == "mixed":
        return list(description["breaks"])
    final = description["style"] if description["final"] else ""
    return [description["style"]] * (count - 1) + [final] if count else []


def undo(output: str, changes: Iterable[Change], breaks: dict[str, Any], kept_breaks: bool = False) -> str:
    """Rebuild the input from the output, its changes and the description of its breaks.

    >>> from .changes import Change, Step
    >>> step = Step("mojibake", 1.0, "")
    >>> undo("été\\n", [Change(1, 0, 1, 0, 1, "Ž", "é", (step,))], {"style": "\\r", "final": True})
    'Žté\\r'
    """
    lines = LINE_BREAK.split(output) if kept_breaks else output.split("\n")
    if _has_final(breaks) and len(lines) > 1 and lines[-1] == "":
        lines.pop()
    restored = restore_breaks(breaks, len(lines))
    by_line: dict[int, list[Change]] = {}
    for change in changes:
        by_line.setdefault(change.line, []).append(change)
    for number, line_changes in by_line.items():
        lines[number - 1] = undo_line(lines[number - 1], line_changes)
    return "".join(text + brk for text, brk in zip(lines, restored))


def undo_line(text: str, changes: Iterable[Change]) -> str:
    """Rebuild one input line from its output line and that line's changes.

    >>> from .changes import Change, Step
    >>> step = Step("mojibake", 1.0, "")
    >>> undo_line("l’été", [Change(1, 1, 2, 1, 2, "Õ", "’", (step,)), Change(1, 2, 3, 2, 3, "Ž", "é", (step,))])
    'lÕŽté'
    """
    for change in sorted(changes, key=lambda c: (c.out_start, c.start), reverse=True):
        text = text[: change.out_start] + change.before + text[change.out_end :]
    return text


def _has_final(description: dict[str, Any]) -> bool:
    """Whether the described input ended with a line break."""
    if description["style"] == "mixed":
        return bool(description["breaks"][-1])
    return bool(description["final"])
