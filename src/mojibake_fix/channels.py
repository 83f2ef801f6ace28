"""Code-page confusions ("channels"), their tables, and the readings they give a token.

A channel names a mistake: text whose bytes were in one encoding was decoded as another.
Single-byte channels (``SingleByteChannel``) map one character to one character; UTF-8
channels (``Utf8Channel``) map runs of characters to one, and may be applied twice.
Every table is computed from Python's own codecs (256 bytes per channel, so it is
cheap); nothing is typed by hand.

>>> channel = get_channel("mac_roman>cp1252")
>>> channel.repair_map["Ž"], channel.repair_map["Õ"], channel.repair_map["ˆ"]
('é', '’', 'à')
>>> sorted(channel.lost_letters)
['Å', 'ç', 'è', 'ê', 'ù']
>>> channel.damage("siège à l’eau")
'si•ge ˆ lÕeau'
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import ClassVar

import regex

from .align import splice

#: What a reader writes where a byte has no character in its code page.  Tools differ:
#: some keep the byte as a C1 control (handled by the byte tables themselves), some
#: write U+FFFD, and many PDF producers write a bullet.
PLACEHOLDERS = ("\u2022", "\ufffd")

#: Channels tried by default, as ``"true>read"``: adding a confusion is one line here.
DEFAULT_CHANNELS = (
    # Mac files read on Windows, and back
    "mac_roman>cp1252",
    "cp1252>mac_roman",
    # DOS files read on Windows, and back
    "cp850>cp1252",
    "cp437>cp1252",
    "cp1252>cp850",
    "cp1252>cp437",
    # Central European code pages
    "cp1250>cp1252",
    "iso8859_2>cp1252",
    "cp1252>cp1250",
    "cp1250>iso8859_2",
    "iso8859_2>cp1250",
    # Cyrillic code pages
    "cp1251>cp1252",
    "koi8_r>cp1252",
    "cp1251>koi8_r",
    "koi8_r>cp1251",
    # UTF-8 read as a single-byte code page, once or twice
    "utf-8>cp1252",
    "utf-8>latin-1",
    "utf-8>mac_roman",
    "utf-8>cp1252>cp1252",
)


@cache
def _repertoire(codec: str) -> frozenset[str]:
    """The characters of bytes 0x80-0xFF in ``codec`` (undefined ones as C1 controls), with
    the placeholders that stand for lost bytes and the lone accents extractors write."""
    return frozenset(decode_byte(codec, byte, sloppy=True) or "" for byte in range(0x80, 0x100)) | set(PLACEHOLDERS) | set(SPACING_ACCENT_ALIASES)


def decode_byte(codec: str, byte: int, sloppy: bool) -> str | None:
    """Decode one byte; undefined bytes give None, or their Latin-1 C1 control if sloppy.

    >>> decode_byte("cp1252", 0x8F, sloppy=True)
    '\\x8f'
    >>> decode_byte("cp1252", 0x8F, sloppy=False) is None
    True
    """
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return chr(byte) if sloppy else None


#: Subsets of distinct suspicious characters (or runs) tried for a token with at most this many.
MAX_SUBSET = 4
#: Readings generated for one subset at most (placeholders multiply them).
MAX_COMBINATIONS = 216


class Channel:
    """What every channel offers the engine."""

    #: every character this channel may have produced (what a suspicious token holds)
    suspicious: frozenset[str]
    #: whether a token's clear reading through this channel is evidence for the channel
    #: even where that token is judged: UTF-8 sequences vouch for themselves by their
    #: form ("Ã\x88" is "È"), one byte read as another does not ("Ñ" is no "С")
    self_evident: ClassVar[bool] = False

    def readings(
        self, token: str, evidenced: bool = True, inside_line: bool = False, letters: frozenset[str] = frozenset(), partial: bool = True
    ) -> Iterator[tuple[str, bool]]:
        """Every reading of ``token`` under this channel, with whether it is partial
        (repairs only some of the characters it could); without ``partial``, only the
        full readings.

        ``letters`` are the non-ASCII letters of the document's languages: where a
        token has readings with only such letters, only those are tried
        (``_combinations``).
        """
        raise NotImplementedError

    def suspects(self, token: str) -> set[int]:
        """The positions in ``token`` of the characters this channel would change."""
        raise NotImplementedError

    @property
    def name(self) -> str:
        """The channel's name, as rules give it: ``true>read``."""
        raise NotImplementedError

    @property
    def shown_by(self) -> str:
        """The code page the damaged text was last read as."""
        raise NotImplementedError

    def could_write(self, text: str, letters: frozenset[str] = frozenset()) -> bool:
        """Whether text read through this channel can hold every character of ``text``:
        beyond ASCII and ``letters`` (lower case: a document's own letters, which a line
        partly damaged keeps, as Czech "ř" beside Mac-Roman damage), only what the last
        code page shows, placeholders and lone accents.  A line holding "→" was never
        read as cp437, which has no arrow.

        >>> get_channel("cp1252>cp437").could_write("maεtre ≈ 3"), get_channel("cp1252>cp437").could_write("x → ∞")
        (True, False)
        >>> get_channel("mac_roman>cp1252").could_write("přid‡vaných", frozenset("řý"))
        True
        """
        shown = _repertoire(self.shown_by)
        return all(c.isascii() or c in shown or c.lower() in letters for c in set(text))

    def read_length(self, token: str) -> int:
        """How long ``token`` is once read back (a single-byte channel keeps lengths)."""
        return len(token)

    def damage(self, text: str, placeholder: str = "\u2022") -> str:
        """Simulate this confusion on clean text."""
        raise NotImplementedError


