"""Align every quote a model gave to the exact span of the source: the anti-hallucination gate.

A quote is looked up exactly, then with whitespace, quote marks, dashes and case normalized, then
fuzzily with a bar that rises as quotes get shorter (a short quote matches something by chance).
Offsets always point into the original text, so `text[start:end]` is what the reader sees.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from rapidfuzz import fuzz

from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    FrictionDraft,
    Grounded,
    MatchKind,
    Meeting,
    MeetingDraft,
    Outcome,
    OutcomeDraft,
    Participant,
    ParticipantDraft,
    SummaryDraft,
    TopicDraft,
    sections,
)
from summarizer.support import judge

ItemT = TypeVar("ItemT", bound=Grounded)
_Draft = MeetingDraft | ParticipantDraft | TopicDraft | FrictionDraft | OutcomeDraft

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
# Below this many characters a quote must match exactly or normalized: fuzzy would find noise.
MIN_FUZZY_LENGTH = 20


def fuzzy_threshold(length: int) -> float | None:
    """The similarity (0-100) a fuzzy match needs; None where fuzzy matching is not allowed."""
    if length < MIN_FUZZY_LENGTH:
        return None
    if length < 60:
        return 92.0
    if length < 150:
        return 87.0
    return 82.0


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized copy of a text and, for each of its characters, the index it came from."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> NormalizedText:
        chars: list[str] = []
        origin: list[int] = []
        pending_space = False
        for index, char in enumerate(raw.translate(_QUOTE_MARKS)):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                origin.append(index - 1)
                pending_space = False
            lowered = char.lower()
            chars.append(lowered if len(lowered) == 1 else char)
            origin.append(index)
        return cls("".join(chars), tuple(origin))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text back to the original."""
        return self.origin[start], self.origin[end - 1] + 1


class SourceIndex:
    """A source text prepared once for many quote look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def normalized(self) -> NormalizedText:
        """Built on the first quote that is not found as it stands (most are)."""
        return NormalizedText.of(self.text)

    def locate(self, quote: str) -> Evidence:
        """Find where `quote` stands in the source, or say it does not."""
        start = self.text.find(quote) if quote else -1
        if start >= 0:
            return Evidence(
                quote=quote, start=start, end=start + len(quote), match=MatchKind.EXACT, score=100
            )
        needle = NormalizedText.of(quote).text
        if not needle:
            return _not_found(quote)
        found = self.normalized.text.find(needle)
        if found >= 0:
            begin, end = self.normalized.span(found, found + len(needle))
            return self._found(quote, begin, end, MatchKind.NORMALIZED, 100.0)
        return self._fuzzy(quote, needle)

    def _fuzzy(self, quote: str, needle: str) -> Evidence:
        threshold = fuzzy_threshold(len(needle))
        if threshold is None:
            return _not_found(quote)
        alignment = fuzz.partial_ratio_alignment(
            needle, self.normalized.text, score_cutoff=threshold
        )
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            return _not_found(quote)
        begin, end = self._whole_words(
            *self.normalized.span(alignment.dest_start, alignment.dest_end)
        )
        return self._found(quote, begin, end, MatchKind.FUZZY, round(alignment.score, 1))

    def _found(self, quote: str, start: int, end: int, match: MatchKind, score: float) -> Evidence:
        """Evidence quoting the source itself; the model's differing wording is kept beside it."""
        span = self.text[start:end]
        return Evidence(
            quote=span,
            model_quote=quote if quote != span else None,
            start=start,
            end=end,
            match=match,
            score=score,
        )

    def _whole_words(self, start: int, end: int) -> tuple[int, int]:
        """Widen a fuzzy span to whole words: alignment can start or stop inside one."""
        text = self.text
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        return start, end

    def contains_name(self, name: str) -> bool:
        """A name counts as present when it is found exactly, normalized, or nearly (long names)."""
        return self.locate(name).match is not MatchKind.NONE


def _not_found(quote: str) -> Evidence:
    return Evidence(quote=quote, start=None, end=None, match=MatchKind.NONE, score=0)


@dataclass(frozen=True, slots=True)
class GroundedDraft:
    """A draft's items with their evidence aligned, and what failed, for a corrective re-ask."""

    meeting: Meeting
    summary: str
    participants: list[Participant]
    agenda_topics: list[AgendaTopic]
    frictions: list[Friction]
    outcomes: list[Outcome]

    def failures(self) -> list[str]:
        """One line per problem of an item (not found, not supported), naming the item the way
        the model will recognise it."""
        lines: list[str] = []
        for section, items in sections(self):
            for position, item in enumerate(items):
                where = section if section == "meeting" else f"{section}[{position}]"
                lines.extend(f"{where}: {problem}" for problem in item.problems)
        return lines

    def contents(self) -> dict[str, Any]:
        """The six parts a MeetingSummary holds besides provenance, by name."""
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def ungrounded_count(self) -> int:
        """Ungrounded items, the meeting included: an invented meeting is the worst of them."""
        return sum(not item.grounded for _, items in sections(self) for item in items)


def ground_draft(
    draft: SummaryDraft, index: SourceIndex, *, published: str | None = None
) -> GroundedDraft:
    """Align every quote of a draft to the source and judge each item."""
    meeting = _ground(Meeting, draft.meeting, index)
    if meeting.date and not date_is_anchored(meeting.date, index.text, published):
        problem = f"date {meeting.date} has a year the document never states; it was set to null"
        meeting = meeting.model_copy(
            update={"date": None, "grounded": False, "problems": [*meeting.problems, problem]}
        )
    grounded = GroundedDraft(
        meeting=meeting,
        summary=draft.summary,
        participants=[_ground_participant(item, index) for item in draft.participants],
        agenda_topics=[_ground(AgendaTopic, item, index) for item in draft.agenda_topics],
        frictions=[_ground(Friction, item, index) for item in draft.frictions],
        outcomes=[_ground(Outcome, item, index) for item in draft.outcomes],
    )
    return judge(grounded)


def _ground(
    target: type[ItemT], item: _Draft, index: SourceIndex, extra: list[str] | None = None
) -> ItemT:
    evidence = [index.locate(quote) for quote in item.evidence]
    problems = [
        f"quote {found.quote!r} is not in the document; copy the words exactly"
        for found in evidence
        if found.match is MatchKind.NONE
    ]
    problems.extend(extra or [])
    fields = item.model_dump(exclude={"evidence"})
    return target(**fields, evidence=evidence, grounded=not problems, problems=problems)


def date_is_anchored(date: str, text: str, published: str | None) -> bool:
    """An ISO date is only as good as its year: the text or the publication date must give it."""
    year = date[:4]
    return year in text or (published is not None and published.startswith(year))


def _ground_participant(item: ParticipantDraft, index: SourceIndex) -> Participant:
    extra = (
        []
        if index.contains_name(item.name)
        else [f"name {item.name!r} does not occur in the document; use the name as written"]
    )
    return _ground(Participant, item, index, extra)
