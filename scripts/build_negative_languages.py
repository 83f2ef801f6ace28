#!/usr/bin/env python3
"""Build the real-text part of the multilingual negative set, ``corpus/negative/debian-*.txt``.

Correct prose in languages the repairer must leave alone, taken from openly licensed
Debian packages (see ``corpus/negative/README.md`` for versions and licences):

* Spanish, Czech, Russian, Greek and Turkish sentences of the translated man pages
  (``manpages-es``, ``manpages-cs``, ``manpages-ru``, ``manpages-el``: manpages-l10n,
  GPL-3+; ``manpages-tr``: Turkish Linux Documentation WG, GPL), read and split into
  sentences exactly as ``scripts/build_corpus.py`` does;
* Icelandic, Estonian and Turkish country names of ``iso-codes`` (LGPL-2.1+), the
  translations in ``iso_3166-1.mo``.

Only sentences (or names) that are not in ``corpus/texts/`` and not in another negative
file are kept.  Sentences of the man pages are picked round-robin over the pages, as
``build_corpus.py`` does, but only those that hold at least one of the language's
characteristic letters (for Spanish, preferring ñ, ¿ and ¡).  Country names are kept when
they hold a letter outside ASCII, in the order of the catalogue's English names.

    python3 scripts/build_negative_languages.py            # writes corpus/negative/debian-*.txt
"""

from __future__ import annotations

import argparse
import gettext
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_corpus
from build_corpus import MAN_PAGES, Language

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT = REPO_ROOT / "corpus" / "negative"
PER_LANGUAGE = 45

MAN_LANGUAGES: tuple[Language, ...] = (
    Language("es", "manpages-es", "4.18.1-1", MAN_PAGES, "ñ¿¡"),
    Language("cs", "manpages-cs", "4.18.1-1", MAN_PAGES, "čďěňřšťůž"),
    Language("ru", "manpages-ru", "4.18.1-1", MAN_PAGES, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    Language("el", "manpages-el", "4.18.1-1", MAN_PAGES, "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ"),
    Language("tr", "manpages-tr", "2.0.6-2", MAN_PAGES, "çğıöşüİ"),
)
"""Man-page languages; ``letters`` are those a kept sentence must hold one of."""

ISO_CODES_LANGUAGES = ("is", "et", "tr")
ISO_CATALOGUE = "/usr/share/locale/{}/LC_MESSAGES/iso_3166-1.mo"


def taken_lines() -> set[str]:
    """Lines already in the corpus texts or in the hand-written negative files."""
    seen: set[str] = set()
    for folder in (REPO_ROOT / "corpus" / "texts", REPO_ROOT / "corpus" / "held_out", OUTPUT):
        for path in folder.glob("*.txt"):
            if not path.name.startswith("debian-"):
                seen.update(path.read_text(encoding="utf-8").splitlines())
    return seen


def man_sentences(lang: Language, taken: set[str]) -> list[str]:
    """``PER_LANGUAGE`` prose sentences of the language's man pages, round-robin."""
    per_document = [
        [s for s in build_corpus.document_sentences(doc, lang) if s not in taken]
        for doc in build_corpus.documents(lang)
    ]
    return [line for _, line in build_corpus.select_lines(per_document, PER_LANGUAGE)]


def country_names(code: str, taken: set[str]) -> list[str]:
    """The non-ASCII country names of iso-codes in language ``code``."""
    with open(ISO_CATALOGUE.format(code), "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    names = []
    for english, translated in sorted(catalogue._catalog.items()):  # type: ignore[attr-defined]
        if not isinstance(english, str) or not english or not translated.strip():
            continue
        name = unicodedata.normalize("NFC", translated.strip())
        if not name.isascii() and name not in taken and name not in names:
            names.append(name)
    return names[:PER_LANGUAGE]


def main() -> int:
    """Write the files and say what each holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    missing = [lang.package for lang in MAN_LANGUAGES if build_corpus.installed_version(lang.package) is None]
    if build_corpus.installed_version("iso-codes") is None:
        missing.append("iso-codes")
    if missing:
        sys.exit("missing packages: apt-get install --no-install-recommends " + " ".join(missing))
    taken = taken_lines()
    written: set[str] = set()
    outputs: dict[str, list[str]] = {}
    for lang in MAN_LANGUAGES:
        outputs[f"debian-{lang.code}.txt"] = [s for s in man_sentences(lang, taken) if s not in written]
        written.update(outputs[f"debian-{lang.code}.txt"])
    outputs["debian-countries.txt"] = []
    for code in ISO_CODES_LANGUAGES:
        names = [n for n in country_names(code, taken | written) if n not in written]
        outputs["debian-countries.txt"] += names
        written.update(names)
    for name, lines in outputs.items():
        (args.output / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{name}: {len(lines)} lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
