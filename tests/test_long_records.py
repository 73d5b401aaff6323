"""A meeting's record longer than a model's context: cut where turns start (never inside one),
each part told who earlier parts named and what they covered, merged with every offset into the
whole record; progress is reported part by part; the assisted engine reads a record by its turns.
The model's answers are scripted on a loopback server (tests/fake_openai.py)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

from summarizer import Summarizer, progress
from summarizer.chunking import split_turns
from summarizer.config import EndpointKind, EngineName, Settings
from summarizer.llm import Endpoint
from summarizer.readers import InputSpec, document_from_text
from tests import records
from tests.fake_openai import FakeOpenAI, chat_answer

Make = Callable[..., Summarizer]


def long_record(times: int = 6) -> str:
    return "\n\n".join([records.speaker_text().strip()] * times) + "\n"


def test_parts_of_a_record_start_where_turns_start_and_cover_it_all() -> None:
    """Every part begins at a speaker's label; together they hold every character, in order."""
    document = document_from_text(long_record())
    starts = {turn.label_start for turn in document.layout.turns}
    parts = split_turns(document.text, document.layout.turns, max_chars=2500, overlap_chars=300)
    assert len(parts) > 5
    assert all(len(part.text) <= 2500 for part in parts)
    assert all(part.start == 0 or part.start in starts for part in parts)
    for previous, current in itertools.pairwise(parts):
        assert current.start <= previous.end()  # no gap
        assert current.start > previous.start
    assert parts[-1].end() == len(document.text)


def test_a_turn_longer_than_a_part_is_cut_at_its_sentences() -> None:
    """A monologue past the part size: the only way to read it is in sentence-sized parts."""
    speech = "The budget is tight this year, and every line was checked twice. " * 80
    text = f"Ana Ruiz: {speech}\n\nJon Berg: Thank you.\n\nAna Ruiz: Next item.\n"
    document = document_from_text(text)
    parts = split_turns(document.text, document.layout.turns, max_chars=1000, overlap_chars=0)
    assert len(parts) > 4
    assert all(len(part.text) <= 1000 for part in parts)
    assert parts[-1].end() == len(text)


def _answer(speaker: str, quote: str, topic: str) -> str:
    item = {"evidence": [quote]}
    meeting = {"title": "Rural Affairs Committee", "status": "held", "format": "in_person"}
    meeting |= {"date_text": None, "date": None, "location": None, "host_side": None, **item}
    person = {"name": speaker, "aliases": [], "role": None, "organization": None, "side": None}
    return json.dumps(
        {
            "meeting": meeting,
            "summary": "The committee took evidence.",
            "participants": [{**person, "presence": "attended", **item}],
            "agenda_topics": [{"label": topic, "description": topic, "evidence": [quote]}],
            "frictions": [],
            "outcomes": [],
        }
    )


def test_an_endpoint_reads_a_long_record_in_parts_carrying_people_and_agenda(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """Part 2's prompt names part 1's people and topics; the merged summary's quotes are the
    words at their offsets in the whole record; each part is reported as it starts."""
    text = long_record(3)
    fake_server.replies = [
        chat_answer(_answer("Mara Quill", "Mara Quill MS: Good morning", "rural bus services")),
        chat_answer(_answer("Owen Pell", "Owen Pell: The fares rose", "fares")),
        chat_answer(_answer("Cai Morrow", "Cai Morrow MS: The council plans", "electric buses")),
        chat_answer(_answer("Ines Harrow", "Dr Ines Harrow: Electric buses", "depots")),
    ] * 4
    heard: list[tuple[int, int]] = []
    summarizer = make_summarizer(max_chunk_tokens=700)
    document = document_from_text(text, source="session.txt")
    with progress.reporting("session.txt", lambda _s, n, of: heard.append((n, of))):
        summary = summarizer.summarize_document(document)
    parts = summary.provenance.chunks
    assert parts > 1
    assert heard == [(n, parts) for n in range(1, parts + 1)]
    prompts = [r["json"]["messages"][-1]["content"] for r in fake_server.chat_requests()]
    second = next(prompt for prompt in prompts if "part 2 of" in prompt)
    assert "Mara Quill" in second
    assert "rural bus services" in second
    for item in [*summary.participants, *summary.agenda_topics]:
        for quote in item.evidence:
            assert quote.start is not None
            assert quote.end is not None
            assert text[quote.start : quote.end] == quote.quote


def test_the_batch_hears_each_part_with_the_documents_source(
    make_summarizer: Make, fake_server: FakeOpenAI, tmp_path: Path
) -> None:
    """`summarize_many(on_part=...)`, as the CLI's progress line uses it."""
    fake_server.replies = [chat_answer(_answer("Mara Quill", "Mara Quill MS: Good", "bus"))] * 8
    path = tmp_path / "session.txt"
    path.write_text(long_record(2))
    heard: list[tuple[str, int, int]] = []
    summarizer = make_summarizer(max_chunk_tokens=700)
    results = list(
        summarizer.summarize_many(
            [InputSpec(path=path, name="session")], on_part=lambda *a: heard.append(a)
        )
    )
    assert results[0].ok
    assert heard
    assert {source for source, _, _ in heard} == {str(path)}
    assert [n for _, n, _ in heard] == list(range(1, len(heard) + 1))


def test_the_assisted_engine_reads_a_record_by_its_turns_without_a_question(
    fake_server: FakeOpenAI,
) -> None:
    """A transcript through the assisted engine: the record reading (speakers attend, the
    chair's subjects are the topics), no request to the model, and provenance says why."""
    settings = Settings(engine=EngineName.ASSISTED, base_url=fake_server.base_url, model="m")
    endpoint = Endpoint(
        base_url=fake_server.base_url, model="m", api_key="x", kind=EndpointKind.LLAMACPP
    )
    with Summarizer(settings, endpoint=endpoint) as summarizer:
        summary = summarizer.summarize(records.speaker_text())
    assert fake_server.chat_requests() == []
    assert [p.name for p in summary.participants if p.presence == "attended"] == records.SPEAKERS
    assert len(summary.agenda_topics) == 3
    assert any("read by its turns" in warning for warning in summary.provenance.warnings)
