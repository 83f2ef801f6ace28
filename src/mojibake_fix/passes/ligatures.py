"""Ligatures lost in extraction: code points, stand-ins, split words and dropped letters.

Fonts draw "fi", "ff", "ffi" ... as one glyph, and extractors give that glyph back in
many ways.  Every repair is decided with the lexicon and never changes a word it knows:

* ``ligature:codepoint``: the code points U+FB00–FB06 ("ﬁ", "ﬀ", "ﬃ", "ﬆ" ...) spelled
  out.  Mac-Roman has "ﬁ" and "ﬂ" where Windows-1252 has "Þ" and "ß", so a word that
  some channel reads as a known word while the spelled-out one is none ("Straﬂe") is
  left to the mojibake pass;
* ``ligature:replaced``: a character standing for the glyph inside a word: TeX's raw
  codes (OT1 ``\\x0b`` ff, ``\\x0c`` fi, ``\\x0e`` ffi, ``\\x0f`` ffl; T1 ``\\x1b``–``\\x1f``;
  OT1's fl is ``\\x0d``, a line break, lost as such), U+FFFD, a private-use character,
  or a stray spacing accent ("˛elds", "di˙erent").  Each ligature is tried in its place
  (a TeX code only as its own), and the likeliest reading that is a known word wins
  when the word as it is, accents recombined, is none.  A spacing accent is a character
  of its own, so it is read as a ligature only where the document shows that very
  accent standing for a ligature in another word, and never on a lone letter ("˜y" is
  a y with a tilde, as in a maths extract, not "fly"); otherwise the reading is only
  reported, as a suspicion.  At the edge of a word a stand-in may also be no letter at
  all, and that reading competes: a form feed before "celui-ci" or "les" is a page break;
* ``ligature:split``: a word cut at its ligature ("di ff erent", "Pﬁ zer"), or at the
  gap a lost ligature left ("classi es"), joined; ``ligature:oe`` and ``ligature:ae``
  the same at an "œ" or "æ" ("œ uvre", "c œur").  The gap needs a ligature (a piece
  ending or starting with one, a lone one between two pieces, or one put back), the
  joined word must be known, and some piece must be no common word (zipf 3; a lone
  ligature between two pieces, or a lone code point, is none; "wi fi" stays).  Pieces
  after the first start in lower case, and addresses and paths are left alone;
* ``ligature:dropped``: a ligature lost without a trace ("denition", "ofce"): put back
  at one place of a word the lexicon does not know, when that makes a word of zipf 3 or
  more.  Typos and names look the same, so this needs the document's evidence: two
  distinct such words, or two ligatures repaired by the other rules; without it the
  reading is only reported, as a suspicion.  The halves of a word hyphenated at a line
  end are no such words.

Confidences are softmaxes of the lexicon's log-probabilities (``repair``).

>>> from mojibake_fix import engine
>>> from mojibake_fix.context import Settings
>>> from mojibake_fix.document import Document
>>> def fix(text: str, language: str = "en") -> str:
...     doc = Document.from_text(text)
...     _ = engine.run(doc, Settings(channels=(), languages=(language,)), passes=(repair,))
...     return doc.render()
>>> fix("The ﬁrst ﬁeld is di ff erent: classi es, Pﬁ zer, e\\x0bective, ˛elds, ˛nal.")
'The first field is different: classifies, Pfizer, effective, fields, final.'
>>> fix("Une dénition du ﬁchier, une œ uvre de c œur, l’afchage.", "fr")
'Une définition du fichier, une œuvre de cœur, l’affichage.'
>>> fix("Eine Denition.", "de")  # one dropped ligature alone is no evidence
'Eine Denition.'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, product

import regex

from .. import rules
from ..align import differing_span
from ..changes import SUSPICION_FLOOR, Proposal, Step
from ..channels import Channel
from ..context import Context
from ..document import Document
from ..lexicon import COMMON_WORD, Lexicon
from ..scoring import TOKEN, describe, share
from ..triggers import Trigger
from .accents import combine

#: Ligature code points and the letters they stand for.
CODE_POINTS = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "ft", "\ufb06": "st"}
#: TeX fonts' raw ligature codes: OT1 (0x0B–0x0F) and T1 (0x1B–0x1F).
TEX_CODES = {
    "\x0b": "ff", "\x0c": "fi", "\x0e": "ffi", "\x0f": "ffl",
    "\x1b": "ff", "\x1c": "fi", "\x1d": "fl", "\x1e": "ffi", "\x1f": "ffl",
}
#: Spacing accents that stand for ligature glyphs (PDFDocEncoding 0x18–0x1F, where T1
#: fonts have their ligatures); the accents pass recombines those that are accents.
ACCENT_STAND_INS = "˘ˇˆ˙˚˛˜˝"
#: What a lost ligature may have been.
LETTERS = ("ff", "fi", "fl", "ffi", "ffl")
#: Tokens that are a ligature alone.
LONE = frozenset(LETTERS) | {char for char, letters in CODE_POINTS.items() if letters in LETTERS}
#: Letters beside which a word may be split too, and their rule's kind.
JOINING = {"œ": "oe", "æ": "ae"}

_STAND_INS = re.escape("".join(TEX_CODES) + ACCENT_STAND_INS) + "\ufffd\ue000-\uf8ff"
#: Characters behind rules 1 and 2: stand-ins and code points (``re``: it scans faster).
TRIGGER = re.compile(f"[{_STAND_INS}\ufb00-\ufb06]")
STAND_IN = re.compile(f"[{_STAND_INS}]")
#: What in a whole text gives the pass work without reading every word: rules 1 and 2, a
#: ligature standing alone ("di ff erent") and a split œ/æ.  A text with nothing of these
#: and nothing else to repair is not read word by word, so a lost ligature alone in
#: otherwise clean text ("classi es") is found only in PDF input, where every pass runs.
#: One class comes first and lookarounds tell the cases apart, so a text is scanned fast.
DOCUMENT_TRIGGER = Trigger(
    f"[{_STAND_INS}\ufb00-\ufb06œæŒÆf]",
    rf"(?:(?<=[{_STAND_INS}\ufb00-\ufb06])|(?<=[œæŒÆ]) |(?<=f)(?<!\S.)(?:f|fi|fl|i|l)(?!\S))",
)
#: A word: letters and marks, with stand-ins beside a letter.
STAND_IN_WORD = regex.compile(rf"(?:[\p{{L}}\p{{M}}]|[{_STAND_INS}](?=\p{{L}})|(?<=[\p{{L}}\p{{M}}])[{_STAND_INS}])+")
#: What marks a token as an address, a path or an identifier, not prose ("df.lth.se").
TECHNICAL = re.compile(r"[@/\\_=<>{}\[\]|#~]|[^\W\d_]\.[^\W\d_]")

#: Highest confidence of any repair, and of a code point spelled out into no known word.
CAP, UNKNOWN_CAP = 0.99, 0.95
#: Prior odds (natural log) of a word split in two, and of its ligature lost at the gap.
SPLIT_ODDS = math.log(0.05)
INSERTED = math.log(0.2)
#: Prior odds (natural log) that a stand-in at a word's edge is no letter rather than a
#: ligature: a form feed is most often a page break, other stand-ins most often a glyph.
PAGE_BREAK = math.log(20)
NO_LETTER = math.log(0.2)
#: Prior odds (natural log) of a dropped ligature, and the confidence without evidence.
DROPPED = math.log(0.01)
NO_EVIDENCE_CAP = 0.8
#: Document evidence for dropped ligatures: distinct words, or ligatures repaired otherwise.
EVIDENCE = 2
#: A dropped ligature is put back only into a word of at least this many letters.
DROPPED_MIN_LETTERS = 3
#: Stand-ins per word tried at most (each has six readings).
MAX_STAND_INS = 3

_SPELL_OUT = str.maketrans(CODE_POINTS)


@dataclass(frozen=True)
class _Finding:
    """One repair: its edits, rule, confidence and evidence."""

    line: int
    edits: tuple[tuple[int, int, str], ...]  # (start, end, after) in line columns
    kind: str
    confidence: float
    evidence: str
    word: str = ""  # for a dropped ligature: the word as it is (folded), counted as evidence
    # for a spacing accent read as a ligature: the accents so read, the reading (folded),
    # and whether the word, the accents read as accents, is a lone letter (a symbol: "˜y")
    accents: frozenset[str] = frozenset()
    reading: str = ""
    lone: bool = False


@dataclass(frozen=True)
class _Join:
    """A split word joined: its pieces, the word, how sure, the rule's kind, the evidence."""

    pieces: tuple[str, ...]
    word: str
    confidence: float
    kind: str
    evidence: str


