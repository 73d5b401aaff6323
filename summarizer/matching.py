"""A maximum one-to-one matching between two small lists (people by name, items by words).

The scorers pair predicted with gold items where several could match; a greedy pairing would
undercount. Augmenting paths are enough: the lists hold tens of items at most.
"""

from __future__ import annotations


def max_matching(pairs: set[tuple[int, int]], left: int) -> dict[int, int]:
    """Left index to right index, as many pairs as can be kept one-to-one."""
    partner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for a, j in sorted(pairs):
            if a != i or j in seen:
                continue
            seen.add(j)
            if j not in partner or augment(partner[j], seen):
                partner[j] = i
                return True
        return False

    for i in range(left):
        augment(i, set())
    return {i: j for j, i in partner.items()}
