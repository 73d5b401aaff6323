"""Where the reports of one meeting differ, each difference with every side's own words.

- `contradiction`: two reports give values of a meeting field (date, place, format, status)
  that the judge calls contradictory, or one says a person took part whom another, naming
  who took part, only mentions;
- `emphasis`: one friction told by several reports (the same issue in each one's words), and
  the meeting characterised with different words ("candid, substantive and fruitful" against
  "constructive");
- `only_in_some`: a friction, outcome or topic that only some reports tell; the others are
  listed as silent.
Every account is a span of its own report, found by offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from summarizer.reconcile.judge import FieldName, Judge
from summarizer.reconcile.meeting import account
from summarizer.reconcile.models import (
    Difference,
    DifferenceAccount,
    DifferenceKind,
    MergedFriction,
    MergedOutcome,
    MergedParticipant,
    MergedTopic,
    Quoted,
)
from summarizer.reconcile.people import attendees
from summarizer.reconcile.sources import MeetingReport

CONTESTED_FIELDS: tuple[FieldName, ...] = ("date", "location", "format", "status")
_FIELD_WORDS = {"date": "date", "location": "place", "format": "format", "status": "status"}

# Words with which a report characterises talks; two reports using different ones pull the
# same meeting different ways.
TONE_WORDS = frozenset(
    {
        "candid", "constructive", "fruitful", "substantive", "positive", "productive", "frank",
        "in-depth", "cordial", "friendly", "pragmatic", "useful", "warm", "tense", "difficult",
        "heated", "honest",  "friend",
    }
)  # fmt: skip
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[\w-]+")


def find_differences(
    reports: Sequence[MeetingReport],
    judge: Judge,
    *,
    participants: Sequence[MergedParticipant],
    topics: Sequence[MergedTopic],
    frictions: Sequence[MergedFriction],
    outcomes: Sequence[MergedOutcome],
) -> list[Difference]:
    names = [r.name for r in reports]
    return [
        *_field_contradictions(reports, judge),
        *_attendance(reports, participants),
        *_friction_emphasis(frictions, names),
        *_tone(reports),
        *_only_in_some("friction", ((f.issue, f.sources, f.evidence) for f in frictions), names),
        *_only_in_some(
            "outcome", ((o.description, o.sources, o.evidence) for o in outcomes), names
        ),
        *_only_in_some("topic", ((t.label, t.sources, t.evidence) for t in topics), names),
    ]


def _field_contradictions(reports: Sequence[MeetingReport], judge: Judge) -> Iterator[Difference]:
    for field in CONTESTED_FIELDS:
        accounts = [a for r in reports if (a := account(r, field)) is not None]
        values = [a.value or "" for a in accounts]
        if not any(
            judge.contradicts(field, values[i], values[j])
            for i in range(len(values))
            for j in range(i + 1, len(values))
        ):
            continue
        yield Difference(
            about=f"the meeting's {_FIELD_WORDS[field]}",
            kind=DifferenceKind.CONTRADICTION,
            accounts=[_says(a, a.value or "") for a in accounts],
            silent=_silent(reports, {a.source for a in accounts}),
        )


def _attendance(
    reports: Sequence[MeetingReport], participants: Sequence[MergedParticipant]
) -> Iterator[Difference]:
    """A person one report says took part, whom another that names who met (two people or
    more) only mentions."""
    knows_who_met = {r.name for r in reports if len(attendees(r.summary.participants)) >= 2}
    for person in participants:
        mentioned_by = [
            s for s in person.sources if s not in person.attended_in and s in knows_who_met
        ]
        if not person.attended_in or not mentioned_by:
            continue
        accounts = [
            _says(quote, "took part" if quote.source in person.attended_in else "only mentioned")
            for quote in _first_per_source(person.evidence)
        ]
        yield Difference(
            about=f"whether {person.name} took part",
            kind=DifferenceKind.CONTRADICTION,
            accounts=accounts,
            silent=_silent(reports, set(person.sources)),
        )


def _friction_emphasis(
    frictions: Sequence[MergedFriction], names: Sequence[str]
) -> Iterator[Difference]:
    for friction in frictions:
        if len(friction.sources) < 2:
            continue
        own = {
            source: " / ".join([p.position for p in friction.positions if p.source == source])
            for source in friction.sources
        }
        accounts = [
            _says(quote, own[quote.source] or friction.issue)
            for quote in _first_per_source(friction.evidence)
        ]
        if len({a.quote for a in accounts}) < 2:
            continue
        yield Difference(
            about=f"{friction.issue}: told in each source's words",
            kind=DifferenceKind.EMPHASIS,
            accounts=accounts,
            silent=[n for n in names if n not in friction.sources],
        )


def _tone(reports: Sequence[MeetingReport]) -> Iterator[Difference]:
    """The words each report characterises the talks with, where two reports differ."""
    found = [(r, tone) for r in reports if (tone := _tone_sentence(r)) is not None]
    if len(found) < 2 or len({words for _, (_, words) in found}) < 2:
        return
    yield Difference(
        about="how the talks are characterised",
        kind=DifferenceKind.EMPHASIS,
        accounts=[_says(quote, ", ".join(sorted(tone))) for _, (quote, tone) in found],
        silent=_silent(reports, {r.name for r, _ in found}),
    )


def _tone_sentence(report: MeetingReport) -> tuple[Quoted, frozenset[str]] | None:
    for match in _SENTENCE.finditer(report.text):
        tone = frozenset(w.lower() for w in _WORD.findall(match.group())) & TONE_WORDS
        if tone:
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            return report.span(start, match.end()), tone
    return None


def _only_in_some(
    kind: str,
    items: Iterator[tuple[str, list[str], list[Quoted]]],
    names: Sequence[str],
) -> Iterator[Difference]:
    for label, sources, evidence in items:
        if len(sources) >= len(names) or not evidence:
            continue
        yield Difference(
            about=f"{kind}: {label}",
            kind=DifferenceKind.ONLY_IN_SOME,
            accounts=[_says(quote, label) for quote in _first_per_source(evidence)],
            silent=[n for n in names if n not in sources],
        )


def _first_per_source(evidence: Sequence[Quoted]) -> list[Quoted]:
    first: dict[str, Quoted] = {}
    for quote in evidence:
        first.setdefault(quote.source, quote)
    return list(first.values())


def _says(quote: Quoted, says: str) -> DifferenceAccount:
    return DifferenceAccount(
        source=quote.source, quote=quote.quote, start=quote.start, end=quote.end, says=says
    )


def _silent(reports: Sequence[MeetingReport], speaking: set[str]) -> list[str]:
    return [r.name for r in reports if r.name not in speaking]
