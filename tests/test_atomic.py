"""``AtomicFile``: the file appears whole or not at all, with the permissions it should have,
and the process's umask is never changed to learn them (threads write at the same time)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mojibake_fix.atomic import TEMP_MARK, AtomicFile, remove_temporaries


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_027(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A umask of 027 for the test, and os.umask out of reach of the code under test."""
    old = os.umask(0o027)

    def refuse(mask: int) -> int:
        raise AssertionError("os.umask changes the mask of every thread")

    monkeypatch.setattr(os, "umask", refuse)
    yield
    monkeypatch.undo()
    os.umask(old)


@pytest.mark.usefixtures("umask_027")
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    with AtomicFile(str(tmp_path / "new.txt")) as handle:
        assert stat.S_IMODE(os.fstat(handle.fileno()).st_mode) == 0o600  # private while written
        handle.write(b"text")
    assert mode(tmp_path / "new.txt") == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["new.txt"]


@pytest.mark.usefixtures("umask_027")
def test_new_files_written_by_many_threads_at_once_all_get_it(tmp_path: Path) -> None:
    def write(number: int) -> None:
        with AtomicFile(str(tmp_path / f"{number}.txt")) as handle:
            handle.write(b"x" * 10000)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(64)))
    assert {mode(path) for path in tmp_path.iterdir()} == {0o640}


@pytest.mark.usefixtures("umask_027")
def test_a_replaced_file_and_its_backup_keep_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_bytes(b"old")
    target.chmod(0o604)
    with AtomicFile(str(target), backup=".orig") as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new" and mode(target) == 0o604
    assert (tmp_path / "old.txt.orig").read_bytes() == b"old" and mode(tmp_path / "old.txt.orig") == 0o604


def test_a_failed_write_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), AtomicFile(str(target)) as handle:
        handle.write(b"half")
        raise RuntimeError
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["old.txt"]


def test_what_a_killed_writer_leaves_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    writer = AtomicFile(str(target))
    writer.__enter__().write(b"half")  # never finished, as when the process is killed
    writer.handle.close()
    leftovers = [path.name for path in tmp_path.iterdir()]
    assert len(leftovers) == 1 and TEMP_MARK in leftovers[0]
    remove_temporaries(str(target))
    assert list(tmp_path.iterdir()) == []
