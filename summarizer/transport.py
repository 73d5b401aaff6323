"""Transport retries: one layer, under the openai SDK, for failures that are worth waiting out.

429 (honouring Retry-After), 408, 5xx, timeouts, refused and cut connections are retried with
exponential backoff and jitter, inside a bounded total wait. Everything else passes straight up:
auth and request errors must fail at once, and invalid answers are instructor's concern (re-asks).
The SDK's own retries are switched off so that no second layer retries the same thing.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx2
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type

from summarizer import calls
from summarizer.errors import InternalError

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long to keep trying. `sleep` and `rng` are injectable so tests run on a fake clock."""

    max_attempts: int = 6
    budget_seconds: float = 60.0
    initial_wait: float = 1.0
    max_wait: float = 20.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    rng: random.Random = field(default_factory=random.Random)
    on_retry: Callable[[RetryCallState], None] | None = None

    def wait_for(self, state: RetryCallState) -> float:
        """Retry-After when the server gives one, else exponential backoff with equal jitter."""
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, RetryableStatus) and error.retry_after is not None:
            return float(error.retry_after)
        base = min(self.max_wait, self.initial_wait * 2.0 ** (state.attempt_number - 1))
        return base / 2 + float(self.rng.uniform(0, base / 2))

    def should_stop(self, state: RetryCallState) -> bool:
        if state.attempt_number >= self.max_attempts:
            return True
        return state.idle_for + (state.upcoming_sleep or 0.0) > self.budget_seconds

    def retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            retry=retry_if_exception_type((RetryableStatus, httpx2.TransportError)),
            wait=self.wait_for,
            stop=self.should_stop,
            sleep=self.sleep,
            before_sleep=self.on_retry,
            reraise=True,
        )


class RetryableStatus(Exception):
    """A response whose status says 'try again later'."""

    def __init__(self, response: httpx2.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.retry_after = parse_retry_after(response.headers)


def parse_retry_after(headers: httpx2.Headers) -> float | None:
    """Seconds to wait from `retry-after-ms`, or `Retry-After` as seconds or an HTTP date."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class RetryingTransport(httpx2.AsyncBaseTransport):
    """Wraps a transport; reads each body fully so that a connection cut mid-body is retried too.

    It is also where the per-endpoint limit holds: at most `limit` requests in flight, a slot
    held only while a request is on the wire (not while its document is parsed or written, nor
    while a retry waits), so the endpoint is kept as busy as it was allowed to be."""

    def __init__(
        self, inner: httpx2.AsyncBaseTransport, policy: RetryPolicy, *, limit: int = 8
    ) -> None:
        self._inner = inner
        self._policy = policy
        self._slots = asyncio.Semaphore(limit)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        log = calls.current() if request.url.path.endswith("/chat/completions") else None
        try:
            async for attempt in self._policy.retrying():
                with attempt:
                    async with self._slots:
                        response = await self._send(request, log)
                    if response.status_code in RETRY_STATUSES:
                        raise RetryableStatus(response)
                    return response
        except RetryableStatus as exhausted:
            _mark_last_failed(log)
            return exhausted.response  # the SDK turns it into its own typed error
        except httpx2.TransportError:
            _mark_last_failed(log)
            raise
        raise InternalError("retry loop ended without an answer or an error")

    async def _send(self, request: httpx2.Request, log: calls.CallLog | None) -> httpx2.Response:
        """One try, read whole, entered in the document's call log (when there is one)."""
        started = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
            try:
                await response.aread()
            finally:
                await response.aclose()
        except httpx2.TransportError as error:  # ReadTimeout, RemoteProtocolError...
            if log is not None:
                seconds = time.perf_counter() - started
                log.add(status=type(error).__name__, outcome="retried", seconds=seconds)
            raise
        if log is not None:
            code = response.status_code
            log.add(status=str(code), outcome=_outcome(code), seconds=time.perf_counter() - started)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _outcome(code: int) -> str:
    if code in RETRY_STATUSES:
        return "retried"
    return "failed" if code >= 400 else "ok"


def _mark_last_failed(log: calls.CallLog | None) -> None:
    """The last try of a request that was never answered well: retries ran out."""
    last = log.last() if log is not None else None
    if last is not None:
        last.outcome = "failed"
