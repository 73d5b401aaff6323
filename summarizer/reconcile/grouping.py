"""Which reports tell the same meeting: a weighted sum of reasons per pair, then average linkage.

Every pair of reports gets reasons for and against being one meeting, each with a fixed weight
(`WEIGHTS`), all read from the two summaries:
- people both say took part (+1.5 each); people both name where one of them does not name who
  met (+0.75); a person one says took part and the other, naming two or more who did, only
  mentions (-1 each); one shared attendee with a different counterpart on each side, whom the
  other report never names (-2: the minister's call with one counterpart is not her visit to
  another); both name people, none in common (-4: a meeting is told by its people).
  Institutions the parser took for people ("Political Bureau") do not count;
- the meeting's dates: within two days is one trip (+1), three to seven days apart (-2), up to
  a month (-4), more (-8: the same two leaders months apart met twice). A report that states
  no date is placed by its publication date: a held meeting in the 30 days before it, a
  planned one in the 60 after (a publication date is never taken as the meeting's date, only
  as a bound);
- the same format (+0.5) or another (-1.5; a phone and a video call half that), the same place
  (+1) or another (-1);
- the words the summaries share, each weighted by its rarity (`words.py`), people's names left
  out (they count once, above): up to +6.
A scheduled report and a held report of one meeting agree on all of these, so status is not a
reason. Clusters are then merged, best first, while the mean score of the pairs across two
clusters is at least `THRESHOLD`. Dates, formats and places are averaged only over the pairs
that both state them (a report silent on the date is no evidence on it), people and words over
all pairs: one wrong date or place in a report of four is outvoted by the other pairs, while a
report that conflicts with the members that state a date stays out.

The weights were set by hand on the development groups (examples/reconcile/dev) and the
reports that shadow them, one reason at a time; every threshold from 2.0 to 2.75 (2.25 is
the middle), and any weight from -3 to -8 for dates more than a week apart, group them the
same way. Each group's
`links` show every pair's reasons.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.models import (
    MeetingFormat,
    MeetingStatus,
    MeetingSummary,
    Participant,
    Presence,
)
from summarizer.names import normalize_name
from summarizer.reconcile import people, words
from summarizer.reconcile.models import (
    Grouping,
    Link,
    MergedParticipant,
    ReconciledMeetingFields,
)
from summarizer.reconcile.sources import MeetingReport

WEIGHTS = {
    "shared attendee": 1.5,
    "named by both": 0.75,
    "presence differs": -1.0,
    "different counterparts": -2.0,
    "nobody in common": -4.0,
    "shared words": 6.0,
    "dates agree": 1.0,
    "dates days apart": -2.0,
    "dates weeks apart": -4.0,
    "dates months apart": -8.0,
    "same format": 0.5,
    "other format": -1.5,
    "same place": 1.0,
    "other place": -1.0,
}
THRESHOLD = 2.25
SAME_TRIP_DAYS = 2
FEW_DAYS = 7
FEW_WEEKS_DAYS = 30
# How far from its publication date a report's undated meeting can be.
REPORTED_WITHIN_DAYS = 30
ANNOUNCED_WITHIN_DAYS = 60


# What a reason is about. A report that states no date, format or place gives no evidence on
# it, so when two clusters are compared these are averaged over the pairs that state them;
# people and words are averaged over all pairs (naming nobody in common is itself evidence).
STATED_ONLY = ("date", "format", "place")
_FIELD_OF = {
    "dates agree": "date",
    "dates days apart": "date",
    "dates weeks apart": "date",
    "dates months apart": "date",
    "same format": "format",
    "other format": "format",
    "same place": "place",
    "other place": "place",
    "shared words": "words",
}


@dataclass(frozen=True, slots=True)
class Reason:
    label: str
    weight: float
    field: str = "people"

    def shown(self) -> str:
        return f"{self.label} ({self.weight:+.2f})"


@dataclass(frozen=True, slots=True)
class Group:
    """Reports (by index) judged to tell one meeting, and the reasons of each of their pairs."""

    members: tuple[int, ...]
    links: tuple[Link, ...]


def group_reports(reports: Sequence[MeetingReport]) -> list[Group]:
    """The reports partitioned into meetings, each group in input order, groups by first member."""
    scores = {
        (i, j): _by_field(pair_reasons(reports[i], reports[j]))
        for i, j in itertools.combinations(range(len(reports)), 2)
    }
    clusters = _average_linkage(len(reports), scores)
    groups = []
    for members in sorted(clusters, key=min):
        ordered = tuple(sorted(members))
        links = tuple(link(reports[i], reports[j]) for i, j in itertools.combinations(ordered, 2))
        groups.append(Group(ordered, links))
    return groups


def link(first: MeetingReport, second: MeetingReport) -> Link:
    reasons = pair_reasons(first, second)
    return Link(
        sources=[first.name, second.name],
        score=round(sum(r.weight for r in reasons), 2),
        reasons=[r.shown() for r in reasons],
    )


Scores = dict[tuple[int, int], dict[str, float]]


def _by_field(reasons: list[Reason]) -> dict[str, float]:
    fields: dict[str, float] = {}
    for reason in reasons:
        fields[reason.field] = fields.get(reason.field, 0.0) + reason.weight
    return fields


def _average_linkage(count: int, scores: Scores) -> list[list[int]]:
    clusters = [[i] for i in range(count)]
    while len(clusters) > 1:
        best, pair = max(
            (_mean_score(clusters[a], clusters[b], scores), (a, b))
            for a, b in itertools.combinations(range(len(clusters)), 2)
        )
        if best < THRESHOLD:
            break
        a, b = pair
        clusters[a] = clusters[a] + clusters[b]
        del clusters[b]
    return clusters


def _mean_score(first: list[int], second: list[int], scores: Scores) -> float:
    """The mean over the pairs across two clusters of each field's score, summed; a date,
    format or place counts only over the pairs that both state it."""
    pairs = [scores[min(i, j), max(i, j)] for i in first for j in second]
    total = 0.0
    for field in {field for pair in pairs for field in pair}:
        values = [pair[field] for pair in pairs if field in pair]
        total += sum(values) / (len(values) if field in STATED_ONLY else len(pairs))
    return total


def pair_reasons(first: MeetingReport, second: MeetingReport) -> list[Reason]:
    """Every reason for and against two reports telling one meeting, with its weight."""
    return [
        *_people_reasons(first.summary, second.summary),
        *_date_reasons(first, second),
        *_format_reasons(first.summary, second.summary),
        *_place_reasons(first.summary, second.summary),
        *_word_reasons(first.summary, second.summary),
    ]


def _people_reasons(first: MeetingSummary, second: MeetingSummary) -> list[Reason]:
    """One reason per person both name (each person of `second` matched once)."""
    reasons: list[Reason] = []
    unmatched = people.persons(second.participants)
    shared = 0
    for person in people.persons(first.participants):
        other = people.find(person, unmatched)
        if other is None:
            continue
        unmatched.remove(other)
        reasons.append(_person_reason(person, other, first, second))
        shared += reasons[-1].label.startswith("shared attendee")
    if shared == 1 and _own_counterpart(first, second) and _own_counterpart(second, first):
        reasons.append(_reason("different counterparts", "different counterparts"))
    if not reasons and people.persons(first.participants) and unmatched:
        reasons.append(_reason("nobody in common", "nobody in common"))
    return reasons


def _person_reason(
    person: Participant, other: Participant, first: MeetingSummary, second: MeetingSummary
) -> Reason:
    took_part = [person.presence is Presence.ATTENDED, other.presence is Presence.ATTENDED]
    if all(took_part):
        return _reason("shared attendee", f"shared attendee: {person.name}")
    # Only a report that names who met (two people or more) says someone else did not.
    mentioning = second if took_part[0] else first
    if any(took_part) and len(people.attendees(mentioning.participants)) >= 2:
        return _reason("presence differs", f"took part by one, mentioned by other: {person.name}")
    return _reason("named by both", f"named by both: {person.name}")


def _own_counterpart(first: MeetingSummary, second: MeetingSummary) -> bool:
    """`first` has an attendee whom `second` never names."""
    return any(
        people.find(person, people.persons(second.participants)) is None
        for person in people.attendees(first.participants)
    )


@dataclass(frozen=True, slots=True)
class When:
    """The days a report's meeting can be on: the date it states, or a bound from publication."""

    start: dt.date
    end: dt.date
    shown: str


