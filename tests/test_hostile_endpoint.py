"""Hostile and broken model servers, scripted on a real loopback server (`tests/fake_openai.py`):
nothing hangs past its deadline, nothing is read past its limit, and no key reaches a file.

Retry waits run on a fake clock; the deadlines under test are real, so they are kept short. Wall
time is bounded only where a missing deadline would take minutes (ONLY_A_HANG): how fast a
deadline fires on a busy machine is not something a test can promise.
"""

from __future__ import annotations

import gzip
import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer import ProviderError, Summarizer
from summarizer.cli import main
from summarizer.config import EndpointKind
from summarizer.readers import discover
from summarizer.transport import MAX_REPLY_BYTES
from tests.conftest import FakeClock
from tests.drafts import LAVROV_CALL, as_json, draft
from tests.fake_openai import FakeOpenAI, Reply, chat_answer

Make = Callable[..., Summarizer]
GOOD = as_json(draft())
KEY = "sk-test-not-a-real-key-000000"
# Well short of what an uncut drip (72 s), a hung probe or a document without its bound would
# take, and far beyond what a busy machine adds.
ONLY_A_HANG = 60.0


def write_documents(folder: Path, count: int) -> list[str]:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"doc{number}.txt").write_text(LAVROV_CALL)
    return [str(folder)]


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline_and_retried(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """Each byte arrives well within --timeout, the whole would take a minute: the try ends at
    --timeout, one backoff, and the next answer is used."""
    fake_server.replies = [Reply(body=chat_answer(GOOD).body, drip=0.05), chat_answer(GOOD)]
    started = time.monotonic()
    summary = make_summarizer(request_timeout=0.5).summarize(LAVROV_CALL)
    assert time.monotonic() - started < ONLY_A_HANG
    assert summary.meeting.title == "Blinken-Lavrov call"
    assert len(clock.sleeps) == 1


def test_a_document_is_given_up_within_its_stated_bound(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """A server that always drips: the document ends at (max_reasks + 2) x --timeout plus the
    retry wait budget, with an error that says so, not after every retry of every call."""
    fake_server.default = Reply(body=chat_answer(GOOD).body, drip=0.05)
    summarizer = make_summarizer(request_timeout=0.4, max_reasks=0, retry_budget_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(ProviderError, match=r"more than 1 s for this document"):
        summarizer.summarize(LAVROV_CALL)
    assert time.monotonic() - started < ONLY_A_HANG


def test_a_probe_that_never_answers_is_tried_twice_once_per_run_and_stops_the_batch(
    make_summarizer: Make, fake_server: FakeOpenAI, tmp_path: Path
) -> None:
    """`GET /models` hangs: two tries at --timeout, the first document fails, the others are
    skipped with that reason, and nothing probes again."""
    fake_server.probe = Reply(delay=3600)
    summarizer = make_summarizer(EndpointKind.AUTO, request_timeout=0.3, concurrency=3)
    started = time.monotonic()
    results = list(
        summarizer.summarize_many(discover(write_documents(tmp_path / "in", 6)), out_dir=None)
    )
    assert time.monotonic() - started < ONLY_A_HANG
    probes = [r for r in fake_server.requests if r["path"].endswith("/models")]
    assert len(probes) == 2
    assert not any(result.ok for result in results)
    assert all(isinstance(result.error, ProviderError) for result in results)
    assert fake_server.chat_requests() == []


def test_a_reply_larger_than_the_limit_fails_its_document_without_a_retry(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """A body past the reply limit is refused while it streams in; the message names it."""
    fake_server.replies = [Reply(raw=b" " * (MAX_REPLY_BYTES + 1024))]
    with pytest.raises(ProviderError, match="larger than 16 MB") as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert not caught.value.fatal
    assert clock.sleeps == []


def gzip_bomb(inflated: int) -> bytes:
    """A small gzip body that inflates to `inflated` bytes of spaces."""
    buffer = io.BytesIO()
    chunk = b" " * (1 << 20)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as packed:
        for _ in range(inflated // len(chunk)):
            packed.write(chunk)
    return buffer.getvalue()


def test_a_gzip_bomb_is_stopped_at_the_limit_of_decoded_bytes(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """Under a megabyte on the wire, 256 MiB inflated: refused at the decoded-bytes limit."""
    bomb = gzip_bomb(256 << 20)
    assert len(bomb) < 1 << 20
    fake_server.replies = [Reply(raw=bomb, headers={"content-encoding": "gzip"})]
    with pytest.raises(ProviderError, match="larger than 16 MB"):
        make_summarizer().summarize(LAVROV_CALL)


def test_a_body_cut_mid_way_is_a_retryable_fault_of_one_document(
    make_summarizer: Make, fake_server: FakeOpenAI, tmp_path: Path
) -> None:
    """Not 'cannot reach the server', and not fatal: the next document is still summarized."""
    cut = Reply(body=chat_answer(GOOD).body, cut=True)
    fake_server.replies = [cut] * 6 + [chat_answer(GOOD)]
    summarizer = make_summarizer(concurrency=1)
    results = list(
        summarizer.summarize_many(discover(write_documents(tmp_path / "in", 2)), out_dir=None)
    )
    assert [result.ok for result in results] == [False, True]
    message = str(results[0].error)
    assert "broke off" in message
    assert "after 6 tries" in message
    assert "cannot reach" not in message


def test_a_long_retry_after_gives_up_at_once_and_says_no_retry_happened(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """429 asking for an hour is past the wait budget: one try, and no 'after retries'."""
    fake_server.replies = [Reply(status=429, body={}, headers={"Retry-After": "3600"})]
    with pytest.raises(ProviderError) as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert "(429)" in str(caught.value)
    assert "after" not in str(caught.value)
    assert clock.sleeps == []


def test_a_redirect_names_where_it_points_and_stops_the_run(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """A 307 is a wrong --base-url: say where the server points, fatal, no 'after retries'."""
    fake_server.replies = [
        Reply(status=307, body={}, headers={"location": "https://models.example/v1/x"})
    ]
    with pytest.raises(
        ProviderError, match=r"redirects requests \(HTTP 307 to https://models"
    ) as caught:
        make_summarizer().summarize(LAVROV_CALL)
    assert caught.value.fatal


def test_a_failed_tls_handshake_is_not_retried(
    make_summarizer: Make, fake_server: FakeOpenAI, clock: FakeClock
) -> None:
    """https:// to a plain-HTTP server: one try, a fatal error that names the scheme."""
    https = fake_server.base_url.replace("http://", "https://")
    with pytest.raises(ProviderError, match="TLS handshake") as caught:
        make_summarizer(base_url=https).summarize(LAVROV_CALL)
    assert caught.value.fatal
    assert clock.sleeps == []


def test_an_invented_meeting_counts_as_ungrounded_and_falls_back(
    make_summarizer: Make, fake_server: FakeOpenAI
) -> None:
    """A meeting quote the text does not hold, twice: not 'all grounded' but a fallback."""
    invented = draft()
    invented["meeting"]["evidence"] = ["The ministers met in Geneva over a long dinner."]
    fake_server.replies = [chat_answer(as_json(invented))] * 2
    summary = make_summarizer(fallback=True).summarize(LAVROV_CALL)
    assert summary.provenance.fallback_from == "endpoint"
    assert "1 item(s)" in summary.provenance.warnings[0]
    assert "Geneva" not in summary.meeting.title


def test_an_error_body_echoing_the_key_reaches_no_file_no_ledger_and_no_terminal(
    endpoint_env: FakeOpenAI,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    private_cache: Path,
) -> None:
    """A 400 that quotes `Authorization: Bearer <key>`: the fallback's warning, the .json,
    .md, report, cache and ledger and stderr all carry a mask instead."""
    monkeypatch.setenv("SUMMARIZER_FALLBACK", "yes")
    endpoint_env.default = Reply(status=400, echo_key=True)
    (tmp_path / "call.txt").write_text(LAVROV_CALL)
    out = tmp_path / "out"
    assert main([str(tmp_path / "call.txt"), "--out", str(out), "--html"]) == 0
    stderr = capsys.readouterr().err
    assert "[redacted]" in (out / "call.json").read_text()
    stored = [path.read_bytes() for path in out.iterdir()]
    stored += [path.read_bytes() for path in private_cache.parent.glob("cache.sqlite*")]
    assert all(KEY.encode() not in content for content in stored)
    assert KEY not in stderr
    assert main(["runs", "1", "--cache", str(private_cache)]) == 0
    assert KEY not in capsys.readouterr().out
