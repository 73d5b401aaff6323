"""Minutes: who was present (`Present:`, `Attendees:`, `In attendance:`), who sent apologies or
was absent, and the numbered agenda items; the rest is read as prose (motions, decisions).

A list stands on the heading's own line ('Present: A, B and C') or on the lines below it, one
entry a line, down to a blank line or the next heading.
"""

from __future__ import annotations

import re

from summarizer.readers.structure import InputFormat, Layout, Listed

_HEADINGS = {
    "present": "present",
    "members present": "present",
    "also present": "present",
    "attendees": "present",
    "attending": "present",
    "in attendance": "present",
    "participants": "present",
    "apologies": "apologies",
    "apologies for absence": "apologies",
    "apologies received": "apologies",
    "regrets": "apologies",
    "absent": "absent",
    "members absent": "absent",
}
_HEADING = re.compile(
    r"^[ \t]*(?P<heading>"
    + "|".join(sorted(map(re.escape, _HEADINGS), key=len, reverse=True))
    + r")[ \t]*(?:(?::|\u2013|\u2014|-)[ \t]*(?P<rest>[^\n]*)|$)",
    re.IGNORECASE | re.MULTILINE,
)
_AGENDA = re.compile(
    r"^[ \t]*(?:item[ \t]+)?\d{1,2}(?:\.\d{1,2})?[.):]?[ \t]+(?P<title>[A-Z][^\n]{2,120})$",
    re.MULTILINE | re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022]|\d+[.)])?[ \t]*")


def read(text: str) -> Layout | None:
    """The lists and agenda of minutes, or None where the text has no list of who was there."""
    listed = [*_lists(text), *_agenda(text)]
    present = [entry for entry in listed if entry.kind == "present"]
    if not present:
        return None
    others = [entry for entry in listed if entry.kind != "present"]
    if not others and not re.search(r"\bminutes\b", text[:400], re.IGNORECASE):
        return None
    return Layout(format=InputFormat.MINUTES, listed=tuple(sorted(listed, key=_place)))


def _place(entry: Listed) -> int:
    return entry.start


def _lists(text: str) -> list[Listed]:
    found: list[Listed] = []
    for heading in _HEADING.finditer(text):
        kind = _HEADINGS[heading.group("heading").lower()]
        rest = heading.group("rest")
        if rest and rest.strip():
            found += _entries(text, kind, heading.start("rest"), heading.end("rest"))
            continue
        found += _lines_below(text, kind, heading.end())
    return found


def _lines_below(text: str, kind: str, at: int) -> list[Listed]:
    found: list[Listed] = []
    for line in re.finditer(r"\n([^\n]*)", text[at:]):
        content = line.group(1)
        if not content.strip() or _HEADING.match(content) or _AGENDA.match(content):
            break
        start = at + line.start(1) + len(_BULLET.match(content).group(0))  # type: ignore[union-attr]
        found += _entries(text, kind, start, at + line.end(1))
    return found


def _entries(text: str, kind: str, start: int, end: int) -> list[Listed]:
    """The names of one line, split at commas, semicolons and ' and ' outside parentheses."""
    entries: list[Listed] = []
    depth, piece, at = 0, start, start
    while at < end:
        character = text[at]
        depth += (character == "(") - (character == ")")
        cut = 0
        if depth == 0 and character in ",;":
            cut = 1
        elif depth == 0 and text[at : at + 5].lower() == " and ":
            cut = 5
        if cut:
            entries.append(_entry(text, kind, piece, at))
            piece = at = at + cut
            continue
        at += 1
    entries.append(_entry(text, kind, piece, end))
    return [entry for entry in entries if entry.end - entry.start > 1]


def _entry(text: str, kind: str, start: int, end: int) -> Listed:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;"):
        end -= 1
    return Listed(kind=kind, start=start, end=end)


def _agenda(text: str) -> list[Listed]:
    items = [Listed("agenda", m.start("title"), m.end("title")) for m in _AGENDA.finditer(text)]
    return items if len(items) >= 2 else []
