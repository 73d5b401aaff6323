"""The pydantic contract: what a model is asked to fill (drafts), what the tool returns (summaries).

Each item is declared once as a `...Fields` base. A draft adds plain quotes, which is all a model
can honestly give; the summary adds evidence aligned to the source and a `grounded` verdict, which
only our code can give. Field descriptions are sent to the model: they are prompt text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.2"

ShortText = Annotated[str, Field(min_length=1, max_length=160)]
Quote = Annotated[
    str,
    Field(
        min_length=3,
        max_length=400,
        description="Words copied exactly from the document, unchanged, no paraphrase.",
    ),
]
Quotes = Annotated[
    list[Quote],
    Field(
        min_length=1,
        max_length=3,
        description="One to three verbatim quotes from the document that support this item.",
    ),
]

# [0-9], not \d: llama-cpp-python's grammar converter reads "\d" as two literal characters.
_ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_ISO_DATE_OR_RANGE = re.compile(rf"^{_ISO_DATE}(/{_ISO_DATE})?$")


class Strict(BaseModel):
    """Unknown keys are errors, so a model cannot smuggle in fields nobody checks."""

    model_config = ConfigDict(extra="forbid")


class MeetingStatus(StrEnum):
    HELD = "held"
    SCHEDULED = "scheduled"
    PROPOSED = "proposed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    PHONE = "phone"
    UNKNOWN = "unknown"


class Presence(StrEnum):
    ATTENDED = "attended"
    MENTIONED = "mentioned"


class FrictionKind(StrEnum):
    """PLOVER's verbal-conflict types, plus a catch-all."""

    DISAPPROVE = "disapprove"
    REJECT = "reject"
    DEMAND = "demand"
    THREATEN = "threaten"
    SANCTION = "sanction"
    OTHER = "other"


class OutcomeKind(StrEnum):
    AGREEMENT = "agreement"
    COMMITMENT = "commitment"
    NEXT_MEETING = "next_meeting"
    OTHER = "other"


class MatchKind(StrEnum):
    """How a quote was found in the source, from most to least trustworthy."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"
    NONE = "none"


class MeetingFields(Strict):
    title: ShortText = Field(description="A short title naming the meeting and its main parties.")
    status: MeetingStatus = Field(
        description=(
            "held: it took place. scheduled: announced for a future date. proposed: suggested, "
            "not fixed. cancelled. unknown. A meeting the text says will happen is scheduled, "
            "not held."
        )
    )
    format: MeetingFormat = Field(
        description="in_person, virtual (video), phone (a call), or unknown."
    )
    date_text: ShortText | None = Field(
        description=(
            "The date exactly as the document words it ('on Thursday', 'February 5-6'), or null."
        )
    )
    date: str | None = Field(
        pattern=_ISO_DATE_OR_RANGE.pattern,
        description=(
            "ISO date YYYY-MM-DD, or a range YYYY-MM-DD/YYYY-MM-DD, only when the document states "
            "the day (or gives a dateline to count from). Otherwise null; never guess a year."
        ),
    )
    location: ShortText | None = Field(description="City or venue where it happens, or null.")
    host_side: ShortText | None = Field(description="The side that hosts it, if stated, or null.")


class ParticipantFields(Strict):
    name: ShortText = Field(description="The person's name as written in the document.")
    aliases: list[ShortText] = Field(
        max_length=4, description="Other ways the document refers to this person ('Yellen')."
    )
    role: ShortText | None = Field(description="Title or job, as stated, or null.")
    organization: ShortText | None = Field(description="Organization they belong to, or null.")
    side: ShortText | None = Field(
        description="Country, bloc or organization they represent in this meeting, or null."
    )
    presence: Presence = Field(
        description=(
            "attended: takes part in the meeting described (for a planned meeting: is scheduled "
            "to). "
            "mentioned: only named - leaders who gave guidance, spokespeople, analysts quoted, "
            "people in other meetings or events."
        )
    )


class TopicFields(Strict):
    label: ShortText = Field(description="The agenda topic in a few words.")
    description: ShortText = Field(description="One line on what was said about it.")


class Position(Strict):
    party: ShortText = Field(description="The side holding the position.")
    position: ShortText = Field(description="What that side wants or objects to, as stated.")


class FrictionFields(Strict):
    issue: ShortText = Field(description="What the sides disagree about.")
    parties: list[ShortText] = Field(max_length=4, description="The sides involved.")
    positions: list[Position] = Field(
        max_length=4, description="Each side's position where the document states it."
    )
    kind: FrictionKind = Field(
        description="disapprove, reject, demand, threaten, sanction, or other."
    )


class OutcomeFields(Strict):
    kind: OutcomeKind = Field(description="agreement, commitment, next_meeting, or other.")
    description: ShortText = Field(description="What was agreed, promised or scheduled.")


# --- What the model fills in ---------------------------------------------------------------------


class MeetingDraft(MeetingFields):
    evidence: Quotes


class ParticipantDraft(ParticipantFields):
    evidence: Quotes


class TopicDraft(TopicFields):
    evidence: Quotes


class FrictionDraft(FrictionFields):
    evidence: Quotes


class OutcomeDraft(OutcomeFields):
    evidence: Quotes


class SummaryDraft(Strict):
    """A model's answer: every item with the verbatim quotes it rests on."""

    meeting: MeetingDraft
    summary: str = Field(max_length=900, description="Two to four sentences on the meeting.")
    participants: list[ParticipantDraft] = Field(max_length=16)
    agenda_topics: list[TopicDraft] = Field(max_length=10)
    frictions: list[FrictionDraft] = Field(max_length=8)
    outcomes: list[OutcomeDraft] = Field(max_length=8)


