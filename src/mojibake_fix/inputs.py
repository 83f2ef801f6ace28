"""Finding a batch's inputs (files, directories, globs) and planning a job for each.

>>> output_name("a/report.PDF")
'a/report.txt'
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence

from .jobs import Job, Outcome

#: File names a directory walk picks up (a glob or an explicit path takes any file).
SUFFIXES = (".txt", ".pdf")


def find_inputs(paths: Sequence[str], out_dir: str | None = None) -> Iterator[tuple[str, str | None, str | None]]:
    """Expand files, directories (recursively: ``SUFFIXES``) and globs.

    Yields ``(path, relative, error)``: ``relative`` is the path below the directory or
    the glob's fixed part (what ``--out-dir`` mirrors); ``error`` when nothing is there.

    >>> import tempfile
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
