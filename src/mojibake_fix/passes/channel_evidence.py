"""Channel evidence: what the document's own tokens show of each channel, the priors of the ``mojibake`` pass.

The ``mojibake`` pass first learns, from the lines worth a look, how many tokens each
channel clearly repairs into words against how many it would clearly damage, per channel
and per character (``ChannelEvidence.learn_priors``); the ranking of a token's readings
(``ranking.TokenJudge``) then asks this module for a reading's prior, whether the
document evidences a channel or vouches for a reading, and what the token's line shows.

So a brochure full of "ŽtŽ" makes an ambiguous "11¼" likely "11º", while one "Ž" in a
Czech name is no evidence at all.  Where a channel has no such evidence, a reading must
be backed by words of the document's languages (``scoring.backed_by_words``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from ..align import diff_spans
from ..channels import PLACEHOLDERS, SPACING_ACCENT_ALIASES, Channel, suspicious_characters, suspicious_pattern
from ..lexicon import WORD_SHAPE, Lexicon, listed_somewhere, native_letters
from ..scoring import (
    COMMON_PUNCTUATION,
    JOINERS,
    ORDINALS,
    TOKEN,
    backed_by_words,
    text_logprob,
)

#: Characters that are neither letters nor joiners between two letters ("tabula•ões",
#: "num├®ro").
CUT_WORD = regex.compile(r"(?<=\p{L}\p{M}*)[^\p{L}\p{M}" + regex.escape("".join(sorted(JOINERS))) + r"]+(?=\p{L})")

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
#: A line's evidence: per channel, clear repairs less clear damages among its tokens;
#: 0 for a channel the line agrees with (``ChannelEvidence.line_evidence``), and ``WORDED``
#: where the line's own words are the document's, ``OTHER_WORDS`` where they are not.
LineEvidence = tuple[tuple[str, int], ...]
WORDED, OTHER_WORDS = "(words)", "(other words)"
#: What marks an e-mail address, a URL or a domain name in a line.
ADDRESS = re.compile(r"@|://|^www\.")
#: Above this many readings of a token through one channel, only those that are words are scored.
FEW_READINGS = 8
#: Distinct stretches already read back as UTF-8 weighed as a document's evidence, the
#: commonest first.
MAX_DECODED = 256
#: How much better (nats) a reading the document vouches for, not its words, must explain
#: its token (``ChannelEvidence.vouched``); below ``WORDED_MARGIN``, only in a line whose own
#: words are the document's ("syntax’)" in a Czech sentence, not "ñame" in a Spanish one).
#: ``WORDED_MARGIN`` is more than a letter foreign to the document's languages costs a name
#: (``lexicon.FOREIGN_LETTER``): "Bútan" alone on a line is no "Bœtan".
DOC_MARGIN, WORDED_MARGIN = math.log(4), math.log(100)



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


#: A suspicious character, and whether a letter or digit of its token stands before it and after it.
Place = tuple[str, bool, bool]


def places(token: str, positions: Iterable[int]) -> set[Place]:
    """The places of the characters of ``token`` at ``positions`` (a lone combining accent
    counted as the spacing one it stands for).

    Evidence that a channel repairs a character is kept per place for the document's
    vouching (``ChannelEvidence.vouched``): "Õ" inside "lÕeau" shows an apostrophe, not that
    "Õ" opening "Õun" is one.

    >>> sorted(places("lÕeau", [1])), sorted(places("Õun", [0]))
    ([('Õ', True, True)], [('Õ', False, True)])
    """
    return {
        (SPACING_ACCENT_ALIASES.get(token[i], token[i]), token[max(i - 1, 0) : i].isalnum(), token[i + 1 : i + 2].isalnum())
        for i in positions
    }


class _Tally:
    """What ``ChannelEvidence.learn_priors`` counts, per channel: clear hits and misses,
    and the characters and places of the hits and misses."""

    def __init__(self, channels: Sequence[Channel]):
        self.counts = {channel.name: [0, 0] for channel in channels}
        self.per_char: dict[str, Counter[str]] = {c.name: Counter() for c in channels}
        self.per_place: dict[str, Counter[Place]] = {c.name: Counter() for c in channels}
        self.per_char_against: dict[str, Counter[EvidenceKey]] = {c.name: Counter() for c in channels}


class Contribution(NamedTuple):
    """What one token (all its occurrences) added to a channel's evidence."""

    hits: int
    chars: frozenset[str]
    misses: float
    keys: frozenset[EvidenceKey]
    places: frozenset[Place] = frozenset()


