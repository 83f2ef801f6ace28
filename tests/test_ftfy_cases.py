"""ftfy's own test cases (``corpus/ftfy``): mojibake-fix passes at least as many as ftfy,
every case ftfy passes that it does not is listed with its reason, and the report gives
every case back."""

from __future__ import annotations

import ftfy
import pytest
from ftfy_cases import load_cases, passes, read_known, run

import mojibake_fix
from mojibake_fix import CleanResult, undo

CASES = load_cases()


@pytest.fixture(scope="module")
def cleaned() -> list[CleanResult]:
    return [mojibake_fix.clean(case.original) for case in CASES]


def test_at_least_ftfy_s_pass_rate(cleaned: list[CleanResult]) -> None:
    ours = [passes(result.text, case) for result, case in zip(cleaned, CASES)]
    assert sum(ours) >= sum(run(CASES, ftfy.fix_text))


def test_every_case_ftfy_passes_is_passed_or_listed_with_a_reason(cleaned: list[CleanResult]) -> None:
    theirs = run(CASES, ftfy.fix_text)
    missed = {case.number for result, case, other in zip(cleaned, CASES, theirs) if other and not passes(result.text, case)}
    known = read_known()
    assert missed == set(known), "update corpus/ftfy/known-differences.tsv (benchmarks/ftfy_cases.py --write-known)"
    assert all(reason and reason != "not yet explained" for reason in known.values())


def test_the_report_gives_every_case_back(cleaned: list[CleanResult]) -> None:
    for result, case in zip(cleaned, CASES):
        assert undo(result.text, result.changes, result.summary.line_breaks) == case.original
        assert all(change.steps[0].rule.split(":")[0] in {"mojibake", "placeholder", "hygiene", "ligature"} for change in result.changes)
