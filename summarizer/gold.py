"""Gold records (the examples' README, "Record shape"): read from a folder and checked whole,
every record, before anything is summarized.

Only the fields the scorer reads are checked; the annotator's other fields (notes, roles,
sources) pass through. A record that does not fit would otherwise fail after every document was
summarized, or score nonsense without a word (a keyword string matched letter by letter).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import GoldRecordError, InputError
from summarizer.models import MeetingFormat, MeetingStatus
from summarizer.readers import DEFAULT_MAX_CHARS, byte_limit, decode, read_regular, unique_names
from summarizer.validation import described

Gold = dict[str, Any]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _words(value: str) -> str:
    if not value.strip():
        raise ValueError("is blank; give it words or leave it out")
    return value


def _title_entry(value: str) -> str:
    """'a|b' means either word; an empty alternative would match every title."""
    if not all(word.strip() for word in value.split("|")):
        raise ValueError(f"{value!r} has a blank alternative, which every title contains")
    return value


def _day(value: str) -> str:
    try:
        if _ISO_DAY.match(value):
            dt.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date like 2024-03-05")


def _day_or_range(value: str) -> str:
    for day in value.split("/", 1):
        _day(day)
    return value


def _file_name(value: str) -> str:
    """An id names the record's file under `eval --save`, so it must be able to."""
    if not value.strip():
        raise ValueError("is blank; give the record an id")
    if _CONTROL.search(value):
        raise ValueError(f"{value!r} holds a control character; use letters, digits and -")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{value!r} is not valid Unicode text (a lone surrogate)") from None
    return value


Words = Annotated[str, AfterValidator(_words)]


class _Open(BaseModel):
    """The annotator's own fields are kept, unchecked: the scorer never reads them."""

    model_config = ConfigDict(extra="allow")


class GoldPerson(_Open):
    name: Words
    aliases: list[Words] = []


class GoldItem(_Open):
    """A topic or a friction: found when a predicted item's text holds any keyword."""

    keywords: Annotated[list[Words], Field(min_length=1)]


class GoldMeeting(_Open):
    title_keywords: list[Annotated[str, AfterValidator(_title_entry)]]
    status: MeetingStatus
    format: MeetingFormat
    date: Annotated[str, AfterValidator(_day_or_range)] | None = None
    location: Words | None = None


class GoldAnnotations(_Open):
    meeting: GoldMeeting
    participants: list[GoldPerson]
    mentioned_not_attending: list[Words]
    topics: list[GoldItem]
    frictions: list[GoldItem]


class GoldRecord(_Open):
    id: Annotated[str, AfterValidator(_file_name)]
    text: Words
    published: Annotated[str, AfterValidator(_day)] | None = None
    gold: GoldAnnotations


def load_gold(folder: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[Gold]:
    """Every `*.json` record in `folder`, sorted by file name, each checked against the record
    shape. Raises GoldRecordError with one line per bad record (all of them), or InputError for
    a folder that is not one or holds no records. Files are read as inputs are: regular files
    only, at most what a document of `max_chars` characters could take."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of gold records")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise InputError(f"{folder}: holds no .json gold records")
    records: list[tuple[Path, Gold]] = []
    problems: list[str] = []
    for path in paths:
        try:
            records.append((path, _read_record(path, max_chars=max_chars)))
        except InputError as error:
            problems.append(str(error))
    problems.extend(_id_problems(records))
    if problems:
        raise GoldRecordError(sorted(problems))
    return [record for _, record in records]


def _read_record(path: Path, *, max_chars: int) -> Gold:
    raw = read_regular(
        path,
        max_bytes=byte_limit(max_chars, path.suffix),
        too_large="more than a record of the character limit could take; split its text, "
        "or raise SUMMARIZER_MAX_DOCUMENT_CHARS",
    )
    try:
        record = json.loads(decode(raw, str(path)))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply to be a gold record") from None
    if not isinstance(record, dict):
        raise InputError(
            f'{path}: holds a JSON {type(record).__name__}, not a record {{"id", "text", "gold"}}'
        )
    try:
        GoldRecord.model_validate(record)
    except ValidationError as error:
        problems = described(error.errors(include_url=False))
        raise InputError(
            f'{path}: {problems} (see "Record shape" in the examples README)'
        ) from None
    return record


def _id_problems(records: Sequence[tuple[Path, Gold]]) -> list[str]:
    """Each id names one record, and a file of its own under `eval --save`: a duplicate, or an
    id the output-name cleaning would change ('../x', '/etc/x', 'A' beside 'a'), is refused."""
    problems: list[str] = []
    first: dict[str, Path] = {}
    for path, record in records:
        identifier = record.get("id")
        if not isinstance(identifier, str):
            continue
        if identifier in first:
            problems.append(
                f"{path}: id {identifier!r} is also the id of {first[identifier]}; "
                "give each record its own id"
            )
        else:
            first[identifier] = path
    names = unique_names(first)
    for (identifier, path), name in zip(first.items(), names, strict=True):
        if name != identifier:
            problems.append(
                f"{path}: id {identifier!r} cannot name a file of its own (eval --save writes "
                f"ID.json); call it {name!r}"
            )
    return problems
