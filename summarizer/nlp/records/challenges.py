"""Points of friction in a recorded meeting: who challenges whom, about what.

A challenge is a speech whose own words push back ('I don't accept that', 'with respect',
'isn't it the case that', 'why hasn't the Government ...'), answered by someone on the other side
of the table (a committee member pressing a witness, a witness objecting to a policy, two
parties). A question answered without dispute is no friction: a speech needs strong words, or
several weaker ones, to count. Each friction quotes both sides in their own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from summarizer.nlp.lexicon import CHALLENGE_CUES, FIRM_CHALLENGE_CUES
from summarizer.nlp.records.roster import Member
from summarizer.nlp.records.segments import Segment
from summarizer.nlp.records.speeches import Speech

CHARACTERS_PER_FRICTION = 8000
_PER_SEGMENT = 1
_WEAK = re.compile("|".join(CHALLENGE_CUES), re.IGNORECASE)
_FIRM = re.compile("|".join(FIRM_CHALLENGE_CUES), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Challenge:
    """`by` challenges `to` in `speech` (its `sentence`), and `reply` is the answer."""

    by: Member
    to: Member
    speech: Speech
    sentence: Span
    reply: Span | None
    segment: Segment | None
    kind: str
    strength: int


def challenges(
    speeches: list[Speech], members: list[Member], parts: list[Segment], sides: dict[str, str]
) -> list[Challenge]:
    """The strongest challenges, one a part, in the order they were made."""
    by_speech = {id(speech): member for member in members for speech in member.speeches}
    found: list[Challenge] = []
    for number, speech in enumerate(speeches):
        member = by_speech.get(id(speech))
        if member is None:
            continue
        asking = sides.get(member.name) in _ASKING_SIDES or not sides
        scored = _strength(speech, asking=asking, strict=not sides)
        if scored is None:
            continue
        strength, sentence, kind = scored
        answer = _other_side(speeches, number, member, by_speech, sides, later=asking)
        if answer is None:
            continue
        other, reply = answer
        if not sides and not _contested(strength, reply):
            continue  # among colleagues, one doubt is talk; a doubt met with another is friction
        found.append(
            Challenge(member, other, speech, sentence, reply, _part(parts, number), kind, strength)
        )
    size = sum(len(speech.text) for speech in speeches)
    per = CHARACTERS_PER_FRICTION if sides else 3 * CHARACTERS_PER_FRICTION
    pushed = [challenge for challenge in found if challenge.strength >= _LEAST]
    return _strongest(pushed, max(1, round(size / per)))


# The least an exchange across a table must push: a firm word, a pointed question, or three
# weaker words (one 'but' or one 'concern' in an answer is no friction).
_LEAST = 3


# The sides that put questions: a committee's members, the opposition in a Hansard sitting.
_ASKING_SIDES = frozenset({"committee", "CPC", "NDP", "BQ", "GP", "Con", "Lab"})


def _strength(speech: Speech, *, asking: bool, strict: bool) -> tuple[int, Span, str] | None:
    """(score, the sentence that pushes back hardest, its kind), or None for a speech that
    does not push back. A firm word counts triple; weaker ones count a few at most, so a long
    answer full of 'but' does not outweigh one pointed question. Across a table (a hearing)
    the most pointed exchanges are its frictions, whatever their words; among colleagues
    (`strict`) a speech needs firm words, or a pointed question, to count at all."""
    best: tuple[int, Span, str] | None = None
    firm = weak = 0
    questions = 0
    for sentence in speech.doc.sents:
        text = sentence.text
        hard, soft = len(_FIRM.findall(text)), len(_WEAK.findall(text))
        firm, weak = firm + hard, weak + soft
        questions += text.rstrip().endswith("?")
        score = _FIRM_WEIGHT * hard + soft
        if score and (best is None or score > best[0]):
            best = (score, sentence, _kind(text))
    if best is None:
        return None
    pointed = asking and questions > 0 and weak >= 2
    if strict and not firm and not pointed:
        return None
    return _FIRM_WEIGHT * firm + min(weak, 4) + (2 if pointed else 0), best[1], best[2]


def _contested(strength: int, reply: Span | None) -> bool:
    """In a meeting without sides (a design team, a research group), whether an exchange is a
    disagreement: pushed back on firmly twice, or once and answered with a push back."""
    if strength >= 2 * _FIRM_WEIGHT + 2:
        return True
    answer = reply.doc.text if reply is not None else ""
    return bool(_FIRM.search(answer)) or answer.lower().startswith(("no", "but"))


_FIRM_WEIGHT = 3


def _kind(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\b(reject|don't accept|do not accept|not accept|disagree|wrong)\b", lowered):
        return "reject"
    if re.search(r"\b(why|will you|can you|should|must|need to|commit)\b", lowered):
        return "demand"
    return "disapprove"


def _other_side(
    speeches: list[Speech],
    number: int,
    member: Member,
    by_speech: dict[int, Member],
    sides: dict[str, str],
    *,
    later: bool,
) -> tuple[Member, Span | None] | None:
    """Whom a challenge is put to: the next speaker from another side for a question, the one
    before for an objection made in an answer; with the first sentence of what they say."""
    around = (
        speeches[number + 1 : number + 4] if later else speeches[max(0, number - 3) : number][::-1]
    )
    for other_speech in around:
        other = by_speech.get(id(other_speech))
        if other is None or other is member:
            continue
        if sides and sides.get(other.name) == sides.get(member.name):
            continue
        sentences = [s for s in other_speech.doc.sents if len(s.text.split()) > 3]
        return other, (sentences[0] if sentences else None)
    return None


def _part(parts: list[Segment], number: int) -> Segment | None:
    return next((part for part in parts if part.first <= number <= part.last), None)


def _strongest(found: list[Challenge], wanted: int) -> list[Challenge]:
    chosen: list[Challenge] = []
    per_part: dict[int, int] = {}
    for challenge in sorted(found, key=lambda c: -c.strength):
        part = challenge.segment.first if challenge.segment else -1
        if per_part.get(part, 0) >= _PER_SEGMENT:
            continue
        if any(c.by is challenge.by and c.segment is challenge.segment for c in chosen):
            continue
        chosen.append(challenge)
        per_part[part] = per_part.get(part, 0) + 1
        if len(chosen) >= wanted:
            break
    return sorted(chosen, key=lambda c: c.speech.number)
