"""Views of a MeetingSummary: JSON (the contract), one JSON line, and Markdown for people."""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarizer.models import Evidence, Friction, Grounded, MatchKind, MeetingSummary, Presence


def to_json(summary: MeetingSummary) -> str:
    return summary.model_dump_json(indent=2) + "\n"


def to_json_line(summary: MeetingSummary) -> str:
    return summary.model_dump_json() + "\n"


class _Notes:
    """Each quoted sentence once, as a numbered footnote that every item citing it points to;
    character offsets stay in the JSON, where programs read them."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[int | None, int | None, str], int] = {}
        self._quotes: list[Evidence] = []

    def refs(self, item: Grounded) -> str:
        return "".join(f"[^{self._number(evidence)}]" for evidence in item.evidence)

    def _number(self, evidence: Evidence) -> int:
        key = (evidence.start, evidence.end, evidence.quote)
        if key not in self._numbers:
            self._quotes.append(evidence)
            self._numbers[key] = len(self._quotes)
        return self._numbers[key]

    def lines(self) -> list[str]:
        if not self._quotes:
            return []
        notes = [f"[^{n}]: {_quote(e)}" for n, e in enumerate(self._quotes, start=1)]
        return ["## Sources", "", *notes, ""]


def to_markdown(summary: MeetingSummary) -> str:
    meeting = summary.meeting
    notes = _Notes()
    lines = [f"# {_inline(meeting.title)}", ""]
    facts = [
        ("Status", meeting.status.value),
        ("Format", meeting.format.value.replace("_", " ")),
        ("Date", _date(meeting.date, meeting.date_text)),
        ("Location", meeting.location or "not stated"),
        ("Host", meeting.host_side or "not stated"),
    ]
    lines += [f"- **{label}:** {_inline(value)}" for label, value in facts]
    lines += [f"- **Evidence:** {notes.refs(meeting) or 'none'}{_flag(meeting)}"]
    lines += ["", _inline(summary.summary), ""]
    lines += _participants(summary, notes)
    lines += _section(
        "Agenda topics",
        ((f"**{_inline(t.label)}**: {_inline(t.description)}", t) for t in summary.agenda_topics),
        notes,
    )
    lines += _section("Points of friction", ((_friction(f), f) for f in summary.frictions), notes)
    lines += _section(
        "Outcomes",
        (
            (f"*{o.kind.value.replace('_', ' ')}*: {_inline(o.description)}", o)
            for o in summary.outcomes
        ),
        notes,
    )
    lines += notes.lines()
    lines += _provenance(summary)
    return "\n".join(lines).rstrip() + "\n"


def _participants(summary: MeetingSummary, notes: _Notes) -> list[str]:
    lines: list[str] = []
    for presence, heading in (
        (Presence.ATTENDED, "Participants"),
        (Presence.MENTIONED, "Mentioned"),
    ):
        people = [p for p in summary.participants if p.presence is presence]
        entries = []
        for person in people:
            details = ", ".join(
                _inline(value) for value in (person.role, person.organization) if value
            )
            side = f" [{_inline(person.side)}]" if person.side else ""
            head = f"**{_inline(person.name)}**" + (f" ({details})" if details else "") + side
            entries.append((head, person))
        lines += _section(heading, entries, notes)
    return lines


def _friction(friction: Friction) -> str:
    parties = ", ".join(_inline(party) for party in friction.parties)
    kind = f"{friction.kind.value}; {parties}" if parties else friction.kind.value
    text = f"**{_inline(friction.issue)}** ({kind})"
    positions = "; ".join(f"{_inline(p.party)}: {_inline(p.position)}" for p in friction.positions)
    return f"{text}. {positions}" if positions else text


def _section(heading: str, entries: Iterable[tuple[str, Grounded]], notes: _Notes) -> list[str]:
    entries = list(entries)
    if not entries:
        return []
    lines = [f"## {heading}", ""]
    lines += [f"- {text} {notes.refs(item)}".rstrip() + _flag(item) for text, item in entries]
    lines.append("")
    return lines


def _flag(item: Grounded) -> str:
    return "" if item.grounded else " **(not grounded)**"


def _quote(evidence: Evidence) -> str:
    missing = " (not found in the source)" if evidence.match is MatchKind.NONE else ""
    return f"\u201c{_inline(evidence.quote)}\u201d{missing}{_said_by(evidence)}"


def _said_by(evidence: Evidence) -> str:
    """' (Lynne Neagle, 1:02:03)' for a quote from a transcript's turn."""
    parts = [_inline(evidence.speaker)] if evidence.speaker else []
    if evidence.seconds is not None:
        parts.append(clock(evidence.seconds))
    return f" ({', '.join(parts)})" if parts else ""


def clock(seconds: float) -> str:
    """'4:05', '1:02:03': a time into a recording."""
    minutes, second = divmod(int(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02}:{second:02}" if hours else f"{minute}:{second:02}"


def _provenance(summary: MeetingSummary) -> list[str]:
    p = summary.provenance
    grounded, total = summary.grounded_items()
    lines = [
        "---",
        f"Source: {_code(p.source)} (sha256 {p.sha256[:12]}). Engine: {_inline(p.engine)}, "
        f"model {_inline(p.model)}, prompt {_inline(p.prompt_version)}. "
        f"{grounded}/{total} items grounded; {p.attempts} model "
        f"call(s), {p.usage.total_tokens} tokens, {p.wall_seconds:.1f} s.",
    ]
    lines += [f"\n> Warning: {_inline(warning)}" for warning in p.warnings]
    return lines


def _date(iso: str | None, text: str | None) -> str:
    if iso and text:
        return f"{iso} ({text})"
    return iso or (f"{text} (no exact date)" if text else "not stated")


def _code(text: str) -> str:
    """A code span that no backtick in `text` can close early (fenced with a longer run)."""
    flat = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{padding}{flat}{padding}{fence}"


def _inline(text: str) -> str:
    """One line, with the characters that would start Markdown structure made literal."""
    flat = " ".join(text.split())
    for char in ("\\", "*", "_", "`", "[", "]", "<", ">", "#"):
        flat = flat.replace(char, "\\" + char)
    return flat