def _combinations(
    options: Sequence[tuple[str, ...]], letters: frozenset[str], lowered: Sequence[bool] = ()
) -> Iterator[tuple[str, ...]]:
    """Up to ``MAX_COMBINATIONS`` choices of one option per span, each span keeping to
    the options that write no letter other than ASCII and ``letters`` where it has any;
    a span ``lowered`` (it follows a lower-case letter) counts no capital as such: in
    Portuguese "seq•ência", "•" is "ü" (a letter of older spelling) before it is "É".

    A placeholder in a Russian word read as cp1252 hides one of "с", "э", "я", "ѕ",
    "ѐ", "ѝ"; the last three are no Russian letters, and a word with four
    placeholders has 1296 readings, 81 with Russian letters only.  A span with no such
    option ("Â" on the way to "«" in Russian read twice) keeps all of its own, and
    narrows nothing else.

    >>> next(_combinations([("ѕ", "с", "я")] * 4, frozenset("ся")))
    ('с', 'с', 'с', 'с')
    >>> len(list(_combinations([("ѕ", "с", "я")] * 4, frozenset()))), len(list(_combinations([("ѕ", "с")], frozenset("с"))))
    (81, 1)
    >>> len(list(_combinations([("Â",)] + [("ѕ", "с")] * 3, frozenset("с"))))
    1
    """

    lowered = lowered or [False] * len(options)
    chosen = [_native_options(tuple(choices), letters, low) for choices, low in zip(options, lowered)] if letters else options
    yield from itertools.islice(itertools.product(*chosen), MAX_COMBINATIONS)


@lru_cache(maxsize=1 << 12)
def _native_options(choices: tuple[str, ...], letters: frozenset[str], lowered: bool = False) -> tuple[str, ...]:
    """The ``choices`` that write no letter other than ASCII and ``letters`` (and, where
    ``lowered``, no capital), or all of them when none does (cached: a document meets
    the same few choices again and again).

    >>> _native_options(("ѕ", "с", "я"), frozenset("ся")), _native_options(("Â",), frozenset("с"))
    (('с', 'я'), ('Â',))
    >>> _native_options(("ü", "É"), frozenset("é")), _native_options(("ü", "É"), frozenset("é"), lowered=True)
    (('É',), ('ü', 'É'))
    """
    native = tuple(
        o for o in choices if all(not c.isalpha() or ((c.isascii() or c.lower() in letters) and not (lowered and c.isupper())) for c in o)
    )
    return native or choices


