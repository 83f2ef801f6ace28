"""The ligature pass alone: every repair kind on real words, clean text left alone, real PDFs."""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import pytest
from conftest import CORPUS

from mojibake_fix import clean, engine, fix_text, undo
from mojibake_fix.api import default_repairs
from mojibake_fix.changes import Change, Suspicion
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel
from mojibake_fix.context import Context, Settings
from mojibake_fix.document import Document, describe_breaks
from mojibake_fix.languages import guess_languages
from mojibake_fix.lexicon import Lexicon
from mojibake_fix.passes import ligatures, mojibake

CHANNELS = tuple(get_channel(name) for name in DEFAULT_CHANNELS)
TEXTS = sorted((CORPUS / "texts").glob("*.txt"))
NEGATIVE = sorted((CORPUS / "negative").glob("*.txt"))


def context(languages: list[str]) -> Context:
    return Context(lexicon=Lexicon.shared(languages), channels=CHANNELS)


def settings(languages: list[str]) -> Settings:
    return Settings(CHANNELS, languages=tuple(languages))


def run(text: str, languages: list[str], passes: tuple[engine.Pass, ...] = (ligatures.repair,)) -> tuple[Document, list[Suspicion]]:
    """The engine with only ``passes``, the lexicon forced to ``languages``."""
    doc = Document.from_text(text)
    suspicions = engine.run(doc, settings(languages), passes=passes).suspicions
    assert undo(doc.render(), doc.changes(), describe_breaks(doc.breaks)) == text
    return doc, suspicions


def fixed(text: str, language: str) -> str:
    return run(text, [language])[0].render()


def rules(changes: list[Change]) -> list[str]:
    return [change.rule for change in changes]


# ligature code points


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The ﬁrst ﬁeld, an eﬀective oﬃce, a baﬄing ﬂow.", "The first field, an effective office, a baffling flow."),
        ("fr", "Des déﬁnitions diﬀérentes ; aﬃcher le ﬁchier.", "Des définitions différentes ; afficher le fichier."),
        ("de", "Der Begriﬀ, die Auﬂage, der Oﬃzier, die Poﬆ.", "Der Begriff, die Auflage, der Offizier, die Post."),
    ],
)
def test_code_points_are_spelled_out(language: str, text: str, expected: str) -> None:
    doc, suspicions = run(text, [language])
    assert doc.render() == expected
    assert set(rules(doc.changes())) == {"ligature:codepoint"}
    assert all(change.confidence >= 0.99 for change in doc.changes())
    assert suspicions == []


def test_a_code_point_in_no_known_word_is_spelled_out_less_surely() -> None:
    doc, _ = run("Le logiciel Aﬃnix.", ["fr"])
    assert doc.render() == "Le logiciel Affinix."
    assert 0.9 <= doc.changes()[0].confidence < 0.99


def test_mac_roman_sharp_s_is_left_to_the_mojibake_pass() -> None:
    # cp1252 "ß" read as Mac-Roman shows "ﬂ": "Straﬂe" is "Straße", not "Strafle"
    text = "Die Straﬂe ist lang, der Gruﬂ herzlich."
    doc, suspicions = run(text, ["de"])
    assert doc.render() == text and suspicions == []
    doc, _ = run(text, ["de"], passes=(ligatures.repair, mojibake.repair))
    assert doc.render() == "Die Straße ist lang, der Gruß herzlich."


