"""Long documents: split into parts on sentence boundaries, summarized part by part, merged."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

from summarizer import Summarizer
from summarizer.chunking import split
from tests.fake_openai import FakeOpenAI, chat_answer

Make = Callable[..., Summarizer]
PART_ONE = (
    "Foreign Minister Sergei Lavrov met Secretary of State Antony Blinken in Geneva. "
    "They discussed arms control at length. "
)
PART_TWO = "Later, Lavrov told reporters the talks on Ukraine were difficult. " * 14


def test_parts_end_at_sentences_overlap_and_cover_the_whole_text() -> None:
    """No part is longer than asked; together they hold every character, in order."""
    text = " ".join(f"Sentence number {n} is here." for n in range(200))
    parts = split(text, max_chars=500, overlap_chars=60)
    assert len(parts) > 5
    assert all(len(p.text) <= 500 for p in parts)
    assert all(p.text.rstrip().endswith(".") for p in parts)
    assert parts[0].start == 0
    for previous, current in itertools.pairwise(parts):
        assert current.start <= previous.start + len(previous.text)  # no gap
        assert current.start > previous.start  # progress
    assert parts[-1].start + len(parts[-1].text) == len(text)
    for part in parts:
        assert text[part.start : part.start + len(part.text)] == part.text


def _answer(person: str, presence: str, quote: str, topic: str, topic_quote: str = "") -> str:
    item = {"evidence": [quote]}
    return json.dumps(
        {
            "meeting": {
                "title": "Lavrov-Blinken talks",
                "status": "held",
                "format": "in_person",
                "date_text": None,
                "date": None,
                "location": None,
                "host_side": None,
                **item,
            },
            "summary": "They met.",
            "participants": [
                {
                    "name": person,
                    "aliases": [],
                    "role": None,
                    "organization": None,
                    "side": "Russia",
                    "presence": presence,
                    **item,
                }
            ],
            "agenda_topics": [
                {"label": topic, "description": topic, "evidence": [topic_quote or quote]}
            ],
            "frictions": [],
            "outcomes": [],
        }
    )


def test_a_person_named_differently_in_two_parts_is_one_participant(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """'Sergei Lavrov' (attended, part 1) and 'Lavrov' (part 2) merge; offsets fit the whole."""
    text = PART_ONE + PART_TWO
    fake_server.replies = [
        chat_answer(
            _answer(
                "Sergei Lavrov",
                "attended",
                "Foreign Minister Sergei Lavrov met",
                "arms control",
                "They discussed arms control",
            )
        ),
        chat_answer(
            _answer("Lavrov", "mentioned", "Lavrov told reporters the talks on Ukraine", "Ukraine")
        ),
    ]
    summary = make_summarizer(max_chunk_tokens=200).summarize(text)
    assert summary.provenance.chunks == 2
    (person,) = summary.participants
    assert (person.name, person.presence.value) == ("Sergei Lavrov", "attended")
    assert "Lavrov" in person.aliases
    assert [t.label for t in summary.agenda_topics] == ["arms control", "Ukraine"]
    for item in [*summary.participants, *summary.agenda_topics]:
        for evidence in item.evidence:
            assert evidence.start is not None
            assert evidence.end is not None
            assert text[evidence.start : evidence.end] == evidence.quote
    second = fake_server.chat_requests()[1]["json"]["messages"][-1]["content"]
    assert "part 2 of 2" in second
    assert "Sergei Lavrov" in second
    assert summary.provenance.attempts == 2