def _lowered(token: str, start: int, letters: frozenset[str]) -> bool:
    """Whether the span of ``token`` at ``start`` follows a lower-case letter, ASCII or of
    ``letters`` (the "â" of "Ã‘â€š" is no letter of the text, but a piece of damage).

    >>> _lowered("seq•", 3, frozenset()), _lowered("â€š", 1, frozenset("с"))
    (True, False)
    """
    before = token[start - 1 : start]
    return before.islower() and (before.isascii() or before in letters)


def _subset_readings(
    token: str,
    positions: list[tuple[int, int, tuple[str, ...]]],
    letters: frozenset[str] = frozenset(),
    partial: bool = True,
) -> Iterator[tuple[str, bool]]:
    """Readings replacing spans ``(start, end, options)`` of ``token``: all, or some.

    Spans are grouped by the text they cover; with ``partial``, every non-empty subset
    of those groups is tried when there are at most ``MAX_SUBSET`` (a token may mix
    broken and correct text, "lÕécoBUDGET"), otherwise all of them, and all but those at
    either end of the token: the quotation marks around a broken word are often right
    ("«ðÕÓÔÏÅ»" is "«Пустое»" read as cp1252 from KOI8-R).

    >>> spans = [(i, i + 1, (c.upper() if c.isalpha() else "?",)) for i, c in enumerate("«abcde»")]
    >>> sorted(_subset_readings("«abcde»", spans))
    [('?ABCDE?', False), ('?ABCDE»', True), ('«ABCDE?', True), ('«ABCDE»', True)]
    """
    if not positions:
        return
    distinct = sorted({token[a:b] for a, b, _ in positions})
    if partial and len(distinct) <= MAX_SUBSET:
        subsets = [set(c) for r in range(1, len(distinct) + 1) for c in itertools.combinations(distinct, r)]
    else:
        subsets = [set(distinct)]
        if partial:
            edges = [{token[a:b] for a, b, _ in positions if a in ends or b in ends} for ends in ({0}, {len(token)}, {0, len(token)})]
            subsets += [set(distinct) - edge for edge in edges if edge and edge < set(distinct)]
    seen = set()
    for subset in subsets:
        chosen = [(a, b, options) for a, b, options in positions if token[a:b] in subset]
        partial = len(subset) < len(distinct)
        for combo in _combinations([o for _, _, o in chosen], letters, [_lowered(token, a, letters) for a, _, _ in chosen]):
            text = splice(token, ((a, b, reading) for (a, b, _), reading in zip(chosen, combo)))
            if text not in seen:
                seen.add(text)
                yield text, partial


