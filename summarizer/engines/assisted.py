"""The assisted engine: the parser proposes, a model decides.

The spaCy reading numbers the document's sentences and lists the people it names. A model then
answers one short, grammar-constrained question about them (the meeting, its facts and who takes
part), citing sentence numbers and names the text holds. The code assembles the summary from the
parser's spans and the model's choices, so every item is grounded by construction. Which side
decides each field was measured on examples kept out of development (README, How good is it):
the model picks the meeting sentence, its place and who takes part; the parser's reading gives
status, date, format where its words say, title, topics, frictions and outcomes. (A second
question on frictions, choosing among the parser's candidates, lost to the parser's own reading
on every set measured, kept out or not, and doubled the time.)
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from summarizer.engines import EngineResult
from summarizer.engines.cited_items import cited_meeting, summary_line
from summarizer.engines.citing import CitingEngine, Spent
from summarizer.engines.extractive import extract
from summarizer.engines.from_reading import from_reading, participant
from summarizer.errors import InvalidOutputError
from summarizer.grounding import GroundedDraft, SourceIndex
from summarizer.models import Participant
from summarizer.names import normalize_name, same_person
from summarizer.nlp.people import PARTICLES
from summarizer.nlp.reading import Reading, clip, read
from summarizer.numbered import NumberedText
from summarizer.prompts import Message, PartNote, render
from summarizer.questions import MeetingAnswer, bind_meeting
from summarizer.readers import Document


class AssistedEngine(CitingEngine):
    """Parser proposals, model decisions; any OpenAI-compatible endpoint, or the embedded one."""

    async def run(self, document: Document) -> EngineResult:
        if document.layout.turns:
            return await self._record(document)
        return await super().run(document)

    async def _run(self, document: Document, part: PartNote | None) -> EngineResult:
        del part  # a report is read whole (its sentences as far as the context takes)
        reading = await asyncio.to_thread(read, document.text, document.published)
        spent = Spent()
        numbered = self._numbered(reading.index, spent)
        prefix = self._prefix(document, reading, numbered)
        meeting = await self._ask_meeting(prefix, numbered, SourceIndex(document.text), spent)
        draft = assemble(document, reading, numbered, meeting)
        return spent.result(draft, questions=1)

    async def _record(self, document: Document) -> EngineResult:
        """A meeting's own record: the parser reads it by its turns (speakers, the agenda's
        parts, challenges); measured on the development transcripts, that reading is what the
        model's one question about a report's meeting cannot improve, so none is asked."""
        grounded = await asyncio.to_thread(extract, document)
        note = "a meeting's own record: read by its turns; the model was asked nothing"
        return EngineResult(grounded=grounded, warnings=[note])

    def _prefix(
        self, document: Document, reading: Reading, numbered: NumberedText
    ) -> dict[str, str]:
        """What the question is asked about: the publication date, the sentences, the people."""
        people = "\n".join(
            f"- {p.name}" + (f" ({p.role})" if p.role else "") for p in reading.index.people
        )
        return {
            "published": document.published or "not given",
            "sentences": numbered.render(),
            "people": people or "(none found)",
        }

    def _messages(self, prefix: dict[str, str]) -> list[Message]:
        user = render(self._prompts.assisted_document, **prefix)
        return self._conversation(self._prompts.assisted_system, user)

    async def _ask_meeting(
        self, prefix: dict[str, str], numbered: NumberedText, index: SourceIndex, spent: Spent
    ) -> MeetingAnswer | None:
        answer = bind_meeting(numbered, index)
        try:
            completion = await self._ask(answer, self._messages(prefix), "meeting")
        except InvalidOutputError as error:
            spent.failed(error)
            spent.warnings.append(
                f"the meeting question got no valid answer; the parser's: {error}"
            )
            return None
        return spent.add(completion)


def assemble(
    document: Document,
    reading: Reading,
    numbered: NumberedText,
    meeting: MeetingAnswer | None,
) -> GroundedDraft:
    """The summary from the parser's spans and the model's choices (the parser's own reading
    of the meeting and its people where the model gave no valid answer)."""
    parsed = from_reading(reading)
    if meeting is None:
        return parsed
    meeting_item = cited_meeting(document, numbered, meeting, reading.facts)
    if reading.facts is not None:  # the parser's title names the parties it read in the meeting
        meeting_item = meeting_item.model_copy(update={"title": parsed.meeting.title})
    return replace(
        parsed,
        meeting=meeting_item,
        summary=summary_line(meeting_item.title, parsed.agenda_topics, parsed.frictions),
        participants=_participants(reading, numbered, meeting),
    )


def _participants(
    reading: Reading, numbered: NumberedText, answer: MeetingAnswer
) -> list[Participant]:
    """The parser's people. One attends when the model names them among the participants, or
    when the parser read them in the meeting and the model did not call them only mentioned
    (the parser proposes, the model adds and vetoes: on the examples kept out this beat either
    alone). A name the model gave that the parser missed becomes a participant of its own, its
    evidence the sentence naming it."""
    index, after = reading.index, reading.after
    mentioned = answer.mentioned_only
    left = [
        name
        for name in dict.fromkeys(answer.participants)
        if not any(same_person(name, other) for other in mentioned)  # both lists: mentioned
    ]
    people: list[Participant] = []
    for person in index.people:
        forms = [person.name, *person.aliases()]
        hits = [name for name in left if any(same_person(name, form) for form in forms)]
        left = [name for name in left if name not in hits]
        vetoed = any(same_person(name, form) for name in mentioned for form in forms)
        proposed = person in reading.attendees and not vetoed
        people.append(participant(person, bool(hits) or proposed, index, after))
    for name in left:
        sentence = _naming(numbered, name)
        fresh = not any(same_person(name, p.name) for p in people)
        if sentence is not None and fresh and looks_like_a_name(name):
            people.append(
                Participant(
                    name=clip(name),
                    aliases=[],
                    role=None,
                    organization=None,
                    side=None,
                    presence="attended",
                    evidence=numbered.evidence([sentence]),
                    grounded=True,
                )
            )
    return people


def looks_like_a_name(text: str) -> bool:
    """One to five words, each capitalized or a name particle ('van', 'bin'): a person, not a
    description such as 'senior officials from the ministry'."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words)


def _naming(numbered: NumberedText, name: str) -> int | None:
    """The first sentence that holds the name, as written or normalized."""
    wanted = normalize_name(name)
    for sentence in numbered.sentences:
        if wanted and wanted in normalize_name(sentence.text):
            return sentence.number
    return None
