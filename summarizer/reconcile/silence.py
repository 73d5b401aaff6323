"""Whether a report is really silent on an item its summary lacks: it is not when a sentence of
its text holds the item's rarest words ('fentanyl', 'Houthi', 'tariffs').

Summaries miss items, so "only some sources tell it" is checked against the texts themselves:
the item's key words are the content words of its label that English uses less than about
30 times in a million words (Zipf 4.5, wordfreq), less the words every meeting report uses
('bilateral', 'summit'), at most the three rarest; a report whose sentence holds them all tells
the item, and that sentence is its quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from summarizer.reconcile import words
from summarizer.reconcile.models import Quoted
from summarizer.reconcile.sources import MeetingReport
from summarizer.support import content_words

KEY_RARITY = words.COMMON_ZIPF - 4.5
MAX_KEYS = 3
MEETING_WORDS = frozenset(
    {"bilateral", "cooperation", "summit", "talk", "meeting", "relation", "discussion",
     "agreement", "minister", "president", "official", "government", "countrie", "nation"}
)  # fmt: skip
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def key_words(label: str) -> list[str]:
    rare = [
        word
        for word in content_words(label)
        if word not in MEETING_WORDS and words.rarity(word) >= KEY_RARITY
    ]
    return sorted(rare, key=lambda w: (-words.rarity(w), w))[:MAX_KEYS]


def told_elsewhere(
    label: str, sources: Sequence[str], reports: Sequence[MeetingReport]
) -> list[Quoted]:
    """A sentence of each report not in `sources` that holds all of the label's key words."""
    keys = set(key_words(label))
    if not keys:
        return []
    found = []
    for report in reports:
        if report.name in sources:
            continue
        quote = next((s for s in _sentences(report) if keys <= content_words(s.quote)), None)
        if quote is not None:
            found.append(quote)
    return found


def _sentences(report: MeetingReport) -> Iterator[Quoted]:
    for match in _SENTENCE.finditer(report.text):
        text = match.group()
        start = match.start() + len(text) - len(text.lstrip())
        end = match.start() + len(text.rstrip())
        if end > start:
            yield report.span(start, end)
