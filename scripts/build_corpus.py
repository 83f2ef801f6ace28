#!/usr/bin/env python3
"""Build the multilingual prose corpus in ``corpus/texts/`` from Debian man pages.

The corpus consists of natural-language sentences taken verbatim from the
translated manual pages of the manpages-l10n project, as shipped in Debian's
``manpages-<lang>`` packages (GPL-3+).  It is used to test mojibake repair:
the lines are rich in the accented letters of each language.

How the lines are obtained, for each language:

1. The man pages of the package are listed with ``dpkg -L`` and sorted by path;
   pages that are only ``.so`` redirections are skipped.
2. Each page is rendered to plain UTF-8 text with ``groff -mandoc -Tutf8``,
   with a huge line length (so every paragraph is one output line, and nothing
   is hyphenated or justified), hyphenation disabled and all bold/underline
   overstriking turned off.  No markup survives this rendering.
3. Every paragraph is split into sentences.  A sentence is kept if it looks
   like prose in the target language: 30-120 characters, starts with a capital
   letter, ends with ``.``, ``!`` or ``?``, contains no code-like characters,
   option flags, file names, URLs or man-page references, and contains at least
   one letter characteristic of the language (which also rules out paragraphs
   that were left untranslated in English).
4. Sentences are picked round-robin over the pages (the first kept sentence of
   every page, then the second one, ...) until ``--lines`` distinct sentences
   are chosen, and are written out in page order.

The whole process is deterministic: the same package versions and the same
groff give byte-identical files.  The only change made to the rendered text is
collapsing groff's two-space sentence spacing to a single space and Unicode NFC
normalisation.

Run ``python3 scripts/build_corpus.py --help`` for the options.  If a required
package is missing, the script prints the ``apt-get install`` command to run.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "corpus" / "texts"


@dataclass(frozen=True)
class Language:
    """One corpus language and where its text comes from."""

    code: str
    package: str
    version: str
    letters: str
    """Lower-case letters typical of the language; every kept line has one."""


LANGUAGES: tuple[Language, ...] = (
    Language("fr", "manpages-fr", "4.18.1-1", "àâæçéèêëîïôœùûüÿ"),
    Language("de", "manpages-de", "4.18.1-1", "äöüß"),
    Language("es", "manpages-es", "4.18.1-1", "áéíóúñü¿¡"),
    Language("pt", "manpages-pt-br", "4.18.1-1", "áâãàçéêíóôõú"),
    Language("it", "manpages-it", "4.18.1-1", "àèéìíòóù"),
    Language("nl", "manpages-nl", "4.18.1-1", "áéèëïóöü"),
    Language("sv", "manpages-sv", "4.18.1-1", "åäöé"),
    Language("da", "manpages-da", "4.18.1-1", "æøåé"),
    Language("nb", "manpages-nb", "4.18.1-1", "æøåé"),
    Language("fi", "manpages-fi", "4.18.1-1", "äöå"),
    Language("pl", "manpages-pl", "1:4.18.1-1", "ąćęłńóśźż"),
    Language("cs", "manpages-cs", "4.18.1-1", "áčďéěíňóřšťúůýž"),
    Language(
        "ru",
        "manpages-ru",
        "4.18.1-1",
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ),
)

MIN_CHARS = 30
MAX_CHARS = 120

GROFF_COMMAND = (
    "groff",
    "-k",  # run preconv on the input ...
    "-K",
    "utf-8",  # ... which is UTF-8
    "-t",  # run tbl, for pages with tables
    "-mandoc",  # man or mdoc macros, as the page needs
    "-Tutf8",
    "-rLL=30000n",  # one output line per paragraph: no filling or justifying
    "-rHY=0",  # no hyphenation
    "-rcR=1",  # one continuous page: no page headers in the middle
    "-P-cbou",  # grotty: no overstriking, bold or underlining
)

# A sentence ends at . ! or ? (maybe followed by closing quotes or brackets),
# then white space, then what can start a new sentence.
SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])([»”“\"’)]*)\s+(?=[«„“\"¿¡(]?[^\W\d_])")

# The word just before a full stop that does not end a sentence: a single
# letter or an abbreviation written with inner full stops ("z.B.", "t.ex.").
ABBREVIATION = re.compile(r"(?:^|\s)(?:\w|\w+\.\w+)\.$")

# Things that do not belong in prose.
NON_PROSE = re.compile(
    r"""
      [/\\$=<>{}\[\]|~@#*^%_`+&]     # code, paths, markup, URLs, addresses
    | ''|""                         # TeX-style or empty quotes
    | (?<![\w.])-{1,2}\w            # command-line options
    | \w\(                          # function calls and man-page references
    | [a-z]\.[a-z]{2,}              # file names and domain names
    | \s\s                          # tabular or tagged layout
    | \b(?:the|and|this|that|with|which|from)\b  # untranslated English
    """,
    re.VERBOSE,
)

SENTENCE_START = re.compile(r"[«„“\"¿¡]?([^\W\d_])")
SENTENCE_END = re.compile(r"[^\W_][.!?][»”\")]?$")


def missing_packages(languages: tuple[Language, ...]) -> list[Language]:
    """Return the languages whose package is not installed in the expected version."""
    missing = []
    for lang in languages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status} ${Version}", lang.package],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.stdout != f"install ok installed {lang.version}":
            missing.append(lang)
    return missing


def man_pages(package: str) -> list[Path]:
    """List the real (not ``.so``-redirection) man pages of an installed package."""
    listing = subprocess.run(
        ["dpkg", "-L", package], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    pages = []
    for name in sorted(listing):
        path = Path(name)
        if not name.startswith("/usr/share/man/") or path.suffix != ".gz":
            continue
        if path.is_symlink() or not path.is_file():
            continue
        if gzip.decompress(path.read_bytes()).startswith(b".so "):
            continue
        pages.append(path)
    return pages


def render(page: Path) -> list[str]:
    """Render a compressed man page to plain text, one paragraph per line."""
    result = subprocess.run(
        GROFF_COMMAND,
        input=gzip.decompress(page.read_bytes()),
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8").splitlines()


def sentences(paragraph: str) -> list[str]:
    """Split a rendered paragraph into sentences, without splitting abbreviations."""
    # groff puts two spaces after a sentence that ended an input line.
    text = re.sub(r"(?<=[.!?:;»”\")])  (?=\S)", " ", paragraph.strip())
    result: list[str] = []
    start = 0
    for boundary in SENTENCE_BOUNDARY.finditer(text):
        if ABBREVIATION.search(text[start : boundary.start()]):
            continue
        result.append(text[start : boundary.end(1)])
        start = boundary.end()
    result.append(text[start:])
    return result


def is_prose(line: str, lang: Language) -> bool:
    """Tell whether a sentence is natural prose in the given language."""
    if not MIN_CHARS <= len(line) <= MAX_CHARS:
        return False
    start = SENTENCE_START.match(line)
    if not start or not start.group(1).isupper():
        return False
    if not SENTENCE_END.search(line) or NON_PROSE.search(line):
        return False
    if any(unicodedata.category(char)[0] == "C" for char in line):
        return False
    letters = [char for char in line.lower() if char.isalpha()]
    if len(letters) < 0.8 * (len(line) - line.count(" ")):
        return False
    typical = sum(char in lang.letters for char in letters)
    if lang.code == "ru":
        return typical >= 0.9 * len(letters)
    return typical > 0


def page_sentences(page: Path, lang: Language) -> list[str]:
    """Return the prose sentences of one man page, in document order."""
    return [
        unicodedata.normalize("NFC", sentence)
        for paragraph in render(page)
        for sentence in sentences(paragraph)
        if is_prose(sentence, lang)
    ]


def select_lines(per_page: list[list[str]], count: int) -> list[tuple[int, str]]:
    """Pick up to ``count`` distinct sentences round-robin over the pages.

    Returns ``(page index, sentence)`` pairs in document order: page by page,
    and within a page in the order of the text.
    """
    chosen: list[tuple[int, int]] = []
    seen: set[str] = set()
    depth = 0
    while len(seen) < count and any(depth < len(lines) for lines in per_page):
        for page_index, lines in enumerate(per_page):
            if len(seen) < count and depth < len(lines) and lines[depth] not in seen:
                seen.add(lines[depth])
                chosen.append((page_index, depth))
        depth += 1
    return [(page, per_page[page][depth]) for page, depth in sorted(chosen)]


def build_language(lang: Language, output: Path, count: int, jobs: int) -> None:
    """Write ``<output>/<code>.txt`` and report what it was made from."""
    pages = man_pages(lang.package)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        per_page = list(pool.map(lambda page: page_sentences(page, lang), pages))
    selection = select_lines(per_page, count)
    target = output / f"{lang.code}.txt"
    target.write_text("".join(line + "\n" for _, line in selection), encoding="utf-8")

    used = sorted({pages[page].name.removesuffix(".gz") for page, _ in selection})
    print(f"{target}: {len(selection)} lines from {len(used)} of {len(pages)} pages "
          f"of {lang.package} {lang.version}")
    print("  pages: " + ", ".join(used))


def parse_args() -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Rebuild corpus/texts/<lang>.txt from installed Debian "
        "manpages-<lang> packages.",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="directory for the <lang>.txt files (default: %(default)s)",
    )
    parser.add_argument(
        "--lines",
        type=int,
        default=500,
        help="number of lines per language, at most (default: %(default)s)",
    )
    parser.add_argument(
        "--languages",
        nargs="+",
        choices=[lang.code for lang in LANGUAGES],
        default=[lang.code for lang in LANGUAGES],
        help="languages to build (default: all)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="groff processes to run in parallel (default: %(default)s)",
    )
    return parser.parse_args()


def main() -> int:
    """Check the packages, then build each requested language."""
    args = parse_args()
    languages = tuple(lang for lang in LANGUAGES if lang.code in args.languages)

    missing = missing_packages(languages)
    if missing:
        pins = " ".join(f"{lang.package}={lang.version}" for lang in missing)
        print("Missing packages (or other versions installed). Run:", file=sys.stderr)
        print(f"  apt-get update && apt-get install --no-install-recommends {pins}",
              file=sys.stderr)
        return 1

    args.output.mkdir(parents=True, exist_ok=True)
    for lang in languages:
        build_language(lang, args.output, args.lines, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
