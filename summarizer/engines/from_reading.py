"""A report's reading (the prose rules) as grounded items whose evidence is a sentence of the
source, so quotes and offsets are exact by construction."""

from __future__ import annotations

from spacy.tokens import Span

from summarizer.grounding import GroundedDraft
from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    MatchKind,
    Meeting,
    Outcome,
    Participant,
    Position,
)
from summarizer.nlp.events import event_tokens
from summarizer.nlp.index import DocumentIndex
from summarizer.nlp.items import Item
from summarizer.nlp.people import Person
from summarizer.nlp.reading import NO_MEETING, Reading, clip


def from_reading(reading: Reading) -> GroundedDraft:
    """A reading as items whose evidence is their sentence."""
    index, after = reading.index, reading.after
    return GroundedDraft(
        meeting=_meeting(reading),
        summary=reading.summary,
        participants=[participant(p, p in reading.attendees, index, after) for p in index.people],
        agenda_topics=[_topic(item, index) for item in reading.topics],
        frictions=[friction_item(item, index) for item in reading.frictions],
        outcomes=[_outcome(item, index) for item in reading.outcomes],
    )


def evidence(span: Span, index: DocumentIndex) -> list[Evidence]:
    """The span's words as the source has them (format characters included), with offsets."""
    start, end = index.in_source(span)
    quote = index.source[start:end]
    return [Evidence(quote=quote, start=start, end=end, match=MatchKind.EXACT, score=100)]


def _meeting(reading: Reading) -> Meeting:
    facts = reading.facts
    if facts is None:  # said plainly, rather than dressing the first sentence up as a meeting
        return Meeting(
            title=NO_MEETING,
            status="unknown",
            format="unknown",
            date_text=None,
            date=None,
            location=None,
            host_side=None,
            evidence=[],
            grounded=False,
            problems=["no sentence of the document describes a meeting"],
        )
    return Meeting(
        title=reading.title,
        status=facts.status,
        format=facts.format,
        date_text=facts.date_text,
        date=facts.date,
        location=facts.location,
        host_side=None,
        evidence=evidence(facts.sentence, reading.index),
        grounded=True,
    )


def participant(
    person: Person, attended: bool, index: DocumentIndex, sentences: list[Span]
) -> Participant:
    mention = person.first
    for sentence in sentences:
        hits = [m for m in person.mentions if sentence.start <= m.start < sentence.end]
        if hits and (not attended or event_tokens(sentence)):
            mention = hits[0]
            break
    sentence = index.doc[mention.start].sent
    return Participant(
        name=clip(person.name),
        aliases=[clip(alias) for alias in person.aliases()],
        role=clip(person.role) if person.role else None,
        organization=None,
        side=person.side,
        presence="attended" if attended else "mentioned",
        evidence=evidence(sentence, index),
        grounded=True,
    )


def _topic(item: Item, index: DocumentIndex) -> AgendaTopic:
    return AgendaTopic(
        label=clip(item.label),
        description=clip(f"{item.kind}: {item.label}"),
        evidence=evidence(item.sentence, index),
        grounded=True,
    )


def friction_item(item: Item, index: DocumentIndex) -> Friction:
    return Friction(
        issue=clip(item.label),
        parties=list(item.parties),
        positions=[Position(party=party, position=clip(text)) for party, text in item.positions],
        kind=item.kind,
        evidence=evidence(item.sentence, index),
        grounded=True,
    )


def _outcome(item: Item, index: DocumentIndex) -> Outcome:
    return Outcome(
        kind=item.kind,
        description=clip(item.label),
        evidence=evidence(item.sentence, index),
        grounded=True,
    )
