"""Streaming: a small file gives what ``clean_bytes`` gives, a large one is cleaned a chunk
of whole lines at a time, and the chunks' output, changes and merged summary still give
the input back."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import BROCHURE_INPUT, CORPUS

from mojibake_fix import Change, CleanResult, Suspicion, clean_bytes, stream, undo
from mojibake_fix.sources import InputError
from mojibake_fix.stream import clean_stream, read_chunks
from mojibake_fix.summary import Summary

BROCHURE = BROCHURE_INPUT.read_text(encoding="utf-8")
#: Brochure lines whose repairs do not depend on evidence elsewhere in the document.
LOCAL = "".join(BROCHURE.splitlines(keepends=True)[:80])
FRENCH = "".join((CORPUS / "texts" / "fr.txt").read_text(encoding="utf-8").splitlines(keepends=True)[:40])


def run(data: bytes, **options: object) -> list[CleanResult]:
    return list(clean_stream(io.BytesIO(data), **options))


def with_breaks(text: str, breaks: list[str], final: bool = True) -> str:
    """``text``'s lines joined by ``breaks`` in turn, with a break after the last one or not."""
    lines = text.splitlines()
    joined = "".join(line + breaks[number % len(breaks)] for number, line in enumerate(lines))
    return joined if final else joined[: -len(breaks[(len(lines) - 1) % len(breaks)])]


def rebuilt(results: list[CleanResult], kept: bool = False) -> str:
    """The input ``undo`` gives from the joined output, all changes and the merged summary."""
    summary = Summary.merge(result.summary for result in results)
    changes = [change for result in results for change in result.changes]
    return undo("".join(result.text for result in results), changes, summary.line_breaks, kept)


def assert_same_as_clean_bytes(data: bytes) -> None:
    (result,) = run(data)
    expected = clean_bytes(data)
    assert result.text == expected.text
    assert result.changes == expected.changes
    assert result.suspicions == expected.suspicions
    assert result.summary.first_line == 1
    assert replace(result.summary, first_line=None) == expected.summary


