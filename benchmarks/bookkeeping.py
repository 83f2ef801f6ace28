"""What the brochure costs when judging costs nothing: a bound for faster judging.

``fix_text`` runs on the brochure repeated to about 2 MB (as in ``speed.py``), recording
what the mojibake and ligature passes propose at each call.  Then it runs again with
those two passes replaced by a replay of their recorded proposals: the output is the
same (checked), and what the run still costs is everything but judging: the screen, the
language guesses, the other passes, applying and recording the edits.  ftfy runs on the
same text in the same process.  If that bound is above half of ftfy's time, no faster
judging alone reaches twice ftfy's throughput.

    python benchmarks/bookkeeping.py
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import ftfy
from speed import best_time, repeated  # this folder's speed benchmark

import mojibake_fix
from mojibake_fix import engine
from mojibake_fix.changes import LearntPriors, Proposal
from mojibake_fix.context import Context
from mojibake_fix.document import Document
from mojibake_fix.engine import Pass
from mojibake_fix.passes import ligatures, mojibake

ROOT = Path(__file__).resolve().parent.parent
JUDGING = (mojibake.repair, ligatures.repair)


def recording(run: Pass, calls: list[list[Proposal | LearntPriors]]) -> Pass:
    """``run``, keeping what each call proposes in ``calls``."""

    def recorded(doc: Document, ctx: Context) -> list[Proposal | LearntPriors]:
        calls.append(list(run(doc, ctx)))
        return calls[-1]

    return recorded


def replaying(calls: list[list[Proposal | LearntPriors]]) -> Pass:
    """A pass giving back the recorded proposals, call after call (over again each run)."""
    position = [0]

    def replayed(doc: Document, ctx: Context) -> list[Proposal | LearntPriors]:
        found = calls[position[0] % len(calls)]
        position[0] += 1
        return found

    return replayed


def with_passes(make: Callable[[Pass], Pass]) -> tuple[engine.Stage, ...]:
    """``engine.PASSES`` with each judging pass replaced by ``make(pass)``."""
    return tuple(replace(stage, run=make(stage.run)) if stage.run in JUDGING else stage for stage in engine.PASSES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each (default 3)")
    args = parser.parse_args()
    brochure = (ROOT / "corpus" / "brochure" / "input.txt").read_text(encoding="utf-8")
    text = repeated(brochure, 2_000_000)
    original = engine.PASSES
    calls: dict[Pass, list[list[Proposal | LearntPriors]]] = {run: [] for run in JUDGING}
    try:
        engine.PASSES = with_passes(lambda run: recording(run, calls[run]))
        expected = mojibake_fix.fix_text(text)
        engine.PASSES = original
        full = best_time(mojibake_fix.fix_text, text, args.repeat)
        engine.PASSES = with_passes(lambda run: replaying(calls[run]))
        if mojibake_fix.fix_text(text) != expected:
            raise SystemExit("the replayed run gave another output")
        bound = best_time(mojibake_fix.fix_text, text, args.repeat)
    finally:
        engine.PASSES = original
    theirs = best_time(ftfy.fix_text, text, args.repeat)
    size = len(text.encode("utf-8")) / 1e6
    print(f"brochure repeated, {size:.2f} MB, best of {args.repeat}:")
    print(f"  mojibake-fix          {full:6.2f} s")
    print(f"  judging replayed      {bound:6.2f} s  (everything but judging)")
    print(f"  ftfy                  {theirs:6.2f} s  (twice its throughput: {theirs / 2:.2f} s)")
    print(f"  judging's share       {1 - bound / full:6.0%}")


if __name__ == "__main__":
    main()
