"""The compact contract (the embedded model's whole summary) over real HTTP to a scripted server.

Invented document and answers; the scripted server (tests/fake_openai.py) stands in for the
model. What is tested: one call without schema text, cited numbers turned into the source's own
spans, and the validators' re-asks for numbers and names that do not hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from summarizer import Settings, Summarizer
from summarizer.config import EndpointKind, EngineName
from summarizer.llm import Endpoint
from tests.fake_openai import FakeOpenAI, chat_answer
from tests.test_assisted import PUBLISHED, TEXT

Make = Callable[..., Summarizer]


def answer(**changes: Any) -> str:
    whole: dict[str, Any] = {
        "meeting": {
            "sentence": 2,
            "status": "held",
            "format": "in_person",
            "date": "2025-03-03",
            "location": "Valdoria",
            "title": "Lund and Osei meet in Valdoria",
        },
        "people": [
            {"name": "Petra Lund", "presence": "attended", "sentence": 2},
            {"name": "Kofi Osei", "presence": "attended", "sentence": 2},
            {"name": "Mara Quist", "presence": "mentioned", "sentence": 5},
        ],
        "topics": [{"label": "fishing quotas", "sentences": [3]}],
        "frictions": [{"issue": "levy on fishing fleets", "parties": ["Lund"], "sentences": [4]}],
    }
    return json.dumps({**whole, **changes})


def compact(fake: FakeOpenAI) -> Summarizer:
    """The embedded engine pointed at the scripted server instead of starting its own."""
    settings = {"engine": EngineName.EMBEDDED, "fallback": False, "max_reasks": 1}
    endpoint = Endpoint(base_url=fake.base_url, model="scripted", kind=EndpointKind.LLAMACPP)
    return Summarizer(Settings(**settings), endpoint=endpoint)  # type: ignore[arg-type]


def test_one_call_gives_a_whole_grounded_summary(fake_server: FakeOpenAI) -> None:
    fake_server.replies = [chat_answer(answer())]
    with compact(fake_server) as summarizer:
        summary = summarizer.summarize(TEXT, published=PUBLISHED)
    (sent,) = fake_server.chat_requests()
    prompt = json.dumps(sent["json"]["messages"])
    assert '"properties"' not in prompt
    assert "[4] Lund objected to the new levy on fishing fleets." in prompt
    assert summary.provenance.engine == "embedded"
    presence = {p.name: p.presence.value for p in summary.participants}
    assert presence == {
        "Petra Lund": "attended",
        "Kofi Osei": "attended",
        "Mara Quist": "mentioned",
    }
    quist = summary.participants[2].evidence[0]
    assert quist.quote == TEXT[quist.start : quist.end]  # type: ignore[misc]
    assert quist.quote.startswith("Mara Quist, an analyst")
    assert [f.issue for f in summary.frictions] == ["levy on fishing fleets"]
    assert summary.meeting.location == "Valdoria"
    items = [*summary.participants, *summary.agenda_topics, *summary.frictions]
    assert all(item.grounded and item.supported for item in items)


def test_a_person_cited_on_a_sentence_that_does_not_name_them_is_re_asked(
    fake_server: FakeOpenAI,
) -> None:
    wrong = answer(people=[{"name": "Mara Quist", "presence": "mentioned", "sentence": 3}])
    fake_server.replies = [chat_answer(wrong), chat_answer(answer())]
    with compact(fake_server) as summarizer:
        summary = summarizer.summarize(TEXT, published=PUBLISHED)
    reask = fake_server.chat_requests()[1]["json"]["messages"][-1]["content"]
    assert "people[0]: sentence 3 does not name 'Mara Quist'" in reask
    assert summary.provenance.attempts == 2


def test_what_stays_unsupported_after_the_re_ask_is_kept_and_flagged(
    fake_server: FakeOpenAI,
) -> None:
    stubborn = answer(topics=[{"label": "currency swaps", "sentences": [3]}])
    fake_server.replies = [chat_answer(stubborn), chat_answer(stubborn)]
    with compact(fake_server) as summarizer:
        summary = summarizer.summarize(TEXT, published=PUBLISHED)
    (topic,) = summary.agenda_topics
    assert topic.grounded
    assert topic.supported is False
    assert any("not supported" in warning for warning in summary.provenance.warnings)
