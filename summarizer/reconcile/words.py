"""Content words weighted by how rare they are in English, and the overlap of two such bags.

"Stepanova" or "fentanyl" shared by two reports says more than "meeting" or "said": a word's
weight is how far below 6 its Zipf frequency (wordfreq: 6 is 'said', 3 a word a million words
see once) lies. Words wordfreq does not know (names, transliterations) weigh the most.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import lru_cache

from summarizer.support import content_words

COMMON_ZIPF = 6.0

Bag = Mapping[str, float]


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    # Imported on first use: wordfreq takes most of a second to load, and `summarize PATH`
    # without --reconcile never needs it.
    from wordfreq import zipf_frequency

    return max(0.0, COMMON_ZIPF - zipf_frequency(word, "en"))


def bag(texts: Iterable[str]) -> dict[str, float]:
    """The content words of all `texts`, each with its rarity."""
    return {word: rarity(word) for word in content_words(" ".join(texts))}


def cosine(first: Bag, second: Bag) -> float:
    """Shared weight over the geometric mean of the two bags' weights: 0 (nothing shared) to 1."""
    shared = sum(first[word] for word in first.keys() & second.keys())
    total = math.sqrt(sum(first.values()) * sum(second.values()))
    return shared / total if total else 0.0


def containment(first: Bag, second: Bag) -> float:
    """Shared weight over the smaller bag's: 1 when one item's words are all in the other's."""
    shared = sum(first[word] for word in first.keys() & second.keys())
    smaller = min(sum(first.values()), sum(second.values()))
    return shared / smaller if smaller else 0.0
