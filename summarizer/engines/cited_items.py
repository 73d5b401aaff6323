"""Items from a model's citations: the cited sentences become evidence, the labels are clipped,
and a date or place the text cannot back is not kept. Shared by the assisted and compact engines.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.grounding import SourceIndex, date_is_anchored
from summarizer.models import AgendaTopic, Friction, Meeting, MeetingFormat, MeetingStatus
from summarizer.nlp.meeting import MeetingFacts as ParsedFacts
from summarizer.nlp.reading import clip
from summarizer.numbered import NumberedText
from summarizer.questions import FrictionAnswer, MeetingFacts, TopicAnswer
from summarizer.readers import Document


def cited_meeting(
    document: Document,
    numbered: NumberedText,
    answer: MeetingFacts,
    parsed: ParsedFacts | None = None,
) -> Meeting:
    """The meeting the model chose. With the parser's reading of that document (`parsed`):
    its status and date stand where it found them, because it reads status words and counts
    dates from the publication date (dateparser), which the 1.5B model did worse on the
    examples kept out of development (status 0.88 against 0.62, date 0.57 against 0.43); its
    format stands where it read one from the words (a call, a video link, a visit), because
    small models call most meetings "virtual". A date whose year the text does not give, or a
    place the text does not name, is not kept. A call or video meeting has no place."""
    status, date = answer.status, answer.date
    if date is not None and not date_is_anchored(date, document.text, document.published):
        date = None
    location = answer.location
    if location is not None and not SourceIndex(document.text).contains_name(location):
        location = None
    meeting_format = answer.format
    if parsed is not None:
        status = MeetingStatus(parsed.status)
        date = parsed.date or date
        location = location or parsed.location
        if parsed.format != "unknown":
            meeting_format = MeetingFormat(parsed.format)
    if meeting_format in (MeetingFormat.PHONE, MeetingFormat.VIRTUAL):
        location = None
    date_text = parsed.date_text if parsed is not None and parsed.date == date else None
    return Meeting(
        title=clip(answer.title),
        status=status,
        format=meeting_format,
        date_text=date_text,
        date=date,
        location=clip(location) if location else None,
        host_side=None,
        evidence=numbered.evidence([answer.sentence]),
        grounded=True,
    )


def cited_topics(topics: Sequence[TopicAnswer], numbered: NumberedText) -> list[AgendaTopic]:
    return [
        AgendaTopic(
            label=clip(topic.label),
            description=clip(topic.label),
            evidence=numbered.evidence(topic.sentences),
            grounded=True,
        )
        for topic in topics
    ]


def cited_frictions(frictions: Sequence[FrictionAnswer], numbered: NumberedText) -> list[Friction]:
    """The model's frictions, their evidence the sentences they cite."""
    return [
        Friction(
            issue=clip(friction.issue),
            parties=[clip(party) for party in friction.parties],
            positions=[],
            kind="other",
            evidence=numbered.evidence(friction.sentences),
            grounded=True,
        )
        for friction in frictions
    ]


def summary_line(title: str, topics: list[AgendaTopic], frictions: list[Friction]) -> str:
    """A short plain summary: the title, the topics, the points of friction."""
    parts = [f"{title.rstrip('.')}."]
    if topics:
        parts.append("Topics: " + "; ".join(t.label for t in topics) + ".")
    if frictions:
        parts.append("Points of friction: " + "; ".join(f.issue for f in frictions) + ".")
    return " ".join(parts)[:900]
