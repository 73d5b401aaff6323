"""One person across reports, by the scorer's own name rule (summarizer/names.py): 'Yellen' in
one report and 'Janet Yellen' in another are one person, 'Wang Yi' and 'Wang Wenbin' are two."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.models import Participant, Presence
from summarizer.names import normalize_name, same_person


def forms(person: Participant) -> tuple[str, ...]:
    return (person.name, *person.aliases)


def is_same(first: Participant, second: Participant) -> bool:
    """The names match, or the name of one matches an alias of the other."""
    return any(same_person(a, b) for a in forms(first) for b in forms(second))


# A participant whose name holds one of these words is an institution the parser took for a
# person ("Political Bureau"): it neither links two reports nor tells them apart.
INSTITUTION_WORDS = frozenset(
    {"bureau", "committee", "ministry", "office", "council", "department", "government",
     "agency", "press", "board", "commission", "source"}
)  # fmt: skip


def is_person(participant: Participant) -> bool:
    return not INSTITUTION_WORDS & set(normalize_name(participant.name).split())


def persons(people: Sequence[Participant]) -> list[Participant]:
    return [person for person in people if is_person(person)]


def attendees(people: Sequence[Participant]) -> list[Participant]:
    """The people (not institutions) said to take part."""
    return [p for p in persons(people) if p.presence is Presence.ATTENDED]


def find(person: Participant, people: Sequence[Participant]) -> Participant | None:
    return next((other for other in people if is_same(person, other)), None)
