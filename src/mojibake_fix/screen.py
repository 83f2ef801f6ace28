"""The fast path: one compiled pattern that finds the lines worth a closer look.

Most text is clean, and clean lines must cost a scan and nothing more.  A character
some channel could have produced is not enough to look closer: "é" is what French is
made of.  A line is worth a look when it holds

* a character some channel produces that is not a letter the document's languages
  write ("Ž", "ˆ" or "Õ" in French text, "ø" in Czech text), nor common punctuation;
* punctuation on the wrong side of a letter ("n„o", "»da"), an opening mark that nothing
  closes ("„ndern"), a no-break space inside a word or beside a space; a placeholder ("•"), a
  symbol ("est‡"), a dash or an ellipsis touching a letter ("…crit"), or an apostrophe when the
  document's main language has none (Czech "tvoř’" is "tvoří"); a placeholder or
  symbol alone after some text ("ligne ‡ ligne", a lost "à"); a line opened by a
  closing mark or by a lone lower-case non-ASCII letter that is no common word ("» da",
  "é da" for "È da"); a lone non-ASCII capital after some text that is no common word
  ("o registro Ú frequentemente", for "é");
* a case change inside a word that involves a non-ASCII letter ("rÈsumÈ", "DÈsactiver",
  "пРИВЕТ", "éT"), or two non-ASCII capitals in a row (Cyrillic read through the wrong
  Cyrillic table);
* a letter of the languages that none of their common words starts with, starting a
  word ("Ècrivant", "l'Èditeur" in French, where "École" is ordinary);
* U+FFFD anywhere.

The document's languages come from ``languages.quick_languages`` (no word list loads), so
a clean document is screened without loading any word list at all.

>>> from mojibake_fix.channels import get_channel
>>> screen = screen_pattern([get_channel("mac_roman>cp1252")], ["fr"])
>>> bool(screen.search("Le rôle de l’été")), bool(screen.search("Le r™le de lÕŽtŽ"))
(False, True)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from itertools import accumulate

from .channels import PLACEHOLDERS, Channel, suspicious_characters
from .lexicon import native_letters, top_words, uses_apostrophe
from .scoring import COMMON_PUNCTUATION, COMMON_SYMBOLS, JOINERS

#: A letter, in ``re`` syntax (which the screen uses: its character classes scan faster).
LETTER = r"[^\W\d_]"


def _class(chars: Sequence[str]) -> str:
    """A character class of ``chars``, runs of code points written as ranges.

    >>> _class("abcx")
    '[a-cx]'
    """
    points = sorted(set(map(ord, chars)))
    parts, start = [], 0
    for i in range(1, len(points) + 1):
        if i == len(points) or points[i] != points[i - 1] + 1:
            low, high = points[start], points[i - 1]
            parts.append(re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else ""))
            start = i
    return "[" + "".join(parts) + "]"


@cache
def _letters(test: Callable[[str], bool], ascii_too: bool) -> frozenset[str]:
    """The letters of the Basic Multilingual Plane that pass ``test``."""
    first = 0x41 if ascii_too else 0x80
    return frozenset(chr(c) for c in range(first, 0x10000) if test(chr(c)))


#: Marks that stand apart from words; glued to one they are suspect ("—rdenes" for
#: "órdenes", "modalit…" for "modalità", "‚‚n" for "één").
APART = frozenset("–—…‚")
#: Marks that open (a letter just before one is suspect: "Windows«", "n„o") and marks
#: that close (a letter just after one is: "»da").
OPENING = frozenset("«“‘„¿¡")
CLOSING = frozenset("»”")
#: Spaces other than the plain one: ordinary between words, suspect inside one ("m\u00a0s")
#: or next to a plain space.
SPACES = frozenset("\u00a0\u202f")
#: An opening mark with no closing one after it on its line ("„ndern" for "ändern").
UNCLOSED = r"(?![^\n]*[»”“‘’\"])"
#: Checks made after the first character (written "."), by what they look for.
AFTER_LETTER, BEFORE_LETTER = rf"(?<={LETTER}.)", rf"(?={LETTER})"
ALONE_AFTER_TEXT, LINE_START = r"(?<=\S\s.)(?!\S)", r"(?<=^.)"


def _checks(channels: tuple[Channel, ...], languages: tuple[str, ...]) -> list[tuple[frozenset[str], str]]:
    """What the screen looks for, as (first characters, check after them) pairs."""
    upper_na, lower_na = _letters(str.isupper, False), _letters(str.islower, False)
    lower = _class(sorted(_letters(str.islower, True)))
    native, initials = native_letters(languages), native_letters(languages, initial=True)
    one_letter_words = frozenset(word for word in top_words(languages) if len(word) == 1)
    suspicious = suspicious_characters(channels)
    placeholders = suspicious & frozenset(PLACEHOLDERS)
    touching = suspicious & (COMMON_SYMBOLS | APART) - placeholders
    if not uses_apostrophe(languages[:1]):
        touching |= suspicious & {"\u2019", "\u02bc"}
    opening, closing = suspicious & OPENING, suspicious & CLOSING
    spaces = suspicious & SPACES
    between = (suspicious & COMMON_PUNCTUATION) - JOINERS - touching - opening - closing - spaces
    marks = placeholders | touching | opening | closing | between | spaces
    letters = frozenset(c for c in suspicious - marks - JOINERS if c.isalpha())
    # lower(), not casefold(): "ß" and "ﬂ" must be letters of the language themselves
    odd = (suspicious - marks - JOINERS) - {c for c in letters if all(x.isascii() or x in native for x in c.lower())}
    unusual_start = frozenset(c for c in letters - odd if not c.isascii() and c.lower() not in initials)
    return [
        # case changes ordinary words do not make ("rÈsumÈ", "DÈsactiver", "ŘÍ", "éT")
        (upper_na, rf"(?<={lower}.)|(?<={LETTER}.)(?={lower})|{_class(sorted(upper_na))}"),
        (lower_na, "(?=[A-Z])"),  # "éT"
        (odd, ""),
        (unusual_start, rf"(?<!{LETTER}.){BEFORE_LETTER}"),  # "Ècrivant", "l'Èditeur" in French
        (placeholders | touching, rf"{AFTER_LETTER}|(?<=['’].)|{BEFORE_LETTER}|{ALONE_AFTER_TEXT}"),  # "c'•"
        (opening, rf"{AFTER_LETTER}|{BEFORE_LETTER}{UNCLOSED}"),
        (closing, rf"{BEFORE_LETTER}|{LINE_START}"),  # "»da", "» da notare"
        (between, rf"{AFTER_LETTER}{BEFORE_LETTER}"),
        (spaces, rf"{AFTER_LETTER}{BEFORE_LETTER}|(?<= .)|(?= )"),  # "m\u00a0s", "contar\u00a0 bytes"
        (lower_na - one_letter_words, rf"{LINE_START}(?!\S)"),  # "é da notare", for "È da notare"
        (frozenset(c for c in upper_na if c.lower() not in one_letter_words), ALONE_AFTER_TEXT),  # "registro Ú"
        (frozenset("\ufffd"), ""),
    ]


@lru_cache(maxsize=64)
def _compile(channels: tuple[Channel, ...], languages: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that starts with a single class (so ``re`` skips ahead fast), then
    checks the character it stopped at against each pair of ``_checks``."""
    checks = [(chars, check) for chars, check in _checks(channels, languages) if chars]
    first = _class(sorted(frozenset().union(*(chars for chars, _ in checks))))
    branches = "|".join(f"(?<={_class(sorted(chars))})(?:{check})" for chars, check in checks)
    return re.compile(f"{first}(?:{branches})", re.MULTILINE)