def expand(word: str) -> str:
    """``word`` with its ligature code points spelled out.

    >>> expand("diﬀérents")
    'différents'
    """
    return word.translate(_SPELL_OUT)


def _options(char: str) -> tuple[str, ...]:
    """What one character of a word may be: itself, or the ligatures it may stand for.

    >>> _options("ﬃ"), _options("\\x0b"), _options("a")
    (('ffi',), ('ff', '\\x0b'), ('a',))
    """
    if char in CODE_POINTS:
        return (CODE_POINTS[char],)
    if char in TEX_CODES:
        return TEX_CODES[char], char
    if STAND_IN.match(char):
        return (*LETTERS, char)
    return (char,)


def _ligature_at_gap(left: str, right: str) -> bool:
    """Whether a ligature (or œ, æ) ends ``left`` or starts ``right``.

    >>> _ligature_at_gap("Pfi", "zer"), _ligature_at_gap("c", "œur"), _ligature_at_gap("classi", "es")
    (True, True, False)
    """
    ends = LETTERS + tuple(JOINING)
    return left.lower().endswith(ends) or right.lower().startswith(ends)


def _span_edit(old: str, new: str) -> tuple[int, int, str]:
    """(start, end, after): the stretch of ``old`` to replace to make ``new``.

    >>> _span_edit("di ff erent", "different"), _span_edit("classi es", "classifies")
    ((2, 6, 'ff'), (6, 7, 'fi'))
    """
    start, old_end, new_end = differing_span(old, new)
    return start, old_end, new[start:new_end]