@pytest.mark.parametrize(
    "path",
    [
        *(CORPUS / "texts" / f"{code}.txt" for code in ("fr", "de", "cs", "ru")),
        BROCHURE_INPUT,
        *sorted((CORPUS / "negative").glob("*.txt")),
    ],
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_a_file_of_one_chunk_gives_what_clean_bytes_gives(path: Path) -> None:
    assert_same_as_clean_bytes(path.read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(with_breaks(LOCAL, ["\r\n"]).encode(), id="crlf"),
        pytest.param(with_breaks(LOCAL, ["\r"]).encode(), id="cr"),
        pytest.param(with_breaks(LOCAL, ["\n", "\r\n", "\r", "\r\n"]).encode(), id="mixed"),
        pytest.param(with_breaks(LOCAL, ["\n"], final=False).encode(), id="no-final-newline"),
        pytest.param(b"\xef\xbb\xbf" + LOCAL.encode(), id="utf-8-bom"),
        pytest.param(LOCAL.encode("utf-16"), id="utf-16"),
        pytest.param(FRENCH.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(FRENCH.encode("cp1252"), id="cp1252"),
        pytest.param(FRENCH.encode("mac_roman"), id="mac-roman"),
        pytest.param(LOCAL.encode("cp1252", errors="replace"), id="damaged-cp1252"),
        pytest.param(b"", id="empty"),
        pytest.param("le r™le".encode(), id="one-line"),
    ],
)
def test_bytes_of_one_chunk_give_what_clean_bytes_gives(data: bytes) -> None:
    assert_same_as_clean_bytes(data)


def test_invalid_utf_8_after_the_start_in_a_one_chunk_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # the start read first is valid UTF-8; the whole is not, and is read as clean_bytes reads it
    monkeypatch.setattr(stream, "READ_BYTES", 64)
    assert_same_as_clean_bytes(LOCAL.encode() + FRENCH.encode("cp1252"))


@pytest.mark.parametrize(
    "breaks, final",
    [(["\n"], True), (["\r\n"], True), (["\r"], True), (["\n", "\r\n", "\r\n", "\r"], True), (["\n"], False), (["\r\n"], False)],
    ids=["lf", "crlf", "cr", "mixed", "lf-no-final-newline", "crlf-no-final-newline"],
)
@pytest.mark.parametrize("kept", [False, True], ids=["normalised", "kept"])
def test_undo_over_many_chunks_gives_the_input_back(breaks: list[str], final: bool, kept: bool) -> None:
    data = with_breaks(LOCAL, breaks, final).encode()
    results = run(data, chunk_chars=200, keep_line_breaks=kept)
    assert len(results) > 10
    assert rebuilt(results, kept).encode() == data
    output = "".join(result.text for result in results)
    assert len(output.splitlines()) == len(data.decode().splitlines()) == Summary.merge(r.summary for r in results).lines


def test_chunks_with_different_breaks_merge_to_the_mixed_form() -> None:
    data = (with_breaks(LOCAL, ["\r\n"]) + with_breaks(LOCAL, ["\n"])).encode()
    results = run(data, chunk_chars=400)
    assert {"\r\n", "\n"} <= {result.summary.line_breaks["style"] for result in results}
    breaks = Summary.merge(result.summary for result in results).line_breaks
    assert breaks["style"] == "mixed" and len(breaks["breaks"]) == 2 * len(LOCAL.splitlines())
    assert rebuilt(results).encode() == data


def _alone(text: str, results: list[CleanResult]) -> list[CleanResult]:
    """Each chunk's lines of ``text`` cleaned on their own, as the chunks were."""
    lines = text.splitlines(keepends=True)
    return [
        clean_bytes("".join(lines[r.summary.first_line - 1 : r.summary.first_line - 1 + r.summary.lines]).encode())
        for r in results
    ]


def test_changes_of_many_chunks_are_numbered_from_the_start_of_the_file() -> None:
    # tiny chunks hold little evidence each, so each is compared with its own lines
    # cleaned alone, shifted to where they stand in the file
    data = (LOCAL * 3).encode()
    results = run(data, chunk_chars=200)
    assert len(results) > 10
    starts = [result.summary.first_line for result in results]
    assert starts == [1] + [start + result.summary.lines for start, result in zip(starts, results)][:-1]
    alone = _alone(LOCAL * 3, results)

    def where(found: list[Change] | list[Suspicion], shift: int = 0) -> list[tuple[object, ...]]:
        return [(c.line + shift, c.start, c.end, c.out_start if isinstance(c, Change) else c.text) for c in found]

    for result, own, start in zip(results, alone, starts):
        assert where(result.changes) == where(own.changes, start - 1)
        assert where(result.suspicions) == where(own.suspicions, start - 1)
        assert result.text == own.text
    assert sum(len(result.changes) for result in results) > 400


def test_merged_summary_of_many_chunks() -> None:
    data = (LOCAL * 3).encode()
    results = run(data, chunk_chars=200)
    merged = Summary.merge(result.summary for result in results)
    alone = [own.summary for own in _alone(LOCAL * 3, results)]
    assert merged.lines == clean_bytes(data).summary.lines
    for key in ("changes", "lines_changed", "suspicions"):
        assert getattr(merged, key) == sum(getattr(summary, key) for summary in alone), key
    by_rule = Counter(rule for summary in alone for rule, count in summary.changes_by_rule.items() for _ in range(count))
    assert merged.changes_by_rule == dict(by_rule)
    whole = clean_bytes(data).summary
    for key in ("encoding", "kept_line_breaks"):
        assert getattr(merged, key) == getattr(whole, key), key
    assert "first_line" not in merged.to_dict() and "encodings" not in merged.to_dict()
    clear = sum(r.summary.channels.get("mac_roman>cp1252", {}).get("clear", 0) for r in results)
    assert merged.channels["mac_roman>cp1252"]["clear"] == clear > 0
    assert merged.languages == list(dict.fromkeys(code for r in results for code in r.summary.languages))
    assert merged.languages[0] == "fr"


def test_merged_summary_of_one_chunk_is_its_summary() -> None:
    (result,) = run(with_breaks(LOCAL, ["\n", "\r\n"]).encode())
    assert Summary.merge([result.summary]) == replace(result.summary, first_line=None)


def test_merging_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no summaries"):
        Summary.merge([])


def chunks(text: str, limit: int) -> list[str]:
    found = list(read_chunks(io.BytesIO(text.encode()), limit))
    assert {encoding for _, encoding in found} == {"utf-8"}
    return [chunk for chunk, _ in found]


def test_a_chunk_ends_at_the_last_line_break_that_fits() -> None:
    assert chunks("ab\ncd\nef\ngh\n", 7) == ["ab\ncd\n", "ef\ngh\n"]


def test_an_empty_line_in_the_last_quarter_ends_the_chunk() -> None:
    text = "x" * 30 + "-\n\n" + "y" * 3 + "\nz\n"
    assert chunks(text, 36)[0] == "x" * 30 + "-\n\n"
    # an empty line early in the chunk does not make it short
    assert chunks("a\n\n" + text, 40)[0] == "a\n\n" + "x" * 30 + "-\n\n"
    assert chunks("a\n\nb\nc\n" + "x" * 40 + "\n", 40)[0] == "a\n\nb\nc\n"


def test_a_line_longer_than_a_chunk_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "READ_BYTES", 16)  # the line arrives in many reads
    text = "a\n" + "é" * 500 + "\r\n" + "b\r" + "c" * 300 + "\r"
    assert chunks(text, 10) == ["a\n", "é" * 500 + "\r\n", "b\r", "c" * 300 + "\r"]


