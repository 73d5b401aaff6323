"""What a recorded meeting settled: decisions ('the committee agreed to ...', a vote and its
count) and undertakings with their owner and, where said, when ("I'll write to the committee
with the figures by Friday")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from summarizer.nlp.lexicon import DECISION_CUES, UNDERTAKING_CUES
from summarizer.nlp.records.speeches import Speech

_DECISION = re.compile("|".join(DECISION_CUES), re.IGNORECASE)
_UNDERTAKING = re.compile("|".join(UNDERTAKING_CUES), re.IGNORECASE)
_MOST = 12


@dataclass(frozen=True, slots=True)
class Settled:
    kind: str  # agreement, commitment, next_meeting
    speech: Speech
    sentence: Span
    owner: str | None


def settled(speeches: list[Speech]) -> list[Settled]:
    found: list[Settled] = []
    for speech in speeches:
        owner = speech.speaker.name or speech.speaker.label if speech.speaker else None
        for sentence in speech.doc.sents:
            text = sentence.text
            if len(text.split()) < 4 or text.rstrip().endswith("?"):
                continue
            if _DECISION.search(text):
                found.append(Settled("agreement", speech, sentence, None))
            elif _UNDERTAKING.search(text):
                kind = "next_meeting" if "meeting" in text.lower() else "commitment"
                found.append(Settled(kind, speech, sentence, owner))
    return found[:_MOST]
