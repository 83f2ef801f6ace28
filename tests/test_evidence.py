"""Every change needs evidence the report can name: the rule in the decision, not lists.

Each test below damaged correct text before the decision rule changed: a reading was
applied when its only support was the channel's prior, when the language that made it
a word came from the token's own readings, or when neither the token nor its reading
was a word.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS

from mojibake_fix import clean, fix_text
from mojibake_fix.channels import get_channel
from mojibake_fix.languages import attested_languages
from mojibake_fix.lexicon import Lexicon
from mojibake_fix.passes.ranking import UNWORDED
from mojibake_fix.report import text_head
from mojibake_fix.scoring import backed_by_words, text_logprob, word_logprob

CORPUS_TEXTS = CORPUS / "texts"
#: Real Mac-Roman damage (French read as cp1252) for lines to sit beside.
DAMAGED = "Le rŽseau a ŽtŽ lancŽ ˆ New York.\nLe si•ge de lÕONU est ˆ Paris.\nLes collectivitŽs locales ont le statut de membre ˆ part enti•re."


@pytest.mark.parametrize(
    "text",
    [
        "εm",  # was 'îm': a Romanian word only the token's own reading brought in
        "σ(x∞",  # was 'σ(xì': neither is a word
        "lim σ(x∞) = 0",
        "Megías",  # was 'Meg’as': "Meg" and "as" are no English word split at an apostrophe
        "as shown by Megías et al.",
        "Ñandú, ñu y ñame",  # was '–u': the Spanish words as written say the language
        "3 × 4 = 12; 12 ÷ 4 = 3",
        "≈",
        "Ω",
        "∞",
    ],
)
def test_correct_short_text_is_left_alone(text: str) -> None:
    assert fix_text(text) == text


def test_a_correct_line_beside_real_damage_keeps_its_inverted_exclamation_mark() -> None:
    # mac_roman>cp1252 is evidenced by the other lines, but "°Tu" explains the line no
    # better than "¡Tu": the prior alone would make the change
    result = clean(DAMAGED + "\n¡Tu barco puede navegar!")
    assert result.text.split("\n")[-1] == "¡Tu barco puede navegar!"
    assert result.text.split("\n")[0] == "Le réseau a été lancé à New York."


def test_a_token_s_own_reading_attests_no_language() -> None:
    channels = [get_channel("cp1252>cp437")]
    assert attested_languages(["εm"], channels, 100) == []
    # the words as written attest theirs
    assert "fr" in attested_languages(["le rôle des villes et des communes"], channels, 100)


def test_readings_of_many_broken_tokens_attest_their_language() -> None:
    channel = get_channel("cp1251>cp1252")
    words = ["Привет", "мир", "это", "простой", "текст", "на", "русском", "языке"]
    damaged = " ".join(channel.damage(word) for word in words)
    assert attested_languages([damaged], [channel], 100)[:1] == ["ru"]


def test_an_apostrophe_splits_words_only_where_the_language_splits_them() -> None:
    en, fr = Lexicon(["en"]), Lexicon(["fr"])
    assert word_logprob("Meg’as", en) < word_logprob("Megías", en)
    assert word_logprob("l’eau", fr) > word_logprob("lÕeau", fr)
    assert word_logprob("it’s", en) > word_logprob("itÕs", en)


def test_a_sign_that_follows_a_number_is_rare_opening_a_word() -> None:
    lex = Lexicon(["es"])
    assert text_logprob("°Tu", lex) <= text_logprob("¡Tu", lex)
    assert text_logprob("21°", lex) > text_logprob("21¡", lex)
    # an ordinal indicator after a number is as common as punctuation
    assert text_logprob("11º", Lexicon(["pt"])) > text_logprob("11¼", Lexicon(["pt"]))


def test_a_reading_no_word_backs_is_never_certain() -> None:
    # the line's other tokens evidence the channel; "MontrŽal" is a name, no listed word
    result = clean("La ville de GrŽgoireville a ŽtŽ fondŽe par les membres du comitŽ rŽgional.")
    names = [c for c in result.changes if c.before == "Ž" and c.line == 1]
    assert names, result.changes
    unworded = [c for c in names if "unknown" in c.evidence.split(" over ")[0]]
    assert unworded and all(c.confidence <= UNWORDED for c in unworded)
    worded = [c for c in names if "zipf" in c.evidence.split(" over ")[0]]
    assert worded and max(c.confidence for c in worded) > UNWORDED


def test_the_report_prints_whole_counts() -> None:
    text = DAMAGED + "\n" + "\n".join(["Il était une fois une île où l’été durait toujours."] * 3)
    header = text_head(clean(text).summary)
    counts = [part.split(" clearly not")[0].rsplit(" ", 1)[-1] for part in header.split("\n") if "clearly not" in part]
    assert counts and all(count.isdigit() for count in counts)


def _mixed(channel: str, lines: list[str], host: str = "fr") -> list[str]:
    """``lines`` after every fourth line of a corpus text damaged through ``channel``,
    cleaned as one document: the cleaned ``lines`` and the host's first cleaned line."""
    damage = get_channel(channel).damage
    text = (CORPUS_TEXTS / f"{host}.txt").read_text(encoding="utf-8").split("\n")[:120]
    document: list[str] = []
    places = []
    for number, line in enumerate(lines):
        document += [damage(host_line) for host_line in text[number * 4 : number * 4 + 4]]
        places.append(len(document))
        document.append(line)
    document += [damage(host_line) for host_line in text[len(lines) * 4 :]]
    cleaned = clean("\n".join(document)).text.split("\n")
    assert cleaned[0] == text[0], "the host's damage is repaired"
    return [cleaned[place] for place in places]


