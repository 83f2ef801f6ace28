"""Running a batch's jobs: in this process, in a pool of worker processes, or on a Dask cluster.

Outcomes come back in input order whichever way the jobs ran, so a parallel run reports
exactly what a serial one does.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any

from .atomic import remove_temporaries
from .jobs import Job, JobSettings, Outcome, process

#: Seconds to wait for a Dask scheduler to answer.
SCHEDULER_TIMEOUT = 10
#: A job is tried again this many times when its worker process dies under it.
RETRIES = 1


class SchedulerError(Exception):
    """The Dask cluster cannot be used (not installed, not reachable)."""


def run_jobs(
    jobs: Sequence[Job],
    settings: JobSettings,
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
    jobs: Sequence[Job], settings: JobSettings, workers: int, done: Callable[[int, Outcome], None], warn: Callable[[str], object]
) -> None:
    """Worker processes, each given one job at a time.

    The largest files start first, so that no worker is left with a long one at the end.
    When a worker dies, the pool breaks: the jobs that were running go to a new pool
    (a job whose workers died more than ``RETRIES`` times fails), and the rest follow.
    """
    waiting = sorted(range(len(jobs)), key=lambda index: -_size(jobs[index].source))  # longest first
    deaths: Counter[int] = Counter()
    while waiting:
        broken: list[int] = []
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


def _run_dask(jobs: Sequence[Job], settings: JobSettings, scheduler: Any, done: Callable[[int, Outcome], None]) -> None:
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
