"""`summarize DIR --reconcile`: after the summaries, one file pair per meeting that two or more
documents report, under OUT/meetings/, and a line saying what was grouped and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from summarizer.batch import DocumentResult
from summarizer.cli.common import print_error, shown
from summarizer.errors import InputError, OutputError
from summarizer.output import MEETINGS_FOLDER, write_meeting
from summarizer.pipeline import Summarizer
from summarizer.reconcile import MeetingReport
from summarizer.reconcile.models import ReconciledMeeting


def write_meetings(
    summarizer: Summarizer, results: Sequence[DocumentResult], out_dir: Path, err: Console
) -> tuple[bool, list[ReconciledMeeting]]:
    """Reconcile the summarized documents and write each meeting; (all written, meetings)."""
    reports = [
        MeetingReport.of(r.document, r.summary)
        for r in results
        if r.summary is not None and r.document is not None
    ]
    try:
        reconciled = summarizer.reconcile(reports)
    except InputError as error:
        print_error(err, str(error))
        return False, []
    written = True
    for meeting in reconciled.meetings:
        try:
            path = write_meeting(meeting, out_dir)[0]
        except (OSError, OutputError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            print_error(err, f"{out_dir / MEETINGS_FOLDER}: {meeting.slug} not written ({reason})")
            written = False
            continue
        names = ", ".join(s.name for s in meeting.sources)
        err.print(f"meeting: {shown(str(path))} from {shown(names)}", soft_wrap=True)
        err.print(f"  grouped because: {shown(meeting.grouping.why)}", soft_wrap=True)
    _say_alone(reconciled.alone, bool(reconciled.meetings), len(reports), err)
    return written, reconciled.meetings


def _say_alone(alone: Sequence[str], any_meeting: bool, reports: int, err: Console) -> None:
    if not any_meeting:
        err.print(
            f"reconcile: no two of the {reports} documents report the same meeting; "
            f"no {MEETINGS_FOLDER}/ file written"
        )
    elif alone:
        err.print(
            f"reconcile: {len(alone)} document(s) report a meeting no other does: "
            f"{shown(', '.join(alone))}",
            soft_wrap=True,
        )