NO_CONTRIBUTION = Contribution(0, frozenset(), 0, frozenset())


class ChannelView(NamedTuple):
    """A channel's evidence and prior as the tokens other than one show them."""

    hits: float
    misses: float
    rate: float
    prior: float
    evidenced: bool
    own: Contribution


class Decoded(NamedTuple):
    """A stretch of a line read back as UTF-8: the input, its reading, and the places
    (``places``) of its characters in the input token that holds it."""

    before: str
    after: str
    where: frozenset[Place]



class ChannelEvidence:
    """What one document's tokens show of each channel: the evidence for and against it,
    per channel, character and line, and the priors it gives a reading.

    ``learn_priors`` learns it from the document; until then every channel has no evidence.
    """

    def __init__(self, lexicon: Lexicon, channels: Sequence[Channel], attested: Sequence[str] | None = None):
        self.lexicon = lexicon
        self.channels = tuple(channels)
        #: the languages whose words vouch for a reading (``mojibake.attested_languages``), and their letters
        self.attested = frozenset(lexicon.languages if attested is None else attested)
        self._attested_letters = native_letters(sorted(self.attested))
        #: every character some channel could have produced (``suspicious_pattern``)
        self.suspicious = suspicious_pattern(self.channels)
        self._self_evident = {channel.name: channel.self_evident for channel in self.channels}
        #: the letters of the document's languages, whose readings are tried first
        self.letters = native_letters(lexicon.languages)
        self.priors = {channel.name: 0.0 for channel in self.channels}
        #: per channel, its clear hits and the tokens clearly against it
        self.counts = {channel.name: (0, 0) for channel in self.channels}
        self._per_char: dict[str, Counter[str]] = {}
        self._per_place: dict[str, Counter[Place]] = {}
        self._sources: dict[str, str] = {}
        #: per token and channel, its occurrences a line confirms (``learn_priors``)
        self._confirmed: Counter[tuple[str, str]] = Counter()
        #: the tokens and the channels whose reading explains them better
        self._clear: set[tuple[str, str]] = set()
        #: of those, per token, the channels whose reading mends a broken word (``_mends_word``)
        self._mending: dict[str, set[str]] = {}
        self._per_char_against: dict[str, Counter[EvidenceKey]] = {}
        #: per token judged, what it added to each channel's counts
        self._own: dict[str, dict[str, Contribution]] = {}
        self._views: dict[tuple[str, str], ChannelView] = {}
        #: per token judged, each channel's ``margin`` (channels with a reading)
        self._margins: dict[str, dict[str, tuple[float, bool, str]]] = {}
        #: per token judged, +1 for the channel it clearly evidences, -1 for each it clearly does not
        self._verdicts: dict[str, Counter[str]] = {}
        self._scores: dict[str, float] = {}

    def score(self, text: str) -> float:
        """The cached log-probability of ``text``."""
        value = self._scores.get(text)
        if value is None:
            value = self._scores[text] = text_logprob(text, self.lexicon)
        return value

    def margin(self, token: str, channel: Channel) -> tuple[float, bool, str] | None:
        """How much better (nats) the channel's best full reading is than the token, whether
        words back that reading, and the reading (``None`` when the channel has no reading)."""
        readings = self.worth_scoring(list(channel.readings(token, letters=self.letters, partial=False)))
        if not readings:
            return None
        best = max((text for text, _ in readings), key=self.score)
        return self.score(best) - self.score(token), backed_by_words(best, token, self.lexicon, strict=False, languages=self.attested), best

    def learn_priors(
        self,
        lines: Sequence[tuple[str, Sequence[str]]],
        passed: Counter[str] | None = None,
        sources: Mapping[str, str] | None = None,
        decoded: Counter[Decoded] | None = None,
    ) -> None:
        """Set each channel's priors from the tokens it clearly repairs or clearly damages.

        A token counts for the channel whose reading beats it most (and for those that read
        it alike, ``_alike``), only when that margin is clear and no channel reading it
        otherwise ties (``_tied_apart``); it counts against every channel whose reading
        is clearly worse.  When a token is judged, its own counts are left out
        (``view``): it is evidence for the others only, unless the channel's readings
        vouch for themselves (``Channel.self_evident``).
        Counts are kept per suspicious character too: in a text where "Ž" only ever
        appears in clearly broken words but "é" in clearly correct ones, a reading that
        changes "é" is far less likely than one that changes "Ž".  Evidence against a
        character is kept apart for where it stands (``evidence_keys``): the correct
        ellipsis ending "puis…" says nothing of a lone "…", the "à" of a DOS text.
        Evidence for it is not: a byte the document shows broken inside words ("pi•") is
        broken wherever it stands.

        ``lines`` are the lines' texts and their tokens to judge.  An occurrence of a token
        the channel reads better in a line where another token is clearly
        its damage (``line_evidence``) is confirmed by that line: it is evidence for the
        other occurrences of the same token, which a token alone never is for itself ("Ñ"
        in "ASSOCIATION Ñ  NOTRE RƒSEAU" speaks for the "Ñ" of the headings around it).

        ``passed`` are the tokens of the lines the screen let pass that some channel could
        change, with their counts: those that are words count against every such channel
        without being read (a known word's readings are clearly worse), so that the
        evidence weighs the whole document, not only its odd lines.

        ``sources`` maps a line's text to the input line it was repaired from in earlier
        rounds: the words a channel would have broken are read in the input (``_sparing``).

        ``decoded`` are the stretches of the document already read back as UTF-8, before
        and after (``mojibake._decoded``), with their counts: each is a clear hit for every UTF-8
        channel that reads it so, as the line's are for its other tokens
        (``line_evidence``).  In German read as cp1257, ftfy reads "fĆ¼r" back, and so
        the lost "ß" of "AnschlieĆ•end", which only a channel reading the placeholder as
        any lost byte reads, is on a channel the document evidences.
        """
        self._sources = dict(sources or {})
        tally = _Tally(self.channels)
        self._verdicts = {}
        self._margins = {}
        self._own = {}
        self._clear = set()
        self._mending = {}
        by_name = {channel.name: channel for channel in self.channels}
        self._count_judged(Counter(token for _, line in lines for token in line), tally, by_name)
        self._count_decoded(decoded or Counter(), tally)
        self._count_passed(passed or Counter(), tally)
        self._per_char, self._per_place, self._per_char_against = tally.per_char, tally.per_place, tally.per_char_against
        for name, (hits, misses) in tally.counts.items():
            self.counts[name] = (hits, misses)
            self.priors[name] = _channel_prior(hits, misses)[1]  # the document's, for the summary
        self._views.clear()
        self._vouched_verdicts(lines, by_name)
        self._confirmed = Counter(
            (token, name)
            for _, line in lines
            for token, evidence in zip(line, self.line_evidence(line))
            for name, count in evidence
            if count > 0 and (token, name) in self._clear
        )
        self._views.clear()

    def _count_judged(self, tokens: Counter[str], tally: _Tally, by_name: dict[str, Channel]) -> None:
        """``learn_priors``'s count of the tokens to judge: each clear hit and clear miss, with
        its characters and places, the token's own contribution and its verdicts."""
        counts, per_char, per_place, per_char_against = tally.counts, tally.per_char, tally.per_place, tally.per_char_against
        for token, times in tokens.items():
            verdict = self._verdicts[token] = Counter()
            own = self._own[token] = {}
            margins = {c.name: self.margin(token, c) for c in self.channels}
            known = self._margins[token] = {name: m for name, m in margins.items() if m is not None}
            best = max(known, key=lambda name: known[name][0], default=None)
            clear = best is not None and known[best][0] > CLEAR and known[best][1] and not _tied_apart(known, best)
            for name, (margin, _, reading) in known.items():
                if margin > 0.0:
                    self._clear.add((token, name))
                    if _mends_word(token, reading):
                        self._mending.setdefault(token, set()).add(name)
            for hit in _alike(known, best) if clear and best is not None else ():
                # a line trusts only readings words vouch for by the strict rules ("ñame"
                # read as "–ame" makes the word "ame" of no letter it changed)
                if by_name[hit].self_evident or backed_by_words(known[hit][2], token, self.lexicon, languages=self.attested):
                    verdict[hit] += 1
                counts[hit][0] += times
                suspects = by_name[hit].suspects(token)
                chars = frozenset(token[i] for i in suspects)
                where = frozenset(places(token, suspects))
                per_char[hit].update(dict.fromkeys(chars, times))
                per_place[hit].update(dict.fromkeys(where, times))
                if not by_name[hit].self_evident:
                    own[hit] = Contribution(times, chars, 0, frozenset(), where)
            for name, (margin, _, _) in known.items():
                if margin < -CLEAR:
                    verdict[name] -= 1
                    counts[name][1] += times
                    keys = frozenset(self._damaged_by(token, by_name[name]))
                    per_char_against[name].update(dict.fromkeys(keys, times))
                    if not by_name[name].self_evident:
                        own[name] = Contribution(0, frozenset(), times, keys)

    def _count_decoded(self, decoded: Counter[Decoded], tally: _Tally) -> None:
        """``learn_priors``'s count of the stretches already read back as UTF-8: a clear hit
        for every UTF-8 channel that reads them so."""
        for (before, after, where), times in decoded.most_common(MAX_DECODED):
            for channel in self.channels:
                if channel.self_evident and any(reading == after for reading, _ in channel.readings(before, partial=False)):
                    tally.counts[channel.name][0] += times
                    tally.per_char[channel.name].update(dict.fromkeys(before, times))
                    tally.per_place[channel.name].update(dict.fromkeys(where, times))

    def _count_passed(self, passed: Counter[str], tally: _Tally) -> None:
        """``learn_priors``'s count of the words the screen let pass: against every channel
        that could change them."""
        suspicious = suspicious_characters(self.channels)
        punctuation = "".join(COMMON_PUNCTUATION)
        by_keys: Counter[frozenset[EvidenceKey]] = Counter()  # a few sets of keys for many words
        for token, times in passed.items():
            if self.lexicon.known(token.strip(punctuation)):
                by_keys[frozenset(evidence_keys(token, (i for i, c in enumerate(token) if c in suspicious)))] += times
        for keys, times in by_keys.items():
            for channel in self.channels:
                changed = [key for key in keys if key[0] in channel.suspicious]
                if changed:
                    tally.counts[channel.name][1] += times
                    against = tally.per_char_against[channel.name]
                    for key in changed:
                        against[key] += times

    def _vouched_verdicts(self, lines: Sequence[tuple[str, Sequence[str]]], by_name: dict[str, Channel]) -> None:
        """Count as a line's evidence the broken words the rest of the document vouches for
        (``vouched``) though no word of its languages does: "Pra•a" is "Praça", and speaks
        for the "11¼" beside it.  Only the channel that explains the word best counts:
        Russian read as cp1251 mends into capitals through KOI8-R too, far worse."""
        vouching: dict[str, dict[str, LineEvidence]] = {}
        for text, line in lines:
            for token, evidence in zip(line, self.line_evidence(line, text)):
                names = [name for name, _ in evidence if name in self._mending.get(token, ()) and self._verdicts[token][name] <= 0]
                vouching.setdefault(token, {}).update(dict.fromkeys(names, evidence))
        for token, found in vouching.items():
            if not found:
                continue
            margins = self._margins[token]
            top = max(margin for margin, _, _ in margins.values())
            for name, evidence in found.items():
                margin, _, reading = margins[name]
                if margin >= top and self.vouched(name, token, reading, margin, evidence):
                    self._verdicts[token][name] = 1

    def view(self, name: str, token: str) -> ChannelView:
        """Channel ``name`` as the document's tokens other than ``token`` show it: a token
        is no evidence for itself.  In Russian text whose dashes went through Mac-Roman,
        twenty lone "Ñ" read as the word "С" through cp1251 would otherwise be the
        evidence that makes cp1251 likely, and so each other."""
        key = (name, token)
        view = self._views.get(key)
        if view is None:
            hits, misses = self.counts[name]
            own = self._own.get(token, {}).get(name, NO_CONTRIBUTION)
            left_hits, left_misses = max(hits - own.hits, 0), max(misses - own.misses, 0.0)
            view = self._views[key] = ChannelView(left_hits, left_misses, *_channel_prior(left_hits, left_misses), own)
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
        return self.view(name, token).evidenced or dict(line).get(name, 0) > 0

    def vouched(self, name: str, token: str, reading: str, margin: float, line: LineEvidence = ()) -> bool:
        """Whether the document vouches for a reading its words do not: its other tokens
        evidence the channel and clearly show it repairing every character the reading
        changes, the reading explains the token better by at least ``DOC_MARGIN`` nats
        (or at all, where a line elsewhere confirms the same token), and the line agrees
        (``line_evidence`` lists the channel): it holds words, the channel could have
        written it and would not have broken its other words written right (``_sparing``), and
        where its words are another language's (``OTHER_WORDS``) the reading makes a word
        ("Pra•a" is "Praça"; "Õues" in an Estonian line is no "’ues").  A line with no
        word of its own needs ``WORDED_MARGIN``.  A reading that makes a letter standing
        alone of a sign, or of a letter the document's languages do not write ("α" as
        "à"), needs more, but for UTF-8 ("Ñ•" is "с"): a line elsewhere where the same
        token is the channel's damage beside other such tokens (``learn_priors``).

        A channel is no evidence for a character it is never seen repairing where it stands
        (``places``): in a text full of "sch÷n" (German read as cp850), the "÷" of
        "12 ÷ 4" is no "ö", nor is "¡Tu" a "°Tu" in a brochure full of "ŽtŽ", nor
        "Õun" a "’un" in one full of "lÕeau".  Nor is a document evidence for a
        line the channel could not have written: in a French text whose "î" all became
        "ε" (cp1252 read as cp437), "εm" in a line holding "→" is no "îm".
        """
        view = self.view(name, token)
        confirmed = self._confirmed[token, name]
        if not view.evidenced or margin < (0.0 if confirmed else DOC_MARGIN) or name not in dict(line):
            return False
        own = view.own
        if not confirmed and not self._self_evident[name] and _lone_letter(token, reading, self._attested_letters):
            return False  # a lone letter from a sign ("×" as "Ч") is too little unconfirmed
        if dict(line)[name] == 0 and OTHER_WORDS in dict(line) and not _makes_words(token, reading):
            return False  # another text, maybe: "Õues" is no "’ues" in an Estonian line
        if not confirmed and dict(line)[name] == 0 and WORDED not in dict(line) and margin < WORDED_MARGIN:
            return False
        # the token's other occurrences count, its first does not: "®ndr" twice in a text
        # evidencing Mac-Roman shows "®" as "Æ" once over.  A letter or placeholder read
        # as a letter is one wherever it stands ("•" lost inside "perch•" is lost alone
        # too), and so is a sign inside a word; a sign read as a letter elsewhere, or
        # anything read as a mark, must be shown so where it stands ("U™" after a brand is
        # no "Uô" in a text whose "r™le" is "rôle").  In
        # a line of no other language, a word mended far better (``WORDED_MARGIN``) into
        # the document's letters, from letters of their script, needs no other word showing
        # them so (Danish "KopiÈr" is "Kopiér"), nor a sign other words show as a letter to
        # stand where it does
        # ("∆ndr" is "Ændr" beside "V∆RT"); a placeholder hides any letter
        chars, where = self._per_char[name], self._per_place[name]
        mended = (
            OTHER_WORDS not in dict(line) and margin >= WORDED_MARGIN
            and ((_mends_word(token, reading) and self.native(reading)) or _ordinal(token, reading))
        )
        for a0, a1, b0, b1 in diff_spans(token, reading):
            before = token[a0:a1]
            as_letter = any(c.isalpha() for c in reading[b0:b1])
            seen = [chars[c] - (1 if c in own.chars else 0) + confirmed for c in {SPACING_ACCENT_ALIASES.get(c, c) for c in before}]
            if as_letter and mended and all(c.isalpha() and c not in PLACEHOLDERS and _same_script(c, reading[b0:b1]) for c in before):
                continue
            inside = token[a0 - 1 : a0].isalnum() and token[a1 : a1 + 1].isalnum()
            if as_letter and mended and inside:
                continue
            if as_letter and (inside or all(c.isalpha() or c in PLACEHOLDERS for c in before)):
                shown = seen
            elif as_letter and mended and all(count > 0 for count in seen):
                continue
            else:
                shown = [where[p] - (1 if p in own.places else 0) + confirmed for p in places(token, range(a0, a1))]
            if any(count <= 0 for count in shown):
                return False
        return True

    def evidenced_channels(self) -> list[Channel]:
        """The channels the document's tokens, all of them, evidence."""
        return [channel for channel in self.channels if _channel_prior(*self.counts[channel.name])[2]]

    def _damaged_by(self, token: str, channel: Channel) -> set[EvidenceKey]:
        """The characters of ``token`` (whose full reading the channel clearly damages)
        that no reading changing them leaves about as likely: the evidence against them.

        In "jusqu’…" read as cp850, "jusquÆà" is clearly worse, but "jusqu’à" is not:
        the correct "’" is evidence against the channel's "’", not against its "…".
        """
        suspects = evidence_keys(token, channel.suspects(token))
        if len(suspects) < 2 or not any(self.lexicon.known(word) for word in WORD_SHAPE.findall(token)):
            return suspects  # nothing in a token with no known word is correct enough to spare
        floor = self.score(token) - CLEAR
        readings = self.worth_scoring([(text, True) for text, partial in channel.readings(token, letters=self.letters) if partial])
        spared = {
            key for text, _ in readings if self.score(text) >= floor
            for a0, a1, _, _ in diff_spans(token, text) for key in evidence_keys(token, range(a0, a1))
        }
        return suspects - spared

    def line_evidence(self, tokens: Sequence[str], text: str | None = None, decoded: Sequence[Decoded] = ()) -> list[LineEvidence]:
        """For each of a line's tokens, the evidence the line's other tokens give: per
        channel, how many of them it clearly repairs less how many it clearly damages.
        Tokens are counted once each: a token twice in a line is no evidence for itself.
        ``decoded`` are the stretches of the line already read back as UTF-8 (by the
        ``utf8`` pass, or an earlier round), before and after: bytes that decoded are as
        clear as a token repaired, for each UTF-8 channel that reads them so ("РІС‹" is
        "вы" in a line whose other words ftfy decoded through cp1251; "Ã­" that ftfy
        read as Latin-1 speaks for cp1252 too).

        Given the line's ``text``, a channel with no such count is listed with 0 where the
        line agrees with it (``_agrees``) and text read through the channel could hold
        every character of it but the letters of the document's languages
        (``Channel.could_write``), so the document's evidence may speak for it
        (``vouched``)."""
        total: dict[str, int] = {}
        for channel in self.channels:
            if channel.self_evident:
                count = sum(any(reading == after for reading, _ in channel.readings(before, partial=False)) for before, after, _ in decoded)
                if count:
                    total[channel.name] = count
        for token in set(tokens):
            for name, count in self._verdicts.get(token, {}).items():
                total[name] = total.get(name, 0) + count
        letters = self._attested_letters
        # per channel that could have written the line, its words that the channel would
        # have broken: a token's own words do not speak against it ("nß" in a Dutch line).
        # UTF-8 bytes read as one code page are evidence by themselves, and mix with correct
        # text in one line (a field pasted into a template): "l’affichage" and "priorité"
        # written right do not speak against "├á" beside them
        writers = (
            {
                c.name: set() if c.self_evident else self._sparing(self._sources.get(text, text), c)
                for c in self.channels if c.self_evident or c.could_write(text, letters)
            }
            if text is not None and self._agrees(text)
            else {}
        )
        marks: tuple[tuple[str, int], ...] = ()
        worded = self._worded(text) if writers else None  # type: ignore[arg-type]
        if worded is not None:
            marks = ((WORDED if worded else OTHER_WORDS, 0),)
        per_token: dict[str, LineEvidence] = {}
        for token in tokens:
            if token not in per_token:
                own = self._verdicts.get(token)
                words = set(WORD_SHAPE.findall(token))
                found = {name: rest for name, count in total.items() if (rest := count - (own[name] if own else 0)) > 0}
                agreeing = [name for name, sparing in writers.items() if sparing <= words]
                found.update((name, 0) for name in agreeing if name not in found)
                if agreeing:
                    found.update(marks)
                per_token[token] = tuple(sorted(found.items()))
        return [per_token[token] for token in tokens]

    def _agrees(self, text: str) -> bool:
        """Whether the line ``text`` is text the document's evidence may speak for: it
        holds words ("3 × 4 = 12" does not)."""
        return WORD_SHAPE.search(text) is not None

    def _sparing(self, text: str, channel: Channel) -> set[str]:
        """The words of the line ``text``, of the document's languages and written right,
        that the channel would have broken: in a French text whose "é" all became "Ž", a
        line holding "conservées" was not read through that channel, and the document's
        evidence for it does not speak for the line's "È".  ``text`` is the input line:
        the words an earlier round repaired were broken."""
        return {
            word for word in WORD_SHAPE.findall(text)
            if not word.isascii() and not self.lexicon.knowing(word).isdisjoint(self.attested)
            and any(_breaks(channel, c) for c in set(word) if not c.isascii())
        }

    def _worded(self, text: str) -> bool | None:
        """Whether most words of the line ``text`` that some list holds are words of the
        document's languages, the likeliest to write them (``None``: it has no such word).
        Only words in lower case of two letters or more count, outside addresses:
        "iclei@iclei.org", "ICLEI" and "Dara" are in no language, and a word no list holds
        ("skalskript") in none known; a word holding a suspicious character counts only
        for the document's languages.

        >>> from mojibake_fix.channels import get_channel
        >>> evidence = ChannelEvidence(Lexicon(["fr"]), [get_channel("mac_roman>cp1252")])
        >>> evidence._worded("C. ƒLECTR. : iclei@iclei.org"), evidence._worded("Õues sajab lund ja tuul on külm.")
        (None, False)
        """
        own = self.attested.union(self.lexicon.languages)
        found = [
            language in own
            for item in TOKEN.findall(text) if not ADDRESS.search(item)
            for w in WORD_SHAPE.findall(item) if len(w) > 1 and w.islower()
            if (language := self.lexicon.likeliest(w)) is not None
            # a word that may be broken speaks only for the document ("rŽseau" may be
            # listed somewhere; "существовавшее" repaired is Russian)
            and (language in own or not self.suspicious.search(item))
        ]
        if not found:
            return None
        return 2 * sum(found) > len(found)

    def reading_prior(self, channel: Channel, token: str, reading: str, line: LineEvidence = ()) -> float:
        """The prior of a reading: that of the least trusted character it changes.

        A character's own evidence may raise the prior above the channel's only where
        the channel is evidenced in the document.  Tokens of the same line that the
        channel clearly repairs raise it further (``LINE_HIT`` each, up to
        ``LINE_PRIOR_MAX``), and every character's prior with it.  A partial reading
        also pays for the character it leaves that the document trusts least as written:
        where the channel turns every "Л" into "м", "ЛЮЯЙЮ" read as "Ласка" keeps one.
        """
        view = self.view(channel.name, token)
        default = view.prior
        hits = dict(line).get(channel.name, 0)
        lifted = min(default + LINE_HIT * hits, LINE_PRIOR_MAX) if hits else default
        positions = {i for a0, a1, _, _ in diff_spans(token, reading) for i in range(a0, a1)}
        changed = evidence_keys(token, positions)
        # the line lifts every character alike: one the document shows correct stays doubtful
        prior = min((self._char_prior(channel.name, view, key) for key in changed), default=default)
        prior += max(lifted - default, 0.0)
        if view.evidenced:
            kept = evidence_keys(token, channel.suspects(token) - positions)
            prior -= max([self._char_prior(channel.name, view, key) for key in kept] + [0.0])
        return min(prior, LINE_PRIOR_MAX) if view.evidenced else min(prior, lifted)

    def all_words(self, text: str) -> bool:
        """Whether ``text`` has letters, every run of them is a known word written in one
        case or with a capital first ("ДаЛО" is no "дало"), and no other character cuts
        a word in two ("tabula•ões" is two known pieces, no word)."""
        words = WORD_SHAPE.findall(text)
        return (
            bool(words) and not CUT_WORD.search(text) and all(_cased(word) and self.lexicon.known(word) for word in words)
        )

    def worth_scoring(self, readings: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
        """Readings of a token through one channel worth scoring: all of a few; of many (lost
        bytes multiply them), those that are words when some are (no other would beat
        them), else those that write only letters of the document's languages, else a
        few (all are alike garbage)."""
        if len(readings) <= FEW_READINGS:
            return readings
        words = [reading for reading in readings if self.all_words(reading[0])]
        if words:
            return words
        return [reading for reading in readings if self.native(reading[0])] or readings[:FEW_READINGS]

    def native(self, text: str) -> bool:
        """Whether every letter of ``text`` is ASCII or a letter of the document's languages."""
        return all(c.isascii() or not c.isalpha() or c.lower() in self.letters for c in text)


#: Letters that spell words: a modifier letter ("ˆ", "ʼ") is a sign.
WORD_LETTERS = frozenset(("Lu", "Ll", "Lt", "Lo"))


def _lone_letter(token: str, reading: str, letters: frozenset[str]) -> bool:
    """Whether ``reading`` makes a sign of ``token`` a letter standing alone ("12 ÷ 4" as
    "12 ч 4"); a placeholder stands for a lost letter, no sign (Italian "abc2ly • mantenuta").
    A letter none of the document's ``letters`` (lower case) is a sign here: "α" in a
    formula, "ƒ/1,8" on a lens.

    >>> fr = frozenset("éèàç")
    >>> _lone_letter("×", "Ч", fr), _lone_letter("ˆ", "à", fr), _lone_letter("è", "Ë", fr), _lone_letter("α", "à", fr)
    (True, True, False, True)
    >>> _lone_letter("2Ş", "2ª", fr)  # an ordinal, glued to its number
    False
    """
    runs = [(m.start(), m.end()) for m in regex.finditer(r"[\p{L}\p{N}]+", reading)]
    return any(
        b1 - b0 == 1 and reading[b0].isalpha() and (b0, b1) in runs
        and not all(
            (unicodedata.category(c) in WORD_LETTERS and (c.isascii() or c.lower() in letters)) or c in PLACEHOLDERS
            for c in token[a0:a1]
        )
        for a0, a1, b0, b1 in diff_spans(token, reading)
    )


def _cased(word: str) -> bool:
    """Whether ``word`` is written in lower case, in capitals, or with a capital first.

    >>> _cased("дало"), _cased("ДАЛО"), _cased("Дало"), _cased("ДаЛО"), _cased("McDonald")
    (True, True, True, False, False)
    """
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def _mends_word(token: str, reading: str) -> bool:
    """Whether ``reading`` changes ``token`` only into letters, each inside a run of two
    letters or more: it mends a broken word ("Pra•a", "rŽseau"), not a lone sign.

    >>> _mends_word("Pra•a", "Praça"), _mends_word("ñame", "–ame"), _mends_word("×", "Ч")
    (True, False, False)
    """
    runs = [(m.start(), m.end()) for m in WORD_SHAPE.finditer(reading)]
    return all(
        b1 > b0 and reading[b0:b1].isalpha() and any(r0 <= b0 and b1 <= r1 for r0, r1 in runs)
        for _, _, b0, b1 in diff_spans(token, reading)
    )


@lru_cache(maxsize=1 << 12)
def _breaks(channel: Channel, char: str) -> bool:
    """Whether ``channel`` writes ``char`` otherwise (a UTF-8 channel builds its table on
    every ``damage`` call: once per character and channel is enough)."""
    return channel.damage(char) != char


def _same_script(char: str, text: str) -> bool:
    """Whether the letter ``char`` is of the script of every letter of ``text``: a Greek
    "ε" read as a Latin "î" mends no word.

    A letter's script is read from its compatibility form, so an ordinal "ª" is Latin.

    >>> _same_script("È", "é"), _same_script("ε", "î"), _same_script("Ş", "ª")
    (True, False, True)
    """
    script = _script(char)
    return all(_script(c) == script for c in text if c.isalpha())


def _script(letter: str) -> str:
    """The first word of the Unicode name of ``letter``'s compatibility form ("LATIN")."""
    return unicodedata.name(unicodedata.normalize("NFKD", letter)[0], "").split(" ")[0]


def _ordinal(token: str, reading: str) -> bool:
    """Whether ``reading`` changes ``token`` only into ordinal indicators after a number.

    >>> _ordinal("2Ş", "2ª"), _ordinal("Ş", "ª")
    (True, False)
    """
    spans = diff_spans(token, reading)
    return bool(spans) and all(reading[b0:b1] in ORDINALS and reading[b0 - 1 : b0].isdigit() for _, _, b0, b1 in spans)


def _makes_words(token: str, reading: str) -> bool:
    """Whether ``reading`` mends ``token`` (``_mends_word``) into words of two letters or
    more that some language lists: a word the reading makes is evidence a line in another
    language can give.

    >>> _makes_words("Pra•a", "Praça"), _makes_words("U™", "Uô"), _makes_words("Õues", "’ues")
    (True, False, False)
    """
    if not _mends_word(token, reading):
        return False
    changed = [(b0, b1) for _, _, b0, b1 in diff_spans(token, reading)]
    words = [m.group() for m in WORD_SHAPE.finditer(reading) if any(m.start() < b1 and b0 < m.end() for b0, b1 in changed)]
    return all(len(word) >= 2 and listed_somewhere(word) for word in words)


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

