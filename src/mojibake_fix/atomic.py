"""Atomic writes: a file appears complete under its name, or not at all.

``AtomicFile`` writes under a temporary name beside the target and renames the
temporary file over it when the writing is done; ``remove_temporaries`` clears what a
writer killed on the way leaves behind.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import stat
from typing import IO

#: Temporary files are named ``.NAME<TEMP_MARK>XXXX.tmp`` beside their target.
TEMP_MARK = ".clean-text-"


class AtomicFile:
    """A file written under a temporary name in the target's folder, renamed when complete.

    The temporary file is private (0600) while it is written.  On success it replaces
    ``path`` with the permission bits (and owner, when allowed) of ``like``, or of the
    file it replaces, or those a new file gets (the umask applied, as the kernel applied
    it when the temporary file was made); on an exception it is removed, and ``path`` is
    as it was.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> with AtomicFile(os.path.join(folder, "a.txt")) as handle:
    ...     _ = handle.write(b"done")
    >>> open(os.path.join(folder, "b.txt"), "w").close()  # a file made the usual way
    >>> sorted(os.listdir(folder)), len({os.stat(os.path.join(folder, name)).st_mode for name in ("a.txt", "b.txt")})
    (['a.txt', 'b.txt'], 1)
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
        while True:
            self.temp = os.path.join(folder, f".{base}{TEMP_MARK}{secrets.token_hex(4)}.tmp")
            try:
                fd = os.open(self.temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            except FileExistsError:
                continue
            break
        self.handle = os.fdopen(fd, "wb")
        self.new_mode = stat.S_IMODE(os.fstat(fd).st_mode)  # 0666 less the umask: what a new file gets
        os.fchmod(fd, 0o600)
        return self.handle

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        try:
            self.handle.close()
            if kind is None and self.replace:
                if self.like or os.path.exists(self.path):
                    _copy_owner_and_mode(self.like or self.path, self.temp)
                else:  # a new file gets the usual permissions, not the temporary file's 0600
                    os.chmod(self.temp, self.new_mode)
                if self.backup:
                    _backup(self.path, self.backup)
                os.replace(self.temp, self.path)
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)


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
