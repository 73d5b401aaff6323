"""A reconciled meeting's file name: who met, where and when, in lower-case ASCII words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from summarizer.models import Presence
from summarizer.names import normalize_name, surname
from summarizer.reconcile.models import MergedParticipant, ReconciledMeetingFields

MAX_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def make_slug(
    meeting: ReconciledMeetingFields,
    participants: Sequence[MergedParticipant],
    taken: Iterable[str],
) -> str:
    """'sullivan-wang-bangkok-2024-01-26': the two people most sources say took part, the
    place, the first day; '-2', '-3' where an earlier meeting of the run has the same."""
    principals = sorted(
        (p for p in participants if p.presence is Presence.ATTENDED),
        key=lambda p: -len(p.attended_in),
    )[:2]
    parts = [surname(p.name) for p in principals]
    parts += [normalize_name(meeting.location or ""), (meeting.date or "").partition("/")[0]]
    text = "-".join(_NOT_SLUG.sub("-", part) for part in parts if part).strip("-")
    base = text[:MAX_LENGTH].rstrip("-") or "meeting"
    used = set(taken)
    slug, number = base, 1
    while slug in used:
        number += 1
        slug = f"{base}-{number}"
    return slug
