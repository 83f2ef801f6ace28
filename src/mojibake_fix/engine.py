"""The engine: runs the passes in order, applies what is sure enough, records the rest.

Order, and why:

1. ``cid.repair``: pdfminer.six's ``(cid:N)`` codes, before anything reads the words;
2. ``hygiene.normalize``: drop a byte-order mark and stray controls, compose to NFC, so
   that the repairs see one spelling of each letter;
3. ``accents.repair`` (option ``accents``): spacing accents back on their letters, before
   the mojibake pass could take a TeX "ˆ" for a Mac-Roman "à";
4. ``mojibake.repair``: codec confusions and placeholders, with the words they split;
5. ``spacing.collapse_after_repairs``: it needs to know which letters were repaired;
6. ``hygiene.mark_lost_bytes``: after step 4, since a C1 control may be a letter it restores;
7. ``hygiene.normalize`` again, so the output is NFC whatever the repairs wrote.

Passes with an option name run only when ``Context.repairs`` holds it.

The sequence runs again on its own output until a round changes nothing (at most
``MAX_ROUNDS``): a repair can reveal another (a token freed of a stray control), and a
text the engine has cleaned must be one it leaves alone, so cleaning twice equals
cleaning once.  Decisions depend only on the current text, so the last, unchanged
round is exactly what a second cleaning would do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from .changes import Proposal, Suspicion
from .context import Context
from .document import Document
from .passes import accents, cid, hygiene, mojibake, spacing

Pass = Callable[[Document, Context], Iterable[Proposal]]

@dataclass(frozen=True)
class Stage:
    """A pass, the option that enables it (None: always runs), and what in a whole text
    gives it work (None: only what the screen or the hygiene check finds)."""

    run: Pass
    option: str | None = None
    trigger: regex.Pattern[str] | None = None


PASSES: tuple[Stage, ...] = (
    Stage(cid.repair, trigger=cid.TRIGGER),
    Stage(hygiene.normalize),
    Stage(accents.repair, "accents", accents.TRIGGER),
    Stage(mojibake.repair),
    Stage(spacing.collapse_after_repairs),
    Stage(hygiene.mark_lost_bytes),
    Stage(hygiene.normalize),
)
#: Optional repairs: name → (on by default for text, on by default for PDF input).
OPTIONAL: dict[str, tuple[bool, bool]] = {
    "accents": (True, True),
}
#: What each optional repair does, in a few words (for ``clean-text --help``).
REPAIR_HELP: dict[str, str] = {
    "accents": 'spacing accents back on their letter ("syst`eme" -> "système")',
}


def stages_for(repairs: Iterable[str]) -> tuple[Stage, ...]:
    """The stages to run with the optional ``repairs`` enabled, in order."""
    enabled = set(repairs)
    return tuple(stage for stage in PASSES if stage.option is None or stage.option in enabled)


def triggered(text: str, repairs: Iterable[str]) -> bool:
    """Whether some enabled pass finds work in ``text`` beyond the screen and hygiene."""
    return any(stage.trigger.search(text) for stage in stages_for(repairs) if stage.trigger is not None)


MAX_ROUNDS = 4


def run(doc: Document, ctx: Context, passes: Sequence[Pass] | None = None) -> list[Suspicion]:
    """Run ``passes`` over ``doc`` in rounds until nothing changes; see the module docstring.

    Returns the last round's proposals below the bar as suspicions (columns in the input).
    Without ``passes``, those of ``PASSES`` that ``ctx.repairs`` enables run.
    """
    if passes is None:
        passes = tuple(stage.run for stage in stages_for(ctx.repairs))
    for _ in range(MAX_ROUNDS):
        ctx.refresh_languages(doc.texts)
        suspicions, applied = run_once(doc, ctx, passes)
        if not applied:
            break
    return suspicions


def run_once(doc: Document, ctx: Context, passes: Sequence[Pass]) -> tuple[list[Suspicion], int]:
    """One round: each pass in turn, applying its proposals at or above the bar, on the
    text as the passes before it left it (screened again when they changed it).

    Within one pass, overlapping proposals are resolved in favour of the surer one.
    Returns the suspicions and the number of proposals applied.
    """
    suspicions: list[Suspicion] = []
    applied = 0
    for run_pass in passes:
        if applied:
            ctx.refresh_languages(doc.texts)  # a no-op unless the last pass changed the text
        accepted: dict[int, list[Proposal]] = {}
        for proposal in sorted(run_pass(doc, ctx), key=lambda p: -p.step.confidence):
            line = doc.lines[proposal.line]
            if proposal.step.confidence < ctx.min_confidence:
                start = line.to_input(proposal.start)
                end = max(start, line.to_input(proposal.end))
                suspicions.append(
                    Suspicion(
                        proposal.line + 1, start, end, line.original[start:end], proposal.after,
                        proposal.step.rule, proposal.step.confidence, proposal.step.evidence,
                    )
                )
                continue
            taken = accepted.setdefault(proposal.line, [])
            if all(proposal.end <= other.start or other.end <= proposal.start for other in taken if proposal.start != proposal.end or other.start != other.end):
                taken.append(proposal)
        for number, proposals in accepted.items():
            # right to left, so the columns of the ones still to apply stay valid
            for proposal in sorted(proposals, key=lambda p: (p.start, p.end), reverse=True):
                doc.lines[number].apply(proposal.start, proposal.end, proposal.after, proposal.step)
                applied += 1
    suspicions.sort(key=lambda s: (s.line, s.start))
    return suspicions, applied
