"""Any meeting's turns written out in each layout a record comes in, with made-up times: what the
sweep does to the QMSum meetings and what the fuzz tests do to invented turns.

A long turn becomes several cues of one speaker, as subtitle tools cut them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

Turns = Sequence[tuple[str, str]]  # (speaker label, words)
_WORDS_PER_CUE = 14
_SECONDS_PER_WORD = 0.4


def speaker_text(turns: Turns) -> str:
    return "\n".join(f"{speaker}: {words}" for speaker, words in turns) + "\n"


def stamp(seconds: float, *, comma: bool = False) -> str:
    """'00:01:02.500' (WebVTT) or '00:01:02,500' (SRT)."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    whole, millis = divmod(millis, 1000)
    return f"{hours:02}:{minutes:02}:{whole:02}{',' if comma else '.'}{millis:03}"


def cues(turns: Turns) -> list[tuple[int, str, float, float]]:
    """(turn number, words, start, end) for each cue: a turn cut every few words, timed by
    its length, one after another."""
    found: list[tuple[int, str, float, float]] = []
    at = 0.0
    for number, (_speaker, words) in enumerate(turns):
        split = words.split()
        for first in range(0, max(1, len(split)), _WORDS_PER_CUE):
            piece = " ".join(split[first : first + _WORDS_PER_CUE])
            length = max(1.0, len(piece.split()) * _SECONDS_PER_WORD)
            found.append((number, piece, at, at + length))
            at += length + 0.2
    return found


def webvtt(turns: Turns, *, voices: bool = True) -> str:
    """Each cue tagged with its voice (`<v Name>`), or a turn's first cue opening 'Name: '."""
    blocks = ["WEBVTT"]
    last = -1
    for cue, (number, words, start, end) in enumerate(cues(turns)):
        speaker = turns[number][0]
        if voices:
            payload = f"<v {speaker}>{words}</v>"
        else:
            payload = f"{speaker}: {words}" if number != last else words
        last = number
        blocks.append(f"{cue + 1}\n{stamp(start)} --> {stamp(end)}\n{payload}")
    return "\n\n".join(blocks) + "\n"


def srt(turns: Turns) -> str:
    """Numbered cues, a turn's first opening 'Name: '."""
    blocks = []
    last = -1
    for cue, (number, words, start, end) in enumerate(cues(turns)):
        payload = f"{turns[number][0]}: {words}" if number != last else words
        last = number
        timing = f"{stamp(start, comma=True)} --> {stamp(end, comma=True)}"
        blocks.append(f"{cue + 1}\n{timing}\n{payload}")
    return "\n\n".join(blocks) + "\n"


def turns_json(turns: Turns, *, key: str = "text", segments: bool = False) -> str:
    """A JSON list of turns with `key` for the words and times in seconds, or (`segments`) an
    object whose `segments` are the cues, as WhisperX writes them."""
    if segments:
        items = [
            {"start": start, "end": end, "text": f" {words}", "speaker": turns[number][0]}
            for number, words, start, end in cues(turns)
        ]
        return json.dumps({"segments": items, "language": "en"})
    rows, at = [], 0.0
    for speaker, words in turns:
        length = max(1.0, len(words.split()) * _SECONDS_PER_WORD)
        rows.append({"speaker": speaker, key: words, "start": at, "end": at + length})
        at += length + 0.2
    return json.dumps(rows, indent=1)
