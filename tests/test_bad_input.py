"""Every row of the README's table of bad inputs, through the real ``clean-text``.

Each case checks the exit code, that an error is one line on stderr without a traceback,
and that no output file is left half-written.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS
from test_cli import COMMAND, run

PDFS = CORPUS / "pdf" / "bad"


def one_error_line(done: subprocess.CompletedProcess[bytes], starting: str) -> None:
    error = done.stderr.decode("utf-8")
    assert done.returncode == 1, error
    assert error.count("\n") == 1 and "Traceback" not in error, error
    assert error.startswith(f"clean-text: error: {starting}"), error


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "program.bin"
    binary.write_bytes(Path(sys.executable).read_bytes()[:4096])
    out = tmp_path / "out.txt"
    one_error_line(run(str(binary), "-o", str(out)), f"{binary}: not a text file (binary data")
    assert not out.exists()


def test_invalid_utf8_is_read_as_a_legacy_code_page(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes("Les élèves sont déjà à l’école.\n".encode("cp1252"))
    done = run(str(source), "--report", "-")
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == "Les élèves sont déjà à l’école.\n"
    assert "read as cp1252" in done.stderr.decode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"], ids=["bom", "le-no-bom", "be-no-bom"])
def test_utf16_with_and_without_bom(encoding: str, tmp_path: Path) -> None:
    source = tmp_path / "utf16.txt"
    source.write_bytes("Le café est très bon.\nLa crème brûlée aussi.\n".encode(encoding))
    done = run(str(source))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == "Le café est très bon.\nLa crème brûlée aussi.\n"


def test_empty_file(tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    done = run(str(source), "--report", "-")
    assert done.returncode == 0 and done.stdout == b""
    assert "0 changes" in done.stderr.decode("utf-8")


@pytest.mark.slow
def test_a_50_mb_single_line(tmp_path: Path) -> None:
    sentence = "Le conseil a été lancé au siège des Nations Unies, à New York. "
    source = tmp_path / "long.txt"
    source.write_text(sentence * (50_000_000 // len(sentence.encode("utf-8")) + 1), encoding="utf-8")
    out = tmp_path / "out.txt"
    done = run(str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == source.read_bytes()


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    one_error_line(run(str(missing)), f"{missing}: cannot read: No such file or directory")


#: Root reads anything: as root, the command runs without the capabilities that let it
#: ignore file permissions (util-linux's setpriv), as an ordinary user would.
AS_USER = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"]
    if os.geteuid() == 0 else []
)


def test_directory_without_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("texte\n", encoding="utf-8")
    locked.chmod(0)
    try:
        done = subprocess.run([*AS_USER, *COMMAND, str(locked / "inside.txt")], check=False, capture_output=True, timeout=120)
        one_error_line(done, f"{locked / 'inside.txt'}: cannot read: Permission denied")
        # a directory without --out-dir is a usage error; with it, the unreadable folder is one failure
        directory = run(str(locked))
        assert directory.returncode == 2 and f"{locked}: is a directory (give --out-dir" in directory.stderr.decode("utf-8")
        done = subprocess.run([*AS_USER, *COMMAND, str(tmp_path), "--check", "-q"], check=False, capture_output=True, timeout=120)
        one_error_line(done, f"{locked}: cannot read: Permission denied")
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("encrypted.pdf", "encrypted PDF: a password is needed (--password)"),
        ("truncated.pdf", "damaged PDF: "),
        ("not-a-pdf.pdf", "not a PDF file (no %PDF header)"),
    ],
)
def test_bad_pdfs(name: str, message: str, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    one_error_line(run(str(PDFS / name), "-o", str(out)), f"{PDFS / name}: {message}")
    assert not out.exists()


def test_full_disk_on_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_text("Le r™le des villes\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = subprocess.run([*COMMAND, str(source)], check=False, stdout=full, stderr=subprocess.PIPE, timeout=120)
    one_error_line(done, "cannot write to standard output: No space left on device")


def _small_files() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))


def test_output_file_that_cannot_be_written_whole_is_not_left_half_written(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text("Le r™le des villes.\n" * 2000, encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("the previous version\n", encoding="utf-8")
    done = subprocess.run(
        [*COMMAND, str(source), "-o", str(out)], check=False, capture_output=True, timeout=120, preexec_fn=_small_files
    )
    one_error_line(done, f"{out}: cannot write: File too large")
    assert out.read_text(encoding="utf-8") == "the previous version\n", "the old file is untouched"
    assert {path.name for path in tmp_path.iterdir()} == {"big.txt", "out.txt"}, "no temporary file is left"


def test_closed_pipe(tmp_path: Path) -> None:
    source = tmp_path / "big.txt"
    source.write_text("Le r™le des villes.\n" * 200_000, encoding="utf-8")
    done = subprocess.run(
        f"{' '.join(COMMAND)} {source} | head -1", check=False, shell=True, capture_output=True, timeout=300
    )
    assert done.stdout == "Le rôle des villes.\n".encode()
    assert done.stderr == b""
