#!/usr/bin/env python3
"""Write ``src/mojibake_fix/data/languages.json``: per language, its letters and top words.

The table lets the tool look at a document without loading any large word list: a
quick language guess from the most frequent words, then a screen for characters that
none of the document's languages writes.  Clean lines pass the screen and cost a scan.

For each candidate language of ``mojibake_fix.lexicon`` (wordfreq's "small" list):

* ``letters``: every non-ASCII letter (lower case, NFC) such that the words holding it
  add up to at least ``--letter-share`` of running text.  French gets "àâçèéêëîïôùûœ",
  Czech "áéíóúýčďěňřšťůž"; a letter seen only in names or loanwords stays out, and so
  does a word that some default channel reads as a more frequent word of the same list:
  the Romanian list holds "sã" and "dacã" (Romanian read through Latin-1 as so much
  of the web was), which would make "ã" a Romanian letter.
* ``initials``: those of the letters that also start such words (French "é" does,
  "è" does not: "Ècrivant" is suspect, "École" is not).
* ``apostrophe``: whether words with an apostrophe ("l'eau", "don't") reach
  ``--apostrophe-share``; in Czech text "’" glued to a word is no apostrophe but a
  lost "í".
* ``elided`` and ``suffixed``: the letters before an apostrophe that listed words
  making up at least ``--clitic-share`` of running text share (Italian "dell'",
  "nell'"), and those after one (English "'s", "'ll"; Turkish "'da", "'nin"); the
  English possessives a French list holds ("mcdonald's") stay below it.  A word split at an apostrophe is
  two words only where the language splits words there: "Meg’as" is no English
  "Meg" and "as".  French lists its elisions as words of their own ("l", "qu"), which
  ``scoring.word_logprob`` takes as the short words they are.
* ``top``: the ``--top`` most frequent words (with a letter), with their frequencies.

Run it again after upgrading wordfreq: ``python3 scripts/build_tables.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mojibake_fix.channels import DEFAULT_CHANNELS, Channel, get_channel
from mojibake_fix.lexicon import CANDIDATE_LANGUAGES

OUTPUT = ROOT / "src" / "mojibake_fix" / "data" / "languages.json"
#: Letters wordfreq's lists cannot show because they are folded away ("ß" is stored as
#: "ss"), per language whose orthography writes them.
FOLDED_AWAY = {"de": "ß"}


def damaged_forms(frequencies: dict[str, float], channels: Sequence[Channel]) -> set[str]:
    """The words of a list that some channel reads as a more frequent word of the list.

    >>> from mojibake_fix.channels import get_channel
    >>> sorted(damaged_forms({"dacă": 1e-3, "dacã": 1e-5, "não": 1e-3}, [get_channel("cp1250>cp1252")]))
    ['dacã']
    """
    found = set()
    for word, frequency in frequencies.items():
        for channel in channels:
            if any(channel.suspects(word)) and any(
                frequencies.get(reading.lower(), 0.0) > frequency for reading, _ in channel.readings(word, partial=False)
            ):
                found.add(word)
                break
    return found


def letters_of(frequencies: dict[str, float], damaged: AbstractSet[str] = frozenset()) -> tuple[Counter[str], Counter[str]]:
    """The share of running text made of words holding each non-ASCII letter (and the
    apostrophe), and of words starting with each; ``damaged`` words do not count.

    >>> letters_of({"été": 0.01, "l'eau": 0.02})
    (Counter({"'": 0.02, 'é': 0.01}), Counter({'é': 0.01}))
    """
    mass: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for word, frequency in frequencies.items():
        if word in damaged:
            continue
        word = unicodedata.normalize("NFC", word)
        for char in set(word):
            if (char.isalpha() and not char.isascii()) or char == "'":
                mass[char] += frequency
        if word[:1].isalpha() and not word[:1].isascii():
            initial[word[0]] += frequency
    return mass, initial


def clitics(frequencies: dict[str, float], share: float) -> tuple[list[str], list[str]]:
    """The parts before and after the apostrophe shared by listed words (letters on both
    sides of one apostrophe) that make up at least ``share`` of running text.

    >>> clitics({"dell'anno": 1e-4, "dell'arte": 1e-4, "it's": 1e-3, "that's": 1e-3}, 2e-4)
    (['dell', 'it', 'that'], ['s'])
    """
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for word, frequency in frequencies.items():
        head, apostrophe, tail = word.partition("'")
        if apostrophe and head.isalpha() and tail.isalpha():
            before[head] += frequency
            after[tail] += frequency
    return sorted(p for p, n in before.items() if n >= share), sorted(p for p, n in after.items() if n >= share)


def build(top: int, share: float, apostrophe_share: float, clitic_share: float) -> dict[str, dict[str, object]]:
    """The table for every candidate language."""
    import wordfreq

    channels = [get_channel(name) for name in DEFAULT_CHANNELS]
    table: dict[str, dict[str, object]] = {}
    for lang in CANDIDATE_LANGUAGES:
        frequencies = wordfreq.get_frequency_dict(lang, "small")
        words = [(word, f) for word, f in frequencies.items() if any(c.isalpha() for c in word)]
        best = sorted(words, key=lambda item: (-item[1], item[0]))[:top]
        mass, initial = letters_of(frequencies, damaged_forms(frequencies, channels))
        elided, suffixed = clitics(frequencies, clitic_share)
        table[lang] = {
            "letters": "".join(sorted({c for c, total in mass.items() if c != "'" and total >= share} | set(FOLDED_AWAY.get(lang, "")))),
            "initials": "".join(sorted(c for c, total in initial.items() if total >= share)),
            "apostrophe": mass["'"] >= apostrophe_share,
            "elided": elided,
            "suffixed": suffixed,
            "top": {word: float(f"{frequency:.3g}") for word, frequency in best},
        }
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=400, help="top words kept per language (default 400)")
    parser.add_argument("--letter-share", type=float, default=1e-4, help="share of running text a letter's words must reach (default 1e-4)")
    parser.add_argument("--apostrophe-share", type=float, default=5e-4, help="the same for words with an apostrophe (default 5e-4)")
    parser.add_argument(
        "--clitic-share", type=float, default=1e-4,
        help="share of running text the words sharing a part beside an apostrophe must reach (default 1e-4)",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args()
    table = {"wordfreq": version("wordfreq"), "languages": build(args.top, args.letter_share, args.apostrophe_share, args.clitic_share)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
