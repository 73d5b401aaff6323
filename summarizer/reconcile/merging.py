"""Items told by several reports become one item that lists every source and keeps each source's
quotes: people by name, topics, frictions and outcomes by the judge (shared words, by default).

Items are merged only across reports, never two of one report with each other unless a third
links them; each merged item keeps the order in which the reports first told it, the items told
by most sources first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from summarizer.models import AgendaTopic, Friction, Grounded, Outcome, Participant, Presence
from summarizer.names import normalize_name
from summarizer.reconcile import people
from summarizer.reconcile.judge import ItemKind, ItemText, Judge
from summarizer.reconcile.models import (
    MergedFriction,
    MergedOutcome,
    MergedParticipant,
    MergedTopic,
    Quoted,
    SourcedPosition,
)
from summarizer.reconcile.silence import told_elsewhere
from summarizer.reconcile.sources import MeetingReport

ItemT = TypeVar("ItemT", bound=Grounded)


@dataclass(frozen=True, slots=True)
class Told(Generic[ItemT]):
    """One report's item, with the quotes of it that are exact spans of that report."""

    report: MeetingReport
    item: ItemT
    quotes: list[Quoted]


def _gather(
    reports: Sequence[MeetingReport], take: Callable[[MeetingReport], Sequence[ItemT]]
) -> list[Told[ItemT]]:
    return [
        Told(report, item, report.quoted(item.evidence))
        for report in reports
        for item in take(report)
    ]