def test_an_apostrophe_elides_a_vowel_before_a_vowel_only() -> None:
    fr = Lexicon(["fr"])
    # "S’le" is no elided "s’": a vowel is dropped before a vowel ("s’il")
    assert not backed_by_words("S’le", "Síle", fr, languages=["fr"])
    assert backed_by_words("qu’il", "quÕil", fr, languages=["fr"])
    # nor is "Alban’a" two words: French splits no word after "Alban"
    assert not backed_by_words("Alban’a", "Albanía", fr, languages=["fr"])


def test_names_alone_on_a_line_keep_their_letters_beside_real_damage() -> None:
    # French read as Mac-Roman turns every "’" into "í" and "œ" into "ú", but a lone
    # name is no evidence that its accented letter is one of them
    names = ["Albanía", "Síle", "Bútan", "Angvíla", "Bosnía og Hersegóvína"]
    assert _mixed("cp1252>mac_roman", names) == names


@pytest.mark.parametrize(
    ("channel", "line"),
    [
        ("mac_roman>cp1252", "Õues sajab lund ja tuul on külm."),  # Estonian: no "’ues"
        ("mac_roman>cp1252", "Dara Ó Briain is an Irish comedian."),  # English: no "”"
        ("cp1252>cp850", "Seán Ó Riada wrote the score for the film Mise Éire."),  # no "à"
        ("mac_roman>cp1252", "È vero, ha ragione lui."),  # Italian: no "»"
        ("cp1252>cp850", "Die Feinstrukturkonstante α ≈ 1/137 ist dimensionslos."),  # a Greek letter is no "à"
        ("mac_roman>cp1252", "Les majuscules accentuées À, É, È et Ç doivent être conservées."),
        ("cp1252>cp850", "Ajoutez ½ tasse de sucre et ¼ de litre de lait."),  # a half, no lone "«"
        ("mac_roman>cp1252", "COSÌ È LA VITA"),
        ("mac_roman>cp1252", "Õun"),  # an apostrophe opening a word is no elision
    ],
)
def test_a_line_the_channel_did_not_write_is_left_alone(channel: str, line: str) -> None:
    assert _mixed(channel, [line]) == [line]


def test_a_word_mended_far_better_needs_no_other_token_showing_its_letter() -> None:
    # Danish imperatives are the only words with "é" ("Kopiér"): read through Mac-Roman
    # none is a listed word, and no other token shows "È" as "é"
    channel = get_channel("cp1252>mac_roman")
    text = (CORPUS_TEXTS / "da.txt").read_text(encoding="utf-8").split("\n")[:200]
    lines = [*text, "Kopiér en fil med konvertering og formatering som angivet."]
    cleaned = clean("\n".join(channel.damage(line) for line in lines)).text.split("\n")
    assert cleaned[-1] == lines[-1]
