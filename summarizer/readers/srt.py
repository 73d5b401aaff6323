"""SubRip (.srt), read with the `srt` library: numbered cues with times; a cue that opens with
'Name:' names its speaker."""

from __future__ import annotations

import re

import srt as subrip

from summarizer.readers.structure import InputFormat, Layout
from summarizer.readers.subtitles import CueLocator

# The first cue: a number alone on a line, then 'hh:mm:ss,mmm --> hh:mm:ss,mmm'.
_FIRST_CUE = re.compile(r"\A\ufeff?\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")


def looks_like(text: str) -> bool:
    return _FIRST_CUE.match(text) is not None


def read(text: str) -> Layout | None:
    """The cues as turns, or None where the text is not SubRip after all."""
    try:
        cues = list(subrip.parse(text.lstrip("\ufeff")))
    except (subrip.SRTParseError, ValueError):
        return None
    locator = CueLocator(text)
    turns = [
        turn
        for cue in cues
        if (
            turn := locator.turn(
                cue.content.splitlines(), cue.start.total_seconds(), cue.end.total_seconds()
            )
        )
        is not None
    ]
    return Layout(format=InputFormat.SRT, turns=tuple(turns)) if turns else None