# stand-ins for the ligature glyph


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # TeX OT1 codes: \x0b ff, \x0c fi, \x0e ffi, \x0f ffl; T1 codes \x1b-\x1f
        ("en", "An e\x0bective o\x0ece, ba\x0fed, the \x0cnal \x1celd.", "An effective office, baffled, the final field."),
        ("fr", "Le \x0cltre est a\x0eché, une di\x0bérence.", "Le filtre est affiché, une différence."),
        ("de", "Die Ö\x0bentlichkeit, der O\x0ezier.", "Die Öffentlichkeit, der Offizier."),
        # U+FFFD and private-use characters (old Mac fonts put fi and fl at U+F001, U+F002)
        ("en", "A di\ufffderent \uf001eld, the \uf002ow.", "A different field, the flow."),
        ("fr", "Une \uf002eur di\ufffdcile.", "Une fleur difficile."),
        # spacing accents where T1 fonts have their ligatures, each in two words
        ("en", "Magnetic ˛elds are di˙erent; the ˛nal e˙ect.", "Magnetic fields are different; the final effect."),
        ("de", "Die Au˛age, das Schi˙, die Ab˛üsse, der Sto˙.", "Die Auflage, das Schiff, die Abflüsse, der Stoff."),
    ],
)
def test_stand_ins_become_the_ligature_that_makes_a_word(language: str, text: str, expected: str) -> None:
    doc, _ = run(text, [language])
    assert doc.render() == expected
    assert set(rules(doc.changes())) == {"ligature:replaced"}


@pytest.mark.parametrize(
    "text",
    [
        "\x0cle fichier est ouvert.",  # a page break, not "file"
        "\x0cceluici et \x0cLes autres.",
        "\x0c",
        "Le \ufffdle est loin.",  # "île" through a code page: the mojibake pass decides
        "Une cha\u02c6\u0131ne.",  # an accent for the accents pass
    ],
)
def test_stand_ins_that_are_no_ligature_stay(text: str) -> None:
    doc, _ = run(text, ["fr"])
    assert doc.changes() == []


# spacing accents are accents first: a ligature only where the document shows it

# Written for these tests: correct maths as pdfminer.six extracts it from a LaTeX PDF,
# with the accents of \\tilde, \\hat, \\bar, \\dot as spacing characters.
MATHS = {
    "de": (
        "Sei ˜y die gefilterte Folge und ˆx der Schätzer von x. Dann gilt für den Fehler\n"
        "êI3 die Schranke ¯x ≤ ˙x, und x˜ konvergiert gegen ˜ y, sobald ˜y beschränkt ist.\n"
    ),
    "en": (
        "Let ˜y be the filtered sequence and ˆx the estimate of x. Then the error êI3\n"
        "satisfies ¯x ≤ ˙x, and x˜ converges to ˜ y whenever ˜y is bounded.\n"
    ),
    "fr": (
        "Soit ˜y la suite filtrée et ˆx l’estimateur de x. Alors l’erreur êI3 vérifie\n"
        "¯x ≤ ˙x, et x˜ converge vers ˜ y dès que ˜y est bornée.\n"
    ),
}


@pytest.mark.parametrize("language", sorted(MATHS))
def test_accented_symbols_of_a_maths_extract_stay(language: str) -> None:
    text = MATHS[language]
    assert fix_text(text) == text
    result = clean(text, repairs=default_repairs(pdf=True))
    assert result.text == text
    assert all(s.confidence < 0.9 for s in result.suspicions)
    doc, suspicions = run(text, [language])
    assert doc.changes() == [] and all(s.confidence < 0.9 for s in suspicions)


@pytest.mark.parametrize(("language", "text"), [("de", "Die Schätzung ˜y ist gut."), ("en", "Then ˜y is the estimate of y.")])
def test_a_letter_with_a_tilde_is_no_lost_ligature(language: str, text: str) -> None:
    result = clean(text, repairs=default_repairs(pdf=True))
    assert result.text == text and result.changes == []
    doc, suspicions = run(text, [language])
    assert doc.changes() == []
    assert [(s.suggestion, s.confidence < 0.9) for s in suspicions] in ([], [("fl", True)])


def test_a_letter_with_a_tilde_stays_where_the_tilde_is_a_ligature_elsewhere() -> None:
    # the tilde stands for a ligature in two words, yet "˜y" as it stands is a y with a tilde
    doc, suspicions = run("The ˜ow of e˜uents: let ˜y be their rate.", ["en"])
    assert doc.render() == "The flow of effluents: let ˜y be their rate."
    assert [s.text for s in suspicions] == ["˜"]
    assert "a lone letter with an accent as it stands" in suspicions[0].evidence


