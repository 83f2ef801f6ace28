"""One job of a batch run: what to read, where its clean text goes, and cleaning it.

``process`` cleans one ``Job`` with the run's ``JobSettings`` and never raises: a file that
cannot be read or written becomes an ``Outcome`` with an ``error``.  The job streams
its input (``stream.clean_stream``): output and report are written chunk by chunk, so
memory stays flat however large a file is.  Clean text goes to an ``AtomicFile``; the
report and the diff of the file go to spool files that the caller concatenates in
input order.

>>> import io
>>> settings = JobSettings(report_format="jsonl")
>>> outcome = process(Job("-", "<text>", None), settings, stdin=io.BytesIO("le r™le".encode()))
>>> outcome.changes, outcome.changes_by_rule
(1, {'mojibake:mac_roman>cp1252': 1})
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import IO, Any

from .atomic import AtomicFile
from .changes import CleanResult
from .diff import changed_lines, unified_hunks
from .options import Options
from .report import jsonl_body, jsonl_summary, text_body, text_head
from .summary import Summary

#: Changed lines per file kept for the HTML report.
HTML_LINES = 200


@dataclass(frozen=True)
class Job:
    """One input: the path to read (``-``: standard input), its name in reports, and
    where its clean text goes: a path, ``-`` (standard output, in this process only),
    ``spool`` (a temporary file the caller reads back), or ``None`` (nowhere)."""

    source: str
    name: str
    target: str | None


@dataclass(frozen=True)
class JobSettings:
    """What every job of a run shares.

    ``options`` are ``clean``'s, and ``pdf_options`` those for PDF input when they differ
    (other repairs); ``report_format`` ``text``, ``jsonl`` or ``None``; ``backup`` a
    suffix for a copy of each file rewritten in place.
    """

    options: Options = field(default_factory=Options)
    pdf_options: Options | None = None
    password: str = ""
    report_format: str | None = None
    diff: bool = False
    html: bool = False
    in_place: bool = False
    backup: str | None = None
    spool_dir: str = field(default_factory=tempfile.gettempdir)

    def options_for(self, pdf: bool) -> Options:
        """The options for a text (or PDF) input."""
        return self.pdf_options if pdf and self.pdf_options is not None else self.options


@dataclass
class Outcome:
    """What became of one job: counts, whether the file changes, spooled parts, or an error."""

    name: str
    error: str | None = None
    lines: int = 0
    changes: int = 0
    lines_changed: int = 0
    suspicions: int = 0
    changes_by_rule: dict[str, int] = field(default_factory=dict)
    rewritten: bool = False  # text changed, or (not for a PDF) the bytes will differ
    output: str | None = None  # spool of the clean text
    report: str | None = None  # spool of the report
    diff: str | None = None  # spool of the unified diff
    samples: list[dict[str, Any]] = field(default_factory=list)
    more: int = 0

    def parts(self) -> list[str]:
        """The spool files this outcome owns."""
        return [path for path in (self.output, self.report, self.diff) if path]


def process(job: Job, settings: JobSettings, stdin: IO[bytes] | None = None) -> Outcome:
    """Clean one job; every failure becomes the outcome's one-line ``error``."""
    from .sources import InputError

    outcome = Outcome(job.name)
    try:
        _process(job, settings, outcome, stdin)
    except InputError as exc:
        outcome.error = f"{job.name}: {exc}"
    except _Unreadable as exc:
        outcome.error = str(exc)
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = "standard output" if job.target == "-" else job.target or exc.filename or "a temporary file"
        outcome.error = f"cannot write to {where}: {exc.strerror or exc}" if job.target == "-" else f"{where}: cannot write: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - one bad file never stops a batch
        outcome.error = f"{job.name}: internal error: {type(exc).__name__}: {exc}"
    if outcome.error:
        for path in outcome.parts():
            os.unlink(path)
        outcome.output = outcome.report = outcome.diff = None
    return outcome


class _Unreadable(Exception):
    """An input that cannot be opened or used: the message is the whole error line."""


def _open(job: Job, stdin: IO[bytes] | None, stack: contextlib.ExitStack) -> IO[bytes]:
    if job.source == "-" and stdin is not None:
        return stdin
    try:
        return stack.enter_context(open(job.source, "rb"))
    except IsADirectoryError:
        raise _Unreadable(f"{job.name}: is a directory") from None
    except OSError as exc:
        raise _Unreadable(f"{job.name}: cannot read: {exc.strerror or exc}") from None


