"""Correct text that looks suspicious must come out unchanged (corpus/negative).

The arrangements (each line alone, each file as one document, lines mixed into damaged
text, the scientific PDFs) are those of ``benchmarks/negatives.py``, which
``benchmarks/accuracy.py`` prints too.
"""

from __future__ import annotations

import unicodedata

import negatives
import pytest
from conftest import CORPUS

from mojibake_fix import clean
from mojibake_fix.channels import get_channel

FILES = sorted((CORPUS / "negative").glob("*.txt"))


def _lines(name: str) -> list[str]:
    return (CORPUS / "negative" / name).read_text(encoding="utf-8").removesuffix("\n").split("\n")


def _shown(outcome: negatives.Outcome, name: str) -> list[str]:
    """The failures of ``outcome`` (the arrangement of file ``name``) that
    ``corpus/negative/known-failures.tsv`` does not list, and the listed lines that no
    longer fail: both must be empty, so a new failure is caught and a fix updates the list."""
    known = {key: lines for key, lines in negatives.known_failures().items() if key[0] == outcome.arrangement and key[1].startswith(name)}
    got = negatives.failing(outcome)
    new = [negatives.describe(f) for f in outcome.failures if f.number not in known.get((f.arrangement, f.source), set())]
    fixed = [
        f"{source} line {number} no longer fails"
        for (_, source), lines in known.items()
        for number in sorted(lines - got.get((outcome.arrangement, source), set()))
    ]
    return new + fixed


def _files(slow: bool) -> list[object]:
    """The negative files, as parameters; ``slow`` marks them all (one file alone, or
    mixed into damaged text through four channels, takes from ~10 s to over a minute)."""
    return [pytest.param(path.name, marks=pytest.mark.slow) if slow else path.name for path in FILES]


def _unchanged(text: str, *, pdf: bool = False) -> list[str]:
    """The forbidden changes ``clean`` makes to ``text`` (text or PDF repairs)."""
    allowed = negatives.ALLOWED_PDF if pdf else negatives.ALLOWED_TEXT
    result = clean(text, repairs=negatives.pdf_repairs() if pdf else None)
    return [f"{c.rule}: {c.before!r} → {c.after!r} ({c.evidence})" for c in result.changes if negatives.forbidden(c, allowed)]


@pytest.mark.parametrize("name", _files(slow=True))
def test_each_line_alone_is_unchanged(name: str) -> None:
    assert _shown(negatives.alone(CORPUS / "negative" / name), name) == []


@pytest.mark.parametrize("name", _files(slow=True))
def test_each_line_alone_is_unchanged_with_the_pdf_repairs(name: str) -> None:
    assert _shown(negatives.alone(CORPUS / "negative" / name, pdf=True), name) == []


@pytest.mark.parametrize("name", _files(slow=False))
def test_each_file_as_one_document_is_unchanged(name: str) -> None:
    assert _shown(negatives.document(CORPUS / "negative" / name), name) == []


@pytest.mark.parametrize("name", _files(slow=True))
def test_lines_mixed_into_damaged_text_are_unchanged(name: str) -> None:
    assert _shown(negatives.mixed(CORPUS / "negative" / name), name) == []


@pytest.mark.parametrize("name", negatives.PDF_NAMES)
def test_reference_of_a_scientific_pdf_is_unchanged_by_the_pdf_repairs(name: str) -> None:
    assert _shown(negatives.pdf_reference(name), name) == []


@pytest.mark.parametrize("name", negatives.PDF_NAMES)
def test_no_word_right_in_a_scientific_pdf_extract_is_made_wrong(name: str) -> None:
    assert _shown(negatives.pdf_extract(name), name) == []


def test_a_word_of_another_language_of_the_document_is_not_read_into_a_line() -> None:
    # names.txt as one document is guessed Czech and other Central European languages
    # (once with Hungarian); "Ève" read as Mac-Roman would be the Hungarian word "éve",
    # but its line is French
    lines = _lines("names.txt")
    line = next(n for n, text in enumerate(lines) if text.startswith("Ève Curie"))
    result = clean("\n".join(lines))
    assert result.summary.languages[0] != "fr"
    assert result.text.split("\n")[line] == lines[line]


# The cases below were all seen "repaired" into the wrong text shown beside them.


@pytest.mark.parametrize("text", ["εm", "σ(x∞", "≈", "Ω", "∞", "êI3", "˜y"])  # îm, σ(xì, Å, «, °, ˆI3, fly
@pytest.mark.parametrize("pdf", [False, True], ids=["text", "pdf"])
def test_mathematical_symbols_alone_are_unchanged(text: str, pdf: bool) -> None:
    assert _unchanged(text, pdf=pdf) == []


