"""Peak memory and throughput of ``clean-text`` on large text files.

For each size, a UTF-8 file is built in a temporary folder: the real prose of every
text in ``corpus/texts`` (12 languages, or those of ``--texts``), each followed by the
damaged lines of ``corpus/brochure/input.txt``, repeated until the file reaches the
size.  Then the real
command ``clean-text BIG -o OUT`` runs in a fresh process; its wall time and its peak
resident memory (``ru_maxrss`` of that one child, from ``os.wait4``) are measured.
Flat memory means the peak does not grow with the size: the text is cleaned a chunk of
``mojibake_fix.stream.CHUNK_CHARS`` characters at a time.

    python benchmarks/memory.py                     # 10, 100 and 1000 MB
    python benchmarks/memory.py --sizes 10,50 --dir /var/tmp
    python benchmarks/memory.py --texts fr          # French prose only

Every chunk guesses its own languages; with all 12 texts mixed, chunks guess different
sets, and the word lists and lexicons of each set stay cached (a bounded number), so
the peak rises over the first chunks before it levels off.  One language shows the
streaming alone.

The folder needs about twice the largest size free (input and output); each size's
files are deleted before the next is built.  The time includes the start-up (word
lists loaded), so MB/s is lower on the smallest size.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from speed import clean_text

import mojibake_fix
from mojibake_fix.stream import CHUNK_CHARS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MB = 1_000_000


def unit(codes: list[str] | None = None) -> bytes:
    """One round of the file: each corpus text (those of ``codes``, or all) followed by
    the brochure's damaged lines."""
    brochure = (CORPUS / "brochure" / "input.txt").read_text(encoding="utf-8")
    paths = sorted((CORPUS / "texts").glob("*.txt")) if codes is None else [CORPUS / "texts" / f"{code}.txt" for code in codes]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return "".join(text.rstrip("\n") + "\n" + brochure for text in texts).encode("utf-8")


def build(path: Path, size: int, codes: list[str] | None = None) -> int:
    """Write whole rounds of ``unit(codes)`` to ``path`` until it holds ``size`` bytes or
    more; return its size."""
    block = unit(codes)
    written = 0
    with path.open("wb") as out:
        while written < size:
            out.write(block)
            written += len(block)
    return written


def measure(command: list[str], errors: Path) -> tuple[float, int]:
    """Run ``command`` (standard error to ``errors``) and return its wall time in seconds
    and its peak resident memory in bytes; exit with its error if it fails."""
    actions = [(os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    start = time.perf_counter()
    pid = os.posix_spawn(command[0], command, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{errors.read_text(encoding='utf-8', errors='replace')}")
    return seconds, usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, kB elsewhere


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="file sizes in MB, comma-separated (default 10,100,1000)")
    parser.add_argument("--dir", help="where to build the files (default: the system's temporary folder)")
    parser.add_argument("--texts", help="languages of corpus/texts to use, comma-separated (default: all)")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    codes = args.texts.split(",") if args.texts else None
    print(f"Run {date.today()} on {platform.machine()} {platform.system()}, Python {platform.python_version()}, "
          f"mojibake-fix {mojibake_fix.__version__}, chunks of {CHUNK_CHARS:,} characters\n")
    print("| MB | seconds | MB/s | peak RSS MiB |")
    print("| ---: | ---: | ---: | ---: |")
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=args.dir) as folder:
            big, out = Path(folder) / "big.txt", Path(folder) / "clean.txt"
            megabytes = build(big, int(size * MB), codes) / MB
            seconds, peak = measure(clean_text(str(big), "-o", str(out)), Path(folder) / "stderr.txt")
            print(f"| {megabytes:.0f} | {seconds:.1f} | {megabytes / seconds:.2f} | {peak / 2**20:.0f} |", flush=True)


if __name__ == "__main__":
    main()