def _process(job: Job, settings: JobSettings, outcome: Outcome, stdin: IO[bytes] | None) -> None:
    from .api import clean_pdf, is_pdf
    from .stream import clean_stream

    with contextlib.ExitStack() as stack:
        source = _open(job, stdin, stack)
        head = source.peek(5)[:5] if hasattr(source, "peek") else b""
        pdf = is_pdf(head, job.source)
        if pdf and settings.in_place:
            raise _Unreadable(f"{job.name}: a PDF cannot be cleaned in place (use --out-dir)")
        results: Iterable[CleanResult]
        options = settings.options_for(pdf)
        if pdf:
            results = [clean_pdf(source.read(), password=settings.password, options=options)]
        else:
            results = clean_stream(source, options=options)
        sinks = _Sinks(job, settings, outcome, stack)
        summaries = []
        for result in results:
            sinks.write(result)
            summaries.append(result.summary)
            result.text = ""  # the chunk is written: let it go
        summary = replace(Summary.merge(summaries), source=job.name)  # a stream and a PDF give at least one result
        outcome.lines, outcome.changes = summary.lines, summary.changes
        outcome.lines_changed, outcome.suspicions = summary.lines_changed, summary.suspicions
        outcome.changes_by_rule = summary.changes_by_rule
        outcome.rewritten = bool(summary.changes) or (not pdf and _bytes_change(summary, options))
        sinks.finish(summary)


def _bytes_change(summary: Summary, options: Options) -> bool:
    """Whether writing the output changes the file's bytes though no text changed."""
    if summary.encoding not in (None, "utf-8", "ascii"):
        return True
    return not options.keep_line_breaks and summary.line_breaks.get("style") not in ("\n", None)


class _Sinks:
    """Where one job's chunks go: the clean text, the report, the diff, the HTML samples."""

    def __init__(self, job: Job, settings: JobSettings, outcome: Outcome, stack: contextlib.ExitStack) -> None:
        self.job, self.settings, self.outcome = job, settings, outcome
        self.text: IO[bytes] | None = None
        if job.target == "-":
            self.text = sys.stdout.buffer
        elif job.target == "spool":
            self.text, outcome.output = _spool(settings, stack)
        elif job.target is not None:
            like = job.source if settings.in_place else None
            self.file = AtomicFile(job.target, like, settings.backup if settings.in_place else None)
            self.text = stack.enter_context(self.file)
        self.records: IO[bytes] | None = None
        if settings.report_format:
            self.records, _ = _spool(settings, stack, keep=False)
        self.diff: IO[bytes] | None = None
        if settings.diff:
            self.diff, outcome.diff = _spool(settings, stack)
            self.diff.write(f"--- a/{job.name}\n+++ b/{job.name}\n".encode())

    def write(self, result: CleanResult) -> None:
        if self.text is not None:
            self.text.write(result.text.encode("utf-8", "surrogateescape"))
        if self.records is not None:
            if self.settings.report_format == "jsonl":
                body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl_body(result, self.job.name))
            else:
                body = text_body(result)
            self.records.write(body.encode("utf-8", "surrogateescape"))
        if (self.diff is not None or self.settings.html) and result.changes:
            room = max(HTML_LINES - len(self.outcome.samples), 0)  # the HTML page's share
            samples, more = changed_lines(result, limit=room if self.diff is None else len(result.changes))
            if self.diff is not None:
                self.diff.write(unified_hunks(result, samples).encode("utf-8", "surrogateescape"))
            if self.settings.html:
                self.outcome.samples += samples[:room]
                self.outcome.more += more + len(samples[room:])

    def finish(self, summary: Summary) -> None:
        if self.settings.in_place and not self.outcome.rewritten:
            self.file.keep_old()  # nothing to change: the file keeps its bytes and times
        if self.records is None:
            return
        self.records.seek(0)
        handle, self.outcome.report = _spool(self.settings, None)
        with handle:
            if self.settings.report_format == "jsonl":
                head = json.dumps(jsonl_summary(summary, self.job.name), ensure_ascii=False) + "\n"
            else:
                head = text_head(summary, self.job.name)
            handle.write(head.encode("utf-8", "surrogateescape"))
            shutil.copyfileobj(self.records, handle)


def _spool(settings: JobSettings, stack: contextlib.ExitStack | None, keep: bool = True) -> tuple[IO[bytes], str | None]:
    """A temporary file in the run's spool folder (kept for the caller, or anonymous)."""
    if not keep:
        handle: IO[bytes] = tempfile.TemporaryFile(dir=settings.spool_dir)  # noqa: SIM115
        path = None
    else:
        fd, path = tempfile.mkstemp(dir=settings.spool_dir, suffix=".part")
        handle = os.fdopen(fd, "w+b")
    if stack is not None:
        stack.enter_context(handle)
    return handle, path
