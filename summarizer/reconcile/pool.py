"""A scoring pool: the documents of some group files (`{"documents": [...], "gold": {...}}`)
and single records of other meetings, read from folders; and the run that summarizes every one
of them alone and reconciles them together, as `summarize DIR --reconcile` would.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from summarizer.errors import InputError, SummarizerError
from summarizer.evaluate import gold_document
from summarizer.gold import Gold
from summarizer.models import MeetingSummary
from summarizer.readers import Document, read_regular
from summarizer.reconcile import MeetingReport, Reconciliation


@dataclass(frozen=True, slots=True)
class Pool:
    """Gold groups and single records, read from group files and record files."""

    groups: list[Gold]
    singles: list[Gold]

    def records(self) -> list[Gold]:
        return [d for g in self.groups for d in g["documents"]] + self.singles

    def texts(self) -> dict[str, str]:
        return {str(r["id"]): str(r["text"]) for r in self.records()}


# A group file holds a few documents; past this it is refused before it is read.
_MOST_BYTES = 16 * 1024 * 1024


def _text(path: Path) -> str:
    """A file's text, read as every input is: a regular file only (a FIFO would block), and
    never more than a group file could hold."""
    raw = read_regular(path, max_bytes=_MOST_BYTES, too_large="more than a group file holds")
    return raw.decode("utf-8")


def is_group_file(path: Path) -> bool:
    """A JSON object with a "documents" list: a group's gold, not a single record's (what is
    not a readable file is left to the records' own checks to name)."""
    try:
        data = json.loads(_text(path))
    except (InputError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("documents"), list)


def holds_groups(folder: Path) -> bool:
    return folder.is_dir() and any(is_group_file(p) for p in sorted(folder.glob("*.json")))


def load_pool(folders: Sequence[Path]) -> Pool:
    """Every `*.json` in `folders`: group files by their "documents" key, the rest records."""
    groups: list[Gold] = []
    singles: list[Gold] = []
    for folder in folders:
        if not folder.is_dir():
            raise InputError(f"{folder}: not a folder of group files or gold records")
        for path in sorted(folder.glob("*.json")):
            data = _read(path)
            (groups if isinstance(data.get("documents"), list) else singles).append(data)
    if not groups:
        raise InputError(f'{", ".join(map(str, folders))}: no group files (with "documents")')
    return Pool(groups, singles)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(_text(path))
    except ValueError as exc:
        raise InputError(f"{path}: cannot be read as JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a group file or record is a JSON object")
    records = data["documents"] if isinstance(data.get("documents"), list) else [data]
    for record in records:
        if not isinstance(record, dict) or not {"id", "text", "gold"} <= record.keys():
            raise InputError(f'{path}: every record needs "id", "text" and "gold"')
    return data


class Reconciles(Protocol):
    """What scoring needs of a Summarizer."""

    def summarize_document(self, document: Document) -> MeetingSummary: ...

    def reconcile(self, reports: Sequence[MeetingReport]) -> Reconciliation: ...


def summarize_pool(
    pool: Pool, summarizer: Reconciles, *, folder: Path
) -> tuple[dict[str, MeetingReport], dict[str, str]]:
    """Every record of the pool summarized alone, as a report named by its id; and why any
    record failed (it then takes part in no meeting)."""
    reports: dict[str, MeetingReport] = {}
    failed: dict[str, str] = {}
    for record in pool.records():
        identifier = str(record["id"])
        try:
            document = gold_document(record, source=f"{folder / identifier}.json")
            publisher = record.get("publisher")
            reports[identifier] = MeetingReport(
                name=identifier,
                summary=summarizer.summarize_document(document),
                text=document.text,
                source=document.source,
                publisher=publisher if isinstance(publisher, str) else None,
                published=document.published,
            )
        except SummarizerError as error:
            failed[identifier] = str(error)
    return reports, failed
