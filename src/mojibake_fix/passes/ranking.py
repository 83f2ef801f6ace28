"""Candidate ranking: the readings of one token through every channel, scored, ranked and chosen.

For a token such as "Žcologiques" the candidates are the token itself and its readings
under each channel (all its suspicious characters repaired, or only some of them, for
tokens that mix broken and correct text such as "lÕécoBUDGET").  Placeholders ("•",
U+FFFD) expand into every letter the channel loses.  Each candidate is scored by the
lexicon plus the channel's document prior (``channel_evidence``); only readings that
evidence the report can name allows compete (``TokenJudge.allowed``); the softmax of the
scores is the confidence.  The ``mojibake`` pass asks ``TokenJudge`` for each suspicious
token's ranked readings, narrows and rescores them in their line and document, and
proposes the best.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from ftfy.badness import is_bad

from ..align import diff_spans
from ..changes import SUSPICION_FLOOR
from ..channels import PLACEHOLDERS, Channel
from ..lexicon import WORD_SHAPE, Lexicon
from ..neighbours import ITEM, beside, neighbour_model
from ..scoring import backed_by_words, describe, plausible_punctuation, share
from ..shown import reads_as_word
from ..written import WrittenWords, as_written
from .channel_evidence import DOC_MARGIN, ChannelEvidence, LineEvidence

#: Penalty for repairing only some of a token's suspicious characters.
PARTIAL = math.log(0.05)
#: Penalty for joining a token to the next one (a word the damage split with a space);
#: only a joined word some list knows is tried.
JOIN = math.log(0.05)
#: What stands before a word that may start a sentence (None: the line's start).
SENTENCE_START = frozenset((None, ".", "!", "?"))
#: Quotation marks that pair with one another (``TokenJudge.unpaired``).
QUOTE_FAMILIES = ("«»", "“”„\"")
#: Cost of a lone closing quote or bracket opening a line.
ORPHAN_CLOSING = math.log(1e-2)
#: The highest confidence of a reading no word backs (``TokenJudge.confidence``).
UNWORDED = 0.98
#: The confidence of a reading the evidence rule refused, reported as a suspicion
#: (``TokenJudge.refused``): below any bar but the lowest.
REFUSED = SUSPICION_FLOOR


@dataclass(frozen=True)
class Candidate:
    """One reading of a token (and, when joined, the next token)."""

    text: str
    channel: Channel | None
    score: float
    joined: bool = False
    #: the part of ``score`` its neighbours in the line gave (``TokenJudge.in_context``)
    neighbours: float = 0.0
    #: how often the document writes the reading's word elsewhere, and its other readings' (``as_written``)
    written: tuple[int, int] | None = None


class Choice(NamedTuple):
    """The reading chosen for a token (``TokenJudge.choose``), its confidence, and whether the
    evidence rule refused it: then it is only reported as a suspicion."""

    reading: Candidate
    confidence: float
    refused: bool = False


class TokenJudge:
    """Scores and decides tokens for one document: the readings of a token through every
    channel, scored by the lexicon and the channels' priors (``evidence``), ranked and chosen.

    Decisions are cached: learn the document's evidence (``evidence.learn_priors``) before
    asking for any.
    """

    def __init__(self, lexicon: Lexicon, channels: Sequence[Channel], attested: Sequence[str] | None = None):
        self.lexicon = lexicon
        #: what the document's tokens show of each channel
        self.evidence = ChannelEvidence(lexicon, channels, attested)
        self.channels = self.evidence.channels
        self._read_as_words: dict[str, set[str]] = {}
        #: what short words keep company with, in the first of the document's languages that has a table
        self.neighbours = next(filter(None, map(neighbour_model, lexicon.languages)), None)
        self._explanations: dict[tuple[str, str, str, LineEvidence], str] = {}
        self._decisions: dict[tuple[str, str | None, bool, LineEvidence], list[Candidate]] = {}
        #: per decision, the best reading the evidence rule refused (``refused``)
        self._refusals: dict[tuple[str, str | None, bool, LineEvidence], Candidate] = {}

    def _words_read(self, token: str) -> set[str]:
        """The full readings of ``token`` through the UTF-8 channels that are words some
        language lists (``shown.reads_as_word``)."""
        found = self._read_as_words.get(token)
        if found is None:
            found = self._read_as_words[token] = {
                reading for channel in self.channels if channel.self_evident
                for reading, _ in channel.readings(token, partial=False) if reads_as_word(token, reading)
            }
        return found

    def candidates(self, token: str, following: str | None, inside_line: bool = False, line: LineEvidence = ()) -> list[Candidate]:
        """All readings of ``token`` (joined to ``following`` where given), best first.

        ``inside_line`` says the token is not the first of its line, where a lone
        placeholder may be a lost one-letter word rather than a bullet; ``line`` is the
        evidence of the line's other tokens (``ChannelEvidence.line_evidence``).
        """
        key = (token, following, inside_line, line)
        cached = self._decisions.get(key)
        if cached is not None:
            return cached
        rest = self.evidence.score(following) if following else 0.0
        found = {token: Candidate(token, None, self.evidence.score(token) + rest + _orphan_cost(token, inside_line))}
        refused: Candidate | None = None
        for channel in self.channels:
            evidenced = self.evidence.evidenced_for(channel.name, token, line)
            for text, partial in self.evidence.worth_scoring(list(channel.readings(token, evidenced, inside_line, self.evidence.letters))):
                if not plausible_punctuation(text, token):
                    continue
                joined = text + following if following and text[-1].isalpha() else None
                if joined and not self.lexicon.frequency(joined)[0]:
                    joined = None
                cost = (PARTIAL if partial else 0.0) + _orphan_cost(text, inside_line)
                prior: float | None = None
                for option_text, is_joined in ((text, False), (joined, True)):
                    if not option_text:
                        continue
                    score = self.evidence.score(option_text) + cost + (JOIN if is_joined else rest)
                    margin = score - found[token].score
                    if not self.allowed(channel, token, text, option_text, margin, line):
                        better = refused is None or refused.score < score
                        if better and margin >= DOC_MARGIN and not is_joined and self.evidence.evidenced_for(channel.name, token):
                            refused = Candidate(option_text, channel, score)
                        continue
                    prior = self.evidence.reading_prior(channel, token, text, line) if prior is None else prior
                    if option_text not in found or found[option_text].score < score + prior:
                        found[option_text] = Candidate(option_text, channel, score + prior, is_joined)
        ranked = sorted(found.values(), key=lambda c: c.score, reverse=True)
        self._decisions[key] = ranked
        if refused is not None and len(ranked) == 1:
            self._refusals[key] = refused
        return ranked

    def refused(self, token: str, following: str | None, inside_line: bool = False, line: LineEvidence = ()) -> Candidate | None:
        """The best reading of ``token`` that explains it better, through a channel the
        document evidences, but that no evidence the report can name allows
        (``allowed``), where no reading is allowed: reported as a suspicion, never applied
        ("®ndr" may be Danish "Ændr", but no other word shows "®" broken).  Call after
        ``candidates`` with the same arguments."""
        return self._refusals.get((token, following, inside_line, line))

    def allowed(self, channel: Channel, token: str, reading: str, option: str, margin: float, line: LineEvidence) -> bool:
        """Whether evidence the report can name allows ``option`` (``reading``, or it joined
        to the next word) as a candidate, ``margin`` nats better explained than the token
        before any prior: a prior never makes a change on its own.

        Another token of the line clearly damaged the same way allows any reading: the
        line's evidence may even outweigh the lexicon ("НА" is "об" read as KOI8-R in a
        line of such words).  Otherwise the reading must explain the token better, and
        either every word it changes is a word of the document's languages (checked
        first: most readings of a token through a stranger channel are not words) and,
        where the token is such words already, the line agrees with the channel as
        ``ChannelEvidence.vouched`` asks (the abbreviation "ЦП" in a correct Russian line of a text half
        read as KOI8-R is no "гр"), or the document vouches for it (``ChannelEvidence.vouched``).  UTF-8
        whose bytes alone are the evidence, in one short string too ("cafÃ©"), is the
        ``utf8`` pass's, which runs before: here only where a placeholder hides a byte,
        which ftfy cannot weigh, a UTF-8 reading needs neither where ftfy's heuristics
        (``ftfy.badness.is_bad``) find the token's sequences as odd as mojibake.
        """
        name = channel.name
        if dict(line).get(name, 0) > 0:
            return True
        if margin <= 0.0:
            return False
        if channel.self_evident and len(reading) < len(token) and any(p in token for p in PLACEHOLDERS) and is_bad(token):
            return True  # bytes of one character read as several ("Ã•"), now one again
        if channel.self_evident and option == reading and self._words_read(token) == {reading}:
            # bytes that read back as a word some language lists, and as no other word
            # through another code page: alone too ("K├╝nstler"; not "fĂĽr", "für" read
            # as cp1250 but Swedish "får" read as ISO-8859-2)
            return True
        if backed_by_words(option, token, self.lexicon, languages=self.evidence.attested):
            return name in dict(line) or not self.evidence.all_words(token)
        return self.evidence.vouched(name, token, reading, margin, line)

    def in_context(self, ranked: list[Candidate], text: str, start: int, end: int) -> list[Candidate]:
        """``ranked`` again, each reading that is one short word scored also by its
        neighbours in ``text`` (the token spans ``start:end``): "Ñ•" is "с" or "я", and
        "с помощью" tells which (``neighbours.py``).  A neighbour that is not written in
        the document's letters (still damaged, "Ð¿Ð¾") is no evidence, nor is a capital
        inside a sentence ("(оболочки) С командного" is no "с").
        """
        model = self.neighbours
        if model is None:
            return ranked
        rescored, moved = [], False
        for candidate in ranked:
            words = _words(candidate.text)
            gain = 0.0
            if len(words) == 1 and not candidate.joined and model.knows(words[0][0]):
                word, word_start, word_end = words[0]
                before = self._neighbour(text[:start] + candidate.text[:word_start], last=True)
                after = self._neighbour(candidate.text[word_end:] + text[end:], last=False)
                if word.islower() or before in SENTENCE_START:
                    gain = model.evidence(word, before, after)
            moved = moved or gain > 0.0
            rescored.append(replace(candidate, score=candidate.score + gain, neighbours=gain) if gain else candidate)
        return sorted(rescored, key=lambda c: c.score, reverse=True) if moved else ranked

    @staticmethod
    def in_document(ranked: list[Candidate], written: WrittenWords) -> list[Candidate]:
        """``ranked`` again, the readings' share of the probability redistributed by how
        often the document writes each one's word elsewhere (``written.as_written``): an
        undecided "Ñ•" is "с" in a document that writes "с" sixty times and "я" never.
        The token itself keeps its score, so it stays as likely correct as before.
        """
        readings = [c for c in ranked if c.channel is not None and not c.joined]
        counts = [written.count(found[0][0]) if len(found := _words(c.text)) == 1 else 0 for c in readings]
        if len(readings) < 2 or not any(counts):
            return ranked
        total = sum(counts)
        scores = as_written([c.score for c in readings], counts)
        rescored = {id(c): replace(c, score=s, written=(n, total - n)) for c, s, n in zip(readings, scores, counts)}
        return sorted((rescored.get(id(c), c) for c in ranked), key=lambda c: c.score, reverse=True)

    def _neighbour(self, text: str, last: bool) -> str | None:
        """The key of the neighbour ``neighbours.beside`` finds, if its token is written
        in the document's letters."""
        found = beside(text, last)
        return found[1] if found and self.evidence.native(found[0]) else None

    def foreign_to_line(self, candidate: Candidate, token: str, languages: Sequence[str], line: LineEvidence = ()) -> bool:
        """Whether ``candidate`` reads ``token`` through a channel the document gives no
        evidence for into a word none of the line's ``languages`` lists: in a French line
        of a mixed document, "Ève" is no Hungarian "éve" read as Mac-Roman.
        """
        if not languages or candidate.channel is None or self.evidence.evidenced_for(candidate.channel.name, token, line):
            return False
        text = candidate.text
        changed = [(b0, b1) for _, _, b0, b1 in diff_spans(token, text)]
        words = [m.group() for m in WORD_SHAPE.finditer(text) if any(m.start() < b1 and b0 < m.end() for b0, b1 in changed)]
        return any(not self.lexicon.knowing(word) & set(languages) for word in words)

    def unpaired(self, candidate: Candidate, token: str, text: str, line: LineEvidence = ()) -> bool:
        """Whether ``candidate`` reads ``token``, standing apart from any word, as a quotation
        mark the line ``text`` holds no other of, as written or as the channel writes it,
        where no other token of the line is the channel's damage: a French "« mot »" read
        as cp850 is "½ mot ╗", and a lone "½" in "Ajoutez ½ tasse" is a half.

        >>> from mojibake_fix.channels import get_channel
        >>> judge = TokenJudge(Lexicon(["fr"]), [get_channel("cp1252>cp850")])
        >>> reading = Candidate("«", judge.channels[0], 0.0)
        >>> judge.unpaired(reading, "½", "Ajoutez ½ tasse"), judge.unpaired(reading, "½", "½ tasse ╗")
        (True, False)
        """
        channel = candidate.channel
        if channel is None or dict(line).get(channel.name, 0) > 0 or any(c.isalnum() for c in candidate.text):
            return False
        marks = {candidate.text[b0:b1] for _, _, b0, b1 in diff_spans(token, candidate.text)}
        family = next((f for f in QUOTE_FAMILIES if marks & set(f)), None)
        if family is None:
            return False
        shown = set(family) | {channel.damage(mark) for mark in family}
        return sum(text.count(c) for c in shown) <= sum(token.count(c) for c in shown)

    def confidence(self, best: Candidate, token: str, others: Sequence[Candidate]) -> float:
        """The posterior of ``best`` against ``others``, at most ``UNWORDED`` where no word
        backs it: a reading whose changed words are no words of the document (a name, a
        formula) rests on the channel's evidence and the rarity of symbols, never on
        certainty.  Readings of UTF-8 byte sequences vouch for themselves.

        >>> from mojibake_fix.channels import get_channel
        >>> judge = TokenJudge(Lexicon(["fr"]), [get_channel("mac_roman>cp1252")])
        >>> judge.confidence(Candidate("σ(xì", judge.channels[0], 0.0), "σ(x∞", [Candidate("σ(x∞", None, -20.0)])
        0.98
        """
        confidence = posterior([best, *others])
        assert best.channel is not None
        if best.channel.self_evident or backed_by_words(best.text, token, self.lexicon, strict=False, languages=self.evidence.attested):
            return confidence
        return min(confidence, UNWORDED)

    def choose(
        self, ranked: Sequence[Candidate], token: str, following: str | None, inside_line: bool = False, line: LineEvidence = ()
    ) -> Choice | None:
        """The reading of ``token`` to propose among ``ranked`` (its readings and itself, best
        first, as ``candidates`` gave them for the same arguments and the pass narrowed and
        rescored them), and its confidence (``confidence``).

        Where the token itself is best, the best reading that changes it is proposed only
        when its confidence reaches ``SUSPICION_FLOOR`` (a suspicion); where none does, the
        best reading the evidence rule refused (``refused``), at most ``REFUSED``.

        >>> from mojibake_fix.channels import get_channel
        >>> judge = TokenJudge(Lexicon(["fr"]), [get_channel("mac_roman>cp1252")])
        >>> keep = Candidate("11¼", None, -10.0)
        >>> judge.choose([keep, Candidate("11º", judge.channels[0], -11.0)], "11¼", None).confidence
        0.2689414213699951
        >>> judge.choose([keep, Candidate("11º", judge.channels[0], -14.0)], "11¼", None) is None
        True
        """
        best = ranked[0]
        if best.channel is None:
            repairs = [c for c in ranked if c.channel is not None]
            if not repairs:
                refused = self.refused(token, following, inside_line, line)
                return None if refused is None else Choice(refused, min(posterior([refused, best]), REFUSED), refused=True)
            best = repairs[0]
        confidence = self.confidence(best, token, [c for c in ranked if c is not best])
        if best is not ranked[0] and confidence < SUSPICION_FLOOR:
            return None
        return Choice(best, confidence)

    def explain(self, best: Candidate, token: str, line: LineEvidence = ()) -> str:
        """Evidence in a few words: the winner, the input, the channel's prior and its evidence."""
        assert best.channel is not None
        key = (token, best.text, best.channel.name, line)
        if key not in self._explanations:
            view = self.evidence.view(best.channel.name, token)
            hits, misses = view.hits, view.misses
            prior = self.evidence.reading_prior(best.channel, token, best.text, line)
            in_line = dict(line).get(best.channel.name)
            self._explanations[key] = (
                f"{describe(best.text, self.lexicon)} over {describe(token, self.lexicon)}; "
                f"prior {prior:+.1f} (channel: {round(hits)} clear, {round(misses)} against"
                + (f"; {in_line} more clear in the line)" if in_line else ")")
            )
        return self._explanations[key]


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The items of ``text`` that are words (``neighbours.ITEM``), with their spans.

    >>> _words("(с,"), _words("l’eau")
    ((('с', 1, 2),), (('l', 0, 1), ('eau', 2, 5)))
    """
    return tuple((m.group(), m.start(), m.end()) for m in ITEM.finditer(text) if m.group()[0].isalpha())


def _orphan_cost(text: str, inside_line: bool) -> float:
    """A closing quote or bracket standing alone at the start of a line is rare ("» da")."""
    if not inside_line and len(text) == 1 and unicodedata.category(text) in ("Pe", "Pf"):
        return ORPHAN_CLOSING
    return 0.0


def posterior(ranked: Sequence[Candidate]) -> float:
    """The softmax probability of the first (best) candidate."""
    return share(ranked[0].score, [c.score for c in ranked])