SPLIT_WORDS = [
    ("science-de", "Sei n eine natürliche Zahl"),  # Sein eine
    ("science-de", "Für n ≥ 1 gilt"),  # Fürn
    ("science-de", "für n = 1"),  # fürn
    ("science-de", "cos t und sin t"),  # cost, sint
    ("science-en", "Let x and y be reals"),  # x andy
    ("science-en", "The stride s ∈ ℕ of"),  # the strides
    ("science-en", "If cos t = 0 then sin t"),  # cost
    ("science-fr", "Soit t > 0 un réel"),
]


@pytest.mark.parametrize(("name", "text"), SPLIT_WORDS)
def test_single_letter_variables_beside_words_are_not_joined_in_a_pdf_text(name: str, text: str) -> None:
    # the split-words repair is on for PDF input: a variable is no broken-off letter
    lines = (negatives.PDF_FOLDER / f"{name}.reference.txt").read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if text in line)
    result = clean("\n".join(lines), repairs=negatives.pdf_repairs())
    assert text in result.text.split("\n")[number]


@pytest.mark.parametrize(
    "text",
    [
        "Sei n eine natürliche Zahl und sei x ∈ ℝ.",
        "Für n ≥ 1 gilt 2ⁿ ≥ n + 1.",
        "Wir betrachten cos t und sin t als Funktionen der Zeit t.",
        "Let x and y be reals with x < y.",
        "The stride s ∈ ℕ of the convolution is fixed before training.",
        "The stride s ∈ N of the convolution",  # as pdfminer.six extracts blackboard bold
        "Soit t > 0 un réel fixé.",
    ],
)
def test_single_letter_variables_beside_words_alone_are_not_joined(text: str) -> None:
    assert _unchanged(text, pdf=True) == []


@pytest.mark.parametrize("text", ["Megías", "Ñandú, ñu y ñame", "3 × 4 = 12; 12 ÷ 4 = 3"])  # Meg’as, –u, в В
def test_names_and_arithmetic_alone_are_unchanged(text: str) -> None:
    assert _unchanged(text) == []


def test_a_correct_line_among_mac_roman_damage_is_unchanged() -> None:
    # "¡Tu barco puede navegar…" was read "°Tu barco…" in a file of real Mac-Roman damage
    damage = get_channel("mac_roman>cp1252").damage
    french = [damage(line) for line in _lines("../texts/fr.txt")[:40]]
    correct = "¡Tu barco puede navegar hasta la isla antes del anochecer!"
    lines = ["Le rŽseau a ŽtŽ lancŽ en 2019.", *french[:20], correct, *french[20:]]
    result = clean("\n".join(lines))
    assert result.text.split("\n")[21] == correct
    assert result.text.split("\n")[0] == "Le réseau a été lancé en 2019."


def test_negative_set_is_large_and_varied() -> None:
    assert len(FILES) >= 5
    assert sum(len(_lines(path.name)) for path in FILES) >= 400
    for name in ("science-en.txt", "science-de.txt", "science-fr.txt", "code.txt"):
        assert len(_lines(name)) >= 150
    assert len(_lines("short.txt")) >= 300
    assert all(len(line.split()) <= 5 for line in _lines("short.txt"))


def test_negative_files_keep_the_format_rules() -> None:
    seen: dict[str, str] = {}
    for path in FILES:
        raw = path.read_text(encoding="utf-8")
        assert raw.endswith("\n") and not raw.startswith("\ufeff"), path.name
        for line in _lines(path.name):
            assert line and line == line.strip() and line == unicodedata.normalize("NFC", line), (path.name, line)
            assert not any(unicodedata.category(c) == "Cc" and c != "\t" for c in line), (path.name, line)
            assert line not in seen, (path.name, line, seen.get(line))
            seen[line] = path.name
            for code_page in ("cp1252", "latin-1", "mac_roman"):
                try:
                    assert line.encode(code_page).decode("utf-8") == line, (path.name, line, code_page)
                except UnicodeError:
                    pass


def test_pdf_references_keep_the_extracts_lines() -> None:
    for name in negatives.PDF_NAMES:
        extract = (negatives.PDF_FOLDER / f"{name}.extract.txt").read_text(encoding="utf-8")
        reference = (negatives.PDF_FOLDER / f"{name}.reference.txt").read_text(encoding="utf-8")
        assert extract.count("\n") == reference.count("\n") and "\f" in extract


@pytest.mark.parametrize("name", negatives.PDF_NAMES)
@pytest.mark.parametrize("text", ["εm", "σ(x∞", "x∞", "≈", "Ω", "∞", "≤", "≥", "π", "êI3", "ỹ", "Megías", "Ñíguez"])
def test_symbols_of_a_scientific_pdf_text_are_kept(name: str, text: str) -> None:
    # seen: εm → îm, σ(x∞ → σ(xì, ≈ → Å, Ω → «, ∞ → °, êI3 → ˆI3 in PDF text
    reference = (negatives.PDF_FOLDER / f"{name}.reference.txt").read_text(encoding="utf-8")
    if text not in reference:
        pytest.skip(f"no {text} in {name}")
    result = clean(reference, repairs=negatives.pdf_repairs())
    assert result.text.count(text) == reference.count(text)