def _clusters(
    told: Sequence[Told[ItemT]], same: Callable[[Told[ItemT], Told[ItemT]], bool]
) -> list[list[Told[ItemT]]]:
    """Union-find over items of different reports; clusters in order of first appearance."""
    parent = list(range(len(told)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, first in enumerate(told):
        for j in range(i + 1, len(told)):
            if (
                told[j].report.name != first.report.name
                and root(i) != root(j)
                and same(first, told[j])
            ):
                parent[root(j)] = root(i)
    groups: dict[int, list[Told[ItemT]]] = {}
    for i, item in enumerate(told):
        groups.setdefault(root(i), []).append(item)
    clusters = list(groups.values())
    return sorted(clusters, key=lambda c: -len(_sources(c)))


def _sources(cluster: Sequence[Told[ItemT]]) -> list[str]:
    return list(dict.fromkeys(t.report.name for t in cluster))


def _evidence(cluster: Sequence[Told[ItemT]]) -> list[Quoted]:
    seen: dict[tuple[str, int, int], Quoted] = {}
    for told in cluster:
        for quote in told.quotes:
            seen.setdefault((quote.source, quote.start, quote.end), quote)
    return list(seen.values())


def merge_participants(reports: Sequence[MeetingReport]) -> list[MergedParticipant]:
    """People by name, each judged to have taken part or not by the reports that know who met
    (that name two people or more as taking part): see `_took_part`."""
    told = _gather(reports, lambda r: r.summary.participants)
    clusters = _clusters(told, lambda a, b: people.is_same(a.item, b.item))
    knowing = [r.name for r in reports if len(people.attendees(r.summary.participants)) >= 2]
    merged = [
        _participant(cluster, knowing) for cluster in clusters if people.is_person(cluster[0].item)
    ]
    return sorted(merged, key=lambda p: (p.presence is not Presence.ATTENDED, -len(p.sources)))


# A report that knows who met but does not name someone weighs half as much against them as
# one that names them only as mentioned: wire stories often name only the principals.
UNNAMED_WEIGHT = 0.5


def _took_part(says: Sequence[str], names: Sequence[str], knowing: Sequence[str]) -> bool:
    """More reports say the person took part than, among those that know who met, say
    otherwise (naming them only as mentioned: 1; not naming them: `UNNAMED_WEIGHT`)."""
    mentioned = sum(s in names and s not in says for s in knowing)
    unnamed = sum(s not in names for s in knowing)
    return len(says) > mentioned + UNNAMED_WEIGHT * unnamed


def _participant(cluster: Sequence[Told[Participant]], knowing: Sequence[str]) -> MergedParticipant:
    name = _usual_name(cluster)
    forms = dict.fromkeys(form for t in cluster for form in people.forms(t.item))
    says = list(
        dict.fromkeys(t.report.name for t in cluster if t.item.presence is Presence.ATTENDED)
    )
    names = _sources(cluster)
    took_part = _took_part(says, names, knowing)
    # A report that does not know who met is read in the light of the others: the people it
    # names whom they judge to have taken part, it tells as taking part.
    attended_in = [n for n in names if n in says or (took_part and n not in knowing)]
    return MergedParticipant(
        name=name,
        aliases=[form for form in forms if form != name],
        side=next((t.item.side for t in cluster if t.item.side), None),
        presence=Presence.ATTENDED if took_part else Presence.MENTIONED,
        attended_in=attended_in,
        sources=names,
        evidence=_evidence(cluster),
    )


def _usual_name(cluster: Sequence[Told[Participant]]) -> str:
    """The name the reports that say the person took part use most (all reports, if none
    does); of equals, the fullest, then the first."""
    taking_part = [t for t in cluster if t.item.presence is Presence.ATTENDED] or list(cluster)
    names = [t.item.name for t in taking_part]
    counts = Counter(normalize_name(n) for n in names)
    return max(names, key=lambda n: (counts[normalize_name(n)], len(n.split()), -names.index(n)))


def _text(kind: ItemKind, told: Told[ItemT]) -> ItemText:
    item = told.item
    if isinstance(item, AgendaTopic):
        text = item.label
    elif isinstance(item, Friction):
        text = item.issue
    else:
        text = item.description if isinstance(item, Outcome) else ""
    return ItemText(kind, told.report.name, text, tuple(q.quote for q in told.quotes))


def _same_by(kind: ItemKind, judge: Judge) -> Callable[[Told[ItemT], Told[ItemT]], bool]:
    return lambda a, b: judge.same_item(_text(kind, a), _text(kind, b))


def merge_topics(reports: Sequence[MeetingReport], judge: Judge) -> list[MergedTopic]:
    """Topics across reports, each with the reports whose summary or text tells it."""
    told = _gather(reports, lambda r: r.summary.agenda_topics)
    merged = []
    for cluster in _clusters(told, _same_by("topic", judge)):
        label = _shortest([t.item.label for t in cluster])
        elsewhere = told_elsewhere(label, _sources(cluster), reports)
        merged.append(
            MergedTopic(
                label=label,
                labels=list(dict.fromkeys(t.item.label for t in cluster)),
                sources=_in_order(reports, [*_sources(cluster), *(q.source for q in elsewhere)]),
                evidence=[*_evidence(cluster), *elsewhere],
            )
        )
    return merged


def _in_order(reports: Sequence[MeetingReport], names: Sequence[str]) -> list[str]:
    return [r.name for r in reports if r.name in names]


def merge_frictions(reports: Sequence[MeetingReport], judge: Judge) -> list[MergedFriction]:
    """Frictions across reports, each with the reports whose summary or text tells it."""
    told = _gather(reports, lambda r: r.summary.frictions)
    merged = []
    for cluster in _clusters(told, _same_by("friction", judge)):
        issue = _shortest([t.item.issue for t in cluster])
        elsewhere = told_elsewhere(issue, _sources(cluster), reports)
        merged.append(
            MergedFriction(
                issue=issue,
                issues=list(dict.fromkeys(t.item.issue for t in cluster)),
                parties=list(dict.fromkeys(p for t in cluster for p in t.item.parties)),
                kinds=list(dict.fromkeys(t.item.kind for t in cluster)),
                sources=_in_order(reports, [*_sources(cluster), *(q.source for q in elsewhere)]),
                positions=[
                    SourcedPosition(source=t.report.name, party=p.party, position=p.position)
                    for t in cluster
                    for p in t.item.positions
                ],
                evidence=[*_evidence(cluster), *elsewhere],
            )
        )
    return merged


def merge_outcomes(reports: Sequence[MeetingReport], judge: Judge) -> list[MergedOutcome]:
    told = _gather(reports, lambda r: r.summary.outcomes)
    return [
        MergedOutcome(
            kind=Counter(t.item.kind for t in cluster).most_common(1)[0][0],
            description=_shortest([t.item.description for t in cluster]),
            sources=_sources(cluster),
            evidence=_evidence(cluster),
        )
        for cluster in _clusters(told, _same_by("outcome", judge))
    ]


def _shortest(texts: Sequence[str]) -> str:
    """The plainest wording: the shortest, the first of equals."""
    return min(texts, key=len)
