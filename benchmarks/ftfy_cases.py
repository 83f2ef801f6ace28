"""ftfy's own test cases as a conformance suite: mojibake-fix and ftfy on each, side by side.

The cases are those ftfy 6.3.1 ships in its source distribution
(``corpus/ftfy/test_cases.json``, Apache-2.0, see ``corpus/ftfy/README.md``).  A case
passes when the output equals the case's ``fixed`` text (or its ``fixed-encoding``
text, what ftfy's encoding fix alone gives) once curly quotes are straightened on both
sides: mojibake-fix keeps typography, ftfy's default straightens it.  Every case ftfy
passes and mojibake-fix does not is listed, with the reason, in
``corpus/ftfy/known-differences.tsv``; ``--write-known`` writes the list anew, keeping
the reasons of cases still listed.

    python benchmarks/ftfy_cases.py               # a Markdown table and the differences
    python benchmarks/ftfy_cases.py --write-known
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ftfy
from ftfy.fixes import uncurl_quotes

import mojibake_fix

CASES = Path(__file__).resolve().parent.parent / "corpus" / "ftfy"
KNOWN = CASES / "known-differences.tsv"


@dataclass(frozen=True)
class Case:
    """One of ftfy's test cases: its position in the file, label, input and targets."""

    number: int
    label: str
    original: str
    targets: tuple[str, ...]


def load_cases(path: Path = CASES / "test_cases.json") -> list[Case]:
    """The cases of ``path``, numbered from 1 in file order."""
    cases = []
    for number, item in enumerate(json.loads(path.read_text(encoding="utf-8")), 1):
        targets = (item["fixed"], item.get("fixed-encoding", item["fixed"]))
        cases.append(Case(number, item["label"], item["original"], targets))
    return cases


def passes(output: str, case: Case) -> bool:
    """Whether ``output`` is one of the case's targets once quotes are straightened.

    >>> passes("l’Hôpital", Case(1, "", "lâ€™HÃ´pital", ("l'Hôpital", "l'Hôpital")))
    True
    """
    return uncurl_quotes(output) in {uncurl_quotes(target) for target in case.targets}


def run(cases: list[Case], tool: Callable[[str], str]) -> list[bool]:
    """Whether ``tool`` passes each case."""
    return [passes(tool(case.original), case) for case in cases]


def read_known(path: Path = KNOWN) -> dict[int, str]:
    """The listed differences: case number → reason."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {int(row["case"]): row["reason"] for row in csv.DictReader(handle, delimiter="\t")}


def write_known(cases: list[Case], ours: list[bool], theirs: list[bool], path: Path = KNOWN) -> None:
    """List the cases ftfy passes and mojibake-fix does not, keeping known reasons."""
    reasons = read_known(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["case", "label", "reason"])
        for case, mine, other in zip(cases, ours, theirs):
            if other and not mine:
                writer.writerow([case.number, case.label, reasons.get(case.number, "not yet explained")])


def print_table(cases: list[Case]) -> tuple[list[bool], list[bool]]:
    """Run both tools on ``cases``, print their pass rates as a Markdown table and return
    whether each passed each case (mojibake-fix's, ftfy's)."""
    start = time.perf_counter()
    ours = run(cases, mojibake_fix.fix_text)
    middle = time.perf_counter()
    theirs = run(cases, ftfy.fix_text)
    end = time.perf_counter()
    print(f"ftfy's test cases ({len(cases)}, ftfy {ftfy.__version__}, quotes straightened)\n")
    print("| tool | passed | share | seconds |")
    print("| --- | ---: | ---: | ---: |")
    for name, results, seconds in (("mojibake-fix", ours, middle - start), ("ftfy", theirs, end - middle)):
        print(f"| {name} | {sum(results)} | {sum(results) / len(cases):.1%} | {seconds:.1f} |")
    return ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-known", action="store_true", help=f"write {KNOWN.relative_to(CASES.parent.parent)} anew")
    args = parser.parse_args()
    cases = load_cases()
    ours, theirs = print_table(cases)
    known = read_known()
    print("\nPassed by ftfy, not by mojibake-fix:\n")
    for case, mine, other in zip(cases, ours, theirs):
        if other and not mine:
            print(f"- {case.number} {case.label}: {known.get(case.number, 'not listed')}")
    print("\nPassed by mojibake-fix, not by ftfy:\n")
    for case, mine, other in zip(cases, ours, theirs):
        if mine and not other:
            print(f"- {case.number} {case.label}")
    if args.write_known:
        write_known(cases, ours, theirs)


if __name__ == "__main__":
    main()
