"""Speed of mojibake-fix against ftfy, on the same inputs in the same run.

For each input: the throughput of ``mojibake_fix.fix_text`` and of ``ftfy.fix_text``
(best of ``--repeat`` runs, after one warm-up run so that word lists are loaded), the
ratio of ftfy's time to ours (above 1: we are faster), and the ratio of our time to a
plain ``regex`` scan of the same text for every character some channel could have
produced (the floor for any tool that must look at every character).  Then the start-up
time of ``clean-text`` on a small file and on ``--help`` (fresh processes, best of 5),
and the peak memory of one process cleaning the largest input.

Inputs:

* clean French prose: ``corpus/texts/fr.txt`` repeated to about 1 MB;
* clean English prose: the GNU GPL version 3 as Debian ships it
  (``/usr/share/common-licenses/GPL-3``), repeated to about 1 MB; left out where the
  file is missing;
* the brochure (``corpus/brochure/input.txt``) repeated to about 2 MB, and one copy of
  it: a document's decisions are cached for the document, so the copies after the first
  cost far less, and one copy is what a collection of distinct brochures costs;
* heavily damaged text: every language of ``corpus/texts`` damaged whole through
  Mac-Roman read as cp1252 (Russian through UTF-8 read as cp1252), about 0.6 MB, not
  repeated, so that no decision is cached from an earlier copy;
* text extracted from PDFs: raw pdfminer.six output of every PDF in ``corpus/pdf``.

    python benchmarks/speed.py               # a Markdown table on standard output
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import ftfy
import regex

import mojibake_fix
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GPL = Path("/usr/share/common-licenses/GPL-3")


def repeated(text: str, size: int) -> str:
    """``text`` repeated to at least ``size`` characters."""
    return text * max(1, -(-size // max(len(text), 1)))


def pdf_text() -> str:
    """Raw pdfminer.six text of every readable PDF in ``corpus/pdf``."""
    from pdfminer.high_level import extract_text

    parts = []
    for path in sorted((CORPUS / "pdf").glob("*.pdf")):
        parts.append(extract_text(path))
    return "\n".join(parts)


def damaged_text() -> str:
    """Every corpus language damaged whole, Russian through UTF-8, the rest through Mac-Roman."""
    parts = []
    for path in sorted((CORPUS / "texts").glob("*.txt")):
        channel = "utf-8>cp1252" if path.stem == "ru" else "mac_roman>cp1252"
        parts.append(get_channel(channel).damage(path.read_text(encoding="utf-8")))
    return "\n".join(parts)


def inputs() -> dict[str, str]:
    """The named inputs (see the module docstring)."""
    found = {"clean French": repeated((CORPUS / "texts" / "fr.txt").read_text(encoding="utf-8"), 1_000_000)}
    if GPL.exists():
        found["clean English (GPL-3)"] = repeated(GPL.read_text(encoding="utf-8"), 1_000_000)
    brochure = (CORPUS / "brochure" / "input.txt").read_text(encoding="utf-8")
    found["brochure"] = repeated(brochure, 2_000_000)
    found["brochure, one copy"] = brochure
    found["damaged, 12 languages"] = damaged_text()
    found["PDF extracts (pdfminer.six)"] = pdf_text()
    return found


def best_time(function: Callable[[str], object], text: str, repeat: int) -> float:
    """The best wall time of ``repeat`` calls, after one warm-up call."""
    function(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times)


def scan_floor() -> Callable[[str], object]:
    """A plain ``regex`` scan for every character some default channel could produce."""
    chars = set().union(*(get_channel(name).suspicious for name in DEFAULT_CHANNELS))
    pattern = regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")
    return pattern.findall


def clean_text(*args: str) -> list[str]:
    """The command line running ``clean-text`` (the installed script beside this Python)."""
    script = Path(sys.executable).parent / "clean-text"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "mojibake_fix.cli", *args]


def startup(args: list[str], runs: int = 5) -> float:
    """Best wall time of ``clean-text`` with ``args`` in a fresh process."""
    command = clean_text(*args)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


#: Runs a command and prints its peak resident memory (kB).  A child forked from this
#: process would count this process's own pages (word lists, texts) as its own, so the
#: command is started from a small fresh interpreter.
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_memory(path: Path) -> int:
    """Peak resident memory (kB) of a fresh process running ``clean-text`` on ``path``."""
    command = [sys.executable, "-c", MEASURE, *clean_text(str(path), "-o", "/dev/null")]
    return int(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and input (default 3)")
    args = parser.parse_args()
    floor = scan_floor()
    print(f"Run {date.today()} on {platform.machine()} {platform.system()}, Python {platform.python_version()}, "
          f"ftfy {ftfy.__version__}, mojibake-fix {mojibake_fix.__version__}\n")
    print("| input | MB | mojibake-fix MB/s | ftfy MB/s | ftfy time / ours | ours / regex scan |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    texts = inputs()
    for name, text in texts.items():
        size = len(text.encode("utf-8")) / 1e6
        ours = best_time(mojibake_fix.fix_text, text, args.repeat)
        theirs = best_time(ftfy.fix_text, text, args.repeat)
        scan = best_time(floor, text, args.repeat)
        print(f"| {name} | {size:.2f} | {size / ours:.2f} | {size / theirs:.2f} | {theirs / ours:.2f} | {ours / scan:.1f} |")
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.txt"
        small.write_text("\n".join((CORPUS / "texts" / "fr.txt").read_text(encoding="utf-8").split("\n")[:5]) + "\n", encoding="utf-8")
        big = Path(folder) / "brochure.txt"
        big.write_text(texts["brochure"], encoding="utf-8")
        print(f"\nStart-up: `clean-text --help` {startup(['--help']):.3f} s; `clean-text` on a 5-line French file "
              f"{startup([str(small)]):.3f} s (best of 5 fresh processes).")
        print(f"Peak memory of `clean-text` on the {big.stat().st_size / 1e6:.1f} MB brochure: {peak_memory(big) / 1024:.0f} MB.")


if __name__ == "__main__":
    main()
