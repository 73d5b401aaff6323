"""The LLM call over real HTTP to a scripted loopback server: request shape, retries, re-asks."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from summarizer import InvalidOutputError, ProviderError, Summarizer, TruncatedOutputError
from summarizer.config import EndpointKind
from tests.conftest import FakeClock
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, Reply, chat_answer

Make = Callable[..., Summarizer]
GOOD = as_json(draft())


def test_openai_kind_asks_for_json_schema_structured_output(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """OpenAI, vLLM and Ollama get response_format json_schema carrying the draft schema."""
    fake_server.replies = [chat_answer(GOOD)]
    make_summarizer(EndpointKind.OPENAI).summarize(LAVROV_CALL)
    (sent,) = fake_server.chat_requests()
    response_format = sent["json"]["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "SummaryDraft"
    assert "participants" in response_format["json_schema"]["schema"]["properties"]
    assert sent["json"]["max_tokens"] == 1536


def test_llamacpp_kind_asks_for_json_object_with_an_inlined_schema(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """llama.cpp gets json_object plus a schema with no $ref, which it turns into a grammar."""
    fake_server.replies = [chat_answer(GOOD)]
    make_summarizer(EndpointKind.LLAMACPP).summarize(LAVROV_CALL)
    (sent,) = fake_server.chat_requests()
    response_format = sent["json"]["response_format"]
    assert response_format["type"] == "json_object"
    assert "$ref" not in json.dumps(response_format["schema"])
    assert "$defs" not in response_format["schema"]
    assert response_format["schema"]["properties"]["meeting"]["properties"]["title"]["maxLength"]


@pytest.mark.parametrize(("owner", "expected"), [("me", "json_object"), ("openai", "json_schema")])
def test_endpoint_kind_is_probed_once_when_not_given(
    make_summarizer: Make, fake_server: FakeOpenAI, owner: str, expected: str
) -> None:
    """One GET /models decides the kind; it is not repeated for the next document."""
    fake_server.owned_by = owner
    fake_server.replies = [chat_answer(GOOD), chat_answer(GOOD)]
    summarizer = make_summarizer(EndpointKind.AUTO)
    summarizer.summarize(LAVROV_CALL)
    summary = summarizer.summarize(LAVROV_CALL)
    probes = [r for r in fake_server.requests if r["path"].endswith("/models")]
    assert len(probes) == 1
    assert all(
        r["json"]["response_format"]["type"] == expected for r in fake_server.chat_requests()
    )
    assert summary.provenance.endpoint_kind == ("llamacpp" if owner == "me" else "openai")


def test_a_valid_grounded_answer_becomes_a_summary_with_provenance(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """One call, every item grounded, usage and hashes recorded, the key nowhere in the output."""
    fake_server.replies = [chat_answer(GOOD)]
    summary = make_summarizer().summarize(LAVROV_CALL, source="call.txt")
    assert summary.provenance.attempts == 1
    assert summary.provenance.reasks == 0
    assert summary.provenance.usage.total_tokens == 150
    assert summary.provenance.ungrounded_items == 0
    assert summary.grounded_share() == 1.0
    assert summary.participants[1].presence.value == "mentioned"
    assert "sk-test" not in summary.model_dump_json()
    headers = {k.lower(): v for k, v in fake_server.chat_requests()[0]["headers"].items()}
    assert headers["authorization"] == "Bearer sk-test-not-a-real-key-000000"


def test_an_invalid_answer_is_re_asked_once_with_the_error(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """Invalid then valid: one re-ask that quotes the validation error, usage summed over both."""
    broken = draft()
    broken["participants"][0]["presence"] = "present"
    fake_server.replies = [chat_answer(as_json(broken)), chat_answer(GOOD)]
    summary = make_summarizer().summarize(LAVROV_CALL)
    first, second = fake_server.chat_requests()
    assert len(second["json"]["messages"]) == len(first["json"]["messages"]) + 2
    assert "presence" in second["json"]["messages"][-1]["content"]
    assert summary.provenance.attempts == 2
    assert summary.provenance.reasks == 1
    assert summary.provenance.usage.total_tokens == 300


def test_answers_that_never_validate_end_in_invalid_output_error(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """Three invalid answers (two re-asks) and the error says what was wrong."""
    fake_server.replies = [chat_answer("{not json")] * 2 + [chat_answer('{"meeting": 1}')]
    with pytest.raises(InvalidOutputError) as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert caught.value.attempts == 3
    assert len(fake_server.chat_requests()) == 3
    assert "meeting" in str(caught.value)


def test_a_truncated_answer_is_not_re_asked(make_summarizer: Make, fake_server: FakeOpenAI) -> None:
    """finish_reason 'length' fails at once and tells how to fix it."""
    fake_server.replies = [chat_answer('{"meeting": {"title": "Bl', finish_reason="length")] * 3
    with pytest.raises(TruncatedOutputError, match="max-tokens"):
        make_summarizer().summarize(LAVROV_CALL)
    assert len(fake_server.chat_requests()) == 1


def test_ungrounded_items_get_one_corrective_re_ask_then_are_flagged(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """A made-up name triggers one re-ask naming it; still made up, the item is kept but flagged."""
    invented = as_json(draft(participant="Lian Ma"))
    fake_server.replies = [chat_answer(invented), chat_answer(invented)]
    summary = make_summarizer().summarize(LAVROV_CALL)
    second = fake_server.chat_requests()[1]["json"]["messages"]
    assert second[-2]["role"] == "assistant"
    assert "'Lian Ma' does not occur" in second[-1]["content"]
    person = summary.participants[0]
    assert person.name == "Lian Ma"
    assert not person.grounded
    assert summary.provenance.ungrounded_items == 1
    assert summary.provenance.attempts == 2


def test_a_corrected_answer_replaces_the_ungrounded_one(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """When the re-ask fixes the quotes, the corrected items are what is returned."""
    fake_server.replies = [chat_answer(as_json(draft(participant="Lian Ma"))), chat_answer(GOOD)]
    summary = make_summarizer().summarize(LAVROV_CALL)
    assert summary.participants[0].name == "Sergey Lavrov"
    assert summary.provenance.ungrounded_items == 0


def _status(code: int, **headers: str) -> Reply:
    return Reply(status=code, body={"error": {"message": f"scripted {code}"}}, headers=headers)


def test_429_waits_as_long_as_retry_after_says(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """HTTP 429 with Retry-After: 7 then 200: one retry after exactly 7 seconds."""
    fake_server.replies = [_status(429, **{"Retry-After": "7"}), chat_answer(GOOD)]
    make_summarizer().summarize(LAVROV_CALL)
    assert clock.sleeps == [7.0]
    assert len(fake_server.chat_requests()) == 2


def test_server_errors_back_off_exponentially_with_jitter(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """500, 502, 503 then 200: three waits, each within its doubling window."""
    fake_server.replies = [_status(500), _status(502), _status(503), chat_answer(GOOD)]
    make_summarizer().summarize(LAVROV_CALL)
    assert len(clock.sleeps) == 3
    for attempt, wait in enumerate(clock.sleeps, start=1):
        base = 2 ** (attempt - 1)
        assert base / 2 <= wait <= base


def test_a_connection_cut_mid_body_is_retried(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """Half a body then a closed socket counts as a transport failure and is retried."""
    fake_server.replies = [Reply(body=chat_answer(GOOD).body, cut=True), chat_answer(GOOD)]
    summary = make_summarizer().summarize(LAVROV_CALL)
    assert summary.meeting.title == "Blinken-Lavrov call"
    assert len(clock.sleeps) == 1


def test_retries_stop_when_the_wait_budget_is_spent(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """A server that keeps answering 503 is given up on within the total wait budget."""
    fake_server.replies = [_status(503, **{"Retry-After": "12"}) for _ in range(10)]
    with pytest.raises(ProviderError, match="HTTP 503"):
        make_summarizer().summarize(LAVROV_CALL)
    assert sum(clock.sleeps) <= 30
    assert clock.sleeps == [12.0, 12.0]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (401, "refused the API key.*OPENAI_API_KEY"),
        (403, "denied access"),
        (404, "has no model 'scripted'.*--model"),
        (400, "rejected the request.*--endpoint-kind"),
    ],
)
def test_client_errors_fail_at_once_with_the_fix(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock, code: int, message: str
) -> None:
    """401/403/404/400 are not retried and say what to change."""
    fake_server.replies = [_status(code), chat_answer(GOOD)]
    with pytest.raises(ProviderError, match=message) as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert clock.sleeps == []
    assert len(fake_server.chat_requests()) == 1
    assert caught.value.fatal is (code != 400)
    assert "sk-test" not in str(caught.value)


def test_a_refused_connection_is_retried_then_reported(clock: FakeClock) -> None:
    """Nothing listening: retried within the budget, then one line naming the URL."""
    import random

    from summarizer import Settings
    from summarizer.config import EngineName
    from summarizer.server import free_port
    from summarizer.transport import RetryPolicy

    settings = Settings(
        engine=EngineName.ENDPOINT,
        base_url=f"http://127.0.0.1:{free_port()}/v1",
        model="m",
        endpoint_kind=EndpointKind.OPENAI,
    )
    policy = RetryPolicy(sleep=clock.sleep, rng=random.Random(1), max_attempts=3)
    with (
        Summarizer(settings, retry_policy=policy) as summarizer,
        pytest.raises(ProviderError, match=r"cannot reach http://127\.0\.0\.1:\d+/v1.*--base-url"),
    ):
        summarizer.summarize(LAVROV_CALL)
    assert len(clock.sleeps) == 2


def test_a_failed_llm_falls_back_to_the_labelled_extractive_result(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """Answers that never validate: the document still gets a summary, marked as a fallback."""
    fake_server.replies = [chat_answer("{not json")] * 3
    summary = make_summarizer(fallback=True).summarize(LAVROV_CALL)
    assert summary.provenance.engine == "extractive"
    assert summary.provenance.fallback_from == "endpoint"
    assert "not used" in summary.provenance.warnings[0]
    assert summary.grounded_share() == 1.0
    assert {p.name for p in summary.participants} >= {"Antony J. Blinken", "Sergey Lavrov"}


def test_an_ungrounded_llm_answer_is_replaced_not_mixed(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """Items still ungrounded after the re-ask: the whole result is the extractive one."""
    invented = as_json(draft(participant="Lian Ma"))
    fake_server.replies = [chat_answer(invented), chat_answer(invented)]
    summary = make_summarizer(fallback=True).summarize(LAVROV_CALL)
    assert summary.provenance.fallback_from == "endpoint"
    assert summary.provenance.attempts == 2
    assert "Lian Ma" not in {p.name for p in summary.participants}


def test_a_fatal_endpoint_error_is_never_papered_over(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """A refused key raises even with the fallback on: the user must fix the setting."""
    fake_server.replies = [_status(401)]
    with pytest.raises(ProviderError, match="401"):
        make_summarizer(fallback=True).summarize(LAVROV_CALL)


def test_assist_sends_the_parsers_people_and_numbered_sentences(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """--assist: the request carries candidate people with titles and the numbered sentences."""
    fake_server.replies = [chat_answer(GOOD)]
    make_summarizer(assist=True).summarize(LAVROV_CALL)
    user = fake_server.chat_requests()[0]["json"]["messages"][-1]["content"]
    assert "- Russian Foreign Minister Sergey Lavrov" in user
    assert "[1] Secretary of State Antony J. Blinken spoke today with" in user


def test_a_list_far_past_its_limit_is_reported_with_its_real_length(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """10,000 participants: the error says 10,000, not the point where counting stopped, and
    does not quote the answer back."""
    crowded = draft()
    crowded["participants"] = crowded["participants"][:1] * 10_000
    fake_server.replies = [chat_answer(as_json(crowded))] * 3
    with pytest.raises(InvalidOutputError) as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert "participants: should have at most 16 items, not 10,000" in str(caught.value)
    assert "Sergey Lavrov" not in str(caught.value)
