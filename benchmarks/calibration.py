"""Does a change's confidence mean what it says?  Checked on the damaged corpus.

Every text of ``corpus/texts`` is damaged through every default channel (whole document
and every other line; for UTF-8 channels also every other word), and through the UTF-8 channels tried where a document shows them
for each language their code page can write (``accuracy.writes``); each change mojibake-fix applies is checked against the original
(its output lies in a stretch the line shares with the original), and changes are
grouped by confidence.  A calibrated confidence of 0.95 should be right
about 95 times in 100.  Suspicions (changes below the bar, not applied) are checked too:
how often their suggestion would have been right.

Correct text counts too: every change made to the texts of ``corpus/negative`` (each
file as one document, and each line alone) is a wrong change in its band, since a
confidence that only the damaged corpus checks says nothing of the text it should leave
alone.

    python benchmarks/calibration.py
    python benchmarks/calibration.py --languages fr,de --channels mac_roman>cp1252   # a quicker look
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path

from accuracy import damaged, writes

import mojibake_fix
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel
from mojibake_fix.shown import SHOWN_CHANNELS

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "texts"
NEGATIVE = CORPUS.parent / "negative"
BUCKETS = (0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0000001)


def bucket(confidence: float) -> int:
    return max(i for i, low in enumerate(BUCKETS[:-1]) if confidence >= low)


def lands(got: str, want: str, start: int, end: int) -> bool:
    """Whether ``got[start:end]`` (a change's output, or the point where something was
    removed) lies in a stretch that ``got`` shares with ``want``: the change is right even
    when another part of its line is not.

    >>> lands("le rôle de Ñ•", "le rôle de с", 3, 5), lands("le rôle de Ñ•", "le rôle de с", 11, 13)
    (True, False)
    """
    if got == want:
        return True
    blocks = difflib.SequenceMatcher(None, got, want, autojunk=False).get_matching_blocks()
    if start == end:
        return any(i < start <= i + size for i, _, size in blocks if size)
    return any(i <= start and end <= i + size for i, _, size in blocks if size)


def output_column(changes: list[mojibake_fix.Change], line: int, column: int) -> int:
    """Where input column ``column`` of ``line`` is in the output, given the line's changes."""
    shift = sum(len(c.after) - len(c.before) for c in changes if c.line == line and c.end <= column)
    return column + shift


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", help="corpus languages, comma-separated (default: all)")
    parser.add_argument("--channels", default=",".join(DEFAULT_CHANNELS + SHOWN_CHANNELS), help="channels to damage through, comma-separated")
    parser.add_argument("--wrong", action="store_true", help="print every wrong change")
    args = parser.parse_args()
    wanted = set(args.languages.split(",")) if args.languages else None
    right = [0] * (len(BUCKETS) - 1)
    total = [0] * (len(BUCKETS) - 1)
    suspicions = [0, 0]
    on_correct = 0
    for path in sorted(NEGATIVE.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").removesuffix("\n").split("\n")
        for result in [mojibake_fix.clean("\n".join(lines)), *map(mojibake_fix.clean, lines)]:
            for change in result.changes:
                total[bucket(change.confidence)] += 1
                on_correct += 1
                if args.wrong:
                    print(f"wrong on correct text {path.name}: {change.before!r} → {change.after!r} {change.rule} {change.confidence:.3f} {change.evidence}")
    for path in sorted(CORPUS.glob("*.txt")):
        if wanted is not None and path.stem not in wanted:
            continue
        lines = path.read_text(encoding="utf-8").removesuffix("\n").split("\n")
        for name in args.channels.split(","):
            if name in SHOWN_CHANNELS and not writes(name, "\n".join(lines)):
                continue
            damage = get_channel(name).damage
            for mode in ("whole", "half", "part") if name.startswith("utf-8") else ("whole", "half"):
                result = mojibake_fix.clean("\n".join(damaged(damage, lines, mode)))
                out = result.text.split("\n")
                for change in result.changes:
                    ok = lands(out[change.line - 1], lines[change.line - 1], change.out_start, change.out_end)
                    total[bucket(change.confidence)] += 1
                    right[bucket(change.confidence)] += ok
                    if args.wrong and not ok:
                        print(f"wrong {path.stem} {name} line {change.line}: {change.before!r} → {change.after!r} {change.confidence:.3f} {change.evidence}")
                for suspicion in result.suspicions:
                    got = out[suspicion.line - 1]
                    start = output_column(result.changes, suspicion.line, suspicion.start)
                    taken = got[: start] + suspicion.suggestion + got[start + len(suspicion.text) :]
                    suspicions[0] += 1
                    suspicions[1] += lands(taken, lines[suspicion.line - 1], start, start + len(suspicion.suggestion))
    print("| confidence | changes | right | wrong |")
    print("| --- | ---: | ---: | ---: |")
    for i in range(len(total)):
        if total[i]:
            print(f"| {BUCKETS[i]:.3f} – {min(BUCKETS[i + 1], 1.0):.3f} | {total[i]} | {right[i] / total[i]:.2%} | {total[i] - right[i]} |")
    print(f"\nChanges made to correct text (corpus/negative, counted wrong above): {on_correct}")
    if suspicions[0]:
        print(f"\nSuspicions: {suspicions[0]}, suggestion right in {suspicions[1] / suspicions[0]:.0%}")


if __name__ == "__main__":
    main()
