"""The HTML report of a batch run: each changed line before and after, changes marked.

``render_html`` turns the files of a run, with their changed lines as
``diff.changed_lines`` gives them, into one self-contained page: no scripts, no
external resources, every piece of text escaped.

>>> from mojibake_fix import clean
>>> from mojibake_fix.diff import changed_lines
>>> samples, more = changed_lines(clean("le r™le\\nsans faute\\n"))
>>> file = {"file": "a.txt", "error": None, "lines": 2, "changes": 1, "lines_changed": 1,
...         "suspicions": 0, "changes_by_rule": {"mojibake:mac_roman>cp1252": 1},
...         "samples": samples, "more": more}
>>> page = render_html([file])
>>> page.startswith("<!DOCTYPE html>"), "<script" in page
(True, False)
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from .summary import add_counts

#: Characters a browser shows as nothing (controls, bidi and zero-width marks, soft hyphen)
#: or cannot show at all (lone surrogates): the page shows their code in a small box.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")

_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 .6em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .3em; overflow-wrap: anywhere; }
table { border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .25em .6em; }
#summary table { margin: 0 2em .8em 0; display: inline-table; }
#summary td { text-align: right; font-variant-numeric: tabular-nums; }
#summary caption { text-align: left; font-weight: 600; padding: 0 .6em .2em; }
.totals th, .rules th { font-weight: normal; }
.counts { margin: 0 0 .5em; color: #555; }
.reason { color: #a00; }
table.lines { table-layout: fixed; width: 100%; border: 1px solid #ddd; }
table.lines thead th { background: #f3f3f3; font-weight: 600; }
table.lines tbody tr { border-top: 1px solid #e6e6e6; }
col.where { width: 5.5em; }
th.where { font-weight: normal; color: #666; font-variant-numeric: tabular-nums; }
th.where .page { display: block; font-size: .85em; }
td.line { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14px;
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.chg { position: relative; text-decoration: none; border-radius: 2px; cursor: help; }
del.chg { background: #ffd2cf; }
ins.chg { background: #c6efcb; }
.chg.blank { display: inline-block; min-width: .6em; min-height: 1.3em; white-space: pre;
  vertical-align: bottom; outline: 1px dashed #888; outline-offset: -1px; }
.cc { font-size: .7em; border: 1px dotted #888; border-radius: 2px; padding: 0 .15em; color: #555; }
.tip { display: none; position: absolute; left: 0; top: 100%; z-index: 2; margin-top: 3px;
  width: max-content; max-width: 32em; padding: .3em .55em; border-radius: 3px;
  background: #222; color: #fff; font: 12px/1.4 system-ui, sans-serif; white-space: normal;
  text-align: left; }
.tip .evidence { display: block; color: #ccc; }
.chg:hover > .tip, .chg:focus > .tip { display: block; }
.more { color: #555; font-style: italic; }
"""

