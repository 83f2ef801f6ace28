"""The batch HTML report: changed lines picked from real results, and the page as a browser shows it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import BROCHURE_INPUT, CORPUS

from mojibake_fix import clean, clean_pdf
from mojibake_fix.changes import CleanResult
from mojibake_fix.diff import changed_lines
from mojibake_fix.html_report import render_html
from mojibake_fix.sources.pdf import extract

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF = CORPUS / "pdf" / "fr-macroman-winansi.pdf"
HOSTILE = 'Note <script>alert(1)</script> "x" & \u202eabc sur le r\u2122le\x00 de l\u00d5eau\n'
SHOWN = 5  # changed lines of the brochure on the page


@pytest.fixture(scope="module")
def brochure() -> tuple[str, CleanResult]:
    source = BROCHURE_INPUT.read_text(encoding="utf-8")
    return source, clean(source)


@pytest.fixture(scope="module")
def pdf() -> tuple[bytes, CleanResult]:
    data = PDF.read_bytes()
    return data, clean_pdf(data)


def _entry(name: str, result: CleanResult, limit: int = 200) -> dict[str, Any]:
    samples, more = changed_lines(result, limit)
    keys = ("lines", "changes", "lines_changed", "suspicions", "changes_by_rule")
    return {"file": name, "error": None, **{key: getattr(result.summary, key) for key in keys}, "samples": samples, "more": more}


# changed_lines


def test_changed_lines_give_the_input_and_output_lines(brochure: tuple[str, CleanResult]) -> None:
    source, result = brochure
    samples, more = changed_lines(result, limit=1000)
    inputs, outputs = source.split("\n"), result.text.split("\n")
    assert more == 0
    assert [s["line"] for s in samples] == sorted({c.line for c in result.changes})
    for sample in samples:
        assert sample["before"] == inputs[sample["line"] - 1]
        assert sample["after"] == outputs[sample["line"] - 1]
        assert sample["page"] is None
        for change in sample["changes"]:
            assert sample["before"][change["start"] : change["end"]] == change["before"]
            assert sample["after"][change["out_start"] : change["out_end"]] == change["after"]
    assert sum(len(s["changes"]) for s in samples) == len(result.changes)


def test_limit_keeps_the_first_lines_and_counts_the_rest(brochure: tuple[str, CleanResult]) -> None:
    _, result = brochure
    everything, _ = changed_lines(result, limit=1000)
    samples, more = changed_lines(result, limit=SHOWN)
    assert samples == everything[:SHOWN]
    assert more == result.summary.lines_changed - SHOWN
    assert changed_lines(result, limit=0) == ([], result.summary.lines_changed)


def test_unchanged_text_has_no_changed_lines() -> None:
    result = clean("Le rôle de l’eau.\nRien à réparer ici.\n")
    assert result.changes == []
    assert changed_lines(result) == ([], 0)


def test_kept_line_breaks_and_pages(pdf: tuple[bytes, CleanResult]) -> None:
    result = clean("le r™le\r\ntout va bien\rde lÕeau\r\n", keep_line_breaks=True)
    samples, _ = changed_lines(result)
    assert [(s["line"], s["before"], s["after"]) for s in samples] == [(1, "le r™le", "le rôle"), (3, "de lÕeau", "de l’eau")]
    data, result = pdf
    inputs = extract(data).text.split("\n")
    samples, _ = changed_lines(result)
    assert {s["page"] for s in samples} == {1, 2}
    assert all(s["before"] == inputs[s["line"] - 1] for s in samples)


def test_a_chunk_numbers_lines_from_its_first_line() -> None:
    # a chunk of a longer text: its changes carry the document's line numbers
    result = clean("un\nle r™le\n")
    chunk = CleanResult(result.text, [replace(c, line=c.line + 10) for c in result.changes], [], replace(result.summary, first_line=11))
    samples, more = changed_lines(chunk)
    assert [(s["line"], s["before"], s["after"]) for s in samples] == [(12, "le r™le", "le rôle")]
    assert more == 0


def test_page_escapes_everything_and_always_encodes() -> None:
    text = HOSTILE + "mot cass\ud800 ici\n"
    result = clean(text)
    assert any(c.before == "\ud800" for c in result.changes)
    page = render_html([_entry("<b>x</b>.txt", result), {"file": "\ud800.txt", "error": "<i>bad</i>"}], title="<t>")
    page.encode("utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page
    assert "<i>" not in page
    assert "<title>&lt;t&gt;</title>" in page


# the page in a browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report(
    brochure: tuple[str, CleanResult], pdf: tuple[bytes, CleanResult], tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[dict[str, Any]]]:
    _, result = brochure
    files = [
        _entry("brochure.txt", result, limit=SHOWN),
        _entry("guide.pdf", pdf[1]),
        _entry("notes.txt", clean("Rien à réparer.\n")),
        _entry("<hostile>.txt", clean(HOSTILE)),
        {"file": "image.bin", "error": "not a text file (binary data: 57% control bytes)"},
    ]
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(files), encoding="utf-8")
    return path.as_uri(), files


@pytest.fixture
def dialogs() -> list[str]:
    return []


@pytest.fixture
def page(browser: Any, report: tuple[str, list[dict[str, Any]]], dialogs: list[str]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(report[0])
    yield tab
    context.close()


def _brochure_row(page: Any, index: int = 0) -> Any:
    return page.locator("section.file", has=page.locator("h2", has_text="brochure.txt")).locator("tbody tr").nth(index)


def test_summary_shows_the_totals(page: Any, report: tuple[str, list[dict[str, Any]]]) -> None:
    files = [f for f in report[1] if not f["error"]]
    rows = dict(row.split("\t") for row in page.locator("#summary table.totals tr").all_inner_texts())
    assert rows == {
        "files": "5",
        "files changed": "3",
        "files failed": "1",
        "lines": str(sum(f["lines"] for f in files)),
        "lines changed": str(sum(f["lines_changed"] for f in files)),
        "changes": str(sum(f["changes"] for f in files)),
        "suspicions": str(sum(f["suspicions"] for f in files)),
    }
    by_rule = dict(row.split("\t") for row in page.locator("#summary table.rules tr").all_inner_texts())
    assert by_rule["mojibake:mac_roman>cp1252"] == str(sum(f["changes_by_rule"].get("mojibake:mac_roman>cp1252", 0) for f in files))
    assert "hygiene:control" in by_rule
    failed = page.locator("#failed li")
    assert failed.inner_text() == "image.bin: not a text file (binary data: 57% control bytes)"
    assert failed.is_visible()
    counts = files[0]
    brochure = page.locator("section.file", has=page.locator("h2", has_text="brochure.txt"))
    assert brochure.locator(".counts").inner_text().startswith(
        f"{counts['lines']} lines · {counts['changes']} changes on {counts['lines_changed']} lines · 0 suspicions"
    )
    assert brochure.locator("tbody tr").count() == SHOWN
    # a PDF's lines say their page
    guide = page.locator("section.file", has=page.locator("h2", has_text="guide.pdf"))
    assert {where.split("\n")[1] for where in guide.locator("th.where").all_inner_texts()} == {"page 1", "page 2"}
    assert guide.locator(".more").count() == 0
    assert brochure.locator(".more").inner_text() == f"{counts['lines_changed'] - SHOWN} more changed lines not shown"


def test_input_and_output_lines_side_by_side(page: Any, brochure: tuple[str, CleanResult], tmp_path: Path) -> None:
    source, result = brochure
    row = _brochure_row(page)
    number = int(row.locator("th").inner_text())
    before, after = row.locator("td.before"), row.locator("td.after")
    assert before.inner_text() == source.split("\n")[number - 1]
    assert after.inner_text() == result.text.split("\n")[number - 1]
    left, right = before.bounding_box(), after.bounding_box()
    assert left["y"] == right["y"]
    assert left["x"] + left["width"] <= right["x"]
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0


def test_changes_are_marked_and_explained_on_hover(page: Any) -> None:
    marks = page.locator("td.line .chg")
    assert marks.count() > 0
    backgrounds = set(marks.evaluate_all("els => els.map(el => getComputedStyle(el).backgroundColor)"))
    assert "rgba(0, 0, 0, 0)" not in backgrounds
    assert len(backgrounds) == 2  # one colour for the input, one for the output
    # a deleted space is a box a person can see and point at
    deletion = page.locator("td.after ins.blank").first
    assert deletion.bounding_box()["width"] > 3
    row = _brochure_row(page)
    for mark in (row.locator("td.before del.chg").first, row.locator("td.after ins.chg").first, deletion):
        tip = mark.locator(".tip")
        assert not tip.is_visible()
        mark.hover()
        assert tip.is_visible()
        assert "confidence" in tip.inner_text()
        assert tip.inner_text().split(" · ")[0] in mark.get_attribute("title")
    assert "spacing:after_repair" in deletion.get_attribute("title")


def test_hostile_text_shows_as_text(page: Any, dialogs: list[str]) -> None:
    section = page.locator("section.file", has=page.locator("h2", has_text="<hostile>.txt"))
    assert section.is_visible()
    before = section.locator("td.before").inner_text()
    after = section.locator("td.after").inner_text()
    assert 'Note <script>alert(1)</script> "x" &' in before
    assert "r\u2122le" in before
    assert "le rôle" in after
    assert "l’eau" in after
    assert page.locator("script").count() == 0
    assert dialogs == []
    # the NUL and the right-to-left override are shown as their codes, not left to act
    codes = section.locator("td.before .cc").all_inner_texts()
    assert "0000" in codes
    assert "202E" in codes


def test_page_written_by_a_batch_run(browser: Any, tmp_path: Path) -> None:
    """The real command over a tree: what a person sees is what the JSON Lines report says."""
    import json
    import subprocess

    from test_cli import COMMAND

    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    lines = BROCHURE_INPUT.read_text(encoding="utf-8").splitlines(keepends=True)
    (tree / "brochure.txt").write_text("".join(lines[:20]), encoding="utf-8")
    (tree / "sub" / "guide.pdf").write_bytes(PDF.read_bytes())
    (tree / "sub" / "clean.txt").write_text("Rien à réparer ici.\n", encoding="utf-8")
    (tree / "sub" / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    html, report = tmp_path / "changes.html", tmp_path / "changes.jsonl"
    done = subprocess.run(
        [*COMMAND, str(tree), "--out-dir", str(tmp_path / "out"), "--html", str(html), "--report", str(report), "--report-format", "jsonl", "-q"],
        check=False, capture_output=True, timeout=300,
    )
    assert done.returncode == 1, done.stderr  # the broken PDF
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    summaries = [r for r in records if r["type"] == "summary"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(html.as_uri())
    totals = dict(row.split("\t") for row in tab.locator("#summary table.totals tr").all_inner_texts())
    assert totals["files"] == "4" and totals["files failed"] == "1"
    assert totals["changes"] == str(sum(s["changes"] for s in summaries))
    assert str(tree / "sub" / "broken.pdf") in tab.locator("#failed li").inner_text()
    for summary in summaries:
        section = tab.locator("section.file", has=tab.locator("h2", has_text=summary["file"]))
        assert section.locator("tbody tr").count() == summary["lines_changed"]
    first = next(r for r in records if r["type"] == "change" and r["file"].endswith("brochure.txt"))
    row = tab.locator("section.file", has=tab.locator("h2", has_text="brochure.txt")).locator("tbody tr").first
    assert int(row.locator("th").inner_text()) == first["line"]
    mark = row.locator("td.after ins.chg").first
    mark.hover()
    assert mark.locator(".tip").is_visible() and first["rule"] in mark.locator(".tip").inner_text()
    context.close()