@dataclass(frozen=True, eq=False)
class SingleByteChannel(Channel):
    """Bytes in ``true_codec`` read as ``read_codec``, with the tables to undo it."""

    true_codec: str
    read_codec: str
    #: damaged character -> the character the bytes really meant
    repair_map: dict[str, str] = field(init=False, repr=False)
    #: letters of ``true_codec`` whose bytes ``read_codec`` cannot show
    lost_letters: frozenset[str] = field(init=False, repr=False)
    #: real character -> how it looks after the damage (for tests and corpora)
    damage_map: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        repair: dict[str, str] = {}
        damage: dict[str, str] = {}
        lost: set[str] = set()
        for byte in range(0x80, 0x100):
            meant = decode_byte(self.true_codec, byte, sloppy=False)
            shown = decode_byte(self.read_codec, byte, sloppy=True)
            if meant is None or shown is None or meant == shown:
                continue
            repair[shown] = meant
            damage[meant] = shown
            if decode_byte(self.read_codec, byte, sloppy=False) is None and meant.isalpha():
                lost.add(meant)  # a placeholder stands for a letter, not for KOI8-R's "│" or a control
        object.__setattr__(self, "repair_map", repair)
        object.__setattr__(self, "damage_map", damage)
        object.__setattr__(self, "lost_letters", frozenset(lost))
        extra = set(PLACEHOLDERS) if lost else set()
        object.__setattr__(self, "suspicious", frozenset(repair) | extra | set(SPACING_ACCENT_ALIASES))

    @property
    def name(self) -> str:
        """The channel's name as used in rules: ``true>read``."""
        return f"{self.true_codec}>{self.read_codec}"

    @property
    def shown_by(self) -> str:
        return self.read_codec

    def char_readings(self, char: str) -> tuple[str, ...]:
        """Every character ``char`` may stand for under this channel (empty if none).

        >>> get_channel("mac_roman>cp1252").char_readings("•")
        ('ï', 'Å', 'ç', 'è', 'ê', 'ù')
        >>> get_channel("mac_roman>cp1252").char_readings("a")
        ()
        """
        direct = self.repair_map.get(char)
        found: tuple[str, ...] = (direct,) if direct else ()
        if char in PLACEHOLDERS and self.lost_letters:
            found += tuple(sorted(self.lost_letters - set(found)))
        return found

    def _positions(self, token: str, evidenced: bool, inside_line: bool) -> list[tuple[int, int, tuple[str, ...]]]:
        """(index, index + 1, readings) for each character of ``token`` the channel could repair.

        A placeholder stands for a letter the channel lost inside or beside a word; alone
        only where the channel is ``evidenced`` and the token is ``inside_line`` (the
        Italian "è" written "•" between two words).  U+FFFD, which any decoding error
        leaves, is read as a lost letter only where the channel is evidenced.  A lone
        combining accent opening the token reads as its spacing form.
        """
        found = []
        for index, char in enumerate(token):
            if index == 0 and char in SPACING_ACCENT_ALIASES:
                char = SPACING_ACCENT_ALIASES[char]
            readings = self.char_readings(char)
            if not readings or (char == "\ufffd" and not evidenced):
                continue
            if char in PLACEHOLDERS and not (evidenced and inside_line and token == char):
                beside = token[max(index - 1, 0) : index] + token[index + 1 : index + 2]
                if not any(c.isalpha() or c in "'’" for c in beside):
                    continue
            found.append((index, index + 1, readings))
        return found

    def readings(
        self, token: str, evidenced: bool = True, inside_line: bool = False, letters: frozenset[str] = frozenset(), partial: bool = True
    ) -> Iterator[tuple[str, bool]]:
        """Every reading of ``token``, with whether it repairs only some characters.

        >>> sorted(get_channel("mac_roman>cp1252").readings("lÕé"))
        [('lÕÈ', True), ('l’È', False), ('l’é', True)]
        """
        return _subset_readings(token, self._positions(token, evidenced, inside_line), letters, partial)

    def suspects(self, token: str) -> set[int]:
        """The positions of the characters of ``token`` the channel could repair.

        >>> sorted(get_channel("mac_roman>cp1252").suspects("lÕeau"))
        [1]
        """
        return {a for a, _, _ in self._positions(token, True, False)}

    def damage(self, text: str, placeholder: str = "\u2022") -> str:
        """Simulate this confusion on clean text; lost letters become ``placeholder``.

        Pass ``placeholder=""`` to keep the C1 control a sloppy decoder would show.
        """
        out = []
        for char in text:
            shown = self.damage_map.get(char, char)
            if char in self.lost_letters and placeholder:
                shown = placeholder
            out.append(shown)
        return "".join(out)


