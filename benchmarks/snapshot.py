"""Everything mojibake-fix says about the corpus, written down to compare two versions.

A change meant to keep behaviour (a refactoring, a speed-up) must leave every output,
change (with its confidence and evidence), suspicion and summary as they were.  This
script cleans a fixed set of cases and writes one JSON line per case; ``--compare``
reads such a file written by another version and lists the cases that differ.

The cases: every text of ``corpus/texts`` and ``corpus/held_out`` as it is, and its
first ``--lines`` lines damaged through every channel and mode of
``benchmarks/accuracy.py``; every negative file as a document, and each of its lines
alone, with the text repairs and with the PDF ones; the brochure; ftfy's test cases;
the PDFs of ``corpus/pdf`` and ``corpus/negative/pdf`` and the extracts beside them.

    python benchmarks/snapshot.py > /tmp/before.jsonl                  # at the old version
    python benchmarks/snapshot.py --compare /tmp/before.jsonl > /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import ftfy_cases
from accuracy import damage_modes, damaged, writes

import mojibake_fix
from mojibake_fix.api import default_repairs
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel
from mojibake_fix.shown import SHOWN_CHANNELS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

#: A case: its name, then what to clean: ("text", text, PDF repairs?) or ("file", path).
Case = tuple[str, tuple[Any, ...]]


def cases(lines: int) -> Iterator[Case]:
    """The cases, in a fixed order (see the module docstring)."""
    for folder in ("texts", "held_out"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8").removesuffix("\n")
            yield f"{folder}/{path.name}", ("text", text, False)
            head = text.split("\n")[:lines]
            for name in DEFAULT_CHANNELS + SHOWN_CHANNELS:
                if name in SHOWN_CHANNELS and not writes(name, text):
                    continue
                for mode in damage_modes(name):
                    yield f"{folder}/{path.name} {name} {mode}", ("text", "\n".join(damaged(get_channel(name).damage, head, mode)), False)
    for path in sorted((CORPUS / "negative").glob("*.txt")):
        text = path.read_text(encoding="utf-8").removesuffix("\n")
        yield f"negative/{path.name}", ("text", text, False)
        for number, line in enumerate(text.split("\n"), 1):
            yield f"negative/{path.name}:{number}", ("text", line, False)
            yield f"negative/{path.name}:{number} pdf", ("text", line, True)
    yield "brochure", ("file", str(CORPUS / "brochure" / "input.txt"))
    for case in ftfy_cases.load_cases():
        yield f"ftfy {case.number}", ("text", case.original, False)
    for folder in (CORPUS / "pdf", CORPUS / "negative" / "pdf"):
        for path in sorted(folder.glob("*.pdf")):
            yield path.relative_to(ROOT).as_posix(), ("file", str(path))
        for path in sorted(folder.glob("*.txt")):
            yield path.relative_to(ROOT).as_posix(), ("text", path.read_text(encoding="utf-8"), True)


def record(case: Case) -> dict[str, Any]:
    """What cleaning the case gives, JSON-ready."""
    name, (kind, *what) = case
    if kind == "file":
        result = mojibake_fix.clean_file(what[0])
    else:
        text, pdf = what
        result = mojibake_fix.clean(text, repairs=default_repairs(pdf=True) if pdf else None)
    summary = result.summary.to_dict()
    summary.pop("source", None)
    return {
        "case": name,
        "text": result.text,
        "changes": [change.to_dict() for change in result.changes],
        "suspicions": [suspicion.to_dict() for suspicion in result.suspicions],
        "summary": summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60, help="lines of each corpus text to damage (default: 60)")
    parser.add_argument("--jobs", type=int, default=2, help="processes (default: 2)")
    parser.add_argument("--compare", type=Path, help="a file this script wrote earlier: list the cases that differ (exit 1 if any)")
    args = parser.parse_args()
    started = time.perf_counter()
    old = {}
    if args.compare:
        lines = args.compare.read_text(encoding="utf-8").split("\n")  # not splitlines: U+2028 is text here
        old = {item["case"]: item for item in map(json.loads, filter(None, lines))}
    differ = 0
    with ProcessPoolExecutor(args.jobs) as pool:
        for item in pool.map(record, cases(args.lines), chunksize=8):
            line = json.dumps(item, ensure_ascii=False, sort_keys=True)
            print(line)
            if args.compare and (item["case"] not in old or json.dumps(old[item["case"]], ensure_ascii=False, sort_keys=True) != line):
                differ += 1
                before = old.get(item["case"], {})
                keys = [key for key in item if before.get(key) != item[key]]
                print(f"differs: {item['case']} ({', '.join(keys)})", file=sys.stderr)
    if args.compare:
        print(f"{differ} case(s) differ", file=sys.stderr)
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
