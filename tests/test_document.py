"""A line's edits: whatever replacements are applied, in one batch or several, the text
is their splice, every edit keeps the input it replaced, and the changes undo the line."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mojibake_fix.changes import Step
from mojibake_fix.document import Line, undo_line

ALPHABET = "ab Ã©•"


@st.composite
def batches(draw: st.DrawFn, length: int) -> list[tuple[int, int, str]]:
    """Replacements of a text of ``length`` characters that do not overlap (adjacent ones
    and insertions included, but not two insertions at one place, whose order nothing
    fixes): spans between sorted cut points, some left out."""
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
    kept: list[tuple[int, int]] = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        if draw(st.booleans()) and not (kept and start == end == kept[-1][0] == kept[-1][1]):
            kept.append((start, end))
    return [(start, end, draw(st.text(ALPHABET, max_size=3))) for start, end in kept]


def step(rule: str) -> Step:
    return Step(rule, 1.0, "")


def splice(text: str, replacements: list[tuple[int, int, str]]) -> str:
    for start, end, after in sorted(replacements, reverse=True):
        text = text[:start] + after + text[end:]
    return text


@settings(max_examples=300, deadline=None)
@given(st.data(), st.text(ALPHABET, max_size=20))
def test_edits_record_any_replacements_and_undo_them(data: st.DataObject, original: str) -> None:
    line = Line(original)
    for round_number in range(data.draw(st.integers(1, 3))):
        replacements = data.draw(batches(len(line.text)))
        expected = splice(line.text, replacements)
        line.apply_all([(start, end, after, step(f"test:round {round_number}")) for start, end, after in replacements])
        assert line.text == expected
        for out_start, out_end, edit in line.edited_spans():
            assert line.text[out_start:out_end] == edit.after
            assert original[edit.start : edit.end] == edit.before
        starts = [(edit.start, edit.end) for edit in line.edits]
        assert starts == sorted(starts)
        assert all(a[1] <= b[0] for a, b in pairwise(starts))
        assert undo_line(line.text, line.changes(1)) == original


def test_a_deletion_right_after_a_replacement_is_one_change_with_it() -> None:
    line = Line("si• ge")
    line.apply_all([(2, 3, "è", step("mojibake")), (3, 4, "", step("spacing"))])
    assert line.text == "siège"
    assert [(e.before, e.after, [s.rule for s in e.steps]) for e in line.edits] == [("• ", "è", ["spacing", "mojibake"])]


def test_an_insertion_where_two_edits_meet_or_before_one_opening_the_line() -> None:
    line = Line("lÕŽtat")
    line.apply_all([(1, 2, "’", step("mojibake")), (2, 3, "é", step("mojibake"))])
    line.apply(2, 2, "-", step("test"))  # where the two repaired letters meet
    line.apply(0, 0, "«", step("test"))  # before the first
    assert line.text == "«l’-état"
    assert undo_line(line.text, line.changes(1)) == "lÕŽtat"


def test_insertions_at_one_place_in_two_rounds_are_one_edit() -> None:
    line = Line("ab")
    line.apply(1, 1, "x", step("first"))
    line.apply(1, 1, "y", step("second"))
    assert line.text == "ayxb"
    assert [(e.start, e.end, e.before, e.after) for e in line.edits] == [(1, 1, "", "yx")]
