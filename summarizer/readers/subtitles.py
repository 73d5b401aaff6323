"""Where a subtitle cue's words stand in the file, and who speaks them: what WebVTT and SRT share.

The subtitle libraries give each cue's text and times but not its place in the file; the cues
come in file order, so each is found after the one before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.readers.speaker_text import leading_label
from summarizer.readers.structure import Turn

_VOICE_OPEN = re.compile(r"<v(?:\.[\w.-]+)*[ \t]+([^>]+)>")
_VOICE_CLOSE = "</v>"


class CueLocator:
    """Finds cues in the file one after another."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._cursor = 0

    def turn(
        self, lines: Sequence[str], seconds: float, end_seconds: float, voice: str | None = None
    ) -> Turn | None:
        """The turn of a cue whose payload is `lines`, or None where it cannot be found."""
        span = self._find(lines)
        if span is None:
            return None
        start, end = span
        text = self._text
        label: tuple[int, int] | None = None
        opened = _VOICE_OPEN.match(text, start, end)
        if opened is not None:
            label = opened.span(1)
            start = opened.end()
        if text.endswith(_VOICE_CLOSE, start, end):
            end -= len(_VOICE_CLOSE)
        named = leading_label(text, start, end) if label is None else None
        if named is not None:
            label, start = (named[0], named[1]), named[2]
        speaker = text[label[0] : label[1]].strip() if label else voice
        return Turn(
            speaker=speaker or None,
            start=start,
            end=end,
            label_start=label[0] if label else None,
            label_end=label[1] if label else None,
            seconds=seconds,
            end_seconds=end_seconds,
        )

    def _find(self, lines: Sequence[str]) -> tuple[int, int] | None:
        first = next((line for line in lines if line.strip()), None)
        if first is None:
            return None
        start = self._text.find(first, self._cursor)
        if start < 0:
            return None
        end = start + len(first)
        for line in lines[lines.index(first) + 1 :]:
            found = self._text.find(line, end)
            if found < 0 or line.strip() == "":
                continue
            end = found + len(line)
        self._cursor = end
        return start, end
