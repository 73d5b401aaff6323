"""The review report: one self-contained HTML page per run, each summary beside its source text
with every piece of evidence highlighted. Jinja2 with autoescaping renders it; the page loads
nothing from the network, and a document's own markup shows as text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from summarizer.documents import InputSpec, read_document
from summarizer.errors import InputError, SummarizerError
from summarizer.models import (
    Grounded,
    MeetingStatus,
    MeetingSummary,
    Participant,
    Presence,
    sections,
)
from summarizer.output import MEETINGS_FOLDER, write_atomic
from summarizer.reconcile.models import ReconciledMeeting
from summarizer.reconcile.sidebyside import rows

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_SINGULAR = {
    "meeting": "meeting",
    "participants": "participant",
    "agenda_topics": "topic",
    "frictions": "friction",
    "outcomes": "outcome",
}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of source text and the items whose evidence covers it (none: plain text)."""

    text: str
    items: tuple[str, ...]
    quote_id: str | None


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One document of the report: its summary, and its text when it is at hand and unchanged."""

    name: str
    summary: MeetingSummary
    text: str | None

    @property
    def anchor(self) -> str:
        return "doc-" + hashlib.sha1(self.name.encode(), usedforsecurity=False).hexdigest()[:10]

    @property
    def meeting_id(self) -> str:
        return f"{self.anchor}-meeting-0"

    def items(self) -> list[tuple[str, str, Grounded]]:
        """(id, section, item) for every item, people who take part before those mentioned."""
        return [
            (f"{self.anchor}-{_SINGULAR[section]}-{n}", _SINGULAR[section], item)
            for section, items in sections(self.summary)
            for n, item in _in_reading_order(section, items)
        ]

    def presence_label(self, person: Participant) -> str:
        """'attended' for a meeting that was held; 'will take part' for one still to come."""
        if person.presence is Presence.MENTIONED:
            return "mentioned"
        return _TAKING_PART.get(self.summary.meeting.status, "takes part")

    def segments(self) -> list[Segment]:
        """The source split at every evidence boundary, so overlapping quotes all show; the
        meeting's date phrase is part of the meeting's evidence wherever it stands."""
        if self.text is None:
            return []
        spans = [
            (e.start, e.end, item_id)
            for item_id, _, item in self.items()
            for e in item.evidence
            if e.start is not None and e.end is not None and e.end <= len(self.text)
        ]
        date_text = self.summary.meeting.date_text
        where = self.text.find(date_text) if date_text else -1
        if date_text and where >= 0:
            spans.append((where, where + len(date_text), self.meeting_id))
        cuts = sorted({0, len(self.text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
        segments = []
        for number, (start, end) in enumerate(pairwise(cuts)):
            covering = tuple(item for s, e, item in spans if s <= start and end <= e)
            quote_id = f"{self.anchor}-q{number}" if covering else None
            segments.append(Segment(self.text[start:end], covering, quote_id))
        return segments


_TAKING_PART = {
    MeetingStatus.HELD: "attended",
    MeetingStatus.SCHEDULED: "will take part",
    MeetingStatus.PROPOSED: "would take part",
    MeetingStatus.CANCELLED: "was to take part",
}


def _in_reading_order(section: str, items: Sequence[Grounded]) -> list[tuple[int, Grounded]]:
    numbered = list(enumerate(items))
    if section != "participants":
        return numbered
    return sorted(
        numbered, key=lambda pair: getattr(pair[1], "presence", None) is Presence.MENTIONED
    )


def load_entry(name: str, summary: MeetingSummary, text: str | None) -> ReportEntry:
    """Keep the text only if it is the one the offsets point into (same sha256)."""
    if text is not None and hashlib.sha256(text.encode()).hexdigest() != summary.provenance.sha256:
        text = None
    return ReportEntry(name=name, summary=summary, text=text)


def render_report(
    entries: Sequence[ReportEntry],
    *,
    title: str = "Meeting summaries",
    meetings: Sequence[ReconciledMeeting] = (),
) -> str:
    """The page: reconciled meetings first (their sources side by side), then each document."""
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(("html", "j2")),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("report.html.j2")
    anchors = {entry.name: entry.anchor for entry in entries}
    laid_out = [(meeting, rows(meeting)) for meeting in meetings]
    return template.render(title=title, entries=entries, meetings=laid_out, anchors=anchors)


def write_report(
    entries: Sequence[ReportEntry], path: Path, *, meetings: Sequence[ReconciledMeeting] = ()
) -> Path:
    """The HTML review page for these summaries (and reconciled meetings), written atomically."""
    write_atomic(path, render_report(entries, meetings=meetings))
    return path


def report_from_folder(out_dir: Path) -> tuple[Path, int, list[str]]:
    """Rebuild the report from saved `*.json` summaries, re-reading each source to show evidence.

    Returns the page, how many summaries it holds, and one line per summary shown without text."""
    entries: list[ReportEntry] = []
    missing: list[str] = []
    meetings = _saved_meetings(out_dir / MEETINGS_FOLDER)
    for path in sorted(out_dir.rglob("*.json")):
        try:
            summary = MeetingSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not a summary (an eval figure file, a reconciled meeting)
        name = path.relative_to(out_dir).with_suffix("").as_posix()
        text = _source_text(summary.provenance.source)
        entry = load_entry(name, summary, text)
        if entry.text is None:
            missing.append(f"{summary.provenance.source}: source moved or changed; no highlights")
        entries.append(entry)
    if not entries:
        raise InputError(f"{out_dir}: no summaries (*.json) to report on; run summarize first")
    page = out_dir / "report.html"
    write_atomic(page, render_report(entries, meetings=meetings))
    return page, len(entries), missing


def _saved_meetings(folder: Path) -> list[ReconciledMeeting]:
    """The reconciled meetings `--reconcile` wrote, to show again above the documents."""
    meetings = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            meetings.append(ReconciledMeeting.model_validate_json(path.read_text("utf-8")))
        except (OSError, ValueError):
            continue
    return meetings


def _source_text(source: str) -> str | None:
    path = Path(source)
    if source == "-" or not path.is_file():
        return None
    try:
        return read_document(InputSpec(path=path, name=path.stem)).text
    except SummarizerError:
        return None
