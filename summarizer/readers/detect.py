"""Which layout a text has: a meeting's own record (WebVTT, SRT, a JSON transcript, speaker-
labelled turns, minutes), or prose about a meeting. The file's suffix decides first (`.vtt`,
`.srt`), then the text itself (a `.txt` or a record's `text` that starts with WEBVTT is WebVTT);
`--input-format` says it outright. Text that is none of these is prose, as it always was.
"""

from __future__ import annotations

from collections.abc import Callable

from summarizer.errors import InputError
from summarizer.readers import minutes, speaker_text, srt, turns_json, webvtt
from summarizer.readers.structure import InputFormat, Layout

SUBTITLE_SUFFIXES = {".vtt": InputFormat.WEBVTT, ".srt": InputFormat.SRT}

_READERS: dict[InputFormat, Callable[[str], Layout | None]] = {
    InputFormat.WEBVTT: webvtt.read,
    InputFormat.SRT: srt.read,
    InputFormat.SPEAKER_TEXT: speaker_text.read,
    InputFormat.MINUTES: minutes.read,
}


def layout(
    text: str, *, source: str, suffix: str = "", forced: InputFormat | None = None
) -> tuple[str, Layout]:
    """The text to summarize (a JSON transcript is written out as turns) and its layout."""
    chosen = forced or SUBTITLE_SUFFIXES.get(suffix.lower())
    if chosen is not None:
        return _as(text, chosen, source=source)
    # Content that only opens like subtitles was a wrong guess, not a broken file: read on.
    for looks_like, read in ((webvtt.looks_like, webvtt.read), (srt.looks_like, srt.read)):
        if looks_like(text) and (found := read(text)) is not None:
            return text, found
    items = turns_json.parse(text)
    if items is not None:
        return turns_json.render(items)
    for reader in (speaker_text.read, minutes.read):
        found = reader(text)
        if found is not None:
            return text, found
    return text, Layout(format=InputFormat.PROSE)


def _as(text: str, chosen: InputFormat, *, source: str) -> tuple[str, Layout]:
    """Read the text as `chosen`, or say plainly that it is not that."""
    if chosen in (InputFormat.PROSE, InputFormat.HTML):
        return text, Layout(format=InputFormat.PROSE)
    if chosen is InputFormat.TURNS_JSON:
        items = turns_json.parse(text)
        if items is None:
            raise InputError(
                f"{source}: not a JSON transcript (a list of turns with speaker and text, or "
                "an object with segments); check --input-format"
            )
        return turns_json.render(items)
    found = _READERS[chosen](text)
    if found is None:
        raise InputError(
            f"{source}: not {chosen.value} as far as it can be read; check the file or "
            "--input-format"
        )
    return text, found
