#!/usr/bin/env python3
"""Write ``src/mojibake_fix/data/neighbours.json.gz``: what comes before and after short words.

For each language below, the prose paragraphs of the LibreOffice help (Debian package
``libreoffice-help-<code>``, MPL-2.0) are split into items (``neighbours.ITEM``); for every
word of at most ``neighbours.SHORT`` letters the keys of the items right before and
after it are counted (``neighbours.item_key``: a word's last two letters), and so are the
keys before and after every word, as the background.  Only words seen at least
``--min-count`` times are kept, and only keys seen at least twice with a word.

Dutch is left out on purpose: the Dutch benchmark text (``corpus/texts/nl.txt``) comes
from the same help, and a model must not learn from the text it is measured on.  For
the same reason every paragraph holding a sentence of a benchmark text
(``corpus/texts``, ``corpus/held_out``) is left out: the held-out Greek text comes from
the Greek help.  The benchmark texts of the other languages come from the translated
man pages.

The packages are fetched with ``apt-get download`` (no installation, no root) into
``--cache`` and unpacked there.  Run ``python3 scripts/build_neighbours.py``; the same
package versions give the same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from build_corpus import HelpPageParser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mojibake_fix.neighbours import ITEM, SHORT, item_key

OUTPUT = ROOT / "src" / "mojibake_fix" / "data" / "neighbours.json.gz"
#: The folders of the texts the benchmarks measure, ``<lang>.txt`` each.
MEASURED = (ROOT / "corpus" / "texts", ROOT / "corpus" / "held_out")
#: wordfreq's language code -> the suffix of the Debian package with its help (Slovak's
#: package is empty in Debian 12).
PACKAGES = {
    "ca": "ca", "cs": "cs", "da": "da", "de": "de", "el": "el", "en": "en-us", "es": "es",
    "fi": "fi", "fr": "fr", "hu": "hu", "id": "id", "it": "it", "pl": "pl", "pt": "pt-br",
    "ru": "ru", "sl": "sl", "sv": "sv", "tr": "tr",
}


def unpack(package: str, cache: Path) -> tuple[Path, str]:
    """Download ``package`` into ``cache`` unless there, unpack it; its folder and version."""
    cache.mkdir(parents=True, exist_ok=True)
    debs = sorted(cache.glob(f"{package}_*.deb"))
    if not debs:
        subprocess.run(["apt-get", "download", package], cwd=cache, check=True, capture_output=True)
        debs = sorted(cache.glob(f"{package}_*.deb"))
    target = cache / package
    if not target.exists():
        subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(target)], check=True)
    version = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Version"], capture_output=True, text=True, check=True)
    return target, version.stdout.strip()


def paragraphs(folder: Path) -> list[str]:
    """The prose paragraphs of every help page under ``folder``, in path order."""
    found: list[str] = []
    for page in sorted(folder.rglob("*.html")):
        if "/text/" not in page.as_posix():
            continue
        parser = HelpPageParser()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        found.extend(parser.paragraphs)
    return found


def measured(lang: str) -> list[str]:
    """The sentences of the benchmark texts in ``lang``."""
    paths = [folder / f"{lang}.txt" for folder in MEASURED]
    return [line for path in paths if path.exists() for line in path.read_text(encoding="utf-8").split("\n") if line]


def count(texts: list[str], min_count: int) -> dict[str, object]:
    """The table of one language (see ``neighbours.NeighbourModel``)."""
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    sides: dict[str, tuple[Counter[str], Counter[str]]] = defaultdict(lambda: (Counter(), Counter()))
    for text in texts:
        items = ITEM.findall(text)
        for i in range(1, len(items) - 1):
            word = items[i]
            if not word[0].isalpha():
                continue
            previous, following = item_key(items[i - 1]), item_key(items[i + 1])
            before[previous] += 1
            after[following] += 1
            if len(word) <= SHORT:
                key = word.lower()
                totals[key] += 1
                sides[key][0][previous] += 1
                sides[key][1][following] += 1
    words = {
        word: [total, *({k: n for k, n in sorted(side.items()) if n >= 2} for side in sides[word])]
        for word, total in sorted(totals.items())
        if total >= min_count
    }
    return {
        "total": sum(after.values()),
        "before": {k: n for k, n in sorted(before.items()) if n >= 2},
        "after": {k: n for k, n in sorted(after.items()) if n >= 2},
        "words": words,
    }


def build(lang: str, cache: Path, min_count: int) -> tuple[str, str, dict[str, object]]:
    package = f"libreoffice-help-{PACKAGES[lang]}"
    folder, version = unpack(package, cache)
    found = paragraphs(folder)
    sentences = measured(lang)
    texts = [text for text in found if not any(sentence in text for sentence in sentences)]
    table = count(texts, min_count)
    print(
        f"{lang}: {package} {version}: {len(texts)} paragraphs ({len(found) - len(texts)} holding a benchmark sentence left out), "
        f"{table['total']} words, {len(table['words'])} short words kept",
        file=sys.stderr,
    )
    return lang, f"{package} {version}", table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--cache", type=Path, default=Path("/tmp/mojibake-fix-neighbours"), help="where packages are downloaded and unpacked (default: %(default)s)"
    )
    parser.add_argument("--min-count", type=int, default=20, help="keep words seen at least this often (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=2, help="languages built at once (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="default: %(default)s")
    args = parser.parse_args()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = sorted(pool.map(build, PACKAGES, [args.cache] * len(PACKAGES), [args.min_count] * len(PACKAGES)))
    data = {
        "sources": {lang: source for lang, source, _ in results},
        "languages": {lang: table for lang, _, table in results},
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.output.write_bytes(gzip.compress(raw, mtime=0))
    print(f"wrote {args.output} ({len(raw) // 1024} KiB, {args.output.stat().st_size // 1024} KiB compressed)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