def sample(texts: Sequence[str], size: int) -> str:
    """About ``size`` characters of ``texts`` (lines), from lines spread evenly over them
    (no more than ``size`` characters of any one line).

    >>> sample(["a", "b", "c", "d"], 4), len(sample(["x" * 10**6], 100))
    ('a\\nc', 100)
    """
    total = sum(map(len, texts)) + len(texts)
    taken = max(1, len(texts) * size // max(total, 1))
    return "\n".join(text[:size] for text in texts[:: max(1, len(texts) // taken)])


def lines_worth_a_look(texts: Sequence[str], screen: re.Pattern[str]) -> list[int]:
    """The indexes of ``texts`` (lines, without breaks) in which ``screen`` finds something.

    One scan of the joined text, resumed at the next line after each hit.

    >>> lines_worth_a_look(["ok", "r™le", "ok", "Žt"], re.compile("[™Ž]"))
    [1, 3]
    """
    joined = "\n".join(texts)
    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    found: list[int] = []
    match = screen.search(joined)
    while match:
        number = bisect_right(starts, match.start()) - 1
        found.append(number)
        if number + 1 >= len(starts):
            break
        match = screen.search(joined, starts[number + 1])
    return found


def screen_pattern(channels: Sequence[Channel], languages: Sequence[str]) -> re.Pattern[str]:
    """The pattern of what is worth a look in a text in ``languages`` (see the module)."""
    return _compile(tuple(channels), tuple(languages))
