"""The engine: runs the passes in order, applies what is sure enough, records the rest.

Order, and why:

1. ``cid.repair``: pdfminer.six's ``(cid:N)`` codes, before anything reads the words;
2. ``utf8.repair``: UTF-8 read through a code page, as ftfy finds it, while the C1
   controls that are bytes of it are dropped as stray controls, and before the
   mojibake pass, which gets the lines where a placeholder may hide a byte;
3. ``ligatures.repair`` (option ``ligatures``): before hygiene drops TeX's ligature
   control codes as controls, and before a stray "˛" standing for "fi" is taken for an
   accent;
4. ``hygiene.normalize``: drop a byte-order mark and stray controls, compose to NFC, so
   that the repairs see one spelling of each letter;
5. ``accents.repair`` (option ``accents``): spacing accents back on their letters, before
   the mojibake pass could take a TeX "ˆ" for a Mac-Roman "à";
6. ``mojibake.repair``: codec confusions and placeholders, with the words they split;
7. ``spacing.collapse_after_repairs``: it needs to know which letters were repaired;
8. ``hyphenation.join`` (option ``hyphenation``): words cut at line ends, once their
   letters are right, so that the lexicon can judge the joined word;
9. ``layout.split_words``, ``layout.letter_spaced``, ``layout.collapse_runs``,
   ``layout.strip_trailing`` (options ``split-words``, ``letter-spacing``, ``space-runs``,
   ``trailing-space``): the layout of extracted text; headings before runs of spaces,
   whose double spaces separate the words of a letter-spaced heading;
10. ``hygiene.mark_lost_bytes``: after step 6, since a C1 control may be a letter it restores;
11. ``hygiene.normalize`` again, so the output is NFC whatever the repairs wrote.

Passes with an option name run only when ``Settings.repairs`` holds it.

A pass reads the document and the round's ``Context`` (``survey.survey``: the channels,
the lexicon, the lines worth a look), never changes either, and yields ``Proposal``s;
the mojibake pass also yields the channel priors it learnt (``LearntPriors``), which the summary
reports.  The engine alone applies proposals, and surveys the text again after a pass
changed it.

The sequence runs again on its own output until a round changes nothing (at most
``MAX_ROUNDS``): a repair can reveal another (a token freed of a stray control), and a
text the engine has cleaned must be one it leaves alone, so cleaning twice equals
cleaning once.  Decisions depend only on the current text, so the last, unchanged
round is exactly what a second cleaning would do.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .changes import LearntPriors, Proposal, Suspicion
from .context import Context, Settings
from .document import Document, Edit, Line
from .passes import (
    accents,
    cid,
    hygiene,
    hyphenation,
    layout,
    ligatures,
    mojibake,
    spacing,
    utf8,
)
from .survey import Surveyor
from .triggers import Finder, Trigger, any_of

Pass = Callable[[Document, Context], Iterable[Proposal | LearntPriors]]


@dataclass(frozen=True)
class Stage:
    """A pass, the option that enables it (None: always runs), and what in a whole text
    gives it work (None: only what the screen or the hygiene check finds)."""

    run: Pass
    option: str | None = None
    trigger: Finder | None = None


#: The trigger of a pass that may find work in any text.
ANYTHING = regex.compile(r"\S")

PASSES: tuple[Stage, ...] = (
    Stage(cid.repair, trigger=cid.TRIGGER),
    Stage(utf8.repair, trigger=utf8.TRIGGER),
    Stage(ligatures.repair, "ligatures", ligatures.DOCUMENT_TRIGGER),
    Stage(hygiene.normalize, trigger=hygiene.UNNORMALIZED),
    Stage(accents.repair, "accents", accents.TRIGGER),
    Stage(mojibake.repair),
    Stage(spacing.collapse_after_repairs),
    Stage(hyphenation.join, "hyphenation", hyphenation.TRIGGER),
    Stage(layout.split_words, "split-words", ANYTHING),
    Stage(layout.letter_spaced, "letter-spacing", layout.LETTER_SPACED_TRIGGER),
    Stage(layout.collapse_runs, "space-runs", layout.RUNS_TRIGGER),
    Stage(layout.strip_trailing, "trailing-space", layout.TRAILING_TRIGGER),
    Stage(hygiene.mark_lost_bytes, trigger=Trigger(hygiene.CONTROL.pattern)),
    Stage(hygiene.normalize, trigger=hygiene.UNNORMALIZED),
)
#: Optional repairs: name → (on by default for text, on by default for PDF input).
REPAIRS: dict[str, tuple[bool, bool]] = {
    "ligatures": (True, True),
    "accents": (True, True),
    "hyphenation": (True, True),
    "split-words": (False, True),
    "letter-spacing": (True, True),
    "space-runs": (False, True),
    "trailing-space": (False, True),
}
#: What each optional repair does, in a few words (for ``clean-text --help``).
REPAIR_HELP: dict[str, str] = {
    "ligatures": 'ligatures expanded and restored ("ﬁchier", "di ff erent", "denition")',
    "accents": 'spacing accents back on their letter ("syst`eme" -> "système")',
    "hyphenation": 'words hyphenated at line ends joined, the tail moved up ("com-" "piler" -> "compiler")',
    "split-words": 'words split by a space joined ("na vigateurs" -> "navigateurs")',
    "letter-spacing": 'letter-spaced headings joined ("S E R V I C E S" -> "SERVICES")',
    "space-runs": "runs of spaces between words made one space",
    "trailing-space": "spaces and tabs at line ends removed",
}


def stages_for(repairs: Iterable[str]) -> tuple[Stage, ...]:
    """The stages to run with the optional ``repairs`` enabled, in order."""
    enabled = set(repairs)
    return tuple(stage for stage in PASSES if stage.option is None or stage.option in enabled)


def triggered(text: str, repairs: Iterable[str]) -> bool:
    """Whether some enabled pass finds work in ``text`` beyond the screen; of the hygiene
    pass's work, the controls and lone surrogates (``hygiene.composed`` checks the rest).

    >>> triggered("com-\\npiler", ["hyphenation"]), triggered("com-\\npiler", [])
    (True, False)
    """
    joined, others = _triggers(frozenset(repairs))
    return bool(joined and joined.search(text)) or any(trigger.search(text) for trigger in others)


@lru_cache(maxsize=16)
def _triggers(repairs: frozenset[str]) -> tuple[re.Pattern[str] | None, tuple[Finder, ...]]:
    """The enabled passes' ``Trigger``s and the hygiene pass's as one pattern (one scan),
    and the other triggers."""
    # the callers check composition themselves (``hygiene.composed``), the scan the rest
    # of what gives ``hygiene.normalize`` work
    found = [hygiene.NEEDS_WORK] + [
        stage.trigger for stage in stages_for(repairs) if stage.trigger not in (None, hygiene.UNNORMALIZED)
    ]
    others = tuple(trigger for trigger in found if not isinstance(trigger, Trigger))
    return _scan(tuple(trigger for trigger in found if isinstance(trigger, Trigger))), others


MAX_ROUNDS = 4


@dataclass
class Outcome:
    """What a run found besides the edits it made to the document."""

    #: the proposals below the bar, as suspicions in input columns
    suspicions: list[Suspicion] = field(default_factory=list)
    #: the channel evidence a pass first gave: the input's, not a later round's
    evidence: LearntPriors | None = None


def run(doc: Document, settings: Settings, first: Context | None = None, passes: Sequence[Pass] | None = None) -> Outcome:
    """Run ``passes`` over ``doc`` in rounds until nothing changes; see the module docstring.

    ``first`` is the survey of ``doc`` as it is, where the caller made it already.
    The suspicions are each round's, the latest for a span, unless a later round
    changed that span after all.  An early round sees the damage around a doubtful
    token ("11¼ Žtage"), a later one no longer does, so a doubt raised early is kept.
    Without ``passes``, those of ``PASSES`` that ``settings.repairs`` enables run, each
    only when its trigger finds something in the text as it is then.
    """
    stages = stages_for(settings.repairs) if passes is None else tuple(Stage(run_pass) for run_pass in passes)
    surveyor = Surveyor(settings, doc.texts, first)
    found: dict[tuple[int, int, int], Suspicion] = {}
    outcome = Outcome()
    for _ in range(MAX_ROUNDS):
        suspicions, applied = run_once(doc, surveyor, stages, outcome)
        found.update(((s.line, s.start, s.end), s) for s in suspicions)
        if not applied:
            break
    outcome.suspicions = [s for key, s in sorted(found.items()) if not _edited(doc.lines[s.line - 1].edits, s.start, s.end)]
    return outcome


def _edited(edits: Sequence[Edit], start: int, end: int) -> bool:
    """Whether some edit touches input span ``[start, end)`` of its line.

    The edits are sorted and do not overlap, so of those starting before the span ends
    the last reaches furthest: only it needs a look (a line may hold thousands).

    >>> edits = [Edit(0, 2, "Ã©", "é"), Edit(5, 5, "", " ")]
    >>> _edited(edits, 1, 3), _edited(edits, 2, 5), _edited(edits, 5, 5), _edited(edits, 6, 8)
    (True, False, True, False)
    """
    index = bisect_left(edits, max(end, start + 1), key=lambda edit: edit.start)
    return index > 0 and start < max(edits[index - 1].end, edits[index - 1].start + 1)


def _conflict(a: int, b: int, start: int, end: int) -> bool:
    """Whether spans ``[a, b)`` and ``[start, end)`` overlap (two insertions never do)."""
    return not (a == b and start == end) and not (end <= a or b <= start)


def _fits(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps none of ``spans`` (sorted, not overlapping).

    >>> _fits([(0, 2), (5, 7)], 2, 5), _fits([(0, 2), (5, 7)], 1, 3), _fits([(3, 3)], 3, 3)
    (True, False, True)
    """
    index = bisect_left(spans, (start, start))
    if index and _conflict(*spans[index - 1], start, end):
        return False
    while index < len(spans) and spans[index][0] < max(end, start + 1):
        if _conflict(*spans[index], start, end):
            return False
        index += 1
    return True