# --- What the tool returns -----------------------------------------------------------------------


class Evidence(Strict):
    """A quote and where it stands in the source text (offsets are Python string indices)."""

    quote: str = Field(
        description="The source's own words at start:end (the model's, if not found)."
    )
    model_quote: str | None = Field(
        default=None, description="The model's wording, where it differs from the source span."
    )
    start: int | None = Field(description="Start offset in the source, or null when not found.")
    end: int | None = Field(description="End offset (exclusive) in the source, or null.")
    match: MatchKind
    score: float = Field(ge=0, le=100, description="Similarity of quote and matched span, 0-100.")
    speaker: str | None = Field(
        default=None, description="Who says the quoted words, where the source is a transcript."
    )
    seconds: float | None = Field(
        default=None,
        ge=0,
        description="When they are said, in seconds from the start, where the record gives times.",
    )


class Grounded(Strict):
    evidence: list[Evidence]
    grounded: bool = Field(
        description="True when every quote (and a name) was found in the source."
    )
    supported: bool | None = Field(
        default=None,
        description=(
            "True when the evidence supports the item itself: it names the participant, or shares "
            "a content word with the topic or friction. null where not judged (meeting, outcomes)."
        ),
    )
    problems: list[str] = Field(
        default_factory=list, description="Why an item is not grounded or not supported."
    )


class Meeting(MeetingFields, Grounded):
    pass


class Participant(ParticipantFields, Grounded):
    pass


class AgendaTopic(TopicFields, Grounded):
    pass


class Friction(FrictionFields, Grounded):
    pass


class Outcome(OutcomeFields, Grounded):
    pass


class Usage(Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    @classmethod
    def of(cls, tokens: tuple[int, int]) -> Usage:
        """From (prompt, completion) tokens, as errors carry them."""
        prompt, completion = tokens
        return cls(
            prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion
        )

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Provenance(Strict):
    source: str = Field(description="Path or id of the document.")
    sha256: str = Field(description="Hash of the exact text the offsets point into.")
    engine: str = Field(description="The engine whose output this is.")
    fallback_from: str | None = Field(
        default=None, description="The engine that failed first, when this is a fallback result."
    )
    model: str
    endpoint_kind: str | None
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    summarizer_version: str
    attempts: int = Field(description="Model calls made, re-asks included.")
    reasks: int = Field(description="Calls made to correct invalid or ungrounded answers.")
    usage: Usage = Field(description="Tokens summed over every attempt.")
    wall_seconds: float
    ungrounded_items: int
    chunks: int = Field(default=1, description="Parts a long document was summarized in.")
    from_cache: bool = Field(default=False, description="True when a stored result was reused.")
    warnings: list[str] = Field(default_factory=list)


class MeetingSummary(Strict):
    """A source-grounded summary of one meeting document."""

    schema_version: str = SCHEMA_VERSION
    meeting: Meeting
    summary: str
    participants: list[Participant]
    agenda_topics: list[AgendaTopic]
    frictions: list[Friction]
    outcomes: list[Outcome]
    provenance: Provenance

    @field_validator("schema_version")
    @classmethod
    def _readable(cls, version: str) -> str:
        """Another major version may mean its fields otherwise: refuse it, never misread it."""
        major = SCHEMA_VERSION.split(".")[0]
        if version.split(".")[0] != major:
            raise ValueError(
                f"{version!r} is not a schema this summarizer reads ({major}.x); read it with "
                "the version that wrote it, or summarize the source again"
            )
        return version

    def grounded_items(self) -> tuple[int, int]:
        """(grounded, all) over the meeting, participants, topics, frictions and outcomes."""
        items = [item for _, items in sections(self) for item in items]
        return sum(item.grounded for item in items), len(items)

    def grounded_share(self) -> float:
        grounded, total = self.grounded_items()
        return grounded / total if total else 1.0


class HasItems(Protocol):
    """Anything holding a meeting and the four item lists: a summary, or a grounded draft."""

    @property
    def meeting(self) -> Meeting: ...
    @property
    def participants(self) -> list[Participant]: ...
    @property
    def agenda_topics(self) -> list[AgendaTopic]: ...
    @property
    def frictions(self) -> list[Friction]: ...
    @property
    def outcomes(self) -> list[Outcome]: ...


def sections(holder: HasItems) -> list[tuple[str, Sequence[Grounded]]]:
    """The evidence-carrying parts in reading order; the meeting first."""
    return [
        ("meeting", [holder.meeting]),
        ("participants", holder.participants),
        ("agenda_topics", holder.agenda_topics),
        ("frictions", holder.frictions),
        ("outcomes", holder.outcomes),
    ]
