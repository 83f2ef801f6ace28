"""Words hyphenated at line ends are joined, real compounds keep their hyphen, soft
hyphens go; and every change can be undone."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

import pytest
import regex
from conftest import CORPUS

from mojibake_fix import engine, undo
from mojibake_fix.changes import Change, Proposal, Suspicion
from mojibake_fix.context import Context, Settings
from mojibake_fix.document import Document, describe_breaks
from mojibake_fix.languages import guess_languages
from mojibake_fix.lexicon import Lexicon
from mojibake_fix.passes import hyphenation

Pass = Callable[[Document, Context], Iterable[Proposal]]
CLEAN_FILES = sorted((CORPUS / "texts").glob("*.txt")) + sorted((CORPUS / "negative").glob("*.txt"))


def repair(text: str, languages: Sequence[str], passes: Sequence[Pass]) -> tuple[str, list[Change], list[Suspicion]]:
    """Run ``passes`` on ``text``; check that the line count is kept and that the input
    comes back from the output and the changes."""
    doc = Document.from_text(text)
    suspicions = engine.run(doc, Settings(channels=(), languages=tuple(languages)), passes=passes).suspicions
    output, changes = doc.render(keep_breaks=True), doc.changes()
    assert len(output.split("\n")) == len(text.split("\n"))
    assert undo(output, changes, describe_breaks(doc.breaks), kept_breaks=True) == text
    return output, changes, suspicions


def languages_of(path: Path, text: str) -> list[str]:
    """A corpus text's own language, or the guess for a negative-set file."""
    return [path.stem] if path.parent.name == "texts" else guess_languages(text.split())


@cache
def pdf_text(name: str) -> str:
    """Raw pdfminer.six text of ``corpus/pdf/<name>.pdf``."""
    from pdfminer.high_level import extract_text

    return extract_text(CORPUS / "pdf" / f"{name}.pdf")


