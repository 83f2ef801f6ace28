"""Codec confusion: read each suspicious token back through every channel, keep the likeliest.

For a token such as "Žcologiques" the candidates are the token itself and its readings
under each channel (all its suspicious characters repaired, or only some of them, for
tokens that mix broken and correct text such as "lÕécoBUDGET").  Placeholders ("•",
U+FFFD) expand into every letter the channel loses.  Each candidate is scored by the
lexicon plus the channel's document prior; the softmax of the scores is the confidence.

The prior is the document's own evidence: how many tokens a channel clearly repairs
into words against how many it would clearly damage, per channel and per character.
So a brochure full of "ŽtŽ" makes an ambiguous "11¼" likely "11º", while one "Ž" in a
Czech name is no evidence at all.  Where a channel has no such evidence, a reading must
be backed by words of the document's languages (``scoring.backed_by_words``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

import regex

from ..align import diff_spans
from ..changes import Proposal, Step
from ..channels import PLACEHOLDERS, Channel
from ..context import Context
from ..document import Document
from ..lexicon import (
    CANDIDATE_LANGUAGES,
    Lexicon,
    line_languages,
    listed_somewhere,
    native_letters,
)
from ..neighbours import ITEM, beside, neighbour_model
from ..scoring import (
    COMMON_PUNCTUATION,
    JOINERS,
    backed_by_words,
    describe,
    plausible_punctuation,
    text_logprob,
)
from ..screen import sample
from ..written import WrittenWords, as_written

#: A token: a run of characters between spaces and tabs.  Other blanks (no-break space)
#: stay inside tokens: UTF-8 "à" read as cp1252 ends in one ("Ã\u00a0").
TOKEN = regex.compile(r"[^ \t]+")
LETTER = regex.compile(r"\p{L}")
LETTERS = regex.compile(r"\p{L}[\p{L}\p{M}]+")
#: A character that is neither a letter nor a joiner between two letters ("tabula•ões").
CUT_WORD = regex.compile(r"(?<=\p{L}\p{M}*)[^\p{L}\p{M}" + regex.escape("".join(sorted(JOINERS))) + r"](?=\p{L})")
#: Tokens longer than this, read back, are left alone (URLs, base64, runs of symbols);
#: so are those more than ``MAX_EXPANSION`` times longer (a Cyrillic word read as
#: cp1252 twice takes four to six characters a letter).
MAX_TOKEN, MAX_EXPANSION = 60, 8
#: Penalty for repairing only some of a token's suspicious characters.
PARTIAL = math.log(0.05)
#: Penalty for joining a token to the next one (a word the damage split with a space);
#: only a joined word some list knows is tried.
JOIN = math.log(0.05)
#: A margin this large (nats) makes a token clear evidence for or against a channel.
CLEAR = math.log(100)
#: Prior pseudo-counts: with no evidence a document is taken as probably clean.
PRIOR_HITS, PRIOR_MISSES = 1.0, 4.0
PRIOR_RANGE = (-8.0, 4.0)
#: Pseudo-counts pulling a character's prior towards its channel's.
CHAR_PSEUDO = 2.0
#: A channel is evidenced in a document with this many clear tokens, and this share of
#: the tokens clearly against it; then readings no word list has may win on their letters.
EVIDENCED_HITS, EVIDENCED_SHARE = 2, 0.05
#: How much each token of a line that a channel clearly repairs (less each it clearly
#: damages) raises that channel's prior for the rest of the line: damage comes in lines
#: and paragraphs, so a line with "atravÈs" and "simbÛlico" is read apart from the
#: correct lines around it.
LINE_HIT = math.log(10)
#: A line's evidence may carry a prior past the document's ceiling, up to this: in a
#: line where every other word is clearly broken, "НА" is "об" read as KOI8-R, not "на".
LINE_PRIOR_MAX = 8.0
#: What stands before a word that may start a sentence (None: the line's start).
SENTENCE_START = frozenset((None, ".", "!", "?"))
#: A line's evidence: per channel, clear repairs less clear damages among its tokens.
LineEvidence = tuple[tuple[str, int], ...]
#: Cost of a lone closing quote or bracket opening a line.
ORPHAN_CLOSING = math.log(1e-2)
#: Above this many readings of a token through one channel, only those that are words are scored.
FEW_READINGS = 8
#: Characters of the lines the screen let pass read for evidence against the channels.
PASSED_SAMPLE = 50_000
#: A repair whose posterior is at least this is reported as a suspicion when not applied.
SUSPICION_FLOOR = 0.2


#: A suspicious character, and whether a letter or digit of its token touches it.
EvidenceKey = tuple[str, bool]


def evidence_keys(token: str, positions: Iterable[int]) -> set[EvidenceKey]:
    """The evidence keys of the characters of ``token`` at ``positions``: each character
    with whether a letter or digit stands beside it in the token.

    Evidence against a character is counted per key: "…" glued to "puis…" is an
    ellipsis, a lone "…" may be a DOS "à".

    >>> sorted(evidence_keys("puis…", [4])), sorted(evidence_keys("(…)", [1]))
    ([('…', True)], [('…', False)])
    """
    return {
        (token[i], any(c.isalnum() for c in token[max(i - 1, 0) : i] + token[i + 1 : i + 2]))
        for i in positions
    }


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


def suspicious_pattern(channels: Sequence[Channel]) -> regex.Pattern[str]:
    """One compiled class of every character some channel could have produced."""
    return _suspicious_pattern(tuple(channels))


@lru_cache(maxsize=16)
def _suspicious_pattern(channels: tuple[Channel, ...]) -> regex.Pattern[str]:
    chars = set().union(*(channel.suspicious for channel in channels))
    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")


class Contribution(NamedTuple):
    """What one token (all its occurrences) added to a channel's evidence."""

    hits: int
    chars: frozenset[str]
    misses: float
    keys: frozenset[EvidenceKey]


