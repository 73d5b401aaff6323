"""A reconciled meeting laid out for reading side by side: one column per source, one row per
field, person, item or difference, each cell that source's word on it and its quote (or
nothing: the source is silent). The HTML report renders these rows as they are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.reconcile.models import Quoted, ReconciledMeeting


@dataclass(frozen=True, slots=True)
class Cell:
    says: str
    quote: str | None


@dataclass(frozen=True, slots=True)
class Row:
    section: str
    label: str
    kind: str | None  # a difference's kind; None for other rows
    cells: tuple[Cell | None, ...]  # one per source, in the meeting's source order


def rows(meeting: ReconciledMeeting) -> list[Row]:
    """Differences first (what a reader came for), then the meeting, people and items."""
    names = [s.name for s in meeting.sources]
    found: list[Row] = []
    for difference in meeting.differences:
        cells = {a.source: Cell(a.says, a.quote) for a in difference.accounts}
        cells.update({s: Cell("silent", None) for s in difference.silent})
        row = Row("differences", difference.about, difference.kind.value, _cells(names, cells))
        found.append(row)
    found += _meeting_rows(meeting, names)
    for person in meeting.participants:
        cells = {
            s: Cell(
                "took part" if s in person.attended_in else "mentioned", _first(person.evidence, s)
            )
            for s in person.sources
        }
        found.append(Row("participants", person.name, None, _cells(names, cells)))
    items = [
        *(("agenda", t.label, t.sources, t.evidence) for t in meeting.agenda_topics),
        *(("frictions", f.issue, f.sources, f.evidence) for f in meeting.frictions),
        *(("outcomes", o.description, o.sources, o.evidence) for o in meeting.outcomes),
    ]
    for section, label, sources, evidence in items:
        cells = {s: Cell("tells it", _first(evidence, s)) for s in sources}
        found.append(Row(section, label, None, _cells(names, cells)))
    return found


def _meeting_rows(meeting: ReconciledMeeting, names: Sequence[str]) -> list[Row]:
    """One row for what each source calls the meeting (title, status, format: all rest on its
    meeting sentence), then one for the date and one for the place, each with its own words."""
    accounts = meeting.meeting.accounts
    said: dict[str, list[str]] = {}
    sentence: dict[str, str] = {}
    for field in ("title", "status", "format"):
        for account in accounts.get(field, []):
            said.setdefault(account.source, []).append((account.value or "").replace("_", " "))
            sentence.setdefault(account.source, account.quote)
    cells = {source: Cell(" · ".join(values), sentence[source]) for source, values in said.items()}
    found = [Row("meeting", "the meeting", None, _cells(names, cells))]
    for field, label in (("date", "date"), ("location", "place")):
        by_source = {a.source: Cell(a.value or "", a.quote) for a in accounts.get(field, [])}
        found.append(Row("meeting", label, None, _cells(names, by_source)))
    return found


def _cells(names: Sequence[str], by_source: dict[str, Cell]) -> tuple[Cell | None, ...]:
    return tuple(by_source.get(name) for name in names)


def _first(evidence: Sequence[Quoted], source: str) -> str | None:
    return next((q.quote for q in evidence if q.source == source), None)
