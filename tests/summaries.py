"""Hand-made MeetingSummary objects for scorer and renderer tests."""

from __future__ import annotations

import hashlib

from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    MatchKind,
    Meeting,
    MeetingSummary,
    Participant,
    Position,
    Provenance,
    Usage,
)


def quote(text: str) -> Evidence:
    return Evidence(quote=text, start=None, end=None, match=MatchKind.NONE, score=0)


def person(name: str, presence: str, evidence: str = "x") -> Participant:
    return Participant(
        name=name,
        aliases=[],
        role=None,
        organization=None,
        side=None,
        presence=presence,  # type: ignore[arg-type]
        evidence=[quote(evidence)],
        grounded=True,
    )


def make_summary(
    *,
    attended: list[str] = (),  # type: ignore[assignment]
    mentioned: list[str] = (),  # type: ignore[assignment]
    topics: list[str] = (),  # type: ignore[assignment]
    frictions: list[tuple[str, str]] = (),  # type: ignore[assignment]
    title: str = "Meeting",
    status: str = "held",
    format: str = "in_person",
    date: str | None = None,
    location: str | None = None,
    evidence: str = "x",
) -> MeetingSummary:
    return MeetingSummary(
        meeting=Meeting(
            title=title,
            status=status,  # type: ignore[arg-type]
            format=format,  # type: ignore[arg-type]
            date_text=None,
            date=date,
            location=location,
            host_side=None,
            evidence=[quote(evidence)],
            grounded=True,
        ),
        summary="s",
        participants=[person(n, "attended", evidence) for n in attended]
        + [person(n, "mentioned", evidence) for n in mentioned],
        agenda_topics=[
            AgendaTopic(label=t, description="-", evidence=[quote(evidence)], grounded=True)
            for t in topics
        ],
        frictions=[
            Friction(
                issue=issue,
                parties=[],
                positions=[Position(party="A", position=position)] if position else [],
                kind="other",  # type: ignore[arg-type]
                evidence=[quote(evidence)],
                grounded=True,
            )
            for issue, position in frictions
        ],
        outcomes=[],
        provenance=Provenance(
            source="t",
            sha256="0" * 64,
            engine="test",
            model="test",
            endpoint_kind=None,
            prompt_version="t",
            summarizer_version="0",
            attempts=0,
            reasks=0,
            usage=Usage(),
            wall_seconds=0,
            ungrounded_items=0,
        ),
    )


def quoting(text: str, spans: list[tuple[int, int]]) -> MeetingSummary:
    """A summary of `text` with one topic per (start, end) quote."""
    summary = make_summary()
    topics = [
        AgendaTopic(
            label=f"t{number}",
            description="-",
            evidence=[Evidence(quote="q", start=s, end=e, match=MatchKind.EXACT, score=100)],
            grounded=True,
        )
        for number, (s, e) in enumerate(spans)
    ]
    provenance = summary.provenance.model_copy(
        update={"sha256": hashlib.sha256(text.encode()).hexdigest()}
    )
    return summary.model_copy(update={"agenda_topics": topics, "provenance": provenance})
