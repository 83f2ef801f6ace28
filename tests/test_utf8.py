"""UTF-8 read through the code pages ftfy knows (``passes/utf8.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mojibake_fix import clean, fix_text
from mojibake_fix.channels import get_channel

TEXTS = Path(__file__).resolve().parent.parent / "corpus" / "texts"


@pytest.mark.parametrize(
    ("damaged", "meant", "rule"),
    [
        ("Р’РІРµРґРёС‚Рµ", "Введите", "mojibake:utf-8>cp1251"),
        ("NapĂ\xadĹˇte nĂˇm !", "Napíšte nám !", "mojibake:utf-8>cp1250"),
        ("Г‚ВЈ5.8bn rights issue", "£5.8bn rights issue", "mojibake:utf-8>latin-1>cp1251"),
        ("Merci de t‚Äö√†√∂¬¨¬©l‚Äö√†√∂¬¨¬©charger", "Merci de télécharger", "mojibake:utf-8>mac_roman>mac_roman>mac_roman"),
        ("ART TRIP Ã\xa0 l'office", "ART TRIP à l'office", "mojibake:utf-8>latin-1"),
        ("ongeÃ«venaard", "ongeëvenaard", "mojibake:utf-8>latin-1"),
    ],
)
def test_one_string_is_enough_when_its_bytes_are_the_evidence(damaged: str, meant: str, rule: str) -> None:
    result = clean(damaged)
    assert result.text == meant
    assert {change.steps[0].rule for change in result.changes} == {rule}
    assert all("UTF-8 bytes of" in change.steps[0].evidence for change in result.changes)


def test_the_lexicon_chooses_among_code_pages_that_all_decode() -> None:
    # Finnish read as cp1257: "Ć¤" decodes through cp1250 too, as "Ƥ", which ftfy tries first
    assert fix_text("Kuitenkaan ac tai login eivĆ¤t luo tiedostoa wtmp.") == "Kuitenkaan ac tai login eivät luo tiedostoa wtmp."


@pytest.mark.parametrize(("channel", "lang"), [("utf-8>cp1251", "ru"), ("utf-8>cp1250", "cs")])
def test_a_placeholder_is_read_as_the_byte_that_makes_words(channel: str, lang: str) -> None:
    # bytes the code page could not show are written "•": Russian "И" (D0 98) read as
    # cp1251, Czech "ň" (C5 88) read as cp1250; ftfy alone reads every "•" as byte 0x95
    damage = get_channel(channel).damage
    lines = [line for line in (TEXTS / f"{lang}.txt").read_text(encoding="utf-8").split("\n") if "•" in damage(line)][:40]
    assert len(lines) >= 5
    cleaned = clean("\n".join(damage(line) for line in lines)).text.split("\n")
    assert sum(a == b for a, b in zip(cleaned, lines)) >= 0.9 * len(lines)


def test_a_line_ftfy_reads_through_a_code_page_that_breaks_its_words_is_read_token_by_token() -> None:
    # Mac-Roman is the one code page whose bytes decode for the whole line, and the
    # correct "l’équipe" holds the bytes of "Վ" ("’é")
    result = clean("Rejoignez l’équipe de la soirÃ©e")
    assert result.text == "Rejoignez l’équipe de la soirée"
    assert [change.before for change in result.changes] == ["Ã©"]


def test_a_correct_word_is_not_read_with_the_damaged_word_beside_it() -> None:
    # ftfy reads the space between the correct "має" and "Р±СѓС‚Рё" as a no-break space,
    # and "ає " as the bytes of "ຠ"
    text = "Прапорці командного рядка у bzip2 має Р±СѓС‚Рё поєднано зі списком назв файлів."
    result = clean(text)
    assert result.text == "Прапорці командного рядка у bzip2 має бути поєднано зі списком назв файлів."
    assert [change.before for change in result.changes] == ["Р±СѓС‚Рё"]


def test_a_lost_byte_is_read_by_a_code_page_that_lost_it() -> None:
    # ftfy reads "Ć•" as cp1250, where "•" is a byte of its own ("ƕ"); read as cp1257,
    # which has no character for the second byte of "ß", it stands for that byte
    line = "Die Größe einer Datei verkleinern oder vergrĆ¶Ć•ern."
    result = clean(line + "\n" + line)
    assert result.text == "\n".join(["Die Größe einer Datei verkleinern oder vergrößern."] * 2)
    assert {change.steps[0].rule.split(":")[1] for change in result.changes} == {"utf-8>cp1257"}


def test_a_stretch_ftfy_reads_out_of_step_is_left_to_the_mojibake_pass() -> None:
    # Polish read as Mac-Roman: through cp1252, ftfy finds the bytes of "ǃ" in "≈ÇƒÖ",
    # which are "łą" read through Mac-Roman
    text = "Od≈ÇƒÖcza wszystkie przypisane urządzenia loop.\nMo≈ºe to byƒá użyteczne dla ludzi."
    result = clean(text)
    assert result.text == "Odłącza wszystkie przypisane urządzenia loop.\nMoże to być użyteczne dla ludzi."
    assert {change.steps[0].rule for change in result.changes} == {"mojibake:utf-8>mac_roman"}
