"""Past one machine: the README's Ray Data recipe, run on a local Ray cluster (2 CPUs) over a few
dozen documents, with the extractive engine and with a scripted endpoint on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import ray

from summarizer import EngineName, MeetingSummary, Settings
from summarizer.config import EndpointKind
from summarizer.partition import SummarizePartition
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, chat_answer

MEETING = (
    "Foreign Minister Ana Silva met with Foreign Minister Jonas Berg in Lisbon today. "
    "They discussed fisheries, energy links and migration. Note {number}."
)


@pytest.fixture(scope="module", autouse=True)
def cluster() -> Iterator[None]:
    """A local Ray cluster for this module, stopped after it."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


def records(count: int, text: str = MEETING) -> list[dict[str, Any]]:
    return [
        {"id": f"doc{number:03}", "text": text.format(number=number), "published": "2024-03-04"}
        for number in range(count)
    ]


def summarize_with_ray(settings: Settings, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dataset = ray.data.from_items(rows).map_batches(
        SummarizePartition,
        fn_constructor_kwargs={"settings": settings},
        concurrency=2,
        batch_size=6,
    )
    return list(dataset.iter_rows())


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ray_data_summarizes_every_document_once_in_input_order() -> None:
    """36 documents over 2 workers with the extractive engine: every row back, in order, each
    with a valid summary of its own text and no error."""
    rows = records(36)
    out = summarize_with_ray(Settings(engine=EngineName.EXTRACTIVE), rows)
    assert [row["id"] for row in out] == [row["id"] for row in rows]
    for row in out:
        assert row["error"] is None
        summary = MeetingSummary.model_validate_json(row["summary"])
        assert summary.provenance.source == row["id"]
        assert summary.meeting.date == "2024-03-04"
        assert {p.name for p in summary.participants} >= {"Ana Silva", "Jonas Berg"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ray_data_against_an_endpoint_asks_once_per_document(fake_server: FakeOpenAI) -> None:
    """24 documents against a scripted endpoint: 24 chat requests, one per document, none
    repeated, every row summarized by the endpoint."""
    fake_server.default = chat_answer(as_json(draft()))
    settings = Settings(
        engine=EngineName.ENDPOINT,
        base_url=fake_server.base_url,
        model="scripted",
        endpoint_kind=EndpointKind.OPENAI,
    )
    rows = records(24, LAVROV_CALL + " Note {number}.")  # the text the scripted answer quotes
    out = summarize_with_ray(settings, rows)
    assert [row["id"] for row in out] == [row["id"] for row in rows]
    asked = [
        json.dumps(request["json"]["messages"][-1]["content"])
        for request in fake_server.chat_requests()
    ]
    assert len(asked) == 24
    assert len(set(asked)) == 24
    assert all(row["error"] is None for row in out)
    assert {MeetingSummary.model_validate_json(r["summary"]).provenance.engine for r in out} == {
        "endpoint"
    }
