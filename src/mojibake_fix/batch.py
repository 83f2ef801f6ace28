"""Batch runs: find the files, clean each one in a worker, write safely, gather the reports.

A run is a list of ``Job``s (what to read, where the clean text goes) and one
``Settings``.  ``process`` cleans one job and never raises: a file that cannot be read
or written becomes an ``Outcome`` with an ``error``.  Jobs run in this process, in a
pool of worker processes (``jobs`` > 1), or on a Dask cluster; outcomes come back in
input order whichever way they ran, so a parallel run reports exactly what a serial
one does.

Each job streams its input (``stream.clean_stream``): output and report are written
chunk by chunk, so memory stays flat however large a file is.  Clean text goes to a
temporary file in the target's folder that is renamed over the target only when
complete (``AtomicFile``); the report of each file goes to a spool file that the
caller concatenates in input order.

>>> import io
>>> settings = Settings(report_format="jsonl")
>>> outcome = process(Job("-", "<text>", None), settings, stdin=io.BytesIO("le r™le".encode()))
>>> outcome.changes, outcome.changes_by_rule
(1, {'mojibake:mac_roman>cp1252': 1})
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from typing import IO, Any

from .changes import CleanResult
from .options import Options, given_options
from .report import jsonl_body, jsonl_summary, text_body, text_head
from .summary import Summary

#: File names a directory walk picks up (a glob or an explicit path takes any file).
SUFFIXES = (".txt", ".pdf")
#: Temporary files are named ``.NAME<TEMP_MARK>XXXX.tmp`` beside their target.
TEMP_MARK = ".clean-text-"
#: Changed lines per file kept for the HTML report.
HTML_LINES = 200
#: Seconds to wait for a Dask scheduler to answer.
SCHEDULER_TIMEOUT = 10
#: A job is tried again this many times when its worker process dies under it.
RETRIES = 1


class SchedulerError(Exception):
    """The Dask cluster cannot be used (not installed, not reachable)."""


@dataclass(frozen=True)
class Job:
    """One input: the path to read (``-``: standard input), its name in reports, and
    where its clean text goes: a path, ``-`` (standard output, in this process only),
    ``spool`` (a temporary file the caller reads back), or ``None`` (nowhere)."""

    source: str
    name: str
    target: str | None


@dataclass(frozen=True)
class Settings:
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


class AtomicFile:
    """A file written under a temporary name in the target's folder, renamed when complete.

    On success the temporary file replaces ``path`` with the permission bits (and owner,
    when allowed) of ``like``, or of the file it replaces, or those a new file gets; on
    an exception it is removed, and ``path`` is as it was.

    >>> folder = tempfile.mkdtemp()
    >>> with AtomicFile(os.path.join(folder, "a.txt")) as handle:
    ...     _ = handle.write(b"done")
    >>> os.listdir(folder), oct(os.stat(os.path.join(folder, "a.txt")).st_mode & 0o777) == oct(0o666 & ~_umask())
    (['a.txt'], True)
    """

    def __init__(self, path: str, like: str | None = None, backup: str | None = None) -> None:
        self.path, self.like, self.backup = path, like, backup
        self.temp = ""
        self.replace = True

    def keep_old(self) -> None:
        """Leave ``path`` as it is when the block ends."""
        self.replace = False

    def __enter__(self) -> IO[bytes]:
        folder, base = os.path.split(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        fd, self.temp = tempfile.mkstemp(dir=folder, prefix=f".{base}{TEMP_MARK}", suffix=".tmp")
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        try:
            self.handle.close()
            if kind is None and self.replace:
                if self.like or os.path.exists(self.path):
                    _copy_owner_and_mode(self.like or self.path, self.temp)
                else:  # a new file gets the usual permissions, not the temporary file's 0600
                    os.chmod(self.temp, 0o666 & ~_umask())
                if self.backup:
                    _backup(self.path, self.backup)
                os.replace(self.temp, self.path)
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _copy_owner_and_mode(source: str, target: str) -> None:
    info = os.stat(source)
    os.chmod(target, stat.S_IMODE(info.st_mode))
    with contextlib.suppress(PermissionError):
        os.chown(target, info.st_uid, info.st_gid)


def _backup(path: str, suffix: str) -> None:
    """Copy ``path`` to ``path + suffix``, atomically too."""
    with AtomicFile(path + suffix, like=path) as handle, open(path, "rb") as old:
        shutil.copyfileobj(old, handle)


def remove_temporaries(target: str) -> None:
    """Remove what a killed writer of ``target`` may have left beside it."""
    folder, base = os.path.split(os.path.abspath(target))
    for path in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(base)}{TEMP_MARK}*.tmp")):
        with contextlib.suppress(OSError):
            os.unlink(path)


def process(job: Job, settings: Settings, stdin: IO[bytes] | None = None) -> Outcome:
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


def _process(job: Job, settings: Settings, outcome: Outcome, stdin: IO[bytes] | None) -> None:
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

    def __init__(self, job: Job, settings: Settings, outcome: Outcome, stack: contextlib.ExitStack) -> None:
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
            from .html_report import changed_lines

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


def _spool(settings: Settings, stack: contextlib.ExitStack | None, keep: bool = True) -> tuple[IO[bytes], str | None]:
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


def unified_hunks(result: CleanResult, samples: Sequence[dict[str, Any]], context: int = 3) -> str:
    """Unified-diff hunks for the changed lines of one chunk (output lines give the context).

    Lines are never added or removed, so line ``n`` of the input is line ``n`` of the
    output and each hunk has as many lines on both sides.

    >>> from mojibake_fix import clean
    >>> from mojibake_fix.html_report import changed_lines
    >>> result = clean("un\\ndeux\\nle r™le\\n")
    >>> print(unified_hunks(result, changed_lines(result)[0], context=1), end="")
    @@ -2,2 +2,2 @@
     deux
    -le r™le
    +le rôle
    """
    if not samples:
        return ""
    first = result.summary.first_line or 1
    lines = result.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    last = first + len(lines) - 1
    by_number = {sample["line"]: sample for sample in samples}
    groups: list[list[int]] = []
    for number in sorted(by_number):
        if groups and number - groups[-1][-1] <= 2 * context:
            groups[-1].append(number)
        else:
            groups.append([number])
    hunks = []
    for group in groups:
        start, end = max(group[0] - context, first), min(group[-1] + context, last)
        body = []
        for number in range(start, end + 1):
            sample = by_number.get(number)
            if sample is None:
                body.append(f" {lines[number - first]}")
            else:
                body += [f"-{sample['before']}", f"+{sample['after']}"]
        count = end - start + 1
        hunks.append(f"@@ -{start},{count} +{start},{count} @@\n" + "".join(line + "\n" for line in body))
    return "".join(hunks)


def run_jobs(
    jobs: Sequence[Job],
    settings: Settings,
    workers: int = 1,
    scheduler: Any = None,
    progress: Callable[[Outcome], object] | None = None,
    warn: Callable[[str], object] = print,
) -> list[Outcome]:
    """Run every job (here, in ``workers`` processes, or on the Dask ``scheduler``).

    Returns the outcomes in the order of ``jobs``; ``progress`` is called as each one
    ends, ``warn`` with a line when a worker process dies.
    """
    outcomes: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if progress:
            progress(outcome)

    if scheduler is not None:
        _run_dask(jobs, settings, scheduler, done)
    elif workers <= 1 or len(jobs) <= 1:
        for index, job in enumerate(jobs):
            done(index, process(job, settings))
    else:
        _run_pool(jobs, settings, min(workers, len(jobs)), done, warn)
    return [outcomes[index] for index in range(len(jobs))]


def _run_pool(
    jobs: Sequence[Job], settings: Settings, workers: int, done: Callable[[int, Outcome], None], warn: Callable[[str], object]
) -> None:
    """Worker processes, each given one job at a time.

    The largest files start first, so that no worker is left with a long one at the end.
    When a worker dies, the pool breaks: the jobs that were running go to a new pool
    (a job whose workers died more than ``RETRIES`` times fails), and the rest follow.
    """
    waiting = sorted(range(len(jobs)), key=lambda index: -_size(jobs[index].source))  # longest first
    deaths: Counter[int] = Counter()
    while waiting:
        broken = []
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            running: dict[Future[Outcome], int] = {}
            while (waiting or running) and not broken:
                while waiting and len(running) < workers:
                    index = waiting.pop(0)
                    running[pool.submit(process, jobs[index], settings)] = index
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = running.pop(future)
                    try:
                        done(index, future.result())
                    except BrokenProcessPool:
                        broken.append(index)
            broken += running.values()  # the pool is gone: whatever ran in it starts again
        for index in sorted(broken):
            if jobs[index].target not in (None, "-", "spool"):
                remove_temporaries(str(jobs[index].target))
            deaths[index] += 1
            if deaths[index] > RETRIES:
                done(index, Outcome(jobs[index].name, error=f"{jobs[index].name}: its worker process died"))
                broken.remove(index)
        if broken:
            warn(f"a worker process died; {len(broken)} file(s) it left unfinished go to new workers")
        waiting = sorted(broken) + waiting


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _run_dask(jobs: Sequence[Job], settings: Settings, scheduler: Any, done: Callable[[int, Outcome], None]) -> None:
    """Each job a task on a Dask cluster (``scheduler``: an address or a ``Client``).

    Workers must see the same file system as this process: jobs carry paths, not data.
    """
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise SchedulerError("Dask is not installed (pip install 'mojibake-fix[dask]')") from None
    with contextlib.ExitStack() as stack:
        if isinstance(scheduler, Client):
            client = scheduler
        else:
            try:
                client = stack.enter_context(Client(scheduler, timeout=SCHEDULER_TIMEOUT))
            except (OSError, ValueError) as exc:
                raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        futures = [client.submit(process, job, settings, pure=False) for job in jobs]
        index = {future.key: number for number, future in enumerate(futures)}
        for future in dask_completed(futures):
            done(index[future.key], future.result())


def find_inputs(paths: Sequence[str], out_dir: str | None = None) -> Iterator[tuple[str, str | None, str | None]]:
    """Expand files, directories (recursively: ``SUFFIXES``) and globs.

    Yields ``(path, relative, error)``: ``relative`` is the path below the directory or
    the glob's fixed part (what ``--out-dir`` mirrors); ``error`` when nothing is there.

    >>> folder = tempfile.mkdtemp()
    >>> for name in ("a.txt", "sub/b.pdf", "sub/c.png", ".hidden/d.txt"):
    ...     os.makedirs(os.path.dirname(os.path.join(folder, name)), exist_ok=True)
    ...     open(os.path.join(folder, name), "w").close()
    >>> [relative for _, relative, _ in find_inputs([folder])]
    ['a.txt', 'sub/b.pdf']
    >>> [relative for _, relative, _ in find_inputs([os.path.join(folder, "*", "*.png")])]
    ['sub/c.png']
    """
    skip = os.path.abspath(out_dir) if out_dir else None
    for path in paths:
        if path == "-" or os.path.isfile(path) or (os.path.exists(path) and not os.path.isdir(path)):
            yield path, os.path.basename(path), None
        elif os.path.isdir(path):
            yield from _walk(path, path, skip)
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield path, None, "no file matches"
            root = _fixed_part(path)
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, root, skip)
                else:
                    yield match, os.path.relpath(match, root), None
        else:
            yield path, os.path.basename(path), None  # reading it gives the reason


def _walk(folder: str, root: str, skip: str | None) -> Iterator[tuple[str, str | None, str | None]]:
    unreadable: list[OSError] = []
    for here, folders, files in os.walk(folder, onerror=unreadable.append):
        yield from _failures(unreadable)
        folders[:] = sorted(name for name in folders if not name.startswith(".") and os.path.abspath(os.path.join(here, name)) != skip)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                path = os.path.join(here, name)
                yield path, os.path.relpath(path, root), None
    yield from _failures(unreadable)


def _failures(errors: list[OSError]) -> Iterator[tuple[str, str | None, str | None]]:
    while errors:
        error = errors.pop(0)
        yield str(error.filename), None, f"cannot read: {error.strerror or error}"


def _fixed_part(pattern: str) -> str:
    """The folder a glob pattern starts from: its parts before the first wildcard."""
    parts = pattern.split(os.sep)
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) or "."


def output_name(relative: str) -> str:
    """The name of a file's clean text under ``--out-dir``: a PDF's becomes ``.txt``.

    >>> output_name("a/report.PDF"), output_name("b/notes.txt")
    ('a/report.txt', 'b/notes.txt')
    """
    stem, suffix = os.path.splitext(relative)
    return stem + ".txt" if suffix.lower() == ".pdf" else relative


def plan_jobs(inputs: Sequence[str], out_dir: str | None = None, in_place: bool = False) -> tuple[list[Job], list[Outcome]]:
    """The jobs for ``inputs`` (files, directories, globs), and the inputs that are not there.

    With ``out_dir`` each file's clean text goes to its mirror path there, with
    ``in_place`` back to the file, otherwise nowhere (a check).  Two inputs that would
    be written to the same file raise ``ValueError``.
    """
    jobs, missing = [], []
    taken: dict[str, str] = {}
    for path, relative, error in find_inputs(inputs, out_dir):
        if error or relative is None:
            missing.append(Outcome(path, error=f"{path}: {error}"))
            continue
        target = None
        if out_dir:
            target = os.path.normpath(os.path.join(out_dir, output_name(relative)))
            if target in taken:
                raise ValueError(f"{taken[target]} and {path} would both be written to {target}")
            taken[target] = path
        elif in_place:
            target = path
        jobs.append(Job(path, path, target))
    return jobs, missing


def concatenate(paths: Iterable[str | None], target: IO[bytes]) -> None:
    """Copy the spool files in order into ``target`` (skipping missing parts)."""
    for path in paths:
        if path:
            with open(path, "rb") as part:
                shutil.copyfileobj(part, target)


def clean_files(
    inputs: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    in_place: bool = False,
    jobs: int | None = None,
    scheduler: Any = None,
    report: str | os.PathLike[str] | None = None,
    password: str = "",
    **options: Any,
) -> list[Outcome]:
    """Clean files, directories (their ``.txt`` and ``.pdf`` files) and globs.

    The clean text goes to ``out_dir`` (mirroring the input tree; a PDF's as ``.txt``)
    or back into each file (``in_place``, atomically); with neither, nothing is written
    and the outcomes say what would change.  ``jobs`` worker processes (default: all
    cores) or a Dask ``scheduler`` (an address or a ``distributed.Client``) do the work;
    ``report`` gets a JSON Lines report across files.  ``options`` are ``clean``'s
    (keyword options, or ``options=Options(...)``); a wrong one raises before any file is read.
    Returns one ``Outcome`` per file, failures included (``error``), in input order.

    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "a.txt"), "w") as handle:
    ...     _ = handle.write("le r™le")
    >>> [(o.name.endswith("a.txt"), o.changes, o.error) for o in clean_files([folder], jobs=1)]
    [(True, 1, None)]
    """
    chosen = given_options("clean_files", options)
    names = [os.fspath(path) for path in inputs]
    out = os.fspath(out_dir) if out_dir is not None else None
    planned, missing = plan_jobs(names, out, in_place)
    with tempfile.TemporaryDirectory(prefix="clean-text-") as spool:
        settings = Settings(chosen, password=password, report_format="jsonl" if report else None, in_place=in_place, spool_dir=spool)
        outcomes = missing + run_jobs(planned, settings, jobs or os.cpu_count() or 1, scheduler)
        if report:
            with AtomicFile(os.fspath(report)) as handle:
                concatenate((outcome.report for outcome in outcomes), handle)
        for outcome in outcomes:
            outcome.report = outcome.output = outcome.diff = None  # the spool is gone
    return outcomes