NO_CONTRIBUTION = Contribution(0, frozenset(), 0, frozenset())


class ChannelView(NamedTuple):
    """A channel's evidence and prior as the tokens other than one show them."""

    hits: float
    misses: float
    rate: float
    prior: float
    evidenced: bool
    own: Contribution


class TokenJudge:
    """Scores and decides tokens for one document: lexicon, channels and their priors."""

    def __init__(self, lexicon: Lexicon, channels: Sequence[Channel]):
        self.lexicon = lexicon
        self.channels = tuple(channels)
        #: the letters of the document's languages, whose readings are tried first
        self.letters = native_letters(lexicon.languages)
        #: what short words keep company with, in the first of the document's languages that has a table
        self.neighbours = next(filter(None, map(neighbour_model, lexicon.languages)), None)
        self.priors = {channel.name: 0.0 for channel in self.channels}
        self.evidence = {channel.name: (0, 0) for channel in self.channels}
        self._per_char: dict[str, Counter[str]] = {}
        self._per_char_against: dict[str, Counter[EvidenceKey]] = {}
        #: per token judged, what it added to each channel's counts
        self._own: dict[str, dict[str, Contribution]] = {}
        self._views: dict[tuple[str, str], ChannelView] = {}
        #: per token judged, +1 for the channel it clearly evidences, -1 for each it clearly does not
        self._verdicts: dict[str, Counter[str]] = {}
        self._scores: dict[str, float] = {}
        self._explanations: dict[tuple[str, str, str, LineEvidence], str] = {}
        self._decisions: dict[tuple[str, str | None, bool, LineEvidence], list[Candidate]] = {}

    def score(self, text: str) -> float:
        """The cached log-probability of ``text``."""
        value = self._scores.get(text)
        if value is None:
            value = self._scores[text] = text_logprob(text, self.lexicon)
        return value

    def margin(self, token: str, channel: Channel) -> tuple[float, bool, str] | None:
        """How much better (nats) the channel's best full reading is than the token, whether
        words back that reading, and the reading (``None`` when the channel has no reading)."""
        readings = self._worth_scoring(list(channel.readings(token, letters=self.letters, partial=False)))
        if not readings:
            return None
        best = max((text for text, _ in readings), key=self.score)
        return self.score(best) - self.score(token), backed_by_words(best, token, self.lexicon, strict=False), best

    def learn_priors(self, tokens: Sequence[str], passed: Counter[str] | None = None) -> None:
        """Set each channel's priors from the tokens it clearly repairs or clearly damages.

        A token counts for the channel whose reading beats it most (and for those that read
        it alike, ``_alike``), only when that margin is clear and no channel reading it
        otherwise ties (``_tied_apart``); it counts against every channel whose reading
        is clearly worse.  When a token is judged, its own counts are left out
        (``_view``): it is evidence for the others only, unless the channel's readings
        vouch for themselves (``Channel.self_evident``).
        Counts are kept per suspicious character too: in a text where "Ž" only ever
        appears in clearly broken words but "é" in clearly correct ones, a reading that
        changes "é" is far less likely than one that changes "Ž".  Evidence against a
        character is kept apart for where it stands (``evidence_keys``): the correct
        ellipsis ending "puis…" says nothing of a lone "…", the "à" of a DOS text.
        Evidence for it is not: a byte the document shows broken inside words ("pi•") is
        broken wherever it stands.

        ``passed`` are the tokens of the lines the screen let pass that some channel could
        change, with their counts: those that are words count against every such channel
        without being read (a known word's readings are clearly worse), so that the
        evidence weighs the whole document, not only its odd lines.
        """
        counts = {channel.name: [0, 0] for channel in self.channels}
        per_char: dict[str, Counter[str]] = {c.name: Counter() for c in self.channels}
        per_char_against: dict[str, Counter[EvidenceKey]] = {c.name: Counter() for c in self.channels}
        by_name = {channel.name: channel for channel in self.channels}
        self._verdicts = {}
        self._own = {}
        for token, times in Counter(tokens).items():
            verdict = self._verdicts[token] = Counter()
            own = self._own[token] = {}
            margins = {c.name: self.margin(token, c) for c in self.channels}
            known = {name: m for name, m in margins.items() if m is not None}
            best = max(known, key=lambda name: known[name][0], default=None)
            clear = best is not None and known[best][0] > CLEAR and known[best][1] and not _tied_apart(known, best)
            for hit in _alike(known, best) if clear else ():
                verdict[hit] += 1
                counts[hit][0] += times
                chars = frozenset(token[i] for i in by_name[hit].suspects(token))
                per_char[hit].update(dict.fromkeys(chars, times))
                if not by_name[hit].self_evident:
                    own[hit] = Contribution(times, chars, 0, frozenset())
            for name, (margin, _, _) in known.items():
                if margin < -CLEAR:
                    verdict[name] -= 1
                    counts[name][1] += times
                    keys = frozenset(self._damaged_by(token, by_name[name]))
                    per_char_against[name].update(dict.fromkeys(keys, times))
                    if not by_name[name].self_evident:
                        own[name] = Contribution(0, frozenset(), times, keys)
        suspicious = frozenset().union(*(channel.suspicious for channel in self.channels))
        punctuation = "".join(COMMON_PUNCTUATION)
        by_keys: Counter[frozenset[EvidenceKey]] = Counter()  # a few sets of keys for many words
        for token, times in (passed or Counter()).items():
            if self.lexicon.known(token.strip(punctuation)):
                by_keys[frozenset(evidence_keys(token, (i for i, c in enumerate(token) if c in suspicious)))] += times
        for keys, times in by_keys.items():
            for channel in self.channels:
                changed = [key for key in keys if key[0] in channel.suspicious]
                if changed:
                    counts[channel.name][1] += times
                    against = per_char_against[channel.name]
                    for key in changed:
                        against[key] += times
        self._per_char, self._per_char_against = per_char, per_char_against
        for name, (hits, misses) in counts.items():
            self.evidence[name] = (hits, misses)
            self.priors[name] = _channel_prior(hits, misses)[1]  # the document's, for the summary
        self._views.clear()
        self._decisions.clear()

    def _view(self, name: str, token: str) -> ChannelView:
        """Channel ``name`` as the document's tokens other than ``token`` show it: a token
        is no evidence for itself.  In Russian text whose dashes went through Mac-Roman,
        twenty lone "Ñ" read as the word "С" through cp1251 would otherwise be the
        evidence that makes cp1251 likely, and so each other."""
        key = (name, token)
        view = self._views.get(key)
        if view is None:
            hits, misses = self.evidence[name]
            own = self._own.get(token, {}).get(name, NO_CONTRIBUTION)
            hits, misses = max(hits - own.hits, 0), max(misses - own.misses, 0.0)
            view = self._views[key] = ChannelView(hits, misses, *_channel_prior(hits, misses), own)
        return view

    def _char_prior(self, name: str, view: ChannelView, key: EvidenceKey) -> float:
        """The prior of one character (with where it stands) through channel ``name``,
        from the tokens ``view`` was made for."""
        own = view.own
        hits = max(self._per_char[name][key[0]] - (own.hits if key[0] in own.chars else 0), 0)
        against = max(self._per_char_against[name][key] - (own.misses if key in own.keys else 0), 0.0)
        return _clip(math.log((hits + CHAR_PSEUDO * view.rate) / (against + CHAR_PSEUDO * (1 - view.rate))))

    def evidenced_for(self, name: str, token: str, line: LineEvidence = ()) -> bool:
        """Whether the document's tokens other than ``token`` evidence channel ``name``, or
        another token of its line is clearly the channel's damage (``line``: "arrivŽ ˆ  New
        York")."""
        return self._view(name, token).evidenced or dict(line).get(name, 0) > 0

    def evidenced_channels(self) -> list[Channel]:
        """The channels the document's tokens, all of them, evidence."""
        return [channel for channel in self.channels if _channel_prior(*self.evidence[channel.name])[2]]

    def _damaged_by(self, token: str, channel: Channel) -> set[EvidenceKey]:
        """The characters of ``token`` (whose full reading the channel clearly damages)
        that no reading changing them leaves about as likely: the evidence against them.

        In "jusqu’…" read as cp850, "jusquÆà" is clearly worse, but "jusqu’à" is not:
        the correct "’" is evidence against the channel's "’", not against its "…".
        """
        suspects = evidence_keys(token, channel.suspects(token))
        if len(suspects) < 2 or not any(self.lexicon.known(word) for word in LETTERS.findall(token)):
            return suspects  # nothing in a token with no known word is correct enough to spare
        floor = self.score(token) - CLEAR
        readings = self._worth_scoring([(text, True) for text, partial in channel.readings(token, letters=self.letters) if partial])
        spared = {
            key for text, _ in readings if self.score(text) >= floor
            for a0, a1, _, _ in diff_spans(token, text) for key in evidence_keys(token, range(a0, a1))
        }
        return suspects - spared

    def line_evidence(self, tokens: Sequence[str]) -> list[LineEvidence]:
        """For each of a line's tokens, the evidence the line's other tokens give: per
        channel, how many of them it clearly repairs less how many it clearly damages.
        Tokens are counted once each: a token twice in a line is no evidence for itself."""
        total: dict[str, int] = {}
        for token in set(tokens):
            for name, count in self._verdicts.get(token, {}).items():
                total[name] = total.get(name, 0) + count
        per_token: dict[str, LineEvidence] = {}
        for token in tokens:
            if token not in per_token:
                own = self._verdicts.get(token, {})
                per_token[token] = tuple(sorted((name, rest) for name, count in total.items() if (rest := count - own.get(name, 0)) > 0))
        return [per_token[token] for token in tokens]

    def reading_prior(self, channel: Channel, token: str, reading: str, line: LineEvidence = ()) -> float:
        """The prior of a reading: that of the least trusted character it changes.

        A character's own evidence may raise the prior above the channel's only where
        the channel is evidenced in the document.  Tokens of the same line that the
        channel clearly repairs raise it further (``LINE_HIT`` each, up to
        ``LINE_PRIOR_MAX``), and every character's prior with it.
        """
        view = self._view(channel.name, token)
        default = view.prior
        hits = dict(line).get(channel.name, 0)
        lifted = min(default + LINE_HIT * hits, LINE_PRIOR_MAX) if hits else default
        changed = {key for a0, a1, _, _ in diff_spans(token, reading) for key in evidence_keys(token, range(a0, a1))}
        # the line lifts every character alike: one the document shows correct stays doubtful
        prior = min((self._char_prior(channel.name, view, key) for key in changed), default=default)
        prior += max(lifted - default, 0.0)
        return min(prior, LINE_PRIOR_MAX) if view.evidenced else min(prior, lifted)

    def _all_words(self, text: str) -> bool:
        """Whether ``text`` has letters, every run of them is a known word, and no other
        character cuts a word in two ("tabula•ões" is two known pieces, no word)."""
        words = LETTERS.findall(text)
        return bool(words) and not CUT_WORD.search(text) and all(self.lexicon.known(word) for word in words)

    def _worth_scoring(self, readings: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
        """Readings of a token through one channel worth scoring: all of a few; of many (lost
        bytes multiply them), those that are words when some are (no other would beat
        them), else those that write only letters of the document's languages, else a
        few (all are alike garbage)."""
        if len(readings) <= FEW_READINGS:
            return readings
        words = [reading for reading in readings if self._all_words(reading[0])]
        if words:
            return words
        return [reading for reading in readings if self._native(reading[0])] or readings[:FEW_READINGS]

    def _native(self, text: str) -> bool:
        """Whether every letter of ``text`` is ASCII or a letter of the document's languages."""
        return all(c.isascii() or not c.isalpha() or c.lower() in self.letters for c in text)

    def candidates(self, token: str, following: str | None, inside_line: bool = False, line: LineEvidence = ()) -> list[Candidate]:
        """All readings of ``token`` (joined to ``following`` where given), best first.

        ``inside_line`` says the token is not the first of its line, where a lone
        placeholder may be a lost one-letter word rather than a bullet; ``line`` is the
        evidence of the line's other tokens (``line_evidence``).
        """
        key = (token, following, inside_line, line)
        cached = self._decisions.get(key)
        if cached is not None:
            return cached
        rest = self.score(following) if following else 0.0
        found = {token: Candidate(token, None, self.score(token) + rest + _orphan_cost(token, inside_line))}
        for channel in self.channels:
            evidenced = self.evidenced_for(channel.name, token, line)
            for text, partial in self._worth_scoring(list(channel.readings(token, evidenced, inside_line, self.letters))):
                if not plausible_punctuation(text, token):
                    continue
                joined = text + following if following and text[-1].isalpha() else None
                if joined and not self.lexicon.frequency(joined)[0]:
                    joined = None
                # without document evidence, only words can back a reading (checked before
                # scoring: most readings of a token through a stranger channel are not words)
                options = [
                    (option, is_joined) for option, is_joined in ((text, False), (joined, True))
                    if option and (evidenced or backed_by_words(option, token, self.lexicon))
                ]
                if not options:
                    continue
                penalty = self.reading_prior(channel, token, text, line) + (PARTIAL if partial else 0.0)
                penalty += _orphan_cost(text, inside_line)
                for option_text, is_joined in options:
                    score = self.score(option_text) + penalty + (JOIN if is_joined else rest)
                    if option_text not in found or found[option_text].score < score:
                        found[option_text] = Candidate(option_text, channel, score, is_joined)
        ranked = sorted(found.values(), key=lambda c: c.score, reverse=True)
        self._decisions[key] = ranked
        return ranked

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
        return found[1] if found and self._native(found[0]) else None

    def foreign_to_line(self, candidate: Candidate, token: str, languages: Sequence[str], line: LineEvidence = ()) -> bool:
        """Whether ``candidate`` reads ``token`` through a channel the document gives no
        evidence for into a word none of the line's ``languages`` lists: in a French line
        of a mixed document, "Ève" is no Hungarian "éve" read as Mac-Roman.
        """
        if not languages or candidate.channel is None or self.evidenced_for(candidate.channel.name, token, line):
            return False
        text = candidate.text
        changed = [(b0, b1) for _, _, b0, b1 in diff_spans(token, text)]
        words = [m.group() for m in LETTERS.finditer(text) if any(m.start() < b1 and b0 < m.end() for b0, b1 in changed)]
        return any(not self.lexicon.knowing(word) & set(languages) for word in words)

    def explain(self, best: Candidate, token: str, line: LineEvidence = ()) -> str:
        """Evidence in a few words: the winner, the input, the channel's prior and its evidence."""
        assert best.channel is not None
        key = (token, best.text, best.channel.name, line)
        if key not in self._explanations:
            view = self._view(best.channel.name, token)
            hits, misses = view.hits, view.misses
            prior = self.reading_prior(best.channel, token, best.text, line)
            in_line = dict(line).get(best.channel.name)
            self._explanations[key] = (
                f"{describe(best.text, self.lexicon)} over {describe(token, self.lexicon)}; "
                f"prior {prior:+.1f} (channel: {hits} clear, {misses} against"
                + (f"; {in_line} more clear in the line)" if in_line else ")")
            )
        return self._explanations[key]


def _tied_apart(margins: dict[str, tuple[float, bool, str]], best: str) -> bool:
    """Whether another channel's reading as good as ``best``'s reads the token differently:
    the token is then no evidence for either ("÷ver" is "över" through cp437 and cp850,
    "Över" through Mac-Roman, and the lexicon does not tell the case apart).

    >>> _tied_apart({"a": (9.0, True, "över"), "b": (9.0, True, "Över")}, "a")
    True
    >>> _tied_apart({"a": (9.0, True, "över"), "b": (9.0, True, "över"), "c": (2.0, True, "Över")}, "a")
    False
    """
    top, _, reading = margins[best]
    return any(math.isclose(margin, top, abs_tol=1e-9) and text != reading for margin, _, text in margins.values())


def _alike(margins: dict[str, tuple[float, bool, str]], best: str) -> list[str]:
    """The channels whose reading is ``best``'s, as good: one explanation of the token, so
    the evidence is theirs alike ("Ã¨" is "è" through UTF-8 read as cp1252 or as Latin-1,
    and the C1 controls of a Latin-1 reader need that evidence as much as cp1252 does).

    >>> _alike({"a": (9.0, True, "è"), "b": (9.0, True, "è"), "c": (9.0, True, "Ã¨x")}, "a")
    ['a', 'b']
    """
    top, _, reading = margins[best]
    return [name for name, (margin, _, text) in margins.items() if text == reading and math.isclose(margin, top, abs_tol=1e-9)]


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


def _channel_prior(hits: float, misses: float) -> tuple[float, float, bool]:
    """A channel's rate, prior (log-odds) and whether it is evidenced, from its clear hits
    and misses.

    >>> [round(x, 2) for x in _channel_prior(0, 0)[:2]], _channel_prior(3, 10)[2]
    ([0.2, -1.39], True)
    """
    rate = (hits + PRIOR_HITS) / (hits + misses + PRIOR_HITS + PRIOR_MISSES)
    return rate, _clip(math.log(rate / (1 - rate))), hits >= EVIDENCED_HITS and hits >= EVIDENCED_SHARE * misses


def _clip(prior: float) -> float:
    low, high = PRIOR_RANGE
    return min(high, max(low, prior))


def posterior(ranked: Sequence[Candidate]) -> float:
    """The softmax probability of the first (best) candidate."""
    top = ranked[0].score
    return 1.0 / sum(math.exp(c.score - top) for c in ranked)


def proposals_for(line: int, start: int, token: str, reading: str, channel: Channel, confidence: float, evidence: str) -> Iterator[Proposal]:
    """Proposals turning ``token`` at ``start`` into ``reading``: one per stretch that differs.

    A stretch holding a placeholder is a placeholder repair, any other a mojibake repair.
    """
    for a0, a1, b0, b1 in diff_spans(token, reading):
        kind = "placeholder" if any(c in PLACEHOLDERS for c in token[a0:a1]) else "mojibake"
        yield Proposal(line, start + a0, start + a1, reading[b0:b1], Step(f"{kind}:{channel.name}", confidence, evidence))


def document_words(texts: Iterable[str], channels: Sequence[Channel], limit: int) -> Iterator[str]:
    """Up to ``limit`` tokens of ``texts``, each suspicious one that is not a listed
    word followed by the distinct readings that keep its letters letters.

    A Russian text read as cp1252 holds no Russian word; its readings do, so the
    language guess sees them too.  A word some list already knows ("Ève") adds no
    reading, nor does a reading that turns letters into symbols ("ComitŽ" as "Comit‚"),
    or they would bring in languages the text does not use.
    """
    channels = tuple(channels)
    for count, token in enumerate(m.group() for text in texts for m in TOKEN.finditer(text)):
        if count >= limit:
            return
        yield token
        yield from _letter_readings(token, channels)


@lru_cache(maxsize=1 << 14)
def _letter_readings(token: str, channels: tuple[Channel, ...]) -> tuple[str, ...]:
    """The readings ``document_words`` adds for one token (cached: every round of every
    document guesses its languages again)."""
    core = token.strip("".join(COMMON_PUNCTUATION))
    if not suspicious_pattern(channels).search(token) or not short_enough(token, channels) or (LETTERS.fullmatch(core) and listed_somewhere(core)):
        return ()
    letters = len(LETTER.findall(token))
    if letters < 2:
        return ()
    # with the letters some candidate language writes when a placeholder allows them
    written = native_letters(CANDIDATE_LANGUAGES)
    readings = {text for channel in channels for text, _ in channel.readings(token, letters=written, partial=False)}
    # as large a share of letters (a UTF-8 reading is shorter than its token)
    return tuple(sorted(text for text in readings if len(LETTER.findall(text)) * len(token) >= letters * len(text)))


def _passed_tokens(doc: Document, ctx: Context) -> Counter[str]:
    """The tokens of the lines the screen let pass that some channel could change, counted
    on a sample of those lines (``PASSED_SAMPLE`` characters) and scaled to all of them."""
    screened = set(ctx.worth_a_look)
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


def short_enough(token: str, channels: Sequence[Channel]) -> bool:
    """Whether ``token`` is short enough to judge: at most ``MAX_TOKEN`` characters as it
    stands or as some channel reads it back.

    >>> from mojibake_fix.channels import get_channel
    >>> word = get_channel("utf-8>cp1252>cp1252").damage("последовательности")
    >>> len(word) > MAX_TOKEN, short_enough(word, [get_channel("utf-8>cp1252>cp1252")])
    (True, True)
    """
    if len(token) <= MAX_TOKEN:
        return True
    return len(token) <= MAX_TOKEN * MAX_EXPANSION and any(c.read_length(token) <= MAX_TOKEN for c in channels)


def _tokens_to_judge(text: str, channels: tuple[Channel, ...]) -> list[re.Match[str]]:
    """The tokens (``TOKEN``) of one line holding a suspicious character, short enough to judge."""
    return [m for m in _suspicious_tokens(channels).finditer(text) if short_enough(m.group(), channels)]


def repair(doc: Document, ctx: Context) -> Iterator[Proposal]:
    """Propose the likeliest reading of every suspicious token on the lines the screen
    found worth a look; the channel priors are learnt from those lines too.

    >>> from mojibake_fix import clean
    >>> clean("Le rŽseau a ŽtŽ lancŽ ˆ New York.").text
    'Le réseau a été lancé à New York.'
    """
    if not ctx.worth_a_look:
        return
    pattern = suspicious_pattern(ctx.channels)
    judge = TokenJudge(ctx.lexicon, ctx.channels)
    lines = [(number, doc.lines[number]) for number in ctx.worth_a_look]
    per_line = [_tokens_to_judge(line.text, ctx.channels) for _, line in lines]
    judge.learn_priors([m.group() for matches in per_line for m in matches], _passed_tokens(doc, ctx))
    ctx.notes.setdefault(  # the first round's evidence is the input's
        "channels",
        {
            name: {"prior": round(judge.priors[name], 2), "clear": hits, "against": misses}
            for name, (hits, misses) in judge.evidence.items()
        },
    )
    guessing = ctx.guess_languages is not None  # forced languages hold for every line
    written = WrittenWords(doc.texts, suspicious_pattern(judge.evidenced_channels() or ctx.channels).search)
    for (number, line), matches in zip(lines, per_line):
        languages: list[str] | None = None  # the line's own, guessed when first needed
        indent = len(line.text) - len(line.text.lstrip())
        for match, line_evidence in zip(matches, judge.line_evidence([m.group() for m in matches])):
            token = match.group()
            following, gap = _split_tail(line.text, match, pattern)
            ranked = judge.candidates(token, following, match.start() > indent, line_evidence)
            if guessing and any(c.channel is not None and not judge.evidenced_for(c.channel.name, token, line_evidence) for c in ranked):
                languages = line_languages(line.text) if languages is None else languages
                ranked = [c for c in ranked if not judge.foreign_to_line(c, token, languages, line_evidence)]
            ranked = judge.in_context(ranked, line.text, match.start(), match.end())
            if posterior(ranked) < ctx.min_confidence:  # the document's usage settles a doubt
                ranked = judge.in_document(ranked, written)
            best = ranked[0]
            if best.channel is None:
                repairs = [c for c in ranked if c.channel is not None]
                if not repairs:
                    continue
                best = repairs[0]
            confidence = posterior([best] + [c for c in ranked if c is not best])
            if best is not ranked[0] and confidence < SUSPICION_FLOOR:
                continue
            evidence = judge.explain(best, token, line_evidence)
            if best.neighbours:
                evidence += f"; neighbours {best.neighbours:+.1f}"
            if best.written:
                evidence += f"; written {best.written[0]}× elsewhere, other readings {best.written[1]}×"
            assert best.channel is not None
            reading = best.text[: len(best.text) - len(following or "")] if best.joined else best.text
            yield from proposals_for(number, match.start(), token, reading, best.channel, confidence, evidence)
            if best.joined:
                step = Step("spacing:split_word", confidence, f"joined {describe(best.text, ctx.lexicon)}")
                yield Proposal(number, match.end(), match.end() + gap, "", step)


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
