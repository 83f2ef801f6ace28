"""Correct text that looks suspicious must come out unchanged (corpus/negative)."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from mojibake_fix import clean, fix_text

FILES = sorted((CORPUS / "negative").glob("*.txt"))


def _lines(name: str) -> list[str]:
    return (CORPUS / "negative" / name).read_text(encoding="utf-8").removesuffix("\n").split("\n")


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_each_line_alone_is_unchanged(name: str) -> None:
    changed = [line for line in _lines(name) if fix_text(line) != line]
    assert changed == []


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_each_file_as_one_document_is_unchanged(name: str) -> None:
    text = "\n".join(_lines(name))
    result = clean(text)
    assert [c for c in result.changes] == []


def test_a_word_of_another_language_of_the_document_is_not_read_into_a_line() -> None:
    # names.txt as one document is guessed Czech, Serbo-Croatian, Polish and Hungarian;
    # "Ève" read as Mac-Roman would be the Hungarian word "éve", but its line is French
    lines = _lines("names.txt")
    line = next(n for n, text in enumerate(lines) if text.startswith("Ève Curie"))
    result = clean("\n".join(lines))
    assert result.summary["languages"][0] != "fr" and "hu" in result.summary["languages"]
    assert result.text.split("\n")[line] == lines[line]


def test_negative_set_is_large_and_varied() -> None:
    assert len(FILES) >= 5
    assert sum(len(_lines(path.name)) for path in FILES) >= 400
