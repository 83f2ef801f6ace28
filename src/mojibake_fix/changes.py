"""What a repair proposes (``Proposal``), what the engine records (``Change``), the result.

>>> step = Step("mojibake:mac_roman>cp1252", 0.99, "‘été’ fr word")
>>> change = Change(line=3, start=5, end=6, out_start=5, out_end=6, before="Ž", after="é", steps=(step,))
>>> change.rule, change.confidence
('mojibake:mac_roman>cp1252', 0.99)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .summary import Summary

from . import rules

#: A proposal less likely than this is not reported, not even as a suspicion.
SUSPICION_FLOOR = 0.2


@dataclass(frozen=True)
class Step:
    """One reason behind a change: which rule, how sure, and the evidence in a few words."""

    rule: str
    confidence: float
    evidence: str

    @property
    def by_codec(self) -> bool:
        """Whether the step repaired letters through a code-page channel.

        >>> Step("placeholder:mac_roman>cp1252", 0.99, "").by_codec, Step("spacing:runs", 1.0, "").by_codec
        (True, False)
        """
        return rules.family(self.rule) in rules.CODEC_FAMILIES

    @property
    def reads_utf8(self) -> bool:
        """Whether the step read UTF-8 bytes back (through any code page)."""
        return self.rule.startswith(rules.codec_rule(rules.UTF8_CHANNEL))

    @property
    def restores_ligature(self) -> bool:
        """Whether the step put a ligature's letters back where a trace of it was left
        (a code point, a stand-in, a gap); a ligature lost without a trace is not one."""
        return rules.family(self.rule) == rules.LIGATURE and self.rule != rules.LIGATURE_DROPPED


@dataclass(frozen=True)
class Proposal:
    """A pass's proposed edit of one line, in the line's *current* coordinates."""

    line: int  # 0-based index into the document's lines
    start: int
    end: int
    after: str
    step: Step


@dataclass(frozen=True)
class LearntPriors:
    """What a document shows of its channels, as the mojibake pass learnt it: for each
    channel's name, its prior and the tokens clearly for and against it (the summary's
    ``channels``)."""

    channels: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Change:
    """An edit as the report shows it: 1-based line, input and output column spans.

    ``before`` is the input text of ``[start, end)`` and ``after`` the output text of
    ``[out_start, out_end)``; several steps appear when later passes edited the same
    stretch of text again (their edits are merged so that spans never overlap).
    """

    line: int
    start: int
    end: int
    out_start: int
    out_end: int
    before: str
    after: str
    steps: tuple[Step, ...]
    page: int | None = None  # 1-based, for PDF input

    @property
    def rule(self) -> str:
        """The rules of all steps, joined with '+' (in the order they ran)."""
        return "+".join(dict.fromkeys(step.rule for step in self.steps))

    @property
    def confidence(self) -> float:
        """The confidence of the least sure step."""
        return min(step.confidence for step in self.steps)

    @property
    def evidence(self) -> str:
        """The steps' evidence, joined."""
        return "; ".join(step.evidence for step in self.steps if step.evidence)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping, with the rule, confidence and evidence flattened."""
        data = asdict(self)
        data.update(rule=self.rule, confidence=round(self.confidence, 4), evidence=self.evidence)
        data["steps"] = [asdict(step) for step in self.steps]
        return data


@dataclass(frozen=True)
class Suspicion:
    """Something that looks damaged but was left alone, with the best reading found."""

    line: int  # 1-based
    start: int  # column in the input line (no change touches the span, so its text is in the output too)
    end: int
    text: str
    suggestion: str
    rule: str
    confidence: float
    evidence: str
    page: int | None = None  # 1-based, for PDF input

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        data = asdict(self)
        data["confidence"] = round(self.confidence, 4)
        return data


@dataclass
class CleanResult:
    """The clean text, every change made, the suspicions left, and a document summary."""

    text: str
    changes: list[Change]
    suspicions: list[Suspicion]
    summary: Summary
