"""UTF-8 read through further code pages, tried where a document shows them (``shown.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mojibake_fix import clean
from mojibake_fix.channels import get_channel
from mojibake_fix.document import undo
from mojibake_fix.shown import SHOWN_CHANNELS, shown_channels

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CANDIDATES = [get_channel(name) for name in SHOWN_CHANNELS]


def _lines(lang: str, count: int) -> list[str]:
    return (CORPUS / "texts" / f"{lang}.txt").read_text(encoding="utf-8").split("\n")[:count]


@pytest.mark.parametrize(
    ("channel", "lang"),
    [
        ("utf-8>cp1250", "de"),
        ("utf-8>cp1250", "pl"),
        ("utf-8>iso8859_2", "cs"),
        ("utf-8>cp1257", "sv"),
        ("utf-8>cp437", "de"),
        ("utf-8>cp850", "fr"),
    ],
)
def test_a_document_that_shows_a_code_page_is_read_through_it(channel: str, lang: str) -> None:
    # ftfy's heuristics pass most of these lines ("fĂĽr": both letters are upper case in
    # cp1250); the mojibake pass reads them once the document shows the code page
    lines = _lines(lang, 80)
    damaged = "\n".join(get_channel(channel).damage(line) for line in lines)
    result = clean(damaged)
    exact = sum(a == b for a, b in zip(result.text.split("\n"), lines))
    assert exact >= 0.98 * len(lines)
    assert any(change.steps[0].rule.endswith(channel) for change in result.changes)
    assert undo(result.text, result.changes, result.summary.line_breaks) == damaged
    assert clean(result.text).text == result.text


@pytest.mark.parametrize("path", sorted((CORPUS / "texts").glob("*.txt")) + sorted((CORPUS / "negative").glob("*.txt")), ids=lambda p: p.name)
def test_correct_text_shows_no_further_code_page(path: Path) -> None:
    assert shown_channels(path.read_text(encoding="utf-8").split("\n"), CANDIDATES) == ()


def test_a_token_shows_a_code_page_only_by_a_letter_it_makes() -> None:
    # "В«" is "«" in UTF-8 read as cp1251, but a Russian "В" may stand before a quote
    assert clean("В«Новый").text == "В«Новый"
    assert "utf-8>cp1250" in [c.name for c in shown_channels(["Die Argumente fĂĽr Optionen"], CANDIDATES)]


def test_only_where_the_channels_read_utf8_back() -> None:
    text = "Die Argumente fĂĽr Optionen sind fĂĽr deren Kurz- und Langform gleich."
    assert clean(text).text == "Die Argumente für Optionen sind für deren Kurz- und Langform gleich."
    assert clean(text, channels=["mac_roman>cp1252"]).text == text


@pytest.mark.parametrize(
    ("channel", "lang"), [("utf-8>cp1251", "ru"), ("utf-8>cp850", "fr"), ("utf-8>cp1257", "de"), ("utf-8>cp437", "sv")]
)
def test_part_of_a_line(channel: str, lang: str) -> None:
    # every other word damaged, as where text from two sources was joined: the words
    # decoded in a line, and in the document, are evidence for its others ("Рё" beside
    # words read back through cp1251); symbols inside a token cut it ("num├®ro" is no two
    # words "num", "ro"); correct words with accents do not speak against UTF-8 bytes
    # beside them ("├á" in a line holding "priorité"); and a lost byte is read by the
    # code page that lost it ("Ć•" is "ß" read as cp1257, not "ƕ" read as cp1250)
    damage = get_channel(channel).damage
    lines = _lines(lang, 120)
    damaged = "\n".join(" ".join(damage(w) if i % 2 == 0 else w for i, w in enumerate(line.split(" "))) for line in lines)
    result = clean(damaged)
    wrong = [(a, b) for a, b in zip(result.text.split("\n"), lines) if a != b]
    assert len(wrong) <= 1, wrong[:3]
    assert undo(result.text, result.changes, result.summary.line_breaks) == damaged
    assert clean(result.text).text == result.text


def test_one_word_is_enough_where_its_bytes_read_as_one_word_only() -> None:
    # no document, no language guess: the bytes and a listed word are the evidence
    result = clean("K├╝nstler")
    assert result.text == "Künstler"
    assert result.changes[0].steps[0].rule in ("mojibake:utf-8>cp437", "mojibake:utf-8>cp850")
    # "für" read as cp1250, or Swedish "får" read as ISO-8859-2: one word cannot tell
    assert clean("fĂĽr").text == "fĂĽr"
