"""Lists a readout introduces with a colon: who took part ("The participants were:",
"Attendees:") and what was on the agenda ("The agenda covered:", "They discussed:").

Readouts of multilateral meetings often name the participants and the agenda only in such
lists, one item a line (bulleted or not), which are not prose and so not read as sentences. A
list runs from the line after its introduction to the first line that is not a short item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from summarizer.nlp.lexicon import AGENDA_INTRODUCTIONS, ROSTER_INTRODUCTIONS

_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u2013\u2014*\-]|\d{1,2}[.)])\s*")
# Characters: a longer line is prose, and ends the list (a bullet may list a whole delegation).
_LONGEST_ITEM = 200
_LONGEST_BULLET = 1000


@dataclass(frozen=True, slots=True)
class IntroducedList:
    kind: str  # "roster" or "agenda"
    items: list[Span]  # one per line, bullets left out


def introduced_lists(doc: Doc) -> list[IntroducedList]:
    """Every list introduced by a roster or agenda line ending with a colon."""
    text = doc.text
    lines = _lines(text)
    found: list[IntroducedList] = []
    for number, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        kind = _introduction(line)
        if kind is None:
            continue
        items = [
            span
            for item_start, item_end in _items(text, lines[number + 1 :])
            if (span := doc.char_span(item_start, item_end, alignment_mode="expand")) is not None
        ]
        if items:
            found.append(IntroducedList(kind=kind, items=items))
    return found


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((start, start + len(line.rstrip("\r\n"))))
        start += len(line)
    return spans


def _introduction(line: str) -> str | None:
    if not line.endswith(":") or len(line) > 200:
        return None
    lowered = line.lower()
    if any(re.search(rf"\b{cue}", lowered) for cue in ROSTER_INTRODUCTIONS):
        return "roster"
    if any(re.search(rf"\b{cue}", lowered) for cue in AGENDA_INTRODUCTIONS):
        return "agenda"
    return None


def _items(text: str, following: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The item lines after an introduction (blank lines between them allowed): bulleted lines
    while the bullets last, or else short lines up to the first sentence."""
    items: list[tuple[int, int]] = []
    bulleted: bool | None = None
    for start, end in following:
        line = text[start:end]
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        if bulleted is None:
            bulleted = bullet is not None
        sentence = line.rstrip().endswith(".") and not bulleted
        longest = _LONGEST_BULLET if bulleted else _LONGEST_ITEM
        if (bulleted and not bullet) or sentence or len(line.strip()) > longest:
            break
        offset = bullet.end() if bullet else len(line) - len(line.lstrip())
        items.append((start + offset, end))
    return items
