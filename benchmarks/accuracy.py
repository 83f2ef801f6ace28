"""Accuracy of mojibake-fix and ftfy, side by side, on the corpus.

For every language of ``corpus/texts`` and every channel, the clean text is damaged
(the whole document, or every other line) and both tools clean it.  A line counts as
repaired when it equals the original exactly; a clean line counts as damaged when a tool
changes a text that had no damage at all.  ftfy runs with its default settings, which
also straighten curly quotes: that is counted as damage, since it changes correct text.

    python benchmarks/accuracy.py            # the table, in Markdown
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ftfy

import mojibake_fix
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "texts"


def share_exact(tool: Callable[[str], str], text: str, want: list[str]) -> float:
    """The share of lines of ``tool(text)`` that equal ``want``."""
    got = tool(text).split("\n")
    return sum(a == b for a, b in zip(got, want)) / len(want)


def ftfy_document(text: str) -> str:
    """ftfy line by line (it works on lines anyway), so line counts stay comparable."""
    return "\n".join(ftfy.fix_text(line) for line in text.split("\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    tools = {"mojibake-fix": mojibake_fix.fix_text, "ftfy": ftfy_document}
    print(f"Run {date.today()} on {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
          f"ftfy {ftfy.__version__}, mojibake-fix {mojibake_fix.__version__}\n")
    print("| language | lines | damage | mojibake-fix exact | ftfy exact | clean lines changed: mojibake-fix | ftfy |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    started = time.perf_counter()
    totals: dict[str, list[float]] = {name: [] for name in tools}
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").removesuffix("\n")  # count real lines only
        lines = text.split("\n")
        clean_damage = {name: round((1 - share_exact(tool, text, lines)) * len(lines)) for name, tool in tools.items()}
        for name in DEFAULT_CHANNELS:
            damage = get_channel(name).damage
            for mode in ("whole", "half"):
                damaged = "\n".join(
                    damage(line) if mode == "whole" or n % 2 == 0 else line for n, line in enumerate(lines)
                )
                scores = {tool_name: share_exact(tool, damaged, lines) for tool_name, tool in tools.items()}
                for tool_name, score in scores.items():
                    totals[tool_name].append(score)
                print(
                    f"| {path.stem} | {len(lines)} | {name}, {mode} | {scores['mojibake-fix']:.2%} | {scores['ftfy']:.2%} "
                    f"| {clean_damage['mojibake-fix']} | {clean_damage['ftfy']} |"
                )
    means = {name: sum(values) / len(values) for name, values in totals.items()}
    print(f"\nMean exact lines: mojibake-fix {means['mojibake-fix']:.2%}, ftfy {means['ftfy']:.2%} "
          f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
