"""Properties that hold for any text: no exception, UTF-8, NFC, idempotent, reversible."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mojibake_fix import clean, undo
from mojibake_fix.channels import get_channel
from mojibake_fix.engine import PASSES, stages_for, triggered
from mojibake_fix.passes import hygiene, layout
from mojibake_fix.triggers import Trigger, any_of

# Text biased towards what the repairs look at: letters of European languages, the
# characters mojibake produces, placeholders, controls, spaces and every line break.
SUSPECT = "ŽÕˆ™‰ÑÇÈƒåÏ¼•\ufffd\x8f\x81Ã©â€™éèêàçôœÖšžŒ’«»—\u0302"
text_strategy = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(SUSPECT),
        st.sampled_from(" \t\n\r"),
        st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    ),
    max_size=200,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text_strategy)
def test_output_is_utf8_nfc_and_idempotent(text: str) -> None:
    result = clean(text)
    result.text.encode("utf-8")
    assert unicodedata.is_normalized("NFC", result.text)
    assert clean(result.text).text == result.text


@FAST
@given(text_strategy, st.booleans())
def test_report_undoes_the_output(text: str, keep: bool) -> None:
    result = clean(text, keep_line_breaks=keep)
    assert undo(result.text, result.changes, result.summary.line_breaks, keep) == text


@FAST
@given(text_strategy)
def test_line_count_is_kept(text: str) -> None:
    result = clean(text)
    assert result.text.count("\n") == text.count("\n") + text.count("\r") - text.count("\r\n")


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_lone_surrogates_become_replacement_characters(text: str) -> None:
    damaged = text + "\udce9"
    result = clean(damaged)
    result.text.encode("utf-8")
    assert undo(result.text, result.changes, result.summary.line_breaks) == damaged


def test_damage_round_trip_of_a_simple_sentence() -> None:
    channel = get_channel("mac_roman>cp1252")
    sentence = "Le conseil a été lancé à New York, au siège des Nations Unies."
    assert clean(channel.damage(sentence)).text == sentence


# Real prose: windows of consecutive lines from the corpus, in every language it has.
from conftest import CORPUS

CORPUS_LINES = {
    path.stem: path.read_text(encoding="utf-8").split("\n") for path in sorted((CORPUS / "texts").glob("*.txt"))
}
window_strategy = st.sampled_from(sorted(CORPUS_LINES)).flatmap(
    lambda lang: st.tuples(st.just(lang), st.integers(0, len(CORPUS_LINES[lang]) - 30), st.integers(15, 30))
)
CORPUS_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _window(lang: str, start: int, size: int) -> list[str]:
    return CORPUS_LINES[lang][start : start + size]


@CORPUS_SETTINGS
@given(window_strategy)
def test_real_clean_prose_is_unchanged(window: tuple[str, int, int]) -> None:
    text = "\n".join(_window(*window))
    assert clean(text).text == text


@CORPUS_SETTINGS
@given(window_strategy, st.sampled_from(["mac_roman>cp1252", "cp1252>mac_roman"]), st.booleans())
def test_damaged_prose_comes_back_and_untouched_lines_stay(window: tuple[str, int, int], name: str, half: bool) -> None:
    lines = _window(*window)
    damage = get_channel(name).damage
    damaged = [damage(line) if not half or n % 2 == 0 else line for n, line in enumerate(lines)]
    result = clean("\n".join(damaged))
    got = result.text.split("\n")
    for before, after, want in zip(damaged, got, lines):
        if before == want:
            assert after == want  # a line the damage missed is never touched
    # with a handful of damaged words the document is its own evidence; with fewer
    # (one dash in a Russian paragraph, lone "•" that may be bullets) leaving the text
    # alone is the right call
    damaged_words = sum(
        len(a) > 1 and a != b for d, w in zip(damaged, lines) for a, b in zip(d.split(), w.split())
    )
    # a broken word may stay in a small document whose evidence is weak, but then as a
    # suspicion that names its reading: a lone "•" that is a lost letter ("output •
    # FILENAME" for "è"), or "®ndr" where no other word shows "®" as "Æ"
    doubted: dict[int, list[tuple[str, str]]] = {}
    for suspicion in result.suspicions:
        doubted.setdefault(suspicion.line - 1, []).append((suspicion.text, suspicion.suggestion))
    fine = [
        a == b
        or (n in doubted and all(x == y or any(x == t == "•" or x.replace(t, r) == y for t, r in doubted[n]) for x, y in zip(a.split(), b.split())))
        for n, (a, b) in enumerate(zip(got, lines))
    ]
    if damaged_words >= 5:
        assert sum(fine) >= 0.9 * len(lines)


# Hostile text: lone surrogates as ``surrogateescape`` makes them, combining marks at line
# starts, right-to-left scripts, zero-width characters, NUL, every line break; cleaned
# with every optional repair on (as for PDF input) as well as with the defaults.
from mojibake_fix import REPAIRS

HOSTILE = [
    "\udce9", "\udc8f", "\u0301", "\u0308", "\u200b", "\u200d", "\u200f", "\ufeff", "\x00", "\r\n", "\r", "\n",
    "שלום", "مرحبا", "ﬁ", "´e", "(cid:143)", "com-\n", "\xad", "  ", "\f",
]
hostile_strategy = st.lists(st.one_of(st.sampled_from(HOSTILE), text_strategy), max_size=12).map("".join)


@FAST
@given(hostile_strategy, st.booleans())
def test_hostile_text_is_cleaned_reversibly_and_idempotently(text: str, every_repair: bool) -> None:
    repairs = set(REPAIRS) if every_repair else None
    result = clean(text, repairs=repairs)
    result.text.encode("utf-8")
    assert undo(result.text, result.changes, result.summary.line_breaks) == text
    assert clean(result.text, repairs=repairs).text == result.text
    assert result.text.count("\n") == text.count("\n") + text.count("\r") - text.count("\r\n")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_strategy.filter(lambda s: s.strip()))
def test_a_100000_character_line(piece: str) -> None:
    line = (piece.replace("\n", " ").replace("\r", " ") * (100_000 // len(piece) + 1))[:100_000]
    result = clean(line, repairs=set(REPAIRS))
    assert result.text.count("\n") == 0
    assert undo(result.text, result.changes, result.summary.line_breaks) == line


#: Characters that start or end what the passes' triggers look for, and some plain text.
TRIGGER_ALPHABET = "(≪cid:-\u2010\u00ad \n\tfilœæ´`ˆ¸˛e\x00\x07\x85\ud800\ufb01\ue000\ufffdaA1"
#: Every trigger written as a class and what follows it.
TRIGGERS = [hygiene.NEEDS_WORK] + [s.trigger for s in PASSES if isinstance(s.trigger, Trigger)]


@FAST
@given(st.text(alphabet=TRIGGER_ALPHABET, max_size=30), st.lists(st.sampled_from(TRIGGERS), min_size=1, unique=True))
@example("com-\npiler", TRIGGERS)  # a line end inside the text: "$" must hold per line
@example("ab\n(cid:12)", TRIGGERS[:1])
def test_one_scan_for_several_triggers_finds_what_each_finds(text: str, triggers: list[Trigger]) -> None:
    assert (any_of(triggers).search(text) is not None) == any(t.search(text) is not None for t in triggers)


@FAST
@given(st.text(alphabet=TRIGGER_ALPHABET, max_size=30), st.sets(st.sampled_from(sorted(REPAIRS))))
def test_the_fast_path_looks_for_every_enabled_trigger(text: str, repairs: set[str]) -> None:
    triggers = [hygiene.NEEDS_WORK] + [s.trigger for s in stages_for(repairs) if s.trigger is not None]
    fast_path = hygiene.composed(text) and not triggered(text, repairs)
    assert fast_path == (not any(t.search(text) for t in triggers))


@FAST
@given(st.text(alphabet="ab É1 \n\r\t-", max_size=30))
@example("x\na b c d")  # a run at a line start
@example("a b c d\ne")
@example("a b c d\r e f g")
def test_letter_spacing_is_looked_for_on_the_hinted_lines_only_as_in_the_whole_text(text: str) -> None:
    assert layout.LETTER_SPACED_TRIGGER.search(text) == bool(layout.LETTER_SPACED.search(text))
