"""What every pass may consult: the options, the channels, the lexicon, shared notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .channels import Channel
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .document import Document


@dataclass
class Context:
    """Per-document settings and knowledge, built once by the engine.

    ``notes`` is where passes leave document-level findings for the summary (for example
    each channel's prior and the evidence behind it).
    """

    lexicon: Lexicon
    channels: tuple[Channel, ...]
    min_confidence: float = 0.9
    notes: dict[str, Any] = field(default_factory=dict)
    #: guesses the languages of the document as it is now; None when they were forced
    guess_languages: Callable[[Document], Sequence[str]] | None = None

    def refresh_languages(self, doc: Document) -> None:
        """Guess the languages again from the current text (each round of the engine), so
        that a round depends on the text alone and cleaning twice equals cleaning once."""
        if self.guess_languages is not None:
            self.lexicon = Lexicon.shared(self.guess_languages(doc))
            self.notes.setdefault("languages", list(self.lexicon.languages))
