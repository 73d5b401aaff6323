"""The meeting's own fields across reports: each report's value with the words it says it in,
and the value most reports give (a report that says nothing does not vote)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from summarizer.models import MeetingFormat, MeetingStatus
from summarizer.reconcile import words
from summarizer.reconcile.grouping import when
from summarizer.reconcile.judge import FieldName
from summarizer.reconcile.models import Account, ReconciledMeetingFields
from summarizer.reconcile.sources import MeetingReport

FIELDS: tuple[FieldName, ...] = ("title", "status", "format", "date", "location")
# A report that found no meeting sentence titles it so; it gives no title to choose.
NO_MEETING_TITLE = "No meeting found"


def stated(report: MeetingReport, field: FieldName) -> str | None:
    """The report's value for `field`, or None where it states none (unknown counts as none)."""
    meeting = report.summary.meeting
    value = {
        "title": None if meeting.title == NO_MEETING_TITLE else meeting.title,
        "status": None if meeting.status is MeetingStatus.UNKNOWN else meeting.status.value,
        "format": None if meeting.format is MeetingFormat.UNKNOWN else meeting.format.value,
        "date": meeting.date,
        "location": meeting.location,
    }[field]
    return value or None


def account(report: MeetingReport, field: FieldName) -> Account | None:
    """The report's value and the span it rests on: the date or place as the text writes it
    (inside the meeting's sentence where it is there), else the meeting's sentence."""
    value = stated(report, field)
    if value is None:
        return None
    sentence = next(iter(report.quoted(report.summary.meeting.evidence)), None)
    meeting = report.summary.meeting
    phrase = {"date": meeting.date_text, "location": meeting.location}.get(field)
    span = report.find(phrase, near=sentence) if phrase else None
    span = span or sentence
    if span is None:
        return None
    return Account(value=value, **span.model_dump())


def reconcile_meeting(reports: Sequence[MeetingReport]) -> ReconciledMeetingFields:
    accounts = {
        field: [a for report in reports if (a := account(report, field)) is not None]
        for field in FIELDS
    }
    values = {field: [a.value for a in accounts[field] if a.value] for field in FIELDS}
    statuses = values["status"]
    # A meeting any report says was held was held: the others wrote before it.
    status = "held" if "held" in statuses else _most_common(statuses) or "unknown"
    return ReconciledMeetingFields(
        title=_central_title(reports),
        status=MeetingStatus(status),
        format=MeetingFormat(_most_common(values["format"]) or "unknown"),
        date=_likeliest_date(reports, values["date"]),
        location=_most_common(values["location"]),
        accounts={field: found for field, found in accounts.items() if found},
    )


def _most_common(values: Sequence[str]) -> str | None:
    """The value most reports give; of equals, the first given."""
    if not values:
        return None
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v)))


def _likeliest_date(reports: Sequence[MeetingReport], dates: Sequence[str]) -> str | None:
    """The date most reports give; of equals, the one most reports' own dates or publication
    dates allow (a report published on the 28th did not tell of a meeting on the 30th)."""
    if not dates:
        return None
    windows = [w for report in reports if (w := when(report)) is not None]

    def allowed(date: str) -> int:
        start, _, end = date.partition("/")
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end or start)
        return sum(w.start <= last and first <= w.end for w in windows)

    counts = Counter(dates)
    return max(dates, key=lambda d: (counts[d], allowed(d), -dates.index(d)))


def _central_title(reports: Sequence[MeetingReport]) -> str:
    """The title whose words the other titles share most."""
    titles = [t for r in reports if (t := stated(r, "title"))] or [reports[0].summary.meeting.title]
    bags = [words.bag([title]) for title in titles]
    scores = [sum(words.cosine(bag, other) for other in bags) for bag in bags]
    return titles[max(range(len(titles)), key=lambda i: (scores[i], -i))]
