"""Codec confusion: read each suspicious token back through every channel, keep the likeliest.

The pass learns each channel's evidence from the lines the screen found worth a look
(``channel_evidence``), then ranks every suspicious token's readings (``ranking``),
narrows and rescores them in their line and in the document, and proposes the best with
its confidence and the evidence behind it (``repair``).

The prior is the document's own evidence: how many tokens a channel clearly repairs
into words against how many it would clearly damage, per channel and per character.
So a brochure full of "ŽtŽ" makes an ambiguous "11¼" likely "11º", while one "Ž" in a
Czech name is no evidence at all.  Where a channel has no such evidence, a reading must
be backed by words of the document's languages (``scoring.backed_by_words``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import regex

from .. import rules
from ..align import diff_spans
from ..changes import LearntPriors, Proposal, Step
from ..channels import PLACEHOLDERS, Channel, Utf8Channel, short_enough, suspicious_pattern
from ..context import Context
from ..document import Document, Line
from ..languages import line_languages
from ..lexicon import Lexicon
from ..scoring import TOKEN, describe
from ..screen import sample
from ..written import WrittenWords
from .channel_evidence import ChannelEvidence, Decoded, LineEvidence, places
from .ranking import Candidate, Choice, TokenJudge, posterior

#: Characters of the lines the screen let pass read for evidence against the channels.
PASSED_SAMPLE = 50_000


def _decoded(line: Line) -> list[Decoded]:
    """The edits of ``line`` that read UTF-8 back (a step's rule is ``mojibake:utf-8>``
    and the code pages, as the ``utf8`` pass and this pass name them).

    >>> from mojibake_fix.changes import Step
    >>> line = Line("Ã© and Ã¨")
    >>> line.apply(0, 2, "é", Step("mojibake:utf-8>latin-1", 0.99, "bytes"))
    >>> [(found.before, found.after, sorted(found.where)) for found in _decoded(line)]
    [('Ã©', 'é', [('©', True, False), ('Ã', False, False)])]
    """
    found = []
    for edit in line.edits:
        if edit.reads_utf8:
            text = line.original
            start = text.rfind(" ", 0, edit.start) + 1
            end = text.find(" ", edit.end) % (len(text) + 1)  # the line's end where no space follows
            where = places(text[start:end], range(edit.start - start, edit.end - start))
            found.append(Decoded(edit.before, edit.after, frozenset(where)))
    return found



def _still_encoded(doc: Document, decoded: Mapping[int, Sequence[Decoded]], channels: Sequence[Channel]) -> list[int]:
    """The lines where UTF-8 was read back (``decoded``, by line number) that still hold
    one character's bytes as a UTF-8 channel shows them (``Utf8Channel.sequence``): the
    screen lets a capital before a small letter pass, but "Рё" beside "РєРѕСЂРѕС‚РєРёС…",
    which ftfy read back as "коротких", is "и" read as cp1251.

    >>> from mojibake_fix.channels import get_channel
    >>> doc = Document.from_text("коротких Рё длинных\\nРёв")
    >>> _still_encoded(doc, {0: [Decoded("РєРѕСЂРѕС‚РєРёС…", "коротких", frozenset())]}, [get_channel("utf-8>cp1251")])
    [0]
    """
    patterns = [channel.sequence for channel in channels if isinstance(channel, Utf8Channel)]
    return [number for number in decoded if any(p.search(doc.lines[number].text) for p in patterns)]


def _passed_tokens(doc: Document, ctx: Context, judged: Sequence[int]) -> Counter[str]:
    """The tokens of the lines the screen let pass that some channel could change, counted
    on a sample of those lines (``PASSED_SAMPLE`` characters) and scaled to all of them
    (``judged``: the lines read closer)."""
    screened = set(judged)
    rest = [line.text for number, line in enumerate(doc.lines) if number not in screened]
    taken = sample(rest, PASSED_SAMPLE)
    scale = (sum(map(len, rest)) + len(rest)) / max(len(taken) + 1, 1)
    found = Counter(_suspicious_tokens(ctx.channels).findall(taken))
    return Counter({token: count * scale for token, count in found.items()})


@lru_cache(maxsize=16)
def _suspicious_tokens(channels: tuple[Channel, ...]) -> re.Pattern[str]:
    """Tokens holding a character some channel could have produced, in ``re`` syntax
    (a whole text is scanned faster)."""
    chars = "".join(sorted(set().union(*(channel.suspicious for channel in channels))))
    return re.compile(rf"[^ \t\n]*[{re.escape(chars)}][^ \t\n]*")


def _tokens_to_judge(text: str, channels: tuple[Channel, ...]) -> list[re.Match[str]]:
    """The tokens (``TOKEN``) of one line holding a suspicious character, short enough to judge."""
    return [m for m in _suspicious_tokens(channels).finditer(text) if short_enough(m.group(), channels)]


def repair(doc: Document, ctx: Context) -> Iterator[Proposal | LearntPriors]:
    """Propose the likeliest reading of every suspicious token on the lines the screen
    found worth a look; the channel priors are learnt from those lines too.

    >>> from mojibake_fix import clean
    >>> clean("Le rŽseau a ŽtŽ lancŽ ˆ New York.").text
    'Le réseau a été lancé à New York.'
    """
    decoded = {number: pairs for number, line in enumerate(doc.lines) if line.edits and (pairs := _decoded(line))}
    lines = _lines_to_judge(doc, ctx, decoded)
    if not lines:
        return
    judge = _learnt_judge(doc, ctx, lines, decoded)
    yield LearntPriors(  # the engine keeps the first round's: the input's
        {
            name: {"prior": round(judge.evidence.priors[name], 2), "clear": hits, "against": round(misses)}
            for name, (hits, misses) in judge.evidence.counts.items()
        }
    )
    guessing = ctx.guessed  # forced languages hold for every line
    written = WrittenWords(doc.texts, suspicious_pattern(judge.evidence.evidenced_channels() or ctx.channels).search)
    for line in lines:
        for spot in _spots(line, judge.evidence):
            ranked = judge.candidates(spot.token, spot.following, spot.inside_line, spot.evidence)
            if guessing:
                ranked = _in_line_languages(judge, ranked, spot, line)
            ranked = [c for c in ranked if not judge.unpaired(c, spot.token, line.text, spot.evidence)]
            ranked = judge.in_context(ranked, line.text, spot.start, spot.end)
            if posterior(ranked) < ctx.min_confidence:  # the document's usage settles a doubt
                ranked = judge.in_document(ranked, written)
            choice = judge.choose(ranked, spot.token, spot.following, spot.inside_line, spot.evidence)
            if choice is not None:
                yield from _proposals(spot, choice, _evidence_text(judge, spot, choice), ctx.lexicon)


@dataclass
class LineToJudge:
    """A line worth a look: its number, its text and the input line it was repaired from in
    earlier rounds, its tokens to judge (``_tokens_to_judge``) and its stretches already
    read back as UTF-8 (``_decoded``)."""

    number: int
    text: str
    original: str
    tokens: list[re.Match[str]]
    decoded: Sequence[Decoded]

    @cached_property
    def languages(self) -> list[str]:
        """The line's own languages (``lexicon.line_languages``), guessed when first needed."""
        return line_languages(self.text)


