"""``Summary``: its dict form is the report's summary record, and chunks' summaries merge into the file's."""

from __future__ import annotations

import json
from dataclasses import replace

from conftest import CORPUS

from mojibake_fix import clean, clean_bytes, clean_pdf
from mojibake_fix.report import render_jsonl
from mojibake_fix.summary import Summary

BASE = ["changes", "changes_by_rule", "lines_changed", "suspicions", "lines", "languages", "channels", "line_breaks", "kept_line_breaks"]


def test_the_dict_has_only_the_facts_of_the_input_in_a_fixed_order() -> None:
    assert list(clean("le r™le").summary.to_dict()) == BASE
    assert list(clean_bytes("le r™le".encode("cp1252")).summary.to_dict()) == [*BASE, "encoding"]
    pdf = clean_pdf((CORPUS / "pdf" / "fr-macroman-winansi.pdf").read_bytes()).summary
    assert list(replace(pdf, source="a.pdf").to_dict()) == [*BASE, "encoding", "pages", "xref_rebuilt", "source"]


def test_the_jsonl_summary_record_is_the_dict() -> None:
    result = clean_bytes("le r™le\r\n".encode())
    record = json.loads(render_jsonl(result, "a.txt").splitlines()[0])
    assert record == {"type": "summary", "file": "a.txt", **result.summary.to_dict()}
    assert list(record)[2:] == list(result.summary.to_dict())


def test_merging_chunks_read_in_two_encodings() -> None:
    texts = [("le r™le\nle r™le\n", "utf-8"), ("la forêt\n", "cp1252"), ("le r™le", "utf-8")]
    parts, first = [], 1
    for text, encoding in texts:
        parts.append(replace(clean(text).summary, first_line=first, encoding=encoding))
        first += parts[-1].lines
    merged = Summary.merge(parts)
    assert merged.encoding == "utf-8, cp1252"
    assert merged.encodings == {"utf-8": 3, "cp1252": 1}
    assert list(merged.to_dict())[-2:] == ["encoding", "encodings"]
    assert merged.changes_by_rule == {"mojibake:mac_roman>cp1252": 3} and merged.lines_changed == 3
    assert merged.first_line is None and merged.lines == 4
    assert merged.line_breaks == {"style": "\n", "final": False}


def test_merging_adds_the_counts_by_rule_in_name_order() -> None:
    one, two = clean("le r™le").summary, clean("ﬁn").summary
    merged = Summary.merge([one, two])
    assert merged.changes_by_rule == dict(sorted({**one.changes_by_rule, **two.changes_by_rule}.items()))
    assert list(merged.changes_by_rule) == sorted(merged.changes_by_rule)
    assert merged.changes == one.changes + two.changes
