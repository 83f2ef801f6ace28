#!/usr/bin/env python3
"""Build the multilingual prose corpus in ``corpus/texts/`` from Debian packages.

The corpus holds natural-language sentences, taken verbatim from openly
licensed documentation shipped by Debian, in several European languages.  It
is used to test mojibake repair, so every line contains letters that are
typical of its language and outside ASCII.

Sources (see ``corpus/SOURCES.md`` for versions and licences):

* the translated manual pages of the manpages-l10n project, Debian packages
  ``manpages-<lang>`` (GPL-3+), for all languages but Dutch and Greek;
* the Dutch LibreOffice help, Debian package ``libreoffice-help-nl``
  (MPL-2.0), for Dutch, because the Dutch man pages have too few sentences
  with accented letters;
* the Greek LibreOffice help, Debian package ``libreoffice-help-el``
  (MPL-2.0), for Greek (held out), because ``manpages-el`` has only five man
  pages.

How the lines are obtained, for each language:

1. The documents of the package are listed with ``dpkg -L`` and sorted by
   path.  Man pages that only redirect to another page (``.so``) are skipped.
2. Each document is turned into plain-text paragraphs.  Man pages are rendered
   with ``groff -mandoc -Tutf8`` with a huge line length, so that every
   paragraph is one output line and nothing is hyphenated or justified, and
   with all bold/underline overstriking turned off.  Help pages are HTML: the
   text of their ``<p>`` paragraphs is taken, leaving out code, and leaving out
   paragraphs whose wording depends on the platform (LibreOffice marks these
   with "switch" spans that hold alternative texts).  No markup survives.
3. Every paragraph is split into sentences.  A sentence is kept if it looks
   like prose in the target language: 30-120 characters, starts with a capital
   letter, ends with ``.``, ``!`` or ``?``, contains no code-like characters,
   option flags, file names, URLs or man-page references, and contains at least
   one letter characteristic of the language (which also rules out paragraphs
   that were left untranslated in English).
4. Sentences are picked round-robin over the documents (the first kept
   sentence of every document, then the second one, ...) until ``--lines``
   distinct sentences are chosen, and are written out in document order.

The process is deterministic: the same package versions and the same groff
give byte-identical files.  The only changes made to the text are collapsing
runs of white space (groff's two-space sentence spacing, HTML's insignificant
white space) to one space, and Unicode NFC normalisation.

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
from html.parser import HTMLParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "corpus" / "texts"

MAN_PAGES = "man"
LIBREOFFICE_HELP = "libreoffice-help"


@dataclass(frozen=True)
class Language:
    """One corpus language and where its text comes from."""

    code: str
    package: str
    version: str
    """The package version the committed corpus was built from."""
    source: str
    """The kind of documents: ``MAN_PAGES`` or ``LIBREOFFICE_HELP``."""
    letters: str
    """Lower-case letters typical of the language; every kept line has one."""


LANGUAGES: tuple[Language, ...] = (
    Language("fr", "manpages-fr", "4.18.1-1", MAN_PAGES, "àâæçéèêëîïôœùûüÿ"),
    Language("de", "manpages-de", "4.18.1-1", MAN_PAGES, "äöüß"),
    Language("es", "manpages-es", "4.18.1-1", MAN_PAGES, "áéíóúñü¿¡"),
    Language("pt", "manpages-pt-br", "4.18.1-1", MAN_PAGES, "áâãàçéêíóôõú"),
    Language("it", "manpages-it", "4.18.1-1", MAN_PAGES, "àèéìíòóù"),
    Language(
        "nl",
        "libreoffice-help-nl",
        "4:7.4.7-1+deb12u14",
        LIBREOFFICE_HELP,
        "áéèëïóöü",
    ),
    Language("sv", "manpages-sv", "4.18.1-1", MAN_PAGES, "åäöé"),
    Language("da", "manpages-da", "4.18.1-1", MAN_PAGES, "æøåé"),
    Language("fi", "manpages-fi", "4.18.1-1", MAN_PAGES, "äöå"),
    Language("pl", "manpages-pl", "1:4.18.1-1", MAN_PAGES, "ąćęłńóśźż"),
    Language("cs", "manpages-cs", "4.18.1-1", MAN_PAGES, "áčďéěíňóřšťúůýž"),
    Language(
        "ru", "manpages-ru", "4.18.1-1", MAN_PAGES, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    ),
)

#: Languages kept out of ``corpus/texts`` and out of development: ``--held-out`` writes
#: them to ``corpus/held_out``, a check of how the tool does on languages it was not
#: tuned on (``benchmarks/accuracy.py --texts corpus/held_out``).  Romanian has fewer
#: prose sentences than the others.  Greek, in a script of its own, is where UTF-8 read
#: as cp1253 is measured.
HELD_OUT: tuple[Language, ...] = (
    Language("hu", "manpages-hu", "1:4.18.1-1", MAN_PAGES, "áéíóöőúüű"),
    Language("ro", "manpages-ro", "4.18.1-1", MAN_PAGES, "ăâîșțşţ"),
    Language("uk", "manpages-uk", "4.18.1-1", MAN_PAGES, "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    Language("el", "libreoffice-help-el", "4:7.4.7-1+deb12u14", LIBREOFFICE_HELP, "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ"),
)
HELD_OUT_OUTPUT = REPO_ROOT / "corpus" / "held_out"
HELD_OUT_MIN_LINES = 100

MIN_CHARS = 30
MAX_CHARS = 120
MIN_LINES = 300  # a language with fewer lines than this is an error

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

# The last word of a text, when it ends with a full stop.
LAST_WORD = re.compile(r"(?:^|[\s(«„“\"])([\w.]+)\.$")

# Common abbreviations of the corpus languages that are not, or seldom, at the
# end of a sentence ("etc." and the like often are, so they are not listed).
ABBREVIATIONS = frozenset(
    [
        "abs", "bspw", "bzw", "ca", "cca", "cf", "dr", "dvs", "ej", "env", "esim", "evt", "evtl", "ex", "fx", "ggf",
        "inkl", "jf", "jfr", "kap", "ks", "mht", "mm", "nr", "np", "ns", "např", "popř", "pozn", "pga", "pág", "resp",
        "sog", "str", "tj", "tzn", "tzv", "viz", "vgl", "vs", "wg", "zob", "δηλ", "ηλ", "напр", "см", "стр"
    ]
)
# An abbreviation written with inner full stops, such as "z.B" or "т.е".
DOTTED_ABBREVIATION = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)+")

# Things that do not belong in prose.
NON_PROSE = re.compile(
    r"""
      [/\\$=<>{}\[\]|~@#*^%_`+&]            # code, paths, markup, URLs, addresses
    | ''|""                                # TeX-style or empty quotes
    | (?<![\w.])-{1,2}\w                   # command-line options
    | \w\(                                 # function calls and man-page references
    | \b(?=\w*\d)(?=\w*[^\W\d_])\w{8,}      # long identifiers and bit patterns
    | [a-z]\.[a-z]{2,}|(?<!\w)\.\w          # file names and domain names
    | \s\s                                 # tabular or tagged layout
    | \b(?:the|and|this|that|with|which|from)\b  # untranslated English
    """,
    re.VERBOSE,
)

SENTENCE_START = re.compile(r"[«„“\"¿¡]?([^\W\d_])")
SENTENCE_END = re.compile(r"[^\W_][.!?][»”\")]?$")

# HTML white space, which a browser shows as one space (unlike U+00A0).
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class HelpPageParser(HTMLParser):
    """Collect the text of the prose paragraphs of a LibreOffice help page."""

    PARAGRAPH_CLASSES = frozenset({"paragraph", "listitem"})
    CODE_TAGS = frozenset({"code", "pre", "script", "style"})
    SWITCH_CLASSES = frozenset({"switch", "switchinline"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._text: list[str] | None = None  # the paragraph being read, if any
        self._has_switch = False
        self._code_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "p" and classes & self.PARAGRAPH_CLASSES:
            self._text, self._has_switch = [], False
        elif tag in self.CODE_TAGS:
            self._code_depth += 1
        if classes & self.SWITCH_CLASSES:
            self._has_switch = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._text is not None:
            if not self._has_switch:
                self.paragraphs.append(HTML_SPACE.sub(" ", "".join(self._text)))
            self._text = None
        elif tag in self.CODE_TAGS:
            self._code_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._code_depth:
            self._text.append(data)


def installed_version(package: str) -> str | None:
    """Return the installed version of a Debian package, or None."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    status, _, version = result.stdout.partition(" ")
    return version if status == "installed" else None


def is_document(path: Path, source: str) -> bool:
    """Tell whether a file of a package is one of the documents to read."""
    if not path.is_file() or path.is_symlink():
        return False
    if source == LIBREOFFICE_HELP:
        return path.suffix == ".html" and "/text/" in path.as_posix()
    if not path.as_posix().startswith("/usr/share/man/") or path.suffix != ".gz":
        return False
    return not gzip.decompress(path.read_bytes()).startswith(b".so ")


def documents(lang: Language) -> list[Path]:
    """List the documents of an installed package, sorted by path."""
    listing = subprocess.run(
        ["dpkg", "-L", lang.package], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [Path(name) for name in sorted(listing) if is_document(Path(name), lang.source)]


def paragraphs(document: Path, source: str) -> list[str]:
    """Return the plain-text paragraphs of a document, one string each."""
    if source == LIBREOFFICE_HELP:
        parser = HelpPageParser()
        parser.feed(document.read_text(encoding="utf-8"))
        parser.close()
        return parser.paragraphs
    result = subprocess.run(
        GROFF_COMMAND,
        input=gzip.decompress(document.read_bytes()),
        capture_output=True,
        check=True,
    )
    # groff puts two spaces after a sentence that ended an input line.
    return [
        re.sub(r"(?<=[.!?:;»”\")])  (?=\S)", " ", line.strip())
        for line in result.stdout.decode("utf-8").splitlines()
    ]


def ends_with_abbreviation(text: str) -> bool:
    """Tell whether a text ends with an abbreviation (or a single letter) and a full stop."""
    match = LAST_WORD.search(text)
    if not match:
        return False
    word = match.group(1).lower()
    return (
        len(word) == 1
        or word in ABBREVIATIONS
        or DOTTED_ABBREVIATION.fullmatch(word) is not None
    )


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, without splitting at abbreviations."""
    text = paragraph.strip()
    result: list[str] = []
    start = 0
    for boundary in SENTENCE_BOUNDARY.finditer(text):
        if ends_with_abbreviation(text[start : boundary.start()]):
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
    if not SENTENCE_END.search(line) or ends_with_abbreviation(line):
        return False
    if NON_PROSE.search(line):
        return False
    if any(unicodedata.category(char)[0] == "C" for char in line):
        return False
    letters = [char for char in line.lower() if char.isalpha()]
    if len(letters) < 0.8 * (len(line) - line.count(" ")):
        return False
    typical = sum(char in lang.letters for char in letters)
    if lang.code in ("ru", "uk"):
        return typical >= 0.9 * len(letters)
    return typical > 0


def document_sentences(document: Path, lang: Language) -> list[str]:
    """Return the prose sentences of one document, in document order."""
    return [
        unicodedata.normalize("NFC", sentence)
        for paragraph in paragraphs(document, lang.source)
        for sentence in sentences(paragraph)
        if is_prose(sentence, lang)
    ]


def select_lines(per_document: list[list[str]], count: int) -> list[tuple[int, str]]:
    """Pick up to ``count`` distinct sentences round-robin over the documents.

    Returns ``(document index, sentence)`` pairs in document order: document
    by document, and within a document in the order of the text.
    """
    chosen: list[tuple[int, int]] = []
    seen: set[str] = set()
    depth = 0
    while len(seen) < count and any(depth < len(lines) for lines in per_document):
        for index, lines in enumerate(per_document):
            if len(seen) < count and depth < len(lines) and lines[depth] not in seen:
                seen.add(lines[depth])
                chosen.append((index, depth))
        depth += 1
    return [(index, per_document[index][depth]) for index, depth in sorted(chosen)]


def label(document: Path, source: str) -> str:
    """Name a document briefly: ``ls.1`` for a man page, ``scalc/01/x.html`` for help."""
    if source == LIBREOFFICE_HELP:
        return document.as_posix().split("/text/", 1)[1]
    return document.name.removesuffix(".gz")


def build_language(lang: Language, output: Path, count: int, jobs: int) -> int:
    """Write ``<output>/<code>.txt``, report what it was made from, return its length."""
    docs = documents(lang)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        per_document = list(pool.map(lambda doc: document_sentences(doc, lang), docs))
    selection = select_lines(per_document, count)
    target = output / f"{lang.code}.txt"
    target.write_text("".join(line + "\n" for _, line in selection), encoding="utf-8")

    used = sorted({docs[index] for index, _ in selection})
    print(f"{target}: {len(selection)} lines from {len(used)} of {len(docs)} "
          f"documents of {lang.package} {installed_version(lang.package)}")
    print("  documents: " + ", ".join(label(doc, lang.source) for doc in used))
    return len(selection)


def parse_args() -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Rebuild corpus/texts/<lang>.txt from installed Debian "
        "documentation packages (see corpus/SOURCES.md).",
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help=f"build the held-out languages ({', '.join(lang.code for lang in HELD_OUT)}) "
        "into corpus/held_out instead",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help=f"directory for the <lang>.txt files (default: {DEFAULT_OUTPUT.relative_to(REPO_ROOT)}, "
        f"or {HELD_OUT_OUTPUT.relative_to(REPO_ROOT)} with --held-out)",
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
        choices=[lang.code for lang in LANGUAGES + HELD_OUT],
        metavar="CODE",
        help="languages to build, among %(choices)s (default: all of the set)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="documents to process in parallel (default: %(default)s)",
    )
    return parser.parse_args()


def main() -> int:
    """Check the packages, then build each requested language."""
    args = parse_args()
    chosen = HELD_OUT if args.held_out else LANGUAGES
    languages = [lang for lang in chosen if args.languages is None or lang.code in args.languages]
    output = args.output or (HELD_OUT_OUTPUT if args.held_out else DEFAULT_OUTPUT)
    min_lines = HELD_OUT_MIN_LINES if args.held_out else MIN_LINES

    missing = [lang.package for lang in languages if installed_version(lang.package) is None]
    if missing:
        print("Missing Debian packages. Install them with:", file=sys.stderr)
        print("  apt-get update && apt-get install --no-install-recommends "
              + " ".join(missing), file=sys.stderr)
        return 1
    for lang in languages:
        version = installed_version(lang.package)
        if version != lang.version:
            print(f"warning: {lang.package} {version} is installed, the corpus was "
                  f"built from {lang.version}; the output may differ", file=sys.stderr)

    output.mkdir(parents=True, exist_ok=True)
    too_short = [
        lang.code
        for lang in languages
        if build_language(lang, output, args.lines, args.jobs) < min_lines
    ]
    if too_short:
        print(f"error: fewer than {min_lines} lines for: {' '.join(too_short)}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
