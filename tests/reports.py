"""Hand-made reports of meetings for reconciler tests: a text, and a summary of it whose every
item rests on the first sentence of the text that holds the item's words, at its offsets."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    MatchKind,
    Meeting,
    MeetingSummary,
    Participant,
    Position,
    Provenance,
    Usage,
)
from summarizer.names import surname
from summarizer.reconcile import MeetingReport

_SENTENCE = re.compile(r"[^.]+\.")

# Records of invented meetings, as `summarize` reads them: two reports of one meeting (a
# ministry readout and a wire story) and a report of another meeting of one of its people.
READOUT = {
    "id": "readout",
    "publisher": "Valdorian Foreign Ministry",
    "published": "2024-05-14",
    "text": (
        "Foreign Minister Anna Berg met Karskian Foreign Minister Tomas Reyes in Karsk City on "
        "14 May 2024.\n\nThe ministers discussed fisheries and the grain corridor. Berg raised "
        "concern over the border fence. The talks were candid and constructive."
    ),
}
WIRE = {
    "id": "wire",
    "publisher": "Karsk Press Agency",
    "published": "2024-05-15",
    "text": (
        "Valdorian Foreign Minister Anna Berg held talks with Karskian Foreign Minister Tomas "
        "Reyes in Karsk City on Tuesday.\n\nThe two ministers covered fisheries and energy "
        "prices. Reyes warned Valdoria over the border fence. Both sides called the talks "
        "fruitful."
    ),
}
OTHER = {
    "id": "other",
    "publisher": "Valdorian Foreign Ministry",
    "published": "2024-03-02",
    "text": (
        "Foreign Minister Anna Berg spoke by phone with Premier Ivo Lind of Ostmark on 1 March "
        "2024.\n\nThey discussed rail links and a new trade office."
    ),
}


def sentence(text: str, words: str) -> Evidence:
    """The first sentence of `text` that holds `words` (case-insensitive), as evidence."""
    for match in _SENTENCE.finditer(text):
        if words.lower() in match.group().lower():
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            quote = text[start : match.end()]
            return Evidence(
                quote=quote, start=start, end=match.end(), match=MatchKind.EXACT, score=100
            )
    raise AssertionError(f"no sentence holds {words!r}")


def _person(text: str, name: str, presence: str) -> Participant:
    return Participant(
        name=name,
        aliases=[],
        role=None,
        organization=None,
        side=None,
        presence=presence,  # type: ignore[arg-type]
        evidence=[sentence(text, surname(name))],
        grounded=True,
    )


def told(
    name: str,
    text: str,
    *,
    attended: Sequence[str] = (),
    mentioned: Sequence[str] = (),
    topics: Sequence[str] = (),
    frictions: Sequence[str] = (),
    title: str = "Meeting",
    status: str = "held",
    format: str = "in_person",
    date: str | None = None,
    date_text: str | None = None,
    location: str | None = None,
    published: str | None = None,
) -> MeetingReport:
    """A report named `name`: its meeting rests on the text's first sentence."""
    first = sentence(text, text.split()[0])
    summary = MeetingSummary(
        meeting=Meeting(
            title=title,
            status=status,  # type: ignore[arg-type]
            format=format,  # type: ignore[arg-type]
            date_text=date_text,
            date=date,
            location=location,
            host_side=None,
            evidence=[first],
            grounded=True,
        ),
        summary="s",
        participants=[_person(text, n, "attended") for n in attended]
        + [_person(text, n, "mentioned") for n in mentioned],
        agenda_topics=[
            AgendaTopic(label=t, description="-", evidence=[sentence(text, t)], grounded=True)
            for t in topics
        ],
        frictions=[
            Friction(
                issue=issue,
                parties=[],
                positions=[Position(party="A", position=issue)],
                kind="other",  # type: ignore[arg-type]
                evidence=[sentence(text, issue)],
                grounded=True,
            )
            for issue in frictions
        ],
        outcomes=[],
        provenance=Provenance(
            source=f"{name}.txt",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            engine="test",
            model="test",
            endpoint_kind=None,
            prompt_version="t",
            summarizer_version="0",
            attempts=0,
            reasks=0,
            usage=Usage(),
            wall_seconds=0,
            ungrounded_items=0,
        ),
    )
    return MeetingReport(
        name=name, summary=summary, text=text, source=f"{name}.txt", published=published
    )
