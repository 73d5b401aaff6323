"""A record's turns as speeches: one speaker's consecutive turns (a subtitle file cuts a
sentence over several cues), each parsed once, with every word mapped back to the source text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from summarizer.nlp.index import parser
from summarizer.nlp.records.speakers import Speaker, parse
from summarizer.readers.structure import Turn

# spaCy's parse of a speech is cut at this many characters: past it, a monologue is split.
_PARSE_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class Speech:
    """Consecutive turns of one speaker. `doc` is the parse of their words joined by a space;
    `starts` holds where each turn's words begin in `doc.text`, for mapping back."""

    number: int
    speaker: Speaker | None
    turns: tuple[Turn, ...]
    doc: Doc
    starts: tuple[int, ...]

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def seconds(self) -> float | None:
        return self.turns[0].seconds

    @property
    def label_start(self) -> int | None:
        return self.turns[0].label_start

    def source(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into the source text of `doc.text[start:end]`."""
        return self._at(start, opening=True), self._at(end, opening=False)

    def span_source(self, span: Span) -> tuple[int, int]:
        text = span.text
        start = span.start_char + (len(text) - len(text.lstrip()))
        return self.source(start, span.start_char + len(text.rstrip()))

    def _at(self, offset: int, *, opening: bool) -> int:
        index = max(0, bisect_right(self.starts, offset if opening else offset - 1) - 1)
        turn = self.turns[index]
        return min(turn.end, turn.start + offset - self.starts[index])


def speeches(text: str, turns: Sequence[Turn]) -> list[Speech]:
    """Group and parse the turns; a speaker's label is read once."""
    groups: list[list[Turn]] = []
    for turn in turns:
        if turn.end <= turn.start:
            continue
        same = groups and groups[-1][0].speaker == turn.speaker and turn.speaker is not None
        long = groups and sum(t.end - t.start for t in groups[-1]) > _PARSE_LIMIT
        if same and not long:
            groups[-1].append(turn)
        else:
            groups.append([turn])
    labels: dict[str, Speaker] = {}
    joined = [" ".join(text[t.start : t.end] for t in group) for group in groups]
    docs = parser().pipe(joined, batch_size=64)
    found: list[Speech] = []
    for number, (group, doc) in enumerate(zip(groups, docs, strict=True)):
        label = group[0].speaker
        speaker = labels.setdefault(label, parse(label)) if label is not None else None
        starts, at = [], 0
        for turn in group:
            starts.append(at)
            at += turn.end - turn.start + 1
        found.append(Speech(number, speaker, tuple(group), doc, tuple(starts)))
    return found
