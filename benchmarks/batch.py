"""Batch speed: ``clean-text DIR --out-dir OUT`` with ``--jobs 1`` and ``--jobs N``, and ftfy.

Builds a tree of real files in a temporary folder: every text of ``corpus/texts`` cut
into pieces, half of them damaged through Mac-Roman read as cp1252 (Russian through
UTF-8 read as cp1252), slices of the brochure, and the PDFs of ``corpus/pdf``.  Then
runs the real command over it (fresh processes, best of ``--repeat``), once per
``--jobs`` value, and prints the wall time, files per second and the speed-up over
``--jobs 1``; for reference, ``ftfy.fix_file``-style cleaning of the same text files in
one process (``ftfy.fix_text`` on each file's text), serially.

    python benchmarks/batch.py                     # --jobs 1 and 2, a Markdown table
    python benchmarks/batch.py --jobs 1,2,4 --pieces 8
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
COMMAND = [sys.executable, "-m", "mojibake_fix.cli"]


def build_tree(folder: Path, pieces: int) -> int:
    """Write the collection; return its size in bytes."""
    total = 0
    for source in sorted((CORPUS / "texts").glob("*.txt")):
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        step = max(1, len(lines) // pieces)
        for number in range(pieces):
            text = "".join(lines[number * step : (number + 1) * step])
            if number % 2:
                channel = ("utf-8", "cp1252") if source.stem == "ru" else ("mac_roman", "cp1252")
                text = text.encode(channel[0], "replace").decode(channel[1], "replace")
            path = folder / source.stem / f"{number:03}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            total += path.stat().st_size
    brochure = (CORPUS / "brochure" / "input.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(pieces):
        path = folder / "brochure" / f"{number:03}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(brochure[number * 40 : number * 40 + 40]), encoding="utf-8")
        total += path.stat().st_size
    for pdf in sorted((CORPUS / "pdf").glob("*.pdf")):
        target = folder / "pdf" / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
        total += target.stat().st_size
    return total


def time_command(args: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(args, check=False, capture_output=True)
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode()}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", default="1,2", help="worker counts to compare (default: 1,2)")
    parser.add_argument("--pieces", type=int, default=6, help="pieces per corpus text (default: 6)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per setting, best kept (default: 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        tree = Path(temp) / "tree"
        size = build_tree(tree, args.pieces)
        files = sorted(p for p in tree.rglob("*") if p.is_file())
        texts = [p for p in files if p.suffix == ".txt"]
        start = time.perf_counter()
        for path in texts:
            ftfy.fix_text(path.read_text(encoding="utf-8"))
        ftfy_time = time.perf_counter() - start
        print(f"# Batch speed, {date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"# {len(files)} files ({len(texts)} text, {len(files) - len(texts)} PDF), {size / 1e6:.2f} MB")
        print()
        print("| run | seconds | files/s | speed-up over --jobs 1 |")
        print("| --- | ---: | ---: | ---: |")
        first = None
        for jobs in (int(n) for n in args.jobs.split(",")):
            out = Path(temp) / f"out{jobs}"
            seconds = time_command([*COMMAND, str(tree), "--out-dir", str(out), "--jobs", str(jobs), "-q"], args.repeat)
            first = first or seconds
            print(f"| clean-text --jobs {jobs} | {seconds:.2f} | {len(files) / seconds:.1f} | {first / seconds:.2f}× |")
        print(f"| ftfy.fix_text, text files only, one process | {ftfy_time:.2f} | {len(texts) / ftfy_time:.1f} | |")


if __name__ == "__main__":
    main()
