"""Speaker-labelled text: each turn opens with who speaks, as transcripts are exported.

The label forms:
- `Name: words`, `NAME: words`, `Name (Role): words`, and Hansard tags with nested
  parentheses (`The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)): words`);
- a time before or after the label (`[00:01:05] Name: words`, `Name (00:01:05): words`);
- the export layout where a `Name  0:05` line stands alone above the words (Otter, Zoom).

A text is read this way only when labels open most of it: a news story quoting "Note: ..." once
stays prose.
"""

from __future__ import annotations

import re

from summarizer.readers.structure import InputFormat, Layout, Turn

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# Words of a label: capitalised or all-caps words, with the small words names and roles carry.
_WORD = (
    r"(?:[A-Z\u00c0-\u00de][\w'\u2019.\u00c0-\u024f-]*|\d+"
    r"|of|the|and|de|da|du|van|von|der|la|le|al|bin|el)"
)
_PARENS = r"\((?:[^()\n]|\([^()\n]*\)){1,160}\)"
_LABEL = rf"{_WORD}(?:[ \t]+{_WORD}){{0,7}}(?:[ \t]*(?!\(\s*{_TIME}\s*\)){_PARENS})?"
# 'Name: words' at the start of a line, with an optional time before or inside the label.
_INLINE = re.compile(
    rf"^(?P<lead>[ \t]*(?:\[?(?P<before>{_TIME})\]?[ \t]+)?)"
    rf"(?P<label>{_LABEL})(?:[ \t]*\(?(?P<after>{_TIME})\)?)?[ \t]*:(?:[ \t]+|$)",
    re.MULTILINE,
)
# 'Name  0:05' alone on its line, the words on the lines below.
_HEADED = re.compile(
    rf"^(?P<lead>[ \t]*)(?P<label>{_LABEL})[ \t]+(?P<after>{_TIME})[ \t]*$", re.MULTILINE
)
# A label must read as a name or a role, not as the start of a sentence.
_NOT_LABELS = frozenset(
    {"note", "notes", "update", "editor", "source", "sources", "photo", "caption", "read more"}
)
_MIN_TURNS = 3
_MIN_COVER = 0.6  # share of the text's characters that labelled turns must hold


def read(text: str) -> Layout | None:
    """The turns of a speaker-labelled text, or None where labels do not open most of it."""
    for pattern in (_INLINE, _HEADED):
        turns = _turns(text, pattern)
        if _is_transcript(text, turns):
            return Layout(format=InputFormat.SPEAKER_TEXT, turns=tuple(turns))
    return None


def _turns(text: str, pattern: re.Pattern[str]) -> list[Turn]:
    matches = [m for m in pattern.finditer(text) if _a_label(m.group("label"))]
    turns: list[Turn] = []
    for number, match in enumerate(matches):
        following = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        start, end = _stripped(text, match.end(), following)
        label = match.group("label")
        label_start = match.start("label")
        turns.append(
            Turn(
                speaker=label.strip(),
                start=start,
                end=end,
                label_start=label_start,
                label_end=label_start + len(label.rstrip()),
                seconds=_seconds(match.groupdict().get("before") or match.group("after")),
            )
        )
    return turns


_LEADING_LABEL = re.compile(rf"(?P<label>{_LABEL})[ \t]*:[ \t]+")


def leading_label(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(label start, label end, words start) where `text[start:end]` opens with 'Name: ', as a
    subtitle cue that names its speaker does."""
    match = _LEADING_LABEL.match(text, start, end)
    if match is None or not _a_label(match.group("label")):
        return None
    label = match.group("label").rstrip()
    return match.start("label"), match.start("label") + len(label), match.end()


def _a_label(label: str) -> bool:
    words = label.split("(")[0].strip()
    return bool(words) and words.lower() not in _NOT_LABELS and not words.endswith(",")


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_transcript(text: str, turns: list[Turn]) -> bool:
    # 'The Chair (Hon. Kim Tal ...)' and 'The Chair' are one speaker.
    speakers = {(turn.speaker or "").split("(")[0].strip() for turn in turns}
    if len(turns) < _MIN_TURNS or len(speakers) < 2:
        return False
    if len(turns) == len(speakers):
        return False  # nobody speaks twice: a list of 'Name: description' lines
    covered = sum(turn.end - _line_start(text, turn) for turn in turns)
    return covered >= _MIN_COVER * len(text.strip())


def _line_start(text: str, turn: Turn) -> int:
    at = turn.label_start if turn.label_start is not None else turn.start
    return text.rfind("\n", 0, at) + 1


def _seconds(stamp: str | None) -> float | None:
    """'1:02:03' or '02:03' or '00:02:03.500' as seconds."""
    if not stamp:
        return None
    seconds = 0.0
    for part in stamp.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds
