"""What the engine knows of a document before a round: the channels it shows, the lines
worth a closer look, its languages.

A round depends on the text alone, so cleaning twice equals cleaning once: the survey
is made again whenever a pass changed the text.  The screen needs only a quick guess of
the languages; the full guess, which loads word lists, is made only when some line is
worth a look, and the lines are screened again for the full guess's languages when
they differ.

>>> from mojibake_fix.channels import get_channel
>>> ctx = survey(["Le conseil des villes a rŽuni les maires.", "Il pleut."], Settings((get_channel("mac_roman>cp1252"),)))
>>> ctx.worth_a_look, ctx.lexicon.languages, ctx.attested
((0,), ('fr',), ('fr',))
"""

from __future__ import annotations

from collections.abc import Sequence

from .context import Context, Settings
from .languages import document_languages, quick_languages
from .lexicon import Lexicon
from .screen import lines_worth_a_look, sample, screen_pattern
from .shown import shown_channels

#: Characters of the document read for the quick language guess behind the screen.
SCREEN_SAMPLE = 10_000


def survey(texts: Sequence[str], settings: Settings) -> Context:
    """The context of a round over the lines ``texts`` (see the module docstring)."""
    channels = settings.channels + shown_channels(texts, settings.candidates) if settings.candidates else settings.channels

    def context(lexicon: Lexicon, attested: Sequence[str] | None, worth_a_look: Sequence[int]) -> Context:
        return Context(
            lexicon, channels, settings.min_confidence, settings.repairs,
            None if attested is None else tuple(attested), tuple(worth_a_look), guessed=settings.languages is None,
        )

    if settings.languages is not None:
        lexicon = Lexicon.shared(settings.languages)
        return context(lexicon, None, lines_worth_a_look(texts, screen_pattern(channels, lexicon.languages)))
    quick = quick_languages(sample(texts, SCREEN_SAMPLE))
    worth_a_look = lines_worth_a_look(texts, screen_pattern(channels, quick))
    if not worth_a_look:
        return context(Lexicon.shared(quick), quick, worth_a_look)
    languages, attested = document_languages(texts, worth_a_look, channels)
    if tuple(languages) != tuple(quick):
        # the full guess may leave out a language whose letters let a line pass
        # ("Èxito" passes for Catalan in Spanish text): screen again for it
        again = lines_worth_a_look(texts, screen_pattern(channels, languages))
        worth_a_look = sorted(set(worth_a_look).union(again))
    return context(Lexicon.shared(languages), attested, worth_a_look)


class Surveyor:
    """The survey of a document as it is now, made again only when its lines changed."""

    def __init__(self, settings: Settings, texts: Sequence[str] | None = None, first: Context | None = None):
        self.settings = settings
        self._texts = list(texts) if texts is not None and first is not None else None
        self._context = first

    def __call__(self, texts: Sequence[str]) -> Context:
        """The context of a round over ``texts``."""
        if self._context is None or texts != self._texts:
            self._texts, self._context = list(texts), survey(texts, self.settings)
        return self._context
