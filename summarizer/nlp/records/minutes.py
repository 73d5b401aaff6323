"""Reading minutes: who was present, who sent apologies or was absent (the lists say it), the
agenda (its numbered items), and what the body decided; the rest (objections, votes against)
is read as prose is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.nlp.dates import iso_day, month_and_day
from summarizer.nlp.items import Item, frictions
from summarizer.nlp.lexicon import DECISION_CUES, PROCEDURAL_ITEMS
from summarizer.nlp.reading import Reading, read
from summarizer.nlp.records.speakers import parse
from summarizer.readers.structure import Layout, Listed

_DECISION = re.compile("|".join(DECISION_CUES), re.IGNORECASE)
_HEADING = re.compile(r"^\s*(?:minutes\s+of\s+(?:the\s+)?)?(?P<what>[^\n]{3,150})", re.I)
# 'Held on 3 March 2024 at the Town Hall': where, in the heading lines.
_HELD_AT = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Z][^\n,.;]{2,60})")


@dataclass(frozen=True, slots=True)
class ListedPerson:
    name: str
    role: str | None
    presence: str  # attended or mentioned
    reason: str | None  # apologies, absent
    entry: Listed


@dataclass(frozen=True, slots=True)
class AgendaItem:
    label: str
    entry: Listed


@dataclass(frozen=True, slots=True)
class MinutesReading:
    prose: Reading
    people: list[ListedPerson]
    agenda: list[AgendaItem]
    title: str
    date_text: str | None
    date: str | None
    location: str | None
    decisions: list[tuple[int, int]]  # spans of the sentences that record a decision
    frictions: list[Item]  # objections anywhere in the minutes, not only after one sentence


def read_minutes(text: str, layout: Layout, published: str | None) -> MinutesReading:
    prose = read(text, published)
    people = [_person(text, entry) for entry in layout.listed if entry.kind != "agenda"]
    agenda = [
        AgendaItem(text[e.start : e.end].strip(), e)
        for e in layout.listed
        if e.kind == "agenda" and not _procedural(text[e.start : e.end])
    ]
    heading = _HEADING.match(text)
    title = heading.group("what").strip() if heading else prose.title
    opening = text[: layout.listed[0].start] if layout.listed else text[:400]
    written = month_and_day(opening)
    date_text = date = None
    if written is not None:
        date_text, month, first, _last, year = written
        year = year or (published[:4] if published else None)
        date = iso_day(int(year), month, int(first)) if year and year.isdigit() else None
    place = _HELD_AT.search(opening)
    decisions = [
        (sentence.start_char, sentence.end_char)
        for sentence in prose.index.doc.sents
        if _DECISION.search(sentence.text)
    ]
    return MinutesReading(
        prose=prose,
        people=people,
        agenda=agenda,
        title=title,
        date_text=date_text,
        date=date,
        location=place.group("place").strip() if place else None,
        decisions=decisions,
        frictions=frictions(prose.index.body, []),
    )


def _person(text: str, entry: Listed) -> ListedPerson:
    """'Cllr A. Smith (Chair)' is A. Smith, in the chair; apologies and absences are mentioned."""
    speaker = parse(text[entry.start : entry.end])
    name = speaker.name or speaker.label
    attended = entry.kind == "present"
    return ListedPerson(
        name=name,
        role=speaker.role if speaker.name else None,
        presence="attended" if attended else "mentioned",
        reason=None if attended else entry.kind,
        entry=entry,
    )


def _procedural(item: str) -> bool:
    lowered = item.lower()
    return any(words in lowered for words in PROCEDURAL_ITEMS)
