"""Does correct text come out unchanged?  The negative set measured in several arrangements.

Every line of ``corpus/negative/*.txt`` is correct text.  It is cleaned

* ``alone``: each line on its own (``clean(line)``), and ``alone, PDF repairs``: the
  same with the repairs on by default for PDF input (``split-words``, ``space-runs`` …);
* ``document``: each file as one document (``clean(text)``);
* ``mixed``: interleaved with real damage: the texts of ``corpus/texts`` are damaged
  through ``MIX_CHANNELS`` (lost letters written "•") and a negative line is put after
  every ``MIX_EVERY - 1`` damaged lines.  Each negative file goes into the damaged French
  text, and a file of one corpus language (``debian-es.txt``, ``science-de.txt``) also
  into that language's text; a file longer than the host's slots is cut into parts, one
  document each;

and the scientific PDFs of ``corpus/negative/pdf``:

* ``pdf reference``: the correct text of each extract, cleaned with the PDF repairs;
* ``pdf extract``: the extract itself (pdfminer.six), cleaned the same way; here only a
  word that is right in the extract (the same as in the reference) counts, when a change
  touches it.

A line fails when a change touching it has a rule outside the allowed ones: NFC
composition everywhere, and on PDF text (the PDF arrangements) the layout repairs that
only move spaces, hyphens and line breaks, and the removal of the form feed ending a page.  Lines changed by allowed rules only are counted apart.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mojibake_fix import Change, clean
from mojibake_fix.api import default_repairs
from mojibake_fix.channels import get_channel

ROOT = Path(__file__).resolve().parent.parent
NEGATIVE = ROOT / "corpus" / "negative"
PDF_FOLDER = NEGATIVE / "pdf"
TEXTS = ROOT / "corpus" / "texts"

#: Changes that correct text may receive: Unicode NFC composition.
ALLOWED_TEXT = frozenset({"hygiene:nfc"})
#: On PDF text also the layout repairs that only move spaces, hyphens and line breaks:
#: runs of spaces, trailing blanks, words hyphenated at a line end joined (without their
#: hyphen, or with it when it is the word's own: ``hyphenation:keep``), soft hyphens, and
#: the form feed that ends each page (``hygiene:control`` on a form feed only).
ALLOWED_PDF = ALLOWED_TEXT | {
    "spacing:runs", "spacing:trailing", "hyphenation:join", "hyphenation:keep", "hyphenation:soft_hyphen", "hygiene:control"
}
#: Rules allowed only on the text given here: a control removed must be a page's form feed.
ALLOWED_ONLY_ON = {"hygiene:control": "\f"}
#: The channels the host texts of the ``mixed`` arrangement are damaged through.
MIX_CHANNELS = ("mac_roman>cp1252", "cp1252>mac_roman", "utf-8>cp1252", "cp1252>cp850")
#: In the ``mixed`` arrangement every ``MIX_EVERY``-th line is a negative line.
MIX_EVERY = 3
#: The host text a negative file goes into, besides its own language's.
MIX_HOST = "fr"
#: The scientific PDFs: ``<name>.pdf``, ``.extract.txt``, ``.reference.txt``.
PDF_NAMES = ("science-en", "science-de", "science-fr")

WORD = re.compile(r"\S+")


def pdf_repairs() -> frozenset[str]:
    """The repairs on by default for PDF input."""
    return default_repairs(pdf=True)


@dataclass(frozen=True)
class Failure:
    """A negative line that came out changed: where it is, what became of it, and why."""

    arrangement: str
    source: str
    """The negative file (and, for mixed documents, the host and channel)."""
    number: int
    """1-based line number in the negative file (or in the PDF's extract)."""
    before: str
    after: str
    changes: tuple[Change, ...]
    """The changes touching the line with a rule that is not allowed."""


@dataclass
class Outcome:
    """One arrangement's count: lines checked, lines failed, lines changed only as allowed."""

    arrangement: str
    lines: int = 0
    failures: list[Failure] = field(default_factory=list)
    allowed: int = 0

    def add(self, other: Outcome) -> None:
        """Count ``other``'s lines in too."""
        self.lines += other.lines
        self.failures += other.failures
        self.allowed += other.allowed


def read_lines(path: Path) -> list[str]:
    """The lines of a negative file (or an extract), without the final line break."""
    return path.read_text(encoding="utf-8").removesuffix("\n").split("\n")


def negative_files(folder: Path = NEGATIVE) -> list[Path]:
    """The negative files, sorted by name."""
    return sorted(folder.glob("*.txt"))


def forbidden(change: Change, allowed: frozenset[str]) -> bool:
    """Whether ``change`` has a step whose rule is not allowed (or is allowed on other text
    than the change's: ``ALLOWED_ONLY_ON``)."""
    return any(
        step.rule not in allowed or ALLOWED_ONLY_ON.get(step.rule, change.before) != change.before for step in change.steps
    )


def judge(
    arrangement: str, source: str, text: str, numbers: dict[int, int], *, allowed: frozenset[str], repairs: Iterable[str] | None = None
) -> Outcome:
    """Clean ``text`` and judge the lines listed in ``numbers`` (0-based line in ``text`` →
    1-based line in the negative file): which failed, which changed only as allowed."""
    result = clean(text, repairs=repairs)
    lines = text.split("\n")
    out = result.text.split("\n")
    by_line: dict[int, list[Change]] = {}
    for change in result.changes:
        by_line.setdefault(change.line - 1, []).append(change)
    outcome = Outcome(arrangement, lines=len(numbers))
    for index, number in numbers.items():
        touching = by_line.get(index, [])
        bad = tuple(change for change in touching if forbidden(change, allowed))
        if bad:
            after = out[index] if len(out) == len(lines) else result.text
            outcome.failures.append(Failure(arrangement, source, number, lines[index], after, bad))
        elif touching:
            outcome.allowed += 1
    return outcome


def alone(path: Path, *, pdf: bool = False) -> Outcome:
    """Each line of a negative file cleaned on its own (with the PDF repairs if ``pdf``)."""
    name = "alone, PDF repairs" if pdf else "alone"
    outcome = Outcome(name)
    for number, line in enumerate(read_lines(path), 1):
        outcome.add(
            judge(name, path.name, line, {0: number}, allowed=ALLOWED_PDF if pdf else ALLOWED_TEXT, repairs=pdf_repairs() if pdf else None)
        )
    return outcome


def document(path: Path) -> Outcome:
    """A negative file cleaned as one document."""
    lines = read_lines(path)
    return judge("document", path.name, "\n".join(lines), {n: n + 1 for n in range(len(lines))}, allowed=ALLOWED_TEXT)


@cache
def damaged_text(language: str, channel: str) -> tuple[str, ...]:
    """The lines of ``corpus/texts/<language>.txt`` damaged through ``channel``."""
    damage = get_channel(channel).damage
    return tuple(damage(line, "\u2022") for line in read_lines(TEXTS / f"{language}.txt"))


def hosts(path: Path) -> list[str]:
    """The corpus languages whose damaged text a negative file goes into."""
    match = re.search(r"-([a-z]{2})\.txt$", path.name)
    own = match.group(1) if match and (TEXTS / f"{match.group(1)}.txt").exists() else None
    return list(dict.fromkeys([MIX_HOST, *([own] if own else [])]))


def interleave(host: Sequence[str], negative: Sequence[str], every: int = MIX_EVERY) -> Iterator[tuple[list[str], dict[int, int]]]:
    """Documents of host lines with a negative line after every ``every - 1`` of them: the
    lines, and the negative lines' places (0-based in the document → 0-based in
    ``negative``).  ``negative`` is cut into as many documents as the host needs."""
    per_document = max(1, len(host) // (every - 1))
    for first in range(0, len(negative), per_document):
        part = negative[first : first + per_document]
        lines: list[str] = []
        places: dict[int, int] = {}
        for offset, line in enumerate(part):
            lines += host[offset * (every - 1) : (offset + 1) * (every - 1)]
            places[len(lines)] = first + offset
            lines.append(line)
        lines += host[len(part) * (every - 1) :]
        yield lines, places


def mixed(path: Path, channels: Sequence[str] = MIX_CHANNELS) -> Outcome:
    """A negative file interleaved with damaged corpus text, through each channel."""
    negative = read_lines(path)
    outcome = Outcome("mixed")
    for language in hosts(path):
        for channel in channels:
            for lines, places in interleave(damaged_text(language, channel), negative):
                numbers = {index: place + 1 for index, place in places.items()}
                source = f"{path.name} in {language}.txt damaged {channel}"
                outcome.add(judge("mixed", source, "\n".join(lines), numbers, allowed=ALLOWED_TEXT))
    outcome.arrangement = "mixed"
    return outcome


def pdf_reference(name: str) -> Outcome:
    """The reference text of a scientific PDF's extract, cleaned with the PDF repairs."""
    text = (PDF_FOLDER / f"{name}.reference.txt").read_text(encoding="utf-8")
    count = text.count("\n") + 1
    return judge("pdf reference", f"{name}.reference.txt", text, {n: n + 1 for n in range(count)}, allowed=ALLOWED_PDF, repairs=pdf_repairs())


def right_columns(extract: str, reference: str) -> set[int]:
    """The columns of an extract line whose characters agree with the reference line."""
    matcher = difflib.SequenceMatcher(None, extract, reference, autojunk=False)
    return {column for tag, i1, i2, _, _ in matcher.get_opcodes() if tag == "equal" for column in range(i1, i2)}


def right_words(extract: str, reference: str) -> list[tuple[int, int]]:
    """The spans of the words of an extract line that are as in the reference line."""
    right = right_columns(extract, reference)
    references = set(WORD.findall(reference))
    return [
        match.span()
        for match in WORD.finditer(extract)
        if match.group() in references and all(column in right for column in range(*match.span()))
    ]


def touches(change: Change, span: tuple[int, int]) -> bool:
    """Whether a change (input columns) overlaps a word's span or inserts inside it."""
    start, end = span
    if change.start == change.end:
        return start < change.start < end
    return change.start < end and start < change.end


def pdf_extract(name: str) -> Outcome:
    """The extract of a scientific PDF, cleaned with the PDF repairs: changes that touch a
    word that is right in the extract, with a rule other than the allowed ones."""
    text = (PDF_FOLDER / f"{name}.extract.txt").read_text(encoding="utf-8")
    reference = (PDF_FOLDER / f"{name}.reference.txt").read_text(encoding="utf-8").split("\n")
    lines = text.split("\n")
    result = clean(text, repairs=pdf_repairs())
    out = result.text.split("\n")
    by_line: dict[int, list[Change]] = {}
    for change in result.changes:
        by_line.setdefault(change.line - 1, []).append(change)
    outcome = Outcome("pdf extract", lines=len(lines))
    for index, line in enumerate(lines):
        touching = by_line.get(index, [])
        spans = right_words(line, reference[index])
        bad = tuple(c for c in touching if forbidden(c, ALLOWED_PDF) and any(touches(c, span) for span in spans))
        if bad:
            outcome.failures.append(Failure("pdf extract", f"{name}.extract.txt", index + 1, line, out[index], bad))
        elif touching:
            outcome.allowed += 1
    return outcome


def all_outcomes(files: Sequence[Path] | None = None) -> dict[str, dict[str, Outcome]]:
    """Every arrangement for every negative file (and PDF): arrangement → source → outcome."""
    chosen = negative_files() if files is None else files
    table: dict[str, dict[str, Outcome]] = {}
    for path in chosen:
        table.setdefault("alone", {})[path.name] = alone(path)
        table.setdefault("alone, PDF repairs", {})[path.name] = alone(path, pdf=True)
        table.setdefault("document", {})[path.name] = document(path)
        table.setdefault("mixed", {})[path.name] = mixed(path)
    for name in PDF_NAMES:
        table.setdefault("pdf reference", {})[name] = pdf_reference(name)
        table.setdefault("pdf extract", {})[name] = pdf_extract(name)
    return table


#: The failing lines not fixed yet, each with the reason it fails: tab-separated
#: arrangement, source (as ``Failure.source``), line number, reason.  The tests check that
#: exactly these lines fail, so a fix must take its line out and a new failure is caught.
KNOWN = NEGATIVE / "known-failures.tsv"


def known_failures() -> dict[tuple[str, str], set[int]]:
    """The lines ``KNOWN`` lists, per arrangement and source."""
    found: dict[tuple[str, str], set[int]] = {}
    for row in KNOWN.read_text(encoding="utf-8").splitlines()[1:]:
        arrangement, source, number, _ = row.split("\t")
        found.setdefault((arrangement, source), set()).add(int(number))
    return found


def failing(outcome: Outcome) -> dict[tuple[str, str], set[int]]:
    """``outcome``'s failing lines, as ``known_failures`` gives them."""
    found: dict[tuple[str, str], set[int]] = {}
    for failure in outcome.failures:
        found.setdefault((failure.arrangement, failure.source), set()).add(failure.number)
    return found


def describe(failure: Failure) -> str:
    """One failure as Markdown: the line, its fate, and each change with rule, confidence, evidence."""
    parts = [f"- `{failure.source}` line {failure.number}: `{failure.before}` → `{failure.after}`"]
    for change in failure.changes:
        parts.append(
            f"  - {change.rule}: `{change.before}` → `{change.after}` (columns {change.start}–{change.end}, "
            f"confidence {change.confidence:.3f}; {change.evidence})"
        )
    return "\n".join(parts)


def _outcomes_of(path: Path) -> list[Outcome]:
    """The four line arrangements of one negative file."""
    return [alone(path), alone(path, pdf=True), document(path), mixed(path)]


def main() -> None:
    """Print each arrangement's counts, and write every failure to a Markdown file."""
    import argparse
    from concurrent.futures import ProcessPoolExecutor

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=Path, help="write every failing line to this Markdown file")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--write-known", action="store_true", help=f"write the failing lines to {KNOWN.relative_to(ROOT)}, each with its change's rule and evidence"
    )
    args = parser.parse_args()
    files = negative_files()
    table: dict[str, dict[str, Outcome]] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for path, outcomes in zip(files, pool.map(_outcomes_of, files)):
            for outcome in outcomes:
                table.setdefault(outcome.arrangement, {})[path.name] = outcome
    for name in PDF_NAMES:
        for outcome in (pdf_reference(name), pdf_extract(name)):
            table.setdefault(outcome.arrangement, {})[name] = outcome
    lines = ["| arrangement | lines | failed | changed as allowed only |", "| --- | ---: | ---: | ---: |"]
    for arrangement, by_source in table.items():
        total = Outcome(arrangement)
        for outcome in by_source.values():
            total.add(outcome)
        lines.append(f"| {arrangement} | {total.lines} | {len(total.failures)} | {total.allowed} |")
    print("\n".join(lines))
    if args.write_known:
        rows = ["arrangement\tsource\tline\twhy it still fails (the change made, its rule and evidence)"]
        for by_source in table.values():
            for outcome in by_source.values():
                for failure in outcome.failures:
                    change = failure.changes[0]
                    why = f"{change.before} → {change.after} by {change.rule} at {change.confidence:.2f}: {change.evidence}"
                    rows.append("\t".join((failure.arrangement, failure.source, str(failure.number), why.replace("\t", " "))))
        KNOWN.write_text("\n".join(rows) + "\n", encoding="utf-8")
    if args.failures:
        out = ["# Negative lines changed", "", *lines, ""]
        for arrangement, by_source in table.items():
            count = sum(len(o.failures) for o in by_source.values())
            out += [f"## {arrangement}: {count} failing lines", ""]
            for source, outcome in by_source.items():
                if outcome.failures:
                    out += [f"### {source}: {len(outcome.failures)} of {outcome.lines}", ""]
                    out += [describe(failure) for failure in outcome.failures]
                    out.append("")
        args.failures.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
