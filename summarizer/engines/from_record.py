"""A meeting record's reading as grounded items: each piece of evidence is a span of the source
(a speaker's label, a sentence of a turn), so quotes and offsets are exact by construction."""

from __future__ import annotations

from spacy.tokens import Span

from summarizer.engines.from_reading import friction_item, from_reading
from summarizer.grounding import GroundedDraft
from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    MatchKind,
    Meeting,
    MeetingStatus,
    Outcome,
    OutcomeKind,
    Participant,
    Position,
    Presence,
)
from summarizer.names import same_person
from summarizer.nlp.reading import clip
from summarizer.nlp.records.challenges import Challenge
from summarizer.nlp.records.minutes import ListedPerson, MinutesReading
from summarizer.nlp.records.outcomes import Settled
from summarizer.nlp.records.reading import RecordReading
from summarizer.nlp.records.roster import Member
from summarizer.nlp.records.segments import Segment
from summarizer.nlp.records.speakers import names_a_person
from summarizer.nlp.records.speeches import Speech


def from_record(reading: RecordReading, text: str) -> GroundedDraft:
    first = reading.speeches[0] if reading.speeches else None
    opening = _sentence_evidence(text, first, next(iter(first.doc.sents), None)) if first else []
    return GroundedDraft(
        meeting=Meeting(
            title=clip(reading.title),
            status="held",
            format=reading.format,
            date_text=reading.date_text,
            date=reading.date,
            location=None,
            host_side=None,
            evidence=opening,
            grounded=bool(opening),
        ),
        summary=reading.summary,
        participants=[_participant(m, text, reading.sides.get(m.name)) for m in reading.members],
        agenda_topics=[_topic(part, reading.speeches, text) for part in reading.segments],
        frictions=[_friction(challenge, text) for challenge in reading.challenges],
        outcomes=[_outcome(item, text) for item in reading.settled],
    )


def _evidence(text: str, start: int, end: int, speech: Speech | None = None) -> Evidence:
    """The span as a quote; from a turn, with who says it and when."""
    speaker = seconds = None
    if speech is not None:
        speaker = (speech.speaker.name or speech.speaker.label) if speech.speaker else None
        seconds = next(
            (t.seconds for t in reversed(speech.turns) if t.start <= start), speech.seconds
        )
    return Evidence(
        quote=text[start:end],
        start=start,
        end=end,
        match=MatchKind.EXACT,
        score=100,
        speaker=speaker,
        seconds=seconds,
    )


def _sentence_evidence(text: str, speech: Speech | None, sentence: Span | None) -> list[Evidence]:
    if speech is None or sentence is None:
        return []
    start, end = speech.span_source(sentence)
    return [_evidence(text, start, end, speech)] if end > start else []


def _participant(member: Member, text: str, side: str | None) -> Participant:
    first = member.speeches[0] if member.speeches else None
    evidence = [
        _evidence(text, start, end, first if first and start == first.label_start else None)
        for start, end in member.evidence[:2]
        if end > start
    ]
    return Participant(
        name=clip(member.name),
        aliases=[clip(alias) for alias in member.aliases[:4]],
        role=clip(member.role) if member.role else None,
        organization=None,
        side=clip(side) if side else None,
        presence="attended" if member.attended else "mentioned",
        evidence=evidence,
        grounded=bool(evidence),
    )


def _topic(part: Segment, speeches: list[Speech], text: str) -> AgendaTopic:
    """Evidence: a sentence of the part's first turn (its announcement, where the chair made
    one) and of its last, and the sentence that says most of what the part is about."""
    first, last = speeches[part.first], speeches[part.last]
    chosen = [(first, _opening(first, part.cue)), (last, _opening(last, None))]
    chosen.append(_most_about(speeches[part.first : part.last + 1], part.terms[:4]))
    evidence: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for speech, sentence in chosen:
        for quote in _sentence_evidence(text, speech, sentence):
            if (quote.start, quote.end) not in seen:
                seen.add((quote.start or 0, quote.end or 0))
                evidence.append(quote)
    terms = ", ".join(part.terms)
    described = "; ".join(
        piece for piece in (clip(part.question, 90) if part.question else None, terms) if piece
    )
    return AgendaTopic(
        label=clip(part.label),
        description=clip(described or part.label),
        evidence=evidence,
        grounded=bool(evidence),
    )