def when(report: MeetingReport) -> When | None:
    meeting = report.summary.meeting
    if meeting.date:
        start, _, end = meeting.date.partition("/")
        return When(dt.date.fromisoformat(start), dt.date.fromisoformat(end or start), meeting.date)
    if not report.published:
        return None
    published = dt.date.fromisoformat(report.published)
    if meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.PROPOSED):
        after = published + dt.timedelta(days=ANNOUNCED_WITHIN_DAYS)
        return When(published, after, f"after publication on {report.published}")
    before = published - dt.timedelta(days=REPORTED_WITHIN_DAYS)
    return When(before, published, f"before publication on {report.published}")


def _date_reasons(first: MeetingReport, second: MeetingReport) -> list[Reason]:
    a, b = when(first), when(second)
    if a is None or b is None:
        return []
    gap = max(0, (max(a.start, b.start) - min(a.end, b.end)).days)
    shown = f"{a.shown} / {b.shown}"
    if gap <= SAME_TRIP_DAYS:
        return [_reason("dates agree", f"dates agree: {shown}")]
    if gap <= FEW_DAYS:
        return [_reason("dates days apart", f"dates {gap} days apart: {shown}")]
    if gap <= FEW_WEEKS_DAYS:
        return [_reason("dates weeks apart", f"dates {gap} days apart: {shown}")]
    return [_reason("dates months apart", f"dates {gap} days apart: {shown}")]


