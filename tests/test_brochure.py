"""The brochure that started the project comes out as its hand-checked clean version."""

from __future__ import annotations

import regex
from conftest import BROCHURE_EXPECTED, BROCHURE_INPUT

from mojibake_fix import clean, undo

SPACES = regex.compile(" +")


def _result():
    return clean(BROCHURE_INPUT.read_text(encoding="utf-8"))


def test_brochure_matches_expected_line_by_line() -> None:
    got = _result().text.split("\n")
    expected = BROCHURE_EXPECTED.read_text(encoding="utf-8").split("\n")
    assert len(got) == len(expected)
    wrong = [
        (number, line, want)
        for number, (line, want) in enumerate(zip(got, expected), 1)
        if SPACES.sub(" ", line) != SPACES.sub(" ", want)
    ]
    assert wrong == []


def test_every_changed_line_is_in_the_report() -> None:
    source = BROCHURE_INPUT.read_text(encoding="utf-8").split("\n")
    result = _result()
    changed = {n for n, (a, b) in enumerate(zip(source, result.text.split("\n")), 1) if a != b}
    assert changed == {change.line for change in result.changes}
    assert result.summary.lines_changed == len(changed)


def test_report_gives_the_brochure_back() -> None:
    source = BROCHURE_INPUT.read_text(encoding="utf-8")
    result = _result()
    assert undo(result.text, result.changes, result.summary.line_breaks) == source


def test_brochure_channel_evidence_is_one_sided() -> None:
    channels = _result().summary.channels
    assert channels["mac_roman>cp1252"]["prior"] > 2
    assert channels["cp1252>mac_roman"]["prior"] < 0


def test_correct_lines_of_the_brochure_stay_byte_identical() -> None:
    source = BROCHURE_INPUT.read_text(encoding="utf-8").split("\n")
    expected = BROCHURE_EXPECTED.read_text(encoding="utf-8").split("\n")
    got = _result().text.split("\n")
    for before, want, line in zip(source, expected, got):
        if before == want:
            assert line == before
