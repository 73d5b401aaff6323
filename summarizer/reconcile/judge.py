"""The two judgements the reconciler asks for, and the rules that make them without a model.

A `Judge` answers "do these two items, from two reports, name the same topic (or friction, or
outcome)?" and "do these two values of a meeting field contradict each other?". `RuleJudge`
answers from words alone and is what `--engine extractive` uses; a judge backed by a model can
be passed to `reconcile()` instead, seeing the same plain values. Either way the reconciled
meeting quotes only spans of the sources, so a judge can merge or split items but never invent
a quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from summarizer.names import normalize_name
from summarizer.reconcile import words

ItemKind = Literal["topic", "friction", "outcome"]
FieldName = Literal["title", "status", "format", "date", "location"]


@dataclass(frozen=True, slots=True)
class ItemText:
    """An item as a judge sees it: its kind, its source, its own words, its quotes."""

    kind: ItemKind
    source: str
    text: str
    quotes: tuple[str, ...]


class Judge(Protocol):
    def same_item(self, first: ItemText, second: ItemText) -> bool: ...

    def contradicts(self, field: FieldName, first: str, second: str) -> bool: ...


# An item's words must be mostly inside the other's, and what they share must weigh at least
# one rare word or two common ones: "pay dispute" and "the dispute" share only 'dispute'.
SAME_ITEM_CONTAINMENT = 0.5
SAME_ITEM_WEIGHT = 2.0


class RuleJudge:
    """Same item: the words of one item's label lie mostly among the other's, weighted by
    rarity. Contradiction: dates, formats and statuses that differ; places neither of which
    contains the other ('Guangzhou' and 'Pearl Island Hotel, Guangzhou' agree)."""

    def same_item(self, first: ItemText, second: ItemText) -> bool:
        if first.kind != second.kind:
            return False
        a, b = words.bag([first.text]), words.bag([second.text])
        shared = sum(a[word] for word in a.keys() & b.keys())
        return shared >= SAME_ITEM_WEIGHT and words.containment(a, b) >= SAME_ITEM_CONTAINMENT

    def contradicts(self, field: FieldName, first: str, second: str) -> bool:
        if field == "location":
            x, y = normalize_name(first), normalize_name(second)
            return not (x and y and (x in y or y in x))
        if field == "title":
            return False  # every report titles a meeting its own way
        return first != second
