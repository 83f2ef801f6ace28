"""UTF-8 read through further code pages: channels a document joins where it shows them.

ftfy reads UTF-8 back through every code page it knows, but only in the lines its
heuristics find bad, and German read as cp1250 ("fĂĽr", both letters upper case in
cp1250) or as cp437 ("f├╝r") passes them.  The mojibake pass reads such tokens well,
with the document's evidence, once a channel names the confusion; naming every code
page in every document would widen every clean text's screen and give every token more
readings.  So a channel of ``SHOWN_CHANNELS`` joins a document's channels only where
one of its tokens shows the confusion by itself (``shows``): the token holds one UTF-8
character's bytes as the code page shows them, is no word as it stands, and is a word
some language lists once read back ("fĂĽr" is "für").  That decides only which readings
the mojibake pass weighs; each change still needs the evidence its rule asks for.

The evidence is the text's own, so the engine asks again each round, and cleaning the
output again finds nothing more to read.

>>> from mojibake_fix.channels import get_channel
>>> candidates = [get_channel(name) for name in SHOWN_CHANNELS]
>>> [channel.name for channel in shown_channels(["Die Argumente fĂĽr Optionen"], candidates)]
['utf-8>cp1250', 'utf-8>iso8859_2']
>>> shown_channels(["Die Argumente für Optionen", "ĂĽ ├─┤ ΣΕΛΊΔΑ"], candidates)
()
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .channels import Channel, Utf8Channel, char_class
from .lexicon import worded

#: UTF-8 read through the code pages ftfy knows beyond the default channels, and cp850:
#: tried in a document only where it shows them.
SHOWN_CHANNELS = (
    "utf-8>cp1250",
    "utf-8>iso8859_2",
    "utf-8>cp1251",
    "utf-8>cp1253",
    "utf-8>cp1254",
    "utf-8>cp1257",
    "utf-8>cp437",
    "utf-8>cp850",
)
#: Distinct tokens with a UTF-8 character's bytes tried per channel at most: a text
#: that shows a confusion shows it in its first few.
MAX_TRIED = 64
#: Longer tokens are not tried (a line of base64 is one token).
MAX_TOKEN = 64
#: What separates tokens (a no-break space may be a byte of the mojibake: "Ã\xa0").
SEPARATORS = " \t\n"


def shown_channels(texts: Sequence[str], candidates: Sequence[Channel]) -> tuple[Channel, ...]:
    """The UTF-8 ``candidates`` that some token of ``texts`` shows (``shows``), in order.

    One scan finds where a lead byte is followed by a continuation byte as any of them
    shows it (a clean text has few such places, and most have none); each candidate's
    pattern is tried only there, on at most ``MAX_TRIED`` distinct tokens.
    """
    utf8 = tuple(channel for channel in candidates if isinstance(channel, Utf8Channel))
    if not utf8:
        return ()
    joined = "\n".join(texts)
    tried: dict[Utf8Channel, set[str]] = {channel: set() for channel in utf8}
    found: set[Utf8Channel] = set()
    pairs, by_lead = _pairs(utf8)
    for place in pairs.finditer(joined):
        for channel in by_lead[place.group()]:
            if channel in found or len(tried[channel]) >= MAX_TRIED:
                continue
            match = channel.sequence.match(joined, place.start())
            if match is None:
                continue
            token = _token(joined, match.start(), match.end())
            if token is not None and token not in tried[channel]:
                tried[channel].add(token)
                if shows(channel, token):
                    found.add(channel)
    return tuple(channel for channel in utf8 if channel in found)


@lru_cache(maxsize=8)
def _pairs(channels: tuple[Utf8Channel, ...]) -> tuple[re.Pattern[str], dict[str, list[Utf8Channel]]]:
    """A pattern for a lead byte followed by a continuation byte as any of ``channels``
    shows them (matching the lead only, so that places may overlap; a pattern that
    starts with a character class is the fastest scan ``re`` makes), and per lead
    character the channels that show a lead byte so."""
    by_lead: dict[str, list[Utf8Channel]] = {}
    for channel in channels:
        for lead in channel.leads:
            by_lead.setdefault(lead, []).append(channel)
    tails = set().union(*(channel.tails for channel in channels))
    return re.compile(f"{char_class(set(by_lead))}(?={char_class(tails)})"), by_lead


def _token(text: str, start: int, end: int) -> str | None:
    """The token of ``text`` around ``[start, end)``, None when longer than ``MAX_TOKEN``.

    >>> _token("Die Argumente fĂĽr Optionen", 15, 17)
    'fĂĽr'
    """
    first = max(text.rfind(separator, 0, start) for separator in SEPARATORS) + 1
    ends = [found for found in (text.find(separator, end) for separator in SEPARATORS) if found >= 0]
    last = min(ends, default=len(text))
    return text[first:last] if last - first <= MAX_TOKEN else None


def shows(channel: Utf8Channel, token: str) -> bool:
    """Whether ``token`` is no word as it stands but a word some language lists read
    back through ``channel`` (every UTF-8 character of it), with a letter the token did
    not hold: a reading that only drops a letter before a quote ("В«Новый" read as
    cp1251 is "«Новый") shows nothing, as a Russian "В" may stand there.

    >>> from mojibake_fix.channels import get_channel
    >>> shows(get_channel("utf-8>cp437"), "f├╝r"), shows(get_channel("utf-8>cp1250"), "Ă„")
    (True, False)
    >>> shows(get_channel("utf-8>cp1251"), "В«Новый"), shows(get_channel("utf-8>cp1251"), "РњРёСЂ")
    (False, True)
    """
    return not worded(token) and any(reads_as_word(token, reading) for reading, _ in channel.readings(token, partial=False))


def reads_as_word(token: str, reading: str) -> bool:
    """Whether ``token`` is no word as it stands (``lexicon.worded``) and ``reading`` is a
    word some language lists, with a letter the token did not hold.

    >>> reads_as_word("K├╝nstler", "Künstler"), reads_as_word("В«Новый", "«Новый"), reads_as_word("Рё", "и")
    (True, False, False)
    """
    if worded(token):
        return False
    letters = {char for char in token if char.isalpha()}
    return worded(reading) and any(char.isalpha() and char not in letters for char in reading)
