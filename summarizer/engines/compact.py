"""The compact contract: a whole summary in one call, every item citing sentence numbers.

For local and grammar-constrained models. The prompt numbers the document's sentences and
describes the fields in a few lines (no JSON schema text: the grammar enforces the shape); the
answer cites numbers, which the code turns into the source's own spans, so it is grounded by
construction. The validators know the document's sentences: a number that does not exist, or an
item its sentence does not support, is re-asked with that exact error; what stays unsupported
after the re-asks is kept and flagged, never passed as supported.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pydantic

from summarizer.engines import EngineResult
from summarizer.engines.cited_items import (
    cited_frictions,
    cited_meeting,
    cited_topics,
    summary_line,
)
from summarizer.engines.citing import CitingEngine, Spent
from summarizer.errors import InvalidOutputError
from summarizer.grounding import GroundedDraft
from summarizer.models import MeetingFormat, Participant
from summarizer.nlp.index import DocumentIndex, build_index
from summarizer.nlp.meeting import read_meeting
from summarizer.nlp.reading import clip
from summarizer.numbered import NumberedText
from summarizer.prompts import PartNote, render
from summarizer.questions import CompactAnswer, bind_compact, item_problems, people_problems
from summarizer.readers import Document


class CompactEngine(CitingEngine):
    """The model's own reading of the whole document, in one grammar-constrained call."""

    async def _run(self, document: Document, part: PartNote | None) -> EngineResult:
        index = await asyncio.to_thread(build_index, document.text)
        spent = Spent()
        numbered = self._numbered(index, spent)
        user = render(
            self._prompts.compact_document,
            published=document.published or "not given",
            sentences=numbered.render(),
        ) + self._part_note(part)
        messages = self._conversation(self._prompts.compact_system, user)
        try:
            answer = spent.add(await self._ask(bind_compact(numbered), messages, "answer"))
        except InvalidOutputError as error:
            spent.failed(error)
            kept = _lenient(error.last_answer, numbered)
            if kept is None:
                raise
            spent.warnings.append(f"some items are not supported by their sentences: {error}")
            answer = kept
        draft = compact_draft(document, numbered, answer)
        return spent.result(_format_from_words(draft, index, document), questions=1)


def _lenient(text: str | None, numbered: NumberedText) -> CompactAnswer | None:
    """The last answer read without the support checks (items citing sentences that do not
    exist dropped), when the rest of it is valid."""
    if not text:
        return None
    try:
        answer = CompactAnswer.model_validate_json(text)
    except pydantic.ValidationError:
        return None
    if numbered.unknown([answer.meeting.sentence]):
        return None
    people_problems(numbered, answer.people)  # these move citations one sentence off
    item_problems(numbered, answer.topics, answer.frictions)
    return answer.model_copy(
        update={
            "people": [p for p in answer.people if not numbered.unknown([p.sentence])],
            "topics": [t for t in answer.topics if not numbered.unknown(t.sentences)],
            "frictions": [f for f in answer.frictions if not numbered.unknown(f.sentences)],
        }
    )


def _format_from_words(draft: GroundedDraft, index: DocumentIndex, doc: Document) -> GroundedDraft:
    """The format as the meeting's own sentence words it (a call, a video link, a visit): small
    models call most meetings "virtual" (format 0.15 on the 27 examples without this)."""
    meeting = draft.meeting
    start = meeting.evidence[0].start if meeting.evidence else None
    sentence = next((s for s in index.doc.sents if index.in_source(s)[0] == start), None)
    if sentence is None:
        return draft
    facts = read_meeting(sentence, index.doc, doc.published)
    if facts.format == "unknown":
        return draft
    fmt = MeetingFormat(facts.format)
    place = None if fmt in (MeetingFormat.PHONE, MeetingFormat.VIRTUAL) else meeting.location
    return replace(draft, meeting=meeting.model_copy(update={"format": fmt, "location": place}))


def compact_draft(
    document: Document, numbered: NumberedText, answer: CompactAnswer
) -> GroundedDraft:
    topics = cited_topics(answer.topics, numbered)
    frictions = cited_frictions(answer.frictions, numbered)
    people: dict[str, Participant] = {}
    for person in answer.people:
        people.setdefault(
            person.name,
            Participant(
                name=clip(person.name),
                aliases=[],
                role=None,
                organization=None,
                side=None,
                presence=person.presence,
                evidence=numbered.evidence([person.sentence]),
                grounded=True,
            ),
        )
    return GroundedDraft(
        meeting=cited_meeting(document, numbered, answer.meeting),
        summary=summary_line(answer.meeting.title, topics, frictions),
        participants=list(people.values()),
        agenda_topics=topics,
        frictions=frictions,
        outcomes=[],
    )
