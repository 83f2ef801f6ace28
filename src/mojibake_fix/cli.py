"""``clean-text``: repair files or standard input, write UTF-8, report every change.

Exit codes: 0 success, 1 an input could not be read or an output not written, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence

from . import __version__
from .channels import DEFAULT_CHANNELS, get_channel
from .engine import OPTIONAL as REPAIRS
from .engine import REPAIR_HELP
from .report import FORMATS, read_jsonl, render

EPILOG = """\
examples:
  clean-text brochure.txt                      clean text to standard output
  clean-text report.pdf -o report.txt          extract a PDF page by page, then clean it
  clean-text brochure.txt -o clean.txt --report changes.txt
  clean-text brochure.txt --report - > clean.txt   report to standard error
  cat old.txt | clean-text --lang fr --report-format jsonl --report changes.jsonl
  clean-text --undo changes.jsonl clean.txt    rebuild the input from output and report
  clean-text notes.txt --space-runs --no-accents   choose the optional repairs

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
    parser.add_argument("inputs", nargs="*", metavar="FILE", help="files to clean (default or '-': standard input)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the clean text here (default: standard output)")
    parser.add_argument("--report", metavar="FILE", help="write the change report here ('-': standard error)")
    parser.add_argument("--report-format", choices=FORMATS, default="text", help="report format (default: text)")
    parser.add_argument(
        "--min-confidence", type=float, default=0.9, metavar="P",
        help="apply changes at least this sure, report the rest as suspicions (default: 0.9)",
    )
    parser.add_argument("--lang", metavar="CODES", help="the document's languages, e.g. 'fr' or 'fr,pt' (default: guessed)")
    parser.add_argument(
        "--channels", metavar="NAMES", default=",".join(DEFAULT_CHANNELS),
        help="code-page confusions to try, as true>read codec pairs (default: %(default)s)",
    )
    parser.add_argument("--keep-line-breaks", action="store_true", help="keep the input's line breaks (default: write \\n)")
    parser.add_argument("--password", default="", help="password of an encrypted PDF (default: none)")
    for name in REPAIRS:
        parser.add_argument(f"--{name}", action=argparse.BooleanOptionalAction, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--undo", metavar="REPORT", help="rebuild the input from a JSON Lines report and its output FILE")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _repairs_help() -> str:
    on_off = {True: "on", False: "off"}
    return "\n".join(
        f"  --{name:<16} {on_off[text]:>3} / {on_off[pdf]:<3}  {REPAIR_HELP[name]}" for name, (text, pdf) in REPAIRS.items()
    )


def _repairs(args: argparse.Namespace, pdf: bool) -> set[str]:
    """The optional repairs for one input: its kind's defaults, then the flags given."""
    chosen = {name for name, defaults in REPAIRS.items() if defaults[pdf]}
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


def _write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".clean-text-", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError as exc:
        os.unlink(temp)
        raise UserError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _emit(target: str | None, text: str, fallback: str) -> None:
    """Write text to a file (atomically), or to the standard stream named by ``fallback``."""
    if target is None or target == "-":
        stream = sys.stderr if fallback == "stderr" else sys.stdout
        try:
            stream.buffer.write(text.encode("utf-8"))
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UserError(f"cannot write to standard {'error' if fallback == 'stderr' else 'output'}: {exc.strerror or exc}") from None
    else:
        _write_atomic(target, text.encode("utf-8"))


def _options(args: argparse.Namespace) -> dict[str, object]:
    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError("--min-confidence must be between 0 and 1")
    channels = tuple(name.strip() for name in args.channels.split(",") if name.strip())
    for name in channels:
        try:
            get_channel(name)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    options: dict[str, object] = {
        "min_confidence": args.min_confidence,
        "channels": channels,
        "keep_line_breaks": args.keep_line_breaks,
    }
    if args.lang:
        from .lexicon import known_language

        languages = [code.strip() for code in args.lang.split(",") if code.strip()]
        unknown = [code for code in languages if not known_language(code)]
        if unknown or not languages:
            raise UsageError(f"--lang: no word list for {', '.join(unknown) or 'an empty list'}")
        options["languages"] = languages
    return options


def _undo(args: argparse.Namespace) -> None:
    from .document import undo

    if len(args.inputs) != 1:
        raise UsageError("--undo takes the report and exactly one output FILE")
    try:
        documents = read_jsonl(_read(args.undo).decode("utf-8").splitlines())
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"{args.undo}: {exc}") from None
    if len(documents) != 1:
        raise UserError(f"{args.undo}: holds {len(documents)} documents; --undo needs a one-document report")
    summary, changes = documents[0]
    output = _read(args.inputs[0]).decode("utf-8")
    restored = undo(output, changes, summary["line_breaks"], summary.get("kept_line_breaks", False))
    _emit(args.output, restored, "stdout")


def _clean(args: argparse.Namespace) -> None:
    from .api import (  # deferred so that --help stays instant
        clean_bytes,
        clean_pdf,
        is_pdf,
    )
    from .sources import InputError

    options = _options(args)
    inputs = args.inputs or ["-"]
    texts, reports = [], []
    for path in inputs:
        data = _read(path)
        pdf = is_pdf(data, path)
        try:
            if pdf:
                result = clean_pdf(data, password=args.password, repairs=_repairs(args, True), **options)
            else:
                result = clean_bytes(data, repairs=_repairs(args, False), **options)
        except InputError as exc:
            raise UserError(f"{path}: {exc}") from None
        name = "<stdin>" if path == "-" else path
        result.summary["source"] = name
        texts.append(result.text)
        reports.append(render(result, args.report_format, name if len(inputs) > 1 else None))
    _emit(args.output, "".join(texts), "stdout")
    if args.report:
        _emit(args.report, "".join(reports), "stderr")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``clean-text``; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if args.undo:
            _undo(args)
        else:
            _clean(args)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
