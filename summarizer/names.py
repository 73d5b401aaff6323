"""Person names compared the way the examples' README says: case, accents, punctuation and
initials do not matter, and a short form matches a full name when it holds the surname."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """Case-folded, accents, format characters (a zero-width space, a bidirectional control)
    and punctuation removed, whitespace collapsed. Remembered: a transcript compares the same
    few dozen names tens of thousands of times."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(char for char in decomposed if not _unseen(char))
    return " ".join(_PUNCTUATION.sub(" ", stripped).split())


def _unseen(char: str) -> bool:
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Cf"


def name_tokens(name: str) -> frozenset[str]:
    """The normalized name's tokens, without single-letter initials."""
    return frozenset(token for token in normalize_name(name).split() if len(token) > 1)


GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def surname(name: str) -> str:
    """The last word of a normalized name other than a generational suffix ('austin' of
    'Lloyd J. Austin III'); empty for an empty name."""
    words = [w for w in normalize_name(name).split() if w not in GENERATIONAL_SUFFIXES]
    return words[-1] if words else ""


def names_match(predicted: str, gold_name: str, aliases: Sequence[str] = ()) -> bool:
    """Equal to the name or an alias; or, for the name or any one alias, the shorter token set
    inside the other and holding that form's surname (generational suffixes dropped first), as
    the examples' README says: 'Austin' is 'Lloyd J. Austin III', and 'Wang' is 'Wang Yi'
    through its alias 'Foreign Minister Wang'."""
    forms = (gold_name, *aliases)
    normalized = normalize_name(predicted)
    if normalized and normalized in {normalize_name(form) for form in forms}:
        return True
    mine = name_tokens(predicted) - GENERATIONAL_SUFFIXES
    return any(_holds_surname(mine, form) for form in forms)


def _holds_surname(mine: frozenset[str], form: str) -> bool:
    theirs = name_tokens(form) - GENERATIONAL_SUFFIXES
    last = surname(form)
    if not mine or not theirs or not last:
        return False
    shorter, longer = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
    return shorter <= longer and last in shorter


def same_person(first: str, second: str) -> bool:
    """Either name matches the other as a full name ('Lavrov' and 'Sergei Lavrov')."""
    return names_match(first, second) or names_match(second, first)
