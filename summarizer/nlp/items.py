"""Agenda topics, points of friction and outcomes, read from the sentences that report them.

Topics are the objects of reporting verbs ("discussed X, Y and Z", "raised concerns about X"),
split into list items. Frictions are sentences with disagreement cues, minus shared concerns about
third parties ("they condemned ...") and intentions ("will address areas of difference").
Every item keeps the sentence it came from as its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from summarizer.nlp.lexicon import (
    BILATERAL_CUES,
    CONCERN_VOICED,
    FRICTION_CUES,
    JOINT_SUBJECTS,
    LIST_OPENERS,
    OUTCOME_CUES,
    TOPIC_VERBS,
    TRADE_OBJECTS,
)

_SPLIT = re.compile(r",\s*(?:and\s+|as well as\s+|including\s+)?|\s+as well as\s+|\s+including\s+|;\s*")
_FROM_TO = re.compile(r"^from\s+(.+?)\s+to\s+(.+)$")
_MAX_LABEL = 100


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    sentence: Span
    kind: str = "other"
    parties: tuple[str, ...] = ()
    positions: tuple[tuple[str, str], ...] = ()


def topics(sentences: list[Span]) -> list[Item]:
    found: list[Item] = []
    seen: set[str] = set()
    for sentence in sentences:
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in TOPIC_VERBS:
                continue
            for phrase in _objects(verb):
                for label in split_list(phrase):
                    key = label.lower()
                    if key not in seen and len(label) > 3:
                        seen.add(key)
                        found.append(Item(label=label, sentence=sentence, kind=verb.lemma_.lower()))
    return found


def _objects(verb: Token) -> list[str]:
    """What the verb is about: its object, 'on'/'about'/'for' phrase, or 'that' clause."""
    phrases = []
    for child in verb.children:
        if child.dep_ in ("dobj", "ccomp", "xcomp", "attr") or (
            child.dep_ == "prep" and child.lower_ in ("on", "about", "regarding", "for", "over")
        ):
            words = [t for t in child.subtree if t.i > verb.i]
            if child.dep_ == "prep":
                words = words[1:]
            if words:
                span = verb.doc[words[0].i : words[-1].i + 1]
                phrases.append(span.text)
    return phrases


def split_list(phrase: str) -> list[str]:
    """'a range of topics, from A and B to C, D and E' -> [A, B, C, D, E]."""
    text = phrase.strip().rstrip(".")
    for opener in LIST_OPENERS:
        index = text.lower().find(opener)
        if 0 <= index <= 12:
            text = text[index + len(opener) :].lstrip(" ,")
    parts: list[str] = []
    for piece in _SPLIT.split(text):
        ranged = _FROM_TO.match(piece.strip())
        parts.extend(ranged.groups() if ranged else [piece])
    if len(parts) > 1 and " and " in parts[-1]:
        head, _, tail = parts[-1].rpartition(" and ")
        parts[-1:] = [head, tail]
    elif len(parts) == 1 and " and " in parts[0]:
        head, _, tail = parts[0].partition(" and ")
        if len(head.split()) >= 2 and len(tail.split()) >= 2:
            parts = [head, tail]
    return [_label(part) for part in parts if _label(part)]


def _label(text: str) -> str:
    words = text.strip(" ,.;:").split()
    while words and words[0].lower() in ("and", "or", "the", "a", "an", "also", "from", "to", "on"):
        words = words[1:]
    label = " ".join(words)
    if len(label) > _MAX_LABEL:
        label = label[:_MAX_LABEL].rsplit(" ", 1)[0]
    return label


def frictions(sentences: list[Span], sides: list[str]) -> list[Item]:
    found: list[Item] = []
    for sentence in sentences:
        lowered = sentence.text.lower()
        cues = [(cue, kind) for cue, kind in FRICTION_CUES if re.search(rf"\b{cue}", lowered)]
        cues = [(cue, kind) for cue, kind in cues if _counts(cue, lowered, sentence)]
        if not cues:
            continue
        cue, kind = cues[0]
        for issue in _issues(sentence, cue):
            party = _speaker_side(sentence, sides)
            positions = ((party, _label(issue)),) if party else ()
            found.append(
                Item(label=issue, sentence=sentence, kind=kind, parties=tuple(sides[:2]), positions=positions)
            )
    return found


def _counts(cue: str, lowered: str, sentence: Span) -> bool:
    if cue == "restrict" and not any(word in lowered for word in TRADE_OBJECTS):
        return False
    if cue == "concern" and not re.search(CONCERN_VOICED, lowered):
        return False
    root = sentence.root
    if cue not in BILATERAL_CUES and _joint_subject(root):
        return False  # a view both sides share, often about a third party
    future = any(c.lower_ in ("will", "shall") for c in root.children if c.dep_ == "aux")
    return not (future and cue in ("areas of difference", "concern", "disagree"))


def _joint_subject(root: Token) -> bool:
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            subject = " ".join(t.lower_ for t in child.subtree)
            return subject in JOINT_SUBJECTS or subject.startswith(("the two", "both"))
    return False


def _issues(sentence: Span, cue: str) -> list[str]:
    """The issue after 'including' lists ('concerns, including A, B and C' -> A, B, C)."""
    text = sentence.text.strip()
    lowered = text.lower()
    at = lowered.find(cue)
    marker = lowered.find("including")
    if marker < 0:
        return [_label(text)]
    items = [_label(part) for part in _SPLIT.split(text[marker + len("including") :])]
    items = [item for item in items if len(item) > 3]
    if at > marker:  # the cue is one item of a list: that item is the issue
        items = [item for item in items if cue in item.lower()]
    return items or [_label(text)]


def _speaker_side(sentence: Span, sides: list[str]) -> str | None:
    subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    words = " ".join(t.text for t in subject.subtree).lower()
    for side in sides:
        if side.lower() in words or (side == "United States" and ("u.s." in words or "us " in words)):
            return side
    return None


def outcomes(sentences: list[Span]) -> list[Item]:
    found = []
    for sentence in sentences:
        lowered = sentence.text.lower()
        for cue, kind in OUTCOME_CUES:
            if cue in lowered:
                found.append(Item(label=_label(sentence.text), sentence=sentence, kind=kind))
                break
    return found
