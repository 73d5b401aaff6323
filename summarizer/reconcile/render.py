"""Views of a reconciled meeting: JSON (the contract) and Markdown for people.

The Markdown leads with the differences, each source's words under it, then what the sources
agree on with who tells each item; sources are named in code spans as the summaries' files are.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.models import Presence
from summarizer.reconcile.models import (
    Difference,
    DifferenceKind,
    MergedParticipant,
    Quoted,
    ReconciledMeeting,
)
from summarizer.render import _code, _inline

_FIELDS = (("status", "Status"), ("format", "Format"), ("date", "Date"), ("location", "Place"))


def meeting_json(meeting: ReconciledMeeting) -> str:
    return meeting.model_dump_json(indent=2) + "\n"


def meeting_markdown(meeting: ReconciledMeeting) -> str:
    m = meeting.meeting
    lines = [f"# {_inline(m.title)}", "", f"Told by {len(meeting.sources)} sources:", ""]
    lines += [f"- {_source_line(s.name, s.publisher, s.published)}" for s in meeting.sources]
    lines += ["", f"Grouped because: {_inline(meeting.grouping.why)}", ""]
    for field, label in _FIELDS:
        value = getattr(m, field)
        shown = str(getattr(value, "value", value) or "not stated").replace("_", " ")
        lines.append(f"- **{label}:** {_inline(shown)}")
    lines += ["", *_differences(meeting.differences)]
    lines += _participants(meeting.participants)
    lines += _items("Agenda topics", [(t.label, t.sources) for t in meeting.agenda_topics])
    lines += _items("Points of friction", [(f.issue, f.sources) for f in meeting.frictions])
    lines += _items("Outcomes", [(o.description, o.sources) for o in meeting.outcomes])
    return "\n".join(lines).rstrip() + "\n"


def _source_line(name: str, publisher: str | None, published: str | None) -> str:
    details = ", ".join(_inline(x) for x in (publisher, published) if x)
    return f"{_code(name)}" + (f" ({details})" if details else "")


def _differences(differences: Sequence[Difference]) -> list[str]:
    """Contradictions and emphasis each under its own heading with every side's words; what
    only some sources tell, one line each (there are many, and each has one side)."""
    if not differences:
        return ["## Differences", "", "The sources agree on everything they share.", ""]
    lines = ["## Differences", ""]
    sided = [d for d in differences if d.kind is not DifferenceKind.ONLY_IN_SOME]
    for difference in sided:
        kind = difference.kind.value.replace("_", " ")
        lines += [f"### {_inline(difference.about)} ({kind})", ""]
        for account in difference.accounts:
            lines.append(f"- {_code(account.source)}: {_inline(account.says)}. {_quote(account)}")
        if difference.silent:
            lines.append(f"- silent: {', '.join(_code(s) for s in difference.silent)}")
        lines.append("")
    some = [d for d in differences if d.kind is DifferenceKind.ONLY_IN_SOME]
    if some:
        lines += ["### Told by only some sources", ""]
        lines += [_one_sided(d) for d in some]
        lines.append("")
    return lines


def _one_sided(difference: Difference) -> str:
    told = "; ".join(f"{_code(a.source)} {_quote(a)}" for a in difference.accounts)
    silent = ", ".join(_code(s) for s in difference.silent)
    return f"- {_inline(difference.about)}: {told}; silent: {silent}"


def _participants(participants: Sequence[MergedParticipant]) -> list[str]:
    taking_part = [p for p in participants if p.presence is Presence.ATTENDED]
    if not taking_part:
        return []
    lines = ["## Who took part", ""]
    for person in taking_part:
        side = f" [{_inline(person.side)}]" if person.side else ""
        said = ", ".join(_code(s) for s in person.attended_in)
        lines.append(f"- **{_inline(person.name)}**{side}: {said}")
    return [*lines, ""]


def _items(heading: str, items: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    if not items:
        return []
    lines = [f"## {heading}", ""]
    lines += [
        f"- {_inline(text)}: {', '.join(_code(s) for s in sources)}" for text, sources in items
    ]
    return [*lines, ""]


def _quote(quoted: Quoted) -> str:
    return f"\u201c{_inline(quoted.quote)}\u201d"
