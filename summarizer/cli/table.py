"""The closing table of a run: one row per document, the counts, the engines used.

Rows are kept as strings (`Line`) instead of results, so a run over many documents holds a row
each, not every summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from summarizer.batch import DocumentResult
from summarizer.cli.common import REAL_MODEL_HINT, shown
from summarizer.engine_kinds import KINDS
from summarizer.models import MeetingSummary
from summarizer.readers import STDIN


@dataclass(frozen=True, slots=True)
class Line:
    """What the closing table needs of one document: kept instead of the result, so a run over
    many documents holds a row each, not every summary."""

    row: list[str]
    ok: bool
    skipped: bool
    cached: bool
    error: str | None
    engine: str | None  # the engine that wrote it
    engine_label: str | None  # with its model, and what it fell back from

    @classmethod
    def of(cls, result: DocumentResult) -> Line:
        summary = result.summary
        return cls(
            row=_row(result),
            ok=result.ok,
            skipped=result.skipped,
            cached=summary is not None and summary.provenance.from_cache,
            error=str(result.error) if result.error is not None else None,
            engine=summary.provenance.engine if summary is not None else None,
            engine_label=_engine_label(summary) if summary is not None else None,
        )


def report(lines: list[Line], err: Console) -> None:
    """The table, the closing counts, the engines used and what to say about them."""
    rows = [[shown(cell) for cell in line.row] for line in lines]
    table = Table(title="summaries", title_justify="left")
    for header, width in zip(_COLUMNS, _column_widths(rows, err.width), strict=True):
        numeric = header not in _TEXT_COLUMNS
        table.add_column(
            header,
            justify="right" if numeric else "left",
            no_wrap=True,
            width=width,
            overflow="ellipsis",
        )
    for row in rows:
        table.add_row(*row)
    err.print(table)
    err.print(shown(_closing_line(lines)), soft_wrap=True)
    engines = sorted({line.engine_label for line in lines if line.engine_label is not None})
    if engines:
        err.print(f"engine: {shown(', '.join(engines))}")
    used = {line.engine for line in lines}
    for engine, note in _ENGINE_NOTES.items():
        if engine in used:
            err.print(f"[yellow]note:[/] {note} {REAL_MODEL_HINT}", markup=True, soft_wrap=True)


_COLUMNS = (
    "document",
    "meeting",
    "date",
    "att/ment",
    "topics",
    "frictions",
    "grounded",
    "engine",
    "s",
)
# The text columns, with the least and the most each takes: an ISO date fits in the least.
_TEXT_COLUMNS = {"document": (8, 30), "meeting": (8, 34), "date": (10, 21)}


def _column_widths(rows: list[list[str]], total: int) -> list[int]:
    """Numbers keep their full width; the text columns share what is left, shortened with an
    ellipsis when the terminal is narrow (rich would otherwise cut every column evenly)."""
    natural = [
        max([len(header), *(len(row[index]) for row in rows)])
        for index, header in enumerate(_COLUMNS)
    ]
    text = [index for index, header in enumerate(_COLUMNS) if header in _TEXT_COLUMNS]
    least = {index: min(natural[index], _TEXT_COLUMNS[_COLUMNS[index]][0]) for index in text}
    for index in text:
        natural[index] = min(natural[index], _TEXT_COLUMNS[_COLUMNS[index]][1])
    borders = 3 * len(_COLUMNS) + 1
    room = total - borders - sum(w for i, w in enumerate(natural) if i not in text)
    wanted = sum(natural[i] for i in text)
    if wanted > room:
        spare = max(0, room - sum(least.values()))
        extra = sum(natural[i] - least[i] for i in text) or 1
        for index in text:
            natural[index] = least[index] + (natural[index] - least[index]) * spare // extra
    return natural


def _closing_line(lines: list[Line]) -> str:
    """'11 summarized (11 from cache), 0 failed, 2 skipped (why)'."""
    failed = [line for line in lines if not line.ok]
    skipped = sum(line.skipped for line in failed)
    cached = sum(line.cached for line in lines)
    done = f"{len(lines) - len(failed)} summarized" + (f" ({cached} from cache)" if cached else "")
    closing = f"{done}, {len(failed) - skipped} failed"
    if skipped:
        reason = next(line.error for line in failed if line.skipped)
        closing += f", {skipped} skipped ({reason})"
    return closing


_ENGINE_NOTES = {kind.name: kind.note for kind in KINDS.values() if kind.note}


def _engine_label(summary: MeetingSummary) -> str:
    provenance = summary.provenance
    label = f"{provenance.engine} ({provenance.model})"
    return (
        f"{label}, falling back from {provenance.fallback_from}"
        if provenance.fallback_from
        else label
    )


def _row(result: DocumentResult) -> list[str]:
    name = result.spec.name if result.spec.path is not None else STDIN
    summary = result.summary
    if summary is None:
        status = "skipped" if result.skipped else "failed"
        return [name, status, "", "", "", "", "", "", f"{result.seconds:.1f}"]
    meeting = summary.meeting
    attended = sum(p.presence == "attended" for p in summary.participants)
    grounded, total = summary.grounded_items()
    provenance = summary.provenance
    return [
        name,
        " ".join(meeting.title.split()),
        meeting.date or meeting.date_text or "",
        f"{attended}/{len(summary.participants) - attended}",
        str(len(summary.agenda_topics)),
        str(len(summary.frictions)),
        f"{grounded}/{total}",
        provenance.engine + ("*" if provenance.fallback_from else ""),
        "cached" if provenance.from_cache else f"{result.seconds:.2f}",
    ]