class _Scan:
    """What the lexicon says about the words of one document, cached per word and per
    window of tokens: known forms, common words, split and dropped ligatures."""

    def __init__(self, lexicon: Lexicon, channels: Sequence[Channel]):
        self.lexicon = lexicon
        self.channels = channels
        self._known: dict[str, str | None] = {}
        self._edges: dict[str, tuple[str | None, str | None, tuple[str, ...]]] = {}
        self._flagged: dict[str, bool] = {}
        self._windows: dict[tuple[str, ...], _Join | None] = {}
        self._dropped: dict[str, tuple[str, float, str] | None] = {}
        self._words: dict[tuple[str, str], tuple[tuple[str, ...], float, str] | None] = {}

    def known(self, word: str) -> str | None:
        """The form of ``word`` the lexicon knows (NFC, spacing accents recombined), or None."""
        if word in self._known:
            return self._known[word]
        found = None
        if word.isalpha():
            found = word if self.lexicon.known(word) else None
        elif not TRIGGER.search(word) or any(c in ACCENT_STAND_INS for c in word):
            forms = [unicodedata.normalize("NFC", word)]
            forms += [f for f in (combine(forms[0], True), combine(forms[0], False)) if f]
            found = next((f for f in forms if not TRIGGER.search(f) and self.lexicon.known(f)), None)
        self._known[word] = found
        return found

    def common(self, word: str) -> bool:
        """Whether ``word`` is a known word at least as frequent as ``COMMON_WORD`` (zipf 3):
        a split word needs a piece that is none; a dropped ligature must give one."""
        form = self.known(word)
        if form is None:
            return False
        frequency, language = self.lexicon.frequency(form)
        return frequency >= COMMON_WORD and language in self.lexicon.languages

    def score(self, word: str) -> float:
        """The lexicon's log-probability of ``word``, in its known form when it has one."""
        return self.lexicon.word_logprob(self.known(word) or word)

    def describe(self, word: str) -> str:
        """``scoring.describe`` of the known form of ``word``."""
        return describe(self.known(word) or word, self.lexicon)

    def edges(self, token: str) -> tuple[str | None, str | None, tuple[str, ...]]:
        """The word opening ``token`` and the one closing it (None where punctuation is),
        and all its words."""
        found = self._edges.get(token)
        if found is None:
            if token.isalpha():
                found = (token, token, (token,))
            else:
                words = list(STAND_IN_WORD.finditer(token))
                first = words[0].group() if words and words[0].start() == 0 else None
                last = words[-1].group() if words and words[-1].end() == len(token) else None
                found = (first, last, tuple(m.group() for m in words))
            self._edges[token] = found
        return found

    def flagged(self, token: str) -> bool:
        """Whether ``token`` may take part in a split or a dropped ligature: it holds a word
        that is no common word, or it is a ligature alone, and it is no address, path or
        identifier."""
        flagged = self._flagged.get(token)
        if flagged is None:
            words = [expand(w) for w in self.edges(token)[2]]
            flagged = any(w in LETTERS or not self.common(w) for w in words) and not TECHNICAL.search(token)
            self._flagged[token] = flagged
        return flagged

    def channel_word(self, word: str) -> str | None:
        """A known word some channel reads in ``word`` (then ``word`` is the mojibake pass's)."""
        for channel in self.channels:
            for reading, _ in channel.readings(word):
                if reading != word and self.known(reading):
                    return reading
        return None

    def window(self, tokens: tuple[str, ...]) -> _Join | None:
        """The split word two tokens (or three, a lone ligature in the middle) make, if any."""
        if tokens not in self._windows:
            left, right = self.edges(tokens[0])[1], self.edges(tokens[-1])[0]
            join = None
            if left is not None and right is not None and all(expand(t) in LETTERS for t in tokens[1:-1]):
                join = self._join((left, *tokens[1:-1], right))
            self._windows[tokens] = join
        return self._windows[tokens]

    def _join(self, pieces: tuple[str, ...]) -> _Join | None:
        """The joined reading of ``pieces``, when it is a known word and some piece is none."""
        if any(not p[0].islower() and not TRIGGER.match(p[0]) for p in pieces[1:]):
            return None  # the rest of a word starts in lower case ("Pﬁ zer", not "Mac Donald")
        spelled = [expand(p) for p in pieces]
        # a lone ligature between two pieces, or a lone code point, is no word
        words = [self.common(s) and p not in CODE_POINTS for p, s in zip(pieces, spelled)]
        if len(pieces) == 3:
            words[1] = False
        if all(words):
            return None
        gaps = ("",) if len(pieces) == 3 or _ligature_at_gap(spelled[0], spelled[1]) else LETTERS
        found = [
            (self.score(word) + SPLIT_ODDS + (INSERTED if gap else 0.0), word)
            for gap in gaps
            for word in [gap.join(spelled)]
            if self.known(word)
        ]
        if not found:
            return None
        best, word = max(found)
        apart = sum(self.score(s) for s in spelled)
        confidence = min(CAP, share(best, [s for s, _ in found] + [apart]))
        at_gap = (spelled[0][-1:] + spelled[1][:1]).lower()
        kind = next((rules.ligature_join_rule(name) for char, name in JOINING.items() if char in at_gap), rules.LIGATURE_SPLIT)
        odd = " + ".join(self.describe(s) for s, is_word in zip(spelled, words) if not is_word)
        return _Join(pieces, word, confidence, kind, f"{self.describe(word)} over {odd}")

    def dropped(self, word: str) -> tuple[str, float, str] | None:
        """(reading, confidence, evidence) of ``word`` with a dropped ligature put back."""
        if word not in self._dropped:
            self._dropped[word] = self._find_dropped(word)
        return self._dropped[word]

    def _find_dropped(self, word: str) -> tuple[str, float, str] | None:
        lexicon = self.lexicon
        if len(word) < DROPPED_MIN_LETTERS or not word.isalpha() or not (word.islower() or word.istitle()):
            return None
        if TRIGGER.search(word) or self.known(word):
            return None
        found = []
        for i in range(0 if word[0].islower() else 1, len(word) + 1):
            for letters in LETTERS:
                reading = word[:i] + letters + word[i:]
                if self.common(reading):
                    found.append((lexicon.word_logprob(reading) + DROPPED, reading))
        if not found:
            return None
        best, reading = max(found)
        confidence = min(CAP, share(best, [s for s, _ in found] + [lexicon.word_logprob(word)]))
        return reading, confidence, f"{self.describe(reading)} over {self.describe(word)}"

    def word(self, word: str, token: str) -> tuple[tuple[str, ...], float, str] | None:
        """(what each character becomes, confidence, evidence) for a word holding code
        points or stand-ins, or None to leave it as it is (also when some channel reads
        the whole ``token`` holding it as a word: "gem‰ﬂ" is "gemäß", not "gemäfl")."""
        key = (word, token)
        if key not in self._words:
            self._words[key] = self._read_word(word, token)
        return self._words[key]

    def _read_word(self, word: str, token: str) -> tuple[tuple[str, ...], float, str] | None:
        # a ligature is lower case: no stand-in before a capital is one ("\x0cLes")
        free = [i for i, c in enumerate(word) if STAND_IN.match(c) and not word[i + 1 : i + 2].isupper()]
        as_is = tuple(CODE_POINTS.get(c, c) for c in word)
        spelled = "".join(as_is)
        if free and len(free) <= MAX_STAND_INS and not self.known(spelled):
            # at the edge of a word, a stand-in may also be no letter at all (a page break)
            choices = [
                (*_options(c), *([""] if i in (0, len(word) - 1) else [])) if i in free else (part,)
                for i, (c, part) in enumerate(zip(word, as_is))
            ]
            readings: dict[str, tuple[str, ...]] = {}
            others = [self.score(spelled)]
            for parts in product(*choices):
                reading = "".join(parts)
                if parts == as_is or not self.known(reading):
                    continue
                if "" in parts:
                    page_break = any(part == "" and c == "\x0c" for c, part in zip(word, parts))
                    others.append(self.score(reading) + (PAGE_BREAK if page_break else NO_LETTER))
                elif reading not in readings:
                    readings[reading] = parts
            scores = {r: self.score(r) for r in readings}
            if scores and not self.channel_word(token):
                best = max(scores, key=scores.__getitem__)
                confidence = min(CAP, share(scores[best], [*scores.values(), *others]))
                return readings[best], confidence, f"{self.describe(best)} over {self.describe(word)}"
        if spelled == word or (token != word and self.channel_word(token)):
            return None
        if self.known(spelled):
            return as_is, CAP, self.describe(spelled)
        if self.channel_word(token):
            return None
        score = self.score(spelled)
        others = [self.score(r) for channel in self.channels for r, _ in channel.readings(word) if r != word]
        confidence = min(UNKNOWN_CAP, share(score, [score, *others]))
        return as_is, confidence, f"‘{spelled}’ unknown, and so is any channel's reading"


