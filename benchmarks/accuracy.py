"""Accuracy of mojibake-fix and ftfy, side by side, on the corpus and the negative set.

Every text of ``corpus/texts`` is damaged through every default channel (the whole
document; for the two Mac-Roman channels also every other line only), skipping pairs
where the channel's true code page cannot write most of the language (fewer than 20% of
lines change), and through the UTF-8 channels tried where a document shows them
(``mojibake_fix.shown``) for each language their code page can write (``writes``).  Letters or bytes the reading code page cannot show become "•", as in
PDFs whose font has no glyph for them; the UTF-8 channels are also run with those bytes
kept as C1 controls ("whole, C1"), as browsers and Windows decode them, and damaging
every other word of each line only ("part").  Both tools clean each damaged text in the same run.  For each pair:
the share of lines given back exactly, and the character error rate (edit distance to
the original over its length).  Then the lines each tool changes in the undamaged texts
and in the negative set (correct text that looks suspicious, ``corpus/negative``).  ftfy
runs line by line with its default settings, which also straighten curly quotes: that
counts as a change of correct text.  Last, ftfy's own test cases
(``benchmarks/ftfy_cases.py``), both tools in the same run.

    python benchmarks/accuracy.py            # Markdown tables on standard output
    python benchmarks/accuracy.py --channels mac_roman>cp1252,cp1252>mac_roman
    python benchmarks/accuracy.py --texts corpus/held_out   # languages kept out of development
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ftfy
import ftfy_cases
import negatives

import mojibake_fix
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel
from mojibake_fix.shown import SHOWN_CHANNELS

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "corpus" / "texts"
NEGATIVE = ROOT / "corpus" / "negative"
HALF_TOO = ("mac_roman>cp1252", "cp1252>mac_roman")


def damage_modes(name: str) -> tuple[str, ...]:
    """How a channel's damage is applied: to every line or every other one, lost bytes as
    "•" or (UTF-8 channels) as C1 controls; UTF-8 channels also to every other word of
    each line ("part"), as where text from two sources was joined."""
    if name in HALF_TOO:
        return ("whole", "half")
    return ("whole", "whole, C1", "part") if name.startswith("utf-8") else ("whole",)


def damaged(damage: Callable[[str, str], str], lines: list[str], mode: str) -> list[str]:
    """``lines`` damaged in ``mode`` (``damage_modes``)."""
    placeholder = "" if mode.endswith("C1") else "\u2022"
    if mode == "half":
        return [damage(line, placeholder) if n % 2 == 0 else line for n, line in enumerate(lines)]
    if mode == "part":
        return [" ".join(damage(w, placeholder) if n % 2 == 0 else w for n, w in enumerate(line.split(" "))) for line in lines]
    return [damage(line, placeholder) for line in lines]

def writes(name: str, text: str) -> bool:
    """Whether the code page ``name`` reads UTF-8 through can write ``text``'s language: a
    system set to it holds such texts (99% of the non-ASCII letters at least; the odd
    foreign name aside).

    >>> writes("utf-8>cp1250", "Žluťoučký kůň"), writes("utf-8>cp1250", "Ελληνικά")
    (True, False)
    """
    letters = [char for char in text if char.isalpha() and not char.isascii()]
    codec = name.split(">")[-1]
    return sum(_encodable(char, codec) for char in letters) >= 0.99 * len(letters)


def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


Tool = Callable[[str], str]


def ftfy_document(text: str) -> str:
    """ftfy line by line, so that line counts stay comparable."""
    return "\n".join(ftfy.fix_text(line) for line in text.split("\n"))


TOOLS: dict[str, Tool] = {"mojibake-fix": mojibake_fix.fix_text, "ftfy": ftfy_document}


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions and substitutions of characters)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def score(tool: Tool, damaged: str, want: list[str]) -> tuple[float, float]:
    """(share of lines exact, character error rate) of ``tool`` on ``damaged``."""
    got = tool(damaged).split("\n")
    exact = sum(a == b for a, b in zip(got, want)) / len(want)
    errors = sum(edit_distance(a, b) for a, b in zip(got, want) if a != b)
    return exact, errors / max(1, sum(len(line) for line in want))


def changed_lines(tool: Tool, text: str) -> int:
    """How many lines of a correct text ``tool`` changes."""
    return sum(a != b for a, b in zip(text.split("\n"), tool(text).split("\n")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--channels", default=",".join(DEFAULT_CHANNELS + SHOWN_CHANNELS),
        help="channels to damage through, comma-separated ('' for none: only the correct-text tables)",
    )
    parser.add_argument("--languages", help="corpus languages to damage, comma-separated (default: all)")
    parser.add_argument(
        "--texts", type=Path, default=TEXTS,
        help="folder of <lang>.txt texts to damage (default: corpus/texts; corpus/held_out holds languages kept out of development)",
    )
    parser.add_argument(
        "--no-arrangements", action="store_true",
        help="leave out the negative set's arrangements (lines alone, mixed into damaged text, PDFs: benchmarks/negatives.py)",
    )
    args = parser.parse_args()
    channels = [name for name in args.channels.split(",") if name]
    wanted = set(args.languages.split(",")) if args.languages else None
    started = time.perf_counter()
    print(
        f"Run {date.today()} on {platform.machine()} {platform.system()}, Python {platform.python_version()}, "
        f"ftfy {ftfy.__version__}, mojibake-fix {mojibake_fix.__version__}\n"
    )
    print("| channel | language | damage | lines | mojibake-fix exact | ftfy exact | mojibake-fix CER | ftfy CER |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    texts = {path.stem: path.read_text(encoding="utf-8").removesuffix("\n") for path in sorted(args.texts.glob("*.txt"))}
    if not texts:
        parser.error(f"no <lang>.txt file in {args.texts}")
    folder = args.texts.resolve()
    shown = folder.relative_to(ROOT).as_posix() if folder.is_relative_to(ROOT) else str(folder)
    summary: dict[str, list[float]] = {}
    for name in channels:
        damage = get_channel(name).damage
        for lang, text in texts.items():
            if wanted is not None and lang not in wanted:
                continue
            if name in SHOWN_CHANNELS and not writes(name, text):
                continue
            lines = text.split("\n")
            for mode in damage_modes(name):
                damaged_lines = damaged(damage, lines, mode)
                touched = sum(a != b for a, b in zip(damaged_lines, lines))
                if touched < 0.2 * len(lines) / (2 if mode in ("half", "part") else 1):
                    continue
                if mode.endswith("C1") and damaged_lines == [damage(line) for line in lines]:
                    continue  # the code page showed every byte: the same text as "whole"
                ours, theirs = (score(tool, "\n".join(damaged_lines), lines) for tool in TOOLS.values())
                summary.setdefault(name if mode not in ("whole, C1", "part") else f"{name} ({mode.removeprefix('whole, ')})", []).append(ours[0])
                print(
                    f"| {name} | {lang} | {mode} | {len(lines)} | {ours[0]:.2%} | {theirs[0]:.2%} "
                    f"| {ours[1]:.3%} | {theirs[1]:.3%} |"
                )
    print("\n| channel | pairs | mojibake-fix worst exact | mean exact |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in summary.items():
        print(f"| {name} | {len(values)} | {min(values):.2%} | {sum(values) / len(values):.2%} |")
    print("\n| correct text | lines | changed by mojibake-fix | changed by ftfy |")
    print("| --- | ---: | ---: | ---: |")
    for lang, text in texts.items():
        counts = [changed_lines(tool, text) for tool in TOOLS.values()]
        print(f"| {shown}/{lang}.txt | {text.count(chr(10)) + 1} | {counts[0]} | {counts[1]} |")
    for path in sorted(NEGATIVE.glob("*.txt")):
        text = path.read_text(encoding="utf-8").removesuffix("\n")
        counts = [changed_lines(tool, text) for tool in TOOLS.values()]
        print(f"| corpus/negative/{path.name} | {text.count(chr(10)) + 1} | {counts[0]} | {counts[1]} |")
    if not args.no_arrangements:
        print_arrangements()
    print()
    ftfy_cases.print_table(ftfy_cases.load_cases())
    print(f"\n({time.perf_counter() - started:.0f} s)")


def print_arrangements() -> None:
    """The negative lines mojibake-fix changes (benchmarks/negatives.py): each line alone
    (text and PDF repairs), each file as one document, lines mixed into damaged text, and
    the scientific PDFs; lines changed only by allowed rules (NFC, and on PDF text the
    spacing and hyphenation of the layout) apart."""
    print(
        "\n| negative set | lines | alone | alone, PDF repairs | document | mixed into damaged text "
        "| PDF reference | PDF extract (right words) | changed as allowed only |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in negatives.negative_files():
        outcomes = [negatives.alone(path), negatives.alone(path, pdf=True), negatives.document(path), negatives.mixed(path)]
        failed = " | ".join(f"{len(o.failures)}/{o.lines}" for o in outcomes)
        lines = outcomes[0].lines
        print(f"| corpus/negative/{path.name} | {lines} | {failed} | – | – | {sum(o.allowed for o in outcomes)} |")
    for name in negatives.PDF_NAMES:
        pair = [negatives.pdf_reference(name), negatives.pdf_extract(name)]
        failed = " | ".join(f"{len(o.failures)}/{o.lines}" for o in pair)
        print(f"| corpus/negative/pdf/{name} | {pair[0].lines} | – | – | – | – | {failed} | {sum(o.allowed for o in pair)} |")


if __name__ == "__main__":
    main()