def _lines_to_judge(doc: Document, ctx: Context, decoded: Mapping[int, Sequence[Decoded]]) -> list[LineToJudge]:
    """The lines the screen found worth a look, and those that still hold UTF-8 bytes beside
    stretches read back (``_still_encoded``; ``decoded`` by line number), in order."""
    lines = []
    for number in sorted(set(ctx.worth_a_look).union(_still_encoded(doc, decoded, ctx.channels))):
        line = doc.lines[number]
        lines.append(LineToJudge(number, line.text, line.original, _tokens_to_judge(line.text, ctx.channels), decoded.get(number, ())))
    return lines


def _learnt_judge(doc: Document, ctx: Context, lines: Sequence[LineToJudge], decoded: Mapping[int, Sequence[Decoded]]) -> TokenJudge:
    """A judge of the document's tokens, with the channels' evidence learnt from the ``lines``
    to judge, the tokens of the others (``_passed_tokens``) and the stretches already read
    back as UTF-8 (``decoded``, by line number)."""
    judge = TokenJudge(ctx.lexicon, ctx.channels, ctx.attested)
    judge.evidence.learn_priors(
        [(line.text, [m.group() for m in line.tokens]) for line in lines],
        _passed_tokens(doc, ctx, [line.number for line in lines]),
        {line.text: line.original for line in lines},
        Counter(pair for pairs in decoded.values() for pair in pairs),
    )
    return judge


