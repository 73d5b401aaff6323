"""Whether an item's evidence supports it, not merely exists: one rule for engines and scorer.

A quote found in the text is grounded; it supports a participant only if it names them (the
surname of the name or of an alias), and a topic or friction only if it shares a content word
with the item's own words. The scorer and the engines that re-ask use these same two checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from summarizer.models import AgendaTopic, Friction, Grounded, Participant
from summarizer.names import normalize_name, surname

if TYPE_CHECKING:
    from summarizer.grounding import GroundedDraft

ItemT = TypeVar("ItemT", bound=Grounded)

# Words too common in meeting reports to show that a sentence is about an item.
_STOP = frozenset(
    {
        "about",
        "their",
        "there",
        "these",
        "those",
        "which",
        "while",
        "with",
        "from",
        "that",
        "this",
        "have",
        "were",
        "will",
        "would",
        "between",
        "other",
        "issue",
        "issues",
    }
)


def content_words(text: str) -> set[str]:
    """Normalized words longer than three letters, common ones left out, a plural 's' dropped."""
    words = (w for w in normalize_name(text).split() if len(w) > 3 and w not in _STOP)
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words}


def names_person(forms: Iterable[str], quotes: Iterable[str]) -> bool:
    """Some quote holds the surname of one of a person's forms (their name and aliases)."""
    words = set(normalize_name(" ".join(quotes)).split())
    return bool({surname(form) for form in forms} - {""} & words)


def shares_words(label: str, quotes: Iterable[str]) -> bool:
    """The quotes share a content word with the item's label."""
    return bool(content_words(label) & content_words(" ".join(quotes)))


def friction_words(issue: str, parties: Iterable[str]) -> str:
    """What a friction's evidence may share words with: its issue and its parties."""
    return " ".join([issue, *parties])


def participant_supported(person: Participant) -> bool:
    return names_person([person.name, *person.aliases], _quotes(person))


def topic_supported(topic: AgendaTopic) -> bool:
    return shares_words(topic.label, _quotes(topic))


def friction_supported(friction: Friction) -> bool:
    return shares_words(friction_words(friction.issue, friction.parties), _quotes(friction))


def judge(draft: GroundedDraft) -> GroundedDraft:
    """The draft with `supported` set on every participant, topic and friction, and a problem
    line (which a corrective re-ask quotes) on each one its evidence does not support."""
    return replace(
        draft,
        participants=[
            _judged(p, participant_supported(p), f"name {p.name!r}") for p in draft.participants
        ],
        agenda_topics=[
            _judged(t, topic_supported(t), f"topic {t.label!r}") for t in draft.agenda_topics
        ],
        frictions=[
            _judged(f, friction_supported(f), f"issue {f.issue!r}") for f in draft.frictions
        ],
    )


def _quotes(item: Grounded) -> list[str]:
    return [evidence.quote for evidence in item.evidence]


def _judged(item: ItemT, supported: bool, what: str) -> ItemT:
    if supported or not item.evidence:
        return item.model_copy(update={"supported": supported and bool(item.evidence)})
    problem = f"its quotes do not mention the {what}; quote the sentence that does"
    problems = item.problems if problem in item.problems else [*item.problems, problem]
    return item.model_copy(update={"supported": False, "problems": problems})