def test_an_accent_read_as_a_ligature_needs_another_word_showing_it() -> None:
    # one word, even written twice, is no evidence for itself
    doc, suspicions = run("Magnetic ˛elds and electric ˛elds.", ["en"])
    assert doc.changes() == []
    assert [(s.suggestion, s.rule) for s in suspicions] == [("fi", "ligature:replaced")] * 2
    assert all(s.confidence < 0.9 and "‘˛’ a ligature in 0 other words" in s.evidence for s in suspicions)
    # another accent standing for a ligature says nothing about this one
    doc, _ = run("Magnetic ˛elds are di˙erent.", ["en"])
    assert doc.changes() == []
    # TeX's raw codes are no text: they need no such evidence
    doc, _ = run("An e\x0bective \x0celd.", ["en"])
    assert doc.render() == "An effective field."


def test_spacing_accents_on_a_lone_letter_are_only_suspected() -> None:
    text = "Le syst`eme ´etrang`ere de fa¸con sˆure, la chaˆıne.\nSoit ˜y le signal et ˙x sa dérivée.\n"
    result = clean(text, repairs=default_repairs(pdf=True))
    assert result.text == "Le système étrangère de façon sûre, la chaîne.\nSoit ˜y le signal et ˙x sa dérivée.\n"
    lone = [s for s in result.suspicions if s.rule == "accents:spacing"]
    assert [(s.text, s.suggestion) for s in lone] == [("˜y", "ỹ"), ("˙x", "ẋ")]
    assert all(s.confidence < 0.9 for s in lone)


# words split at their ligature


@pytest.mark.parametrize(
    ("language", "text", "expected", "rule"),
    [
        ("en", "It is di ff erent and e ff ective.", "It is different and effective.", "ligature:split"),
        ("en", "The model classi es the data.", "The model classifies the data.", "ligature:split"),
        ("en", "Pﬁ zer and Pfi zer.", "Pfizer and Pfizer.", "ligature:split"),
        ("en", "The o ﬃ ce, of fice and the ﬁ eld.", "The office, office and the field.", "ligature:split"),
        ("fr", "La dé ﬁ nition, une e ﬃ cacité, les ﬁ chiers.", "La définition, une efficacité, les fichiers.", "ligature:split"),
        ("de", "Der Begri ff, das Tre ff en, die Ö ff entlichkeit.", "Der Begriff, das Treffen, die Öffentlichkeit.", "ligature:split"),
        ("fr", "Une œ uvre, de tout c œur, les Œ uvres.", "Une œuvre, de tout cœur, les Œuvres.", "ligature:oe"),
        ("da", "Med kæ rlighed.", "Med kærlighed.", "ligature:ae"),
    ],
)
def test_split_words_are_joined(language: str, text: str, expected: str, rule: str) -> None:
    doc, _ = run(text, [language])
    assert doc.render() == expected
    assert rule in rules(doc.changes())


def test_a_join_deletes_the_gap_and_puts_the_ligature_back() -> None:
    doc, _ = run("It is di ff erent, classi es.", ["en"])
    assert [(c.before, c.after) for c in doc.changes()] == [(" ff ", "ff"), (" ", "fi")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The wi fi is off. A fi fo queue. The staff effort."),
        ("en", "See p. 12 ff. and the fl oz."),
        ("de", "Siehe S. 12 ff. und das Schiff fährt."),
        ("fr", "Le fi de la chose, un œil, le cœur, une œuvre."),
    ],
)
def test_real_words_side_by_side_are_not_joined(language: str, text: str) -> None:
    doc, _ = run(text, [language])
    assert doc.changes() == []


# dropped ligatures


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The denition of the ofce is signicant.", "The definition of the office is significant."),
        ("fr", "La dénition de l’afchage.", "La définition de l’affichage."),
        ("de", "Die Denition der Auage.", "Die Definition der Auflage."),
    ],
)
def test_dropped_ligatures_come_back_with_document_evidence(language: str, text: str, expected: str) -> None:
    doc, suspicions = run(text, [language])
    assert doc.render() == expected
    assert set(rules(doc.changes())) == {"ligature:dropped"}
    assert suspicions == []


