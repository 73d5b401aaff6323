"""Gold records that do not fit the record shape, one line each: how to spoil a good record, and
the words its one-line error must contain. `test_cli_eval.py` runs them all at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]


@dataclass(frozen=True)
class BadGold:
    """`name.json` in the gold folder is a good record after `spoil`; `expect` is in its line."""

    name: str
    expect: str
    spoil: Callable[[Record], None]


def _set(where: str, value: object) -> Callable[[Record], None]:
    """'gold.topics.0.keywords' -> record['gold']['topics'][0]['keywords'] = value"""

    def spoil(record: Record) -> None:
        *path, last = where.split(".")
        target: Any = record
        for key in path:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is _DROP:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return spoil


_DROP = object()


def _drop(where: str) -> Callable[[Record], None]:
    return _set(where, _DROP)


BAD_GOLD = [
    BadGold("no-meeting", "gold.meeting is missing", _drop("gold.meeting")),
    BadGold("gold-a-list", "gold should be an object, not a list", _set("gold", [])),
    BadGold("nameless", "gold.participants[0].name is missing", _drop("gold.participants.0.name")),
    BadGold("text-a-list", "text should be a string, not a list", _set("text", ["a", "b"])),
    BadGold("text-an-int", "text should be a string, not 5", _set("text", 5)),
    BadGold(
        "keywords-a-string", "keywords should be a list", _set("gold.topics.0.keywords", "dprk")
    ),
    BadGold("no-keywords", "keywords is empty", _set("gold.frictions.0.keywords", [])),
    BadGold("blank-keyword", "is blank", _set("gold.topics.0.keywords", [" "])),
    BadGold("null-id", "id should be a string, not None", _set("id", None)),
    BadGold("status-unknown", "status should be 'held'", _set("gold.meeting.status", "done")),
    BadGold("bad-date", "'2021-13-01' is not a date", _set("gold.meeting.date", "2021-13-01")),
    BadGold("bad-published", "'yesterday' is not a date", _set("published", "yesterday")),
    BadGold("any-title", "blank alternative", _set("gold.meeting.title_keywords", ["lavrov|"])),
    BadGold("twin", "is also the id of", _set("id", "lavrov")),
    BadGold("climber", "call it 'victim'", _set("id", "../victim")),
    BadGold("absolute", "call it 'tmp/victim'", _set("id", "/tmp/victim")),
    BadGold("escape", "control character", _set("id", "a\x1b[2J")),
]
