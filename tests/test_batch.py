"""Batch runs of the real ``clean-text`` over real trees of files.

Trees mix damaged and clean text in several encodings and line-break styles, a real PDF,
files the walk must skip and a file that cannot be cleaned.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BROCHURE_INPUT, CORPUS
from test_cli import COMMAND, run

from mojibake_fix import clean_bytes, undo
from mojibake_fix.report import read_jsonl

BROCHURE = BROCHURE_INPUT.read_text(encoding="utf-8").splitlines(keepends=True)


def make_tree(root: Path) -> dict[str, bytes]:
    """A small collection: what the walk should pick up, and what it should skip."""
    files = {
        "a.txt": "".join(BROCHURE[:40]).encode("utf-8"),
        "sub/b.txt": (CORPUS / "texts" / "fr.txt").read_bytes()[:3000].rsplit(b"\n", 1)[0] + b"\n",
        "sub/deep/c.txt": "".join(BROCHURE[40:70]).replace("\n", "\r\n").encode("utf-8"),
        "sub/legacy.TXT": "Les élèves sont allés à l’école, près de la forêt.\n".encode("cp1252"),
        "sub/d.pdf": (CORPUS / "pdf" / "fr-macroman-winansi.pdf").read_bytes(),
        "notes.md": "le r™le\n".encode(),
        ".hidden.txt": "le r™le\n".encode(),
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return files


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_out_dir_mirrors_the_tree_and_matches_single_runs(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    (tmp_path / "in" / "sub" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    report = tmp_path / "changes.jsonl"
    done = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"), "--report", str(report), "--report-format", "jsonl", "--jobs", "2")
    error = done.stderr.decode("utf-8")
    assert done.returncode == 1, error  # the binary file failed, the rest went on
    assert "Traceback" not in error
    assert f"clean-text: error: {tmp_path / 'in' / 'sub' / 'binary.txt'}: not a text file" in error
    assert error.splitlines()[-1].startswith("clean-text: 6 files: 4 cleaned, 1 unchanged, 1 failed; ")
    out = tree_bytes(tmp_path / "out")
    assert sorted(out) == ["a.txt", "sub/b.txt", "sub/d.txt", "sub/deep/c.txt", "sub/legacy.TXT"]
    for name in ("a.txt", "sub/deep/c.txt", "sub/legacy.TXT", "sub/d.pdf"):
        single = run(str(tmp_path / "in" / name))
        assert single.returncode == 0, single.stderr
        assert out[name.replace(".pdf", ".txt")] == single.stdout, name
    assert out["sub/b.txt"] == (tmp_path / "in" / "sub" / "b.txt").read_bytes()  # clean prose kept
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(tmp_path / "out" / "a.txt").st_mode) == 0o666 & ~umask  # not a temporary file's 0600
    # one JSON Lines report across files: each record names its file; each file undoes
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert {r["file"] for r in records} == {str(tmp_path / "in" / n) for n in ("a.txt", "sub/b.txt", "sub/deep/c.txt", "sub/legacy.TXT", "sub/d.pdf")}
    assert all({"line", "start", "end", "before", "after", "rule", "confidence"} <= r.keys() for r in records if r["type"] == "change")
    assert any(r.get("page") == 1 for r in records if r["type"] == "change")
    undone = run("--undo", str(report), "--document", str(tmp_path / "in" / "a.txt"), str(tmp_path / "out" / "a.txt"))
    assert undone.returncode == 0 and undone.stdout == (tmp_path / "in" / "a.txt").read_bytes(), undone.stderr
    ambiguous = run("--undo", str(report), str(tmp_path / "out" / "a.txt"))
    assert ambiguous.returncode == 1 and b"name one with --document FILE" in ambiguous.stderr
    documents = read_jsonl(report.read_text(encoding="utf-8").splitlines())
    for summary, changes in documents:
        name = Path(summary["file"]).relative_to(tmp_path / "in")
        if name.suffix == ".pdf" or summary["encoding"] != "utf-8":
            continue
        output = out[str(name)].decode("utf-8")
        assert undo(output, changes, summary["line_breaks"]).encode() == (tmp_path / "in" / name).read_bytes()


def test_jobs_give_the_same_results_as_a_serial_run(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}"
        done = run(str(tmp_path / "in"), "--out-dir", str(target), "--report", str(target) + ".txt", "--jobs", jobs, "-q")
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        outputs.append((tree_bytes(target), Path(str(target) + ".txt").read_bytes()))
    assert outputs[0] == outputs[1]


def test_globs_are_expanded_and_mirrored_from_their_fixed_part(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    done = run(str(tmp_path / "in" / "**" / "*.txt"), "--out-dir", str(tmp_path / "out"), "-q")
    assert done.returncode == 0, done.stderr
    # a glob takes what it names: .txt only (not .TXT, not the PDF), hidden files never
    assert sorted(tree_bytes(tmp_path / "out")) == ["a.txt", "sub/b.txt", "sub/deep/c.txt"]
    nothing = run(str(tmp_path / "in" / "*.nothing"), "--out-dir", str(tmp_path / "out"))
    assert nothing.returncode == 1 and b"no file matches" in nothing.stderr


def test_in_place_is_atomic_keeps_permissions_and_backs_up(tmp_path: Path) -> None:
    files = make_tree(tmp_path)
    (tmp_path / "a.txt").chmod(0o640)
    clean_before = os.stat(tmp_path / "sub" / "b.txt").st_mtime_ns
    done = run(str(tmp_path), "--in-place", "--backup", ".orig", "--verbose", "--jobs", "2")
    error = done.stderr.decode("utf-8")
    assert done.returncode == 1, error  # the PDF cannot be rewritten in place
    assert f"{tmp_path / 'sub' / 'd.pdf'}: a PDF cannot be cleaned in place" in error
    assert (tmp_path / "sub" / "d.pdf").read_bytes() == files["sub/d.pdf"]
    assert stat.S_IMODE(os.stat(tmp_path / "a.txt").st_mode) == 0o640
    assert (tmp_path / "a.txt").read_bytes() == clean_bytes(files["a.txt"]).text.encode()
    assert (tmp_path / "a.txt.orig").read_bytes() == files["a.txt"]
    assert (tmp_path / "sub" / "legacy.TXT").read_text(encoding="utf-8") == "Les élèves sont allés à l’école, près de la forêt.\n"
    # a file with nothing to change is not rewritten, and gets no backup
    assert os.stat(tmp_path / "sub" / "b.txt").st_mtime_ns == clean_before
    assert not (tmp_path / "sub" / "b.txt.orig").exists()
    assert f"unchanged {tmp_path / 'sub' / 'b.txt'}" in error
    assert not [p for p in tmp_path.rglob("*") if ".clean-text-" in p.name]


def worker_pids(parent: int) -> list[int]:
    """The worker processes of a run: children of ``parent`` started by multiprocessing."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat_fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat_fields[1]) == parent and b"spawn_main" in command:
            pids.append(int(entry.name))
    return pids


