"""Who a speaker label names: 'Lynne Neagle AM' is Lynne Neagle; 'Mr. Garnett Genuis (Sherwood
Park—Fort Saskatchewan, CPC)' is Garnett Genuis, of the CPC; 'The Chair (Hon. Anthony Rota
(Nipissing—Timiskaming, Lib.))' is Anthony Rota, in the chair; 'Project Manager' and 'Speaker 2'
are roles, kept as the label, never turned into an invented name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.names import normalize_name
from summarizer.nlp.lexicon import LABEL_HONORIFICS, MEMBER_SUFFIXES, ROLE_WORDS


@dataclass(frozen=True, slots=True)
class Speaker:
    """What a label says of its speaker. `name` is None for a label that is only a role."""

    label: str
    name: str | None
    role: str | None = None
    party: str | None = None
    constituency: str | None = None

    @property
    def key(self) -> str:
        """One key per person: the name's normalized form, or the role label's."""
        return normalize_name(self.name or self.label)


_OUTER = re.compile(r"^(?P<head>[^(]*?)\s*\((?P<inside>.*)\)\s*$")
_INNER = re.compile(r"^(?P<head>[^(]*?)\s*\((?P<inside>[^()]*)\)\s*$")
# 'Speaker 2', 'Grad A', 'SPEAKER_00', 'Participant 3': a role with a letter or number.
_NUMBERED = re.compile(r"^(?P<role>[A-Za-z][\w .-]*?)[ _]*(?:[A-Z]|\d+)$")
# A party is short: 'CPC', 'Lib.', 'NDP', 'BQ', 'GP', 'Lab', 'Plaid Cymru'.
_PARTY = re.compile(r"^[A-Z][\w.]{0,5}\.?$|^[A-Z][a-z]+ [A-Z][a-z]+$")


def parse(label: str) -> Speaker:
    """Read one label."""
    label = " ".join(label.split())
    head, inside = _split(label)
    role: str | None = None
    party = constituency = None
    if inside is not None:
        nested_head, nested = _split_inner(inside)
        if nested_head is not None and _a_name(_bare(nested_head)):
            # Hansard: 'The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))'
            role = _bare(head) or None
            party, constituency = _riding(nested) if nested else (None, None)
            return Speaker(label, _bare(nested_head), role, party, constituency)
        party, constituency = _riding(inside)
        if party is None:
            role = inside
    name = _bare(head)
    if not _a_name(name):
        if role is not None and _a_name(_bare(role)):  # 'The Acting Chair (Mrs. Ann Ruiz)'
            return Speaker(label, _bare(role), role=head or None)
        return Speaker(label, None, role=head or label, party=party, constituency=constituency)
    return Speaker(label, name, role, party, constituency)


def _split(label: str) -> tuple[str, str | None]:
    match = _OUTER.match(label)
    return (match.group("head"), match.group("inside")) if match else (label, None)


def _split_inner(inside: str) -> tuple[str | None, str | None]:
    match = _INNER.match(inside)
    if match is None:
        return None, None
    return match.group("head"), match.group("inside")


def _riding(inside: str) -> tuple[str | None, str | None]:
    """('CPC', 'Sherwood Park—Fort Saskatchewan') from 'Sherwood Park—Fort Saskatchewan, CPC'."""
    place, _, party = inside.rpartition(",")
    party = party.strip()
    if place and _PARTY.match(party):
        return party, place.strip()
    return None, None


def _bare(words: str) -> str:
    """A name without its honorifics ('Mr.', 'Hon.', 'Dr') and suffixes ('AM', 'MP')."""
    tokens = words.split()
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in LABEL_HONORIFICS:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].rstrip(",") in MEMBER_SUFFIXES:
        tokens = tokens[:-1]
    return " ".join(tokens)


def names_a_person(words: str) -> bool:
    """Whether words name someone ('A. Smith', 'Lynne Neagle') rather than a post ('Clerk',
    'Project Manager', 'Speaker 2')."""
    return _a_name(_bare(words))


def _a_name(words: str) -> bool:
    """Whether words name a person rather than a role: two or more words, not all of them role
    words ('Industrial Designer', 'The Chair', 'Speaker 2' are roles)."""
    tokens = [token for token in words.split() if token.lower() not in ("the", "of", "and")]
    if not tokens or (_NUMBERED.match(words) and _roleish(words)):
        return False
    if all(token.lower().strip(".") in ROLE_WORDS for token in tokens):
        return False
    if " of " in f" {words.lower()} ":  # 'Minister of Finance' is an office
        return False
    return len(tokens) >= 2 or (len(tokens) == 1 and not tokens[0].isupper())


def _roleish(words: str) -> bool:
    first = words.split()[0].split("_")[0].lower()
    return first in ROLE_WORDS
