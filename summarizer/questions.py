"""The assisted engine's questions as answer models, each made for one document.

A model answers by citing numbered sentences and numbered people. The validators know that
document's sentences: a number that does not exist, or a topic or friction whose sentences do not
mention it, is rejected with a message that says exactly what is wrong, and instructor re-asks
with it. The classes are made per document (`bind`) rather than handed the sentences through
instructor's `context=`, which would render the document as a Jinja template.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator

from summarizer.grounding import SourceIndex
from summarizer.models import MeetingFormat, MeetingStatus, Presence, Strict
from summarizer.numbered import NumberedText
from summarizer.support import friction_words, names_person, shares_words

# [0-9], not \d: llama-cpp-python's grammar converter reads "\d" as two literal characters.
_ISO = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TITLE_AFTER = re.compile(r"\s*\(.*$")  # to the end: a long title may be cut before its ")"
Label = Annotated[str, Field(min_length=2, max_length=90)]
Cited = Annotated[list[int], Field(min_length=1, max_length=3)]


class MeetingFacts(Strict):
    """Which meeting (its sentence) and its facts."""

    sentence: int
    status: MeetingStatus
    format: MeetingFormat
    date: str | None = Field(pattern=f"^{_ISO}(/{_ISO})?$")
    location: Label | None
    title: Label


class MeetingAnswer(MeetingFacts):
    """The assisted engine's question: the meeting, and who takes part."""

    participants: list[Label] = Field(max_length=16)
    mentioned_only: list[Label] = Field(max_length=16)

    @field_validator("participants", "mentioned_only", mode="before")
    @classmethod
    def _without_titles(cls, names: object) -> object:
        """'Jane Doe (Minister)' is Jane Doe: small models copy the people list's titles."""
        if isinstance(names, list):
            return [_TITLE_AFTER.sub("", n).strip() if isinstance(n, str) else n for n in names]
        return names


class TopicAnswer(Strict):
    label: Label
    sentences: Cited


class FrictionAnswer(Strict):
    issue: Label
    parties: list[Label] = Field(max_length=4)
    sentences: Cited


class PersonAnswer(Strict):
    name: Label
    presence: Presence
    sentence: int


class CompactAnswer(Strict):
    """A whole summary, every item citing sentence numbers (the compact contract)."""

    meeting: MeetingFacts
    people: list[PersonAnswer] = Field(max_length=16)
    topics: list[TopicAnswer] = Field(max_length=6)
    frictions: list[FrictionAnswer] = Field(max_length=5)


def bind_meeting(numbered: NumberedText, index: SourceIndex) -> type[MeetingAnswer]:
    """The question for one document: its sentence must exist, its people occur in the text."""

    class DocumentMeetingAnswer(MeetingAnswer):
        @model_validator(mode="after")
        def cites_what_exists(self) -> Self:
            problems = _unknown_sentences(numbered, [self.sentence], "sentence")
            missing = [name for name in self.participants if not index.contains_name(name)]
            if missing:
                problems.append(
                    f"participants {missing} do not occur in the document; write each name as "
                    "the document does"
                )
            _raise(problems)
            return self

    return DocumentMeetingAnswer


def bind_compact(numbered: NumberedText) -> type[CompactAnswer]:
    """The compact contract for one document: cited sentences exist and support their items
    (a person's sentence names them)."""

    class DocumentCompactAnswer(CompactAnswer):
        @model_validator(mode="after")
        def cites_what_supports(self) -> Self:
            problems = _unknown_sentences(numbered, [self.meeting.sentence], "meeting.sentence")
            problems += people_problems(numbered, self.people)
            _raise(problems + item_problems(numbered, self.topics, self.frictions))
            return self

    return DocumentCompactAnswer


def people_problems(numbered: NumberedText, people: list[PersonAnswer]) -> list[str]:
    """Each person's sentence must name them (one sentence off is moved onto the neighbour
    that does, in place)."""
    problems: list[str] = []
    for n, person in enumerate(people):
        where = f"people[{n}]"
        unknown = _unknown_sentences(numbered, [person.sentence], where)
        problems += unknown
        names = partial(names_person, [person.name])
        person.sentence = numbered.repaired([person.sentence], names)[0]
        if not unknown and not names(numbered.texts([person.sentence])):
            problems.append(
                f"{where}: sentence {person.sentence} does not name {person.name!r}; "
                "cite a sentence that does"
            )
    return problems


def item_problems(
    numbered: NumberedText, topics: list[TopicAnswer], frictions: list[FrictionAnswer]
) -> list[str]:
    """What is wrong with the items' citations, after moving a citation one sentence off onto
    the neighbour that supports it (the item is changed in place)."""
    problems: list[str] = []
    for n, topic in enumerate(topics):
        where = f"topics[{n}]"
        problems += _unknown_sentences(numbered, topic.sentences, where)
        supports = partial(shares_words, topic.label)
        topic.sentences = numbered.repaired(topic.sentences, supports)
        if not supports(numbered.texts(topic.sentences)):
            problems.append(_unsupported(where, topic.label, topic.sentences))
    for n, friction in enumerate(frictions):
        where = f"frictions[{n}]"
        problems += _unknown_sentences(numbered, friction.sentences, where)
        supports = partial(shares_words, friction_words(friction.issue, friction.parties))
        friction.sentences = numbered.repaired(friction.sentences, supports)
        if not supports(numbered.texts(friction.sentences)):
            problems.append(_unsupported(where, friction.issue, friction.sentences))
    return problems


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValueError("; ".join(problems))


def _unknown_sentences(numbered: NumberedText, cited: list[int], where: str) -> list[str]:
    unknown = numbered.unknown(cited)
    if not unknown:
        return []
    return [f"{where}: sentence {unknown} does not exist; they are numbered 1 to {len(numbered)}"]


def _unsupported(where: str, label: str, cited: list[int]) -> str:
    return (
        f"{where}: sentences {cited} do not mention {label!r}; cite the sentences that discuss "
        "it, or leave it out"
    )
