"""``clean-text``: repair files or standard input, write UTF-8, report every change.

Exit codes: 0 success, 1 an input could not be read or an output not written, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import IO, TYPE_CHECKING

from . import __version__
from .channels import DEFAULT_CHANNELS
from .engine import REPAIR_HELP, REPAIRS
from .options import OptionError, Options, default_repairs
from .report import FORMATS, read_jsonl

if TYPE_CHECKING:
    from .jobs import Outcome

EPILOG = """\
examples:
  clean-text brochure.txt                      clean text to standard output
  clean-text report.pdf -o report.txt          extract a PDF page by page, then clean it
  clean-text brochure.txt -o clean.txt --report changes.txt
  clean-text brochure.txt --report - > clean.txt   report to standard error
  cat old.txt | clean-text --lang fr --report-format jsonl --report changes.jsonl
  clean-text --undo changes.jsonl clean.txt    rebuild the input from output and report
  clean-text --undo batch.jsonl --document in/a.txt out/a.txt   one file of a batch report
  clean-text notes.txt --space-runs --no-accents   choose the optional repairs
  clean-text extracts/ --out-dir clean/ --report changes.jsonl --html changes.html
  clean-text 'scans/**/*.pdf' --out-dir clean/ --jobs 4
  clean-text notes/ --in-place --backup .orig
  clean-text notes/ --check                    exit 1 if any file would change (CI)
  clean-text notes/ --diff | less              what would change, as a unified diff
  clean-text big/ --out-dir clean/ --dask-scheduler tcp://10.0.0.5:8786

A directory is cleaned file by file (its .txt and .pdf files; hidden ones are skipped).
Each failing file is one line on standard error and the batch goes on; at the end a
summary gives the files, the lines changed and the changes by rule.
Exit codes: 0 done, 1 some file failed (or --check found changes), 2 usage error.

Each change is reported with its line (and page, for a PDF), columns in the input, before
and after, the rule, a confidence and the evidence.  Changes below --min-confidence are
not made; they are listed as suspicions.