class Spot(NamedTuple):
    """A token to judge where it stands: its line's number, the token and its span, the next
    word the damage may have split from it and the spaces between (``_split_tail``), whether
    it stands past the line's indent (``TokenJudge.candidates``' ``inside_line``), and what
    the line's other tokens show (``ChannelEvidence.line_evidence``)."""

    number: int
    token: str
    start: int
    end: int
    following: str | None
    gap: int
    inside_line: bool
    evidence: LineEvidence


def _spots(line: LineToJudge, evidence: ChannelEvidence) -> Iterator[Spot]:
    """The tokens to judge of ``line``, where they stand."""
    indent = len(line.text) - len(line.text.lstrip())
    for match, seen in zip(line.tokens, evidence.line_evidence([m.group() for m in line.tokens], line.text, line.decoded)):
        following, gap = _split_tail(line.text, match, evidence.suspicious)
        yield Spot(line.number, match.group(), match.start(), match.end(), following, gap, match.start() > indent, seen)


def _in_line_languages(judge: TokenJudge, ranked: list[Candidate], spot: Spot, line: LineToJudge) -> list[Candidate]:
    """``ranked`` without the readings into words none of the line's own languages lists,
    through a channel the document gives no evidence for (``TokenJudge.foreign_to_line``);
    the line's languages are guessed only for a token that has such a reading."""
    if not any(c.channel is not None and not judge.evidence.evidenced_for(c.channel.name, spot.token, spot.evidence) for c in ranked):
        return ranked
    return [c for c in ranked if not judge.foreign_to_line(c, spot.token, line.languages, spot.evidence)]


def _evidence_text(judge: TokenJudge, spot: Spot, choice: Choice) -> str:
    """The evidence reported for the reading chosen: the judge's (``TokenJudge.explain``),
    then whether the evidence rule refused it, what its neighbours and the document's
    usage added."""
    best = choice.reading
    evidence = judge.explain(best, spot.token, spot.evidence)
    if choice.refused:
        evidence += "; refused: no evidence the report can name backs it"
    if best.neighbours:
        evidence += f"; neighbours {best.neighbours:+.1f}"
    if best.written:
        evidence += f"; written {best.written[0]}× elsewhere, other readings {best.written[1]}×"
    return evidence


def _proposals(spot: Spot, choice: Choice, evidence: str, lexicon: Lexicon) -> Iterator[Proposal]:
    """The proposals for the reading chosen for a token (``proposals_for``), and where it
    joins the next word, one removing the spaces between."""
    best, confidence, _ = choice
    assert best.channel is not None
    reading = best.text[: len(best.text) - len(spot.following or "")] if best.joined else best.text
    yield from proposals_for(spot.number, spot.start, spot.token, reading, best.channel, confidence, evidence)
    if best.joined:
        step = Step(rules.SPLIT_WORD, confidence, f"joined {describe(best.text, lexicon)}")
        yield Proposal(spot.number, spot.end, spot.end + spot.gap, "", step)


def proposals_for(line: int, start: int, token: str, reading: str, channel: Channel, confidence: float, evidence: str) -> Iterator[Proposal]:
    """Proposals turning ``token`` at ``start`` into ``reading``: one per stretch that differs.

    A stretch holding a placeholder is a placeholder repair, any other a mojibake repair.
    """
    for a0, a1, b0, b1 in diff_spans(token, reading):
        rule = rules.codec_rule(channel.name, placeholder=any(c in PLACEHOLDERS for c in token[a0:a1]))
        yield Proposal(line, start + a0, start + a1, reading[b0:b1], Step(rule, confidence, evidence))


def _gap(text: str, end: int) -> int:
    """The number of spaces from ``end`` on."""
    return len(text) - end - len(text[end:].lstrip(" "))


def _split_tail(text: str, match: re.Match[str], pattern: regex.Pattern[str]) -> tuple[str | None, int]:
    """The next word when the damage may have split a word after ``match`` ("Parall• lement").

    Only a token that ends with a suspicious character, followed by one or two spaces and
    a clean token that starts with a letter, qualifies.
    """
    token = match.group()
    if not pattern.fullmatch(token[-1]):
        return None, 0
    gap = _gap(text, match.end())
    if gap not in (1, 2):
        return None, 0
    following = TOKEN.match(text, match.end() + gap)
    if following is None or not following.group()[0].isalpha() or pattern.search(following.group()):
        return None, 0
    word = regex.match(r"[\p{L}\p{M}]+", following.group())
    return (word.group() if word else None), gap