@pytest.mark.parametrize("limit", range(1, 40))
def test_a_crlf_pair_is_never_split(limit: int) -> None:
    text = with_breaks("ab\ncde\n\nf\n" * 5, ["\r\n", "\r"])
    found = chunks(text, limit)
    assert "".join(found) == text
    assert all(chunk.endswith(("\r\n", "\r")) for chunk in found)
    assert not any(chunk.startswith("\n") for chunk in found)
    assert all(len(chunk) <= limit + 1 or len(chunk.splitlines()) == 1 for chunk in found)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_characters_cut_by_reads_are_decoded_whole(encoding: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "READ_BYTES", 5)
    text = FRENCH + "un émoji 😀 aussi\n"
    found = list(read_chunks(io.BytesIO(text.encode(encoding)), 100))
    assert "".join(chunk for chunk, _ in found) == text
    assert {found_encoding for _, found_encoding in found} == {encoding}
    assert len(found) > 10


def test_invalid_utf_8_later_is_judged_for_its_chunk_and_no_byte_is_lost() -> None:
    # more than the first read of valid UTF-8, then cp1252 lines, then UTF-8 again
    utf8 = "Les élèves sont allés à l’école près de la forêt.\n"
    start = (utf8 * 30000).encode()
    data = start + "Noël à la maison, déjà l’hiver.\n".encode("cp1252") * 3 + (utf8 * 200).encode()
    assert len(start) > stream.READ_BYTES
    found = list(read_chunks(io.BytesIO(data), 20000))
    encodings = [encoding for _, encoding in found]
    assert encodings[0] == encodings[-1] == "utf-8"
    assert sum(encoding != "utf-8" for encoding in encodings) == 1  # the code page decode() judges
    assert b"".join(chunk.encode(encoding) for chunk, encoding in found) == data


def test_invalid_utf_8_later_in_clean_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "READ_BYTES", 64)
    data = LOCAL.encode() + FRENCH.encode("cp1252") + LOCAL.encode()
    results = run(data, chunk_chars=2000)
    encodings = [result.summary.encoding for result in results]
    assert "cp1252" in encodings and encodings[0] == encodings[-1] == "utf-8"
    merged = Summary.merge(result.summary for result in results)
    assert merged.encoding == ", ".join(dict.fromkeys(encodings))
    assert merged.encodings is not None
    assert sum(merged.encodings.values()) == merged.lines == 2 * len(LOCAL.splitlines()) + len(FRENCH.splitlines())


def test_a_utf_8_character_cut_at_the_end_of_the_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "READ_BYTES", 64)
    data = ("été\n" * 100).encode() + "é".encode()[:1]
    found = list(read_chunks(io.BytesIO(data), 100))
    assert b"".join(chunk.encode(encoding) for chunk, encoding in found) == data
    assert found[0][1] == "utf-8" and found[-1][1] != "utf-8"


def test_binary_input_is_refused_before_any_result() -> None:
    with pytest.raises(InputError, match="not a text file"):
        next(clean_stream(io.BytesIO(bytes(range(256)) * 400)))


def test_binary_bytes_after_text_are_read_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "READ_BYTES", 64)
    data = LOCAL.encode() + b"\n" + bytes(range(256)) * 8
    found = list(read_chunks(io.BytesIO(data), 1000))
    assert found[0][1] == "utf-8" and found[-1][1] != "utf-8"
    assert b"".join(chunk.encode(encoding) for chunk, encoding in found) == data


def test_chunk_chars_must_be_positive() -> None:
    with pytest.raises(ValueError, match="chunk_chars"):
        next(clean_stream(io.BytesIO(b"x"), chunk_chars=0))