Optional repairs (each has --NAME and --no-NAME; defaults for text / for PDF input):
{repairs}
"""


class UserError(Exception):
    """A problem with an input or output file: one line, no traceback, exit 1."""


class UsageError(UserError):
    """Options that do not make sense: exit 2, like argparse's own errors."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so the documentation can be checked against it)."""
    parser = argparse.ArgumentParser(
        prog="clean-text",
        description="Repair mojibake (Mac-Roman/Windows-1252 and other code-page confusions), "
        "lost letters and the spacing they broke; write clean UTF-8 and a per-line change report.",
        epilog=EPILOG.format(repairs=_repairs_help()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="PATH",
        help="files, directories (their .txt and .pdf files, recursively) or quoted globs; default or '-': standard input",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the clean text here (default: standard output)")
    batch = parser.add_argument_group("batch runs")
    batch.add_argument("--out-dir", metavar="DIR", help="write each file's clean text to DIR, mirroring the input tree (a PDF's as .txt)")
    batch.add_argument("--in-place", action="store_true", help="rewrite each text file with its clean text (atomically, permissions kept)")
    batch.add_argument("--backup", metavar="SUFFIX", help="with --in-place: keep the old file as NAME+SUFFIX")
    batch.add_argument("--check", action="store_true", help="write nothing; list the files that would change; exit 1 if any")
    batch.add_argument("--diff", action="store_true", help="write nothing; print a unified diff of the changes")
    batch.add_argument("--html", metavar="FILE", help="write an HTML page of the changed lines, before and after")
    batch.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)")
    batch.add_argument("--dask-scheduler", metavar="ADDRESS", help="run the files on this Dask cluster (workers must see the same files)")
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary: errors only")
    batch.add_argument("--verbose", "-v", action="store_true", help="a line per file, and the summary in every mode")
    parser.add_argument("--report", metavar="FILE", help="write the change report here ('-': standard error)")
    parser.add_argument("--report-format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument(
        "--min-confidence", type=float, default=0.9, metavar="P",
        help="apply changes at least this sure, report the rest as suspicions (default: 0.9)",
    )
    parser.add_argument("--lang", metavar="CODES", help="the document's languages, e.g. 'fr' or 'fr,pt' (default: guessed)")
    parser.add_argument(
        "--channels", metavar="NAMES", default=",".join(DEFAULT_CHANNELS),
        help=(
            "code-page confusions to try, as true>read codec pairs; any utf-8>... channel also lets "
            "ftfy find UTF-8 read through every code page it knows, and adds UTF-8 read as cp1250, "
            "iso8859_2, cp1251, cp1253, cp1254, cp1257, cp437 or cp850 where the text shows it "
            "(default: %(default)s)"
        ),
    )
    parser.add_argument("--keep-line-breaks", action="store_true", help="keep the input's line breaks (default: write \\n)")
    parser.add_argument("--password", default="", help="password of an encrypted PDF (default: none)")
    for name in REPAIRS:
        parser.add_argument(f"--{name}", action=argparse.BooleanOptionalAction, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--undo", metavar="REPORT", help="rebuild the input from a JSON Lines report and its output FILE")
    parser.add_argument(
        "--document", metavar="NAME",
        help="with --undo and a report of several files: the input file (as the report names it) to rebuild",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _repairs_help() -> str:
    on_off = {True: "on", False: "off"}
    return "\n".join(
        f"  --{name:<16} {on_off[text]:>3} / {on_off[pdf]:<3}  {REPAIR_HELP[name]}" for name, (text, pdf) in REPAIRS.items()
    )


def _repairs(args: argparse.Namespace, pdf: bool) -> set[str]:
    """The optional repairs for one kind of input: its defaults, then the flags given."""
    chosen = set(default_repairs(pdf))
    for name in REPAIRS:
        flag = getattr(args, name.replace("-", "_"))
        if flag is not None:
            (chosen.add if flag else chosen.discard)(name)
    return chosen


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _emit(target: str | None, write: Callable[[IO[bytes]], object], fallback: str) -> None:
    """Call ``write`` on a file (written atomically) or on the standard stream ``fallback``."""
    from .atomic import AtomicFile

    if target is None or target == "-":
        stream = sys.stderr if fallback == "stderr" else sys.stdout
        stream.flush()
        try:
            write(stream.buffer)
            stream.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UserError(f"cannot write to standard {'error' if fallback == 'stderr' else 'output'}: {exc.strerror or exc}") from None
        return
    try:
        with AtomicFile(target) as handle:
            write(handle)
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror or exc}") from None


def _options(args: argparse.Namespace) -> Options:
    """``clean``'s options from the command line (the repairs come per input, ``_repairs``)."""
    channels = tuple(name.strip() for name in args.channels.split(",") if name.strip())
    try:
        # the languages last, so that a wrong --channels is named before a wrong --lang
        options = Options(args.min_confidence, channels=channels, keep_line_breaks=args.keep_line_breaks)
        if args.lang:
            languages = tuple(code.strip() for code in args.lang.split(",") if code.strip())
            if not languages:
                raise UsageError("--lang: no word list for an empty list")
            options = replace(options, languages=languages)
    except OptionError as exc:
        if exc.option == "min_confidence":
            raise UsageError("--min-confidence must be between 0 and 1") from None
        if exc.option == "languages":
            raise UsageError(f"--lang: no word list for {', '.join(exc.unknown)}") from None
        raise UsageError(str(exc)) from None
    return options


def _undo(args: argparse.Namespace) -> None:
    from .document import undo

    if len(args.inputs) != 1:
        raise UsageError("--undo takes the report and exactly one output FILE")
    try:
        documents = read_jsonl(_read(args.undo).decode("utf-8").splitlines())
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"{args.undo}: {exc}") from None
    if args.document is not None:
        documents = [(summary, changes) for summary, changes in documents if summary.get("file") == args.document]
        if not documents:
            raise UserError(f"{args.undo}: no document of file {args.document!r}")
    if len(documents) != 1:
        raise UserError(f"{args.undo}: holds {len(documents)} documents; name one with --document FILE")
    summary, changes = documents[0]
    output = _read(args.inputs[0]).decode("utf-8")
    restored = undo(output, changes, summary["line_breaks"], summary.get("kept_line_breaks", False))
    _emit(args.output, lambda handle: handle.write(restored.encode("utf-8")), "stdout")


def _check_modes(args: argparse.Namespace) -> None:
    """Refuse option combinations that do not make sense (exit 2)."""
    writes = [flag for flag, given in (("-o", args.output), ("--out-dir", args.out_dir), ("--in-place", args.in_place)) if given]
    if len(writes) > 1:
        raise UsageError(f"{' and '.join(writes)} cannot be combined")
    if (args.check or args.diff) and writes:
        raise UsageError(f"--check and --diff write no files; drop {writes[0]}")
    if args.backup is not None and not args.in_place:
        raise UsageError("--backup goes with --in-place")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if "-" in args.inputs and (args.out_dir or args.in_place):
        raise UsageError("standard input cannot be cleaned into --out-dir or in place")
    if args.html and args.html == args.report:
        raise UsageError("--html and --report need different files")


def _clean(args: argparse.Namespace) -> int:
    from .inputs import plan_jobs
    from .jobs import Job, JobSettings, process
    from .workers import SchedulerError, run_jobs

    _check_modes(args)
    options = _options(args)
    inputs = args.inputs or ["-"]
    batch = bool(args.out_dir or args.in_place or args.check or args.diff)
    if not batch:
        for path in inputs:
            if os.path.isdir(path):
                raise UsageError(f"{path}: is a directory (give --out-dir DIR, --in-place, --check or --diff to clean the files in it)")
    try:
        jobs, missing = plan_jobs(inputs, args.out_dir, args.in_place)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not batch:
        single = len(jobs) + len(missing) == 1
        target = (args.output or "-") if single else "spool"
        jobs = [Job(job.source, job.name, target) for job in jobs]
    jobs = [Job(job.source, "<stdin>", job.target) if job.source == "-" else job for job in jobs]
    with tempfile.TemporaryDirectory(prefix="clean-text-") as spool:
        settings = JobSettings(
            replace(options, repairs=_repairs(args, pdf=False)),
            pdf_options=replace(options, repairs=_repairs(args, pdf=True)),
            password=args.password,
            report_format=args.report_format if args.report else None,
            diff=args.diff,
            html=bool(args.html),
            in_place=args.in_place,
            backup=args.backup,
            spool_dir=spool,
        )
        if args.dask_scheduler:
            import logging

            logging.getLogger("distributed").setLevel(logging.CRITICAL)  # failures are ours to tell
        progress = _Progress(len(jobs) + len(missing), args)
        try:
            for outcome in missing:
                progress(outcome)
            if any(job.source == "-" or job.target == "-" for job in jobs):
                # standard input or output: this process does the work
                outcomes = missing + [progress(process(job, settings, stdin=sys.stdin.buffer)) for job in jobs]
            else:
                workers = args.jobs or os.cpu_count() or 1
                outcomes = missing + run_jobs(jobs, settings, workers, args.dask_scheduler, progress, progress.warn)
        except SchedulerError as exc:
            raise UserError(str(exc)) from None
        finally:
            progress.close()
        return _finish(args, outcomes, batch)


class _Progress:
    """A progress bar on standard error when it is a terminal; per-file lines and errors."""

    def __init__(self, total: int, args: argparse.Namespace) -> None:
        self.args = args
        show = total > 1 and not args.quiet and sys.stderr.isatty()
        self.bar = None
        if show:
            from shutil import get_terminal_size

            from tqdm import tqdm

            # a terminal that reports no size (some pseudo-terminals) counts as 80 × 24
            columns, rows = get_terminal_size()
            self.bar = tqdm(total=total, file=sys.stderr, unit="file", ncols=columns, nrows=rows, leave=False)

    def warn(self, message: str) -> None:
        """A warning line (not with --quiet)."""
        if not self.args.quiet:
            self.say(f"clean-text: warning: {message}")

    def say(self, line: str) -> None:
        """A line on standard error that leaves the bar whole."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        """Take the bar off the terminal."""
        if self.bar is not None:
            self.bar.close()

    def __call__(self, outcome: Outcome) -> Outcome:
        line = _file_line(outcome, self.args)
        if line:
            self.say(line)
        if self.bar is not None:
            self.bar.update()
        return outcome


def _file_line(outcome: Outcome, args: argparse.Namespace) -> str | None:
    """The line printed for one file, if any: errors always, the rest by mode and verbosity."""
    if outcome.error:
        return f"clean-text: error: {outcome.error}"
    counts = f"{_count(outcome.changes, 'change')} on {_count(outcome.lines_changed, 'line')}"
    if args.check:
        if outcome.rewritten and not args.quiet:
            return f"would clean {outcome.name} ({counts})"
        return f"unchanged {outcome.name}" if args.verbose else None
    if args.verbose:
        return f"{'cleaned' if outcome.rewritten else 'unchanged'} {outcome.name} ({counts})"
    return None


def _finish(args: argparse.Namespace, outcomes: list[Outcome], batch: bool) -> int:
    """Write the gathered parts (text, report, diff, HTML) and the summary; the exit code."""
    from .batch import concatenate

    failed = [outcome for outcome in outcomes if outcome.error]
    if any(outcome.output for outcome in outcomes):
        if failed and args.output:  # a file is written whole or not at all
            print(f"clean-text: error: {args.output} not written: {len(failed)} input(s) failed", file=sys.stderr)
        else:
            # like cat: standard output gets every input that could be read, in order; a
            # failed one has had its error line, and the exit code says so
            _emit(args.output, partial(concatenate, [outcome.output for outcome in outcomes]), "stdout")
    if args.diff:
        _emit(None, partial(concatenate, [outcome.diff for outcome in outcomes if outcome.changes]), "stdout")
    if args.report:
        _emit(args.report, partial(concatenate, [outcome.report for outcome in outcomes]), "stderr")
    if args.html:
        from .html_report import render_html

        files = [
            {
                "file": o.name, "error": o.error, "lines": o.lines, "changes": o.changes,
                "lines_changed": o.lines_changed, "suspicions": o.suspicions,
                "changes_by_rule": o.changes_by_rule, "samples": o.samples, "more": o.more,
            }
            for o in outcomes
        ]
        page = render_html(files).encode("utf-8")
        _emit(args.html, lambda handle: handle.write(page), "stdout")
    if (batch or args.verbose) and not args.quiet:
        print(_summary_line(outcomes, args.check), file=sys.stderr)
    return 1 if failed or (args.check and any(outcome.rewritten for outcome in outcomes)) else 0


def _count(number: int, noun: str) -> str:
    """'1 file', '3 files'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _summary_line(outcomes: list[Outcome], check: bool) -> str:
    """'clean-text: 12 files: 9 cleaned, 2 unchanged, 1 failed; 340 changes on 120 lines (...)'"""
    from .summary import add_counts

    failed = sum(1 for o in outcomes if o.error)
    changed = sum(1 for o in outcomes if o.rewritten and not o.error)
    unchanged = len(outcomes) - failed - changed
    by_rule = add_counts(outcome.changes_by_rule for outcome in outcomes)
    rules = ", ".join(f"{rule} {count}" for rule, count in by_rule.items()) or "none"
    verb = "would be cleaned" if check else "cleaned"
    return (
        f"clean-text: {_count(len(outcomes), 'file')}: {changed} {verb}, {unchanged} unchanged, {failed} failed; "
        f"{_count(sum(o.changes for o in outcomes), 'change')} on {_count(sum(o.lines_changed for o in outcomes), 'line')} "
        f"({rules}); {_count(sum(o.suspicions for o in outcomes), 'suspicion')}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``clean-text``; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.undo:
            _undo(args)
            return 0
        return _clean(args)
    except UserError as exc:
        print(f"clean-text: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except BrokenPipeError:
        # the reader went away (clean-text big.txt | head -1): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
