"""End-to-end tests of the real ``clean-text`` command, run as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import BROCHURE_EXPECTED, BROCHURE_INPUT

COMMAND = [sys.executable, "-m", "mojibake_fix.cli"]


def run(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *args], check=False, input=stdin, capture_output=True, cwd=cwd, timeout=300)


def test_brochure_to_stdout_with_text_report(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    done = run(str(BROCHURE_INPUT), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == BROCHURE_EXPECTED.read_text(encoding="utf-8")
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert any(line.startswith("line 4, col 53-54: 'Ž' → 'é'") for line in lines)


def test_report_dash_goes_to_stderr() -> None:
    done = run("--report", "-", stdin="le r™le\n".encode())
    assert done.stdout == "le rôle\n".encode()
    assert "mojibake:mac_roman>cp1252" in done.stderr.decode("utf-8")


def test_jsonl_report_and_undo_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes("Le si•ge\rdu ComitŽ\r".encode())
    out, report = tmp_path / "clean.txt", tmp_path / "report.jsonl"
    done = run(str(source), "-o", str(out), "--report", str(report), "--report-format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "Le siège\ndu Comité\n"
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert records[0]["type"] == "summary" and records[0]["line_breaks"] == {"style": "\r", "final": True}
    assert {(r["line"], r["before"], r["after"]) for r in records[1:]} == {(1, "•", "è"), (2, "Ž", "é")}
    back = run("--undo", str(report), str(out))
    assert back.returncode == 0, back.stderr
    assert back.stdout == source.read_bytes()


def test_keep_line_breaks() -> None:
    done = run("--keep-line-breaks", stdin="ŽtŽ\r\nhiver\r\n".encode())
    assert done.stdout == "été\r\nhiver\r\n".encode()


def test_legacy_encoding_is_detected_and_reported(tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes("Les élèves sont allés à l’école, près de la forêt.\n".encode("cp1252"))
    report = tmp_path / "r.jsonl"
    done = run(str(source), "--report", str(report), "--report-format", "jsonl")
    assert done.stdout.decode("utf-8") == "Les élèves sont allés à l’école, près de la forêt.\n"
    assert json.loads(report.read_text(encoding="utf-8").splitlines()[0])["encoding"] == "cp1252"


def test_missing_file_is_one_clear_line_and_exit_1(tmp_path: Path) -> None:
    done = run(str(tmp_path / "absent.txt"))
    assert done.returncode == 1
    message = done.stderr.decode("utf-8")
    assert message.count("\n") == 1 and "absent.txt" in message and "Traceback" not in message


def test_usage_errors_exit_2() -> None:
    for args in (["--min-confidence", "2"], ["--lang", "xx"], ["--channels", "nonsense"], ["--report-format", "xml"]):
        done = run(*args, stdin=b"x")
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr.decode("utf-8")


def test_output_file_is_not_touched_when_input_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    done = run(str(tmp_path / "absent.txt"), "-o", str(out))
    assert done.returncode == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_several_inputs_to_standard_output_write_those_that_could_be_read(tmp_path: Path) -> None:
    good, other = tmp_path / "a.txt", tmp_path / "c.txt"
    good.write_text("Le r™le des villes\n", encoding="utf-8")
    other.write_text("La ComitŽ des villes\n", encoding="utf-8")
    done = run(str(good), str(tmp_path / "absent.txt"), str(other))
    assert done.returncode == 1
    assert done.stdout.decode("utf-8") == "Le rôle des villes\nLa Comité des villes\n"
    errors = [line for line in done.stderr.decode("utf-8").splitlines() if line.startswith("clean-text: error:")]
    assert errors == [f"clean-text: error: {tmp_path / 'absent.txt'}: cannot read: No such file or directory"]


def test_several_inputs_to_an_output_file_write_nothing_when_one_fails(tmp_path: Path) -> None:
    good, out = tmp_path / "a.txt", tmp_path / "out.txt"
    good.write_text("Le r™le des villes\n", encoding="utf-8")
    done = run(str(good), str(tmp_path / "absent.txt"), "-o", str(out))
    assert done.returncode == 1
    assert not out.exists()
    assert f"{out} not written: 1 input(s) failed" in done.stderr.decode("utf-8")


def test_help_has_examples() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "examples:" in done.stdout.decode("utf-8")
