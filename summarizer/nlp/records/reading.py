"""How a meeting's own record is read: its speeches, who was there, the parts of its agenda, who
challenged whom, what was settled, a title and a short summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.names import normalize_name
from summarizer.nlp.dates import iso_day, month_and_day
from summarizer.nlp.records.challenges import Challenge, challenges
from summarizer.nlp.records.outcomes import Settled, settled
from summarizer.nlp.records.roster import Member, members
from summarizer.nlp.records.segments import Segment, segments
from summarizer.nlp.records.speeches import Speech, speeches
from summarizer.nlp.records.title import title
from summarizer.readers.structure import Layout

_VIRTUAL = re.compile(
    r"\b(video[- ]?conferenc\w*|virtual(?:ly)? meeting|virtual(?:ly)?|zoom|microsoft teams|"
    r"remotely|online meeting|webinar|joining (?:us )?(?:via|by) video)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\b(conference call|teleconference|telephone conference|on the phone)\b", re.I)
_OPENING = 8


@dataclass(frozen=True, slots=True)
class RecordReading:
    speeches: list[Speech]
    members: list[Member]
    host: Member | None
    title: str
    format: str
    date_text: str | None
    date: str | None
    segments: list[Segment]
    challenges: list[Challenge]
    settled: list[Settled]
    summary: str
    sides: dict[str, str]  # speaker's name -> their side of the table, where one shows


def read_record(text: str, layout: Layout, published: str | None) -> RecordReading:
    """Read a transcript's turns (a minutes' lists come in through `members`)."""
    said = speeches(text, layout.turns)
    people = members(said)
    host = _host(people, said)
    names = {
        word
        for m in people
        for form in (m.name, *m.aliases)
        for word in normalize_name(form).split()
    }
    parts = segments(said, host.speaker.key if host and host.speaker else None, names)
    opening = " ".join(speech.text for speech in said[:_OPENING])
    date_text, date = _date(opening, published)
    sides = _sides(people, host)
    found = challenges(said, people, parts, sides)
    heading = title(said, names)
    return RecordReading(
        speeches=said,
        members=people,
        host=host,
        title=heading,
        format=_format(opening),
        date_text=date_text,
        date=date,
        segments=parts,
        challenges=found,
        settled=settled(said),
        summary=_summary(heading, people, parts),
        sides=sides,
    )


def _host(people: list[Member], said: list[Speech]) -> Member | None:
    """Who runs the meeting: the speaker labelled chair, else the first speaker where they speak
    often (a project manager, a professor)."""
    speakers = [m for m in people if m.speeches]
    for member in speakers:
        labels = " ".join(s.speaker.label for s in member.speeches if s.speaker).lower()
        if "chair" in labels or (member.role and "chair" in member.role.lower()):
            return member
    if not speakers or not said:
        return None
    first = speakers[0]
    return first if len(first.speeches) >= 0.15 * len(said) else None


def _sides(people: list[Member], host: Member | None) -> dict[str, str]:
    """Which side of the table each speaker sits: a party where labels give one (Hansard), else
    witness for those the chair welcomed and committee for the others, where a member the chair
    calls to ask ('questions from Siân', 'a supplementary from Huw') is committee even when
    welcomed (a substitute, someone joining by video); none in a team meeting where nobody was
    welcomed."""
    speakers = [m for m in people if m.attended]
    if any(m.side for m in speakers):
        return {m.name: m.side or "government" for m in speakers}
    if not any(m.welcomed for m in speakers):
        return {}
    askers = _called_to_ask(speakers, host)
    sides = {m.name: "witness" if m.welcomed and m not in askers else "committee" for m in speakers}
    return sides if len(set(sides.values())) > 1 else {}  # one side is no table


# 'questions from Siân Gwenllian', 'a supplementary from Huw': the name right after 'from'.
_CALLED = re.compile(
    r"\b(?:questions?|supplementar(?:y|ies))\b[^.?!]*?\bfrom\s+"
    r"((?:[A-Z\u00c0-\u00de][\w'\u2019\u00c0-\u024f-]*[ \t]*){1,3})"
)


def _called_to_ask(speakers: list[Member], host: Member | None) -> list[Member]:
    """The people the chair gives the floor to ask: named after 'questions ... from'."""
    if host is None:
        return []
    called: list[Member] = []
    for speech in host.speeches:
        for sentence in speech.doc.sents:
            match = _CALLED.search(sentence.text)
            if match is None:
                continue
            named = normalize_name(match.group(1))
            for member in speakers:
                forms = [member.name, *member.aliases]
                if member not in called and any(
                    normalize_name(form) and normalize_name(form).split()[0] in named.split()
                    for form in forms
                ):
                    called.append(member)
    return called


def _format(opening: str) -> str:
    if _VIRTUAL.search(opening):
        return "virtual"
    if _PHONE.search(opening):
        return "phone"
    return "in_person"


def _date(opening: str, published: str | None) -> tuple[str | None, str | None]:
    """A date the opening writes, as ISO where it or the publication date gives the year."""
    written = month_and_day(opening)
    if written is None:
        return None, None
    phrase, month, first, _last, year = written
    if year is None and published:
        year = published[:4]
    if year is None or not year.isdigit():
        return phrase, None
    return phrase, iso_day(int(year), month, int(first))


def _summary(heading: str, people: list[Member], parts: list[Segment]) -> str:
    attending = [m.name for m in people if m.attended]
    names = ", ".join(attending[:6]) + (
        f" and {len(attending) - 6} others" if len(attending) > 6 else ""
    )
    topics = "; ".join(part.label for part in parts[:5])
    text = f"{heading}. Speakers: {names}." + (f" Topics: {topics}." if topics else "")
    return text if len(text) <= 900 else text[:899].rsplit(" ", 1)[0] + "\u2026"
