"""A recorded meeting's title: the body and its business ('Children, Young People and Education
Committee: evidence session on the impact of the coronavirus pandemic'), read from the opening
speeches; else what the meeting calls itself ('the functional design meeting') and the subject
the whole record keeps returning to."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache

from wordfreq import zipf_frequency

from summarizer.nlp.lexicon import BODY_NOUNS, GENERIC_TALK_WORDS
from summarizer.nlp.records.speeches import Speech

_OPENING = 6
_BODY = re.compile(
    r"\b(?P<body>(?:[A-Z][\w'\u2019-]*,?\s+(?:(?:and|of|for|on|the)\s+)*){1,8}(?:"
    + "|".join(BODY_NOUNS)
    + r")(?:\s+on\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?)"
)
_BUSINESS = re.compile(
    r"\b(?P<what>(?:evidence session|inquiry|scrutiny|consideration|debate|review|hearing|"
    r"briefing|session)\b[^.?!;]{0,40}?\b(?:on|into|of|about|in relation to|with regard to)\s+"
    r"[^.?!;]{3,120})",
    re.IGNORECASE,
)
# 'In this meeting we should try to reach a decision about the target group'.
_AIM = re.compile(
    r"\b(?:in |for )?(?:this|today's) meeting,? (?:we|I)\b[^.?!]{0,60}?\b(?:about|on|is to)\s+"
    r"(?P<aim>[^.?!;{]{3,80})",
    re.IGNORECASE,
)
_KIND = re.compile(
    r"\b(?:the|our|this)\s+(?P<kind>(?:(?:kick-?off|first|second|third|fourth|final|last|"
    r"conceptual|functional|detailed|weekly|monthly|regular|project|design|team|planning)\s+)+"
    r"(?:meeting|session|call))\b",
    re.IGNORECASE,
)
_LIMIT = 150


def title(speeches: list[Speech], names: set[str]) -> str:
    """'Body: business', 'Body: subject', or 'Kind: subject'."""
    opening = " ".join(speech.text for speech in speeches[:_OPENING])
    body = _first(_BODY, opening, "body")
    business = _first(_BUSINESS, opening, "what")
    subject = ", ".join(subjects(speeches, names)[:3])
    if body and business:
        return _clip(f"{body}: {business}")
    early = " ".join(speech.text for speech in speeches[:40])
    kind = _first(_KIND, early, "kind")
    aim = _first(_AIM, early, "aim")
    head = body or (kind[0].upper() + kind[1:] if kind else "Meeting")
    about = business or ", ".join(part for part in (subject, aim) if part)
    return _clip(f"{head}: {about}" if about else head)


def subjects(speeches: list[Speech], names: set[str]) -> list[str]:
    """The nouns (and noun pairs: 'remote control', 'belief net') the whole record keeps
    returning to, most frequent first: its subject. A pair said often stands for its words."""
    counts: Counter[str] = Counter()
    spread: dict[str, set[int]] = {}
    for speech in speeches:
        tenth = speech.number * 10 // max(1, len(speeches))
        for term in _terms(speech, names):
            counts[term] += 1
            spread.setdefault(term, set()).add(tenth)
    weight = {term: count * rarity(term) for term, count in counts.items()}
    kept = [t for t in sorted(weight, key=lambda t: -weight[t]) if len(spread[t]) >= 4][:60]
    pairs = [term for term in kept if " " in term and counts[term] >= 5]
    chosen = pairs[:2]
    for term in kept:
        if " " not in term and not any(term in pair.split() for pair in chosen):
            chosen.append(term)
    return chosen[:5]


@lru_cache(maxsize=1 << 16)
def rarity(term: str) -> float:
    """How much a word says of a subject: words common in all English ('problem', 'thing')
    little, rare ones ('Bayes', 'CAMHS') much (wordfreq's Zipf scale, 0-8)."""
    return max(0.5, 6.5 - min(zipf_frequency(word, "en") for word in term.split()))


def _terms(speech: Speech, names: set[str]) -> list[str]:
    words = [
        token
        for token in speech.doc
        if token.pos_ in ("NOUN", "PROPN", "ADJ")
        and token.is_alpha
        and not token.is_stop
        and len(token) > 2
        and token.lower_ not in GENERIC_TALK_WORDS
        and token.lower_ not in names
    ]
    terms = [w.lemma_.lower() if w.pos_ == "NOUN" else w.text for w in words if w.pos_ != "ADJ"]
    terms += [
        f"{a.lower_} {b.lemma_.lower()}"
        for a, b in itertools.pairwise(words)
        if b.i == a.i + 1 and b.pos_ == "NOUN"
    ]
    return terms


def _first(pattern: re.Pattern[str], text: str, group: str) -> str | None:
    match = pattern.search(text)
    return " ".join(match.group(group).split()).strip(" ,") if match else None


def _clip(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"
