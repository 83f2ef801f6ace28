"""Does a change's confidence mean what it says?  Checked on the damaged corpus.

Every text of ``corpus/texts`` is damaged through every channel (whole document and
every other line); each change mojibake-fix applies is checked against the original,
and changes are grouped by confidence.  A calibrated confidence of 0.95 should be right
about 95 times in 100.  Suspicions (changes below the bar, not applied) are checked too:
how often their suggestion would have been right.

    python benchmarks/calibration.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

import mojibake_fix
from mojibake_fix.channels import DEFAULT_CHANNELS, get_channel

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "texts"
BUCKETS = (0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0000001)


def bucket(confidence: float) -> int:
    return max(i for i, low in enumerate(BUCKETS[:-1]) if confidence >= low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    right = [0] * (len(BUCKETS) - 1)
    total = [0] * (len(BUCKETS) - 1)
    suspicions = [0, 0]
    for path in sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").removesuffix("\n").split("\n")
        for name in DEFAULT_CHANNELS:
            damage = get_channel(name).damage
            for half in (False, True):
                damaged = [damage(l) if not half or n % 2 == 0 else l for n, l in enumerate(lines)]
                result = mojibake_fix.clean("\n".join(damaged))
                for change in result.changes:
                    want = lines[change.line - 1]
                    got = result.text.split("\n")[change.line - 1]
                    # columns line up when the line kept its length; otherwise judge the line
                    ok = got == want if len(got) != len(want) else want[change.out_start : change.out_end] == change.after
                    total[bucket(change.confidence)] += 1
                    right[bucket(change.confidence)] += ok
                for suspicion in result.suspicions:
                    want = lines[suspicion.line - 1]
                    suspicions[0] += 1
                    suspicions[1] += want[suspicion.start : suspicion.start + len(suspicion.suggestion)] == suspicion.suggestion
    print("| confidence | changes | right |")
    print("| --- | ---: | ---: |")
    for i in range(len(total)):
        if total[i]:
            print(f"| {BUCKETS[i]:.3f} – {min(BUCKETS[i + 1], 1.0):.3f} | {total[i]} | {right[i] / total[i]:.2%} |")
    if suspicions[0]:
        print(f"\nSuspicions: {suspicions[0]}, suggestion right in {suspicions[1] / suspicions[0]:.0%}")


if __name__ == "__main__":
    main()
