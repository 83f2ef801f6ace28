"""The engine: runs the passes in order, applies what is sure enough, records the rest.

Order, and why:

1. ``hygiene.normalize``: drop a byte-order mark and stray controls, compose to NFC, so
   that the repairs see one spelling of each letter;
2. ``mojibake.repair``: codec confusions and placeholders, with the words they split;
3. ``spacing.collapse_after_repairs``: it needs to know which letters were repaired;
4. ``hygiene.mark_lost_bytes``: after step 2, since a C1 control may be a letter it restores;
5. ``hygiene.normalize`` again, so the output is NFC whatever the repairs wrote.

The sequence runs again on its own output until a round changes nothing (at most
``MAX_ROUNDS``): a repair can reveal another (a token freed of a stray control), and a
text the engine has cleaned must be one it leaves alone, so cleaning twice equals
cleaning once.  Decisions depend only on the current text, so the last, unchanged
round is exactly what a second cleaning would do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .changes import Proposal, Suspicion
from .context import Context
from .document import Document
from .passes import hygiene, mojibake, spacing

Pass = Callable[[Document, Context], Iterable[Proposal]]

PASSES: tuple[Pass, ...] = (
    hygiene.normalize,
    mojibake.repair,
    spacing.collapse_after_repairs,
    hygiene.mark_lost_bytes,
    hygiene.normalize,
)


MAX_ROUNDS = 4


def run(doc: Document, ctx: Context, passes: Sequence[Pass] = PASSES) -> list[Suspicion]:
    """Run ``passes`` over ``doc`` in rounds until nothing changes; see the module docstring.

    Returns the last round's proposals below the bar as suspicions (columns in the input).
    """
    for _ in range(MAX_ROUNDS):
        ctx.refresh_languages(doc.texts)
        suspicions, applied = run_once(doc, ctx, passes)
        if not applied:
            break
    return suspicions


def run_once(doc: Document, ctx: Context, passes: Sequence[Pass]) -> tuple[list[Suspicion], int]:
    """One round: each pass in turn, applying its proposals at or above the bar.

    Within one pass, overlapping proposals are resolved in favour of the surer one.
    Returns the suspicions and the number of proposals applied.
    """
    suspicions: list[Suspicion] = []
    applied = 0
    for run_pass in passes:
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
