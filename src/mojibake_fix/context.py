"""What every pass may consult: the options, the channels, the lexicon, shared notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .channels import Channel
from .lexicon import Lexicon


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
