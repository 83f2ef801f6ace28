"""Real texts in many languages: clean ones stay untouched, damaged ones come back.

The texts are real, openly licensed prose (corpus/SOURCES.md).  Damage is simulated
with the channel's own tables, over whole documents and over every other line only.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import CORPUS

from mojibake_fix import clean, undo
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel

TEXTS = sorted((CORPUS / "texts").glob("*.txt"))
LANGUAGES = [path.stem for path in TEXTS]
CHANNELS = ["mac_roman>cp1252", "cp1252>mac_roman"]


@cache
def original(lang: str) -> str:
    return (CORPUS / "texts" / f"{lang}.txt").read_text(encoding="utf-8").removesuffix("\n")


def damage(lang: str, channel: str, every_other_line: bool, placeholder: str = "\u2022") -> str:
    lines = original(lang).split("\n")
    damaged = get_channel(channel).damage
    return "\n".join(
        damaged(line, placeholder) if not every_other_line or n % 2 == 0 else line for n, line in enumerate(lines)
    )


def skip_unless_written(lang: str, damaged: str, every_other_line: bool) -> None:
    """Skip where the code page cannot write most of the language (Mac-Roman and Russian):
    the damage then touches only punctuation, which is ambiguous on its own."""
    lines = damaged.split("\n")
    touched = sum(a != b for a, b in zip(lines, original(lang).split("\n")))
    if touched < 0.2 * len(lines) / (2 if every_other_line else 1):
        pytest.skip("the code page cannot write most of this language's letters")


def exact_share(lang: str, text: str) -> float:
    want = original(lang).split("\n")
    got = clean(text).text.split("\n")
    assert len(got) == len(want)
    return sum(a == b for a, b in zip(got, want)) / len(want)


def test_corpus_has_at_least_eight_languages() -> None:
    assert len(LANGUAGES) >= 8


@pytest.mark.parametrize("lang", LANGUAGES)
def test_clean_text_is_returned_unchanged(lang: str) -> None:
    result = clean(original(lang))
    assert result.text == original(lang)
    assert result.changes == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("every_other_line", [False, True], ids=["whole", "half"])
def test_damaged_text_comes_back(lang: str, channel: str, every_other_line: bool) -> None:
    damaged = damage(lang, channel, every_other_line)
    skip_unless_written(lang, damaged, every_other_line)
    assert exact_share(lang, damaged) >= 0.98


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mac_roman_read_as_cp1252_comes_back_99_percent(lang: str) -> None:
    damaged = damage(lang, "mac_roman>cp1252", False)
    skip_unless_written(lang, damaged, False)
    assert exact_share(lang, damaged) >= 0.99


@pytest.mark.slow
@pytest.mark.parametrize("placeholder", ["\ufffd", ""], ids=["U+FFFD", "C1"])
def test_other_placeholders_for_lost_letters(placeholder: str) -> None:
    for lang in ("fr", "it", "pt"):
        assert exact_share(lang, damage(lang, "mac_roman>cp1252", False, placeholder)) >= 0.99


@pytest.mark.parametrize("lang", LANGUAGES[:4])
def test_report_undoes_a_damaged_corpus(lang: str) -> None:
    damaged = damage(lang, "mac_roman>cp1252", True)
    result = clean(damaged)
    assert undo(result.text, result.changes, result.summary.line_breaks) == damaged


# A sample of every default channel, on the first language whose letters its true code
# page can write and its misreading changes.
SAMPLE_LANGUAGES = ("de", "fr", "cs", "pl", "ru")


@pytest.mark.slow
@pytest.mark.parametrize("channel", DEFAULT_CHANNELS)
def test_every_channel_comes_back_on_a_sample(channel: str) -> None:
    damage = get_channel(channel).damage
    for lang in SAMPLE_LANGUAGES:
        lines = original(lang).split("\n")[:80]
        damaged = damage("\n".join(lines))
        if sum(a != b for a, b in zip(damaged.split("\n"), lines)) >= 0.2 * len(lines):
            break
    else:
        pytest.fail(f"no sample language shows damage through {channel}")
    result = clean(damaged)
    got = result.text.split("\n")
    assert sum(a == b for a, b in zip(got, lines)) >= 0.95 * len(lines)
    # several code pages share most of their tables (cp437 and cp850), so the rule may
    # name a sibling channel; what matters is that the changes are reported
    assert result.changes
