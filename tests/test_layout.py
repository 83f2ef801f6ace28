"""Layout damage from extraction: split words, letter-spaced headings, runs of spaces,
trailing blanks; real text is left alone and every change can be undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hyphenation import (
    CLEAN_FILES,
    Pass,
    languages_of,
    pdf_text,
    repair,
    word_diff,
)

from mojibake_fix import clean
from mojibake_fix.api import default_repairs
from mojibake_fix.context import Context
from mojibake_fix.document import Document
from mojibake_fix.lexicon import Lexicon
from mojibake_fix.passes import hyphenation, layout

PDF_PASSES = (hyphenation.join, layout.split_words, layout.letter_spaced, layout.collapse_runs, layout.strip_trailing)
# Pieces of the damage these passes repair, and of text they must leave alone, joined
# by every kind of gap: spaces, line and page breaks, blank lines.
PIECES = [
    "com-", "piler", "na", "vigateurs", "A", "vec", "dif", "férents.", "l’ar", "gument", "sélec-",
    "tion.", "celui-", "ci", "Mac-", "Kenzie", "pi\u00adler", "com\u00ad", "v", "ersion", "de", "main",
    "S E R V I C E S", "D E", "x", "12-", "-", "\u2010", "Nations-", "Unies", "é", "\t",
]
GAPS = [" ", "  ", "\n", "\n\n", "\n\f", " \n", "\n  ", "\f", ""]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Les na vigateurs récents ont l’ar gument", "Les navigateurs récents ont l’argument"),
        ("fr", "Con vertir le fichier, T rouver des messages", "Convertir le fichier, Trouver des messages"),
        ("fr", "le fichier spécial a vec le NOM. Cette v ersion est", "le fichier spécial avec le NOM. Cette version est"),
        ("fr", "Écrit par Da vid M. Ihnat, un préfix e 0x", "Écrit par David M. Ihnat, un préfixe 0x"),
        ("en", "Click the na vigation bar, then A vailable options.", "Click the navigation bar, then Available options."),
        ("en", "T rouble with the W indows version", "Trouble with the Windows version"),
        ("en", "(pro cessing) and com puter", "(processing) and computer"),
        ("de", "Die V erwendung der A nzahl ist", "Die Verwendung der Anzahl ist"),
        ("de", "Die Ü bersicht und die V ersion", "Die Übersicht und die Version"),
        ("de", "zu sätzliche Infor mationen", "zusätzliche Informationen"),
    ],
)
def test_split_words_are_joined_given_two_of_them(language: str, text: str, expected: str) -> None:
    output, changes, _ = repair(text, [language], (layout.split_words,))
    assert output == expected
    assert {change.rule for change in changes} == {"spacing:split_word"}


def test_a_lone_split_word_is_only_a_suspicion() -> None:
    text = "Cette v ersion est particulièrement primitive."
    output, changes, suspicions = repair(text, ["fr"], (layout.split_words,))
    assert output == text and changes == []
    assert [(s.text, s.suggestion, s.rule) for s in suspicions] == [(" ", "", "spacing:split_word")]
    assert suspicions[0].confidence < 0.9
    assert suspicions[0].evidence == "‘version’ zipf 5.0; ‘ersion’ no word; the only split word of its kind"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # two words stay two words, whatever they make together
        ("fr", "les na vigateurs a vec de main, en semble", "les navigateurs avec de main, en semble"),
        # names: a capital after a space starts a word
        ("fr", "les na vigateurs a vec Le Pen à New York", "les navigateurs avec Le Pen à New York"),
        # numbers are never joined
        ("en", "the na vigation A vailable in 2 0 and x86 64 or A4 paper", "the navigation Available in 2 0 and x86 64 or A4 paper"),
        # a word the lists lack, then a common word (Danish "kolon i")
        ("da", "Et arkivnavn der har et kolon i sig", "Et arkivnavn der har et kolon i sig"),
        # an apostrophe that is no elision ("dia's") joins nothing
        ("nl", "U kunt dia's tevens kopiëren", "U kunt dia's tevens kopiëren"),
    ],
)
def test_split_words_leave_words_names_and_numbers(language: str, text: str, expected: str) -> None:
    assert repair(text, [language], (layout.split_words,))[0] == expected


def test_word_split_at_a_line_break_moves_up() -> None:
    text = "Chaque fenêtre a vec des fichiers dif\nférents. De plus, chaque"
    output, changes, _ = repair(text, ["fr"], (layout.split_words,))
    assert output == "Chaque fenêtre avec des fichiers différents.\nDe plus, chaque"
    assert [(c.line, c.before, c.after) for c in changes] == [(1, " ", ""), (1, "", "férents."), (2, "férents. ", "")]


# A word beside a lone letter is plausible as it stands: a variable, an initial, a
# one-letter word.  Written for these tests: correct maths, in German, English, French.
MATHS = {
    "de": (
        "Sei n eine natürliche Zahl und für n gilt n > 1. Für jedes t in [0, 1] sind\n"
        "cos t und sin t beschränkt, und die Folge a n konvergiert gegen a. Sei s die\n"
        "Schrittweite; dann ist s > 0, und für x und y gilt |x − y| ≤ s.\n"
    ),
    "en": (
        "Let x and y be reals and cos t the angle between them. For every n we have\n"
        "the bound below, and the stride s ∈ N is fixed. Let a be the start and b the\n"
        "end, so that the length b − a is positive and the step is at most s.\n"
    ),
    "fr": (
        "Soit n un entier et soit x un réel. Pour tout t, on a cos t ≤ 1 et sin t ≤ 1,\n"
        "et la suite u n tend vers l quand n tend vers l’infini. Si a est une borne,\n"
        "alors pour tout y de l’intervalle on a y ≤ a, et le pas s est fixé.\n"
    ),
}


@pytest.mark.parametrize(
    "text",
    [
        "Sei n eine natürliche Zahl und für n gilt",
        "cos t und sin t",
        "Let x and y be reals and cos t the angle",
        "the stride s ∈ N",
        "Let x and y be reals and cos t the angle, and the stride s ∈ N.",
    ],
)
def test_a_word_beside_a_lone_letter_is_left_as_it_stands(text: str) -> None:
    result = clean(text, repairs=default_repairs(pdf=True))
    assert result.text == text and result.changes == []
    assert all(s.confidence < 0.9 for s in result.suspicions)


@pytest.mark.parametrize("language", sorted(MATHS))
def test_maths_paragraphs_are_left_alone(language: str) -> None:
    text = MATHS[language]
    assert clean(text, repairs=default_repairs(pdf=True)).text == text
    output, changes, suspicions = repair(text, [language], PDF_PASSES)
    assert output == text and changes == []
    assert all(s.rule == "spacing:split_word" and s.confidence < 0.9 for s in suspicions)


def test_maths_paragraphs_stay_even_beside_clear_splits() -> None:
    # splits the document clearly shows do not vouch for a word beside a lone letter
    text = MATHS["de"] + "Die V erwendung der A nzahl und zu sätzliche Infor mationen.\n"
    output, _, _ = repair(text, ["de"], PDF_PASSES)
    assert output == MATHS["de"] + "Die Verwendung der Anzahl und zusätzliche Informationen.\n"


def test_a_split_count_leaves_out_the_pair_it_decides() -> None:
    # one clear split word and a word beside a lone letter: neither vouches for the other
    output, changes, suspicions = repair("Cette v ersion et cos t", ["fr"], (layout.split_words,))
    assert output == "Cette v ersion et cos t" and changes == []
    assert [s.evidence.rsplit("; ", 1)[1] for s in suspicions] == ["the only split word of its kind"]


def test_a_word_beside_a_lone_letter_is_joined_when_the_document_shows_that_split() -> None:
    text = "T ask: the T ransfer of T rouble, T ypically."
    output, changes, _ = repair(text, ["en"], (layout.split_words,))
    assert output == "Task: the Transfer of Trouble, Typically."
    [task] = [c for c in changes if c.start == 1]
    assert task.confidence >= 0.9
    assert task.evidence.endswith("‘T’ a lone letter as they stand; 3 clear split words before a lone ‘t’")
    # the same split beside other letters is no evidence for it
    text = "T ask with the W indows and the A vailable V ersions."
    output, changes, suspicions = repair(text, ["en"], (layout.split_words,))
    assert output == "T ask with the Windows and the Available Versions."
    assert [s.suggestion for s in suspicions] == [""]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "S E R V I C E S  D E  B A S E", "SERVICES DE BASE"),
        ("fr", "  J E A N  D U P O N T", "  JEAN DUPONT"),
        ("fr", "voir  S E R V I C E S  D E  B A S E  ici", "voir  SERVICES DE BASE  ici"),
        ("en", "C O N T E N T S", "CONTENTS"),
        ("en", "see the T A B L E  O F  C O N T E N T S below", "see the TABLE OF CONTENTS below"),
        ("de", "\fI N H A L T S V E R Z E I C H N I S", "\fINHALTSVERZEICHNIS"),
        ("de", "E i n l e i t u n g", "Einleitung"),
    ],
)
def test_letter_spaced_words_are_joined(language: str, text: str, expected: str) -> None:
    output, changes, _ = repair(text, [language], (layout.letter_spaced,))
    assert output == expected
    assert {change.rule for change in changes} == {"spacing:letter_spaced"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("cs", "Modifikátory a, b a i nemají vliv na tuto operaci."),
        ("en", "x y z"),
        ("en", "the vector a b c is"),
        ("fr", "il y a un b a i"),
    ],
)
def test_lone_letters_that_are_words_or_symbols_stay(language: str, text: str) -> None:
    output, changes, suspicions = repair(text, [language], (layout.letter_spaced,))
    assert output == text and changes == [] and suspicions == []


def test_letter_spaced_line_of_no_known_word_is_a_suspicion() -> None:
    output, changes, suspicions = repair("Q W E R T Y U", ["en"], (layout.letter_spaced,))
    assert output == "Q W E R T Y U" and changes == []
    assert [(s.suggestion, s.rule) for s in suspicions] == [("QWERTYU", "spacing:letter_spaced")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tiret  («  -  »),  localedef  lira", "tiret (« - »), localedef lira"),
        ("    indentation  kept", "    indentation kept"),
        ("\fla  suite", "\fla suite"),
        ("a\t\tb  c", "a\t\tb c"),
        ("no run here", "no run here"),
    ],
)
def test_runs_of_spaces_between_words_collapse(text: str, expected: str) -> None:
    assert repair(text, ["fr"], (layout.collapse_runs,))[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fin de ligne  \t\nsuite ", "fin de ligne\nsuite"),
        ("   \n\f  ", "\n\f"),
        ("  indentation", "  indentation"),
    ],
)
def test_trailing_blanks_are_stripped(text: str, expected: str) -> None:
    assert repair(text, ["fr"], (layout.strip_trailing,))[0] == expected


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
@pytest.mark.parametrize("run_pass", [layout.split_words, layout.letter_spaced], ids=lambda p: p.__name__)
def test_real_text_is_never_changed(path: Path, run_pass: Pass) -> None:
    text = path.read_text(encoding="utf-8")
    output, changes, _ = repair(text, languages_of(path, text), (run_pass,))
    assert output == text
    assert changes == []


def test_groff_extract_comes_close_to_the_reference() -> None:
    output, changes, _ = repair(pdf_text("fr-groff"), ["fr"], PDF_PASSES)
    reference = (CORPUS / "pdf" / "fr-groff.txt").read_text(encoding="utf-8")
    matched, differences = word_diff(reference, output)
    assert matched == len(reference.split()) - 3  # raw: 608 of 638
    assert differences == [
        (["profiler."], ["profiler", "."]),  # a full stop alone on the next line
        (["(EOF)activé"], ["(EOF)acti", "vé"]),  # split across lines, glued to "(EOF)"
        (["suivi,"], ["sui", "vi,"]),  # "sui" and "vi" are both words
    ]
    assert all("  " not in line.strip() and line == line.rstrip(" \t") for line in output.split("\n"))
    assert sum(change.rule == "spacing:split_word" for change in changes) == 10


def test_latex_extract_is_not_damaged_by_the_layout_passes() -> None:
    output, _, _ = repair(pdf_text("fr-latex-t1"), ["fr"], PDF_PASSES)
    reference = (CORPUS / "pdf" / "fr-latex-t1.txt").read_text(encoding="utf-8")
    assert word_diff(reference, output)[1] == [(["numérotant"], ["numéro-", "tant"])]


def test_a_megabyte_of_clean_text_gives_no_proposal() -> None:
    text = (CORPUS / "texts" / "fr.txt").read_text(encoding="utf-8") * 25
    ctx = Context(Lexicon.shared(["fr"]), ())
    doc = Document.from_text(text)
    assert [proposal for run_pass in PDF_PASSES[:3] for proposal in run_pass(doc, ctx)] == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=12))
def test_any_mix_keeps_lines_undoes_and_is_idempotent(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    output = repair(text, ["fr"], PDF_PASSES)[0]  # checks the line count and the undo
    assert repair(output, ["fr"], PDF_PASSES)[0] == output
