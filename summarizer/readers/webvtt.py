"""WebVTT, read with webvtt-py: cues with times, `<v Name>` voice tags or 'Name:' prefixes,
cue settings and NOTE blocks (which are no turns)."""

from __future__ import annotations

import webvtt
from webvtt.errors import MalformedFileError

from summarizer.readers.structure import InputFormat, Layout
from summarizer.readers.subtitles import CueLocator


def looks_like(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("WEBVTT")


def read(text: str) -> Layout | None:
    """The cues as turns, or None where the text is not WebVTT after all."""
    try:
        captions = webvtt.from_string(text.lstrip("\ufeff")).captions
    except (MalformedFileError, ValueError, IndexError):
        return None
    locator = CueLocator(text)
    turns = [
        turn
        for caption in captions
        if (
            turn := locator.turn(
                caption.lines, caption.start_in_seconds, caption.end_in_seconds, caption.voice
            )
        )
        is not None
    ]
    return Layout(format=InputFormat.WEBVTT, turns=tuple(turns)) if turns else None