def _opening(speech: Speech, cue: str | None) -> Span | None:
    """The sentence that names the cue, else the first of some length."""
    sentences = list(speech.doc.sents)
    if cue is not None:
        named = next((s for s in sentences if cue in s.text), None)
        if named is not None:
            return named
    return next(
        (s for s in sentences if len(s.text.split()) >= 5), sentences[0] if sentences else None
    )


def _most_about(speeches: list[Speech], terms: tuple[str, ...]) -> tuple[Speech, Span | None]:
    best: tuple[int, Speech, Span | None] = (0, speeches[0], None)
    for speech in speeches:
        for sentence in speech.doc.sents:
            lowered = sentence.text.lower()
            hits = sum(term in lowered for term in terms)
            if hits > best[0] and len(sentence.text) <= 400:
                best = (hits, speech, sentence)
    return best[1], best[2]


def _friction(challenge: Challenge, text: str) -> Friction:
    about = challenge.segment.label if challenge.segment else ""
    terms = ", ".join(challenge.segment.terms[:5]) if challenge.segment else ""
    issue = (
        f"{challenge.by.name} challenges {challenge.to.name} on {about}"
        if about
        else (f"{challenge.by.name} challenges {challenge.to.name}")
    )
    positions = [Position(party=clip(challenge.by.name), position=clip(challenge.sentence.text))]
    if challenge.reply is not None:
        positions.append(
            Position(party=clip(challenge.to.name), position=clip(challenge.reply.text))
        )
    evidence = _sentence_evidence(text, challenge.speech, challenge.sentence)
    if terms:
        issue = f"{issue} ({terms})"
    return Friction(
        issue=clip(issue),
        parties=[clip(challenge.by.name), clip(challenge.to.name)],
        positions=positions,
        kind=challenge.kind,
        evidence=evidence,
        grounded=bool(evidence),
    )


def _outcome(item: Settled, text: str) -> Outcome:
    evidence = _sentence_evidence(text, item.speech, item.sentence)
    owner = f"{item.owner}: " if item.owner else ""
    return Outcome(
        kind=item.kind,
        description=clip(f"{owner}{item.sentence.text.strip()}"),
        evidence=evidence,
        grounded=bool(evidence),
    )


def from_minutes(reading: MinutesReading, text: str) -> GroundedDraft:
    """Minutes as items: the lists' people (the prose's other people only mentioned), the
    numbered agenda items as topics, decisions as outcomes, objections as the prose reads them."""
    prose = from_reading(reading.prose)
    listed = [_listed_person(person, text) for person in reading.people]
    others = [
        p.model_copy(update={"presence": Presence.MENTIONED})
        for p in prose.participants
        if names_a_person(p.name) and not any(same_person(p.name, known.name) for known in listed)
    ]
    topics = [
        AgendaTopic(
            label=clip(item.label),
            description=clip(f"agenda item: {item.label}"),
            evidence=[_evidence(text, item.entry.start, item.entry.end)],
            grounded=True,
        )
        for item in reading.agenda
    ]
    decisions = [
        Outcome(
            kind=OutcomeKind.AGREEMENT,
            description=clip(" ".join(text[start:end].split())),
            evidence=[_evidence(text, start, end)],
            grounded=True,
        )
        for start, end in reading.decisions
    ]
    meeting = prose.meeting.model_copy(
        update={
            "title": clip(reading.title),
            "status": MeetingStatus.HELD,
            "date_text": reading.date_text or prose.meeting.date_text,
            "date": reading.date or prose.meeting.date,
            "location": reading.location or prose.meeting.location,
        }
    )
    return GroundedDraft(
        meeting=meeting,
        summary=prose.summary,
        participants=[*listed, *others],
        agenda_topics=topics or prose.agenda_topics,
        frictions=[friction_item(item, reading.prose.index) for item in reading.frictions],
        outcomes=decisions or prose.outcomes,
    )


def _listed_person(person: ListedPerson, text: str) -> Participant:
    return Participant(
        name=clip(person.name),
        aliases=[],
        role=clip(person.role) if person.role else None,
        organization=None,
        side=None,
        presence=person.presence,
        evidence=[_evidence(text, person.entry.start, person.entry.end)],
        grounded=True,
        problems=[f"listed under {person.reason}"] if person.reason else [],
    )
