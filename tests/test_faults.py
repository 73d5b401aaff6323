"""Faults a model server can throw, scripted on a real loopback HTTP server, and what we do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer import InvalidOutputError, ProviderError, Summarizer
from summarizer.readers import discover
from tests.conftest import FakeClock
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, Reply, chat_answer

Make = Callable[..., Summarizer]
GOOD = as_json(draft())


def test_a_timeout_is_retried_after_a_backoff(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """An answer slower than the request timeout counts as a transport failure: one retry."""
    fake_server.replies = [Reply(body=chat_answer(GOOD).body, delay=1.0), chat_answer(GOOD)]
    summary = make_summarizer(request_timeout=0.3).summarize(LAVROV_CALL)
    assert summary.provenance.attempts == 1
    assert len(clock.sleeps) == 1
    assert len(fake_server.chat_requests()) == 2


def test_an_empty_choice_list_is_an_invalid_answer_not_a_crash(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """A 200 with no choices ends in InvalidOutputError naming the model; nothing is slept."""
    empty = chat_answer(GOOD)
    assert empty.body is not None
    empty.body["choices"] = []
    fake_server.replies = [empty] * 3
    with pytest.raises(InvalidOutputError, match="scripted"):
        make_summarizer().summarize(LAVROV_CALL)
    assert clock.sleeps == []


def test_whitespace_only_output_is_re_asked_then_rejected(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """An answer of blanks is invalid JSON: two re-asks, then a one-line error."""
    fake_server.replies = [chat_answer("   \n\t  ")] * 3
    with pytest.raises(InvalidOutputError) as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert caught.value.attempts == 3
    assert "\n" not in str(caught.value)


def test_a_server_error_on_one_document_leaves_the_others_written(
    make_summarizer: Make, fake_server: FakeOpenAI, tmp_path: Path
) -> None:
    """503 until the 30 s wait budget is spent on the first document (waits 10+10+10, then a
    fourth 503 would need 40 s); the second document is still summarized."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(LAVROV_CALL)
    busy = Reply(status=503, body={"error": {"message": "busy"}}, headers={"Retry-After": "10"})
    fake_server.replies = [busy, busy, busy, busy, chat_answer(GOOD)]
    summarizer = make_summarizer(concurrency=1)
    results = list(summarizer.summarize_many(discover([str(tmp_path)]), out_dir=tmp_path / "out"))
    assert [r.ok for r in results] == [False, True]
    assert isinstance(results[0].error, ProviderError)
    assert "HTTP 503" in str(results[0].error)
    assert (tmp_path / "out" / "b.json").exists()
    assert not (tmp_path / "out" / "a.json").exists()
