"""The contract of a reconciled meeting: one meeting told by several sources, item by item, each
claim kept with the source that makes it and that source's own words at their offsets.

Generated into `schemas/reconciled_meeting.schema.json` (`make schema`). Every quote here is
`text[start:end]` of the source it names: the reconciler copies spans that each summary already
grounded, and keeps none it cannot find there.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from summarizer.models import (
    FrictionKind,
    MeetingFormat,
    MeetingStatus,
    OutcomeKind,
    Presence,
    Strict,
)

RECONCILED_SCHEMA_VERSION = "1.0"


class SourceRef(Strict):
    """One input document, named as its own summary file is (`OUT/<name>.json`)."""

    name: str = Field(description="The document's output name; every `source` below is one.")
    source: str = Field(description="Path or id of the document.")
    publisher: str | None = Field(description="Who published it, where the input says.")
    published: str | None = Field(description="Its publication date (YYYY-MM-DD), if known.")
    sha256: str = Field(description="Hash of the exact text the offsets point into.")


class Quoted(Strict):
    """A span of one source: `quote` is that source's text from `start` to `end`."""

    source: str = Field(description="The name of the source quoted.")
    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Account(Quoted):
    """What one source says a meeting field is, and the words it says it in."""

    value: str | None = Field(description="The field's value by this source (null: not stated).")


class Link(Strict):
    """Why two sources were judged to report one meeting (or not)."""

    sources: list[str] = Field(min_length=2, max_length=2)
    score: float = Field(description="The weighted sum of the reasons (see grouping.WEIGHTS).")
    reasons: list[str] = Field(description="Each reason with its weight, as 'shared attendee: X'.")


class Grouping(Strict):
    """Why these sources are one meeting: what they share, and every pair's reasons."""

    why: str = Field(description="One line: shared attendees, dates, place.")
    shared_attendees: list[str]
    dates: list[str] = Field(description="The meeting dates the sources state (ISO).")
    places: list[str]
    links: list[Link]


class ReconciledMeetingFields(Strict):
    """The meeting as most sources tell it; `accounts` holds each source's own version."""

    title: str
    status: MeetingStatus
    format: MeetingFormat
    date: str | None
    location: str | None
    accounts: dict[str, list[Account]] = Field(
        description="Per field (title, status, format, date, location): each source's value."
    )


class MergedParticipant(Strict):
    name: str = Field(description="The name most of the sources that say they took part use.")
    aliases: list[str]
    side: str | None
    presence: Presence = Field(
        description=(
            "attended when more sources say the person took part than, among those that name "
            "who met, say otherwise (each source's own word is in `attended_in`)."
        )
    )
    attended_in: list[str] = Field(
        description=(
            "Sources that say the person took part; a source that names fewer than two people "
            "as taking part counts for those the others judge to have taken part."
        )
    )
    sources: list[str] = Field(description="Every source that names the person.")
    evidence: list[Quoted]


_TOLD_BY = (
    "Sources that tell it: in their summary, or in a sentence of their text that holds its "
    "rarest words."
)


class MergedTopic(Strict):
    label: str
    labels: list[str] = Field(description="Every source's own label for the topic.")
    sources: list[str] = Field(description=_TOLD_BY)
    evidence: list[Quoted]


class SourcedPosition(Strict):
    source: str
    party: str
    position: str


class MergedFriction(Strict):
    issue: str
    issues: list[str] = Field(description="Every source's own wording of the issue.")
    parties: list[str]
    kinds: list[FrictionKind]
    sources: list[str] = Field(description=_TOLD_BY)
    positions: list[SourcedPosition]
    evidence: list[Quoted]


class MergedOutcome(Strict):
    kind: OutcomeKind
    description: str
    sources: list[str]
    evidence: list[Quoted]


class DifferenceKind(StrEnum):
    CONTRADICTION = "contradiction"
    ONLY_IN_SOME = "only_in_some"
    EMPHASIS = "emphasis"


class DifferenceAccount(Quoted):
    says: str = Field(description="This source's version, in a few words.")


class Difference(Strict):
    about: str = Field(description="What the sources differ on, in one line.")
    kind: DifferenceKind
    accounts: list[DifferenceAccount]
    silent: list[str] = Field(description="Sources that say nothing on it.")


class ReconciledMeeting(Strict):
    """One meeting reported by two or more sources: who says what, and where they differ."""

    schema_version: str = RECONCILED_SCHEMA_VERSION
    slug: str = Field(description="The file name under OUT/meetings/, without suffix.")
    sources: list[SourceRef] = Field(min_length=2)
    grouping: Grouping
    meeting: ReconciledMeetingFields
    participants: list[MergedParticipant]
    agenda_topics: list[MergedTopic]
    frictions: list[MergedFriction]
    outcomes: list[MergedOutcome]
    differences: list[Difference]
