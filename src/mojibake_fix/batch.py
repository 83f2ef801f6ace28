"""Batch runs: find the files, clean each one in a worker, write safely, gather the reports.

A run is a list of ``Job``s (what to read, where the clean text goes; ``inputs.plan_jobs``)
and one ``JobSettings``.  ``jobs.process`` cleans one job and never raises: a file that
cannot be read or written becomes an ``Outcome`` with an ``error``.  Jobs run in this
process, in a pool of worker processes, or on a Dask cluster (``workers.run_jobs``);
outcomes come back in input order whichever way they ran, so a parallel run reports
exactly what a serial one does.

Each job streams its input: output and report are written chunk by chunk, so memory
stays flat however large a file is.  Clean text goes to a temporary file in the
target's folder that is renamed over the target only when complete
(``atomic.AtomicFile``); the report of each file goes to a spool file that the caller
concatenates in input order (``concatenate``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .atomic import AtomicFile
from .inputs import plan_jobs
from .jobs import JobSettings, Outcome
from .options import given_options
from .workers import run_jobs


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
        settings = JobSettings(chosen, password=password, report_format="jsonl" if report else None, in_place=in_place, spool_dir=spool)
        outcomes = missing + run_jobs(planned, settings, jobs or os.cpu_count() or 1, scheduler)
        if report:
            with AtomicFile(os.fspath(report)) as handle:
                concatenate((outcome.report for outcome in outcomes), handle)
        for outcome in outcomes:
            outcome.report = outcome.output = outcome.diff = None  # the spool is gone
    return outcomes