def test_other_ligature_repairs_are_evidence_too() -> None:
    doc, _ = run("Die Denition der Begriﬀe und der Oﬃzier.", ["de"])
    assert doc.render() == "Die Definition der Begriffe und der Offizier."
    assert "ligature:dropped" in rules(doc.changes())


def test_one_dropped_ligature_alone_is_only_a_suspicion() -> None:
    doc, suspicions = run("The denition is clear.", ["en"])
    assert doc.changes() == []
    [suspicion] = suspicions
    assert (suspicion.rule, suspicion.suggestion) == ("ligature:dropped", "fi")
    assert 0.2 <= suspicion.confidence < 0.9


def test_hyphenated_line_ends_and_addresses_are_no_dropped_ligatures() -> None:
    text = "persons to whom the Software is fur-\nnished to do so, nh@df.lth.se, pub_core_oset.h"
    doc, suspicions = run(text, ["en"])
    assert doc.changes() == [] and suspicions == []


# the pass as a whole


def test_proposals_do_not_overlap_and_a_second_run_finds_nothing() -> None:
    text = "Pﬁ zer classi es the di ff erent ﬁelds of the ofce; the denition, o\x0ece, œ uvre."
    doc = Document.from_text(text)
    ctx = context(["en", "fr"])
    proposals = sorted(ligatures.repair(doc, ctx), key=lambda p: (p.line, p.start))
    assert proposals
    assert all(a.end <= b.start for a, b in pairwise(proposals))
    engine.run(doc, settings(["en", "fr"]), passes=(ligatures.repair,))
    again = Document.from_text(doc.render())
    assert list(ligatures.repair(again, ctx)) == []


@cache
def _read(path: str) -> str:
    return (CORPUS / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [f"texts/{p.name}" for p in TEXTS])
def test_clean_corpus_texts_are_left_alone(path: str) -> None:
    text = _read(path)
    doc, suspicions = run(text, [path.split("/")[1].removesuffix(".txt")])
    assert doc.changes() == [] and suspicions == []


@pytest.mark.parametrize("path", [f"negative/{p.name}" for p in NEGATIVE])
def test_negative_corpus_is_left_alone(path: str) -> None:
    text = _read(path)
    languages = guess_languages(text.split())
    doc, suspicions = run(text, languages)
    assert doc.changes() == [] and suspicions == []
    ctx = context(languages)
    for line in text.splitlines():  # each line as a document of its own
        assert list(ligatures.repair(Document.from_text(line), ctx)) == [], line


def test_a_megabyte_of_clean_text_gives_no_proposal() -> None:
    doc, ctx = Document.from_text(_read("texts/fr.txt") * 25), context(["fr"])
    assert list(ligatures.repair(doc, ctx)) == []


# real PDFs


@cache
def _extract(name: str) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(CORPUS / "pdf" / f"{name}.pdf"))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("fr-latex-ot1-notounicode", ["fichier", "fichiers", "afficher", "affectera", "d´efinitions", "configuration"]),
        ("fr-latex-t1-notounicode", ["fichier", "fichiers", "afficher", "affectera", "définitions", "configuration"]),
    ],
)
def test_pdf_ligatures_are_spelled_out(name: str, words: list[str]) -> None:
    raw = _extract(name)
    assert any(char in raw for char in ligatures.CODE_POINTS)
    doc, suspicions = run(raw, ["fr"])
    text = doc.render()
    assert not any(char in text for char in ligatures.CODE_POINTS)
    found = set(text.replace("’", " ").split())
    for word in words:
        assert word in found, word
    assert set(rules(doc.changes())) == {"ligature:codepoint"}
    assert suspicions == []


def test_pdf_without_ligature_damage_is_left_alone() -> None:
    doc, suspicions = run(_extract("fr-latex-t1"), ["fr"])
    assert doc.changes() == [] and suspicions == []


def test_a_token_some_channel_reads_as_a_word_is_left_to_the_mojibake_pass() -> None:
    # cp1252 "gemäß" read as Mac-Roman: "ä" shows as "‰" and "ß" as the ligature "ﬂ"
    assert fix_text("Die Formatierung gem‰ﬂ der Operanden.") == "Die Formatierung gemäß der Operanden."