def word_diff(reference: str, output: str) -> tuple[int, list[tuple[list[str], list[str]]]]:
    """Reference words matched in order by the output's, and the stretches that differ
    (form feeds removed, words split at white space)."""
    want, got = reference.split(), output.replace("\f", "").split()
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched, [(want[a0:a1], got[b0:b1]) for op, a0, a1, b0, b1 in matcher.get_opcodes() if op != "equal"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "il faut com-\npiler des fichiers", "il faut compiler\ndes fichiers"),
        ("fr", "Quand l’ar-\ngument facultatif", "Quand l’argument\nfacultatif"),
        ("fr", "une ligne sans ca-\nractère. La sortie", "une ligne sans caractère.\nLa sortie"),
        ("fr", "Tout mouvement annulera la sélec-\ntion.\n", "Tout mouvement annulera la sélection.\n\n"),
        ("fr", "Créer les RÉ-\nPERTOIREs s’ils", "Créer les RÉPERTOIREs\ns’ils"),
        ("fr", "L’ÉTI-\nQUETTE est la pseudoadresse", "L’ÉTIQUETTE\nest la pseudoadresse"),
        ("fr", "la sortie de la commande peut être opti-\nmisée", "la sortie de la commande peut être optimisée\n"),
        ("fr", "options et pa-\n\nramètres d’arguments", "options et paramètres\n\nd’arguments"),
        ("fr", "le nom du fi-\n\fchier est", "le nom du fichier\n\fest"),
        ("fr", "le nom du fi-\n\n\fchier est", "le nom du fichier\n\n\fest"),
        ("fr", "il faut com-  \n  piler des", "il faut compiler\n  des"),
        ("fr", "il faut com\u2010\npiler des", "il faut compiler\ndes"),
        ("fr", "il fait beau aujour-\nd’hui.", "il fait beau aujourd’hui.\n"),
        ("de", "Zum Scannen wird kein Anmel-\ndezugriff benötigt", "Zum Scannen wird kein Anmeldezugriff\nbenötigt"),
        ("de", "um zusätz-\nliche Informationen", "um zusätzliche\nInformationen"),
        ("de", "Keine Dateien not-\nwendig, Indexdateien", "Keine Dateien notwendig,\nIndexdateien"),
        ("de", "einschließlich Ver-\ntrauensstufe und Ablauf", "einschließlich Vertrauensstufe\nund Ablauf"),
        ("en", "all the infor-\nmation you need", "all the information\nyou need"),
        ("en", "a com-\npiler error", "a compiler\nerror"),
        ("en", "the con-\nfiguration file", "the configuration\nfile"),
    ],
)
def test_hyphenated_word_is_joined_and_the_tail_moves_up(language: str, text: str, expected: str) -> None:
    output, changes, _ = repair(text, [language], (hyphenation.join,))
    assert output == expected
    assert {change.rule for change in changes} == {"hyphenation:join"}
    assert all(change.confidence >= 0.9 for change in changes)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "les Nations-\nUnies ont"),
        ("fr", "des organismes non-\ngouvernementaux"),
        ("fr", "le sommet de Rio-de-\nJaneiro"),
        ("fr", "et celui-\nci est affiché"),
        ("fr", "il est peut-\nêtre là"),
        ("fr", "pour le bien-\nêtre de tous"),
        ("fr", "envoyez un e-\nmail"),
        ("fr", "y a-\nt-il un fichier"),
        ("fr", "c’est-à-\ndire le nom"),
        ("fr", "le porte-\nparole du"),
        ("fr", "fin de la liste -\nsuite"),
        ("de", "eine E-\nMail senden"),
        ("de", "in Baden-\nWürttemberg"),
        ("de", "die Haupt-\nund Nebensätze"),
        ("de", "Ausgabe von systemd-\ncgtop an andere"),
        ("en", "a well-\nknown fact"),
        ("en", "low self-\nesteem"),
        ("en", "twenty-\none files"),
        ("en", "an x-\nray"),
        ("en", "in New-\nYork"),
        ("en", "a part-\ntime job"),
        ("en", "the check-\nin desk"),
        ("en", "pre- and\npost-war"),
        ("en", "versions 2-\n3"),
    ],
)
def test_real_compound_keeps_its_hyphen(language: str, text: str) -> None:
    output, changes, _ = repair(text, [language], (hyphenation.join,))
    assert "".join(output.split()) == "".join(text.split()), "no hyphen removed, no letter changed"
    assert all(change.rule == "hyphenation:keep" for change in changes)
    if changes:  # moved up whole: the compound is on the first line
        head, rest = text.split("\n", 1)
        tail, _, after = rest.partition(" ")
        assert output == f"{head}{tail}\n{after}"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "les Nations-\nUnies ont", "les Nations-Unies\nont"),
        ("fr", "et celui-\nci est affiché", "et celui-\nci est affiché"),
        ("fr", "y a-\nt-il un fichier", "y a-t-il\nun fichier"),
        ("de", "Ausgabe von systemd-\ncgtop an andere", "Ausgabe von systemd-cgtop\nan andere"),
        ("de", "die Haupt-\nund Nebensätze", "die Haupt-\nund Nebensätze"),
    ],
)
def test_compound_broken_at_its_hyphen_comes_together(language: str, text: str, expected: str) -> None:
    assert repair(text, [language], (hyphenation.join,))[0] == expected


def test_change_spans_one_per_line() -> None:
    _, changes, _ = repair("il faut com-\npiler des fichiers", ["fr"], (hyphenation.join,))
    assert [(c.line, c.start, c.end, c.before, c.after) for c in changes] == [
        (1, 11, 12, "-", "piler"),
        (2, 0, 6, "piler ", ""),
    ]
    assert changes[0].evidence == "‘compiler’ fr zipf 2.9; ‘com’ 4.3, ‘piler’ 2.4"