@pytest.mark.slow
def test_killing_a_worker_leaves_no_half_written_file(tmp_path: Path) -> None:
    originals = {}
    for number in range(24):
        start = (number * 37) % (len(BROCHURE) - 60)
        path = tmp_path / f"part{number:02}.txt"
        path.write_text("".join(BROCHURE[start : start + 60]), encoding="utf-8")
        originals[path] = path.read_bytes()
    expected = {path: clean_bytes(data).text.encode() for path, data in originals.items()}
    process = subprocess.Popen([*COMMAND, str(tmp_path), "--in-place", "--jobs", "2", "-v"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and not any(data != originals[p] for p, data in ((p, p.read_bytes()) for p in originals)):
        workers = worker_pids(process.pid)
        time.sleep(0.05)
    workers = worker_pids(process.pid)
    assert process.poll() is None and workers, "the run ended before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)
    _, error = process.communicate(timeout=300)
    text = error.decode("utf-8")
    assert process.returncode in (0, 1) and "Traceback" not in text, text
    cleaned = 0
    for path, data in originals.items():
        now = path.read_bytes()
        assert now in (data, expected[path]), path  # never half-written
        cleaned += now == expected[path]
    failed = text.count("its worker process died")
    assert cleaned == len(originals) - failed  # the batch went on: every other file is clean
    assert process.returncode == (1 if failed else 0)
    assert not [p for p in tmp_path.iterdir() if ".clean-text-" in p.name]


def test_check_lists_what_would_change_and_changes_nothing(tmp_path: Path) -> None:
    make_tree(tmp_path)
    before = tree_bytes(tmp_path)
    done = run(str(tmp_path), "--check")
    error = done.stderr.decode("utf-8")
    assert done.returncode == 1, error
    assert tree_bytes(tmp_path) == before
    assert f"would clean {tmp_path / 'a.txt'} (" in error
    assert f"would clean {tmp_path / 'sub' / 'b.txt'}" not in error
    assert "would be cleaned" in error.splitlines()[-1]
    clean = run(str(tmp_path / "sub" / "b.txt"), "--check")
    assert clean.returncode == 0, clean.stderr
    assert "0 would be cleaned, 1 unchanged" in clean.stderr.decode("utf-8")


def test_diff_applies_with_patch(tmp_path: Path) -> None:
    files = make_tree(tmp_path / "tree")
    done = run("a.txt", "sub/b.txt", "--diff", "-q", cwd=tmp_path / "tree")
    assert done.returncode == 0, done.stderr
    diff = done.stdout.decode("utf-8")
    assert diff.startswith("--- a/a.txt\n+++ b/a.txt\n@@ -")
    assert "sub/b.txt" not in diff  # nothing to change there
    assert tree_bytes(tmp_path / "tree")["a.txt"] == files["a.txt"]
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    patched = subprocess.run(["patch", "-p1"], input=done.stdout, cwd=tmp_path / "tree", capture_output=True, check=False)
    assert patched.returncode == 0, patched.stdout + patched.stderr
    assert (tmp_path / "tree" / "a.txt").read_bytes() == clean_bytes(files["a.txt"]).text.encode()


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    piped = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "o1"), "--jobs", "1")
    assert b"\r" not in piped.stderr and b"file/s" not in piped.stderr
    leader, follower = pty.openpty()
    command = [*COMMAND, str(tmp_path / "in"), "--out-dir", str(tmp_path / "o2"), "--jobs", "1"]
    with subprocess.Popen(command, stderr=follower, stdout=subprocess.DEVNULL) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        process.wait(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    assert b"file" in seen and b"%" in seen  # tqdm's bar
    assert b"clean-text: 5 files: 4 cleaned" in seen
    quiet = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "o3"), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == b""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{tree}"], "is a directory (give --out-dir DIR"),
        (["{tree}", "--out-dir", "x", "--in-place"], "--out-dir and --in-place cannot be combined"),
        (["{tree}", "--check", "--out-dir", "x"], "--check and --diff write no files"),
        (["{tree}/a.txt", "--backup", ".bak"], "--backup goes with --in-place"),
        (["{tree}", "--check", "--jobs", "0"], "--jobs must be at least 1"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    make_tree(tmp_path)
    done = run(*(arg.format(tree=tmp_path) for arg in args))
    assert done.returncode == 2
    assert message in done.stderr.decode("utf-8")


def test_html_report_from_a_batch(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    page = tmp_path / "changes.html"
    done = run(str(tmp_path / "in"), "--check", "--html", str(page), "-q")
    assert done.returncode == 1, done.stderr
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and str(tmp_path / "in" / "a.txt") in html
    assert "mojibake:mac_roman&gt;cp1252" in html or "mojibake:mac_roman>cp1252" in html


def test_explicit_files_concatenate_and_a_missing_one_writes_nothing(tmp_path: Path) -> None:
    make_tree(tmp_path)
    both = run(str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt"))
    assert both.returncode == 0, both.stderr
    assert both.stdout == run(str(tmp_path / "a.txt")).stdout + (tmp_path / "sub" / "b.txt").read_bytes()
    out = tmp_path / "out.txt"
    missing = run(str(tmp_path / "a.txt"), str(tmp_path / "nope.txt"), "-o", str(out))
    assert missing.returncode == 1
    assert f"{tmp_path / 'nope.txt'}: cannot read: No such file or directory" in missing.stderr.decode("utf-8")
    assert not out.exists()


@pytest.mark.slow
def test_dask_cluster_gives_the_same_results(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from mojibake_fix.batch import clean_files

    make_tree(tmp_path / "in")
    serial = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "serial"), "--jobs", "1", "--report", str(tmp_path / "serial.txt"), "-q")
    assert serial.returncode == 0, serial.stderr
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = run(
            str(tmp_path / "in"), "--out-dir", str(tmp_path / "dask"), "--dask-scheduler", cluster.scheduler_address,
            "--report", str(tmp_path / "dask.txt"), "-q",
        )
        assert done.returncode == 0, done.stderr
        with distributed.Client(cluster) as client:
            outcomes = clean_files([tmp_path / "in"], tmp_path / "library", scheduler=client)
    assert tree_bytes(tmp_path / "dask") == tree_bytes(tmp_path / "serial") == tree_bytes(tmp_path / "library")
    assert (tmp_path / "dask.txt").read_bytes() == (tmp_path / "serial.txt").read_bytes()
    assert [o.error for o in outcomes] == [None] * 5 and sum(o.changes for o in outcomes) > 0
    unreachable = run(str(tmp_path / "in"), "--out-dir", str(tmp_path / "x"), "--dask-scheduler", "tcp://127.0.0.1:9")
    assert unreachable.returncode == 1
    assert unreachable.stderr.decode("utf-8").count("\n") == 1 and b"Traceback" not in unreachable.stderr
