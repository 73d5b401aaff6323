"""Several reports of one meeting made into one account that says who says what.

`reconcile(reports)` groups the reports that tell the same meeting (`grouping`), merges what
they tell (`meeting`, `merging`), finds where they differ (`differences`) and returns one
`ReconciledMeeting` per group of two or more; a report no other shares a meeting with is named
in `alone`. Every quote is a span of the report it cites. `judge` decides "same item?" and
"contradicts?" (`RuleJudge` by default: words alone, no model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.errors import InputError
from summarizer.reconcile.differences import find_differences
from summarizer.reconcile.grouping import Group, describe, group_reports
from summarizer.reconcile.judge import Judge, RuleJudge
from summarizer.reconcile.meeting import reconcile_meeting
from summarizer.reconcile.merging import (
    merge_frictions,
    merge_outcomes,
    merge_participants,
    merge_topics,
)
from summarizer.reconcile.models import ReconciledMeeting
from summarizer.reconcile.slug import make_slug
from summarizer.reconcile.sources import MeetingReport

__all__ = ["Judge", "MeetingReport", "Reconciliation", "RuleJudge", "reconcile"]


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The meetings told by two or more reports, and the reports that tell one alone."""

    meetings: list[ReconciledMeeting] = field(default_factory=list)
    alone: list[str] = field(default_factory=list)


def reconcile(reports: Sequence[MeetingReport], *, judge: Judge | None = None) -> Reconciliation:
    """Group `reports` by meeting and reconcile each group of two or more.

    Raises InputError when two reports share a name (names are how sources are cited)."""
    _check_names(reports)
    chosen = judge if judge is not None else RuleJudge()
    meetings: list[ReconciledMeeting] = []
    alone: list[str] = []
    for group in group_reports(reports):
        members = [reports[i] for i in group.members]
        if len(members) < 2:
            alone.append(members[0].name)
            continue
        meetings.append(_reconciled(members, group, chosen, [m.slug for m in meetings]))
    return Reconciliation(meetings=meetings, alone=alone)


def _check_names(reports: Sequence[MeetingReport]) -> None:
    seen: set[str] = set()
    for report in reports:
        if report.name in seen:
            raise InputError(
                f"{report.source}: another report is also named {report.name!r}; give each "
                "report its own name (sources are cited by name)"
            )
        seen.add(report.name)


def _reconciled(
    members: Sequence[MeetingReport], group: Group, judge: Judge, taken: list[str]
) -> ReconciledMeeting:
    meeting = reconcile_meeting(members)
    participants = merge_participants(members)
    topics = merge_topics(members, judge)
    frictions = merge_frictions(members, judge)
    outcomes = merge_outcomes(members, judge)
    differences = find_differences(
        members,
        judge,
        participants=participants,
        topics=topics,
        frictions=frictions,
        outcomes=outcomes,
    )
    return ReconciledMeeting(
        slug=make_slug(meeting, participants, taken),
        sources=[m.ref() for m in members],
        grouping=describe(group, meeting, participants),
        meeting=meeting,
        participants=participants,
        agenda_topics=topics,
        frictions=frictions,
        outcomes=outcomes,
        differences=differences,
    )
