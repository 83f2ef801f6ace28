"""Code-page confusions ("channels") and the character tables derived from them.

A channel names a mistake: text whose bytes were in ``true_codec`` was decoded as
``read_codec``.  Every table here is computed from Python's own codecs when the module
is imported (256 bytes per channel, so it is cheap); nothing is typed by hand.

>>> channel = get_channel("mac_roman>cp1252")
>>> channel.repair_map["Ž"], channel.repair_map["Õ"], channel.repair_map["ˆ"]
('é', '’', 'à')
>>> sorted(channel.lost_letters)
['Å', 'ç', 'è', 'ê', 'ù']
>>> channel.damage("siège à l’eau")
'si•ge ˆ lÕeau'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

#: What a reader writes where a byte has no character in its code page.  Tools differ:
#: some keep the byte as a C1 control (handled by the byte tables themselves), some
#: write U+FFFD, and many PDF producers write a bullet.
PLACEHOLDERS = ("\u2022", "\ufffd")

#: Channels tried by default, as ``"true>read"``: adding a confusion is one line here.
DEFAULT_CHANNELS = (
    "mac_roman>cp1252",
    "cp1252>mac_roman",
)


def _decode_byte(codec: str, byte: int, sloppy: bool) -> str | None:
    """Decode one byte; undefined bytes give None, or their Latin-1 C1 control if sloppy.

    >>> _decode_byte("cp1252", 0x8F, sloppy=True)
    '\\x8f'
    >>> _decode_byte("cp1252", 0x8F, sloppy=False) is None
    True
    """
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return chr(byte) if sloppy else None


@dataclass(frozen=True)
class Channel:
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
            meant = _decode_byte(self.true_codec, byte, sloppy=False)
            shown = _decode_byte(self.read_codec, byte, sloppy=True)
            if meant is None or shown is None or meant == shown:
                continue
            repair[shown] = meant
            damage[meant] = shown
            if _decode_byte(self.read_codec, byte, sloppy=False) is None:
                lost.add(meant)
        object.__setattr__(self, "repair_map", repair)
        object.__setattr__(self, "damage_map", damage)
        object.__setattr__(self, "lost_letters", frozenset(lost))

    @property
    def name(self) -> str:
        """The channel's name as used in rules: ``true>read``."""
        return f"{self.true_codec}>{self.read_codec}"

    def readings(self, char: str) -> tuple[str, ...]:
        """Every character ``char`` may stand for under this channel (empty if none).

        >>> get_channel("mac_roman>cp1252").readings("•")
        ('ï', 'Å', 'ç', 'è', 'ê', 'ù')
        >>> get_channel("mac_roman>cp1252").readings("a")
        ()
        """
        direct = self.repair_map.get(char)
        found = (direct,) if direct else ()
        if char in PLACEHOLDERS and self.lost_letters:
            found += tuple(sorted(self.lost_letters - set(found)))
        return found

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

_CACHE: dict[str, Channel] = {}


def get_channel(name: str) -> Channel:
    """The channel called ``true>read`` (codec names as Python spells them).

    >>> get_channel("cp1252>mac_roman").repair_map["È"]
    'é'
    """
    if name not in _CACHE:
        true_codec, sep, read_codec = name.partition(">")
        if not sep or not true_codec or not read_codec:
            raise ValueError(f"channel {name!r} is not of the form 'true_codec>read_codec'")
        try:
            _CACHE[name] = Channel(true_codec, read_codec)
        except LookupError as exc:
            raise ValueError(f"channel {name!r}: {exc}") from None
    return _CACHE[name]