def _format_reasons(first: MeetingSummary, second: MeetingSummary) -> list[Reason]:
    a, b = first.meeting.format, second.meeting.format
    if MeetingFormat.UNKNOWN in (a, b):
        return []
    if a is b:
        return [_reason("same format", f"same format: {a.value}")]
    remote = {a, b} == {MeetingFormat.PHONE, MeetingFormat.VIRTUAL}
    reason = _reason("other format", f"formats differ: {a.value} / {b.value}")
    return [Reason(reason.label, reason.weight / 2, "format")] if remote else [reason]


def _place_reasons(first: MeetingSummary, second: MeetingSummary) -> list[Reason]:
    a, b = first.meeting.location, second.meeting.location
    if not a or not b:
        return []
    x, y = normalize_name(a), normalize_name(b)
    if x and y and (x in y or y in x):
        return [_reason("same place", f"same place: {a}")]
    return [_reason("other place", f"places differ: {a} / {b}")]


def _word_reasons(first: MeetingSummary, second: MeetingSummary) -> list[Reason]:
    a, b = summary_words(first), summary_words(second)
    share = words.cosine(a, b)
    if share <= 0:
        return []
    top = sorted(a.keys() & b.keys(), key=lambda w: (-a[w], w))[:5]
    weight = WEIGHTS["shared words"] * share
    return [Reason(f"shared words {share:.2f}: {', '.join(top)}", round(weight, 2), "words")]


def summary_words(summary: MeetingSummary) -> dict[str, float]:
    """The words of a summary's title, items and evidence, weighted by rarity."""
    items = [summary.meeting, *summary.agenda_topics, *summary.frictions, *summary.outcomes]
    texts = [summary.meeting.title]
    texts += [f"{t.label} {t.description}" for t in summary.agenda_topics]
    texts += [f.issue for f in summary.frictions]
    texts += [o.description for o in summary.outcomes]
    texts += [e.quote for item in items for e in item.evidence]
    # People are weighed once, as people: their names are not shared words too.
    names = words.bag(form for person in summary.participants for form in people.forms(person))
    return {word: weight for word, weight in words.bag(texts).items() if word not in names}


def _reason(kind: str, label: str) -> Reason:
    return Reason(label, WEIGHTS[kind], _FIELD_OF.get(kind, "people"))


def describe(
    group: Group, meeting: ReconciledMeetingFields, participants: Sequence[MergedParticipant]
) -> Grouping:
    """Why a group formed: the people two or more of its reports say took part, the dates and
    places they state, and every pair's reasons."""
    shared = [
        p.name for p in participants if p.presence is Presence.ATTENDED and len(p.attended_in) >= 2
    ]
    dates = list(dict.fromkeys(a.value for a in meeting.accounts.get("date", []) if a.value))
    places = list(dict.fromkeys(a.value for a in meeting.accounts.get("location", []) if a.value))
    parts = [f"{len(group.members)} reports"]
    parts += [f"took part by two or more: {', '.join(shared)}"] if shared else []
    parts += [f"dates: {', '.join(dates)}"] if dates else []
    parts += [f"places: {', '.join(places)}"] if places else []
    mean = sum(link.score for link in group.links) / len(group.links)
    parts.append(f"mean pair score {mean:.2f} (threshold {THRESHOLD})")
    return Grouping(
        why="; ".join(parts),
        shared_attendees=shared,
        dates=dates,
        places=places,
        links=list(group.links),
    )