@dataclass(frozen=True, eq=False)
class Utf8Channel(Channel):
    """UTF-8 bytes read as a single-byte code page, ``len(read_codecs)`` times over.

    >>> channel = get_channel("utf-8>cp1252")
    >>> sorted(channel.readings("lÃ©gal"))
    [('légal', False)]
    >>> channel.damage("déjà vu")
    'dÃ©jÃ\xa0 vu'
    """

    self_evident: ClassVar[bool] = True
    read_codecs: tuple[str, ...]
    #: per read codec: character -> the byte it shows (undefined bytes as C1 controls)
    _bytes: tuple[dict[str, int], ...] = field(init=False, repr=False)
    #: per read codec: the continuation bytes it cannot show (lost behind a placeholder)
    _lost: tuple[tuple[int, ...], ...] = field(init=False, repr=False)
    #: one UTF-8 character's bytes as the last read codec shows them (``sequence``)
    _sequence: re.Pattern[str] = field(init=False, repr=False)
    #: the characters the last read codec shows for lead bytes (0xC2-0xF4) and for
    #: continuation bytes (0x80-0xBF; a placeholder too where it cannot show some)
    leads: frozenset[str] = field(init=False, repr=False)
    tails: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        tables, lost = [], []
        for codec in self.read_codecs:
            table = {}
            for byte in range(256):
                char = decode_byte(codec, byte, sloppy=True)
                assert char is not None
                table[char] = byte
            tables.append(table)
            lost.append(tuple(b for b in range(0x80, 0xC0) if decode_byte(codec, b, sloppy=False) is None))
        object.__setattr__(self, "_bytes", tuple(tables))
        object.__setattr__(self, "_lost", tuple(lost))
        outer = tables[-1]
        suspicious = {char for char, byte in outer.items() if byte >= 0x80}
        if lost[-1]:
            suspicious |= set(PLACEHOLDERS)
        object.__setattr__(self, "suspicious", frozenset(suspicious))

        def shown(low: int, high: int) -> set[str]:
            return {char for char, byte in outer.items() if low <= byte <= high}

        tails = shown(0x80, 0xBF) | (set(PLACEHOLDERS) if lost[-1] else set())
        object.__setattr__(self, "leads", frozenset(shown(0xC2, 0xF4)))
        object.__setattr__(self, "tails", frozenset(tails))
        tail = char_class(tails)
        pattern = "|".join(f"{char_class(shown(low, high))}{tail}{{{need}}}" for low, high, need in ((0xC2, 0xDF, 1), (0xE0, 0xEF, 2), (0xF0, 0xF4, 3)))
        object.__setattr__(self, "_sequence", re.compile(pattern))

    @property
    def sequence(self) -> re.Pattern[str]:
        """A pattern for one UTF-8 character's bytes as the last reading shows them: a
        lead byte and its continuation bytes (a placeholder may be one of those).

        >>> channel = get_channel("utf-8>cp1250")
        >>> channel.sequence.findall("fĂĽr Ă„nderung"), channel.sequence.search("für Änderung")
        (['ĂĽ', 'Ă„'], None)
        """
        return self._sequence

    @property
    def name(self) -> str:
        """``utf-8>read`` (``>read`` once more per extra reading)."""
        return ">".join(("utf-8", *self.read_codecs))

    @property
    def shown_by(self) -> str:
        return self.read_codecs[-1]

    def _runs(self, token: str, level: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, readings) of each stretch of ``token`` that is one UTF-8 character.

        A lead byte ending the token may have lost a no-break space (U+00A0, byte 0xA0)
        that the extraction turned into the following space ("voilÃ  tout").
        """
        table, lost = self._bytes[level], self._lost[level]
        runs = []
        index = 0
        while index < len(token):
            lead = table.get(token[index])
            if lead is None or not 0xC2 <= lead <= 0xF4:
                index += 1
                continue
            need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
            tail = token[index + 1 : index + 1 + need]
            options = []
            for combo in itertools.product(*(self._continuations(c, table, lost) for c in tail)):
                if len(combo) == need:
                    try:
                        char = bytes([lead, *combo]).decode("utf-8")
                    except UnicodeDecodeError:
                        continue
                    if unicodedata.is_normalized("NFC", char):  # not ";" as U+037E, "Å" as U+212B
                        options.append(char)
            if not tail and need == 1 and index == len(token) - 1:
                options.append(bytes([lead, 0xA0]).decode("utf-8"))
            if options:
                runs.append((index, index + 1 + len(tail), tuple(dict.fromkeys(options))))
                index += 1 + len(tail)
            else:
                index += 1
        return runs

    @staticmethod
    def _continuations(char: str, table: dict[str, int], lost: tuple[int, ...]) -> tuple[int, ...]:
        """The continuation bytes ``char`` may show: its own byte, and for a placeholder
        also every byte the code page could not show."""
        byte = table.get(char)
        own = (byte,) if byte is not None and 0x80 <= byte <= 0xBF else ()
        return own + lost if char in PLACEHOLDERS else own

    def _decode_level(self, token: str, level: int, letters: frozenset[str] = frozenset()) -> Iterator[str]:
        """``token`` with every UTF-8 run of one reading decoded, once per combination of
        the runs' options (a placeholder stands for every byte it may have hidden), at
        most ``MAX_COMBINATIONS``.

        >>> list(get_channel("utf-8>cp1252>cp1252")._decode_level("HÃ•", 0))
        ['HÕ', 'HÁ', 'HÍ', 'HÏ', 'HÐ', 'HÝ']
        """
        runs = self._runs(token, level)
        for combo in _combinations([o for _, _, o in runs], letters):
            yield splice(token, ((start, end, reading) for (start, end, _), reading in zip(runs, combo)))

    def readings(
        self, token: str, evidenced: bool = True, inside_line: bool = False, letters: frozenset[str] = frozenset(), partial: bool = True
    ) -> Iterator[tuple[str, bool]]:
        """Readings of ``token``: every subset of its runs once, or all of it each time over
        (with every byte a placeholder may have hidden at each reading).

        >>> sorted(text for text, _ in get_channel("utf-8>cp1252>cp1252").readings("cafÃƒÂ©"))
        ['café']
        """
        runs = self._runs(token, len(self.read_codecs) - 1)
        if not runs:
            return
        if len(self.read_codecs) == 1:
            if not evidenced:
                runs = [(a, b, o) for a, b, o in runs if not any(c in PLACEHOLDERS for c in token[a:b])]
            yield from _subset_readings(token, runs, letters, partial)
            return
        texts = [token]
        views = self._views(letters)
        for level in reversed(range(len(self.read_codecs))):
            found = (t for text in texts for t in self._decode_level(text, level, views[level]))
            texts = list(itertools.islice(dict.fromkeys(found), MAX_COMBINATIONS))
        lost = sum(token.count(placeholder) for placeholder in PLACEHOLDERS)
        for text in texts:
            # as above: without evidence a placeholder may be a bullet, read it as no byte
            if text != token and (evidenced or sum(text.count(p) for p in PLACEHOLDERS) == lost):
                yield text, False

    def _views(self, letters: frozenset[str]) -> list[frozenset[str]]:
        """Per reading level, the characters (lower case) that ``letters`` show as once
        decoding that level: the letters themselves at the first reading, and for the
        reading over it the letters among their bytes as the first reading showed them
        ("а" as "Ð°", "ð" in lower case), so that a placeholder there is read as what
        leads to such a letter.

        >>> sorted(get_channel("utf-8>cp1252>cp1252")._views(frozenset("а"))[1])
        ['ð']
        """
        return _letter_views(self.read_codecs, letters)

    def read_length(self, token: str) -> int:
        """How long ``token`` is with every UTF-8 run of every reading decoded.

        >>> get_channel("utf-8>cp1252>cp1252").read_length("cafÃƒÂ©")
        4
        """
        for level in reversed(range(len(self.read_codecs))):
            token = next(self._decode_level(token, level), token)
        return len(token)

    def suspects(self, token: str) -> set[int]:
        """The positions of the characters of ``token`` that belong to UTF-8 runs.

        >>> sorted(get_channel("utf-8>cp1252").suspects("lÃ©gal"))
        [1, 2]
        """
        return {i for a, b, _ in self._runs(token, len(self.read_codecs) - 1) for i in range(a, b)}

    def damage(self, text: str, placeholder: str = "\u2022") -> str:
        """Encode as UTF-8 and read as each read codec in turn; lost bytes become ``placeholder``."""
        for table, lost in zip(self._bytes, self._lost):
            shown = {byte: char for char, byte in table.items()}
            text = "".join(
                placeholder if byte in lost and placeholder else shown[byte] for byte in text.encode("utf-8")
            )
        return text


def char_class(chars: set[str] | frozenset[str]) -> str:
    """A regular-expression class of ``chars``.

    >>> char_class({"é", "Ã"})
    '[Ãé]'
    """
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


@lru_cache(maxsize=64)
def _letter_views(read_codecs: tuple[str, ...], letters: frozenset[str]) -> list[frozenset[str]]:
    """``Utf8Channel._views`` for the channel reading through ``read_codecs``."""
    views, shown = [letters], {c for letter in letters for c in (letter, letter.upper())}
    for codec in read_codecs[:-1]:
        shown = {c for char in shown for c in char.encode("utf-8").decode(codec, errors="replace")}
        views.append(frozenset(c.lower() for c in shown if c.isalpha()))
    return views


def _spacing_accent_aliases() -> dict[str, str]:
    """Map each lone combining accent to its spacing form (U+0302 -> "ˆ").

    Some extractors turn a spacing accent such as "ˆ" into the combining mark; standing
    after a space it has no letter to sit on, and it means what the spacing form means.
    Unicode's compatibility decompositions give most pairs; two spacing accents have
    none and are added explicitly.
    """
    aliases = {"\u0302": "\u02c6", "\u030c": "\u02c7"}
    for code in range(0xA0, 0x2E0):
        char = chr(code)
        parts = unicodedata.decomposition(char).split()
        if len(parts) == 3 and parts[0] == "<compat>" and parts[1] == "0020":
            aliases.setdefault(chr(int(parts[2], 16)), char)
    return aliases


#: lone combining accent -> spacing accent, e.g. "\u0302" -> "ˆ"
SPACING_ACCENT_ALIASES = _spacing_accent_aliases()

#: Tokens longer than this, read back, are left alone (URLs, base64, runs of symbols);
#: so are those more than ``MAX_EXPANSION`` times longer (a Cyrillic word read as
#: cp1252 twice takes four to six characters a letter).
MAX_TOKEN, MAX_EXPANSION = 60, 8


def short_enough(token: str, channels: Sequence[Channel]) -> bool:
    """Whether ``token`` is short enough to judge: at most ``MAX_TOKEN`` characters as it
    stands or as some channel reads it back.

    >>> word = get_channel("utf-8>cp1252>cp1252").damage("последовательности")
    >>> len(word) > MAX_TOKEN, short_enough(word, [get_channel("utf-8>cp1252>cp1252")])
    (True, True)
    """
    if len(token) <= MAX_TOKEN:
        return True
    return len(token) <= MAX_TOKEN * MAX_EXPANSION and any(c.read_length(token) <= MAX_TOKEN for c in channels)


def suspicious_pattern(channels: Sequence[Channel]) -> regex.Pattern[str]:
    """One compiled class of every character some channel could have produced."""
    return _suspicious_pattern(tuple(channels))


@lru_cache(maxsize=16)
def _suspicious_pattern(channels: tuple[Channel, ...]) -> regex.Pattern[str]:
    chars = suspicious_characters(channels)
    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")


_CACHE: dict[str, Channel] = {}


def suspicious_characters(channels: Iterable[Channel]) -> frozenset[str]:
    """Every character one of ``channels`` may have produced.

    >>> found = suspicious_characters([get_channel("mac_roman>cp1252"), get_channel("utf-8>cp1252")])
    >>> "Ž" in found, "Ã" in found, "a" in found
    (True, True, False)
    """
    return frozenset().union(*(channel.suspicious for channel in channels))


def get_channel(name: str) -> Channel:
    """The channel called ``true>read`` (codec names as Python spells them).

    ``utf-8>read`` is UTF-8 read as ``read``; ``utf-8>read>read`` the same done twice.

    >>> get_channel("cp1252>mac_roman").repair_map["È"]
    'é'
    >>> get_channel("utf-8>cp1252>cp1252").damage("é")
    'ÃƒÂ©'
    """
    if name not in _CACHE:
        parts = name.split(">")
        if len(parts) < 2 or not all(parts):
            raise ValueError(f"channel {name!r} is not of the form 'true_codec>read_codec'")
        try:
            if _is_utf8(parts[0]):
                _CACHE[name] = Utf8Channel(tuple(parts[1:]))
            elif len(parts) == 2:
                _CACHE[name] = SingleByteChannel(parts[0], parts[1])
            else:
                raise ValueError(f"channel {name!r}: only UTF-8 can be read wrongly twice here")
        except LookupError as exc:
            raise ValueError(f"channel {name!r}: {exc}") from None
    return _CACHE[name]


def _is_utf8(codec: str) -> bool:
    return codecs.lookup(codec).name == "utf-8"