@lru_cache(maxsize=16)
def _scan(triggers: tuple[Trigger, ...]) -> re.Pattern[str] | None:
    """``any_of(triggers)``, built once per set of stages."""
    return any_of(triggers) if triggers else None


def _suspicions(line: Line, number: int, proposals: Sequence[Proposal]) -> list[Suspicion]:
    """The proposals below the bar for 0-based line ``number``, as suspicions in input columns."""
    columns = line.to_input([column for p in proposals for column in (p.start, p.end)])
    found = []
    for proposal, start, end in zip(proposals, columns[::2], columns[1::2]):
        end = max(start, end)
        step = proposal.step
        found.append(Suspicion(number + 1, start, end, line.original[start:end], proposal.after, step.rule, step.confidence, step.evidence))
    return found


def run_once(doc: Document, surveyor: Surveyor, stages: Sequence[Stage], outcome: Outcome) -> tuple[list[Suspicion], int]:
    """One round: each pass in turn, applying its proposals at or above the bar, on the
    text as the passes before it left it (surveyed again when they changed it).

    Within one pass, overlapping proposals are resolved in favour of the surer one.
    Returns the suspicions and the number of proposals applied; the first channel
    evidence a pass gives goes into ``outcome``.
    """
    suspicions: list[Suspicion] = []
    applied = 0
    joined: str | None = None
    some = False  # whether the scan for every Trigger found something in ``joined``
    verdicts: dict[Finder, bool] = {}  # the other triggers' on ``joined`` (two passes share one)
    scan = _scan(tuple(stage.trigger for stage in stages if isinstance(stage.trigger, Trigger)))
    ctx, surveyed = surveyor(doc.texts), applied
    for stage in stages:
        if applied != surveyed:  # the last pass changed the text: survey it again
            ctx, surveyed = surveyor(doc.texts), applied
        if stage.trigger is not None:
            if joined is None:
                joined = "\n".join(doc.texts)
                # one scan for every Trigger: in most texts none of them finds anything
                some = scan is not None and scan.search(joined) is not None
                verdicts = {}
            if isinstance(stage.trigger, Trigger):
                if not some or not stage.trigger.search(joined):
                    continue
            else:
                if stage.trigger not in verdicts:
                    verdicts[stage.trigger] = bool(stage.trigger.search(joined))
                if not verdicts[stage.trigger]:
                    continue
        before = applied
        accepted: dict[int, list[Proposal]] = {}
        doubtful: dict[int, list[Proposal]] = {}
        taken: dict[int, list[tuple[int, int]]] = {}
        proposals = []
        for found in stage.run(doc, ctx):
            if isinstance(found, LearntPriors):
                outcome.evidence = outcome.evidence or found
            else:
                proposals.append(found)
        for proposal in sorted(proposals, key=lambda p: -p.step.confidence):
            if proposal.step.confidence < ctx.min_confidence:
                doubtful.setdefault(proposal.line, []).append(proposal)
                continue
            spans = taken.setdefault(proposal.line, [])
            if _fits(spans, proposal.start, proposal.end):
                insort(spans, (proposal.start, proposal.end))
                accepted.setdefault(proposal.line, []).append(proposal)
        for number, proposals in doubtful.items():
            suspicions += _suspicions(doc.lines[number], number, proposals)
        for number, proposals in accepted.items():
            doc.lines[number].apply_all([(p.start, p.end, p.after, p.step) for p in proposals])
            applied += len(proposals)
        if applied != before:
            joined = None
    suspicions.sort(key=lambda s: (s.line, s.start))
    return suspicions, applied