#: Punctuation stripped from a token's ends before reading it through the channels.
EDGE_PUNCTUATION = ".,;:!?()[]{}«»“”‘’\"'"


def _windows(flagged: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """(first token, number of tokens) of every window of two or three tokens holding a
    flagged one (a split word needs a piece that is no common word)."""
    count = len(flagged)
    for i in sorted({i for k, f in enumerate(flagged) if f for i in (k - 2, k - 1, k) if 0 <= i < count - 1}):
        for width in (2, 3):
            if i + width <= count and any(flagged[i : i + width]):
                yield i, width


def _worth_a_look(tokens: list[str], flagged: dict[str, bool], scan: _Scan) -> bool:
    """Whether a line's tokens (split at any blank) hold a split or a dropped ligature;
    ``flagged`` tells, for each flagged token, whether it holds a dropped ligature."""
    last = len(tokens) - 1
    for k, token in enumerate(tokens):
        dropped = flagged.get(token)
        if dropped is None:
            continue
        if dropped or (k and scan.window((tokens[k - 1], token))) or (k < last and scan.window((token, tokens[k + 1]))):
            return True
        if any(0 < m < last and tokens[m] in LONE and scan.window((tokens[m - 1], tokens[m], tokens[m + 1])) for m in (k - 1, k, k + 1)):
            return True
    return False


def _line_findings(number: int, text: str, scan: _Scan, continued: bool) -> list[_Finding]:
    """Every repair in one line: split words first, then the words outside them.

    A line ``continued`` from one ending in a hyphen opens with the rest of a word
    ("fur-" / "nished"), and a word before a hyphen ending the line is the start of one:
    neither is looked at for a dropped ligature.
    """
    matches = list(TOKEN.finditer(text))
    tokens = [m.group() for m in matches]
    flagged = [scan.flagged(token) for token in tokens]
    joins = []
    for i, width in _windows(flagged):
        join = scan.window(tuple(tokens[i : i + width]))
        if join is not None and not any(text[matches[k].end() : matches[k + 1].start()].strip(" ") for k in range(i, i + width - 1)):
            joins.append((i, width, join))  # pieces split by spaces, not tabs
    used: set[int] = set()
    findings = []
    for i, width, join in sorted(joins, key=lambda found: (-found[2].confidence, -found[1])):
        if used.intersection(range(i, i + width)):
            continue
        used.update(range(i, i + width))
        start = matches[i].end() - len(join.pieces[0])
        end = matches[i + width - 1].start() + len(join.pieces[-1])
        edit_start, edit_end, after = _span_edit(text[start:end], join.word)
        edits: tuple[tuple[int, int, str], ...] = ((start + edit_start, start + edit_end, after),)
        findings.append(_Finding(number, edits, join.kind, join.confidence, join.evidence))
    for i, match in enumerate(matches):
        if i in used:
            continue
        for word_match in STAND_IN_WORD.finditer(match.group()):
            word, offset = word_match.group(), match.start() + word_match.start()
            if TRIGGER.search(word):
                found = scan.word(word, match.group().strip(EDGE_PUNCTUATION))
                if found is not None:
                    parts, confidence, evidence = found
                    edits = tuple((offset + k, offset + k + 1, part) for k, part in enumerate(parts) if part != word[k])
                    kind = rules.LIGATURE_CODEPOINT if all(text[a] in CODE_POINTS for a, _, _ in edits) else rules.LIGATURE_REPLACED
                    accents = frozenset(c for c, part in zip(word, parts) if c in ACCENT_STAND_INS and part in LETTERS)
                    lone = sum(c.isalpha() and c not in ACCENT_STAND_INS for c in word) <= 1
                    reading = "".join(parts).casefold()
                    findings.append(_Finding(number, edits, kind, confidence, evidence, accents=accents, reading=reading, lone=lone))
                continue
            end = offset + len(word)
            cut = (continued and offset == matches[0].start()) or (text[end : end + 1] == "-" and not text[end + 1 :].strip())
            dropped = scan.dropped(word) if flagged[i] and not cut else None
            if dropped is not None:
                reading, confidence, evidence = dropped
                edit_start, edit_end, after = _span_edit(word, reading)
                edits = ((offset + edit_start, offset + edit_end, after),)
                findings.append(_Finding(number, edits, rules.LIGATURE_DROPPED, confidence, evidence, word.casefold()))
    return findings


def _accents_shown(findings: Sequence[_Finding], bar: float) -> dict[str, set[str]]:
    """Per spacing accent, the words (folded readings) in which the document clearly
    shows it standing for a ligature: sure readings of words that, the accents read as
    accents, are no word and no lone letter."""
    shown: dict[str, set[str]] = {}
    for finding in findings:
        if finding.accents and not finding.lone and finding.confidence >= bar:
            for accent in finding.accents:
                shown.setdefault(accent, set()).add(finding.reading)
    return shown


def _accent_evidence(finding: _Finding, shown: dict[str, set[str]]) -> tuple[float, str]:
    """The confidence of a finding that reads spacing accents as ligatures, and the
    evidence to add to it.

    A spacing accent is a character of its own (a tilde, a dot), so it is read as a
    ligature only where the document shows that very accent standing for a ligature in
    another word, and where the word, the accent read as an accent, is no lone letter
    (a symbol: "˜y" is a y with a tilde, not "fly"); otherwise at most ``NO_EVIDENCE_CAP``.
    """
    others = {accent: len(shown.get(accent, set()) - {finding.reading}) for accent in sorted(finding.accents)}
    note = "; " + ", ".join(f"‘{accent}’ a ligature in {count} other word{'' if count == 1 else 's'}" for accent, count in others.items())
    if finding.lone:
        return min(finding.confidence, NO_EVIDENCE_CAP), "; a lone letter with an accent as it stands" + note
    if not all(others.values()):
        return min(finding.confidence, NO_EVIDENCE_CAP), note
    return finding.confidence, note


def repair(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Propose every ligature repair of the document (see the module docstring).

    Lines without a code point or stand-in, and without a token that may be part of a
    split or a dropped ligature, cost a scan and nothing more.

    Confidence is the softmax of the lexicon's log-probabilities of the reading, the
    word as it is, and the other readings found (split words and dropped ligatures
    weighted by the prior odds ``SPLIT_ODDS``, ``INSERTED``, ``DROPPED``), at most ``CAP``.
    A code point spelled out into no known word is weighed against the channels'
    readings only, at most ``UNKNOWN_CAP``; a dropped ligature without the document's
    evidence gets at most ``NO_EVIDENCE_CAP``, below the bar.
    """
    scan = _Scan(ctx.lexicon, ctx.channels)
    texts = doc.texts
    selected = {n for n, text in enumerate(texts) if TRIGGER.search(text)} if TRIGGER.search("\n".join(texts)) else set()
    split = [text.split() for text in texts]
    flagged = {
        token: any(scan.dropped(w) for w in scan.edges(token)[2])
        for token in set(chain.from_iterable(split))
        if scan.flagged(token)
    }
    if flagged:
        for number, tokens in enumerate(split):
            if number not in selected and not flagged.keys().isdisjoint(tokens) and _worth_a_look(tokens, flagged, scan):
                selected.add(number)
    findings = [
        f for number in sorted(selected)
        for f in _line_findings(number, texts[number], scan, number > 0 and texts[number - 1].rstrip().endswith("-"))
    ]
    if not findings:
        return
    dropped = {f.word for f in findings if f.kind == rules.LIGATURE_DROPPED and f.confidence >= ctx.min_confidence}
    earlier = sum(edit.restores_ligature for line in doc.lines for edit in line.edits)
    shown = _accents_shown(findings, ctx.min_confidence)
    repaired = earlier + sum(
        f.kind != rules.LIGATURE_DROPPED and (_accent_evidence(f, shown)[0] if f.accents else f.confidence) >= ctx.min_confidence
        for f in findings
    )
    evidenced = len(dropped) >= EVIDENCE or repaired >= EVIDENCE
    note = f"; {len(dropped)} words with a dropped ligature, {repaired} ligatures repaired otherwise"
    for finding in findings:
        confidence, evidence = finding.confidence, finding.evidence
        if finding.kind == rules.LIGATURE_DROPPED:
            confidence = confidence if evidenced else min(confidence, NO_EVIDENCE_CAP)
            evidence += note
        elif finding.accents:
            confidence, more = _accent_evidence(finding, shown)
            evidence += more
        if confidence < SUSPICION_FLOOR:
            continue
        step = Step(finding.kind, confidence, evidence)
        for start, end, after in finding.edits:
            yield Proposal(finding.line, start, end, after, step)
