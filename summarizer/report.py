"""The review report: one self-contained HTML page per run, each summary beside its source text
with every piece of evidence highlighted. Jinja2 with autoescaping renders it; the page loads
nothing from the network, and a document's own markup shows as text.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

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
from summarizer.readers import InputSpec, read_document, read_regular
from summarizer.reconcile.models import ReconciledMeeting
from summarizer.reconcile.sidebyside import rows
from summarizer.saved import read_summary

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
        meeting's date phrase is part of the meeting's evidence wherever it stands. One sweep
        over the boundaries: a summary of many items costs n log n, not n squared."""
        if self.text is None:
            return []
        spans = self._spans(self.text)
        starting: dict[int, list[int]] = defaultdict(list)
        ending: dict[int, list[int]] = defaultdict(list)
        for index, (start, end, _) in enumerate(spans):
            starting[start].append(index)
            ending[end].append(index)
        cuts = sorted({0, len(self.text), *starting, *ending})
        active: set[int] = set()
        segments = []
        for number, (start, end) in enumerate(pairwise(cuts)):
            active.difference_update(ending.get(start, ()))
            active.update(starting.get(start, ()))
            covering = tuple(spans[index][2] for index in sorted(active))
            quote_id = f"{self.anchor}-q{number}" if covering else None
            segments.append(Segment(self.text[start:end], covering, quote_id))
        return segments

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, item id) of every quote that marks some of the text; the date phrase."""
        spans = [
            (e.start, e.end, item_id)
            for item_id, _, item in self.items()
            for e in item.evidence
            if e.start is not None and e.end is not None and 0 <= e.start < e.end <= len(text)
        ]
        date_text = self.summary.meeting.date_text
        where = text.find(date_text) if date_text else -1
        if date_text and where >= 0:
            spans.append((where, where + len(date_text), self.meeting_id))
        return spans

    def stray_quotes(self) -> int:
        """Quotes whose offsets fall outside the text (a summary edited by hand, or of another
        text): they are never highlighted, and the report says how many there were."""
        if self.text is None:
            return 0
        length = len(self.text)
        return sum(
            not (e.start is None and e.end is None)
            and not (e.start is not None and e.end is not None and 0 <= e.start <= e.end <= length)
            for _, _, item in self.items()
            for e in item.evidence
        )


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


@dataclass(frozen=True, slots=True)
class FolderReport:
    """The page rebuilt from a folder, what it holds, and what it could not show."""

    page: Path
    documents: int
    warnings: list[str]  # summaries shown without highlights, or with quotes left unmarked
    left_out: list[str]  # files that could not be read as summaries, each with why


def report_from_folder(out_dir: Path) -> FolderReport:
    """Rebuild the report from saved `*.json` summaries, re-reading each source to show evidence.

    A file that claims to be a summary but cannot be used (not a regular file, too large, of a
    schema this version does not read, invalid) is left out, saying why; JSON that is not a
    summary (an eval figure file) is passed over."""
    entries: list[ReportEntry] = []
    warnings: list[str] = []
    left_out: list[str] = []
    meetings = _saved_meetings(out_dir / MEETINGS_FOLDER)
    for path in sorted(out_dir.rglob("*.json")):
        if path.parent == out_dir / MEETINGS_FOLDER:
            continue  # a reconciled meeting, shown above the documents
        try:
            summary = read_summary(path)
        except InputError as error:
            left_out.append(str(error))
            continue
        if summary is None:
            continue
        name = path.relative_to(out_dir).with_suffix("").as_posix()
        entry = load_entry(name, summary, _source_text(summary.provenance.source))
        if entry.text is None:
            warnings.append(f"{summary.provenance.source}: source moved or changed; no highlights")
        elif stray := entry.stray_quotes():
            warnings.append(
                f"{path}: {stray} quote(s) point outside the source text; not highlighted"
            )
        entries.append(entry)
    if not entries:
        if left_out:
            raise InputError(f"{left_out[0]}; {out_dir} holds no other summary to report on")
        raise InputError(f"{out_dir}: no summaries (*.json) to report on; run summarize first")
    page = out_dir / "report.html"
    write_atomic(page, render_report(entries, meetings=meetings))
    return FolderReport(page, len(entries), warnings, left_out)


_MOST_BYTES = 16 * 1024 * 1024


def _saved_meetings(folder: Path) -> list[ReconciledMeeting]:
    """The reconciled meetings `--reconcile` wrote, to show again above the documents."""
    meetings = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            raw = read_regular(path, max_bytes=_MOST_BYTES, too_large="not a meeting file")
            meetings.append(ReconciledMeeting.model_validate_json(raw))
        except (InputError, ValueError):
            continue  # a FIFO, a huge or broken file: no meeting to show
    return meetings


def _source_text(source: str) -> str | None:
    path = Path(source)
    if source == "-" or not path.is_file():
        return None
    try:
        return read_document(InputSpec(path=path, name=path.stem)).text
    except SummarizerError:
        return None
