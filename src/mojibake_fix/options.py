"""``Options``: what ``clean`` may be asked to do, checked once, when they are made.

>>> options = Options(languages=["fr"], channels=["mac_roman>cp1252"], repairs=["accents"])
>>> options
Options(min_confidence=0.9, languages=('fr',), channels=('mac_roman>cp1252',), keep_line_breaks=False, repairs=frozenset({'accents'}))
>>> Options(min_confidence=2)
Traceback (most recent call last):
...
mojibake_fix.options.OptionError: min_confidence must be between 0 and 1
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from .channels import DEFAULT_CHANNELS, get_channel
from .engine import REPAIRS
from .lexicon import known_language


class OptionError(ValueError):
    """An option with a wrong value: ``option`` names it, ``unknown`` lists the names in it
    that mean nothing (languages without a word list, repairs that do not exist)."""

    def __init__(self, message: str, option: str, unknown: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.option, self.unknown = option, tuple(unknown)


@dataclass(frozen=True)
class Options:
    """``clean``'s options (``clean`` says what each means), checked when made: a wrong
    value raises ``OptionError``, a ``ValueError``.  ``repairs`` None stands for those on
    by default for the kind of input (text, or PDF for ``clean_pdf``)."""

    min_confidence: float = 0.9
    languages: Sequence[str] | None = None
    channels: Sequence[str] = DEFAULT_CHANNELS
    keep_line_breaks: bool = False
    repairs: Collection[str] | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise OptionError("min_confidence must be between 0 and 1", "min_confidence")
        if self.languages is not None:
            unknown = [code for code in self.languages if not known_language(code)]
            if unknown:
                raise OptionError(f"no word list for language(s) {', '.join(unknown)}", "languages", unknown)
        for name in self.channels:
            try:
                get_channel(name)
            except ValueError as exc:
                raise OptionError(str(exc), "channels", [name]) from None
        if self.repairs is not None:
            unknown = sorted(set(self.repairs) - set(REPAIRS))
            if unknown:
                raise OptionError(f"unknown repair(s) {', '.join(unknown)} (choose from {', '.join(REPAIRS)})", "repairs", unknown)
        # kept as tuples and a frozenset: an Options never changes, and can be hashed and compared
        if self.languages is not None:
            object.__setattr__(self, "languages", tuple(self.languages))
        object.__setattr__(self, "channels", tuple(self.channels))
        if self.repairs is not None:
            object.__setattr__(self, "repairs", frozenset(self.repairs))

    def enabled_repairs(self) -> frozenset[str]:
        """The optional repairs to make: those chosen, or those on by default for text
        (``clean_pdf`` makes those on by default for PDF input the chosen ones).

        >>> sorted(Options(repairs=["accents"]).enabled_repairs()), Options().enabled_repairs() == default_repairs(pdf=False)
        (['accents'], True)
        """
        return default_repairs(pdf=False) if self.repairs is None else frozenset(self.repairs)


#: The names of ``clean``'s options, in order.
NAMES = tuple(option.name for option in fields(Options))


def given_options(function: str, keywords: Mapping[str, Any]) -> Options:
    """The options a call of ``function`` was given: ``clean``'s keyword options, or an
    ``Options`` as ``options`` (not both).  An unknown name raises ``TypeError``.

    >>> given_options("fix_text", {"keep_line_breaks": True}).keep_line_breaks
    True
    >>> given_options("fix_text", {"options": Options(min_confidence=0.5)}).min_confidence
    0.5
    >>> given_options("fix_text", {"keep_breaks": True})
    Traceback (most recent call last):
    ...
    TypeError: fix_text() got unknown option(s) keep_breaks (choose from min_confidence, languages, channels, keep_line_breaks, repairs)
    """
    unknown = sorted(keywords.keys() - {*NAMES, "options"})
    if unknown:
        raise TypeError(f"{function}() got unknown option(s) {', '.join(unknown)} (choose from {', '.join(NAMES)})")
    chosen = Options(**{name: value for name, value in keywords.items() if name != "options"})
    given = keywords.get("options")
    if given is None:
        return chosen
    if not isinstance(given, Options):
        raise TypeError(f"{function}() takes options as an Options, not {type(given).__name__}")
    if chosen != Options():
        raise TypeError(f"{function}() takes options=Options(...) or keyword options, not both")
    return given


def default_repairs(pdf: bool) -> frozenset[str]:
    """The optional repairs on by default for text (or for PDF input).

    >>> "accents" in default_repairs(pdf=False)
    True
    """
    return frozenset(name for name, (for_text, for_pdf) in REPAIRS.items() if (for_pdf if pdf else for_text))
