"""Long documents for LLMs: split on sentence boundaries (a meeting's record: on turns) with
overlap, summarize each part, merge.

A part's evidence is aligned to the part, then shifted by the part's offset, so every offset
points into the whole document. People are merged across parts by name ('Lavrov' and 'Sergei
Lavrov' are one person; taking part in any part wins), and topics, frictions and outcomes said
twice (in the overlap, say) are kept once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from summarizer.grounding import GroundedDraft
from summarizer.models import Evidence, Grounded, Participant, Presence
from summarizer.names import same_person
from summarizer.readers.structure import Turn

CHARS_PER_TOKEN = 4  # a rough, conservative estimate for English prose
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+|\n\s*\n")
ItemT = TypeVar("ItemT", bound=Grounded)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A part of the text and where it starts in the whole."""

    start: int
    text: str

    def end(self, offset: int = 0) -> int:
        """Where the part ends in the whole (`offset`: where the text it was cut from starts)."""
        return offset + self.start + len(self.text)


def split(text: str, *, max_chars: int, overlap_chars: int) -> list[Chunk]:
    """Parts of at most `max_chars` that end at sentence boundaries (a longer sentence is cut),
    each starting up to `overlap_chars` before the previous part's end."""
    if len(text) <= max_chars:
        return [Chunk(0, text)]
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    chunks: list[Chunk] = []
    start = 0
    while start < len(text):
        limit = start + max_chars
        fitting = [end for end in ends if start < end <= limit]
        end = fitting[-1] if fitting and limit < len(text) else min(limit, len(text))
        chunks.append(Chunk(start, text[start:end]))
        if end >= len(text):
            break
        overlap_starts = [e for e in ends if end - overlap_chars <= e < end and e > start]
        start = overlap_starts[0] if overlap_starts else end
    return chunks


def split_turns(
    text: str, turns: Sequence[Turn], *, max_chars: int, overlap_chars: int
) -> list[Chunk]:
    """Parts of a meeting's record that start and end where a turn does (a turn is never cut,
    unless it alone is longer than a part: then it is cut at sentences, as prose is), each
    starting a turn or two before the previous part ends."""
    if len(text) <= max_chars or not turns:
        return split(text, max_chars=max_chars, overlap_chars=overlap_chars)
    starts = sorted({_turn_start(turn) for turn in turns} - {0})
    chunks: list[Chunk] = []
    start = 0
    while start < len(text):
        limit = start + max_chars
        fitting = [at for at in starts if start < at <= limit]
        if limit >= len(text):
            end = len(text)
        elif fitting:
            end = fitting[-1]
        else:  # one turn longer than a part
            end = split(text[start:], max_chars=max_chars, overlap_chars=0)[0].end(start)
        chunks.append(Chunk(start, text[start:end]))
        if end >= len(text):
            break
        overlap = [at for at in starts if end - overlap_chars <= at < end and at > start]
        start = overlap[0] if overlap else end
    return chunks


def _turn_start(turn: Turn) -> int:
    return turn.label_start if turn.label_start is not None else turn.start


def shift(draft: GroundedDraft, offset: int) -> GroundedDraft:
    """The same draft with every evidence offset moved by `offset` into the whole text."""

    def moved(item: ItemT) -> ItemT:
        evidence = [_moved(e, offset) for e in item.evidence]
        return item.model_copy(update={"evidence": evidence})

    return GroundedDraft(
        meeting=moved(draft.meeting),
        summary=draft.summary,
        participants=[moved(p) for p in draft.participants],
        agenda_topics=[moved(t) for t in draft.agenda_topics],
        frictions=[moved(f) for f in draft.frictions],
        outcomes=[moved(o) for o in draft.outcomes],
    )


def _moved(evidence: Evidence, offset: int) -> Evidence:
    if evidence.start is None or evidence.end is None:
        return evidence
    return evidence.model_copy(
        update={"start": evidence.start + offset, "end": evidence.end + offset}
    )


def merge(parts: Sequence[GroundedDraft]) -> GroundedDraft:
    """One draft from the parts' drafts (already shifted): the meeting and summary of the first."""
    first = parts[0]
    return GroundedDraft(
        meeting=first.meeting,
        summary=first.summary,
        participants=_people([p for part in parts for p in part.participants]),
        agenda_topics=_unique([t for part in parts for t in part.agenda_topics], lambda t: t.label),
        frictions=_unique([f for part in parts for f in part.frictions], lambda f: f.issue),
        outcomes=_unique([o for part in parts for o in part.outcomes], lambda o: o.description),
    )


def _people(people: list[Participant]) -> list[Participant]:
    merged: list[Participant] = []
    for person in people:
        known = next((m for m in merged if same_person(m.name, person.name)), None)
        if known is None:
            merged.append(person)
            continue
        longer = person.name if len(person.name) > len(known.name) else known.name
        aliases = sorted({*known.aliases, *person.aliases, known.name, person.name} - {longer})
        attended = Presence.ATTENDED in (known.presence, person.presence)
        merged[merged.index(known)] = known.model_copy(
            update={
                "name": longer,
                "aliases": aliases[:4],
                "role": known.role or person.role,
                "side": known.side or person.side,
                "presence": Presence.ATTENDED if attended else Presence.MENTIONED,
                "evidence": [*known.evidence, *person.evidence][:3],
                "grounded": known.grounded and person.grounded,
                "problems": [*known.problems, *person.problems],
            }
        )
    return merged


def _unique(items: list[ItemT], label: Callable[[ItemT], str]) -> list[ItemT]:
    kept: list[ItemT] = []
    for item in items:
        text = " ".join(label(item).lower().split())
        if not any(text == " ".join(label(k).lower().split()) for k in kept):
            kept.append(item)
    return kept
