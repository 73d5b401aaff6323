"""JSON transcripts: a list of turns (`speaker` with `text` or `content`, optional `start` and
`end` in seconds), or an object with `segments` (whisper; WhisperX adds `speaker`).

The turns are written out as 'Speaker: words' blocks, one blank line apart, and that text is
the document: its offsets are what a summary's evidence points into. Consecutive segments of
one speaker make one turn, timed from its first segment.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.readers.structure import InputFormat, Layout, Turn

_WORDS_KEYS = ("text", "content", "transcript")
# A JSON string may hold half a UTF-16 pair ("\\ud800"), which no UTF-8 writer can encode.
_SURROGATES = re.compile("[\ud800-\udfff]")
_LIST_KEYS = ("segments", "turns", "transcript")


@dataclass(frozen=True, slots=True)
class _Segment:
    speaker: str | None
    words: str
    seconds: float | None
    end_seconds: float | None


def parse(raw: str) -> list[dict[str, Any]] | None:
    """The turn objects of a JSON transcript, or None where `raw` is not one."""
    stripped = raw.lstrip("\ufeff \t\r\n")
    if not stripped.startswith(("[", "{")):
        return None
    try:
        data = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(data, dict):
        data = next((data[key] for key in _LIST_KEYS if isinstance(data.get(key), list)), None)
    if not isinstance(data, list) or not data:
        return None
    if not all(isinstance(item, dict) and _words_of(item) is not None for item in data):
        return None
    return data


def render(items: Sequence[dict[str, Any]]) -> tuple[str, Layout]:
    """The transcript as text, and its turns with offsets into that text."""
    pieces: list[str] = []
    turns: list[Turn] = []
    at = 0
    for segment in _merged([_segment(item) for item in items]):
        label = segment.speaker
        block = f"{label}: {segment.words}" if label else segment.words
        if pieces:
            pieces.append("\n\n")
            at += 2
        start = at + (len(label) + 2 if label else 0)
        turns.append(
            Turn(
                speaker=label,
                start=start,
                end=at + len(block),
                label_start=at if label else None,
                label_end=at + len(label) if label else None,
                seconds=segment.seconds,
                end_seconds=segment.end_seconds,
            )
        )
        pieces.append(block)
        at += len(block)
    return "".join(pieces) + "\n", Layout(format=InputFormat.TURNS_JSON, turns=tuple(turns))


def _words_of(item: dict[str, Any]) -> str | None:
    return next((item[key] for key in _WORDS_KEYS if isinstance(item.get(key), str)), None)


def _segment(item: dict[str, Any]) -> _Segment:
    speaker = item.get("speaker")
    return _Segment(
        speaker=" ".join(_valid(str(speaker)).split()) or None if speaker is not None else None,
        words=" ".join(_valid(_words_of(item) or "").split()),
        seconds=_time(item.get("start")),
        end_seconds=_time(item.get("end")),
    )


def _valid(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text)


def _time(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def _merged(segments: list[_Segment]) -> list[_Segment]:
    merged: list[_Segment] = []
    for segment in segments:
        if not segment.words:
            continue
        if merged and segment.speaker is not None and merged[-1].speaker == segment.speaker:
            last = merged[-1]
            merged[-1] = _Segment(
                last.speaker, f"{last.words} {segment.words}", last.seconds, segment.end_seconds
            )
        else:
            merged.append(segment)
    return merged