def test_the_documents_own_spelling_decides() -> None:
    # a capitalised tail keeps the hyphen, unless the document writes the word whole
    text = "Écrit par David MacKenzie.\nÉcrit par Paul Eggert, David Mac-\nKenzie et Jim Meyering."
    output, changes, _ = repair(text, ["fr"], (hyphenation.join,))
    assert output == "Écrit par David MacKenzie.\nÉcrit par Paul Eggert, David MacKenzie\net Jim Meyering."
    assert "in the text" in changes[0].evidence
    # the word lists do not know "week-end", the document does: it comes together whole
    text = "un week-end à Paris,\nun autre week-\nend à Lyon"
    assert repair(text, ["fr"], (hyphenation.join,))[0] == "un week-end à Paris,\nun autre week-end\nà Lyon"


def test_doubtful_join_is_only_a_suspicion() -> None:
    text = "a long-\nterm plan"
    output, changes, suspicions = repair(text, ["en"], (hyphenation.join,))
    assert output == text and changes == []
    assert [(s.line, s.text, s.suggestion, s.rule) for s in suspicions] == [
        (1, "-", "term", "hyphenation:join"),
        (2, "term ", "", "hyphenation:join"),
    ]
    assert all(s.confidence < 0.9 for s in suspicions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("numéro\u00adtant les lignes", "numérotant les lignes"),
        ("il faut com\u00ad\npiler des fichiers", "il faut compiler\ndes fichiers"),
        ("Anmel\u00ad\ndezugriff", "Anmeldezugriff\n"),
        ("il faut com-\npi\u00adler des fichiers", "il faut compiler\ndes fichiers"),
        ("un mot\u00ad", "un mot"),
    ],
)
def test_soft_hyphens_are_removed(text: str, expected: str) -> None:
    output, changes, _ = repair(text, ["fr"], (hyphenation.join,))
    assert output == expected
    assert "hyphenation:soft_hyphen" in {step.rule for change in changes for step in change.steps}


def test_trigger_finds_only_line_end_hyphens_and_soft_hyphens() -> None:
    assert hyphenation.TRIGGER.search("com-\npiler") and hyphenation.TRIGGER.search("com-  \n")
    assert hyphenation.TRIGGER.search("numéro\u00adtant")
    assert not hyphenation.TRIGGER.search("celui-ci est là\net -- puis")


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_real_text_is_never_changed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    output, changes, _ = repair(text, languages_of(path, text), (hyphenation.join,))
    assert output == text
    assert changes == []


def line_end_breaks_left(output: str, lexicon: Lexicon) -> list[str]:
    """Lines still ending in a hyphenated word that the lexicon knows joined."""
    lines = [line.lstrip("\f") for line in output.split("\n")]
    left = []
    for line, below in zip(lines, lines[1:] + [""]):
        head, tail = regex.search(r"(\p{L}+)-$", line), regex.match(r"\p{L}+", below)
        if head and tail and lexicon.known(head.group(1) + tail.group()):
            left.append(line)
    return left


@pytest.mark.parametrize("name", ["fr-latex-t1", "fr-groff"])
def test_pdf_extract_keeps_no_known_broken_word(name: str) -> None:
    text = pdf_text(name)
    output, changes, _ = repair(text, ["fr"], (hyphenation.join,))
    assert line_end_breaks_left(output, Lexicon.shared(["fr"])) == []
    assert len({change.line for change in changes}) >= 30  # 17 and 18 breaks, two lines each


def test_latex_extract_gives_the_reference_words() -> None:
    output, _, _ = repair(pdf_text("fr-latex-t1"), ["fr"], (hyphenation.join,))
    reference = (CORPUS / "pdf" / "fr-latex-t1.txt").read_text(encoding="utf-8")
    matched, differences = word_diff(reference, output)
    assert matched == len(reference.split()) - 1
    # the one break left: "numérotant" is in no list (zipf 1.2) while "numéro" and
    # "tant" are common words, so "numéro-tant" may be a compound as far as lists know
    assert differences == [(["numérotant"], ["numéro-", "tant"])]
