"""Write three annotated transcripts again in the layouts meetings are exported in: WebVTT, SRT
and a JSON list of turns, with the same gold (the scorer's rules do not depend on the layout).

The records' times are made up (150 words a minute, a second between turns): QMSum gives none.
One cue per turn, so every verbatim quote of the gold stays a substring of the new text.
Run from the project root: `python examples/transcripts/copies.py`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
COPIES = {
    "qmsum-education_8": "webvtt",
    "qmsum-education_19": "srt",
    "qmsum-IS1000b": "turns-json",
}
_TURN = re.compile(r"^([^\n:]{1,200}): (.*)$")


def turns(text: str) -> list[tuple[str, str]]:
    """The (speaker, words) blocks of a QMSum record's text."""
    found = []
    for block in text.rstrip("\n").split("\n\n"):
        match = _TURN.match(block)
        assert match is not None, block[:80]
        found.append((match.group(1), match.group(2)))
    return found


def times(said: list[tuple[str, str]]) -> list[tuple[float, float]]:
    at, spans = 0.0, []
    for _, words in said:
        length = max(1.0, len(words.split()) * 0.4)
        spans.append((at, at + length))
        at += length + 1.0
    return spans


def stamp(seconds: float, separator: str) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02}:{whole % 3600 // 60:02}:{whole % 60:02}{separator}{millis:03}"


def webvtt(said: list[tuple[str, str]]) -> str:
    cues = [
        f"{stamp(start, '.')} --> {stamp(end, '.')}\n<v {speaker}>{words}</v>"
        for (speaker, words), (start, end) in zip(said, times(said), strict=True)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def srt(said: list[tuple[str, str]]) -> str:
    cues = [
        f"{n}\n{stamp(start, ',')} --> {stamp(end, ',')}\n{speaker}: {words}"
        for n, ((speaker, words), (start, end)) in enumerate(
            zip(said, times(said), strict=True), start=1
        )
    ]
    return "\n\n".join(cues) + "\n"


def turns_json(said: list[tuple[str, str]]) -> str:
    items = [
        {"speaker": speaker, "text": words, "start": round(start, 2), "end": round(end, 2)}
        for (speaker, words), (start, end) in zip(said, times(said), strict=True)
    ]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


WRITERS = {"webvtt": webvtt, "srt": srt, "turns-json": turns_json}


def main() -> None:
    for name, layout in COPIES.items():
        record = json.loads((HERE / "dev" / f"{name}.json").read_text(encoding="utf-8"))
        copy = dict(record)
        copy["id"] = f"{name}-{layout}"
        copy["text"] = WRITERS[layout](turns(record["text"]))
        for friction in copy["gold"]["frictions"]:
            assert friction["evidence"] in copy["text"], friction["evidence"][:60]
        copy["notes"] = (
            f"The record {name} written as {layout} by examples/transcripts/copies.py: one cue "
            "(or JSON turn) per turn, times made up at 150 words a minute. Gold as in the "
            "plain record."
        )
        path = HERE / "dev" / f"{copy['id']}.json"
        path.write_text(json.dumps(copy, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
