"""What a meeting's own record holds besides its text: who spoke when (turns), and the names and
items minutes list (present, apologies, absent, agenda).

Every offset points into the document's text exactly as read, so a turn's words are
`text[turn.start:turn.end]` and its label `text[turn.label_start:turn.label_end]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class InputFormat(StrEnum):
    """How a document is laid out; `--input-format` names one to skip the detection."""

    PROSE = "prose"  # a report about a meeting: news, a readout, a statement
    HTML = "html"
    SPEAKER_TEXT = "speaker-text"  # 'Name: words' turns, Hansard tags, 'Name  0:05' exports
    WEBVTT = "webvtt"
    SRT = "srt"
    TURNS_JSON = "turns-json"  # a list of turns, or whisper/WhisperX segments
    MINUTES = "minutes"


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's words, as the record labels them ('Lynne Neagle AM', 'Speaker 2').

    `speaker` is None where the record names nobody (a whisper segment without diarization).
    `seconds` and `end_seconds` are where the record gives times."""

    speaker: str | None
    start: int
    end: int
    label_start: int | None = None
    label_end: int | None = None
    seconds: float | None = None
    end_seconds: float | None = None


@dataclass(frozen=True, slots=True)
class Listed:
    """A name or an item a record lists under a heading: `kind` is present, apologies, absent
    or agenda; `text[start:end]` is the entry's own words."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Layout:
    """What a reader found: the format, and the turns or listed entries it holds."""

    format: InputFormat
    turns: tuple[Turn, ...] = ()
    listed: tuple[Listed, ...] = ()