#: The page up to its first heading; no script, and nothing fetched from elsewhere.
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<h1>{title}</h1>
"""


def render_html(files: Sequence[dict[str, Any]], title: str = "clean-text report") -> str:
    """One self-contained HTML page for the files of a run.

    A summary of the run (totals count the files that did not fail), the failed files
    with their reasons, then a section per file: its counts and a table of its changed
    lines, input and output side by side, each change marked in both with its rule and
    confidence shown on hover.

    >>> page = render_html([{"file": "<b>.txt", "error": "not a text file"}])
    >>> "&lt;b&gt;.txt" in page, "<b>.txt" in page, "not a text file" in page
    (True, False, True)
    """
    done = [file for file in files if not file.get("error")]
    failed = [file for file in files if file.get("error")]
    by_rule = add_counts(file["changes_by_rule"] for file in done)
    totals = [
        ("files", len(files)),
        ("files changed", sum(1 for file in done if file["changes"])),
        ("files failed", len(failed)),
        ("lines", sum(file["lines"] for file in done)),
        ("lines changed", sum(file["lines_changed"] for file in done)),
        ("changes", sum(file["changes"] for file in done)),
        ("suspicions", sum(file["suspicions"] for file in done)),
    ]
    parts = [
        _HEAD.format(title=_esc(title), css=_CSS),
        '<section id="summary">\n<table class="totals"><caption>summary</caption>\n',
        *(f'<tr><th scope="row">{label}</th><td>{count}</td></tr>\n' for label, count in totals),
        "</table>\n",
    ]
    if by_rule:
        parts.append('<table class="rules"><caption>changes by rule</caption>\n')
        parts += (
            f'<tr><th scope="row">{_esc(rule)}</th><td>{count}</td></tr>\n'
            for rule, count in _most_first(by_rule)
        )
        parts.append("</table>\n")
    parts.append("</section>\n")
    if failed:
        parts.append('<section id="failed">\n<h2>failed files</h2>\n<ul>\n')
        parts += (
            f'<li><span class="name">{_esc(file["file"])}</span>: <span class="reason">{_esc(file["error"])}</span></li>\n'
            for file in failed
        )
        parts.append("</ul>\n</section>\n")
    parts += (_file_section(number, file) for number, file in enumerate(done, 1))
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _file_section(number: int, file: dict[str, Any]) -> str:
    """A file's name, counts, and the table of its changed lines."""
    counts = (
        f"{_plural(file['lines'], 'line')} · {_plural(file['changes'], 'change')} on "
        f"{_plural(file['lines_changed'], 'line')} · {_plural(file['suspicions'], 'suspicion')}"
    )
    rules = ", ".join(f"{_esc(rule)} {count}" for rule, count in _most_first(file["changes_by_rule"]))
    parts = [
        f'<section class="file" id="file-{number}">\n<h2>{_esc(file["file"])}</h2>\n',
        f'<p class="counts">{counts}{f" ({rules})" if rules else ""}</p>\n',
    ]
    if file["samples"]:
        parts.append(
            '<table class="lines">\n<colgroup><col class="where"><col><col></colgroup>\n'
            '<thead><tr><th scope="col">line</th><th scope="col">input</th><th scope="col">output</th></tr></thead>\n<tbody>\n'
        )
        parts += (_line_row(sample) for sample in file["samples"])
        parts.append("</tbody>\n</table>\n")
    if file["more"]:
        parts.append(f'<p class="more">{_plural(file["more"], "more changed line")} not shown</p>\n')
    parts.append("</section>\n")
    return "".join(parts)


def _line_row(sample: dict[str, Any]) -> str:
    """One table row: where the line is, its input and its output with the changes marked."""
    page = "" if sample["page"] is None else f'<span class="page">page {sample["page"]}</span>'
    return (
        f'<tr><th scope="row" class="where">{sample["line"]}{page}</th>'
        f'<td class="line before">{_marked(sample["before"], sample["changes"], "before")}</td>'
        f'<td class="line after">{_marked(sample["after"], sample["changes"], "after")}</td></tr>\n'
    )


def _marked(text: str, changes: Sequence[dict[str, Any]], side: str) -> str:
    """A line as HTML with each change's span on ``side`` ("before": input columns,
    "after": output columns) wrapped in a ``del`` or ``ins`` element."""
    start_key, end_key, tag = ("start", "end", "del") if side == "before" else ("out_start", "out_end", "ins")
    parts, position = [], 0
    for change in changes:
        start, end = change[start_key], change[end_key]
        parts += [_show(text[position:start]), _change_html(tag, text[start:end], change)]
        position = end
    parts.append(_show(text[position:]))
    return "".join(parts)


def _change_html(tag: str, text: str, change: dict[str, Any]) -> str:
    """One change's text, marked, with its rule and confidence as a title and a tooltip."""
    label = f"{change['rule']} · confidence {change['confidence']:.2f}"
    evidence = change.get("evidence") or ""
    title = f"{label}\n{evidence}" if evidence else label
    tip = f'<span class="tip" role="tooltip">{_esc(label)}'
    if evidence:
        tip += f'<span class="evidence">{_esc(evidence)}</span>'
    blank = " blank" if not text.strip() else ""
    return f'<{tag} class="chg{blank}" tabindex="0" title="{_esc(title)}">{_show(text)}{tip}</span></{tag}>'


def _show(text: str) -> str:
    """``text`` escaped, with each invisible character shown as its code in a box."""
    return _INVISIBLE.sub(_code_box, html.escape(text))


def _code_box(match: re.Match[str]) -> str:
    char = match.group()
    name = unicodedata.name(char, "")
    return f'<span class="cc" title="U+{ord(char):04X}{" " + name if name else ""}">{ord(char):04X}</span>'


def _esc(text: str) -> str:
    """``text`` escaped for HTML, lone surrogates replaced so the page always encodes."""
    return _SURROGATE.sub("\ufffd", html.escape(text))


def _most_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Rules by count, most frequent first, ties by name."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
